#include "similarity/evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "ingest/csv_reader.h"
#include "newsweave/parallel.h"

namespace newsweave::similarity {
namespace {

// A title: the text up to its first double space, when that comes early.
std::string_view TitleOf(std::string_view text) {
  std::size_t gap = text.find("  ");
  return gap != std::string_view::npos && gap > 0 && gap < 250 ? text.substr(0, gap)
                                                               : std::string_view();
}

}  // namespace

std::string BaseArticleId(std::string_view id) {
  std::size_t n = 0;
  while (n < id.size() && id[n] >= '0' && id[n] <= '9') ++n;
  return std::string(id.substr(0, n));
}

Result<LabelledData> LoadSemEval(const std::string& path, int threads) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string csv = buf.str();
  ingest::CsvReader reader(csv);
  std::vector<std::string> header, row;
  if (!reader.NextRow(&header)) return MakeError(ErrorCode::kCorruption, path + ": empty file");
  const char* kNeeded[] = {"pair_id", "lang1",     "lang2",    "text1", "text2",
                           "Overall", "Geography", "Entities", "Time",  "Narrative"};
  int col[10];
  for (int i = 0; i < 10; ++i) {
    col[i] = ingest::CsvReader::ColumnIndex(header, kNeeded[i]);
    if (col[i] < 0) {
      return MakeError(ErrorCode::kCorruption, path + ": no column \"" + kNeeded[i] + "\"");
    }
  }
  struct Raw {
    std::string id, lang, text;
  };
  std::vector<Raw> raw;
  std::unordered_map<std::string, std::size_t> index;
  LabelledData data;
  std::uint64_t line = 1;
  while (reader.NextRow(&row)) {
    ++line;
    if (row.size() < header.size()) {
      return MakeError(ErrorCode::kCorruption,
                       path + ":" + std::to_string(line) + ": a row with too few columns");
    }
    LabelledPair pair;
    pair.id = row[static_cast<std::size_t>(col[0])];
    std::size_t us = pair.id.find('_');
    if (us == std::string::npos) {
      return MakeError(ErrorCode::kCorruption,
                       path + ":" + std::to_string(line) + ": pair_id without '_': " + pair.id);
    }
    std::string ids[2] = {pair.id.substr(0, us), pair.id.substr(us + 1)};
    std::size_t at[2];
    for (int s = 0; s < 2; ++s) {
      auto [it, added] = index.emplace(ids[s], raw.size());
      if (added) {
        raw.push_back(Raw{ids[s], row[static_cast<std::size_t>(col[1 + s])],
                          row[static_cast<std::size_t>(col[3 + s])]});
      }
      at[s] = it->second;
    }
    pair.a = at[0];
    pair.b = at[1];
    pair.langs =
        row[static_cast<std::size_t>(col[1])] + "-" + row[static_cast<std::size_t>(col[2])];
    for (int k = 0; k < kSimilarityTargets; ++k) {
      pair.targets[static_cast<std::size_t>(k)] =
          std::atof(row[static_cast<std::size_t>(col[5 + k])].c_str());
    }
    pair.original = BaseArticleId(ids[0]) == ids[0] && BaseArticleId(ids[1]) == ids[1];
    std::string ga = BaseArticleId(ids[0]), gb = BaseArticleId(ids[1]);
    pair.group = std::min(ga, gb) + "_" + std::max(ga, gb);
    data.pairs.push_back(std::move(pair));
  }
  if (!reader.error().empty())
    return MakeError(ErrorCode::kCorruption, path + ": " + reader.error());
  data.articles.resize(raw.size());
  ParallelFor(raw.size(), ThreadCount(threads), [&](std::size_t begin, std::size_t end) {
    Analyzer analyzer;
    Analysis analysis;
    XlingAnalyzer xling(Lexicon::Default());
    for (std::size_t i = begin; i < end; ++i) {
      analyzer.Analyze(raw[i].text, raw[i].lang, &analysis);
      data.articles[i] =
          DescribeArticle(raw[i].id, TitleOf(raw[i].text), "", raw[i].text, analysis, &xling);
    }
  });
  for (const ComparableArticle& a : data.articles) data.stats.Add(a);
  return data;
}

std::vector<PairFeatures> PairFeaturesOf(const LabelledData& data) {
  std::vector<PairFeatures> out;
  out.reserve(data.pairs.size());
  for (const LabelledPair& p : data.pairs) {
    out.push_back(ComparePair(data.articles[p.a], data.articles[p.b], data.stats));
  }
  return out;
}

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

double RocAuc(const std::vector<double>& score, const std::vector<bool>& positive) {
  std::vector<std::size_t> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return score[a] < score[b]; });
  // Mann-Whitney: sum of the positives' ranks (average ranks for ties).
  double rank_sum = 0;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && score[order[j]] == score[order[i]]) ++j;
    const double rank = (static_cast<double>(i) + static_cast<double>(j) + 1) / 2;
    for (std::size_t k = i; k < j; ++k) {
      if (positive[order[k]]) {
        rank_sum += rank;
        ++pos;
      }
    }
    i = j;
  }
  const std::size_t neg = order.size() - pos;
  if (pos == 0 || neg == 0) return 0.5;
  const double p = static_cast<double>(pos);
  return (rank_sum - p * (p + 1) / 2) / (p * static_cast<double>(neg));
}

std::vector<int> FoldsOf(const LabelledData& data, int folds) {
  // Folds by connected groups of base article numbers, so that no article (nor its
  // translation) sits on both sides.
  std::unordered_map<std::string, std::string> parent;
  auto find = [&](std::string x) {
    while (true) {
      auto it = parent.find(x);
      if (it == parent.end() || it->second == x) return x;
      x = it->second;
    }
  };
  for (const LabelledPair& p : data.pairs) {
    std::size_t us = p.group.find('_');
    std::string a = find(p.group.substr(0, us)), b = find(p.group.substr(us + 1));
    parent.emplace(a, a);
    parent.emplace(b, b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  auto fold_of = [&](const LabelledPair& p) {
    std::string root = find(p.group.substr(0, p.group.find('_')));
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : root) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return static_cast<int>(h % static_cast<std::uint64_t>(folds));
  };
  std::vector<int> fold(data.pairs.size());
  for (std::size_t i = 0; i < data.pairs.size(); ++i) fold[i] = fold_of(data.pairs[i]);
  return fold;
}

CrossValidation CrossValidate(const LabelledData& data, const std::vector<PairFeatures>& features,
                              int folds, const TrainOptions& options) {
  CrossValidation cv;
  cv.folds = std::max(2, folds);
  std::vector<int> fold = FoldsOf(data, cv.folds);
  std::vector<double> predicted(data.pairs.size(), 0), truth(data.pairs.size(), 0);
  for (int f = 0; f < cv.folds; ++f) {
    std::vector<PairFeatures> rows;
    std::vector<std::array<double, kSimilarityTargets>> targets;
    for (std::size_t i = 0; i < data.pairs.size(); ++i) {
      if (fold[i] == f) continue;
      rows.push_back(features[i]);
      targets.push_back(data.pairs[i].targets);
    }
    SimilarityModel model = SimilarityModel::Train(rows, targets, options);
    for (std::size_t i = 0; i < data.pairs.size(); ++i) {
      if (fold[i] == f) predicted[i] = model.Predict(features[i]).overall;
    }
  }
  std::vector<double> p, t, cosine;
  std::vector<double> auc_score, auc_cosine;
  std::vector<bool> auc_label;
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> by_langs;
  for (std::size_t i = 0; i < data.pairs.size(); ++i) {
    const LabelledPair& pair = data.pairs[i];
    if (!pair.original) continue;
    const double overall = pair.targets[0];
    cv.predictions.emplace_back(i, predicted[i]);
    p.push_back(predicted[i]);
    t.push_back(overall);
    cosine.push_back(-features[i][1]);
    by_langs[pair.langs].first.push_back(predicted[i]);
    by_langs[pair.langs].second.push_back(overall);
    if (overall <= 1.5 || overall >= 3.5) {
      // Positives are same-event pairs: low predicted scores should rank them first.
      auc_score.push_back(-predicted[i]);
      auc_cosine.push_back(features[i][1]);
      auc_label.push_back(overall <= 1.5);
      (overall <= 1.5 ? cv.same : cv.different)++;
    }
  }
  cv.pairs = p.size();
  cv.pearson = Pearson(p, t);
  cv.auc = RocAuc(auc_score, auc_label);
  cv.baseline_pearson = Pearson(cosine, t);
  cv.baseline_auc = RocAuc(auc_cosine, auc_label);
  for (const auto& [langs, xy] : by_langs) {
    cv.by_langs[langs] = {Pearson(xy.first, xy.second), xy.first.size()};
  }
  return cv;
}

}  // namespace newsweave::similarity
