// Term keys of pair similarity: 64-bit hashes whose top two bits say what they are.
#ifndef NEWSWEAVE_SIMILARITY_TERMS_H_
#define NEWSWEAVE_SIMILARITY_TERMS_H_

#include <cstdint>

namespace newsweave::similarity {

enum class TermKind : std::uint8_t { kWord = 0, kNumber = 1, kName = 2, kGram = 3 };

// A hash with its kind in the top two bits.
inline std::uint64_t MakeTerm(std::uint64_t hash, TermKind kind) {
  return (hash >> 2) | (static_cast<std::uint64_t>(kind) << 62);
}

inline TermKind KindOf(std::uint64_t term) { return static_cast<TermKind>(term >> 62); }

inline constexpr TermKind kNumberTerm = TermKind::kNumber;

// The quarter of gram space whose grams are weighed (grams below it, the same quarter for
// every article): only these need document frequencies.
inline constexpr std::uint32_t kGramSample = 1u << 30;

}  // namespace newsweave::similarity

#endif  // NEWSWEAVE_SIMILARITY_TERMS_H_
