#include "dedup/shingles.h"

#define XXH_INLINE_ALL  // word hashes are short: inlined, XXH3 costs a few instructions
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsweave::dedup {
namespace {

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

// Byte classes: 0 separates words (ASCII punctuation, spaces, controls), 1 is an ASCII
// letter or digit, 2 starts or continues a multi-byte character.
constexpr std::array<std::uint8_t, 256> MakeClasses() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    t[c] = c >= 0x80 ? 2 : alnum ? 1 : 0;
  }
  return t;
}
constexpr std::array<std::uint8_t, 256> kClass = MakeClasses();

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

// Writes code point cp as UTF-8 at out (room for 4 bytes is the caller's business).
inline std::size_t PutUtf8(std::uint32_t cp, unsigned char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<unsigned char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<unsigned char>(0xC0 | (cp >> 6));
    out[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
    out[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<unsigned char>(0xF0 | (cp >> 18));
  out[1] = static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
  return 4;
}

// Long words are hashed in pieces of exactly kWordBuffer bytes, each piece's hash seeding
// the next, so a word hashes the same however its bytes were gathered.
constexpr std::size_t kWordBuffer = 256;

// Hashes the first kWordBuffer bytes of word into *w and moves the rest to the front;
// returns how many bytes are left.
inline std::size_t HashPiece(unsigned char* word, std::size_t len, std::uint64_t* w) {
  *w = XXH3_64bits_withSeed(word, kWordBuffer, *w);
  std::memmove(word, word + kWordBuffer, len - kWordBuffer);
  return len - kWordBuffer;
}

#if defined(__SSE2__)
// Lower-cases the 16 bytes at p into out and returns how many of them, from the first, are
// ASCII letters or digits (16 when all are): the ASCII part of a word, found at once.
inline int AsciiWordPrefix(const unsigned char* p, unsigned char* out) {
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i lower = _mm_or_si128(b, _mm_set1_epi8(0x20));
  // Signed compares: bytes from 0x80 up are negative, so never in a range.
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(b, _mm_set1_epi8('9' + 1)));
  const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out),
                   _mm_or_si128(b, _mm_and_si128(letter, _mm_set1_epi8(0x20))));
  return __builtin_ctz(~mask);  // bit 16 and up of ~mask are set
}
#endif

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
  int slot = 0;  // ring index of the oldest word hash
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // A word's lower-case bytes are gathered here and hashed at once (see HashPiece).
  unsigned char word[kWordBuffer + 16];
  std::size_t i = 0;
  while (i < n) {
    // The next word: a run of ASCII letters and digits and of non-ASCII characters that are
    // not punctuation, in lower case.
    while (i < n && kClass[p[i]] == 0) ++i;
    std::size_t len = 0;
    std::uint64_t w = 0;
    while (i < n) {
#if defined(__SSE2__)
      if (i + 16 <= n) {
        int ascii = AsciiWordPrefix(p + i, word + len);
        len += ascii;
        i += ascii;
        if (ascii < 16) {
          if (p[i] < 0x80) break;  // ASCII punctuation or space: the word is over
          std::uint32_t cp = NextCodePoint(p, n, &i);
          if (IsSeparator(cp)) {
            if (len > 0 || w != 0) break;
            continue;
          }
          len += PutUtf8(Lower(cp), word + len);
        }
        if (len >= kWordBuffer) len = HashPiece(word, len, &w);
        continue;
      }
#endif
      unsigned char c = p[i];
      std::uint8_t cls = kClass[c];
      if (cls == 1) {
        word[len++] = c | 0x20;  // lower case for letters; digits already have the bit
        ++i;
      } else if (cls == 0) {
        break;
      } else {
        std::uint32_t cp = NextCodePoint(p, n, &i);
        if (IsSeparator(cp)) {
          if (len > 0 || w != 0) break;
          continue;  // leading punctuation: not part of a word yet
        }
        len += PutUtf8(Lower(cp), word + len);
      }
      if (len >= kWordBuffer) len = HashPiece(word, len, &w);
    }
    if (len == 0 && w == 0) continue;
    w = XXH3_64bits_withSeed(word, len, w);
    if (words_hash) sequence.push_back(w);
    if (words >= k) rolling -= ring[slot] * top;
    rolling = rolling * kBase + w;
    ring[slot] = w;
    if (++slot == k) slot = 0;  // words % k, without a division per word
    ++words;
    if (words >= k) out->push_back(static_cast<std::uint32_t>(Mix(rolling) >> 32));
  }
  if (words > 0 && words < k) out->push_back(static_cast<std::uint32_t>(Mix(rolling) >> 32));
  if (words_hash)
    *words_hash = XXH3_64bits(sequence.data(), sequence.size() * sizeof(std::uint64_t));
}

}  // namespace newsweave::dedup
