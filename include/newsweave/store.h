// The persistent store: one SQLite file in WAL mode holding articles (raw and clean text,
// removed spans, language), a log of ingests, and what later stages add. Schema:
// src/store/SCHEMA.md.
#ifndef NEWSWEAVE_STORE_H_
#define NEWSWEAVE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "newsweave/article.h"
#include "newsweave/status.h"

namespace newsweave {

// An article as the store keeps it.
struct StoredArticle {
  Article article;               // id, url, source, title, raw text, published, declared lang
  CleanText clean;               // clean text and removed spans
  std::string lang;              // identified language
  std::uint64_t exact_hash = 0;  // hash of the clean text's words (dedup's exact key)
};

// What happened to each article offered to AddArticles.
struct IngestCounts {
  std::uint64_t added = 0;
  std::uint64_t same_id = 0;    // an article with that id is stored already
  std::uint64_t same_url = 0;   // ... with that URL
  std::uint64_t same_text = 0;  // ... with the same words (exact copy)
};

class Store {
 public:
  // Opens (creating when missing) the store at `path`: WAL mode, the schema created or
  // migrated to the current version. A file of a newer version, or not a newsweave store, is
  // an error naming the file.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version this build writes.
  static constexpr int kSchemaVersion = 1;

  // Adds articles in one transaction: all of them or none is stored. Articles already stored
  // (same id, same URL, or the same words) are skipped and counted, also within the batch.
  Result<IngestCounts> AddArticles(const std::vector<StoredArticle>& articles);

  // Starts an entry in the ingest log; returns its id.
  Result<std::int64_t> BeginIngest(const std::string& what);
  // Closes an ingest log entry with its counts.
  Status FinishIngest(std::int64_t ingest, const IngestCounts& counts);

  // Number of stored articles.
  Result<std::uint64_t> ArticleCount();

  // The stored article with this id (kNotFound when none).
  Result<StoredArticle> GetArticle(const std::string& id);

  // Ids of articles whose clean text or title matches the FTS5 query, best first.
  Result<std::vector<std::string>> Search(const std::string& query, int limit);

  // The schema version of the open file.
  int schema_version() const;

 private:
  Store();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_STORE_H_
