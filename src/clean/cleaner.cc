#include "newsweave/cleaner.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include <algorithm>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "clean/lines.h"
#include "clean/repetition.h"
#include "text/unicode.h"

namespace newsweave {
namespace {

using clean::Line;

constexpr size_t kProfileMaxLineBytes = 400;
constexpr size_t kProfileEdgeLines = 100;

uint64_t LineKey(uint64_t source_hash, uint64_t line_hash) {
  return line_hash ^ (source_hash * 0x9E3779B97F4A7C15ULL);
}

uint64_t SourceHash(std::string_view source_key) {
  return XXH3_64bits(source_key.data(), source_key.size());
}

const uint64_t kAnonymousSourceHash = SourceHash("");

// Sums the line's features into a chrome score (higher: more likely chrome).
double ChromeScore(const Line& l, bool at_edge) {
  double s = 0;
  if (l.cues & clean::kCueLine) s += 3.0;
  if (l.cues & clean::kCueContains) s += 4.0;
  if (l.cues & clean::kCueTail) s += 3.0;
  if (l.cues & clean::kCueCredit) s += 3.0;
  if (l.source_repeat && l.words <= 15) s += 3.0;
  if (l.separators >= 2) {
    s += 1.5;
  } else if (l.separators == 1) {
    s += 1.0;
  }
  if (l.words <= 3) {
    s += 1.0;
  } else if (l.words <= 6) {
    s += 0.5;
  }
  if (l.ends_sentence) s -= 1.5;
  if (l.words >= 8 && l.stop_share >= 0.25f) s -= 1.0;
  if (l.words >= 3 && l.stop_share == 0.0f) s += 0.5;
  if (l.symbol_share > 0.3f) s += 1.0;
  if (l.upper_share > 0.7f && l.words <= 6) s += 0.5;
  if (l.words >= 25) s -= 1.0;
  if (l.dateline) s -= 2.5;
  if (l.starts_quote) s -= 1.0;
  if (l.title) s -= 2.0;
  if (at_edge) s += 0.5;
  return s;
}

const char* ChromeReason(const Line& l) {
  if (l.cues & clean::kCueCredit) return "caption";
  if (l.cues & clean::kCueTail) return "related-links";
  if (l.source_repeat && !(l.cues & (clean::kCueLine | clean::kCueContains))) {
    return "source-repeat";
  }
  return "chrome";
}

bool IsZeroWidth(UChar32 c) {
  // Zero-width (non-)joiners stay: they are part of Persian, Indic and emoji spellings.
  return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD || (c < 0x20 && c != '\t') ||
         c == 0x7F;
}

// True when byte i of s starts something AppendNormalizedLine must look at: a control
// character, a second space, a soft hyphen, or a character from U+0300 up other than the
// dashes, quotes, bullets, ellipsis and primes of U+2010..U+2027 and U+2030..U+203F.
inline bool SpecialAt(std::string_view s, size_t i) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x20 || b == 0x7F) return true;
  if (b == ' ') return i + 1 < s.size() && s[i + 1] == ' ';
  if (b == 0xC2) return i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xAD;
  if (b < 0xCC) return false;
  if (b == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char c = static_cast<unsigned char>(s[i + 2]);
    return !((c >= 0x90 && c <= 0xA7) || (c >= 0xB0 && c <= 0xBF));
  }
  return true;
}

// True when the line has anything SpecialAt flags. Sixteen bytes are screened at a time:
// only bytes that might be special (controls, spaces, 0xC2, 0xCC and up) are looked at.
bool NeedsNormalizing(std::string_view s) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi8(0x1F), high = _mm_set1_epi8(static_cast<char>(0xCC));
  const __m128i space = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7F);
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i flag = _mm_cmpeq_epi8(_mm_min_epu8(b, below), b);             // b <= 0x1F
    flag = _mm_or_si128(flag, _mm_cmpeq_epi8(_mm_max_epu8(b, high), b));  // b >= 0xCC
    flag = _mm_or_si128(flag, _mm_cmpeq_epi8(b, space));
    flag = _mm_or_si128(flag, _mm_cmpeq_epi8(b, del));
    flag = _mm_or_si128(flag, _mm_cmpeq_epi8(b, c2));
    for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(flag)); m != 0; m &= m - 1) {
      if (SpecialAt(s, i + static_cast<size_t>(__builtin_ctz(m)))) return true;
    }
  }
#endif
  for (; i < s.size(); ++i) {
    if (SpecialAt(s, i)) return true;
  }
  return false;
}

// Appends the line with whitespace collapsed, invisible characters dropped and NFC applied.
// Runs of ordinary characters are copied whole.
void AppendNormalizedLine(std::string_view s, std::string* out, std::string* scratch) {
  // Most lines need nothing: no control characters, no runs of spaces, no soft hyphen and
  // nothing at or above U+0300 (where invisible characters and NFC changes live) but common
  // punctuation. Those are copied at once.
  const bool plain = !NeedsNormalizing(s);
  if (plain) {
    out->append(s);
    return;
  }
  scratch->clear();
  bool space = false;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t run = i;
    while (run < n) {
      unsigned char b = static_cast<unsigned char>(s[run]);
      if (b < 0x21 || b >= 0x7F) break;  // space, control or non-ASCII: look closer
      ++run;
    }
    if (run > i) {
      if (space && !scratch->empty()) scratch->push_back(' ');
      space = false;
      scratch->append(s.data() + i, static_cast<size_t>(run - i));
      i = run;
      continue;
    }
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      if (b != 0x7F) space = true;  // blanks, and control characters (NUL...) between words
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0 || IsZeroWidth(c)) continue;
    if (c == 0x2028 || c == 0x2029 || c == 0x3000) {
      space = true;
      continue;
    }
    if (space && !scratch->empty()) scratch->push_back(' ');
    space = false;
    scratch->append(s.data() + start, static_cast<size_t>(i - start));
  }
  text::AppendNfc(*scratch, out);
}

// True when the text ends in a letter followed by a hyphen ("govern-").
bool EndsWithHyphenatedWord(const std::string& s) {
  if (s.size() < 2 || s.back() != '-') return false;
  unsigned char c = static_cast<unsigned char>(s[s.size() - 2]);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

bool StartsLowercase(std::string_view s) {
  if (s.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c > 0 && u_islower(c);
}

// Gives back the memory of a reused buffer after a monster article, so that one huge input
// does not pin it for the rest of the process.
template <class T>
void ReleaseIfHuge(std::vector<T>* v) {
  if (v->capacity() > (1u << 16)) std::vector<T>().swap(*v);
}

}  // namespace

const std::string& SourceProfile::SourceKey(const Article& article) { return article.source; }

void SourceProfile::Add(const Article& article) {
  thread_local std::vector<Line> lines;
  clean::SplitLines(article.text, &lines);
  // Fingerprint: the article's longest line, so that copies of one article count once.
  std::string_view longest;
  for (const Line& l : lines) {
    if (l.size() > longest.size())
      longest = std::string_view(article.text).substr(l.start, l.size());
  }
  uint64_t fingerprint = XXH3_64bits(longest.data(), longest.size());
  uint64_t source = SourceHash(SourceKey(article));
  // Chrome sits at the edges: only the first and last kProfileEdgeLines lines are counted,
  // which also bounds the profile's memory whatever the articles hold.
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i == kProfileEdgeLines && lines.size() > 2 * kProfileEdgeLines) {
      i = lines.size() - kProfileEdgeLines;
    }
    const Line& l = lines[i];
    if (l.blank || l.size() > kProfileMaxLineBytes) continue;
    uint64_t k = LineKey(source, clean::NormalizedLineHash(
                                     std::string_view(article.text).substr(l.start, l.size())));
    Entry& e = lines_[k];
    if (e.articles == 0) {
      e.fingerprints[0] = fingerprint;
      e.articles = 1;
    } else if (e.articles == 1 && e.fingerprints[0] != fingerprint) {
      e.fingerprints[1] = fingerprint;
      e.articles = 2;
    } else if (e.articles == 2 && e.fingerprints[0] != fingerprint &&
               e.fingerprints[1] != fingerprint) {
      e.articles = 3;
    }
  }
  ReleaseIfHuge(&lines);
}

void SourceProfile::Clear() {
  if (lines_.bucket_count() > (1u << 20)) {
    std::unordered_map<std::uint64_t, Entry>().swap(lines_);
  } else {
    lines_.clear();
  }
}

bool SourceProfile::Repeated(std::string_view source_key, std::string_view line) const {
  return RepeatedHash(SourceHash(source_key), clean::NormalizedLineHash(line));
}

bool SourceProfile::RepeatedHash(std::uint64_t source_hash, std::uint64_t line_hash) const {
  auto it = lines_.find(LineKey(source_hash, line_hash));
  // Without a known source every article shares one key: ask for more evidence.
  int needed = source_hash == kAnonymousSourceHash ? 3 : 2;
  return it != lines_.end() && it->second.articles >= needed;
}

Cleaner::Cleaner(CleanOptions options) : options_(options) {}

CleanText Cleaner::Clean(const Article& article, const SourceProfile* profile) const {
  CleanText result;
  std::string_view raw = article.text;
  thread_local std::vector<Line> lines;
  clean::SplitLines(raw, &lines);

  uint64_t source_hash = profile ? SourceHash(SourceProfile::SourceKey(article)) : 0;
  thread_local std::string title_norm, buf;
  title_norm.clear();
  if (!article.title.empty()) clean::NormalizeForCompare(article.title, &title_norm);
  for (Line& l : lines) {
    if (l.blank) continue;
    std::string_view content = raw.substr(l.start, l.size());
    clean::ComputeFeatures(raw, options_.max_cue_line_bytes, &l);
    l.hash = clean::NormalizedLineHash(content, l.plain);
    if (profile && l.size() <= kProfileMaxLineBytes) {
      l.source_repeat = profile->RepeatedHash(source_hash, l.hash);
    }
    if (!title_norm.empty() && l.size() <= title_norm.size() + 8) {
      buf.clear();
      clean::NormalizeForCompare(content, &buf);
      l.title = buf == title_norm;
    }
  }

  // Blocks the reader dropped (HTML boilerplate) go first, with the reader's reasons.
  if (!article.dropped.empty()) {
    std::size_t d = 0;
    for (Line& l : lines) {
      while (d < article.dropped.size() && article.dropped[d].end <= l.start) ++d;
      if (d == article.dropped.size()) break;
      const RemovedSpan& span = article.dropped[d];
      if (!l.blank && l.start >= span.start && l.end <= span.end) l.removed = span.reason.c_str();
    }
  }

  clean::MarkRepetition(raw, options_, &lines);

  // Live lines: non-blank and not yet removed.
  thread_local std::vector<size_t> live;
  live.clear();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].blank && !lines[i].removed) live.push_back(i);
  }
  thread_local std::vector<double> score;
  score.assign(lines.size(), 0.0);
  for (size_t k = 0; k < live.size(); ++k) {
    bool at_edge = k < 2 || k + 2 >= live.size();
    score[live[k]] = ChromeScore(lines[live[k]], at_edge);
  }
  auto solid = [&](size_t i) {
    const Line& l = lines[i];
    return score[i] < options_.edge_threshold &&
           ((l.words >= 8 && l.ends_sentence) || l.words >= 25);
  };
  size_t first = live.size(), last = live.size();
  for (size_t k = 0; k < live.size(); ++k) {
    if (solid(live[k])) {
      if (first == live.size()) first = k;
      last = k;
    }
  }
  // A list of links at the end: a short cue line ("Related articles") in the second half,
  // followed only by lines shorter than a paragraph.
  size_t total_bytes = 0;
  for (size_t i : live) total_bytes += lines[i].size();
  size_t tail_from = live.size();
  {
    // Longest line (in words) after each position, from one backward pass.
    thread_local std::vector<uint16_t> max_words_after;
    max_words_after.assign(live.size() + 1, 0);
    for (size_t k = live.size(); k-- > 0;) {
      max_words_after[k] = std::max(max_words_after[k + 1], lines[live[k]].words);
    }
    size_t before = 0;
    for (size_t k = 0; k < live.size(); ++k) {
      const Line& l = lines[live[k]];
      if ((l.cues & clean::kCueTail) && l.words <= 12 && 2 * before >= total_bytes &&
          max_words_after[k + 1] <= 25) {
        tail_from = k;
        break;
      }
      before += l.size();
    }
    ReleaseIfHuge(&max_words_after);
  }
  for (size_t k = 0; k < live.size(); ++k) {
    Line& l = lines[live[k]];
    bool in_zone = first == live.size() || k < first || k > last;
    if (k >= tail_from) {
      l.removed = k == tail_from || score[live[k]] < options_.edge_threshold ? "related-links"
                                                                             : ChromeReason(l);
    } else if (in_zone) {
      if (score[live[k]] >= options_.edge_threshold) l.removed = ChromeReason(l);
    } else if ((l.cues & (clean::kCueLine | clean::kCueContains | clean::kCueTail)) &&
               l.words <= options_.body_max_words && !l.starts_quote && !l.dateline && !l.title) {
      l.removed = ChromeReason(l);
    }
  }

  // Assemble the clean text and the removed spans.
  thread_local std::string scratch;
  result.text.reserve(raw.size());
  bool blank_since_last = false;
  bool have_text = false;
  bool kept_since_span = false;  // a line was kept after the last removed span
  const std::size_t max_spans = options_.max_removed_spans;
  for (const Line& l : lines) {
    if (l.blank) {
      blank_since_last = true;
      continue;
    }
    if (l.removed) {
      if (max_spans == 0 || result.removed.size() < max_spans) {
        result.removed.push_back(RemovedSpan{l.start, l.end, l.removed});
        kept_since_span = false;
        continue;
      }
      if (!kept_since_span) {
        result.removed.back().end = l.end;  // over the limit: one span for a run
        continue;
      }
      ++result.kept_over_span_limit;  // and the line is kept below
    }
    kept_since_span = true;
    std::string_view content = raw.substr(l.start, l.size());
    if (have_text) {
      if (!blank_since_last && EndsWithHyphenatedWord(result.text) && StartsLowercase(content)) {
        result.text.pop_back();  // "govern-" + "ment"
      } else {
        result.text.append(blank_since_last ? "\n\n" : "\n");
      }
    }
    AppendNormalizedLine(content, &result.text, &scratch);
    have_text = true;
    blank_since_last = false;
  }
  ReleaseIfHuge(&lines);
  return result;
}

}  // namespace newsweave
