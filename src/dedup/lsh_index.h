// Banded locality-sensitive hashing over MinHash signatures, and groups by union-find.
#ifndef NEWSWEAVE_DEDUP_LSH_INDEX_H_
#define NEWSWEAVE_DEDUP_LSH_INDEX_H_

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "dedup/minhash.h"

namespace newsweave::dedup {

// Buckets of signature bands. Adding a signature never needs the texts again; memory is one
// entry per (band, document). Not thread-safe.
class LshIndex {
 public:
  explicit LshIndex(LshParams params) : params_(params), buckets_(params.bands) {}

  // Adds document `id` and appends to *candidates (sorted, without repeats) the ids already
  // in the index that share at least one band with it.
  void Add(std::uint32_t id, const std::uint32_t* sig, std::vector<std::uint32_t>* candidates);

  const LshParams& params() const { return params_; }

 private:
  LshParams params_;
  std::vector<std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>> buckets_;
};

// Disjoint sets over ids 0..n-1, with path halving and union by size.
class UnionFind {
 public:
  explicit UnionFind(std::size_t n = 0) { Resize(n); }

  // Grows to n elements (new ones are singletons).
  void Resize(std::size_t n);

  // The representative of x's set.
  std::uint32_t Find(std::uint32_t x);

  // Merges the sets of x and y; returns false when they were already one.
  bool Union(std::uint32_t x, std::uint32_t y);

 private:
  std::vector<std::uint32_t> parent_, size_;
};

}  // namespace newsweave::dedup

#endif  // NEWSWEAVE_DEDUP_LSH_INDEX_H_
