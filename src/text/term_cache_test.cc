#include "text/term_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace newsweave::text {
namespace {

TEST(TermCacheTest, FindsWhatWasInserted) {
  TermCache cache;
  CachedTerm t;
  EXPECT_FALSE(cache.Find("Élysée", TermCache::Hash("Élysée"), &t));
  cache.Insert("Élysée", TermCache::Hash("Élysée"), "elysee", "élys", false, true);
  cache.Insert("the", TermCache::Hash("the"), "the", "", true, false);
  ASSERT_TRUE(cache.Find("Élysée", TermCache::Hash("Élysée"), &t));
  EXPECT_EQ(t.folded, "elysee");
  EXPECT_EQ(t.stem, "élys");
  EXPECT_TRUE(t.capitalized);
  EXPECT_FALSE(t.stopword);
  ASSERT_TRUE(cache.Find("the", TermCache::Hash("the"), &t));
  EXPECT_TRUE(t.stopword);
  EXPECT_TRUE(t.stem.empty());
  EXPECT_FALSE(cache.Find("The", TermCache::Hash("The"), &t));  // spelling is exact
}

TEST(TermCacheTest, GrowsAndStartsOverWhenFull) {
  TermCache cache(/*max_entries=*/10000);
  for (int i = 0; i < 10000; ++i) {
    std::string k = "w" + std::to_string(i);
    cache.Insert(k, TermCache::Hash(k), k, "", false, false);
  }
  EXPECT_EQ(cache.size(), 10000u);
  CachedTerm t;
  for (int i = 0; i < 10000; i += 97) {
    std::string k = "w" + std::to_string(i);
    ASSERT_TRUE(cache.Find(k, TermCache::Hash(k), &t)) << k;
    EXPECT_EQ(t.folded, k);
  }
  cache.Insert("fresh", TermCache::Hash("fresh"), "fresh", "", false, false);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_FALSE(cache.Find("w0", TermCache::Hash("w0"), &t));
  EXPECT_TRUE(cache.Find("fresh", TermCache::Hash("fresh"), &t));
}

TEST(TermCacheTest, LongSpellingsAreHandedBackUncached) {
  TermCache cache;
  std::string longword(200, 'a');
  CachedTerm t = cache.Insert(longword, TermCache::Hash(longword), longword, "aaa", false, false);
  EXPECT_EQ(t.folded, longword);
  EXPECT_EQ(t.stem, "aaa");
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_FALSE(cache.Find(longword, TermCache::Hash(longword), &t));
}

}  // namespace
}  // namespace newsweave::text
