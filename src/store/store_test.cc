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
  EXPECT_EQ(*hits, std::vector<std::string>{"a1"});
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
