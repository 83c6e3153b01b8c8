#include "text/sorted_merge.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>
#include <utility>
#include <vector>

namespace newsweave::text {
namespace {

TEST(SortedMergeTest, VisitsEverySharedKeyOnceInOrder) {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 50; ++round) {
    // Sets of different sizes (one may be empty), drawn from a small range so they overlap.
    std::set<std::uint64_t> sa, sb;
    const int na = static_cast<int>(rng() % 40), nb = static_cast<int>(rng() % 60);
    for (int i = 0; i < na; ++i) sa.insert(rng() % 80);
    for (int i = 0; i < nb; ++i) sb.insert(rng() % 80);
    const std::vector<std::uint64_t> a(sa.begin(), sa.end()), b(sb.begin(), sb.end());
    std::vector<std::pair<std::size_t, std::size_t>> visited;
    ForEachShared(
        a.size(), b.size(), [&](std::size_t i) { return a[i]; },
        [&](std::size_t j) { return b[j]; },
        [&](std::size_t i, std::size_t j) { visited.emplace_back(i, j); });
    std::vector<std::pair<std::size_t, std::size_t>> expected;
    for (std::size_t i = 0; i < a.size(); ++i) {
      for (std::size_t j = 0; j < b.size(); ++j) {
        if (a[i] == b[j]) expected.emplace_back(i, j);
      }
    }
    EXPECT_EQ(visited, expected);
  }
}

}  // namespace
}  // namespace newsweave::text
