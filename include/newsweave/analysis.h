// Analysis of clean text: language, sentences, words with their folded forms and stems.
#ifndef NEWSWEAVE_ANALYSIS_H_
#define NEWSWEAVE_ANALYSIS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsweave {

// A language decision. `code` is ISO 639-1 ("en", "fr", ...) or "und" when unsure.
struct LanguageGuess {
  std::string code = "und";
  double confidence = 0.0;     // 0..1: share of the text in that language, damped when unreliable
  bool reliable = false;       // CLD2's reliability flag (or the declared language was confirmed)
  bool from_declared = false;  // true when the input's declared language was kept
};

// A byte range [start, end) of the clean text.
struct TextSpan {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

enum class TokenKind : std::uint8_t { kWord, kNumber, kOther };

// One word or number. Offsets are bytes into the analyzed text; the folded form and stem
// live in Analysis::terms (one arena per article, no allocation per token).
struct Token {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t sentence = 0;  // index into Analysis::sentences
  std::uint32_t folded_offset = 0;
  std::uint32_t stem_offset = 0;
  std::uint16_t folded_length = 0;
  std::uint16_t stem_length = 0;
  TokenKind kind = TokenKind::kWord;
  bool stopword = false;          // in the language's stop word list
  bool capitalized = false;       // first letter upper or title case
  bool sentence_initial = false;  // first word of its sentence
};

struct Analysis {
  LanguageGuess language;
  std::vector<TextSpan> sentences;
  std::vector<Token> tokens;
  std::string terms;  // arena holding folded forms and stems

  // The case- and accent-folded form of the token ("Élysée" -> "elysee").
  std::string_view Folded(const Token& t) const {
    return std::string_view(terms).substr(t.folded_offset, t.folded_length);
  }
  // The Snowball stem of the token's lower-case form (the lower-case form itself for
  // numbers and for languages Snowball lacks).
  std::string_view Stem(const Token& t) const {
    return std::string_view(terms).substr(t.stem_offset, t.stem_length);
  }
  // Empties the analysis, keeping its buffers' capacity for the next article.
  void Clear() {
    language = LanguageGuess();
    sentences.clear();
    tokens.clear();
    terms.clear();
  }
};

struct AnalyzeOptions {
  // Minimum CLD2 share (0..100) of the text for a language to be accepted as reliable
  // when CLD2 itself does not flag the result as reliable.
  int min_percent = 60;
  // Texts with fewer letters than this keep a declared language unless CLD2 is reliable,
  // and are "und" when nothing is declared.
  int min_letters = 24;
  bool stems = true;  // compute Snowball stems
};

// Identifies the language of clean text. `declared` (may be empty) is the language the
// input claims; it wins unless CLD2 is reliably sure of a different language. Long texts are
// judged on three windows of at most 1,200 bytes (600 when a language is declared). `text`
// must be valid UTF-8 with a readable byte after its end (any std::string qualifies; CLD2
// may look one byte ahead). Thread-safe.
LanguageGuess IdentifyLanguage(std::string_view text, std::string_view declared,
                               const AnalyzeOptions& options = AnalyzeOptions());

// Language, sentences and tokens of a text. Holds ICU break iterators and Snowball
// stemmers: not thread-safe, use one per thread.
class Analyzer {
 public:
  explicit Analyzer(AnalyzeOptions options = AnalyzeOptions());
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Fills *out (cleared first) for valid UTF-8 `text`. `declared` as for IdentifyLanguage.
  void Analyze(std::string_view text, std::string_view declared, Analysis* out);

  // Sentences and tokens only, for a language already known ("und" for none).
  void Segment(std::string_view text, std::string_view lang, Analysis* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_ANALYSIS_H_
