#include "text/keyed_lists.h"

#include <gtest/gtest.h>

#include <vector>

namespace newsweave::text {
namespace {

std::vector<std::uint32_t> Ids(const KeyedLists& lists, std::uint64_t key) {
  const KeyedLists::List list = lists.Find(key);
  return std::vector<std::uint32_t>(list.begin(), list.end());
}

TEST(KeyedListsTest, ListsIdsInTheOrderAppendedUnderEachKey) {
  KeyedLists lists;
  EXPECT_TRUE(Ids(lists, 7).empty());
  lists.Append(7, 3);
  EXPECT_EQ(Ids(lists, 7), std::vector<std::uint32_t>({3}));
  lists.Append(7, 5);
  lists.Append(9, 5);
  lists.Append(7, 1);
  EXPECT_EQ(Ids(lists, 7), std::vector<std::uint32_t>({3, 5, 1}));
  EXPECT_EQ(Ids(lists, 9), std::vector<std::uint32_t>({5}));
  EXPECT_TRUE(Ids(lists, 8).empty());
}

TEST(KeyedListsTest, AnIdRepeatedLastIsKeptOnce) {
  KeyedLists lists;
  lists.Append(1, 4);
  lists.Append(1, 4);
  lists.Append(1, 6);
  lists.Append(1, 6);
  lists.Append(1, 4);
  EXPECT_EQ(Ids(lists, 1), std::vector<std::uint32_t>({4, 6, 4}));
}

TEST(KeyedListsTest, KeepDropsAllButTheLatestOnceAListDoubles) {
  KeyedLists lists;
  for (std::uint32_t id = 0; id < 4; ++id) lists.Append(2, id, 2);
  EXPECT_EQ(Ids(lists, 2), std::vector<std::uint32_t>({0, 1, 2, 3}));
  lists.Append(2, 4, 2);
  EXPECT_EQ(Ids(lists, 2), std::vector<std::uint32_t>({2, 3, 4}));
}

}  // namespace
}  // namespace newsweave::text
