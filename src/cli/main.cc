// The newsweave command line: a thin shell over the library stages.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "newsweave/pipeline.h"

namespace {

// Subcommands of the contract whose stage is not built yet: one line, exit status 2.
int NotBuilt(const char* name, const char* what) {
  std::fprintf(stderr, "newsweave %s: not built yet (%s)\n", name, what);
  return 2;
}

}  // namespace

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
  run->add_option("PATH", flags.paths, "Files or directories (read recursively)")->required();
  run->add_option("--db", db, "SQLite store to use");
  run->add_flag("--json", flags.json, "Write one JSON object instead of the digest");
  run->add_flag("-q,--quiet", flags.quiet, "Do not print diagnostics about bad input");

  CLI::App* clean =
      app.add_subcommand("clean", "Cleaned text and each removed span with its reason");
  clean->add_option("PATH", flags.paths, "Files or directories (read recursively)")->required();
  clean->add_flag("--json", flags.json, "One JSON object per article");
  clean->add_flag("-q,--quiet", flags.quiet, "Do not print diagnostics about bad input");

  newsweave::cli::DedupFlags dedup_flags;
  CLI::App* dedup = app.add_subcommand(
      "dedup", "Groups of exact and near copies (contained copies: not built yet)");
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
  dedup->add_option("--threads", flags.threads, "Threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  dedup->add_flag("-q,--quiet", flags.quiet, "Do not print diagnostics about bad input");
  CLI::App* similar = app.add_subcommand("similar", "Pair similarity");
  similar->allow_extras();
  CLI::App* ingest = app.add_subcommand("ingest", "Add articles to a persistent store");
  ingest->allow_extras();
  CLI::App* serve = app.add_subcommand("serve", "HTTP JSON API and web page");
  serve->allow_extras();

  CLI11_PARSE(app, argc, argv);

  if (*run) return newsweave::cli::RunMain(flags, db);
  if (*clean) return newsweave::cli::RunClean(flags);
  if (*dedup) return newsweave::cli::RunDedup(flags, dedup_flags);
  if (*similar) return NotBuilt("similar", "pair similarity comes with issue 4");
  if (*ingest) return NotBuilt("ingest", "the store comes with issue 6");
  if (*serve) return NotBuilt("serve", "the service comes with issue 6");
  return 2;
}
