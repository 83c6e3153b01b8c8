// The main job, as `newsweave run` does it: read → clean → analyze → dedup (copies and
// translations) → events and stories.
#ifndef NEWSWEAVE_MAIN_JOB_H_
#define NEWSWEAVE_MAIN_JOB_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "newsweave/cluster.h"
#include "newsweave/dedup.h"
#include "newsweave/pipeline.h"
#include "newsweave/status.h"

namespace newsweave {

struct MainJobOptions {
  PipelineOptions pipeline;  // analysis is always on
  DedupOptions dedup;
  ClusterOptions cluster;
  bool translations = true;  // link translations (cross-lingual layer) as copies
  // Called for each article read, on the calling thread and in input order, with its index
  // in MainJobResult::articles and the description the clusterer gets (nullptr when the
  // article is a copy of one read before). For more work per article (quotes.h's
  // StatementCollector); the clean text lives only during the call.
  std::function<void(std::size_t index, const ProcessedArticle& article,
                     const ComparableArticle* described)>
      on_article;
};

// One article of the result.
struct JobArticle {
  std::string id, lang, title, source, published;
  std::string relation;      // "", "exact", "near-duplicate", "contained", "translation"
  std::string duplicate_of;  // the representative of its dedup group, or ""
  long event = -1;           // index into MainJobResult::events
};

struct MainJobResult {
  std::vector<JobArticle> articles;  // in the order read
  std::vector<EventSummary> events;
  std::vector<StorySummary> stories;
  PipelineStats pipeline;
  DedupStats dedup;
  std::map<std::string, int> languages;        // articles per language
  std::map<std::string, int> removed_reasons;  // removed spans per reason
  std::uint64_t raw_bytes = 0;
};

// Runs the main job over files and directories. Copies and translations follow the event
// of the article they copy; the others are clustered in time order (undated ones last, on
// content alone); an article clustered for its copies takes the earliest date among them.
// Bad input goes to `sink`; fails only when nothing could be read.
Result<MainJobResult> RunMainJob(const std::vector<std::string>& paths,
                                 const MainJobOptions& options,
                                 const ArticleReader::DiagnosticSink& sink,
                                 const ProgressFn& progress = nullptr);

}  // namespace newsweave

#endif  // NEWSWEAVE_MAIN_JOB_H_
