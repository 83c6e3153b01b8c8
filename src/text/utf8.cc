#include "text/utf8.h"

#include <cstdint>

namespace newsweave::text {

std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    return (i + 1 < n && (p[i + 1] & 0xC0) == 0x80) ? 2 : 0;
  }
  if (c < 0xF0) {
    if (i + 2 >= n) return 0;
    unsigned char c1 = p[i + 1];
    if ((c1 & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c < 0xF5) {
    if (i + 3 >= n) return 0;
    unsigned char c1 = p[i + 1];
    if ((c1 & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 || (p[i + 3] & 0xC0) != 0x80) return 0;
    if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // Fast path: 8 ASCII bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      __builtin_memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    std::size_t len = Utf8SequenceLength(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// Length of the maximal ill-formed subpart at i: the lead byte plus any continuation
// bytes that could still have belonged to a valid sequence.
static std::size_t IllFormedLength(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned char c = p[i];
  std::size_t need = c >= 0xF0 && c < 0xF5   ? 3
                     : c >= 0xE0 && c < 0xF0 ? 2
                     : c >= 0xC2 && c < 0xE0 ? 1
                                             : 0;
  std::size_t j = i + 1;
  for (std::size_t k = 0; k < need && j < s.size(); ++k, ++j) {
    unsigned char b = p[j];
    unsigned char lo = 0x80, hi = 0xBF;
    if (k == 0) {
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    if (b < lo || b > hi) break;
  }
  return j - i;
}

std::size_t RepairUtf8(std::string_view s, std::string* out) {
  std::size_t replaced = 0;
  std::size_t i = 0;
  std::size_t run = 0;  // start of the current valid run
  out->reserve(out->size() + s.size());
  while (i < s.size()) {
    std::size_t len = Utf8SequenceLength(s, i);
    if (len != 0) {
      i += len;
      continue;
    }
    out->append(s.data() + run, i - run);
    out->append("\xEF\xBF\xBD");
    ++replaced;
    i += IllFormedLength(s, i);
    run = i;
  }
  out->append(s.data() + run, s.size() - run);
  return replaced;
}

bool LooksBinary(std::string_view s, std::size_t probe) {
  std::size_t n = s.size() < probe ? s.size() : probe;
  std::size_t control = 0;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++control;
  }
  return n > 0 && control * 20 > n;  // more than 5% control characters
}

}  // namespace newsweave::text
