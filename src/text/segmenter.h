// Sentences and words by ICU break iterators, with folded forms, stems and stop words.
#ifndef NEWSWEAVE_TEXT_SEGMENTER_H_
#define NEWSWEAVE_TEXT_SEGMENTER_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <unicode/brkiter.h>

#include "newsweave/analysis.h"
#include "text/stemmer.h"
#include "text/unicode.h"

namespace newsweave::text {

// Splits UTF-8 text into sentences and tokens. Reuses its buffers and iterators between
// calls, so that steady-state work does not allocate per token. Not thread-safe.
class Segmenter {
 public:
  Segmenter();
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Fills out->sentences, out->tokens and out->terms (appending to cleared containers) for
  // valid UTF-8 `text` in language `lang` ("und" or empty: no stems, no stop words).
  // `stems` false skips stemming (the stem is then the lower-case form).
  void Segment(std::string_view text, std::string_view lang, bool stems, Analysis* out);

 private:
  Stemmer* StemmerFor(std::string_view lang);

  std::unique_ptr<icu::BreakIterator> words_;
  std::unique_ptr<icu::BreakIterator> sentences_;
  std::u16string buf16_;
  std::string lower_;
  Folder folder_;
  std::map<std::string, std::unique_ptr<Stemmer>, std::less<>> stemmers_;
};

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_SEGMENTER_H_
