#include "dedup/shingles.h"

#include <xxhash.h>

#include <algorithm>

namespace newsweave::dedup {
namespace {

constexpr std::uint64_t kPrime = 0x100000001b3ULL;
constexpr std::uint64_t kBase = 0x9E3779B97F4A7C15ULL;  // polynomial base of the rolling hash

// Finalizer of MurmurHash3: spreads every input bit over the output.
inline std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline bool IsAsciiWord(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Decodes the UTF-8 character at p[i] (advancing i); malformed bytes come back one by one.
inline std::uint32_t NextCodePoint(const unsigned char* p, std::size_t n, std::size_t* i) {
  unsigned char c = p[*i];
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (*i + len > n) len = 1;
  std::uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) {
    if ((p[*i + k] & 0xC0) != 0x80) {
      len = 1;
      cp = c;
      break;
    }
    cp = (cp << 6) | (p[*i + k] & 0x3F);
  }
  *i += len;
  return cp;
}

// Punctuation and spaces outside ASCII: no-break space, « », ¿ ¡, typographic quotes and
// dashes, ellipsis, CJK and full-width punctuation. They separate words as ASCII ones do.
inline bool IsSeparator(std::uint32_t cp) {
  return (cp >= 0xA0 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 ||
         cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || cp == 0xFEFF;
}

// Lower case for the scripts of most news: Latin-1, Latin Extended-A, Greek and Cyrillic.
inline std::uint32_t Lower(std::uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xDE) return cp + 0x20;
  if (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0 && cp != 0x130 && cp != 0x138) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3A9) return cp + 0x20;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

}  // namespace

void HashShingles(std::string_view text, int k, std::vector<std::uint32_t>* out,
                  std::uint64_t* words_hash) {
  thread_local std::vector<std::uint64_t> sequence;  // all word hashes, for words_hash
  sequence.clear();
  constexpr int kRing = 64;
  k = std::clamp(k, 1, kRing);
  std::uint64_t ring[kRing];  // the last k word hashes
  // Rolling polynomial hash over the last k word hashes: H = sum w_j * B^(k-1-j).
  std::uint64_t top = 1;  // B^(k-1)
  for (int i = 1; i < k; ++i) top *= kBase;
  std::uint64_t rolling = 0;
  long words = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // The next word: a run of ASCII letters and digits and of non-ASCII characters that are
    // not punctuation, hashed in lower case.
    std::uint64_t w = 0xcbf29ce484222325ULL;  // FNV-1a of the word's lower-case characters
    bool in_word = false;
    while (i < n) {
      unsigned char c = p[i];
      std::uint32_t cp;
      if (c < 0x80) {
        if (!IsAsciiWord(c)) {
          ++i;
          if (in_word) break;
          continue;
        }
        cp = c >= 'A' && c <= 'Z' ? c + 32u : c;
        ++i;
      } else {
        cp = NextCodePoint(p, n, &i);
        if (IsSeparator(cp)) {
          if (in_word) break;
          continue;
        }
        cp = Lower(cp);
      }
      in_word = true;
      w = (w ^ cp) * kPrime;
    }
    if (!in_word) break;
    w = Mix(w);
    if (words_hash) sequence.push_back(w);
    if (words >= k) rolling -= ring[words % k] * top;
    rolling = rolling * kBase + w;
    ring[words % k] = w;
    ++words;
    if (words >= k) out->push_back(static_cast<std::uint32_t>(Mix(rolling) >> 32));
  }
  if (words > 0 && words < k) out->push_back(static_cast<std::uint32_t>(Mix(rolling) >> 32));
  if (words_hash)
    *words_hash = XXH3_64bits(sequence.data(), sequence.size() * sizeof(std::uint64_t));
}

}  // namespace newsweave::dedup
