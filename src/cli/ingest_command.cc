// `newsweave ingest --db FILE PATH...`: articles into the persistent store, clustered on top
// of the stored ones.
#include <cstdio>
#include <span>
#include <string>

#include "cli/commands.h"
#include "cli/diagnostics.h"
#include "cli/progress.h"
#include "newsweave/collection.h"

namespace newsweave::cli {

int RunIngest(const CommonFlags& flags, const IngestFlags& ingest_flags) {
  const std::string& db = ingest_flags.db;
  CollectionOptions options;
  options.job.pipeline.threads = flags.threads;
  options.batch = ingest_flags.batch;
  if (ingest_flags.print_commits) {
    // One line per transaction, written at once: a line cut short by a crash lacks ids, so
    // its count tells.
    options.committed = [](std::span<const std::string> ids) {
      std::string line = "committed " + std::to_string(ids.size()) + ":";
      for (const std::string& id : ids) line += " " + id;
      line += "\n";
      std::fwrite(line.data(), 1, line.size(), stdout);
      std::fflush(stdout);
    };
  }
  ProgressBar loading("loading");
  auto collection = Collection::Open(
      db, options, [&](uint64_t done, uint64_t all) { loading.Update(done, all); });
  loading.Finish();
  if (!collection) {
    std::fprintf(stderr, "newsweave ingest: %s\n", collection.error().message.c_str());
    return 1;
  }
  std::string what;
  for (const std::string& p : flags.paths) what += (what.empty() ? "" : " ") + p;
  DiagnosticPrinter diagnostics(flags.quiet);
  ProgressBar bar("ingest");
  auto report = (*collection)
                    ->Ingest(flags.paths, what, diagnostics.Sink(),
                             [&](uint64_t done, uint64_t all) { bar.Update(done, all); });
  bar.Finish();
  if (!report) {
    std::fprintf(stderr, "newsweave ingest: %s\n", report.error().message.c_str());
    return 1;
  }
  const IngestCounts& total = report->counts;
  auto counts = (*collection)->store().Counts();
  std::printf(
      "newsweave ingest: %llu added, %llu already stored (%llu same id, %llu same URL, %llu "
      "same text); %lld articles, %lld events, %lld stories in %s\n",
      static_cast<unsigned long long>(total.added),
      static_cast<unsigned long long>(total.same_id + total.same_url + total.same_text),
      static_cast<unsigned long long>(total.same_id),
      static_cast<unsigned long long>(total.same_url),
      static_cast<unsigned long long>(total.same_text),
      static_cast<long long>(counts ? counts->articles : 0),
      static_cast<long long>(counts ? counts->events : 0),
      static_cast<long long>(counts ? counts->stories : 0), db.c_str());
  return 0;
}

}  // namespace newsweave::cli
