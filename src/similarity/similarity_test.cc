#include "newsweave/similarity.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace newsweave {
namespace {

struct Text {
  const char* id;
  const char* lang;
  const char* title;
  const char* published;
  const char* body;
};

const Text kQuakeEn = {
    "quake-en", "en", "Earthquake in eastern Turkey kills 41", "2023-10-24",
    "Earthquake in eastern Turkey kills 41\n\nA magnitude 6.1 earthquake struck the province "
    "of Van in eastern Turkey on Monday, killing 41 people and injuring 1,300, the disaster "
    "agency AFAD said. President Erdogan said rescue teams had reached the town of Ercis, "
    "where 19 buildings collapsed. Aftershocks continued through the night."};
const Text kQuakeFr = {
    "quake-fr", "fr", "Un séisme fait 41 morts dans l'est de la Turquie", "2023-10-24",
    "Un séisme fait 41 morts dans l'est de la Turquie\n\nUn séisme de magnitude 6,1 a frappé "
    "lundi la province de Van, dans l'est de la Turquie, faisant 41 morts et 1 300 blessés, "
    "selon l'agence AFAD. Le président Erdogan a indiqué que les secours avaient atteint la "
    "ville d'Ercis, où 19 immeubles se sont effondrés."};
const Text kQuakeYearLater = {
    "quake-2024", "en", "Van remembers the earthquake a year on", "2024-10-24",
    "Van remembers the earthquake a year on\n\nResidents of Van and Ercis marked a year since "
    "the earthquake on Thursday. The agency AFAD said 2,400 new homes had been built, and "
    "President Erdogan opened a memorial in the town."};
const Text kBudgetDe = {
    "budget-de", "de", "Bundestag beschließt Haushalt", "2023-11-30",
    "Bundestag beschließt Haushalt\n\nDer Bundestag hat am Donnerstag den Haushalt für 2024 "
    "beschlossen. Finanzminister Lindner sprach von einem Kompromiss, die Opposition "
    "kritisierte neue Schulden von 17 Milliarden Euro."};

ComparableArticle Describe(const Text& t) {
  Analyzer analyzer;
  Analysis analysis;
  analyzer.Analyze(t.body, t.lang, &analysis);
  XlingAnalyzer xling(Lexicon::Default());
  return DescribeArticle(t.id, t.title, t.published, t.body, analysis, &xling);
}

float Feature(const PairFeatures& f, std::string_view name) {
  for (int i = 0; i < kSimilarityFeatures; ++i) {
    if (FeatureNames()[static_cast<std::size_t>(i)] == name) return f[static_cast<std::size_t>(i)];
  }
  ADD_FAILURE() << "no feature " << name;
  return 0;
}

TEST(SimilarityFeaturesTest, SameEventInTwoLanguagesSharesNamesNumbersAndSpelling) {
  ComparableArticle en = Describe(kQuakeEn), fr = Describe(kQuakeFr), de = Describe(kBudgetDe);
  TermStatistics stats;
  for (const auto* a : {&en, &fr, &de}) stats.Add(*a);
  PairFeatures same = ComparePair(en, fr, stats);
  PairFeatures other = ComparePair(en, de, stats);
  EXPECT_EQ(Feature(same, "same_language"), 0.f);
  EXPECT_GT(Feature(same, "name_jaccard"), 0.2f);  // Van, Erdogan, Ercis, AFAD, Turkey?
  EXPECT_EQ(Feature(other, "name_jaccard"), 0.f);
  EXPECT_GE(Feature(same, "numbers_shared"), 2.f);  // 41, 19 (and 1,300 / 1 300 differ)
  EXPECT_GT(Feature(same, "gram_cosine"), Feature(other, "gram_cosine") + 0.05f);
  EXPECT_EQ(Feature(same, "date_gap_days"), 0.f);
  EXPECT_EQ(ComparePair(fr, en, stats), same);  // symmetric
  // The names' cosine alone, as stories ask for it first, is the feature's value.
  const ArticleWeights wen = WeighArticle(en, stats), wfr = WeighArticle(fr, stats);
  EXPECT_GT(NameCosine(en, wen, fr, wfr), 0.f);
  EXPECT_FLOAT_EQ(NameCosine(en, wen, fr, wfr), Feature(same, "name_weighted_cosine"));
}

TEST(SimilarityFeaturesTest, SamePlaceAYearApartKeepsNamesButNotDatesOrNumbers) {
  ComparableArticle a = Describe(kQuakeEn), b = Describe(kQuakeYearLater);
  TermStatistics stats;
  stats.Add(a);
  stats.Add(b);
  PairFeatures f = ComparePair(a, b, stats);
  EXPECT_EQ(Feature(f, "same_language"), 1.f);
  EXPECT_GT(Feature(f, "term_cosine"), 0.1f);
  EXPECT_GT(Feature(f, "name_containment"), 0.5f);
  EXPECT_EQ(Feature(f, "numbers_shared"), 0.f);
  EXPECT_EQ(Feature(f, "date_gap_days"), 366.f);  // 2024 is a leap year
  EXPECT_LT(Feature(f, "shingle_jaccard"), 0.1f);
}

TEST(SimilarityFeaturesTest, UnrelatedArticlesShareNothing) {
  ComparableArticle a = Describe(kQuakeFr), b = Describe(kBudgetDe);
  TermStatistics stats;
  PairFeatures f = ComparePair(a, b, stats);
  EXPECT_EQ(Feature(f, "term_cosine"), 0.f);
  EXPECT_EQ(Feature(f, "name_jaccard"), 0.f);
  EXPECT_EQ(Feature(f, "numbers_shared"), 0.f);
  EXPECT_EQ(Feature(f, "title_jaccard"), 0.f);
  EXPECT_EQ(Feature(f, "date_gap_days"), 37.f);
}

TEST(SimilarityModelTest, TrainsRoundTripsAndClampsToTheScale) {
  // Scores fall as term_cosine rises; a model must find that and keep to 1..4.
  std::vector<PairFeatures> rows;
  std::vector<std::array<double, kSimilarityTargets>> targets;
  for (int i = 0; i <= 100; ++i) {
    PairFeatures f{};
    f[1] = static_cast<float>(i) / 100.f;
    rows.push_back(f);
    double y = 4.0 - 3.0 * f[1];
    targets.push_back({y, y, y, y, y});
  }
  TrainOptions options;
  options.trees = 100;
  options.learning_rate = 0.2;
  options.min_leaf = 3;
  SimilarityModel model = SimilarityModel::Train(rows, targets, options);
  PairFeatures close{}, far{};
  close[1] = 0.95f;
  far[1] = 0.05f;
  EXPECT_LT(model.Predict(close).overall, 1.4);
  EXPECT_GT(model.Predict(far).overall, 3.6);
  auto parsed = SimilarityModel::Parse(model.Serialize());
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_NEAR(parsed->Predict(close).narrative, model.Predict(close).narrative, 1e-5);
  PairFeatures beyond{};
  beyond[1] = 5.f;
  EXPECT_GE(model.Predict(beyond).overall, 1.0);
  // One score alone is the same as in the five (the clusterer and stories ask for one or two).
  const SimilarityScores all = model.Predict(close);
  EXPECT_DOUBLE_EQ(model.PredictOverall(close), all.overall);
  EXPECT_DOUBLE_EQ(model.PredictTarget(close, 1), all.geography);
  EXPECT_DOUBLE_EQ(model.PredictTarget(close, 4), all.narrative);
  EXPECT_DOUBLE_EQ(model.PredictTarget(close, kSimilarityTargets), 4.0);
  EXPECT_FALSE(SimilarityModel::Parse("newsweave-similarity 1\nfeatures a b\n").has_value());
  EXPECT_FALSE(SimilarityModel::Parse("something else").has_value());
}

TEST(SimilarityModelTest, ShippedModelRanksTheSameEventFirstWithReasons) {
  ComparableArticle en = Describe(kQuakeEn), fr = Describe(kQuakeFr), de = Describe(kBudgetDe);
  ComparableArticle later = Describe(kQuakeYearLater);
  TermStatistics stats;
  for (const auto* a : {&en, &fr, &de, &later}) stats.Add(*a);
  SimilarityScores same = ScorePair(en, fr, stats);
  SimilarityScores unrelated = ScorePair(en, de, stats);
  EXPECT_LT(same.overall, unrelated.overall);
  EXPECT_GT(unrelated.overall, 3.0);
  bool names_reason = false;
  for (const std::string& r : same.reasons) names_reason |= r.find("Erdogan") != std::string::npos;
  EXPECT_TRUE(names_reason) << "reasons should name the shared people and places";
}

}  // namespace
}  // namespace newsweave

namespace newsweave {
namespace {

TEST(SimilarityFeaturesTest, EveryFeatureHasADistinctName) {
  std::set<std::string> names;
  for (const char* n : FeatureNames()) {
    ASSERT_NE(n, nullptr);
    EXPECT_TRUE(names.insert(n).second) << n;
  }
}

}  // namespace
}  // namespace newsweave
