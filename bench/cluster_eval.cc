// How well events are found: on SemEval-2022 Task 8 pairs (all articles clustered together,
// "same event" precision and recall over pairs rated <= 1.5 and >= 3.5), and on data/sample
// (events and stories against truth.json, pair by pair). Prints figures only.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "newsweave/cluster.h"
#include "newsweave/main_job.h"
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
  bool list = false, model_pairs = false;
  int folds = 5;
  app.add_option("--csv", csv, "SemEval-2022 Task 8 train.csv");
  app.add_option("--sample", sample, "data/sample directory (with truth.json)");
  app.add_option("--join", options.join_score, "join score");
  app.add_option("--story", options.story_score, "story score");
  app.add_option("--story-names", options.story_names, "story name cosine");
  app.add_option("--time-weight", options.time_weight, "time term weight");
  app.add_option("--keys", options.keys, "keys per article");
  app.add_option("--candidates", options.candidates, "events scored per article");
  app.add_option("--neutral-keys", options.neutral_keys, "cross-lingual keys per article");
  app.add_option("--exemplars", options.exemplars, "articles an event is compared through");
  app.add_flag("--list", list, "list the pairs in error (sample)");
  app.add_flag("--model-pairs", model_pairs,
               "SemEval: also the model's own same-event precision and recall per threshold "
               "(each pair scored alone, out of fold), and which side lost the missed pairs");
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
    if (folds > 1 || model_pairs) features = newsweave::similarity::PairFeaturesOf(*data);
    std::size_t tp = 0, fp = 0, fn = 0, tn = 0, events = 0;
    // Per judged pair: same event in truth, the model's score of the pair alone, clustered
    // together.
    struct Judged {
      bool truth;
      double direct;
      bool same;
    };
    std::vector<Judged> judged;
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
        if (model_pairs) {
          const newsweave::SimilarityModel& used =
              folds > 1 ? model : newsweave::SimilarityModel::Default();
          judged.push_back({truth, used.PredictOverall(features[i]), same});
        }
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
    if (model_pairs) {
      // What the clustering could reach if each pair were decided alone by the model.
      for (double t = 2.0; t <= 3.01; t += 0.1) {
        std::size_t mtp = 0, mfp = 0, positives = 0;
        for (const Judged& j : judged) {
          positives += j.truth;
          mtp += j.truth && j.direct <= t;
          mfp += !j.truth && j.direct <= t;
        }
        std::printf("  model alone, pair score <= %.1f: precision %.3f, recall %.3f\n", t,
                    mtp + mfp ? static_cast<double>(mtp) / (mtp + mfp) : 1.0,
                    positives ? static_cast<double>(mtp) / positives : 1.0);
      }
      std::size_t by_model = 0, by_clustering = 0, far = 0;
      for (const Judged& j : judged) {
        if (!j.truth || j.same) continue;
        if (j.direct > options.join_score) {
          ++by_model;
          far += j.direct > 3.0;
        } else {
          ++by_clustering;
        }
      }
      std::printf(
          "  same-event pairs apart: %zu scored above the join score by the model itself (%zu "
          "above 3.0), %zu scored under it but put apart by the clustering\n",
          by_model, far, by_clustering);
    }
  }
  if (!sample.empty()) {
    std::ifstream in(sample + "/truth.json");
    nlohmann::json truth = nlohmann::json::parse(in);
    std::map<std::string, std::string> true_event, true_story, found_event, found_story;
    for (const auto& [id, a] : truth["articles"].items()) {
      true_event[id] = a["event"].get<std::string>();
      true_story[id] = a["story"].get<std::string>();
    }
    newsweave::MainJobOptions job_options;
    job_options.cluster = options;
    auto job = newsweave::RunMainJob({sample + "/txt", sample + "/jsonl"}, job_options, nullptr);
    if (!job) {
      std::fprintf(stderr, "%s\n", job.error().message.c_str());
      return 1;
    }
    for (const auto& a : job->articles) {
      if (a.event < 0) continue;
      found_event[a.id] = job->events[static_cast<std::size_t>(a.event)].id;
      found_story[a.id] = job->events[static_cast<std::size_t>(a.event)].story;
    }
    std::printf("data/sample: %zu events (truth %zu), %zu stories (truth %zu)\n",
                job->events.size(), truth["events"].size(), job->stories.size(),
                truth["stories"].size());
    ComparePartitions("events", found_event, true_event, list);
    ComparePartitions("stories", found_story, true_story, list);
  }
  return 0;
}
