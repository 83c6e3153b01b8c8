// Walking two sorted key sequences together: the merge step every sparse-vector comparison
// (cosines, shared-feature counts) is built on.
#ifndef NEWSWEAVE_TEXT_SORTED_MERGE_H_
#define NEWSWEAVE_TEXT_SORTED_MERGE_H_

#include <cstddef>

namespace newsweave::text {

// Calls on_shared(i, j) for each pair of positions with equal keys, in increasing key order,
// given two sequences of n and m keys sorted without repeats (key_a(i), key_b(j) read them).
// The steps do not branch on which side is smaller (unpredictable in a merge); shared keys
// are the few, so the branch on equality is cheap.
template <class KeyA, class KeyB, class OnShared>
void ForEachShared(std::size_t n, std::size_t m, KeyA key_a, KeyB key_b, OnShared on_shared) {
  std::size_t i = 0, j = 0;
  while (i < n && j < m) {
    const auto x = key_a(i);
    const auto y = key_b(j);
    if (x == y) on_shared(i, j);
    i += x <= y;
    j += y <= x;
  }
}

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_SORTED_MERGE_H_
