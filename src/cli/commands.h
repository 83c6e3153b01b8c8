// The subcommands of the newsweave binary. Each returns the process exit code.
#ifndef NEWSWEAVE_CLI_COMMANDS_H_
#define NEWSWEAVE_CLI_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "newsweave/main_job.h"

namespace newsweave::cli {

struct CommonFlags {
  std::vector<std::string> paths;
  bool json = false;
  bool quiet = false;  // no diagnostics on stderr
  int threads = 0;     // 0: one per core
};

// `newsweave clean`: cleaned text and each removed span with its reason.
int RunClean(const CommonFlags& flags);

struct DedupFlags {
  double threshold = 0.8;
  int shingle = 5;
  int perms = 128;
  bool stats = false;
  std::string index;                  // load (when it exists), extend and save this index file
  bool translations = false;          // also group articles with their translations
  std::vector<std::string> lexicons;  // user lexicons (source<TAB>target or MUSE form)
};

// `newsweave dedup`: groups of exact, near and contained copies, and with --translations
// of translations.
int RunDedup(const CommonFlags& flags, const DedupFlags& dedup_flags);

// `newsweave run`: the main job: read, clean, dedup, cluster; the digest (or the contract's
// JSON object), with each event's quotes and claims unless `quotes` is false.
// `flush_articles`: MainJobOptions::flush_articles.
int RunMain(const CommonFlags& flags, const std::string& db, bool quotes = true,
            std::size_t flush_articles = MainJobOptions().flush_articles);

struct SimilarFlags {
  std::string a, b;   // two article files
  std::string pairs;  // or a JSONL file of {"id", "a", "b"} lines
  std::string model;  // a model file instead of the built-in one
  bool json = false;
  bool quiet = false;
  int threads = 0;
};

// `newsweave similar A B | --pairs FILE.jsonl`: scores on the SemEval-2022 Task 8 scale,
// with reasons.
int RunSimilar(const SimilarFlags& flags);

struct TrainSimilarityFlags {
  std::string csv;  // SemEval-2022 Task 8 train.csv
  std::string out;  // model file to write (none: only cross-validate)
  int folds = 5;    // cross-validation folds (0 or 1: none)
  int trees = 300;
  int errors = 0;  // list this many of the worst out-of-fold predictions each way
  int depth = 3;
  double learning_rate = 0.05;
  std::uint64_t seed = 1;
  int threads = 0;
};

// `newsweave train-similarity`: trains the pair similarity model, reporting cross-validation.
int RunTrainSimilarity(const TrainSimilarityFlags& flags);

struct IngestFlags {
  std::string db;
  std::size_t batch = 1000;    // articles per transaction
  bool print_commits = false;  // a line on stdout after each committed transaction
};

// `newsweave ingest --db FILE PATH...`: adds articles to the persistent store, skipping
// those stored already (same id, URL or words). With `print_commits`, prints
// "committed N: ID..." (flushed) after each transaction: those articles survive a crash.
int RunIngest(const CommonFlags& flags, const IngestFlags& ingest_flags);

struct ServeFlags {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string token;
  int threads = 32;
  std::size_t max_body_mb = 16;
};

// `newsweave serve`: the HTTP API and web page until SIGINT or SIGTERM.
int RunServe(const ServeFlags& flags);

}  // namespace newsweave::cli

#endif  // NEWSWEAVE_CLI_COMMANDS_H_
