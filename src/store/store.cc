#include "newsweave/store.h"

#include <sqlite3.h>

#include <cstdlib>
#include <string>

namespace newsweave {
namespace {

// The current schema, as statements run in one transaction (version 1).
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
  file TEXT, line INTEGER);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url) WHERE url IS NOT NULL AND url != '';
CREATE INDEX IF NOT EXISTS articles_exact ON articles(exact_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, clean, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, clean) VALUES (new.rowid, new.title, new.clean);
END;
)sql";

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  bool ok() const { return stmt_ != nullptr; }
  void Text(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void Int(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::string ColumnText(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? std::string(reinterpret_cast<const char*>(t),
                         static_cast<std::size_t>(sqlite3_column_bytes(s, i)))
           : std::string();
}

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

}  // namespace

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  int version = 0;

  ~Impl() {
    if (db) sqlite3_close(db);
  }

  Error Fail(const std::string& what) const {
    return Error{ErrorCode::kIOError, path + ": " + what + ": " + sqlite3_errmsg(db)};
  }

  Status Exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string m = message ? message : "unknown error";
      sqlite3_free(message);
      return MakeError(ErrorCode::kIOError, path + ": " + m);
    }
    return {};
  }
};

Store::Store() : impl_(std::make_unique<Impl>()) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  std::unique_ptr<Store> store(new Store());
  Impl& m = *store->impl_;
  m.path = path;
  if (sqlite3_open_v2(path.c_str(), &m.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
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
  {
    Statement s(m.db, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (s.ok() && sqlite3_step(s.get()) == SQLITE_ROW) {
      m.version = std::atoi(ColumnText(s.get(), 0).c_str());
    }
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
    std::string script = std::string("BEGIN;") + kSchema +
                         "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" +
                         std::to_string(kSchemaVersion) + "'); COMMIT;";
    if (auto st = m.Exec(script.c_str()); !st) {
      m.Exec("ROLLBACK;");
      return std::unexpected(st.error());
    }
    m.version = kSchemaVersion;
  }
  return store;
}

int Store::schema_version() const { return impl_->version; }

Result<IngestCounts> Store::AddArticles(const std::vector<StoredArticle>& articles) {
  Impl& m = *impl_;
  IngestCounts counts;
  if (auto st = m.Exec("BEGIN IMMEDIATE;"); !st) return std::unexpected(st.error());
  Statement by_id(m.db, "SELECT 1 FROM articles WHERE id = ?1");
  Statement by_url(m.db, "SELECT 1 FROM articles WHERE url = ?1 AND url != ''");
  Statement by_hash(m.db, "SELECT 1 FROM articles WHERE exact_hash = ?1");
  Statement insert(m.db,
                   "INSERT INTO articles(id, url, source, title, published, declared_lang, lang, "
                   "raw, clean, removed, exact_hash, file, line) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  if (!by_id.ok() || !by_url.ok() || !by_hash.ok() || !insert.ok()) {
    Error e = m.Fail("cannot prepare statements");
    m.Exec("ROLLBACK;");
    return std::unexpected(e);
  }
  auto exists = [](Statement& s) {
    bool found = sqlite3_step(s.get()) == SQLITE_ROW;
    s.Reset();
    return found;
  };
  for (const StoredArticle& a : articles) {
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
    const int rc = sqlite3_step(insert.get());
    insert.Reset();
    if (rc != SQLITE_DONE) {
      Error e = m.Fail("cannot store article " + a.article.id);
      m.Exec("ROLLBACK;");
      return std::unexpected(e);
    }
    ++counts.added;
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
  if (sqlite3_step(s.get()) != SQLITE_DONE) return std::unexpected(impl_->Fail("ingest log"));
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
  if (sqlite3_step(s.get()) != SQLITE_DONE) return std::unexpected(impl_->Fail("ingest log"));
  return {};
}

Result<std::uint64_t> Store::ArticleCount() {
  Statement s(impl_->db, "SELECT count(*) FROM articles");
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::unexpected(impl_->Fail("count"));
  return static_cast<std::uint64_t>(sqlite3_column_int64(s.get(), 0));
}

Result<StoredArticle> Store::GetArticle(const std::string& id) {
  Statement s(impl_->db,
              "SELECT id, url, source, title, published, declared_lang, lang, raw, clean, "
              "removed, exact_hash, file, line FROM articles WHERE id = ?1");
  s.Text(1, id);
  const int rc = sqlite3_step(s.get());
  if (rc == SQLITE_DONE) return MakeError(ErrorCode::kNotFound, "no article " + id);
  if (rc != SQLITE_ROW) return std::unexpected(impl_->Fail("read article " + id));
  StoredArticle a;
  a.article.id = ColumnText(s.get(), 0);
  a.article.url = ColumnText(s.get(), 1);
  a.article.source = ColumnText(s.get(), 2);
  a.article.title = ColumnText(s.get(), 3);
  a.article.published = ColumnText(s.get(), 4);
  a.article.lang = ColumnText(s.get(), 5);
  a.lang = ColumnText(s.get(), 6);
  a.article.text = ColumnText(s.get(), 7);
  a.clean.text = ColumnText(s.get(), 8);
  a.clean.removed = DecodeSpans(ColumnText(s.get(), 9));
  a.exact_hash = static_cast<std::uint64_t>(sqlite3_column_int64(s.get(), 10));
  a.article.file = ColumnText(s.get(), 11);
  a.article.line = static_cast<std::uint64_t>(sqlite3_column_int64(s.get(), 12));
  return a;
}

Result<std::vector<std::string>> Store::Search(const std::string& query, int limit) {
  Statement s(impl_->db,
              "SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
              "WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?2");
  s.Text(1, query);
  s.Int(2, limit);
  std::vector<std::string> ids;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) ids.push_back(ColumnText(s.get(), 0));
  if (rc != SQLITE_DONE) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "search \"" + query + "\": " + sqlite3_errmsg(impl_->db));
  }
  return ids;
}

}  // namespace newsweave
