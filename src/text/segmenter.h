// Sentences and words by ICU break iterators, with folded forms, stems and stop words.
#ifndef NEWSWEAVE_TEXT_SEGMENTER_H_
#define NEWSWEAVE_TEXT_SEGMENTER_H_

#include <unicode/brkiter.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsweave/analysis.h"
#include "text/stemmer.h"
#include "text/stopwords.h"
#include "text/term_cache.h"
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
  // UTF-8 `text` in language `lang` ("und" or empty: no stems, no stop words). Invalid
  // UTF-8 is segmented as repaired by RepairUtf8 (offsets then point into the repaired text).
  // `stems` false skips stemming (the stem is then the lower-case form).
  void Segment(std::string_view text, std::string_view lang, bool stems, Analysis* out);

 private:
  std::unique_ptr<icu::BreakIterator> words_;
  std::unique_ptr<icu::BreakIterator> sentences_;
  std::u16string buf16_;
  std::string lower_;
  std::string folded_;
  Folder folder_;
  // What the segmenter learns about a token's spelling is cached per language, so that
  // the folding, stop word and stemming work runs once per distinct spelling, not per token.
  struct Language {
    std::unique_ptr<Stemmer> stemmer;  // null without stems or when Snowball has none
    const StopwordSet* stopwords = nullptr;
    TermCache cache;
  };
  // The state for a language, with or without stems (each mode has its own cache).
  Language* LanguageFor(std::string_view lang, bool stems);
  CachedTerm Lookup(Language* language, std::string_view utf8, std::uint64_t hash, const UChar* u16,
                    int32_t len16);

  // A word or number found by the break iterator, before its cache lookup.
  struct RawToken {
    int32_t start16, end16;
    uint32_t start8, end8;
    std::uint64_t hash;
    bool number;
  };
  std::vector<RawToken> raw_;

  std::map<std::string, std::unique_ptr<Language>, std::less<>> languages_[2];  // [stems]
};

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_SEGMENTER_H_
