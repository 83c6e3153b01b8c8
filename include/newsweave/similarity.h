// Pair similarity on the SemEval-2022 Task 8 scale (1 = same event, 4 = unrelated): per
// article a comparable description built once, per pair a feature vector, and a small
// boosted-tree model from features to scores, with reasons a person can read.
#ifndef NEWSWEAVE_SIMILARITY_H_
#define NEWSWEAVE_SIMILARITY_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsweave/analysis.h"
#include "newsweave/status.h"
#include "newsweave/xling.h"

namespace newsweave {

// A term of an article with its count: a stem (words) or a normalized number, as a hash
// that includes the language for stems (so "die" in German and English differ).
struct TermCount {
  std::uint64_t term = 0;
  std::uint32_t count = 0;
};

// What pair similarity needs of one article, built once (DescribeArticle) and compared
// with any number of others. Vectors are sorted by hash, without repeats.
struct ComparableArticle {
  std::string id;
  std::string lang;                     // ISO 639-1 or "und"
  std::string published;                // as given (ISO 8601), may be empty
  std::vector<TermCount> terms;         // content stems and numbers of the whole text
  std::vector<std::uint64_t> title;     // content stems of the title (or first sentence)
  std::vector<std::uint64_t> lead;      // content stems of the first 60 content words
  std::vector<std::uint64_t> names;     // folded capitalized words not opening a sentence
  std::vector<std::uint64_t> numbers;   // numbers of two or more digits, digits only
  std::vector<std::uint32_t> grams;     // hashed character 4-grams of the folded words
  std::vector<std::uint32_t> shingles;  // hashed 3-word shingles of the folded words (32 bits)
  std::uint32_t words = 0;              // word tokens
  // Pivot terms, entity keys, dates, numbers; null when not computed. Shared and never
  // changed once described, so that the main job's translation index and its clusterer hold
  // one copy.
  std::shared_ptr<const NeutralRepresentation> xling;
  // Readable forms for reasons: the surface form of each name and of each term seen,
  // keyed by the same hashes (sorted by hash).
  std::vector<std::pair<std::uint64_t, std::string>> labels;

  // *xling, or an empty representation when there is none.
  const NeutralRepresentation& neutral() const;
};

// Time in days since 1970-01-01 (UTC, zones ignored) of an ISO 8601 date or date-time
// ("2026-03-14", "2026-03-14T09:30:00Z", "2026-03-14 09:30:00"); NaN when empty or unreadable.
double DaysSinceEpoch(std::string_view iso_date);

// Builds the comparable form of an analyzed article. `title` may be empty (the first
// sentence then stands for it). With `xling` (one per thread), the language-neutral
// representation is added too; without it the cross-lingual features are zero.
ComparableArticle DescribeArticle(std::string_view id, std::string_view title,
                                  std::string_view published, std::string_view text,
                                  const Analysis& analysis, XlingAnalyzer* xling = nullptr);

// Document frequencies of terms over the articles at hand, blended with a prior so that
// a handful of articles is weighed sensibly: a term is assumed to have been seen in
// `prior_documents` imaginary articles at a rate that depends on its kind.
class TermStatistics {
 public:
  explicit TermStatistics(double prior_documents = 50.0);
  // Counts the article's distinct terms and names.
  void Add(const ComparableArticle& article);
  // Articles counted with this term or name.
  std::uint32_t DocumentCount(std::uint64_t term) const;
  // Inverse document frequency of a term or name (> 0).
  double Idf(std::uint64_t term) const;
  std::uint64_t documents() const { return documents_; }
  // Frequencies of the cross-lingual features (of the articles added so far).
  const DocumentFrequencies& neutral() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
  std::uint64_t documents_ = 0;
  double prior_;
};

// The features of a pair, in a fixed order (FeatureNames()).
inline constexpr int kSimilarityFeatures = 23;
using PairFeatures = std::array<float, kSimilarityFeatures>;

// Names of the features, in order; the model file lists them and is checked against them.
const std::array<const char*, kSimilarityFeatures>& FeatureNames();

// The corpus weights of one article's terms, names, sampled character grams and
// cross-lingual features at one moment of the statistics, with its heaviest terms: computed
// once per article (WeighArticle) and reused for every pair it is in, so that comparing a
// pair merges sorted lists instead of looking each term up.
struct ArticleWeights {
  std::vector<float> terms;              // per ComparableArticle::terms: (1 + log count) * idf
  std::vector<float> names;              // per ComparableArticle::names: idf
  std::vector<float> grams;              // per gram of the sampled quarter of gram space: idf
  std::vector<float> neutral;            // per xling.features: FeatureWeights()
  std::vector<std::uint64_t> top_terms;  // the 10 heaviest terms, sorted by hash
  double terms_norm2 = 0, names_norm2 = 0, grams_norm2 = 0;  // sums of the squared weights
  std::uint64_t documents = 0;                               // stats.documents() when weighed
};

// Weighs `a` with the statistics as they are now.
ArticleWeights WeighArticle(const ComparableArticle& a, const TermStatistics& stats);

// Computes the features of a pair. Symmetric; thread-safe.
PairFeatures ComparePair(const ComparableArticle& a, const ComparableArticle& b,
                         const TermStatistics& stats);

// ComparePair() with each side's weights computed before (by WeighArticle, from the same or
// from earlier statistics): the same features when the statistics are the same.
PairFeatures ComparePair(const ComparableArticle& a, const ArticleWeights& wa,
                         const ComparableArticle& b, const ArticleWeights& wb);

// The name_weighted_cosine feature of ComparePair(a, wa, b, wb) alone, at a fraction of the
// cost: the idf-weighted cosine of the two sets of names.
float NameCosine(const ComparableArticle& a, const ArticleWeights& wa, const ComparableArticle& b,
                 const ArticleWeights& wb);

// Scores on the SemEval-2022 Task 8 scale, 1 (same) to 4 (unrelated).
struct SimilarityScores {
  double overall = 4, geography = 4, entities = 4, time = 4, narrative = 4;
  std::vector<std::string> reasons;  // shared names and terms, numbers, relation
};

// The dimensions a model predicts, in this order.
inline constexpr int kSimilarityTargets = 5;
inline constexpr std::array<const char*, kSimilarityTargets> kSimilarityTargetNames = {
    "overall", "geography", "entities", "time", "narrative"};

struct TrainOptions {
  int trees = 300;
  int depth = 3;
  double learning_rate = 0.05;
  int min_leaf = 8;
  double subsample = 0.8;
  std::uint64_t seed = 1;
};

// Boosted regression trees from PairFeatures to the five scores. Immutable once built;
// thread-safe.
class SimilarityModel {
 public:
  // The model shipped with newsweave (data/models/similarity.txt, compiled in).
  static const SimilarityModel& Default();
  // Reads a model from its text form (see Serialize); errors name the line.
  static Result<SimilarityModel> Parse(std::string_view text);
  // Reads a model file.
  static Result<SimilarityModel> Load(const std::string& path);
  // Trains on feature rows and their five targets; deterministic for the same seed.
  static SimilarityModel Train(const std::vector<PairFeatures>& rows,
                               const std::vector<std::array<double, kSimilarityTargets>>& targets,
                               const TrainOptions& options = TrainOptions());

  // Scores a pair's features (clamped to 1..4); reasons are left empty.
  SimilarityScores Predict(const PairFeatures& features) const;
  // Predict(features).overall alone, at a fifth of the cost.
  double PredictOverall(const PairFeatures& features) const;
  // One of the five scores alone (`target` indexes kSimilarityTargetNames); 4 when the
  // model is untrained or the index out of range.
  double PredictTarget(const PairFeatures& features, int target) const;

  // The text form: a header, the feature names, then each target's trees.
  std::string Serialize() const;

  SimilarityModel();
  ~SimilarityModel();
  SimilarityModel(const SimilarityModel&);
  SimilarityModel& operator=(const SimilarityModel&);
  SimilarityModel(SimilarityModel&&) noexcept;
  SimilarityModel& operator=(SimilarityModel&&) noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Scores a pair with the model and adds the reasons (shared names, key terms, numbers,
// near-copy relation). Thread-safe.
SimilarityScores ScorePair(const ComparableArticle& a, const ComparableArticle& b,
                           const TermStatistics& stats,
                           const SimilarityModel& model = SimilarityModel::Default());

}  // namespace newsweave

#endif  // NEWSWEAVE_SIMILARITY_H_
