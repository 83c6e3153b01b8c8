// The persistent store: one SQLite file in WAL mode holding articles (raw and clean text,
// removed spans, language), a log of ingests, and what later stages add. Schema:
// src/store/SCHEMA.md.
#ifndef NEWSWEAVE_STORE_H_
#define NEWSWEAVE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "newsweave/article.h"
#include "newsweave/status.h"

namespace newsweave {

// What the main job found for an article (derived; rewritten as events grow).
struct ArticleLink {
  std::string event, story;  // ids, "" until clustered
  std::string relation;      // "", "exact", "near-duplicate", "contained", "translation"
  std::string duplicate_of;  // its group's representative, or ""
};

// An article as the store keeps it.
struct StoredArticle {
  Article article;               // id, url, source, title, raw text, published, declared lang
  CleanText clean;               // clean text and removed spans
  std::string lang;              // identified language
  std::uint64_t exact_hash = 0;  // hash of the clean text's words (dedup's exact key)
  std::string pivot;             // English pivot stems of its words, for cross-lingual search
  std::int64_t batch = 0;        // the ingest that stored it (articles are clustered by batch)
  ArticleLink link;              // filled by GetArticle and ForEachArticle
};

// An article in a list: what a page shows of it.
struct ArticleBrief {
  std::string id, title, lang, source, published;
  ArticleLink link;
};

// An event as stored (from the main job's EventSummary).
struct StoredEvent {
  std::string id, story, headline, start, end;  // start/end: YYYY-MM-DD or ""
  std::vector<std::string> languages, sources, entities;
  std::int64_t articles = 0;  // number of articles, copies included
};

// A story as stored: its events in time order, and totals over them.
struct StoredStory {
  std::string id, title, start, end;
  std::vector<std::string> languages;
  std::vector<std::string> events;
  std::int64_t sources = 0, articles = 0;
};

// Articles of a story on one day in one language (for its timeline).
struct DayCount {
  std::string day, lang;
  std::int64_t articles = 0;
};

struct SearchHit {
  std::string id;
  std::string snippet;  // a piece of the clean text, the matched words in <b></b>, the rest
                        // HTML-escaped
};

struct StoreCounts {
  std::int64_t articles = 0, events = 0, stories = 0;
};

// What happened to each article offered to AddArticles.
struct IngestCounts {
  std::uint64_t added = 0;
  std::uint64_t same_id = 0;    // an article with that id is stored already
  std::uint64_t same_url = 0;   // ... with that URL
  std::uint64_t same_text = 0;  // ... with the same words (exact copy)
};

// How a store's file is opened (the defaults are what the commands use).
struct StoreOptions {
  std::string vfs;           // a registered SQLite VFS by name (fault tests); "": the default
  int checkpoint_pages = 0;  // WAL pages that trigger an automatic checkpoint; 0: SQLite's 1000
};

class Store {
 public:
  // Opens (creating when missing) the store at `path`: WAL mode, the schema created or
  // migrated to the current version. A file of a newer version, or not a newsweave store, is
  // an error naming the file; so is an unknown `options.vfs`.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const StoreOptions& options = StoreOptions());
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version this build writes.
  static constexpr int kSchemaVersion = 2;

  // Adds articles in one transaction: all of them or none is stored. Articles already stored
  // (same id, same URL, or the same words) are skipped and counted, also within the batch.
  // When `added` is not null, it receives one flag per article: stored now or not.
  Result<IngestCounts> AddArticles(const std::vector<StoredArticle>& articles,
                                   std::vector<bool>* added = nullptr);

  // Calls `fn` with each stored article, by batch then in the order stored, until it
  // returns false. The raw text is left empty (the rest is what replaying needs).
  Status ForEachArticle(const std::function<bool(StoredArticle&)>& fn);

  // Sets the pivot stems of stored articles (id, pivot), in one transaction.
  Status SetPivots(const std::vector<std::pair<std::string, std::string>>& pivots);

  // Writes what the main job found, in one transaction: the links of the articles given
  // (by id), the events given (added or replaced by id), and all the stories (those not
  // given are deleted).
  Status WriteResults(const std::vector<std::pair<std::string, ArticleLink>>& links,
                      const std::vector<StoredEvent>& events,
                      const std::vector<StoredStory>& stories);

  // Starts an entry in the ingest log; returns its id.
  Result<std::int64_t> BeginIngest(const std::string& what);
  // Closes an ingest log entry with its counts.
  Status FinishIngest(std::int64_t ingest, const IngestCounts& counts);

  // Number of stored articles.
  Result<std::uint64_t> ArticleCount();

  // The stored article with this id (kNotFound when none).
  Result<StoredArticle> GetArticle(const std::string& id);

  // Articles whose title, clean text or pivot stems match the FTS5 query, best first.
  // A malformed query is kInvalidArgument.
  Result<std::vector<SearchHit>> Search(const std::string& query, int limit);

  // Stories, most recent (latest end) first, and how many there are in all.
  Result<std::vector<StoredStory>> ListStories(std::int64_t offset, std::int64_t limit,
                                               std::int64_t* total);
  // One story or event by id (kNotFound when none).
  Result<StoredStory> GetStory(const std::string& id);
  Result<StoredEvent> GetEvent(const std::string& id);
  // The articles of an event, in the order stored.
  Result<std::vector<ArticleBrief>> EventArticles(const std::string& event);
  // Articles whose duplicate_of is `id`.
  Result<std::vector<ArticleBrief>> CopiesOf(const std::string& id);
  // One article's brief (kNotFound when none).
  Result<ArticleBrief> GetBrief(const std::string& id);
  // Articles per day and language over a story's events, by day.
  Result<std::vector<DayCount>> StoryDays(const std::string& story);
  // Numbers of articles, events and stories.
  Result<StoreCounts> Counts();

  // The schema version of the open file.
  int schema_version() const;

 private:
  Store();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_STORE_H_
