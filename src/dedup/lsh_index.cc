#include "dedup/lsh_index.h"

#include <algorithm>

namespace newsweave::dedup {

void LshIndex::Add(std::uint32_t id, const std::uint32_t* sig,
                   std::vector<std::uint32_t>* candidates) {
  const std::size_t first = candidates->size();
  for (int band = 0; band < params_.bands; ++band) {
    // FNV-1a over the band's rows.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (int r = 0; r < params_.rows; ++r) {
      h = (h ^ sig[band * params_.rows + r]) * 0x100000001b3ULL;
    }
    std::vector<std::uint32_t>& bucket = buckets_[band][h];
    candidates->insert(candidates->end(), bucket.begin(), bucket.end());
    bucket.push_back(id);
  }
  std::sort(candidates->begin() + static_cast<long>(first), candidates->end());
  candidates->erase(std::unique(candidates->begin() + static_cast<long>(first), candidates->end()),
                    candidates->end());
}

void UnionFind::Resize(std::size_t n) {
  std::size_t old = parent_.size();
  parent_.resize(n);
  size_.resize(n, 1);
  for (std::size_t i = old; i < n; ++i) parent_[i] = static_cast<std::uint32_t>(i);
}

std::uint32_t UnionFind::Find(std::uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

bool UnionFind::Union(std::uint32_t x, std::uint32_t y) {
  x = Find(x);
  y = Find(y);
  if (x == y) return false;
  if (size_[x] < size_[y]) std::swap(x, y);
  parent_[y] = x;
  size_[x] += size_[y];
  return true;
}

}  // namespace newsweave::dedup
