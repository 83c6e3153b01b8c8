// What the quotes tests share: statements of a text analysed as the main job does it.
#ifndef NEWSWEAVE_QUOTES_TEST_UTIL_H_
#define NEWSWEAVE_QUOTES_TEST_UTIL_H_

#include <string_view>

#include "newsweave/analysis.h"
#include "newsweave/quotes.h"
#include "newsweave/xling.h"

namespace newsweave::quotes_test {

// Analyses `text` as the main job does (language declared, names from the cross-lingual
// layer) and extracts its statements.
inline ArticleStatements Extract(std::string_view text, std::string_view lang) {
  static Analyzer analyzer;
  static XlingAnalyzer xling(Lexicon::Default());
  Analysis analysis;
  analyzer.Analyze(text, lang, &analysis);
  NeutralRepresentation rep;
  xling.Represent(text, analysis, "", &rep);
  return ExtractStatements(text, analysis, rep.entities);
}

}  // namespace newsweave::quotes_test

#endif  // NEWSWEAVE_QUOTES_TEST_UTIL_H_
