#include "newsweave/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace newsweave {
namespace {

class StoreTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("nw-store-" + std::to_string(getpid()) + "-" +
             testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    Remove();
  }
  void TearDown() override { Remove(); }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_.string() + suffix).c_str());
  }
  static StoredArticle Make(const std::string& id, const std::string& url, const std::string& text,
                            std::uint64_t hash) {
    StoredArticle a;
    a.article.id = id;
    a.article.url = url;
    a.article.title = "Titre";
    a.article.text = "Publicité\n" + text;
    a.clean.text = text;
    a.clean.removed.push_back(RemovedSpan{0, 11, "chrome"});
    a.lang = "fr";
    a.exact_hash = hash;
    return a;
  }
  std::filesystem::path path_;
};

TEST_F(StoreTest, AddingTheSameArticlesAgainStoresNothingTwice) {
  auto store = Store::Open(path_.string());
  ASSERT_TRUE(store.has_value()) << store.error().message;
  std::vector<StoredArticle> batch = {
      Make("a1", "https://x.example/1", "La crue de la Loire a atteint 6,12 m à Tours.", 11),
      Make("a2", "https://x.example/2", "Le barrage d'Arnés est suspendu par la justice.", 22),
      Make("a2", "", "another text under the same id", 33),                  // same id
      Make("a3", "https://x.example/1", "the same URL as a1", 44),           // same URL
      Make("a4", "", "La crue de la Loire a atteint 6,12 m à Tours.", 11)};  // same words
  auto counts = (*store)->AddArticles(batch);
  ASSERT_TRUE(counts.has_value()) << counts.error().message;
  EXPECT_EQ(counts->added, 2u);
  EXPECT_EQ(counts->same_id, 1u);
  EXPECT_EQ(counts->same_url, 1u);
  EXPECT_EQ(counts->same_text, 1u);
  auto again = (*store)->AddArticles(batch);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->added, 0u);
  EXPECT_EQ(*(*store)->ArticleCount(), 2u);
  // Reopened, the articles are there with their spans.
  store->reset();
  auto reopened = Store::Open(path_.string());
  ASSERT_TRUE(reopened.has_value());
  EXPECT_EQ((*reopened)->schema_version(), Store::kSchemaVersion);
  auto a = (*reopened)->GetArticle("a2");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->clean.text, "Le barrage d'Arnés est suspendu par la justice.");
  ASSERT_EQ(a->clean.removed.size(), 1u);
  EXPECT_EQ(a->clean.removed[0].reason, "chrome");
  EXPECT_EQ(a->clean.removed[0].end, 11u);
  EXPECT_FALSE((*reopened)->GetArticle("nope").has_value());
}

TEST_F(StoreTest, FullTextSearchIgnoresCaseAndAccents) {
  auto store = Store::Open(path_.string());
  ASSERT_TRUE(store.has_value());
  ASSERT_TRUE((*store)->AddArticles({Make("a1", "", "Le barrage d'Arnés est suspendu.", 1),
                                     Make("a2", "", "La crue de la Loire à Tours.", 2)}));
  auto hits = (*store)->Search("arnes", 10);
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].id, "a1");
  EXPECT_NE((*hits)[0].snippet.find("<b>Arnés</b>"), std::string::npos) << (*hits)[0].snippet;
  EXPECT_FALSE((*store)->Search("\"unclosed", 10).has_value());  // a bad query is an error
}

TEST_F(StoreTest, RefusesNewerSchemasAndForeignFiles) {
  {
    auto store = Store::Open(path_.string());
    ASSERT_TRUE(store.has_value());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  auto newer = Store::Open(path_.string());
  ASSERT_FALSE(newer.has_value());
  EXPECT_NE(newer.error().message.find("newer newsweave"), std::string::npos);
  Remove();
  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE invoices(n INTEGER)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto foreign = Store::Open(path_.string());
  ASSERT_FALSE(foreign.has_value());
  EXPECT_NE(foreign.error().message.find("not a newsweave store"), std::string::npos);
  Remove();
  FILE* f = std::fopen(path_.string().c_str(), "w");
  std::fputs("this is not a database at all, just some text\n", f);
  std::fclose(f);
  EXPECT_FALSE(Store::Open(path_.string()).has_value());
}

TEST_F(StoreTest, SnippetsEscapeTheArticlesMarkup) {
  auto store = Store::Open(path_.string());
  ASSERT_TRUE(store.has_value());
  ASSERT_TRUE((*store)->AddArticles({Make("a1", "", "Le <script>barrage</script> & la crue.", 1)}));
  auto hits = (*store)->Search("barrage", 10);
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].snippet.find("<script>"), std::string::npos) << (*hits)[0].snippet;
  EXPECT_NE((*hits)[0].snippet.find("&lt;script&gt;<b>barrage</b>"), std::string::npos)
      << (*hits)[0].snippet;
}

TEST_F(StoreTest, PivotStemsAreSearchable) {
  auto store = Store::Open(path_.string());
  ASSERT_TRUE(store.has_value());
  StoredArticle a = Make("fr1", "", "La crue de la Loire a atteint Tours.", 1);
  a.pivot = "flood reach";
  ASSERT_TRUE((*store)->AddArticles({a}));
  auto hits = (*store)->Search("pivot : flood", 10);
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 1u);
  ASSERT_TRUE((*store)->SetPivots({{"fr1", "river"}}));
  EXPECT_TRUE((*store)->Search("pivot : flood", 10)->empty());  // the index follows updates
  EXPECT_EQ((*store)->Search("pivot : river", 10)->size(), 1u);
}

TEST_F(StoreTest, EventsStoriesAndLinksRoundTrip) {
  auto store = Store::Open(path_.string());
  ASSERT_TRUE(store.has_value());
  StoredArticle a1 = Make("a1", "", "La crue de la Loire a atteint Tours.", 1);
  a1.article.published = "2026-03-01T10:00:00Z";
  StoredArticle a2 = Make("a2", "", "Die Loire trat in Tours über die Ufer.", 2);
  a2.article.published = "2026-03-02T08:00:00Z";
  a2.lang = "de";
  ASSERT_TRUE((*store)->AddArticles({a1, a2}));
  StoredEvent e;
  e.id = "e1";
  e.story = "s1";
  e.headline = "Flood at Tours";
  e.start = "2026-03-01";
  e.end = "2026-03-02";
  e.languages = {"de", "fr"};
  e.sources = {"lemonde.fr", "faz.net"};
  e.entities = {"Loire", "Tours"};
  e.articles = 2;
  StoredStory s1{"s1", "Flood at Tours", "2026-03-01", "2026-03-02", {"de", "fr"}, {"e1"}, 2, 2};
  StoredStory s2{"s2", "Older", "2025-01-01", "2025-01-02", {"en"}, {"e2"}, 1, 1};
  ArticleLink l1{"e1", "s1", "", ""}, l2{"e1", "s1", "translation", "a1"};
  ASSERT_TRUE((*store)->WriteResults({{"a1", l1}, {"a2", l2}}, {e}, {s2, s1}));
  auto event = (*store)->GetEvent("e1");
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->sources, e.sources);
  EXPECT_EQ(event->entities, e.entities);
  EXPECT_EQ(event->languages, e.languages);
  std::int64_t total = 0;
  auto stories = (*store)->ListStories(0, 10, &total);
  ASSERT_TRUE(stories.has_value());
  EXPECT_EQ(total, 2);
  ASSERT_EQ(stories->size(), 2u);
  EXPECT_EQ((*stories)[0].id, "s1");  // the most recent first
  auto members = (*store)->EventArticles("e1");
  ASSERT_TRUE(members.has_value());
  ASSERT_EQ(members->size(), 2u);
  auto copies = (*store)->CopiesOf("a1");
  ASSERT_TRUE(copies.has_value());
  ASSERT_EQ(copies->size(), 1u);
  EXPECT_EQ((*copies)[0].link.relation, "translation");
  auto days = (*store)->StoryDays("s1");
  ASSERT_TRUE(days.has_value());
  ASSERT_EQ(days->size(), 2u);
  EXPECT_EQ((*days)[0].day, "2026-03-01");
  EXPECT_EQ((*days)[1].lang, "de");
  // Stories not written again are gone; links can be cleared.
  ASSERT_TRUE((*store)->WriteResults({{"a2", ArticleLink{}}}, {}, {s1}));
  EXPECT_FALSE((*store)->GetStory("s2").has_value());
  EXPECT_TRUE((*store)->GetBrief("a2")->link.event.empty());
  EXPECT_EQ((*store)->Counts()->events, 1);
}

TEST_F(StoreTest, MigratesAVersionOneFile) {
  // A file as version 1 wrote it (its schema, as it was).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &db), SQLITE_OK);
  const char* v1 = R"sql(
    PRAGMA journal_mode=WAL;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE ingests (id INTEGER PRIMARY KEY, what TEXT NOT NULL, started TEXT NOT NULL
      DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), finished TEXT, added INTEGER,
      same_id INTEGER, same_url INTEGER, same_text INTEGER);
    CREATE TABLE articles (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT,
      source TEXT, title TEXT, published TEXT, declared_lang TEXT, lang TEXT, raw TEXT NOT NULL,
      clean TEXT NOT NULL, removed TEXT NOT NULL, exact_hash INTEGER NOT NULL, file TEXT,
      line INTEGER);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, clean, content='articles',
      content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
      INSERT INTO articles_fts(rowid, title, clean) VALUES (new.rowid, new.title, new.clean);
    END;
    INSERT INTO meta VALUES ('schema_version', '1');
    INSERT INTO articles(id, url, title, lang, raw, clean, removed, exact_hash)
      VALUES ('old1', 'https://x.example/old', 'Crue', 'fr', 'Pub. La crue de la Loire.',
              'La crue de la Loire.', '0 5 chrome', 77);
  )sql";
  ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
  auto store = Store::Open(path_.string());
  ASSERT_TRUE(store.has_value()) << store.error().message;
  EXPECT_EQ((*store)->schema_version(), 2);
  auto a = (*store)->GetArticle("old1");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->clean.text, "La crue de la Loire.");
  EXPECT_EQ(a->batch, 0);
  EXPECT_TRUE(a->pivot.empty());
  EXPECT_EQ((*store)->Search("loire", 10)->size(), 1u);  // the index was rebuilt
  // The old rules hold: the same URL or words are not stored again.
  auto counts = (*store)->AddArticles(
      {Make("new1", "https://x.example/old", "other words", 5), Make("new2", "", "x", 77)});
  ASSERT_TRUE(counts.has_value());
  EXPECT_EQ(counts->same_url, 1u);
  EXPECT_EQ(counts->same_text, 1u);
  ASSERT_TRUE((*store)->SetPivots({{"old1", "flood"}}));
  EXPECT_EQ((*store)->Search("pivot : flood", 10)->size(), 1u);
}

TEST_F(StoreTest, IngestLogRecordsCounts) {
  auto store = Store::Open(path_.string());
  ASSERT_TRUE(store.has_value());
  auto ingest = (*store)->BeginIngest("test");
  ASSERT_TRUE(ingest.has_value());
  IngestCounts c;
  c.added = 3;
  EXPECT_TRUE((*store)->FinishIngest(*ingest, c).has_value());
}

}  // namespace
}  // namespace newsweave
