// `newsweave ingest --db FILE PATH...`: articles into the persistent store.
#include <cstdio>

#include "cli/commands.h"
#include "cli/diagnostics.h"
#include "cli/progress.h"
#include "newsweave/dedup.h"
#include "newsweave/pipeline.h"
#include "newsweave/store.h"

namespace newsweave::cli {

int RunIngest(const CommonFlags& flags, const std::string& db) {
  auto store = Store::Open(db);
  if (!store) {
    std::fprintf(stderr, "newsweave ingest: %s\n", store.error().message.c_str());
    return 1;
  }
  std::string what;
  for (const std::string& p : flags.paths) what += (what.empty() ? "" : " ") + p;
  auto ingest = (*store)->BeginIngest(what);
  if (!ingest) {
    std::fprintf(stderr, "newsweave ingest: %s\n", ingest.error().message.c_str());
    return 1;
  }
  DiagnosticPrinter diagnostics(flags.quiet);
  ProgressBar bar("ingest");
  Deduplicator words;  // only for its exact-copy key (the hash of the words)
  PreparedArticle prepared;
  // Stored a batch at a time, one transaction each: a crash loses at most the batch being
  // written, and running the same ingest again adds exactly what is missing.
  constexpr std::size_t kBatch = 1000;
  std::vector<StoredArticle> batch;
  IngestCounts total;
  bool failed = false;
  auto flush = [&] {
    if (batch.empty() || failed) return;
    auto counts = (*store)->AddArticles(batch);
    batch.clear();
    if (!counts) {
      std::fprintf(stderr, "newsweave ingest: %s\n", counts.error().message.c_str());
      failed = true;
      return;
    }
    total.added += counts->added;
    total.same_id += counts->same_id;
    total.same_url += counts->same_url;
    total.same_text += counts->same_text;
  };
  PipelineOptions options;
  options.analyze_text = false;
  options.threads = flags.threads;
  auto stats = RunPipeline(
      flags.paths, options, diagnostics.Sink(),
      [&](const ProcessedArticle& p) {
        StoredArticle a;
        a.article = p.article;
        a.clean = p.clean;
        a.lang = p.analysis.language.code;
        words.Prepare(ComparedBody(p.clean.text, p.article.title), &prepared);
        a.exact_hash = prepared.shingles > 0 ? prepared.exact : 0;
        batch.push_back(std::move(a));
        if (batch.size() >= kBatch) flush();
      },
      [&](uint64_t done, uint64_t all) { bar.Update(done, all); });
  bar.Finish();
  flush();
  if (!stats) {
    std::fprintf(stderr, "newsweave ingest: %s\n", stats.error().message.c_str());
    return 1;
  }
  if (failed) return 1;
  (*store)->FinishIngest(*ingest, total);
  auto count = (*store)->ArticleCount();
  std::printf(
      "newsweave ingest: %llu added, %llu already stored (%llu same id, %llu same URL, %llu "
      "same text); %llu articles in %s\n",
      static_cast<unsigned long long>(total.added),
      static_cast<unsigned long long>(total.same_id + total.same_url + total.same_text),
      static_cast<unsigned long long>(total.same_id),
      static_cast<unsigned long long>(total.same_url),
      static_cast<unsigned long long>(total.same_text),
      static_cast<unsigned long long>(count ? *count : 0), db.c_str());
  return 0;
}

}  // namespace newsweave::cli
