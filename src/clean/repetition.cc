#include "clean/repetition.h"

#include <xxhash.h>

#include <string>

#include "text/hash_slots.h"

namespace newsweave::clean {
namespace {

constexpr size_t kPrefix = 24;       // bytes of a paragraph's start used to find it again
constexpr size_t kMaxPerPrefix = 8;  // paragraphs kept per start

uint64_t Hash(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// True when `c` may end a paragraph that the next one was glued to.
bool EndsParagraph(char c) {
  return c == '.' || c == '!' || c == '?' || c == '"' || c == ')' || c == '\x9d' ||  // ” ends in 9D
         c == '\xbb' || c == '\xa6';  // » and … end in BB and A6
}

// Paragraphs seen so far, findable by their first kPrefix bytes. Reused between articles.
class ParagraphIndex {
 public:
  void Clear() {
    heads_.Clear();
    paragraphs_.clear();
  }
  void Add(std::string_view p) {
    if (p.size() < kPrefix) return;
    Chain* chain = heads_.Insert(Hash(p.substr(0, kPrefix))).first;
    // Many paragraphs with one start (a log, a table) would make matching quadratic.
    if (chain->count >= kMaxPerPrefix) return;
    paragraphs_.push_back(Entry{p, chain->head});
    chain->head = static_cast<uint32_t>(paragraphs_.size());
    ++chain->count;
  }
  bool empty() const { return paragraphs_.empty(); }

  // Length of the longest indexed paragraph that `s` starts with, or that `s` is a
  // prefix of (a copy cut short at the end); 0 when none.
  size_t MatchAt(std::string_view s) const {
    if (s.size() < kPrefix) return 0;
    const Chain* chain = heads_.Find(Hash(s.substr(0, kPrefix)));
    size_t best = 0;
    for (uint32_t e = chain ? chain->head : 0; e != 0; e = paragraphs_[e - 1].next) {
      std::string_view p = paragraphs_[e - 1].text;
      if (s.size() >= p.size()) {
        if (s.compare(0, p.size(), p) == 0 && p.size() > best) best = p.size();
      } else if (p.compare(0, s.size(), s) == 0 && s.size() > best) {
        best = s.size();
      }
    }
    return best;
  }

 private:
  struct Chain {
    uint32_t head = 0;  // 1 + index in paragraphs_ of the latest paragraph; 0: none
    uint32_t count = 0;
  };
  struct Entry {
    std::string_view text;
    uint32_t next;  // 1 + index of the previous paragraph with the same start; 0: none
  };
  text::HashSlots<Chain> heads_;
  std::vector<Entry> paragraphs_;
};

// Share of `s` made of indexed paragraphs laid end to end (glued, or separated by spaces).
double GluedCoverage(std::string_view s, const ParagraphIndex& index) {
  size_t covered = 0;
  size_t p = 0;
  if (index.MatchAt(s) == 0) return 0.0;  // a glued copy starts with a paragraph
  while (p < s.size()) {
    while (p < s.size() && IsSpaceByte(s[p])) ++p;
    size_t m = index.MatchAt(s.substr(p));
    if (m > 0) {
      covered += m;
      p += m;
      continue;
    }
    // Resynchronize after the next paragraph-ending character.
    size_t q = p + 1;
    while (q < s.size() && !EndsParagraph(s[q - 1])) ++q;
    p = q;
  }
  return s.empty() ? 0.0 : static_cast<double>(covered) / static_cast<double>(s.size());
}

}  // namespace

void MarkRepetition(std::string_view raw, const CleanOptions& options, std::vector<Line>* lines) {
  thread_local text::HashSlots<size_t> seen;  // normalized line -> first index
  thread_local ParagraphIndex paragraphs;
  thread_local std::vector<bool> repeat;
  seen.Clear();
  paragraphs.Clear();
  repeat.assign(lines->size(), false);
  size_t prev = SIZE_MAX;  // previous non-blank line
  for (size_t i = 0; i < lines->size(); ++i) {
    Line& line = (*lines)[i];
    if (line.blank || line.removed) continue;  // removed already (by the reader): not text
    std::string_view content = raw.substr(line.start, line.size());
    uint64_t h = line.hash;
    auto [first, inserted] = seen.Insert(h);
    if (inserted) *first = i;
    if (!inserted && !line.removed) {
      if (prev != SIZE_MAX && (*lines)[prev].hash == h) {
        line.removed = "repeated-line";  // printed twice in a row
        repeat[i] = true;
      } else if (content.size() >= options.min_repeat_bytes) {
        line.removed = "repeated-body";
        repeat[i] = true;
      }
    } else if (inserted && !line.removed && content.size() >= 2 * options.min_repeat_bytes &&
               !paragraphs.empty() &&
               GluedCoverage(content, paragraphs) >= options.glued_coverage) {
      line.removed = "repeated-body";
      repeat[i] = true;
    }
    if (inserted && !repeat[i]) paragraphs.Add(content);
    prev = i;
  }
  // Short lines repeated inside a repeated block (a subheading of the second copy) go too.
  for (size_t i = 0; i < lines->size(); ++i) {
    Line& line = (*lines)[i];
    if (line.blank || line.removed) continue;
    const size_t* first = seen.Find(line.hash);
    if (first == nullptr || *first == i) continue;  // first copy
    auto neighbour_repeated = [&](int step) {
      for (long j = static_cast<long>(i) + step; j >= 0 && j < static_cast<long>(lines->size());
           j += step) {
        if ((*lines)[j].blank) continue;
        // The line's own twin printed next to it does not make a repeated block.
        return repeat[j] && (*lines)[j].hash != line.hash;
      }
      return false;
    };
    if (neighbour_repeated(-1) || neighbour_repeated(1)) {
      line.removed = "repeated-body";
      repeat[i] = true;
    }
  }
}

}  // namespace newsweave::clean
