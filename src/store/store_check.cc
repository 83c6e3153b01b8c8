// store_check DB: reopens a store as a collection (which repairs what a crash left undone)
// and prints what the crash tests check, one "name value" line each:
//   articles, distinct_ids, urls (articles with one), distinct_urls, distinct_texts (clean
//   texts), distinct_hashes,
//   without_event (articles not in a stored event), wrong_counts (events whose article count
//   is off), integrity (PRAGMA integrity_check), fts (the FTS index's integrity-check)
// then "id ID" for each stored article. Exits 1 when the store cannot be opened.
#include <sqlite3.h>

#include <cstdio>
#include <string>

#include "newsweave/collection.h"

namespace {

// The first column of the first row of `sql`, as text ("" when none).
std::string One(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(s, 0);
    out = t ? reinterpret_cast<const char*>(t) : "";
  } else {
    out = std::string("error: ") + sqlite3_errmsg(db);
  }
  sqlite3_finalize(s);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: store_check DB\n");
    return 2;
  }
  {
    newsweave::CollectionOptions options;
    options.job.pipeline.threads = 1;
    auto c = newsweave::Collection::Open(argv[1], options);
    if (!c) {
      std::fprintf(stderr, "store_check: %s\n", c.error().message.c_str());
      return 1;
    }
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "store_check: cannot open %s\n", argv[1]);
    return 1;
  }
  const std::pair<const char*, const char*> checks[] = {
      {"articles", "SELECT count(*) FROM articles"},
      {"distinct_ids", "SELECT count(DISTINCT id) FROM articles"},
      {"urls", "SELECT count(*) FROM articles WHERE url IS NOT NULL AND url != ''"},
      {"distinct_urls", "SELECT count(DISTINCT url) FROM articles WHERE url != ''"},
      {"distinct_texts", "SELECT count(DISTINCT clean) FROM articles"},
      {"distinct_hashes", "SELECT count(DISTINCT exact_hash) FROM articles"},
      {"without_event",
       "SELECT count(*) FROM articles a WHERE a.event IS NULL OR NOT EXISTS "
       "(SELECT 1 FROM events e WHERE e.id = a.event)"},
      {"wrong_counts",
       "SELECT count(*) FROM events e WHERE articles != "
       "(SELECT count(*) FROM articles a WHERE a.event = e.id)"},
      {"integrity", "PRAGMA integrity_check"},
  };
  for (const auto& [name, sql] : checks) std::printf("%s %s\n", name, One(db, sql).c_str());
  const bool fts =
      sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')", nullptr,
                   nullptr, nullptr) == SQLITE_OK;
  std::printf("fts %s\n", fts ? "ok" : sqlite3_errmsg(db));
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT id FROM articles ORDER BY batch, rowid", -1, &s, nullptr);
  while (s && sqlite3_step(s) == SQLITE_ROW) {
    std::printf("id %s\n", reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return 0;
}
