// The SemEval-2022 Task 8 pairs as training and evaluation data for pair similarity:
// loading, features, training, and cross-validation in which no article is on both sides.
#ifndef NEWSWEAVE_SIMILARITY_EVALUATION_H_
#define NEWSWEAVE_SIMILARITY_EVALUATION_H_

#include <array>
#include <map>
#include <string>
#include <vector>

#include "newsweave/similarity.h"
#include "newsweave/status.h"

namespace newsweave::similarity {

struct LabelledPair {
  std::string id;                                    // pair_id: "A_B", with language suffixes
  std::size_t a = 0, b = 0;                          // indices into LabelledData::articles
  std::string langs;                                 // "de-en"
  std::array<double, kSimilarityTargets> targets{};  // Overall, Geography, Entities, Time,
                                                     // Narrative (the model's order)
  bool original = true;                              // ids of digits only: a real pair
  std::string group;                                 // fold key: both articles' numbers
};

struct LabelledData {
  std::vector<ComparableArticle> articles;  // each distinct article once
  std::vector<LabelledPair> pairs;
  TermStatistics stats;  // over all the articles
};

// The article a SemEval id was made from: "1484039360it" (a machine translation) ->
// "1484039360"; an original's id is its own.
std::string BaseArticleId(std::string_view id);

// Reads train.csv (columns pair_id, lang1, lang2, text1, text2 and the ratings), analyzes
// each distinct article on `threads` threads (0: all cores). Errors name the file and line.
Result<LabelledData> LoadSemEval(const std::string& path, int threads);

// The features of every pair, in order.
std::vector<PairFeatures> PairFeaturesOf(const LabelledData& data);

struct CrossValidation {
  int folds = 0;
  std::size_t pairs = 0;  // original pairs scored
  double pearson = 0;     // predicted against true Overall
  double auc = 0;         // Overall <= 1.5 against >= 3.5, by predicted Overall
  std::size_t same = 0, different = 0;
  std::map<std::string, std::pair<double, std::size_t>> by_langs;  // Pearson and count
  double baseline_pearson = 0;  // term_cosine alone (negated), for scale
  // Every original pair: index into LabelledData::pairs and its out-of-fold prediction.
  std::vector<std::pair<std::size_t, double>> predictions;
  double baseline_auc = 0;
};

// The fold (0..folds-1) of each pair: pairs are put in folds by the connected groups of
// articles they link (translations count as their original), so that no article is in two
// folds. Deterministic.
std::vector<int> FoldsOf(const LabelledData& data, int folds);

// K-fold cross-validation on the original pairs: the pairs are put in folds by the
// connected groups of articles they link (translations count as their original), so no
// article is in a training and a test fold; training uses every pair (translations too)
// outside the test fold. Deterministic.
CrossValidation CrossValidate(const LabelledData& data, const std::vector<PairFeatures>& features,
                              int folds, const TrainOptions& options);

// Pearson correlation of x and y (0 when either is constant).
double Pearson(const std::vector<double>& x, const std::vector<double>& y);

// Area under the ROC curve of `score` separating positives (true) from negatives; ties
// count half.
double RocAuc(const std::vector<double>& score, const std::vector<bool>& positive);

}  // namespace newsweave::similarity

#endif  // NEWSWEAVE_SIMILARITY_EVALUATION_H_
