// Banded locality-sensitive hashing over MinHash signatures, and groups by union-find.
#ifndef NEWSWEAVE_DEDUP_LSH_INDEX_H_
#define NEWSWEAVE_DEDUP_LSH_INDEX_H_

#include <cstdint>
#include <vector>

#include "dedup/minhash.h"

namespace newsweave::dedup {

// Buckets of signature bands, stored flat: per band an open-addressing table from the band's
// hash to the last document added with it, and per (document, band) the previous document
// with the same hash. About 4 bytes per band and document plus the tables (8 bytes a slot,
// under half full). Adding a signature never needs the texts again. Not thread-safe.
class LshIndex {
 public:
  explicit LshIndex(LshParams params);

  // Adds document `id` (ids must be added in increasing order, from 0) and appends to
  // *candidates (sorted, without repeats) the ids already in the index that share at least
  // one band with it; of a band shared by more than 64 documents, only the 64 most recent.
  void Add(std::uint32_t id, const std::uint32_t* sig, std::vector<std::uint32_t>* candidates);

  const LshParams& params() const { return params_; }

  // Bytes held by the index.
  std::size_t MemoryBytes() const;

 private:
  // 32 bits of the band's hash: a rare collision only adds a candidate, which the caller
  // checks on the signatures anyway.
  struct Slot {
    std::uint32_t key = 0;   // band hash (never 0)
    std::uint32_t last = 0;  // last document added with this key
  };
  struct Table {
    std::vector<Slot> slots;
    std::size_t used = 0;
  };
  Slot* Insert(Table* table, std::uint32_t key, bool* found);

  LshParams params_;
  std::vector<Table> tables_;            // one per band
  std::vector<std::uint32_t> previous_;  // [id * bands + band]: previous id with the key, or ~0
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
