// The newsweave command line: a thin shell over the library stages.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "newsweave/pipeline.h"

int main(int argc, char** argv) {
  newsweave::KeepFreedMemory();
  CLI::App app{
      "newsweave: clean text, duplicate groups, cross-lingual links, events and stories "
      "from scraped multilingual news"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "newsweave 0.1.0");

  newsweave::cli::CommonFlags flags;
  std::string db;

  CLI::App* run = app.add_subcommand("run", "The main job: read, clean, dedup, cluster; digest");
  run->add_option("PATH", flags.paths, "Files or directories (read recursively)");
  run->add_option("--db", db,
                  "SQLite store: PATH... are ingested into it, and the digest covers all it holds");
  run->add_flag("--json", flags.json, "Write one JSON object instead of the digest");
  run->add_flag("-q,--quiet", flags.quiet, "Do not print diagnostics about bad input");
  bool no_quotes = false;
  run->add_flag("--no-quotes", no_quotes, "Do not look for quotes and claims");
  run->add_option("--threads", flags.threads, "Threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  std::size_t flush_articles = newsweave::MainJobOptions().flush_articles;
  run->add_option("--cluster-every", flush_articles,
                  "Cluster the articles read so far after every N (0: all at the end); bounds "
                  "the memory of large runs")
      ->capture_default_str();

  CLI::App* clean =
      app.add_subcommand("clean", "Cleaned text and each removed span with its reason");
  clean->add_option("PATH", flags.paths, "Files or directories (read recursively)")->required();
  clean->add_flag("--json", flags.json, "One JSON object per article");
  clean->add_flag("-q,--quiet", flags.quiet, "Do not print diagnostics about bad input");

  newsweave::cli::DedupFlags dedup_flags;
  CLI::App* dedup =
      app.add_subcommand("dedup", "Groups of exact, near and contained copies (and translations)");
  dedup->add_option("PATH", flags.paths, "Files or directories (read recursively)")->required();
  dedup->add_flag("--json", flags.json, "One JSON object per group of two or more");
  dedup->add_option("--threshold", dedup_flags.threshold, "Jaccard threshold (default 0.8)")
      ->check(CLI::Range(0.05, 1.0));
  dedup->add_option("--shingle", dedup_flags.shingle, "Words per shingle (default 5)")
      ->check(CLI::Range(1, 64));
  dedup->add_option("--perms", dedup_flags.perms, "MinHash permutations (default 128)")
      ->check(CLI::Range(8, 1024));
  dedup->add_flag("--stats", dedup_flags.stats, "Counts by relation and time on stderr");
  dedup->add_option("--index", dedup_flags.index,
                    "Index file: loaded when it exists, extended with PATH..., saved");
  dedup->add_flag("--translations", dedup_flags.translations,
                  "Also group articles with their translations (relation \"translation\")");
  dedup
      ->add_option("--lexicon", dedup_flags.lexicons,
                   "User lexicon for --translations: \"source<TAB>english\" or MUSE "
                   "\"english @ source\" lines; the language from the file name (fr-en.txt)")
      ->check(CLI::ExistingFile);
  dedup->add_option("--threads", flags.threads, "Threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  dedup->add_flag("-q,--quiet", flags.quiet, "Do not print diagnostics about bad input");
  newsweave::cli::SimilarFlags similar_flags;
  CLI::App* similar = app.add_subcommand(
      "similar", "Pair similarity on the SemEval-2022 Task 8 scale (1 same event, 4 unrelated)");
  similar->add_option("A", similar_flags.a, "First article file");
  similar->add_option("B", similar_flags.b, "Second article file");
  similar->add_option("--pairs", similar_flags.pairs,
                      "JSONL file of {\"id\", \"a\": ARTICLE, \"b\": ARTICLE} lines");
  similar->add_option("--model", similar_flags.model, "Model file (default: the built-in one)");
  similar->add_flag("--json", similar_flags.json, "JSON output for A B");
  similar->add_option("--threads", similar_flags.threads, "Threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  similar->add_flag("-q,--quiet", similar_flags.quiet, "Do not print diagnostics about bad input");

  newsweave::cli::TrainSimilarityFlags train_flags;
  CLI::App* train = app.add_subcommand(
      "train-similarity", "Train the pair similarity model on SemEval-2022 Task 8 train.csv");
  train->add_option("CSV", train_flags.csv, "train.csv")->required()->check(CLI::ExistingFile);
  train->add_option("--out", train_flags.out, "Model file to write (none: cross-validate only)");
  train->add_option("--folds", train_flags.folds, "Cross-validation folds (default 5; 0: none)")
      ->check(CLI::Range(0, 50));
  train->add_option("--trees", train_flags.trees, "Trees per score (default 300)")
      ->check(CLI::Range(1, 5000));
  train->add_option("--errors", train_flags.errors,
                    "List the N worst out-of-fold predictions each way, with their features");
  train->add_option("--depth", train_flags.depth, "Tree depth (default 3)")
      ->check(CLI::Range(1, 8));
  train->add_option("--rate", train_flags.learning_rate, "Learning rate (default 0.05)")
      ->check(CLI::Range(0.001, 1.0));
  train->add_option("--seed", train_flags.seed, "Random seed (default 1)");
  train->add_option("--threads", train_flags.threads, "Threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  CLI::App* ingest = app.add_subcommand("ingest", "Add articles to a persistent store");
  ingest->add_option("PATH", flags.paths, "Files or directories (read recursively)")->required();
  newsweave::cli::IngestFlags ingest_flags;
  ingest->add_option("--db", ingest_flags.db, "SQLite store (created when missing)")->required();
  ingest->add_option("--threads", flags.threads, "Threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  ingest->add_flag("-q,--quiet", flags.quiet, "Do not print diagnostics about bad input");
  ingest->add_option("--batch", ingest_flags.batch, "Articles per transaction (default 1000)")
      ->check(CLI::Range(1, 1000000));
  ingest->add_flag("--print-commits", ingest_flags.print_commits,
                   "After each transaction, print \"committed N: ID...\" (those survive a crash)");
  newsweave::cli::ServeFlags serve_flags;
  CLI::App* serve = app.add_subcommand("serve", "HTTP JSON API and web page over a store");
  serve->add_option("--db", serve_flags.db, "SQLite store (created when missing)")->required();
  serve->add_option("--host", serve_flags.host, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", serve_flags.port, "Port (default 8080; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--token", serve_flags.token,
                    "Writes (POST /api/articles) need \"Authorization: Bearer TOKEN\"");
  serve
      ->add_option("--threads", serve_flags.threads,
                   "Worker threads = clients served at once (default 32)")
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--max-body", serve_flags.max_body_mb,
                   "Largest request body in MiB (default 16)")
      ->check(CLI::Range(1, 1024));

  CLI11_PARSE(app, argc, argv);

  if (*run) {
    if (flags.paths.empty() && db.empty()) {
      std::fprintf(stderr, "newsweave run: give PATH... (or --db FILE)\n");
      return 2;
    }
    return newsweave::cli::RunMain(flags, db, !no_quotes, flush_articles);
  }
  if (*clean) return newsweave::cli::RunClean(flags);
  if (*dedup) return newsweave::cli::RunDedup(flags, dedup_flags);
  if (*similar) return newsweave::cli::RunSimilar(similar_flags);
  if (*train) return newsweave::cli::RunTrainSimilarity(train_flags);
  if (*ingest) return newsweave::cli::RunIngest(flags, ingest_flags);
  if (*serve) return newsweave::cli::RunServe(serve_flags);
  return 2;
}
