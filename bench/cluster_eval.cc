// How well events are found: on SemEval-2022 Task 8 pairs (all articles clustered together,
// "same event" precision and recall over pairs rated <= 1.5 and >= 3.5), and on data/sample
// (events and stories against truth.json, pair by pair). Prints figures only.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "newsweave/cluster.h"
#include "newsweave/dedup.h"
#include "newsweave/pipeline.h"
#include "similarity/evaluation.h"

namespace {

using newsweave::ClusterOptions;

// Pairwise agreement of a found partition with a true one over the same items.
void ComparePartitions(const char* what, const std::map<std::string, std::string>& found,
                       const std::map<std::string, std::string>& truth, bool list) {
  std::size_t tp = 0, fp = 0, fn = 0;
  std::vector<std::string> ids;
  for (const auto& [id, t] : truth) {
    if (found.count(id)) ids.push_back(id);
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (std::size_t j = i + 1; j < ids.size(); ++j) {
      bool same_found = found.at(ids[i]) == found.at(ids[j]);
      bool same_truth = truth.at(ids[i]) == truth.at(ids[j]);
      tp += same_found && same_truth;
      fp += same_found && !same_truth;
      fn += !same_found && same_truth;
      if (list && same_found != same_truth) {
        std::printf("    %s %s / %s\n",
                    same_found ? "joined, should not be:" : "apart, should be:", ids[i].c_str(),
                    ids[j].c_str());
      }
    }
  }
  std::printf(
      "  %s: pair precision %.3f, recall %.3f (%zu same-pairs found right, %zu wrong, "
      "%zu missed)\n",
      what, tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0,
      tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0, tp, fp, fn);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Event clustering against labelled data.");
  std::string csv, sample;
  ClusterOptions options;
  bool list = false;
  int folds = 5;
  app.add_option("--csv", csv, "SemEval-2022 Task 8 train.csv");
  app.add_option("--sample", sample, "data/sample directory (with truth.json)");
  app.add_option("--join", options.join_score, "join score");
  app.add_option("--story", options.story_score, "story score");
  app.add_option("--story-names", options.story_names, "story name cosine");
  app.add_option("--time-weight", options.time_weight, "time term weight");
  app.add_flag("--list", list, "list the pairs in error (sample)");
  app.add_option("--folds", folds,
                 "SemEval: judge each fold with a model trained without it "
                 "(default 5; 0: the built-in model)");
  CLI11_PARSE(app, argc, argv);

  if (!csv.empty()) {
    auto data = newsweave::similarity::LoadSemEval(csv, 0);
    if (!data) {
      std::fprintf(stderr, "%s\n", data.error().message.c_str());
      return 1;
    }
    // Each fold's pairs are judged on a clustering of all the articles made with a model
    // trained without that fold (with --folds 0 or 1: the built-in model, trained on all).
    std::vector<int> fold = folds > 1 ? newsweave::similarity::FoldsOf(*data, folds)
                                      : std::vector<int>(data->pairs.size(), 0);
    std::vector<newsweave::PairFeatures> features;
    if (folds > 1) features = newsweave::similarity::PairFeaturesOf(*data);
    std::size_t tp = 0, fp = 0, fn = 0, tn = 0, events = 0;
    for (int k = 0; k < std::max(1, folds); ++k) {
      newsweave::SimilarityModel model;
      if (folds > 1) {
        std::vector<newsweave::PairFeatures> rows;
        std::vector<std::array<double, newsweave::kSimilarityTargets>> targets;
        for (std::size_t i = 0; i < data->pairs.size(); ++i) {
          if (fold[i] == k) continue;
          rows.push_back(features[i]);
          targets.push_back(data->pairs[i].targets);
        }
        model = newsweave::SimilarityModel::Train(rows, targets);
      }
      newsweave::EventClusterer clusterer(
          options, folds > 1 ? &model : &newsweave::SimilarityModel::Default());
      for (const auto& a : data->articles) {
        newsweave::ClusterInput in;
        in.article = a;
        clusterer.Add(std::move(in));
      }
      events += clusterer.event_count();
      for (std::size_t i = 0; i < data->pairs.size(); ++i) {
        const auto& p = data->pairs[i];
        if (!p.original || fold[i] != k) continue;
        const double overall = p.targets[0];
        if (overall > 1.5 && overall < 3.5) continue;
        bool same =
            clusterer.EventOf(data->articles[p.a].id) == clusterer.EventOf(data->articles[p.b].id);
        bool truth = overall <= 1.5;
        tp += same && truth;
        fp += same && !truth;
        fn += !same && truth;
        tn += !same && !truth;
      }
    }
    std::printf(
        "SemEval pairs (%zu articles, %.0f events on average, %s): same event "
        "precision %.3f, recall %.3f (%zu pairs <= 1.5, %zu >= 3.5)\n",
        data->articles.size(), static_cast<double>(events) / std::max(1, folds),
        folds > 1 ? "model trained without the pair's fold" : "built-in model",
        tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0,
        tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0, tp + fn, fp + tn);
  }
  if (!sample.empty()) {
    std::ifstream in(sample + "/truth.json");
    nlohmann::json truth = nlohmann::json::parse(in);
    std::map<std::string, std::string> true_event, true_story, found_event, found_story;
    for (const auto& [id, a] : truth["articles"].items()) {
      true_event[id] = a["event"].get<std::string>();
      true_story[id] = a["story"].get<std::string>();
    }
    // The main job's steps, as `newsweave run` takes them.
    newsweave::PipelineOptions po;
    newsweave::Deduplicator dedup;
    struct Row {
      std::string id;
      long copy_of;
      double day;
      newsweave::ClusterInput input;
    };
    std::vector<Row> rows;
    double last_day = 0;
    newsweave::XlingAnalyzer xling(newsweave::Lexicon::Default());
    auto st = newsweave::RunPipeline(
        {sample + "/txt", sample + "/jsonl"}, po, nullptr,
        [&](const newsweave::ProcessedArticle& p) {
          std::string_view body = newsweave::ComparedBody(p.clean.text, p.article.title);
          std::uint32_t copy = dedup.Add(p.article.id, body, p.article.published);
          Row r{p.article.id, copy == rows.size() ? -1 : static_cast<long>(copy), 0, {}};
          double day = newsweave::DaysSinceEpoch(p.article.published);
          if (!std::isnan(day)) last_day = day;
          r.day = last_day;
          if (r.copy_of < 0) {
            r.input.article =
                newsweave::DescribeArticle(p.article.id, p.article.title, p.article.published,
                                           p.clean.text, p.analysis, &xling);
            r.input.title = p.article.title;
            r.input.source = p.article.source;
            r.input.day = day;
          }
          rows.push_back(std::move(r));
        });
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].copy_of < 0) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rows[a].day < rows[b].day; });
    newsweave::EventClusterer clusterer(options);
    for (std::size_t i : order) clusterer.Add(std::move(rows[i].input));
    for (const Row& r : rows) {
      if (r.copy_of >= 0) clusterer.AddCopy(r.id, rows[static_cast<std::size_t>(r.copy_of)].id);
    }
    auto events = clusterer.Events();
    for (const auto& e : events) {
      for (const auto& id : e.articles) {
        found_event[id] = e.id;
        found_story[id] = e.story;
      }
    }
    std::printf("data/sample: %zu events (truth %zu), %zu stories (truth %zu)\n", events.size(),
                truth["events"].size(), clusterer.Stories().size(), truth["stories"].size());
    ComparePartitions("events", found_event, true_event, list);
    ComparePartitions("stories", found_story, true_story, list);
  }
  return 0;
}
