#include "dedup/shingles.h"

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

inline bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

void HashShingles(std::string_view text, int k, std::vector<std::uint32_t>* out,
                  std::uint64_t* words_hash) {
  std::uint64_t sequence = 0;  // polynomial hash of all word hashes
  if (k < 1) k = 1;
  // Rolling polynomial hash over the last k word hashes: H = sum w_j * B^(k-1-j).
  std::uint64_t top = 1;  // B^(k-1)
  for (int i = 1; i < k; ++i) top *= kBase;
  constexpr int kRing = 64;
  std::uint64_t ring[kRing];  // the last k word hashes (k <= 64)
  if (k > kRing) k = kRing;
  std::uint64_t rolling = 0;
  long words = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    while (i < n && !IsWordByte(p[i])) ++i;
    if (i >= n) break;
    std::uint64_t w = 0xcbf29ce484222325ULL;  // FNV-1a of the folded word
    while (i < n && IsWordByte(p[i])) {
      unsigned char c = p[i++];
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      w = (w ^ c) * kPrime;
    }
    w = Mix(w);
    sequence = sequence * kBase + w;
    if (words >= k) rolling -= ring[words % k] * top;
    rolling = rolling * kBase + w;
    ring[words % k] = w;
    ++words;
    if (words >= k) out->push_back(static_cast<std::uint32_t>(Mix(rolling) >> 32));
  }
  if (words > 0 && words < k) out->push_back(static_cast<std::uint32_t>(Mix(rolling) >> 32));
  if (words_hash) *words_hash = Mix(sequence ^ static_cast<std::uint64_t>(words));
}

}  // namespace newsweave::dedup
