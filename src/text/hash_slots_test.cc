#include "text/hash_slots.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace newsweave::text {
namespace {

TEST(HashSlotsTest, BehavesLikeAMapThroughGrowthAndClears) {
  HashSlots<int> slots;
  std::map<std::uint64_t, int> reference;
  std::mt19937_64 rng(5);
  for (int round = 0; round < 4; ++round) {
    // Few distinct keys, some of them 0 and some colliding in their low bits.
    for (int i = 0; i < 3000; ++i) {
      std::uint64_t key = (rng() % 700) << (i % 3 == 0 ? 40 : 0);
      auto [value, inserted] = slots.Insert(key);
      EXPECT_EQ(inserted, reference.count(key) == 0) << key;
      if (inserted) EXPECT_EQ(*value, 0);  // value-initialized, whatever a slot held before
      *value += 1;
      reference[key] += 1;
    }
    EXPECT_EQ(slots.size(), reference.size());
    for (const auto& [key, count] : reference) {
      const int* found = slots.Find(key);
      ASSERT_NE(found, nullptr) << key;
      EXPECT_EQ(*found, count);
    }
    slots.Clear();
    reference.clear();
    EXPECT_EQ(slots.size(), 0u);
    EXPECT_EQ(slots.Find(0), nullptr);
  }
}

TEST(HashSlotsTest, HugeTablesGiveTheirMemoryBackOnClear) {
  HashSlots<std::uint64_t> slots;
  for (std::uint64_t k = 0; k < 100000; ++k) *slots.Insert(k * 7919).first = k;
  EXPECT_EQ(*slots.Find(99999 * 7919), 99999u);
  slots.Clear();
  EXPECT_EQ(slots.Find(99999 * 7919), nullptr);
  auto [value, inserted] = slots.Insert(42);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(*value, 0u);
}

}  // namespace
}  // namespace newsweave::text
