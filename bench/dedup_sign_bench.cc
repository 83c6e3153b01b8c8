// Signing and banding alone: the clean texts of a corpus are held in memory, then shingled
// and signed (Deduplicator::Prepare) and banded (Deduplicator::Add) on one thread, each step
// timed on its own. Prints figures; passes or fails on nothing.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "newsweave/dedup.h"
#include "newsweave/pipeline.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Shingling + signing and banding of newsweave dedup, one thread, texts in memory.");
  std::vector<std::string> paths;
  int repeat = 3;
  app.add_option("FILE", paths, "input files or directories")->required();
  app.add_option("--repeat", repeat, "runs of each step; the best is reported")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);
  newsweave::KeepFreedMemory();

  struct Text {
    std::string id, published, body;
  };
  std::vector<Text> texts;
  size_t bytes = 0;
  newsweave::PipelineOptions pipeline;
  pipeline.analyze_text = false;
  pipeline.identify_language = false;
  pipeline.threads = 0;  // cleaning on all cores: it is not what is measured here
  auto stats = newsweave::RunPipeline(
      paths, pipeline, [](const newsweave::Diagnostic&) {},
      [&](const newsweave::ProcessedArticle& p) {
        std::string_view body = newsweave::ComparedBody(p.clean.text, p.article.title);
        bytes += body.size();
        texts.push_back(Text{p.article.id, p.article.published, std::string(body)});
      });
  if (!stats || texts.empty()) {
    std::fprintf(stderr, "dedup_sign_bench: nothing read\n");
    return 1;
  }
  const double n = static_cast<double>(texts.size());
  std::printf("articles %zu, clean text %.1f MB (%.0f bytes/article)\n", texts.size(), bytes / 1e6,
              bytes / n);

  std::vector<newsweave::PreparedArticle> prepared(texts.size());
  double best_sign = 1e9, best_band = 1e9;
  size_t memory = 0;
  newsweave::DedupStats counts;
  for (int r = 0; r < repeat; ++r) {
    newsweave::Deduplicator dedup;
    auto t0 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < texts.size(); ++i) dedup.Prepare(texts[i].body, &prepared[i]);
    best_sign = std::min(best_sign, Seconds(t0));
    auto t1 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < texts.size(); ++i) {
      dedup.Add(texts[i].id, texts[i].published, texts[i].body.size(), prepared[i]);
    }
    best_band = std::min(best_band, Seconds(t1));
    memory = dedup.MemoryBytes();
    counts = dedup.stats();
  }
  std::printf("shingle+sign   %8.3f s  %9.0f articles/s  %6.2f us/article\n", best_sign,
              n / best_sign, 1e6 * best_sign / n);
  std::printf("band+check     %8.3f s  %9.0f articles/s  %6.2f us/article\n", best_band,
              n / best_band, 1e6 * best_band / n);
  std::printf("sign+band      %8.3f s  %9.0f articles/s  (best of %d, one thread)\n",
              best_sign + best_band, n / (best_sign + best_band), repeat);
  std::printf(
      "index          %.0f bytes/article; %llu candidate pairs checked; peak RSS %ld MB "
      "(texts held in memory)\n",
      memory / n, static_cast<unsigned long long>(counts.candidate_pairs), PeakRssMb());
  return 0;
}
