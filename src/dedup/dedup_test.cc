#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dedup/lsh_index.h"
#include "dedup/minhash.h"
#include "dedup/shingles.h"

namespace newsweave::dedup {
namespace {

std::vector<std::uint32_t> Shingles(std::string_view text, int k = 5) {
  std::vector<std::uint32_t> out;
  HashShingles(text, k, &out);
  return out;
}

// A text of n distinct pseudo-words from a seed.
std::string Words(int n, int seed) {
  std::mt19937 rng(seed);
  std::string s;
  for (int i = 0; i < n; ++i) {
    s += "w" + std::to_string(rng() % 100000) + (i % 17 == 16 ? ". " : " ");
  }
  return s;
}

TEST(ShinglesTest, IgnoresCasePunctuationAndSpacing) {
  auto a = Shingles("The dam on the Abay river will start filling in July.");
  auto b = Shingles("the  dam, on the ABAY river -- will start filling in july");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 11u - 5 + 1);  // 11 words, 5-word windows
  EXPECT_NE(a, Shingles("The dam on the Abay river will stop filling in July."));
}

TEST(ShinglesTest, AWordHashesTheSameWhereverItStands) {
  // Words are read 16 bytes at a time away from the end of the text and byte by byte near
  // it; a long word is hashed in pieces. Neither may change a word's hash.
  const std::string long_word(300, 'x');
  const std::string words = "Überschwemmung in Zaragoza " + long_word + " NIÑOS évacués";
  // Six words: one 6-word shingle.
  std::vector<std::uint32_t> alone = Shingles(words, 6);
  ASSERT_EQ(alone.size(), 1u);
  std::string padded = words + " " + Words(40, 7);
  std::vector<std::uint32_t> first = Shingles(padded, 6);
  EXPECT_EQ(first.front(), alone.front());
  std::string lower = "überschwemmung in zaragoza " + long_word + " niños ÉVACUÉS";
  EXPECT_EQ(Shingles(lower, 6), alone);
  std::string other = "Überschwemmung in Zaragoza " + long_word + "y niños évacués";
  EXPECT_NE(Shingles(other, 6), alone);
}

TEST(ShinglesTest, QuoteStylesSpacesAndAccentedCapitalsDoNotMatter) {
  EXPECT_EQ(Shingles("L’homme a dit « non » à l’État, déclare ÉLODIE DUPONT à Québec."),
            Shingles("L'homme a dit \"non\" à l'état,\u00a0déclare élodie dupont à québec."));
  EXPECT_EQ(Shingles("МОСКВА и Київ — ΑΘΗΝΑ", 1), Shingles("москва и київ ... αθηνα", 1));
  EXPECT_NE(Shingles("café", 1), Shingles("cafe", 1));  // accents still count
}

TEST(ShinglesTest, ShortAndEmptyTexts) {
  EXPECT_TRUE(Shingles("").empty());
  EXPECT_TRUE(Shingles(" ... ").empty());
  EXPECT_EQ(Shingles("three short words").size(), 1u);
  EXPECT_EQ(Shingles("Straße über Köln", 1).size(), 3u);  // non-ASCII letters are word bytes
}

TEST(MinHashTest, EstimatesJaccardOfKnownSets) {
  MinHasher hasher(256, 42);
  std::mt19937 rng(7);
  std::vector<std::uint32_t> a, b;
  for (int i = 0; i < 800; ++i) {
    std::uint32_t v = rng();
    a.push_back(v);
    b.push_back(v);
  }
  for (int i = 0; i < 200; ++i) {
    a.push_back(rng());
    b.push_back(rng());
  }
  double truth = 800.0 / 1200.0;  // |A ∩ B| / |A ∪ B|
  std::vector<std::uint32_t> sa(256), sb(256);
  hasher.Sign(a.data(), a.size(), sa.data());
  hasher.Sign(b.data(), b.size(), sb.data());
  EXPECT_NEAR(EstimateJaccard(sa.data(), sb.data(), 256), truth, 0.08);
  // Same set in another order, with repeats: same signature.
  std::vector<std::uint32_t> c(a.rbegin(), a.rend());
  c.insert(c.end(), a.begin(), a.begin() + 100);
  std::vector<std::uint32_t> sc(256);
  hasher.Sign(c.data(), c.size(), sc.data());
  EXPECT_EQ(sa, sc);
  // Deterministic for a seed, different for another.
  MinHasher again(256, 42), other(256, 43);
  std::vector<std::uint32_t> s2(256), s3(256);
  again.Sign(a.data(), a.size(), s2.data());
  other.Sign(a.data(), a.size(), s3.data());
  EXPECT_EQ(sa, s2);
  EXPECT_NE(sa, s3);
}

TEST(LshParamsTest, SCurveCrossesNearTheThreshold) {
  for (double t : {0.5, 0.7, 0.8, 0.9}) {
    LshParams p = OptimalLshParams(t, 128);
    ASSERT_GT(p.bands, 0);
    ASSERT_GT(p.rows, 0);
    EXPECT_LE(p.bands * p.rows, 128);
    double knee = std::pow(1.0 / p.bands, 1.0 / p.rows);  // where the S-curve is steepest
    EXPECT_NEAR(knee, t, 0.12) << t << ": " << p.bands << "x" << p.rows;
  }
  // A higher threshold needs more rows per band.
  EXPECT_GT(OptimalLshParams(0.9, 128).rows, OptimalLshParams(0.5, 128).rows);
}

TEST(LshIndexTest, NearCopiesAreCandidatesAndUnrelatedTextsAreNot) {
  const int kPerms = 128;
  MinHasher hasher(kPerms, 1);
  LshIndex index(OptimalLshParams(0.8, kPerms));
  std::string original = Words(300, 1);
  std::string near = original;
  near.replace(near.find(' ', 200), 1, " inserted words here ");  // a small edit
  std::vector<std::string> texts = {original, Words(300, 2), near, Words(300, 3)};
  std::vector<std::vector<std::uint32_t>> candidates(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto sh = Shingles(texts[i]);
    std::vector<std::uint32_t> sig(kPerms);
    hasher.Sign(sh.data(), sh.size(), sig.data());
    index.Add(static_cast<std::uint32_t>(i), sig.data(), &candidates[i]);
  }
  EXPECT_TRUE(candidates[0].empty());
  EXPECT_TRUE(candidates[1].empty());
  EXPECT_EQ(candidates[2], std::vector<std::uint32_t>{0});
  EXPECT_TRUE(candidates[3].empty());
}

TEST(UnionFindTest, GroupsTransitively) {
  UnionFind uf(6);
  EXPECT_TRUE(uf.Union(0, 1));
  EXPECT_TRUE(uf.Union(3, 4));
  EXPECT_TRUE(uf.Union(1, 4));
  EXPECT_FALSE(uf.Union(0, 3));
  EXPECT_EQ(uf.Find(0), uf.Find(4));
  EXPECT_NE(uf.Find(0), uf.Find(2));
  uf.Resize(8);
  EXPECT_EQ(uf.Find(7), 7u);
}

}  // namespace
}  // namespace newsweave::dedup
