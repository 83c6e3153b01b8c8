// SplitMix64: a small, fast stream of 64-bit numbers from a seed, the same on every
// platform (used where results must repeat for the same seed).
#ifndef NEWSWEAVE_TEXT_SPLITMIX_H_
#define NEWSWEAVE_TEXT_SPLITMIX_H_

#include <cstdint>

namespace newsweave::text {

// Advances *state and returns the next number of its stream.
inline std::uint64_t SplitMix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_SPLITMIX_H_
