// Lines of a raw article and the features the cleaner scores them by.
#ifndef NEWSWEAVE_CLEAN_LINES_H_
#define NEWSWEAVE_CLEAN_LINES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsweave::clean {

// Bit flags for the cue phrases a line matches (data/clean/chrome_cues.tsv).
enum CueFlags : std::uint8_t {
  kCueLine = 1,      // the whole line is a chrome phrase ("Advertisement")
  kCueContains = 2,  // the line contains one ("subscribe to our newsletter")
  kCueTail = 4,      // the line opens a list of links ("Related articles")
  kCueCredit = 8,    // a photo credit: the line is a caption
};

struct Line {
  std::uint32_t start = 0;  // trimmed content, byte offsets into the raw text
  std::uint32_t end = 0;
  std::uint32_t full_start = 0;  // the whole line without its newline
  std::uint32_t full_end = 0;
  bool blank = false;
  std::uint16_t words = 0;
  bool ends_sentence = false;     // last character . ! ? … or a closing quote
  bool starts_quote = false;      // first character is a quotation mark or a dash of dialogue
  bool dateline = false;          // "PARIS, March 14 (Reuters) -", "MADRID (EFE).-"
  bool source_repeat = false;     // seen in other articles of the same source
  bool title = false;             // equals the article's title
  std::uint8_t cues = 0;          // CueFlags
  int separators = 0;             // | > » • · between words (breadcrumbs, menus)
  float stop_share = 0.3f;        // share of words that are stop words (any language)
  float symbol_share = 0.0f;      // digits and symbols among non-space characters
  float upper_share = 0.0f;       // upper-case letters among letters
  bool plain = true;              // no tab, CR or double space: needs no collapsing to compare
  std::uint64_t hash = 0;         // NormalizedLineHash of the content (non-blank lines)
  const char* removed = nullptr;  // reason once the cleaner removes the line

  std::uint32_t size() const { return end - start; }
};

// Splits raw text into lines (LF or CRLF) with trimmed content offsets. Features are not
// computed yet.
void SplitLines(std::string_view raw, std::vector<Line>* lines);

// Computes the features of a non-blank line. Lines longer than `max_cue_bytes` are prose to
// the scores: they get only their length in words, final and initial punctuation, and the
// dateline test (no cue matching, stop word share, separators or character shares).
void ComputeFeatures(std::string_view raw, std::size_t max_cue_bytes, Line* line);

// Appends to *out the line with whitespace runs collapsed into single spaces and trimmed;
// the form under which repeated lines are compared.
void NormalizeForCompare(std::string_view line, std::string* out);

// A 64-bit hash of NormalizeForCompare(line), computed without building it. `plain` says the
// line is known to need no collapsing (Line::plain), which saves a scan.
std::uint64_t NormalizedLineHash(std::string_view line, bool plain = false);

}  // namespace newsweave::clean

#endif  // NEWSWEAVE_CLEAN_LINES_H_
