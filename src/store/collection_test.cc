// The collection on the sample corpus (data/sample): ingest, reopen, ingest again.
#include "newsweave/collection.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace newsweave {
namespace {

std::string SampleDir() {
  const char* dir = std::getenv("NEWSWEAVE_SOURCE_DIR");
  return std::string(dir ? dir : NEWSWEAVE_SOURCE_DIR) + "/data/sample";
}

// Article id -> event id of a result.
std::map<std::string, std::string> EventsOf(const MainJobResult& r) {
  std::map<std::string, std::string> out;
  for (const JobArticle& a : r.articles) {
    out[a.id] = a.event >= 0 ? r.events[static_cast<std::size_t>(a.event)].id : "";
  }
  return out;
}

class CollectionTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("nw-collection-" + std::to_string(getpid()) + "-" +
             testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    Remove();
  }
  void TearDown() override { Remove(); }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_.string() + suffix).c_str());
  }
  std::unique_ptr<Collection> Open() {
    auto c = Collection::Open(path_.string(), CollectionOptions());
    EXPECT_TRUE(c.has_value()) << c.error().message;
    return c ? std::move(*c) : nullptr;
  }
  IngestReport Ingest(Collection& c, const std::vector<std::string>& paths) {
    auto r = c.Ingest(paths, "test", [](const Diagnostic&) {});
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return r ? *r : IngestReport();
  }
  std::filesystem::path path_;
};

TEST_F(CollectionTest, OneIngestGivesTheEventsOfTheMainJob) {
  const std::vector<std::string> paths = {SampleDir() + "/txt", SampleDir() + "/jsonl"};
  auto job = RunMainJob(paths, MainJobOptions(), [](const Diagnostic&) {});
  ASSERT_TRUE(job.has_value());
  auto c = Open();
  ASSERT_TRUE(c);
  IngestReport report = Ingest(*c, paths);
  // Exact copies (the same words) are counted, not stored again; every other article is.
  EXPECT_GT(report.counts.same_text, 0u);
  EXPECT_EQ(report.counts.added + report.counts.same_text, job->articles.size());
  EXPECT_EQ(report.events.size(), report.counts.added);
  // The stored articles fall in the events the main job finds for them.
  const std::map<std::string, std::string> stored = EventsOf(c->Snapshot());
  const std::map<std::string, std::string> whole = EventsOf(*job);
  for (const auto& [id, event] : stored) {
    ASSERT_TRUE(whole.count(id)) << id;
    EXPECT_EQ(event, whole.at(id)) << id;
    // What the store holds says the same.
    auto brief = c->store().GetBrief(id);
    ASSERT_TRUE(brief.has_value()) << id;
    EXPECT_EQ(brief->link.event, event) << id;
  }
  const MainJobResult snapshot = c->Snapshot();
  for (const EventSummary& e : snapshot.events) {
    auto event = c->store().GetEvent(e.id);
    ASSERT_TRUE(event.has_value()) << e.id;
    EXPECT_EQ(event->headline, e.headline);
    EXPECT_EQ(event->articles, static_cast<std::int64_t>(e.articles.size()));
    EXPECT_EQ(event->story, e.story);
  }
  EXPECT_EQ(snapshot.events.size(), job->events.size());
  EXPECT_EQ(c->store().Counts()->stories, static_cast<std::int64_t>(job->stories.size()));
}

TEST_F(CollectionTest, ReopeningReplaysToTheSameStateAndIngestAgainAddsNothing) {
  std::map<std::string, std::string> before;
  {
    auto c = Open();
    ASSERT_TRUE(c);
    Ingest(*c, {SampleDir() + "/txt"});
    Ingest(*c, {SampleDir() + "/jsonl"});
    before = EventsOf(c->Snapshot());
  }
  auto c = Open();
  ASSERT_TRUE(c);
  EXPECT_EQ(EventsOf(c->Snapshot()), before);
  IngestReport again = Ingest(*c, {SampleDir() + "/txt", SampleDir() + "/jsonl"});
  EXPECT_EQ(again.counts.added, 0u);
  EXPECT_EQ(again.counts.same_id, before.size());
  EXPECT_EQ(EventsOf(c->Snapshot()), before);
}

TEST_F(CollectionTest, AnEnglishQueryFindsArticlesInOtherLanguages) {
  auto c = Open();
  ASSERT_TRUE(c);
  Ingest(*c, {SampleDir() + "/txt"});
  const std::string query = CrossLingualQuery("flood", Lexicon::Default());
  ASSERT_FALSE(query.empty());
  auto hits = c->store().Search(query, 50);
  ASSERT_TRUE(hits.has_value()) << hits.error().message << " for " << query;
  std::set<std::string> langs;
  for (const SearchHit& h : *hits) langs.insert(c->store().GetBrief(h.id)->lang);
  EXPECT_TRUE(langs.count("fr") || langs.count("de")) << query;
  EXPECT_TRUE(CrossLingualQuery("  ,;  ", Lexicon::Default()).empty());
  // Quotes in a query cannot break the FTS syntax.
  EXPECT_TRUE(c->store().Search(CrossLingualQuery("\"crue", Lexicon::Default()), 5).has_value());
}

}  // namespace
}  // namespace newsweave
