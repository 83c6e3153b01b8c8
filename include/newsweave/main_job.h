// The main job, as `newsweave run` does it: read → clean → analyze → dedup (copies and
// translations) → events and stories.
#ifndef NEWSWEAVE_MAIN_JOB_H_
#define NEWSWEAVE_MAIN_JOB_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
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
  // RunMainJob ends a batch (MainJob::Flush) whenever this many articles have been read since
  // the last one (0: one batch for the whole run). Articles wait for clustering until their
  // batch ends, so this bounds the memory of a large run; a feed read in time order gets
  // the same events either way (see MainJob).
  std::size_t flush_articles = 25000;
  // ... and clusters each such batch on a thread of its own while the next one is read (the
  // same events: the clusterer gets the same articles in the same order).
  bool cluster_in_background = true;
  // RunMainJob only: leave the job's memory (indexes, events, descriptions) to the process's
  // exit instead of freeing it when the job is done, for a command that exits soon after:
  // freeing millions of small allocations one by one takes seconds for a large run.
  bool leave_memory_to_exit = false;
  // Called once for each article read, with its index in MainJobResult::articles and the
  // named entities found in it when described for the clusterer (nullptr when the article
  // is a copy of one read before, and was not described).
  // For more work per article (quotes.h's StatementCollector); the clean text lives only
  // during the call. AddBatch calls it on its threads, for several articles at once (each
  // thread in input order); Add on the calling thread.
  std::function<void(std::size_t index, const ProcessedArticle& article,
                     const std::vector<EntityMention>* entities)>
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

// The main job's state between batches: the dedup index, the translation index and the
// events. Articles come in batches (one run, one ingest): Add() each article of a batch, then
// Flush() clusters the batch on top of everything before it. Adding day 1 then day 2 as two
// batches gives the events of adding both as one batch when day 2's articles are later than
// day 1's (translations are found from the newer batch's side; see Flush). Not thread-safe.
class MainJob {
 public:
  explicit MainJob(MainJobOptions options = MainJobOptions());
  ~MainJob();
  MainJob(const MainJob&) = delete;
  MainJob& operator=(const MainJob&) = delete;

  // Takes an article of the current batch (clean text analyzed, language identified): finds
  // what it copies among everything added so far, and describes it for clustering. Its event
  // is known after Flush().
  void Add(const ProcessedArticle& p);

  // Add() of each article, in order, with the same result; the costly independent parts
  // (copy signatures, descriptions for clustering) run on `threads` threads (0: one per core).
  void AddBatch(std::span<const ProcessedArticle> articles, int threads = 0);

  // Ends the batch: links translations that involve its articles (a translation of an
  // article of an earlier batch follows that article's event), then clusters the batch's
  // articles in time order (undated ones last, on content alone) on top of the events so
  // far; copies and translations follow their original. Returns the number of articles in
  // the batch. With `in_background`, the clustering goes on on a thread of its own after
  // Flush returns (the next batch can be added meanwhile); Flush, Result and the destructor
  // wait for it.
  std::size_t Flush(bool in_background = false);

  // The result so far: articles in the order added, with their events, relations and copies;
  // events and stories; counters. Call after Flush().
  MainJobResult Result() const;

  // Number of articles added.
  std::size_t size() const;

  // The options the job was made with.
  const MainJobOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs the main job over files and directories, in batches of options.flush_articles
// articles. Bad input goes to `sink`; fails only when nothing could be read.
Result<MainJobResult> RunMainJob(const std::vector<std::string>& paths,
                                 const MainJobOptions& options,
                                 const ArticleReader::DiagnosticSink& sink,
                                 const ProgressFn& progress = nullptr);

}  // namespace newsweave

#endif  // NEWSWEAVE_MAIN_JOB_H_
