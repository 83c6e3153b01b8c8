// SimilarityModel (boosted trees per score) and ScorePair (scores with reasons).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "newsweave/similarity.h"
#include "similarity/boosted_trees.h"
#include "similarity/terms.h"

extern const char* const newsweave_similarity_model;
extern const std::size_t newsweave_similarity_model_size;

namespace newsweave {

using similarity::ForestOptions;
using similarity::RegressionForest;

namespace {
constexpr std::string_view kHeader = "newsweave-similarity 1";
}  // namespace

struct SimilarityModel::Impl {
  std::array<RegressionForest, kSimilarityTargets> forests;
  bool trained = false;
};

SimilarityModel::SimilarityModel() : impl_(std::make_unique<Impl>()) {}
SimilarityModel::~SimilarityModel() = default;
SimilarityModel::SimilarityModel(const SimilarityModel& o)
    : impl_(std::make_unique<Impl>(*o.impl_)) {}
SimilarityModel& SimilarityModel::operator=(const SimilarityModel& o) {
  if (this != &o) impl_ = std::make_unique<Impl>(*o.impl_);
  return *this;
}
SimilarityModel::SimilarityModel(SimilarityModel&&) noexcept = default;
SimilarityModel& SimilarityModel::operator=(SimilarityModel&&) noexcept = default;

SimilarityModel SimilarityModel::Train(
    const std::vector<PairFeatures>& rows,
    const std::vector<std::array<double, kSimilarityTargets>>& targets,
    const TrainOptions& options) {
  SimilarityModel model;
  std::vector<float> x;
  x.reserve(rows.size() * kSimilarityFeatures);
  for (const PairFeatures& r : rows) x.insert(x.end(), r.begin(), r.end());
  ForestOptions fo;
  fo.trees = options.trees;
  fo.depth = options.depth;
  fo.learning_rate = options.learning_rate;
  fo.min_leaf = options.min_leaf;
  fo.subsample = options.subsample;
  for (int k = 0; k < kSimilarityTargets; ++k) {
    std::vector<double> y;
    y.reserve(targets.size());
    for (const auto& t : targets) y.push_back(t[static_cast<std::size_t>(k)]);
    fo.seed = options.seed + static_cast<std::uint64_t>(k);
    model.impl_->forests[static_cast<std::size_t>(k)] =
        RegressionForest::Fit(x, kSimilarityFeatures, y, fo);
  }
  model.impl_->trained = true;
  return model;
}

double SimilarityModel::PredictOverall(const PairFeatures& features) const {
  return PredictTarget(features, 0);
}

double SimilarityModel::PredictTarget(const PairFeatures& features, int target) const {
  if (!impl_->trained || target < 0 || target >= kSimilarityTargets) return 4.0;
  return std::clamp(impl_->forests[static_cast<std::size_t>(target)].Predict(features.data()), 1.0,
                    4.0);
}

SimilarityScores SimilarityModel::Predict(const PairFeatures& features) const {
  SimilarityScores s;
  if (!impl_->trained) return s;
  double v[kSimilarityTargets];
  for (int k = 0; k < kSimilarityTargets; ++k) {
    v[k] =
        std::clamp(impl_->forests[static_cast<std::size_t>(k)].Predict(features.data()), 1.0, 4.0);
  }
  s.overall = v[0];
  s.geography = v[1];
  s.entities = v[2];
  s.time = v[3];
  s.narrative = v[4];
  return s;
}

std::string SimilarityModel::Serialize() const {
  std::string out(kHeader);
  out.append("\nfeatures");
  for (const char* name : FeatureNames()) out.append(" ").append(name);
  out.push_back('\n');
  for (int k = 0; k < kSimilarityTargets; ++k) {
    out.append("target ").append(kSimilarityTargetNames[static_cast<std::size_t>(k)]);
    out.push_back('\n');
    impl_->forests[static_cast<std::size_t>(k)].AppendText(&out);
  }
  return out;
}

Result<SimilarityModel> SimilarityModel::Parse(std::string_view text) {
  std::size_t pos = 0;
  auto line = [&]() {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    pos = std::min(text.size(), nl + 1);
    return l;
  };
  if (line() != kHeader) {
    return MakeError(ErrorCode::kCorruption, "not a newsweave similarity model (expected \"" +
                                                 std::string(kHeader) + "\")");
  }
  std::string expected = "features";
  for (const char* name : FeatureNames()) expected.append(" ").append(name);
  if (line() != expected) {
    return MakeError(ErrorCode::kCorruption,
                     "the model was trained on other features; retrain it with "
                     "`newsweave train-similarity`");
  }
  SimilarityModel model;
  for (int k = 0; k < kSimilarityTargets; ++k) {
    std::string want = std::string("target ") + kSimilarityTargetNames[static_cast<std::size_t>(k)];
    if (line() != want) return MakeError(ErrorCode::kCorruption, "expected \"" + want + "\"");
    auto forest = RegressionForest::Parse(text, &pos, kSimilarityFeatures);
    if (!forest) return std::unexpected(forest.error());
    model.impl_->forests[static_cast<std::size_t>(k)] = std::move(*forest);
  }
  model.impl_->trained = true;
  return model;
}

Result<SimilarityModel> SimilarityModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open the model");
  std::stringstream buf;
  buf << in.rdbuf();
  auto model = Parse(buf.str());
  if (!model) return MakeError(model.error().code, path + ": " + model.error().message);
  return model;
}

const SimilarityModel& SimilarityModel::Default() {
  static const SimilarityModel* model = [] {
    auto parsed =
        Parse(std::string_view(newsweave_similarity_model, newsweave_similarity_model_size));
    if (!parsed) {
      std::fprintf(stderr, "newsweave: the built-in similarity model is unusable (%s)\n",
                   parsed.error().message.c_str());
      return new SimilarityModel();
    }
    return new SimilarityModel(std::move(*parsed));
  }();
  return *model;
}

namespace {

// Readable forms of the keys both articles share among `keys_a` and `keys_b` (sorted),
// at most `limit`, in the order given by `rank` (lower first).
template <class Rank>
std::string SharedLabels(const std::vector<std::uint64_t>& keys_a,
                         const std::vector<std::uint64_t>& keys_b, const ComparableArticle& a,
                         std::size_t limit, Rank rank) {
  std::vector<std::uint64_t> shared;
  std::set_intersection(keys_a.begin(), keys_a.end(), keys_b.begin(), keys_b.end(),
                        std::back_inserter(shared));
  std::stable_sort(shared.begin(), shared.end(),
                   [&](std::uint64_t x, std::uint64_t y) { return rank(x) < rank(y); });
  std::string out;
  std::size_t n = 0;
  for (std::uint64_t k : shared) {
    auto it = std::lower_bound(a.labels.begin(), a.labels.end(), k,
                               [](const auto& l, std::uint64_t key) { return l.first < key; });
    if (it == a.labels.end() || it->first != k) continue;
    if (n++ == limit) break;
    if (!out.empty()) out.append(", ");
    out.append(it->second);
  }
  return out;
}

}  // namespace

SimilarityScores ScorePair(const ComparableArticle& a, const ComparableArticle& b,
                           const TermStatistics& stats, const SimilarityModel& model) {
  PairFeatures f = ComparePair(a, b, stats);
  SimilarityScores s = model.Predict(f);
  const auto& names = FeatureNames();
  auto feature = [&](std::string_view name) {
    for (int i = 0; i < kSimilarityFeatures; ++i) {
      if (names[static_cast<std::size_t>(i)] == name) return f[static_cast<std::size_t>(i)];
    }
    return 0.f;
  };
  char buf[160];
  if (feature("shingle_jaccard") >= 0.5f) {
    std::snprintf(buf, sizeof(buf), "near copy: %.0f%% of three-word sequences shared",
                  100.0 * feature("shingle_jaccard"));
    s.reasons.emplace_back(buf);
  }
  auto none = [](std::uint64_t) { return 0; };
  std::string shared_names = SharedLabels(a.names, b.names, a, 6, none);
  if (!shared_names.empty()) s.reasons.push_back("shared names: " + shared_names);
  // Key terms: shared content words, heaviest first.
  std::vector<std::uint64_t> ta, tb;
  for (const TermCount& t : a.terms) {
    if (similarity::KindOf(t.term) == similarity::TermKind::kWord) ta.push_back(t.term);
  }
  for (const TermCount& t : b.terms) {
    if (similarity::KindOf(t.term) == similarity::TermKind::kWord) tb.push_back(t.term);
  }
  std::string terms = SharedLabels(ta, tb, a, 8, [&](std::uint64_t t) { return -stats.Idf(t); });
  if (!terms.empty()) s.reasons.push_back("shared key terms: " + terms);
  std::string numbers = SharedLabels(a.numbers, b.numbers, a, 6, none);
  if (!numbers.empty()) s.reasons.push_back("numbers in common: " + numbers);
  const float gap = feature("date_gap_days");
  if (gap >= 0) {
    std::snprintf(buf, sizeof(buf), "published %.0f day%s apart", gap, gap == 1 ? "" : "s");
    s.reasons.emplace_back(buf);
  }
  if (a.lang != b.lang) s.reasons.push_back("languages differ: " + a.lang + " and " + b.lang);
  if (s.reasons.empty()) s.reasons.emplace_back("nothing notable in common");
  return s;
}

}  // namespace newsweave
