// incremental_eval: clustering tomorrow's articles on top of today's result against
// clustering both days at once. Runs the main job (MainJob) over a JSONL corpus as one batch,
// and as two batches split by date (day 1, then day 2), and prints how the two partitions
// of the articles into events differ: pairwise agreement (Rand index), adjusted Rand index,
// the events of the one-batch run that the two-batch run does not have exactly, and the
// articles in them. With --truth (make_news_day's TSV), both are also scored against it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "newsweave/main_job.h"
#include "newsweave/similarity.h"

namespace {

using newsweave::MainJob;
using newsweave::MainJobResult;
using newsweave::ProcessedArticle;

// Article id -> event label.
using Partition = std::unordered_map<std::string, std::string>;

double Choose2(double n) { return n * (n - 1) / 2; }

// Pairs counted over the ids of `a` found in `b`.
struct PairCounts {
  double both = 0, only_a = 0, only_b = 0, total = 0;
};

PairCounts CountPairs(const Partition& a, const Partition& b) {
  std::map<std::pair<std::string, std::string>, double> cells;
  std::map<std::string, double> rows, cols;
  double n = 0;
  for (const auto& [id, ea] : a) {
    auto it = b.find(id);
    if (it == b.end()) continue;
    cells[{ea, it->second}] += 1;
    rows[ea] += 1;
    cols[it->second] += 1;
    n += 1;
  }
  PairCounts c;
  double sum_cells = 0, sum_rows = 0, sum_cols = 0;
  for (const auto& [k, v] : cells) sum_cells += Choose2(v);
  for (const auto& [k, v] : rows) sum_rows += Choose2(v);
  for (const auto& [k, v] : cols) sum_cols += Choose2(v);
  c.both = sum_cells;
  c.only_a = sum_rows - sum_cells;
  c.only_b = sum_cols - sum_cells;
  c.total = Choose2(n);
  return c;
}

double AdjustedRand(const PairCounts& c) {
  const double a = c.both + c.only_a, b = c.both + c.only_b;  // same-pairs in each
  const double expected = c.total > 0 ? a * b / c.total : 0;
  const double max = (a + b) / 2;
  return max - expected != 0 ? (c.both - expected) / (max - expected) : 1.0;
}

// The events as sets of ids, and the ids in events of `a` that `b` does not have exactly.
std::pair<std::size_t, std::size_t> DifferingEvents(const Partition& a, const Partition& b) {
  auto groups = [](const Partition& p) {
    std::map<std::string, std::vector<std::string>> g;
    for (const auto& [id, e] : p) g[e].push_back(id);
    std::set<std::vector<std::string>> out;
    for (auto& [e, ids] : g) {
      std::sort(ids.begin(), ids.end());
      out.insert(ids);
    }
    return out;
  };
  const auto ga = groups(a), gb = groups(b);
  std::size_t events = 0, articles = 0;
  for (const auto& ids : ga) {
    if (gb.count(ids)) continue;
    ++events;
    articles += ids.size();
  }
  return {events, articles};
}

struct Run {
  Partition events;
  std::size_t event_count = 0, story_count = 0, batch1 = 0, batch2 = 0;
  double seconds = 0;
};

// Runs the main job over `paths`; with `split` (days since the epoch, finite), as two batches:
// first the articles dated before `split` and the undated ones that come before the first
// article dated at or after it in the stream, then the rest.
Run RunJob(const std::vector<std::string>& paths, double split, int threads) {
  const auto t0 = std::chrono::steady_clock::now();
  MainJob job;
  newsweave::PipelineOptions pipeline = job.options().pipeline;
  pipeline.analyze_text = true;
  pipeline.identify_language = true;
  pipeline.threads = threads;
  Run run;
  const int passes = std::isfinite(split) ? 2 : 1;
  for (int pass = 0; pass < passes; ++pass) {
    bool later = false;  // an article dated at or after the split was seen
    auto stats = newsweave::RunPipelineBatches(
        paths, pipeline, nullptr, [&](std::span<ProcessedArticle> batch) {
          if (passes == 1) {
            job.AddBatch(batch, threads);
            return;
          }
          std::vector<char> second(batch.size());
          for (std::size_t i = 0; i < batch.size(); ++i) {
            const double day = newsweave::DaysSinceEpoch(batch[i].article.published);
            if (!std::isnan(day) && day >= split) later = true;
            second[i] = std::isnan(day) ? later : day >= split;
          }
          // This pass's articles to the front, in order.
          std::size_t n = 0;
          for (std::size_t i = 0; i < batch.size(); ++i) {
            if (second[i] == (pass == 1)) {
              if (i != n) std::swap(batch[n], batch[i]);
              ++n;
            }
          }
          job.AddBatch(batch.first(n), threads);
        });
    if (!stats) {
      std::fprintf(stderr, "incremental_eval: %s\n", stats.error().message.c_str());
      std::exit(1);
    }
    const std::size_t added = job.Flush();
    (pass == 0 ? run.batch1 : run.batch2) = added;
  }
  const MainJobResult result = job.Result();
  for (const auto& a : result.articles) {
    run.events[a.id] = a.event >= 0 ? result.events[static_cast<std::size_t>(a.event)].id : "-";
  }
  run.event_count = result.events.size();
  run.story_count = result.stories.size();
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return run;
}

void Score(const char* what, const Partition& found, const Partition& truth) {
  const PairCounts c = CountPairs(found, truth);
  const double precision = c.both + c.only_a > 0 ? c.both / (c.both + c.only_a) : 1;
  const double recall = c.both + c.only_b > 0 ? c.both / (c.both + c.only_b) : 1;
  std::printf("  %-12s against the truth: pair precision %.3f, recall %.3f, ARI %.3f\n", what,
              precision, recall, AdjustedRand(c));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("One batch against two (day 1, then day 2): how the events differ.");
  std::vector<std::string> paths;
  std::string split_date = "2026-03-15", truth_path;
  int threads = 0;
  app.add_option("PATH", paths, "JSONL corpus (make_news_day), files or directories")->required();
  app.add_option("--split", split_date, "first day of the second batch (YYYY-MM-DD)");
  app.add_option("--truth", truth_path, "make_news_day's truth TSV (id, event, ...)");
  app.add_option("--threads", threads, "threads (0: one per core)");
  CLI11_PARSE(app, argc, argv);
  const double split = newsweave::DaysSinceEpoch(split_date);
  if (std::isnan(split)) {
    std::fprintf(stderr, "incremental_eval: --split %s is not a date\n", split_date.c_str());
    return 1;
  }
  const Run once = RunJob(paths, std::nan(""), threads);
  const Run twice = RunJob(paths, split, threads);
  const PairCounts c = CountPairs(once.events, twice.events);
  const auto [events, articles] = DifferingEvents(once.events, twice.events);
  std::printf("incremental_eval: %zu articles; day 2 from %s: %zu in batch 1, %zu in batch 2\n",
              once.events.size(), split_date.c_str(), twice.batch1, twice.batch2);
  std::printf("  one batch:   %zu events, %zu stories (%.1f s)\n", once.event_count,
              once.story_count, once.seconds);
  std::printf("  two batches: %zu events, %zu stories (%.1f s)\n", twice.event_count,
              twice.story_count, twice.seconds);
  std::printf(
      "  pairwise agreement (Rand) %.6f, adjusted Rand %.4f; same-event pairs: %.0f in both, "
      "%.0f only at once, %.0f only day by day\n",
      c.total > 0 ? (c.total - c.only_a - c.only_b) / c.total : 1.0, AdjustedRand(c), c.both,
      c.only_a, c.only_b);
  std::printf(
      "  events of the one-batch run not found exactly in the two-batch run: %zu of %zu "
      "(%zu articles, %.2f%%)\n",
      events, once.event_count, articles,
      once.events.empty() ? 0.0 : 100.0 * articles / once.events.size());
  if (!truth_path.empty()) {
    std::ifstream in(truth_path);
    Partition truth;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream f(line);
      std::string id, event;
      if (std::getline(f, id, '\t') && std::getline(f, event, '\t')) truth[id] = event;
    }
    Score("one batch", once.events, truth);
    Score("two batches", twice.events, truth);
  }
  return 0;
}
