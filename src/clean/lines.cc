#include "clean/lines.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/ustring.h>
#include <xxhash.h>

#include "clean/cues.h"
#include "text/stopwords.h"
#include "text/unicode.h"

namespace newsweave::clean {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsSentence(std::string_view s) {
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?' || c == '"' || c == '\'') return true;
  for (std::string_view q : {"…", "»", "”", "’", "“"}) {
    if (EndsWith(s, q)) return true;
  }
  return false;
}

bool StartsQuote(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '"' || s[0] == '\'') return true;
  for (std::string_view q : {"“", "«", "„", "‚", "‹", "‘", "”", "—", "–"}) {
    if (StartsWith(s, q)) return true;
  }
  return false;
}

// "PARIS, March 14 (Reuters) -", "NEW YORK (AP) —", "MADRID (EFE).-": one or more words in
// capitals (3+ letters in all) followed by a comma, a parenthesis or a dash.
bool IsDateline(std::string_view s) {
  size_t i = 0;
  int caps = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      ++caps;
      ++i;
    } else if (c >= 0x80) {
      // Accented capitals (É, Ñ...) are two bytes; accept them inside a capitals run.
      if (caps == 0) return false;
      i += 2;
    } else if ((c == ' ' || c == '-' || c == '.') && caps > 0 && i + 1 < s.size() &&
               s[i + 1] >= 'A' && s[i + 1] <= 'Z') {
      ++i;  // "NEW YORK", "SAINT-DENIS", "ST. LOUIS"
    } else {
      break;
    }
  }
  if (caps < 3) return false;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i >= s.size()) return false;
  std::string_view rest = s.substr(i);
  return rest[0] == ',' || rest[0] == '(' || rest[0] == '-' || StartsWith(rest, "—") ||
         StartsWith(rest, "–");
}

// Number of words (runs of non-blanks) in s; *plain becomes false when s has a blank other
// than a space, or two spaces in a row. Sixteen bytes at a time: a word starts where a
// non-blank follows a blank.
int CountWords(std::string_view s, bool* plain) {
  int words = 0;
  size_t i = 0;
  bool after_blank = true;  // the start of the line counts as a blank
  bool after_space = false;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // \t \v \f \r are 0x09 and 0x0B..0x0D: 0x09..0x0D once \n (never inside a line) aside.
    const __m128i other = _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8(0x08)),
                                        _mm_cmplt_epi8(b, _mm_set1_epi8(0x0E)));
    const unsigned spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(b, space)));
    const unsigned others = static_cast<unsigned>(_mm_movemask_epi8(other));
    const unsigned blanks = spaces | others;
    if (others != 0 || (spaces & ((spaces << 1) | (after_space ? 1u : 0u))) != 0) *plain = false;
    const unsigned starts = ~blanks & ((blanks << 1) | (after_blank ? 1u : 0u)) & 0xFFFFu;
    words += __builtin_popcount(starts);
    after_blank = (blanks >> 15) & 1u;
    after_space = (spaces >> 15) & 1u;
  }
#endif
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (IsSpace(c)) {
      if (c != ' ' || after_space) *plain = false;
      after_blank = true;
      after_space = c == ' ';
    } else {
      if (after_blank) ++words;
      after_blank = after_space = false;
    }
  }
  return words;
}

// Length of the space-like character at raw[i] (ASCII blanks, no-break and other Unicode
// spaces, zero-width space, word joiner, BOM), or 0.
size_t SpaceAt(std::string_view raw, size_t i) {
  unsigned char c = static_cast<unsigned char>(raw[i]);
  if (c < 0x80) return IsSpace(raw[i]) ? 1 : 0;
  std::string_view r = raw.substr(i, 3);
  if (r.starts_with("\xC2\xA0")) return 2;  // no-break space
  if (r.size() < 3) return 0;
  if (r[0] == '\xE2' && r[1] == '\x80') {
    unsigned char d = static_cast<unsigned char>(r[2]);
    // U+2000..U+200B spaces, U+2028/U+2029 separators, U+202F narrow no-break space.
    return (d >= 0x80 && d <= 0x8B) || d == 0xA8 || d == 0xA9 || d == 0xAF ? 3 : 0;
  }
  if (r == "\xE2\x81\xA0" || r == "\xE3\x80\x80" || r == "\xEF\xBB\xBF") return 3;
  return 0;
}

// Length of the space-like character ending at raw[e - 1], or 0.
size_t SpaceBefore(std::string_view raw, size_t start, size_t e) {
  if (e > start && static_cast<unsigned char>(raw[e - 1]) < 0x80) return IsSpace(raw[e - 1]);
  if (e >= start + 2 && SpaceAt(raw, e - 2) == 2) return 2;
  if (e >= start + 3 && SpaceAt(raw, e - 3) == 3) return 3;
  return 0;
}

}  // namespace

void SplitLines(std::string_view raw, std::vector<Line>* lines) {
  lines->clear();
  // Lines end at LF, CRLF, or a bare CR (old Mac files); the common case needs one memchr.
  const bool has_cr = raw.find('\r') != std::string_view::npos;
  size_t pos = 0;
  while (pos <= raw.size()) {
    size_t nl = has_cr ? raw.find_first_of("\r\n", pos) : raw.find('\n', pos);
    if (nl == std::string_view::npos) nl = raw.size();
    size_t next = nl + 1;
    if (nl < raw.size() && raw[nl] == '\r' && nl + 1 < raw.size() && raw[nl + 1] == '\n') {
      next = nl + 2;
    }
    Line line;
    line.full_start = static_cast<uint32_t>(pos);
    line.full_end = static_cast<uint32_t>(nl);
    size_t s = pos, e = nl;
    for (size_t n; s < e && (n = SpaceAt(raw, s)) > 0;) s += n;
    for (size_t n; e > s && (n = SpaceBefore(raw, s, e)) > 0;) e -= n;
    line.start = static_cast<uint32_t>(s);
    line.end = static_cast<uint32_t>(e);
    line.blank = s == e;
    if (nl == raw.size() && line.blank && pos == raw.size() && !lines->empty()) break;
    lines->push_back(line);
    pos = next;
  }
}

void ComputeFeatures(std::string_view raw, std::size_t max_cue_bytes, Line* line) {
  std::string_view s = raw.substr(line->start, line->end - line->start);
  line->ends_sentence = EndsSentence(s);
  line->starts_quote = StartsQuote(s);
  line->dateline = IsDateline(s);
  if (s.size() > max_cue_bytes) {
    // A long line is prose (or a glued copy): the scores only read its length in words.
    bool plain = true;
    int words = CountWords(s, &plain);
    if (!plain) line->plain = false;
    line->words = static_cast<uint16_t>(std::min(words, 0xFFFF));
    return;
  }
  int words = 0, nonspace = 0, symbols = 0, upper = 0, letters = 0, seps = 0;
  bool in_word = false, word_has_alnum = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    unsigned char u = static_cast<unsigned char>(c);
    if (IsSpace(c)) {
      if (c != ' ' || (i + 1 < s.size() && s[i + 1] == ' ')) line->plain = false;
      if (in_word && word_has_alnum) ++words;
      in_word = false;
      word_has_alnum = false;
      continue;
    }
    in_word = true;
    if (u >= 0x80) {
      if ((u & 0xC0) != 0x80) {
        ++nonspace;
        // » • · › standing alone between spaces separate menu items, like | does.
        bool spaced_before = i > 0 && s[i - 1] == ' ';
        std::string_view rest = s.substr(i);
        size_t len = rest.starts_with("»") || rest.starts_with("·")   ? 2
                     : rest.starts_with("•") || rest.starts_with("›") ? 3
                                                                      : 0;
        if (len && spaced_before && i + len < s.size() && s[i + len] == ' ') {
          ++seps;
          ++symbols;
          word_has_alnum = false;
        } else {
          word_has_alnum = true;  // treat other non-ASCII characters as letters
          ++letters;
        }
      }
      continue;
    }
    ++nonspace;
    if (IsAsciiAlnum(c)) {
      word_has_alnum = true;
      if (c >= '0' && c <= '9') {
        ++symbols;
      } else {
        ++letters;
        if (c <= 'Z') ++upper;
      }
    } else {
      ++symbols;
      bool spaced = i > 0 && i + 1 < s.size() && s[i - 1] == ' ' && s[i + 1] == ' ';
      if (c == '|' || (spaced && (c == '>' || c == '/' || c == '-'))) ++seps;
    }
  }
  if (in_word && word_has_alnum) ++words;
  line->words = static_cast<uint16_t>(std::min(words, 0xFFFF));
  line->separators = seps;
  line->symbol_share = nonspace ? static_cast<float>(symbols) / nonspace : 0.f;
  line->upper_share = letters ? static_cast<float>(upper) / letters : 0.f;

  thread_local text::Folder folder;
  thread_local std::string lower, folded;
  lower.clear();
  folded.clear();
  bool ascii = true;
  for (char c : s) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    lower.resize(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    folded = lower;
  } else {
    thread_local std::u16string u16;
    u16.resize(s.size() + 1);
    int32_t n16 = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(reinterpret_cast<UChar*>(u16.data()), static_cast<int32_t>(u16.size()),
                         &n16, s.data(), static_cast<int32_t>(s.size()), 0xFFFD, nullptr, &status);
    if (U_SUCCESS(status))
      folder.Fold(reinterpret_cast<const UChar*>(u16.data()), n16, &lower, &folded);
  }
  static const text::StopwordSet* stops_set = text::CommonStopwords();
  line->cues = CuePhrases::Default().Match(folded);
  // Stop word share over words split at spaces, punctuation and apostrophes.
  int total = 0, stops = 0;
  size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && static_cast<unsigned char>(lower[i]) < 0x80 &&
           !IsAsciiAlnum(lower[i])) {
      ++i;
    }
    size_t j = i;
    while (j < lower.size() &&
           (static_cast<unsigned char>(lower[j]) >= 0x80 || IsAsciiAlnum(lower[j]))) {
      ++j;
    }
    if (j > i) {
      ++total;
      if (text::IsStopword(stops_set, std::string_view(lower).substr(i, j - i))) ++stops;
    }
    i = j;
  }
  line->stop_share = total ? static_cast<float>(stops) / total : 0.f;
}

std::uint64_t NormalizedLineHash(std::string_view line, bool plain) {
  // Most lines have no whitespace to collapse: hash their bytes as they are.
  if (!plain) {
    plain = true;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n' ||
          (c == ' ' && (i == 0 || i + 1 == line.size() || line[i + 1] == ' '))) {
        plain = false;
        break;
      }
    }
  }
  if (plain) return XXH3_64bits(line.data(), line.size());
  thread_local std::string buf;
  buf.clear();
  NormalizeForCompare(line, &buf);
  return XXH3_64bits(buf.data(), buf.size());
}

void NormalizeForCompare(std::string_view line, std::string* out) {
  bool space = false;
  for (char c : line) {
    if (IsSpace(c) || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out->empty()) out->push_back(' ');
    space = false;
    out->push_back(c);
  }
}

}  // namespace newsweave::clean
