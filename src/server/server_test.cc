// Every endpoint of the API over a store of the sample corpus, through real HTTP on loopback.
#include "newsweave/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

namespace newsweave {
namespace {

using nlohmann::json;

std::string SampleDir() {
  const char* dir = std::getenv("NEWSWEAVE_SOURCE_DIR");
  return std::string(dir ? dir : NEWSWEAVE_SOURCE_DIR) + "/data/sample";
}

// One server for all tests of the suite: a store of data/sample, a token for writes.
class ServerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::string(
        (std::filesystem::temp_directory_path() / ("nw-server-" + std::to_string(getpid()) + ".db"))
            .string());
    {
      auto c = Collection::Open(*path_, CollectionOptions());
      ASSERT_TRUE(c.has_value()) << c.error().message;
      ASSERT_TRUE((*c)->Ingest({SampleDir() + "/txt", SampleDir() + "/jsonl"}, "test",
                               [](const Diagnostic&) {}));
    }
    ServerOptions options;
    options.port = 0;
    options.token = "s3cret";
    options.max_body = 64 * 1024;
    auto s = NewsServer::Open(*path_, options);
    ASSERT_TRUE(s.has_value()) << s.error().message;
    server_ = s->release();
    thread_ = new std::thread([] { server_->Run(); });
    client_ = new httplib::Client("127.0.0.1", server_->port());
    for (int i = 0; i < 200 && !client_->Get("/healthz"); ++i) usleep(10000);
  }
  static void TearDownTestSuite() {
    server_->Stop();
    thread_->join();
    delete client_;
    delete server_;
    delete thread_;
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((*path_ + suffix).c_str());
    delete path_;
  }
  // GET and parse; checks the status.
  static json Get(const std::string& path, int status = 200) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    return json::parse(res->body);
  }
  static httplib::Result Post(const std::string& body, const std::string& token = "s3cret") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client_->Post("/api/articles", headers, body, "application/x-ndjson");
  }
  static std::string* path_;
  static NewsServer* server_;
  static std::thread* thread_;
  static httplib::Client* client_;
};

std::string* ServerTest::path_ = nullptr;
NewsServer* ServerTest::server_ = nullptr;
std::thread* ServerTest::thread_ = nullptr;
httplib::Client* ServerTest::client_ = nullptr;

TEST_F(ServerTest, HealthCountsWhatIsStored) {
  json h = Get("/healthz");
  EXPECT_TRUE(h["ok"].get<bool>());
  EXPECT_GT(h["articles"].get<int>(), 10);
  EXPECT_GT(h["events"].get<int>(), 3);
  EXPECT_EQ(h["schema_version"].get<int>(), Store::kSchemaVersion);
}

TEST_F(ServerTest, StoriesEventsAndArticlesLinkUp) {
  json page = Get("/api/stories?limit=2");
  ASSERT_EQ(page["stories"].size(), 2u);
  EXPECT_GE(page["total"].get<int>(), 2);
  // Most recent first.
  EXPECT_GE(page["stories"][0]["end"].get<std::string>(),
            page["stories"][1]["end"].get<std::string>());
  json next = Get("/api/stories?limit=2&offset=2");
  if (!next["stories"].empty()) {
    EXPECT_NE(next["stories"][0]["id"], page["stories"][0]["id"]);
  }
  const std::string story = page["stories"][0]["id"];
  json s = Get("/api/stories/" + story);
  ASSERT_FALSE(s["events"].empty());
  EXPECT_EQ(s["events"].size(), s["event_count"].get<std::size_t>());
  EXPECT_LE(page["stories"][0]["events"].size(),
            page["stories"][0]["event_count"].get<std::size_t>());
  EXPECT_FALSE(s["days"].empty());
  const std::string event = s["events"][0]["id"];
  json e = Get("/api/events/" + event);
  EXPECT_EQ(e["story"], story);
  ASSERT_FALSE(e["articles"].empty());
  EXPECT_FALSE(e["headline"].get<std::string>().empty());
  const std::string article = e["articles"][0]["id"];
  json a = Get("/api/articles/" + article);
  EXPECT_EQ(a["event"], event);
  EXPECT_FALSE(a["clean"].get<std::string>().empty());
  // Every removed span's text is the raw text at its offsets.
  const std::string raw = a["text"];
  for (const json& r : a["removed"]) {
    EXPECT_EQ(raw.substr(r["start"].get<std::size_t>(),
                         r["end"].get<std::size_t>() - r["start"].get<std::size_t>()),
              r["text"].get<std::string>());
  }
  json similar = Get("/api/articles/" + article + "/similar?limit=3");
  ASSERT_FALSE(similar["similar"].empty());
  EXPECT_LE(similar["similar"].size(), 3u);
  EXPECT_LE(similar["similar"][0]["overall"].get<double>(),
            similar["similar"].back()["overall"].get<double>());
}

TEST_F(ServerTest, EventsSayWhoSaidWhat) {
  // Over all events of the sample: quotes with speakers and renderings in the articles of
  // the event; claims with a stance.
  json page = Get("/api/stories?limit=50");
  int quotes = 0, named = 0;
  for (const json& story : page["stories"]) {
    for (const json& brief : story["events"]) {
      json e = Get("/api/events/" + brief["id"].get<std::string>());
      ASSERT_TRUE(e["quotes"].is_array());
      ASSERT_TRUE(e["claims"].is_array());
      std::set<std::string> members;
      for (const json& a : e["articles"]) {
        members.insert(a["id"]);
        for (const json& c : a["copies"]) members.insert(c["id"]);
      }
      for (const json& q : e["quotes"]) {
        ++quotes;
        if (!q["speaker"].get<std::string>().empty()) ++named;
        ASSERT_FALSE(q["renderings"].empty());
        for (const json& r : q["renderings"]) {
          EXPECT_TRUE(members.count(r["article"].get<std::string>())) << r.dump();
          EXPECT_GE(r["text"].get<std::string>().size(), 10u);
        }
      }
      for (const json& c : e["claims"]) {
        const std::string stance = c["stance"];
        EXPECT_TRUE(stance == "accusation" || stance == "denial" || stance == "demand" ||
                    stance == "warning" || stance == "call-for-help")
            << stance;
      }
    }
  }
  EXPECT_GE(quotes, 10);
  EXPECT_GE(named, quotes * 8 / 10);
}

TEST_F(ServerTest, SearchAndSimilarityAcrossLanguages) {
  json r = Get("/api/search?q=flood");
  ASSERT_FALSE(r["results"].empty());
  std::set<std::string> langs;
  for (const json& hit : r["results"]) langs.insert(hit["lang"]);
  EXPECT_GT(langs.size(), 1u) << r.dump();
  const std::string a = r["results"][0]["id"], b = r["results"].back()["id"];
  json s = Get("/api/similarity?a=" + a + "&b=" + b);
  EXPECT_GE(s["overall"].get<double>(), 1.0);
  EXPECT_LE(s["overall"].get<double>(), 4.0);
  EXPECT_TRUE(s["reasons"].is_array());
  EXPECT_EQ(s["a"]["id"], a);
  EXPECT_TRUE(s["terms_a"].is_array());
  Get("/api/search?q=%20%2C", 400);
  Get("/api/search", 400);
  Get("/api/similarity?a=" + a, 400);
}

TEST_F(ServerTest, UnknownIdsAndPathsAre404AndBadParameters400) {
  EXPECT_EQ(Get("/api/events/e99999", 404)["error"]["status"], 404);
  Get("/api/stories/s99999", 404);
  Get("/api/articles/no-such-article", 404);
  Get("/api/articles/no-such-article/similar", 404);
  Get("/api/similarity?a=no-such&b=other", 404);
  Get("/api/nothing-here", 404);
  Get("/api/stories?limit=0", 400);
  Get("/api/stories?limit=abc", 400);
  Get("/api/stories?offset=-1", 400);
  auto res = client_->Delete("/api/stories");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
}

TEST_F(ServerTest, ServesTheWebPage) {
  for (const auto& [path, type] : {std::pair{"/", "text/html; charset=utf-8"},
                                   std::pair{"/index.html", "text/html; charset=utf-8"},
                                   std::pair{"/app.js", "text/javascript; charset=utf-8"},
                                   std::pair{"/style.css", "text/css; charset=utf-8"}}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), type) << path;
    EXPECT_FALSE(res->body.empty()) << path;
    EXPECT_NE(res->get_header_value("Content-Security-Policy"), "") << path;
  }
  EXPECT_NE(client_->Get("/")->body.find("<script src=\"app.js\""), std::string::npos);
  EXPECT_EQ(Get("/nope.js", 404)["error"]["status"], 404);
  Get("/web/app.js", 404);
}

TEST_F(ServerTest, WritesNeedTheToken) {
  const std::string article =
      R"({"id": "tok-1", "lang": "en", "text": "The ferry from Calais was delayed by a storm on Tuesday, the port said."})";
  auto none = Post(article, "");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  auto wrong = Post(article, "guess");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  Get("/api/articles/tok-1", 404);  // nothing stored
}

TEST_F(ServerTest, PostIngestsGoodLinesAndReportsBadOnes) {
  const std::string body =
      "{\"id\": \"post-1\", \"lang\": \"fr\", \"published\": \"2026-06-12T08:00:00Z\", "
      "\"title\": \"Pirna sous les eaux\", \"text\": \"L'Elbe a débordé à Pirna, en Saxe, où le "
      "niveau a atteint 7,80 mètres jeudi; 1200 habitants ont été évacués.\"}\n"
      "{not json at all\n"
      "{\"id\": \"post-2\", \"title\": \"a title and no text\"}\n";
  auto res = Post(body);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json j = json::parse(res->body);
  EXPECT_EQ(j["added"], 1);
  ASSERT_FALSE(j["errors"].empty());
  EXPECT_EQ(j["errors"][0]["line"], 2);
  ASSERT_EQ(j["articles"].size(), 1u);
  const std::string event = j["articles"][0]["event"];
  json a = Get("/api/articles/post-1");
  EXPECT_EQ(a["event"], event);
  EXPECT_EQ(a["lang"], "fr");
  // Sent again: stored once.
  json again = json::parse(Post(body)->body);
  EXPECT_EQ(again["added"], 0);
  EXPECT_EQ(again["same_id"], 1);
  // A pretty-printed object is one article.
  auto pretty = Post(
      "{\n  \"id\": \"post-3\",\n  \"text\": \"Ein Waldbrand bei Lleida "
      "zerstörte am Montag 300 Hektar Wald.\"\n}\n");
  ASSERT_TRUE(pretty);
  EXPECT_EQ(json::parse(pretty->body)["added"], 1) << pretty->body;
  // Nothing usable: 400, with the reasons.
  auto bad = Post("{broken\n[1, 2]\n");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["errors"].size(), 2u);
  auto empty = Post("  \n");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
}

TEST_F(ServerTest, FormEncodedBodiesOver8KiBAre413WithAHint) {
  httplib::Headers headers{{"Authorization", "Bearer s3cret"}};
  std::string text(9000, 'x');
  auto res =
      client_->Post("/api/articles", headers, "{\"id\": \"form\", \"text\": \"" + text + "\"}",
                    "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_NE(res->body.find("application/x-ndjson"), std::string::npos) << res->body;
}

TEST_F(ServerTest, OversizedBodiesAre413) {
  std::string big(100 * 1024, 'x');
  auto res = Post("{\"id\": \"big\", \"text\": \"" + big + "\"}");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(json::parse(res->body)["error"]["status"], 413);
}

}  // namespace
}  // namespace newsweave
