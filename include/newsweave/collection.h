// A collection: the store together with the main job's state over everything stored, so that
// ingesting new articles clusters them on top of the stored ones and writes the changed
// events and stories back. What `newsweave ingest --db`, `run --db` and `serve` work on.
#ifndef NEWSWEAVE_COLLECTION_H_
#define NEWSWEAVE_COLLECTION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "newsweave/main_job.h"
#include "newsweave/pipeline.h"
#include "newsweave/status.h"
#include "newsweave/store.h"
#include "newsweave/xling.h"

namespace newsweave {

struct CollectionOptions {
  MainJobOptions job;        // how articles are cleaned, deduplicated and clustered
  std::size_t batch = 1000;  // articles stored per transaction
  StoreOptions store;        // how the store's file is opened
  // Called by Ingest after each batch's transaction commits, with the ids it stored (in the
  // order read): from then on they survive a crash of the process.
  std::function<void(std::span<const std::string> ids)> committed;
};

// What an ingest did.
struct IngestReport {
  IngestCounts counts;
  // The articles stored now, with the event each joined ("e3").
  std::vector<std::pair<std::string, std::string>> events;
  PipelineStats pipeline;
};

// Not thread-safe: one writer at a time (readers open their own Store on the same file).
class Collection {
 public:
  // Opens (creating when missing) the store at `path` and replays its articles through the
  // main job, ingest by ingest as they were stored, so that the in-memory state equals the
  // stored one; writes back any event or link the store lacks (after a crash between storing
  // articles and writing their events). `progress` gets articles replayed and in all.
  static Result<std::unique_ptr<Collection>> Open(const std::string& path,
                                                  const CollectionOptions& options,
                                                  const ProgressFn& progress = nullptr);
  ~Collection();
  Collection(const Collection&) = delete;
  Collection& operator=(const Collection&) = delete;

  // Reads `paths`, stores the articles not stored yet (same id, URL or words are skipped),
  // a batch per transaction, clusters them on top of the stored ones, and writes the links,
  // events and stories that changed. Logged in the ingest log as `what`. Bad input goes to
  // `sink`; fails when nothing could be read or the store fails (articles already committed
  // stay, and the next Open or Ingest clusters them).
  Result<IngestReport> Ingest(const std::vector<std::string>& paths, const std::string& what,
                              const ArticleReader::DiagnosticSink& sink,
                              const ProgressFn& progress = nullptr);

  // The main job's result over everything stored.
  MainJobResult Snapshot() const;

  // The store (for reads through the same connection).
  Store& store();

 private:
  Collection();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The analysis of a stored article's clean text for its stored language (sentences, words,
// stems; the language is not identified again): what replaying and the server's reads need.
void AnalyzeStored(const StoredArticle& article, Analyzer* analyzer, Analysis* out);

// The English pivot stems of an analyzed text in language `lang`, each once, space
// separated: English words by their stem, others by their lexicon translations. What the
// store indexes so that an English query finds articles in other languages.
std::string PivotStems(const Analysis& analysis, std::string_view lang, const Lexicon* lexicon);

// An FTS5 query for the words of `query` in any language: each word matches as written, or
// through its English pivot stems (from every language the lexicon knows); all words
// required, or with `any_word` any of them. Empty when the query has no word.
std::string CrossLingualQuery(std::string_view query, const Lexicon* lexicon,
                              bool any_word = false);

}  // namespace newsweave

#endif  // NEWSWEAVE_COLLECTION_H_
