#include "similarity/boosted_trees.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace newsweave::similarity {
namespace {

// y = 3 when x0 > 0.5, else 1, plus x1 / 2; x2 is noise the trees should ignore.
void MakeData(int n, std::uint32_t seed, std::vector<float>* x, std::vector<double>* y) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.f, 1.f);
  for (int i = 0; i < n; ++i) {
    float a = u(rng), b = u(rng), c = u(rng);
    x->insert(x->end(), {a, b, c});
    y->push_back((a > 0.5f ? 3.0 : 1.0) + b / 2.0);
  }
}

TEST(RegressionForestTest, LearnsAStepAndASlopeAndPredictsUnseenRows) {
  std::vector<float> x, tx;
  std::vector<double> y, ty;
  MakeData(600, 1, &x, &y);
  MakeData(200, 2, &tx, &ty);
  ForestOptions options;
  options.trees = 200;
  options.learning_rate = 0.1;
  RegressionForest forest = RegressionForest::Fit(x, 3, y, options);
  double error = 0;
  for (std::size_t i = 0; i < ty.size(); ++i) {
    double d = forest.Predict(tx.data() + 3 * i) - ty[i];
    error += d * d;
  }
  EXPECT_LT(std::sqrt(error / static_cast<double>(ty.size())), 0.12);  // target spread ~1
}

TEST(RegressionForestTest, SameSeedSameForestAndTextRoundTrip) {
  std::vector<float> x;
  std::vector<double> y;
  MakeData(300, 3, &x, &y);
  ForestOptions options;
  options.trees = 40;
  RegressionForest a = RegressionForest::Fit(x, 3, y, options);
  RegressionForest b = RegressionForest::Fit(x, 3, y, options);
  std::string ta, tb;
  a.AppendText(&ta);
  b.AppendText(&tb);
  EXPECT_EQ(ta, tb);
  options.seed = 9;
  std::string tc;
  RegressionForest::Fit(x, 3, y, options).AppendText(&tc);
  EXPECT_NE(ta, tc);

  std::size_t pos = 0;
  auto parsed = RegressionForest::Parse(ta, &pos, 3);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(pos, ta.size());
  EXPECT_EQ(parsed->tree_count(), 40u);
  for (std::size_t i = 0; i < 50; ++i) {
    EXPECT_NEAR(parsed->Predict(x.data() + 3 * i), a.Predict(x.data() + 3 * i), 1e-5);
  }
}

TEST(RegressionForestTest, RejectsBrokenText) {
  std::size_t pos = 0;
  EXPECT_FALSE(RegressionForest::Parse("base 1 trees 2\nv 0.1\n", &pos, 3).has_value());
  pos = 0;
  EXPECT_FALSE(RegressionForest::Parse("base 1 trees 1\nf7 0.5 1 2 | v 1 | v 2\n", &pos, 3));
  pos = 0;  // a child pointing back at its parent would loop
  EXPECT_FALSE(RegressionForest::Parse("base 1 trees 1\nf0 0.5 0 1 | v 1\n", &pos, 3));
  pos = 0;
  EXPECT_TRUE(RegressionForest::Parse("base 1 trees 1\nf0 0.5 1 2 | v 1 | v 2\n", &pos, 3));
}

}  // namespace
}  // namespace newsweave::similarity
