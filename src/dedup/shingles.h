// Word shingles of clean text, hashed to 32 bits in one pass with no allocation per shingle.
#ifndef NEWSWEAVE_DEDUP_SHINGLES_H_
#define NEWSWEAVE_DEDUP_SHINGLES_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace newsweave::dedup {

// Appends to *out the 32-bit hashes of the text's k-word shingles, in text order (with
// repeats). Words are maximal runs of ASCII letters and digits and of non-ASCII characters
// other than punctuation (no-break spaces, typographic quotes and dashes, « », CJK
// punctuation separate words), in lower case for Latin, Greek and Cyrillic letters; so
// punctuation, spacing, quote styles and case do not matter.
// A text of fewer than k words yields one shingle of all its words (none when empty).
// k is taken within 1..64.
// When `words_hash` is given, it receives the XXH3 hash of the whole word sequence (the
// same words in the same order, case and punctuation aside, give the same hash).
void HashShingles(std::string_view text, int k, std::vector<std::uint32_t>* out,
                  std::uint64_t* words_hash = nullptr);

}  // namespace newsweave::dedup

#endif  // NEWSWEAVE_DEDUP_SHINGLES_H_
