// Speed of pair scoring on analyzed articles (features + model + reasons), one thread, on
// the SemEval-2022 Task 8 pairs; optionally writes those pairs as a JSONL file for timing
// `newsweave similar --pairs` end to end. Prints figures; passes or fails on nothing.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ingest/csv_reader.h"
#include "newsweave/similarity.h"
#include "similarity/evaluation.h"

int main(int argc, char** argv) {
  CLI::App app("Pair similarity scoring speed on SemEval-2022 Task 8 pairs.");
  std::string csv, write_pairs;
  int copies = 0;
  double seconds = 2.0;
  app.add_option("--csv", csv, "train.csv")->required()->check(CLI::ExistingFile);
  app.add_option("--seconds", seconds, "time to spend scoring (default 2)");
  app.add_option("--write-pairs", write_pairs, "also write the pairs as JSONL here");
  app.add_option("--copies", copies, "write the pairs this many times (default 1)");
  CLI11_PARSE(app, argc, argv);

  auto data = newsweave::similarity::LoadSemEval(csv, 0);
  if (!data) {
    std::fprintf(stderr, "similarity_bench: %s\n", data.error().message.c_str());
    return 1;
  }
  const auto& model = newsweave::SimilarityModel::Default();
  std::size_t scored = 0;
  double checksum = 0;
  auto t0 = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const auto& p : data->pairs) {
      newsweave::SimilarityScores s =
          newsweave::ScorePair(data->articles[p.a], data->articles[p.b], data->stats, model);
      checksum += s.overall + static_cast<double>(s.reasons.size());
      ++scored;
    }
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  std::size_t features_only = 0;
  auto t1 = std::chrono::steady_clock::now();
  for (const auto& p : data->pairs) {
    checksum += newsweave::ComparePair(data->articles[p.a], data->articles[p.b], data->stats)[1];
    ++features_only;
  }
  double feature_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  // As the clusterer compares: each article weighed once, each pair merged from the weights.
  std::vector<newsweave::ArticleWeights> weights;
  for (const auto& a : data->articles) weights.push_back(newsweave::WeighArticle(a, data->stats));
  std::size_t weighed_pairs = 0;
  auto t2 = std::chrono::steady_clock::now();
  for (int round = 0; round < 5; ++round) {
    for (const auto& p : data->pairs) {
      const newsweave::PairFeatures f = newsweave::ComparePair(data->articles[p.a], weights[p.a],
                                                               data->articles[p.b], weights[p.b]);
      checksum += model.PredictOverall(f);
      ++weighed_pairs;
    }
  }
  double weighed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t2).count();
  std::printf(
      "pairs scored (features + model + reasons), one thread: %.0f pairs/s "
      "(%zu pairs in %.2f s)\n",
      static_cast<double>(scored) / elapsed, scored, elapsed);
  std::printf("features alone: %.0f pairs/s\n",
              static_cast<double>(features_only) / feature_seconds);
  std::printf(
      "features + model from weights computed once per article and the overall score alone (as the "
      "clusterer scores): "
      "%.0f pairs/s; checksum %.3f\n",
      static_cast<double>(weighed_pairs) / weighed_seconds, checksum);

  if (!write_pairs.empty()) {
    // The CSV's texts again, as {"id", "a", "b"} lines.
    std::ifstream in(csv, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    newsweave::ingest::CsvReader reader(text);
    std::vector<std::string> header, row;
    reader.NextRow(&header);
    auto col = [&](const char* name) {
      const int i = newsweave::ingest::CsvReader::ColumnIndex(header, name);
      if (i < 0) {
        std::fprintf(stderr, "similarity_bench: %s has no column %s\n", csv.c_str(), name);
        std::exit(1);
      }
      return static_cast<std::size_t>(i);
    };
    const std::size_t id = col("pair_id"), l1 = col("lang1"), l2 = col("lang2"), t1 = col("text1"),
                      t2 = col("text2");
    std::vector<std::string> lines;
    while (reader.NextRow(&row)) {
      if (row.size() < header.size()) continue;
      nlohmann::json j = {{"id", row[id]},
                          {"a", {{"text", row[t1]}, {"lang", row[l1]}}},
                          {"b", {{"text", row[t2]}, {"lang", row[l2]}}}};
      lines.push_back(j.dump());
    }
    std::ofstream out(write_pairs, std::ios::binary);
    for (int c = 0; c < std::max(1, copies); ++c) {
      for (const std::string& l : lines) out << l << '\n';
    }
    std::printf("wrote %zu pairs to %s\n",
                lines.size() * static_cast<std::size_t>(std::max(1, copies)), write_pairs.c_str());
  }
  return 0;
}
