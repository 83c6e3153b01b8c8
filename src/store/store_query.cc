// The store's reads for pages and the API: stories, events, article lists, search.
#include <sqlite3.h>

#include <string>

#include "newsweave/store.h"
#include "store/store_impl.h"

namespace newsweave {
namespace {

using store::SplitList;
using store::Statement;

constexpr const char* kStoryColumns =
    "id, title, start_day, end_day, languages, sources, articles, events";
constexpr const char* kEventColumns =
    "id, story, headline, start_day, end_day, languages, sources, entities, articles";
constexpr const char* kBriefColumns =
    "id, title, lang, source, published, event, story, relation, duplicate_of";

StoredStory ReadStory(const Statement& s) {
  StoredStory out;
  out.id = s.ColumnText(0);
  out.title = s.ColumnText(1);
  out.start = s.ColumnText(2);
  out.end = s.ColumnText(3);
  out.languages = SplitList(s.ColumnText(4), ' ');
  out.sources = s.ColumnInt(5);
  out.articles = s.ColumnInt(6);
  out.events = SplitList(s.ColumnText(7), ' ');
  return out;
}

StoredEvent ReadEvent(const Statement& s) {
  StoredEvent out;
  out.id = s.ColumnText(0);
  out.story = s.ColumnText(1);
  out.headline = s.ColumnText(2);
  out.start = s.ColumnText(3);
  out.end = s.ColumnText(4);
  out.languages = SplitList(s.ColumnText(5), ' ');
  out.sources = SplitList(s.ColumnText(6), '\n');
  out.entities = SplitList(s.ColumnText(7), '\n');
  out.articles = s.ColumnInt(8);
  return out;
}

ArticleBrief ReadBrief(const Statement& s) {
  ArticleBrief out;
  out.id = s.ColumnText(0);
  out.title = s.ColumnText(1);
  out.lang = s.ColumnText(2);
  out.source = s.ColumnText(3);
  out.published = s.ColumnText(4);
  out.link.event = s.ColumnText(5);
  out.link.story = s.ColumnText(6);
  out.link.relation = s.ColumnText(7);
  out.link.duplicate_of = s.ColumnText(8);
  return out;
}

// HTML-escapes `text`, turning the snippet markers \x02 and \x03 into <b> and </b>.
std::string SnippetHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '\x02':
        out += "<b>";
        break;
      case '\x03':
        out += "</b>";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// Runs `s` (parameters bound) and reads every row with `read`.
template <typename T, typename Read>
Result<std::vector<T>> ReadAll(Statement& s, Read read, sqlite3* db, const std::string& path,
                               const std::string& what) {
  std::vector<T> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(read(s));
  if (rc != SQLITE_DONE) return std::unexpected(SqliteError(db, path, what));
  return out;
}

// Runs `s` and reads its one row, or kNotFound.
template <typename T, typename Read>
Result<T> ReadOne(Statement& s, Read read, sqlite3* db, const std::string& path,
                  const std::string& what) {
  const int rc = s.Step();
  if (rc == SQLITE_DONE) return MakeError(ErrorCode::kNotFound, "no " + what);
  if (rc != SQLITE_ROW) return std::unexpected(SqliteError(db, path, "read " + what));
  return read(s);
}

}  // namespace

Result<std::vector<SearchHit>> Store::Search(const std::string& query, int limit) {
  Statement s(impl_->db,
              "SELECT a.id, snippet(articles_fts, 1, char(2), char(3), '…', 24) "
              "FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
              "WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?2");
  s.Text(1, query);
  s.Int(2, limit);
  std::vector<SearchHit> hits;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    hits.push_back(SearchHit{s.ColumnText(0), SnippetHtml(s.ColumnText(1))});
  }
  if (rc != SQLITE_DONE) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "search \"" + query + "\": " + sqlite3_errmsg(impl_->db));
  }
  return hits;
}

Result<std::vector<StoredStory>> Store::ListStories(std::int64_t offset, std::int64_t limit,
                                                    std::int64_t* total) {
  if (total) {
    Statement count(impl_->db, "SELECT count(*) FROM stories");
    if (count.Step() != SQLITE_ROW) return std::unexpected(impl_->Fail("count stories"));
    *total = count.ColumnInt(0);
  }
  Statement s(impl_->db, (std::string("SELECT ") + kStoryColumns +
                          " FROM stories ORDER BY end_day DESC, seq LIMIT ?1 OFFSET ?2")
                             .c_str());
  s.Int(1, limit);
  s.Int(2, offset);
  return ReadAll<StoredStory>(s, ReadStory, impl_->db, impl_->path, "list stories");
}

Result<StoredStory> Store::GetStory(const std::string& id) {
  Statement s(impl_->db,
              (std::string("SELECT ") + kStoryColumns + " FROM stories WHERE id = ?1").c_str());
  s.Text(1, id);
  return ReadOne<StoredStory>(s, ReadStory, impl_->db, impl_->path, "story " + id);
}

Result<StoredEvent> Store::GetEvent(const std::string& id) {
  Statement s(impl_->db,
              (std::string("SELECT ") + kEventColumns + " FROM events WHERE id = ?1").c_str());
  s.Text(1, id);
  return ReadOne<StoredEvent>(s, ReadEvent, impl_->db, impl_->path, "event " + id);
}

Result<std::vector<ArticleBrief>> Store::EventArticles(const std::string& event) {
  Statement s(impl_->db, (std::string("SELECT ") + kBriefColumns +
                          " FROM articles WHERE event = ?1 ORDER BY batch, rowid")
                             .c_str());
  s.Text(1, event);
  return ReadAll<ArticleBrief>(s, ReadBrief, impl_->db, impl_->path, "articles of event " + event);
}

Result<std::vector<ArticleBrief>> Store::CopiesOf(const std::string& id) {
  Statement s(impl_->db, (std::string("SELECT ") + kBriefColumns +
                          " FROM articles WHERE duplicate_of = ?1 ORDER BY batch, rowid")
                             .c_str());
  s.Text(1, id);
  return ReadAll<ArticleBrief>(s, ReadBrief, impl_->db, impl_->path, "copies of " + id);
}

Result<ArticleBrief> Store::GetBrief(const std::string& id) {
  Statement s(impl_->db,
              (std::string("SELECT ") + kBriefColumns + " FROM articles WHERE id = ?1").c_str());
  s.Text(1, id);
  return ReadOne<ArticleBrief>(s, ReadBrief, impl_->db, impl_->path, "article " + id);
}

Result<std::vector<DayCount>> Store::StoryDays(const std::string& story) {
  Statement s(impl_->db,
              "SELECT substr(published, 1, 10) AS day, lang, count(*) FROM articles "
              "WHERE story = ?1 AND published IS NOT NULL AND length(published) >= 10 "
              "GROUP BY day, lang ORDER BY day, lang");
  s.Text(1, story);
  return ReadAll<DayCount>(
      s,
      [](const Statement& r) {
        return DayCount{r.ColumnText(0), r.ColumnText(1), r.ColumnInt(2)};
      },
      impl_->db, impl_->path, "days of story " + story);
}

Result<StoreCounts> Store::Counts() {
  Statement s(impl_->db,
              "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
              "(SELECT count(*) FROM stories)");
  if (s.Step() != SQLITE_ROW) return std::unexpected(impl_->Fail("count"));
  return StoreCounts{s.ColumnInt(0), s.ColumnInt(1), s.ColumnInt(2)};
}

}  // namespace newsweave
