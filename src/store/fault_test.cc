// Fault injection for the store (issue 8): the fault corpus is ingested through FaultVfs, which
// fails the Nth write, fsync, truncation or deletion, or runs out of disk space, for a sweep of
// N that puts the failure in the schema's creation, the articles' transactions, the events'
// write, WAL checkpoints and the close. Each run is then reopened with the normal VFS and
// checked: every acknowledged article stored exactly once, nothing doubled, the file sound,
// and the dedup groups, links, events and stories equal to those of a fresh collection given
// exactly the stored articles in the same ingests.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "newsweave/collection.h"
#include "store/fault_corpus.h"
#include "store/fault_vfs.h"

namespace newsweave::store {
namespace {

constexpr std::size_t kBatch = 3;    // articles per transaction: several per ingest
constexpr int kCheckpointPages = 8;  // small, so that checkpoints happen inside ingests

std::string JsonString(const std::string& s) { return nlohmann::json(std::string(s)).dump(); }

// Writes `articles` as a JSONL file.
void WriteJsonl(const std::filesystem::path& path, const std::vector<CorpusArticle>& articles) {
  std::ofstream out(path);
  for (const CorpusArticle& a : articles) {
    out << "{\"id\": " << JsonString(a.id) << ", \"url\": " << JsonString(a.url)
        << ", \"source\": " << JsonString(a.source) << ", \"title\": " << JsonString(a.title)
        << ", \"text\": " << JsonString(a.text) << ", \"published\": " << JsonString(a.published)
        << ", \"lang\": " << JsonString(a.lang) << "}\n";
  }
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::remove((path + suffix).c_str());
  }
}

// Rows of a query, each column as text ("" for NULL).
std::vector<std::vector<std::string>> Query(sqlite3* db, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sql;
  while (s && sqlite3_step(s) == SQLITE_ROW) {
    std::vector<std::string>& row = rows.emplace_back();
    for (int i = 0; i < sqlite3_column_count(s); ++i) {
      const unsigned char* t = sqlite3_column_text(s, i);
      row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
    }
  }
  sqlite3_finalize(s);
  return rows;
}

std::string Join(const std::vector<std::string>& row) {
  std::string out;
  for (const std::string& c : row) out += (out.empty() ? "" : "|") + c;
  return out;
}

// What a store holds, comparably: links by article (in stored order), events, stories, and
// the stored ids grouped by ingest.
struct Dump {
  std::vector<std::string> links, events, stories;
  std::vector<std::vector<std::string>> ingests;
};

Dump DumpStore(const std::string& path) {
  Dump d;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::string batch;
  for (const auto& row : Query(db,
                               "SELECT batch, id, event, story, relation, duplicate_of "
                               "FROM articles ORDER BY batch, rowid")) {
    if (d.ingests.empty() || row[0] != batch) d.ingests.emplace_back();
    batch = row[0];
    d.ingests.back().push_back(row[1]);
    d.links.push_back(Join({row.begin() + 1, row.end()}));
  }
  for (const auto& row : Query(db,
                               "SELECT id, story, headline, start_day, end_day, languages, "
                               "sources, entities, articles FROM events ORDER BY seq")) {
    d.events.push_back(Join(row));
  }
  for (const auto& row : Query(db, "SELECT * FROM stories ORDER BY seq")) {
    d.stories.push_back(Join(row));
  }
  sqlite3_close(db);
  return d;
}

// The main job's result in a comparable form: each article's copy relation and event, each
// event's articles.
std::vector<std::string> Describe(const MainJobResult& r) {
  std::vector<std::string> out;
  for (const JobArticle& a : r.articles) {
    out.push_back(a.id + " " + a.relation + " " + a.duplicate_of + " " +
                  (a.event >= 0 ? r.events[static_cast<std::size_t>(a.event)].id : "-"));
  }
  for (const EventSummary& e : r.events) {
    std::string line = e.id + " " + e.story + ":";
    for (const std::string& id : e.articles) line += " " + id;
    out.push_back(line);
  }
  return out;
}

// The collection's options for the runs under faults (`faulty`), and for reopening and the
// references (SQLite's usual checkpoints).
CollectionOptions Options(bool faulty = false) {
  CollectionOptions o;
  o.batch = kBatch;
  o.job.pipeline.threads = 1;
  if (faulty) {
    o.store.vfs = FaultVfs::kName;
    o.store.checkpoint_pages = kCheckpointPages;
  }
  return o;
}

void Ignore(const Diagnostic&) {}

// One way to fail: the Nth call of an operation (or a disk of `space` bytes), and whether
// the failed ingest is retried on the same collection (like the server) or after reopening
// (like the command line).
struct Plan {
  FaultOp op = FaultOp::kWrite;
  std::int64_t nth = 0;  // 0: no injected error
  bool sticky = false;
  std::int64_t space = -1;
  bool free_space = false;  // the disk gets space again after the first failed ingest
  bool reopen = false;
};

// What a run under faults did.
struct FaultRun {
  std::vector<bool> acknowledged;   // per ingest: Ingest (or its one retry) returned OK
  std::set<std::string> committed;  // ids the collection reported committed
  FaultCounts counts;
  // The counts when the store was opened ("open"), a batch committed ("articles"), an ingest
  // ended ("events": the links, events and stories are written last) and the store closed
  // ("close"), in order: in the run without faults, where the Nth call falls.
  std::vector<std::pair<std::string, FaultCounts>> marks;
};

class FaultTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(FaultVfs::Register().has_value());
    dir_ = std::filesystem::temp_directory_path() / ("nw-fault-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    corpus_ = FaultCorpus();
    for (std::size_t k = 0; k < corpus_.size(); ++k) {
      files_.push_back((dir_ / ("ingest-" + std::to_string(k) + ".jsonl")).string());
      WriteJsonl(files_.back(), corpus_[k]);
      for (const CorpusArticle& a : corpus_[k]) originals_.emplace(a.id, a);
    }
    db_ = (dir_ / "faulty.db").string();
  }
  void TearDown() override {
    FaultVfs::Reset();
    std::filesystem::remove_all(dir_);
  }

  // Ingests the corpus through the faulty VFS as `plan` says, retrying a failed ingest once.
  FaultRun IngestWithFaults(const Plan& plan) {
    RemoveDb(db_);
    FaultVfs::Reset();
    if (plan.nth > 0) FaultVfs::FailNth(plan.op, plan.nth, plan.sticky);
    if (plan.space >= 0) FaultVfs::LimitSpace(plan.space);
    FaultRun run;
    CollectionOptions options = Options(true);
    options.committed = [&](std::span<const std::string> ids) {
      run.committed.insert(ids.begin(), ids.end());
      run.marks.emplace_back("articles", FaultVfs::Counts());
    };
    std::unique_ptr<Collection> c;
    auto attempt = [&](std::size_t k) {
      if (!c) {
        auto opened = Collection::Open(db_, options);
        run.marks.emplace_back("open", FaultVfs::Counts());
        if (!opened) return false;
        c = std::move(*opened);
      }
      const bool ok = c->Ingest({files_[k]}, "ingest " + std::to_string(k), Ignore).has_value();
      run.marks.emplace_back("events", FaultVfs::Counts());
      if (!ok && plan.reopen) c.reset();
      if (!ok && plan.free_space) FaultVfs::LimitSpace(-1);
      return ok;
    };
    for (std::size_t k = 0; k < corpus_.size(); ++k) {
      run.acknowledged.push_back(attempt(k) || attempt(k));
    }
    c.reset();  // the last checkpoint and the WAL's deletion, under faults too
    run.marks.emplace_back("close", FaultVfs::Counts());
    run.counts = FaultVfs::Counts();
    FaultVfs::Reset();
    return run;
  }

  // A fresh collection (normal VFS) given the stored articles of `ingests`, one ingest each.
  const std::pair<Dump, std::vector<std::string>>& Reference(
      const std::vector<std::vector<std::string>>& ingests) {
    std::string key;
    for (const auto& ids : ingests) key += Join(ids) + "\n";
    auto it = references_.find(key);
    if (it != references_.end()) return it->second;
    const std::string path = (dir_ / "reference.db").string();
    RemoveDb(path);
    std::vector<std::string> snapshot;
    {
      auto c = Collection::Open(path, Options());
      EXPECT_TRUE(c.has_value());
      for (std::size_t k = 0; k < ingests.size(); ++k) {
        std::vector<CorpusArticle> articles;
        for (const std::string& id : ingests[k]) articles.push_back(originals_.at(id));
        const std::string file = (dir_ / ("reference-" + std::to_string(k) + ".jsonl")).string();
        WriteJsonl(file, articles);
        auto r = (*c)->Ingest({file}, "reference", Ignore);
        EXPECT_TRUE(r.has_value());
        EXPECT_EQ(r->counts.added, articles.size());
      }
      snapshot = Describe((*c)->Snapshot());
    }
    auto& ref = references_[key];
    ref = {DumpStore(path), std::move(snapshot)};
    RemoveDb(path);
    return ref;
  }

  // Checks the store after `run` and reopening it; adds to the totals.
  void Check(const FaultRun& run, const std::string& what) {
    SCOPED_TRACE(what);
    // Before any repair: when the last ingest was acknowledged, the store is complete.
    if (run.acknowledged.back()) {
      const Dump before = DumpStore(db_);
      const auto& ref = Reference(before.ingests);
      EXPECT_EQ(before.links, ref.first.links);
      EXPECT_EQ(before.events, ref.first.events);
      EXPECT_EQ(before.stories, ref.first.stories);
    }
    std::vector<std::string> reopened;
    {
      auto c = Collection::Open(db_, Options());
      ASSERT_TRUE(c.has_value()) << c.error().message;
      reopened = Describe((*c)->Snapshot());
    }
    const Dump after = DumpStore(db_);
    const auto& ref = Reference(after.ingests);
    EXPECT_EQ(reopened, ref.second);
    EXPECT_EQ(after.links, ref.first.links);
    EXPECT_EQ(after.events, ref.first.events);
    EXPECT_EQ(after.stories, ref.first.stories);

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    EXPECT_EQ(Query(db, "PRAGMA integrity_check")[0][0], "ok");
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
                           nullptr, nullptr, &error),
              SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    // Nothing doubled: ids, URLs and words are each stored once.
    const auto counts = Query(db,
                              "SELECT count(*), count(DISTINCT id), count(DISTINCT url), "
                              "count(DISTINCT exact_hash), count(DISTINCT clean) FROM articles");
    for (int i = 1; i < 5; ++i) EXPECT_EQ(counts[0][i], counts[0][0]) << i;
    // Every article in an event that exists, with the event's count right, and no event
    // without articles.
    EXPECT_EQ(Query(db, "SELECT count(*) FROM articles WHERE event IS NULL")[0][0], "0");
    EXPECT_EQ(Query(db,
                    "SELECT count(*) FROM events e WHERE articles != "
                    "(SELECT count(*) FROM articles a WHERE a.event = e.id)")[0][0],
              "0");
    EXPECT_EQ(Query(db,
                    "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                    "(SELECT 1 FROM events e WHERE e.id = a.event)")[0][0],
              "0");
    std::set<std::string> stored, urls, texts;
    for (const auto& row : Query(db, "SELECT id, url FROM articles")) {
      stored.insert(row[0]);
      urls.insert(row[1]);
      texts.insert(originals_.at(row[0]).text);
    }
    sqlite3_close(db);
    // Every acknowledged article is there: stored itself, or skipped as a copy of one stored.
    for (std::size_t k = 0; k < corpus_.size(); ++k) {
      if (!run.acknowledged[k]) continue;
      ++acknowledged_ingests_;
      for (const CorpusArticle& a : corpus_[k]) {
        EXPECT_TRUE(stored.count(a.id) || urls.count(a.url) || texts.count(a.text)) << a.id;
        ++articles_checked_;
      }
    }
    for (const std::string& id : run.committed) EXPECT_TRUE(stored.count(id)) << id;
    // An article no ingest reported committed is not stored (a failed transaction leaves
    // nothing).
    for (const std::string& id : stored) EXPECT_TRUE(run.committed.count(id)) << id;
    articles_checked_ += static_cast<std::int64_t>(run.committed.size());
    unacknowledged_ingests_ += std::count(run.acknowledged.begin(), run.acknowledged.end(), false);
    ++runs_;
  }

  // Where `run`'s first failure was: in a checkpoint (once the file exists, the main
  // database file is written and grown, and any file synced, only there: commits go to the
  // WAL unsynced), else
  // where the baseline run was when `count` reached `n`: "open", "articles" (their
  // transactions), "events" (links, events, stories, the ingest log) or "close".
  static std::string Where(const FaultRun& baseline, const FaultRun& run, std::int64_t n,
                           std::int64_t (*count)(const FaultCounts&)) {
    std::string phase = "close";
    for (const auto& [name, counts] : baseline.marks) {
      if (count(counts) >= n) {
        phase = name;
        break;
      }
    }
    const std::string& first = run.counts.first_failure;
    if (phase != "open" && (first.ends_with(" db") || first.starts_with("sync"))) {
      phase = "checkpoint";
    }
    return phase;
  }

  std::filesystem::path dir_;
  std::string db_;
  std::vector<CorpusIngest> corpus_;
  std::vector<std::string> files_;
  std::map<std::string, CorpusArticle> originals_;
  std::map<std::string, std::pair<Dump, std::vector<std::string>>> references_;
  int runs_ = 0;
  std::int64_t acknowledged_ingests_ = 0, unacknowledged_ingests_ = 0, articles_checked_ = 0;
};

std::int64_t Writes(const FaultCounts& c) { return c.writes; }
std::int64_t Syncs(const FaultCounts& c) { return c.syncs; }
std::int64_t Truncates(const FaultCounts& c) { return c.truncates; }
std::int64_t Deletes(const FaultCounts& c) { return c.deletes; }
std::int64_t Grown(const FaultCounts& c) { return c.grown; }

TEST_F(FaultTest, WithoutFaultsEveryIngestIsAcknowledged) {
  const FaultRun run = IngestWithFaults(Plan());
  EXPECT_EQ(std::count(run.acknowledged.begin(), run.acknowledged.end(), true),
            static_cast<long>(corpus_.size()));
  EXPECT_EQ(run.counts.failures, 0);
  Check(run, "no fault");
}

// Every write, fsync, truncation and deletion of a run in turn (writes: a spread of them)
// fails once, and a few fail from then on.
TEST_F(FaultTest, AFailedWriteSyncTruncateOrDeleteLosesAndDoublesNothing) {
  const FaultRun baseline = IngestWithFaults(Plan());
  struct Kind {
    FaultOp op;
    const char* name;
    std::int64_t (*count)(const FaultCounts&);
  };
  const Kind kinds[] = {{FaultOp::kWrite, "write", Writes},
                        {FaultOp::kSync, "fsync", Syncs},
                        {FaultOp::kTruncate, "truncate", Truncates},
                        {FaultOp::kDelete, "delete", Deletes}};
  constexpr std::int64_t kMaxPoints = 60;  // per kind
  std::map<std::string, int> landed;
  int points = 0;
  for (const Kind& kind : kinds) {
    const std::int64_t total = kind.count(baseline.counts);
    const std::int64_t stride = std::max<std::int64_t>(1, (total + kMaxPoints - 1) / kMaxPoints);
    int failed = 0;
    for (std::int64_t n = 1; n <= total; n += stride) {
      Plan plan;
      plan.op = kind.op;
      plan.nth = n;
      plan.sticky = (n / stride) % 5 == 4;
      plan.reopen = (n / stride) % 2 == 1;
      const FaultRun run = IngestWithFaults(plan);
      failed += run.counts.failures > 0;
      ++landed[std::string(kind.name) + " in " + Where(baseline, run, n, kind.count)];
      ++points;
      Check(run, std::string(kind.name) + " #" + std::to_string(n) +
                     (plan.sticky ? " and after" : "") + (plan.reopen ? ", reopening" : ""));
      if (HasFailure()) return;
    }
    std::printf("%s: %lld calls in a run, %d failed (one at a time)\n", kind.name,
                static_cast<long long>(total), failed);
  }
  std::printf("%d fault points:", points);
  for (const auto& [where, n] : landed) std::printf(" %s %d,", where.c_str(), n);
  std::printf("\n%d runs checked: %lld ingests acknowledged, %lld not; %lld articles checked\n",
              runs_, static_cast<long long>(acknowledged_ingests_),
              static_cast<long long>(unacknowledged_ingests_),
              static_cast<long long>(articles_checked_));
  EXPECT_GT(unacknowledged_ingests_, 0);
  EXPECT_GT(landed.size(), 4u);
}

// A disk that fills up at a spread of points of the run (SQLITE_FULL from then on): half of
// the time the command line's way (a failed ingest is retried after reopening, the disk still
// full), half the server's (the same collection retries once the disk has space again).
TEST_F(FaultTest, AFullDiskLosesAndDoublesNothing) {
  const FaultRun baseline = IngestWithFaults(Plan());
  const std::int64_t opened = baseline.marks.front().second.grown;  // what creating it takes
  const std::int64_t peak = baseline.counts.peak;
  ASSERT_GT(peak, opened);
  constexpr int kPoints = 32;
  std::map<std::string, int> landed;
  int full = 0;
  for (int i = 0; i < kPoints; ++i) {
    Plan plan;
    // A few points while the schema is created, the rest over the ingests.
    plan.space = i < 4 ? opened * i / 4 : opened + (peak - opened) * (i - 4) / (kPoints - 4);
    plan.reopen = i % 2 == 1;
    plan.free_space = !plan.reopen;
    const FaultRun run = IngestWithFaults(plan);
    if (run.counts.failures == 0) continue;
    ++full;
    ++landed[Where(baseline, run, plan.space, Grown)];
    Check(run, "disk of " + std::to_string(plan.space) + " bytes" +
                   (plan.reopen ? ", reopening" : ", then freed"));
    if (HasFailure()) return;
  }
  std::printf("disk full at %d points of %d tried:", full, kPoints);
  for (const auto& [where, n] : landed) std::printf(" %s %d,", where.c_str(), n);
  std::printf("\n%d runs checked: %lld ingests acknowledged, %lld not; %lld articles checked\n",
              runs_, static_cast<long long>(acknowledged_ingests_),
              static_cast<long long>(unacknowledged_ingests_),
              static_cast<long long>(articles_checked_));
  EXPECT_GT(full, kPoints / 2);
}

}  // namespace
}  // namespace newsweave::store
