// Analysis: language, sentences, tokens, the cross-lingual representation and quotes of any
// clean text. Tokens and sentences stay inside the text; nothing crashes. An input starting
// with two lower-case letters and a newline ("fr\n...") declares that language.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "ingest/encoding.h"
#include "newsweave/analysis.h"
#include "newsweave/quotes.h"
#include "newsweave/xling.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nf = newsweave::fuzz;
  static newsweave::Analyzer analyzer;
  static newsweave::XlingAnalyzer xling(newsweave::Lexicon::Default());
  std::string_view in = nf::AsView(data, size);
  std::string declared;
  if (in.size() >= 3 && in[2] == '\n' && in[0] >= 'a' && in[0] <= 'z' && in[1] >= 'a' &&
      in[1] <= 'z') {
    declared = std::string(in.substr(0, 2));
    in.remove_prefix(3);
  }
  const std::string text = newsweave::ingest::DecodeToUtf8(in).text;
  newsweave::Analysis analysis;
  analyzer.Analyze(text, declared, &analysis);
  for (const auto& s : analysis.sentences) {
    nf::Check(s.start <= s.end && s.end <= text.size(), "a sentence outside the text");
  }
  for (const auto& t : analysis.tokens) {
    nf::Check(t.start <= t.end && t.end <= text.size(), "a token outside the text");
    nf::Check(t.sentence < analysis.sentences.size(), "a token in no sentence");
    (void)analysis.Folded(t);
    (void)analysis.Stem(t);
  }
  newsweave::NeutralRepresentation rep;
  xling.Represent(text, analysis, "2024-05-01", &rep);
  newsweave::ArticleStatements statements =
      newsweave::ExtractStatements(text, analysis, rep.entities);
  for (const auto& q : statements.quotes) {
    nf::Check(q.span.start <= q.span.end && q.span.end <= text.size(), "a quote outside the text");
  }
  return 0;
}
