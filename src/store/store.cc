#include "newsweave/store.h"

#include <sqlite3.h>

#include <cstdlib>
#include <string>

#include "store/store_impl.h"

namespace newsweave {
namespace {

// The current schema, as statements run in one transaction (version 2).
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ingests (
  id INTEGER PRIMARY KEY,
  what TEXT NOT NULL,
  started TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  finished TEXT,
  added INTEGER, same_id INTEGER, same_url INTEGER, same_text INTEGER);
CREATE TABLE IF NOT EXISTS articles (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  url TEXT,
  source TEXT, title TEXT, published TEXT, declared_lang TEXT, lang TEXT,
  raw TEXT NOT NULL,
  clean TEXT NOT NULL,
  removed TEXT NOT NULL,  -- spans as "start end reason" lines
  exact_hash INTEGER NOT NULL,
  file TEXT, line INTEGER,
  batch INTEGER NOT NULL DEFAULT 0,  -- the ingest that stored it
  pivot TEXT NOT NULL DEFAULT '',    -- English pivot stems, for cross-lingual search
  event TEXT, story TEXT, relation TEXT, duplicate_of TEXT);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url) WHERE url IS NOT NULL AND url != '';
CREATE INDEX IF NOT EXISTS articles_exact ON articles(exact_hash);
CREATE INDEX IF NOT EXISTS articles_batch ON articles(batch);
CREATE INDEX IF NOT EXISTS articles_event ON articles(event);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, clean, pivot, content='articles', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, clean, pivot)
    VALUES (new.rowid, new.title, new.clean, new.pivot);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_pivot AFTER UPDATE OF pivot ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, clean, pivot)
    VALUES ('delete', old.rowid, old.title, old.clean, old.pivot);
  INSERT INTO articles_fts(rowid, title, clean, pivot)
    VALUES (new.rowid, new.title, new.clean, new.pivot);
END;
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL, story TEXT, headline TEXT,
  start_day TEXT, end_day TEXT,
  languages TEXT, sources TEXT, entities TEXT,  -- lists: space, newline, newline separated
  articles INTEGER);
CREATE TABLE IF NOT EXISTS stories (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL, title TEXT, start_day TEXT, end_day TEXT,
  languages TEXT, sources INTEGER, articles INTEGER,
  events TEXT);  -- event ids in time order, space separated
CREATE INDEX IF NOT EXISTS stories_recent ON stories(end_day DESC, seq);
)sql";

// From version 1 (articles without batch, pivot stems and links; no events or stories):
// the new columns, then the FTS index rebuilt with the pivot column (kSchema does the rest).
constexpr const char* kFromVersion1 = R"sql(
ALTER TABLE articles ADD COLUMN batch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN pivot TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN event TEXT;
ALTER TABLE articles ADD COLUMN story TEXT;
ALTER TABLE articles ADD COLUMN relation TEXT;
ALTER TABLE articles ADD COLUMN duplicate_of TEXT;
DROP TRIGGER IF EXISTS articles_fts_insert;
DROP TABLE IF EXISTS articles_fts;
)sql";

using store::Statement;

std::string EncodeSpans(const std::vector<RemovedSpan>& spans) {
  std::string out;
  for (const RemovedSpan& r : spans) {
    out.append(std::to_string(r.start)).push_back(' ');
    out.append(std::to_string(r.end)).push_back(' ');
    out.append(r.reason).push_back('\n');
  }
  return out;
}

std::vector<RemovedSpan> DecodeSpans(const std::string& text) {
  std::vector<RemovedSpan> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    std::size_t a = line.find(' '), b = line.find(' ', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    RemovedSpan r;
    r.start = std::strtoull(line.c_str(), nullptr, 10);
    r.end = std::strtoull(line.c_str() + a + 1, nullptr, 10);
    r.reason = line.substr(b + 1);
    out.push_back(std::move(r));
  }
  return out;
}

// The columns ReadArticle reads, with `raw` for the raw text's (the column, or '' to leave
// it out).
std::string ArticleColumns(const char* raw) {
  return std::string("id, url, source, title, published, declared_lang, lang, ") + raw +
         ", clean, removed, exact_hash, file, line, batch, pivot, event, story, relation, "
         "duplicate_of";
}

// An article from a row of the columns ArticleColumns names.
StoredArticle ReadArticle(const Statement& s, bool with_raw) {
  StoredArticle a;
  a.article.id = s.ColumnText(0);
  a.article.url = s.ColumnText(1);
  a.article.source = s.ColumnText(2);
  a.article.title = s.ColumnText(3);
  a.article.published = s.ColumnText(4);
  a.article.lang = s.ColumnText(5);
  a.lang = s.ColumnText(6);
  if (with_raw) a.article.text = s.ColumnText(7);
  a.clean.text = s.ColumnText(8);
  a.clean.removed = DecodeSpans(s.ColumnText(9));
  a.exact_hash = static_cast<std::uint64_t>(s.ColumnInt(10));
  a.article.file = s.ColumnText(11);
  a.article.line = static_cast<std::uint64_t>(s.ColumnInt(12));
  a.batch = s.ColumnInt(13);
  a.pivot = s.ColumnText(14);
  a.link.event = s.ColumnText(15);
  a.link.story = s.ColumnText(16);
  a.link.relation = s.ColumnText(17);
  a.link.duplicate_of = s.ColumnText(18);
  return a;
}

}  // namespace

Store::Store() : impl_(std::make_unique<Impl>()) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  std::unique_ptr<Store> store(new Store());
  Impl& m = *store->impl_;
  m.path = path;
  if (sqlite3_open_v2(path.c_str(), &m.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      options.vfs.empty() ? nullptr : options.vfs.c_str()) != SQLITE_OK) {
    return MakeError(ErrorCode::kIOError,
                     path + ": cannot open: " + (m.db ? sqlite3_errmsg(m.db) : "out of memory"));
  }
  sqlite3_busy_timeout(m.db, 5000);
  // WAL: readers go on while one writer ingests; synchronous=NORMAL is durable across
  // process crashes (a power cut may lose the last transactions, never corrupt the file).
  if (auto st = m.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !st) {
    return MakeError(ErrorCode::kCorruption,
                     path + ": not a newsweave store (" + st.error().message + ")");
  }
  if (options.checkpoint_pages > 0) {
    sqlite3_wal_autocheckpoint(m.db, options.checkpoint_pages);
  }
  {
    Statement s(m.db, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (s.ok() && s.Step() == SQLITE_ROW) m.version = std::atoi(s.ColumnText(0).c_str());
  }
  if (m.version > kSchemaVersion) {
    return MakeError(ErrorCode::kUnsupported,
                     path + ": written by a newer newsweave (schema " + std::to_string(m.version) +
                         ", this build knows up to " + std::to_string(kSchemaVersion) + ")");
  }
  if (m.version < kSchemaVersion) {
    // Version 0 is an empty file (or one with unrelated tables, refused below).
    Statement tables(m.db,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                     "('meta', 'ingests', 'articles') AND name NOT LIKE 'articles_fts%'");
    if (m.version == 0 && tables.ok() && sqlite3_step(tables.get()) == SQLITE_ROW &&
        sqlite3_column_int(tables.get(), 0) > 0) {
      return MakeError(ErrorCode::kCorruption, path + ": not a newsweave store");
    }
    std::string script = std::string("BEGIN;") + (m.version == 1 ? kFromVersion1 : "") + kSchema +
                         (m.version == 1 ? "INSERT INTO articles_fts(articles_fts) VALUES "
                                           "('rebuild');"
                                         : "") +
                         "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" +
                         std::to_string(kSchemaVersion) + "'); COMMIT;";
    if (auto st = m.Exec(script); !st) {
      m.Exec("ROLLBACK;");
      return MakeError(
          ErrorCode::kIOError,
          "cannot migrate from schema " + std::to_string(m.version) + ": " + st.error().message);
    }
    m.version = kSchemaVersion;
  }
  return store;
}

int Store::schema_version() const { return impl_->version; }

Result<IngestCounts> Store::AddArticles(const std::vector<StoredArticle>& articles,
                                        std::vector<bool>* added) {
  Impl& m = *impl_;
  IngestCounts counts;
  if (added) added->assign(articles.size(), false);
  if (auto st = m.Exec("BEGIN IMMEDIATE;"); !st) return std::unexpected(st.error());
  Statement by_id(m.db, "SELECT 1 FROM articles WHERE id = ?1");
  Statement by_url(m.db, "SELECT 1 FROM articles WHERE url = ?1 AND url != ''");
  Statement by_hash(m.db, "SELECT 1 FROM articles WHERE exact_hash = ?1");
  Statement insert(m.db,
                   "INSERT INTO articles(id, url, source, title, published, declared_lang, lang, "
                   "raw, clean, removed, exact_hash, file, line, batch, pivot) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  if (!by_id.ok() || !by_url.ok() || !by_hash.ok() || !insert.ok()) {
    Error e = m.Fail("cannot prepare statements");
    m.Exec("ROLLBACK;");
    return std::unexpected(e);
  }
  auto exists = [](Statement& s) {
    bool found = s.Step() == SQLITE_ROW;
    s.Reset();
    return found;
  };
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const StoredArticle& a = articles[i];
    by_id.Text(1, a.article.id);
    if (exists(by_id)) {
      ++counts.same_id;
      continue;
    }
    if (!a.article.url.empty()) {
      by_url.Text(1, a.article.url);
      if (exists(by_url)) {
        ++counts.same_url;
        continue;
      }
    }
    if (a.exact_hash != 0) {
      by_hash.Int(1, static_cast<std::int64_t>(a.exact_hash));
      if (exists(by_hash)) {
        ++counts.same_text;
        continue;
      }
    }
    insert.Text(1, a.article.id);
    insert.Text(2, a.article.url);
    insert.Text(3, a.article.source);
    insert.Text(4, a.article.title);
    insert.Text(5, a.article.published);
    insert.Text(6, a.article.lang);
    insert.Text(7, a.lang);
    insert.Text(8, a.article.text);
    insert.Text(9, a.clean.text);
    insert.Text(10, EncodeSpans(a.clean.removed));
    insert.Int(11, static_cast<std::int64_t>(a.exact_hash));
    insert.Text(12, a.article.file);
    insert.Int(13, static_cast<std::int64_t>(a.article.line));
    insert.Int(14, a.batch);
    insert.Text(15, a.pivot);
    const int rc = sqlite3_step(insert.get());
    insert.Reset();
    if (rc != SQLITE_DONE) {
      Error e = m.Fail("cannot store article " + a.article.id);
      m.Exec("ROLLBACK;");
      return std::unexpected(e);
    }
    ++counts.added;
    if (added) (*added)[i] = true;
  }
  if (auto st = m.Exec("COMMIT;"); !st) {
    m.Exec("ROLLBACK;");
    return std::unexpected(st.error());
  }
  return counts;
}

Result<std::int64_t> Store::BeginIngest(const std::string& what) {
  Statement s(impl_->db, "INSERT INTO ingests(what) VALUES (?1)");
  s.Text(1, what);
  if (s.Step() != SQLITE_DONE) return std::unexpected(impl_->Fail("ingest log"));
  return sqlite3_last_insert_rowid(impl_->db);
}

Status Store::FinishIngest(std::int64_t ingest, const IngestCounts& c) {
  Statement s(impl_->db,
              "UPDATE ingests SET finished = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), added = ?2, "
              "same_id = ?3, same_url = ?4, same_text = ?5 WHERE id = ?1");
  s.Int(1, ingest);
  s.Int(2, static_cast<std::int64_t>(c.added));
  s.Int(3, static_cast<std::int64_t>(c.same_id));
  s.Int(4, static_cast<std::int64_t>(c.same_url));
  s.Int(5, static_cast<std::int64_t>(c.same_text));
  if (s.Step() != SQLITE_DONE) return std::unexpected(impl_->Fail("ingest log"));
  return {};
}

Result<std::uint64_t> Store::ArticleCount() {
  Statement s(impl_->db, "SELECT count(*) FROM articles");
  if (s.Step() != SQLITE_ROW) return std::unexpected(impl_->Fail("count"));
  return static_cast<std::uint64_t>(sqlite3_column_int64(s.get(), 0));
}

Result<StoredArticle> Store::GetArticle(const std::string& id) {
  Statement s(impl_->Cached(std::string("SELECT ") + ArticleColumns("raw") +
                            " FROM articles WHERE id = ?1"));
  s.Text(1, id);
  const int rc = s.Step();
  if (rc == SQLITE_DONE) return MakeError(ErrorCode::kNotFound, "no article " + id);
  if (rc != SQLITE_ROW) return std::unexpected(impl_->Fail("read article " + id));
  return ReadArticle(s, true);
}

Status Store::ForEachArticle(const std::function<bool(StoredArticle&)>& fn) {
  Statement s(impl_->db, (std::string("SELECT ") + ArticleColumns("''") +
                          " FROM articles ORDER BY batch, rowid")
                             .c_str());
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    StoredArticle a = ReadArticle(s, false);
    if (!fn(a)) return {};
  }
  if (rc != SQLITE_DONE) return std::unexpected(impl_->Fail("read articles"));
  return {};
}

Status Store::SetPivots(const std::vector<std::pair<std::string, std::string>>& pivots) {
  Impl& m = *impl_;
  if (auto st = m.Exec("BEGIN IMMEDIATE;"); !st) return st;
  Statement s(m.db, "UPDATE articles SET pivot = ?2 WHERE id = ?1");
  for (const auto& [id, pivot] : pivots) {
    s.Text(1, id);
    s.Text(2, pivot);
    const int rc = s.Step();
    s.Reset();
    if (rc != SQLITE_DONE) {
      Error e = m.Fail("set pivot stems of " + id);
      m.Exec("ROLLBACK;");
      return std::unexpected(e);
    }
  }
  return m.Exec("COMMIT;");
}

Status Store::WriteResults(const std::vector<std::pair<std::string, ArticleLink>>& links,
                           const std::vector<StoredEvent>& events,
                           const std::vector<StoredStory>& stories) {
  Impl& m = *impl_;
  if (auto st = m.Exec("BEGIN IMMEDIATE;"); !st) return st;
  auto fail = [&](const std::string& what) {
    Error e = m.Fail(what);
    m.Exec("ROLLBACK;");
    return std::unexpected(e);
  };
  Statement link(m.db,
                 "UPDATE articles SET event = ?2, story = ?3, relation = ?4, duplicate_of = ?5 "
                 "WHERE id = ?1");
  auto text_or_null = [](Statement& s, int i, const std::string& v) {
    if (v.empty()) {
      sqlite3_bind_null(s.get(), i);
    } else {
      s.Text(i, v);
    }
  };
  for (const auto& [id, l] : links) {
    link.Text(1, id);
    text_or_null(link, 2, l.event);
    text_or_null(link, 3, l.story);
    text_or_null(link, 4, l.relation);
    text_or_null(link, 5, l.duplicate_of);
    const int rc = link.Step();
    link.Reset();
    if (rc != SQLITE_DONE) return fail("link article " + id);
  }
  Statement event(m.db,
                  "INSERT OR REPLACE INTO events(id, seq, story, headline, start_day, end_day, "
                  "languages, sources, entities, articles) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  for (const StoredEvent& e : events) {
    event.Text(1, e.id);
    event.Int(2, std::atoll(e.id.c_str() + (e.id.empty() ? 0 : 1)));
    event.Text(3, e.story);
    event.Text(4, e.headline);
    event.Text(5, e.start);
    event.Text(6, e.end);
    event.Text(7, store::JoinList(e.languages, ' '));
    event.Text(8, store::JoinList(e.sources, '\n'));
    event.Text(9, store::JoinList(e.entities, '\n'));
    event.Int(10, e.articles);
    const int rc = event.Step();
    event.Reset();
    if (rc != SQLITE_DONE) return fail("write event " + e.id);
  }
  if (auto st = m.Exec("DELETE FROM stories;"); !st) return fail("clear stories");
  Statement story(m.db,
                  "INSERT INTO stories(id, seq, title, start_day, end_day, languages, sources, "
                  "articles, events) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  for (const StoredStory& s : stories) {
    story.Text(1, s.id);
    story.Int(2, std::atoll(s.id.c_str() + (s.id.empty() ? 0 : 1)));
    story.Text(3, s.title);
    story.Text(4, s.start);
    story.Text(5, s.end);
    story.Text(6, store::JoinList(s.languages, ' '));
    story.Int(7, s.sources);
    story.Int(8, s.articles);
    story.Text(9, store::JoinList(s.events, ' '));
    const int rc = story.Step();
    story.Reset();
    if (rc != SQLITE_DONE) return fail("write story " + s.id);
  }
  return m.Exec("COMMIT;");
}

}  // namespace newsweave
