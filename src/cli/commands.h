// The subcommands of the newsweave binary. Each returns the process exit code.
#ifndef NEWSWEAVE_CLI_COMMANDS_H_
#define NEWSWEAVE_CLI_COMMANDS_H_

#include <string>
#include <vector>

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
  std::string index;  // load (when it exists), extend and save this index file
};

// `newsweave dedup`: groups of exact and near copies (contained copies: not yet).
int RunDedup(const CommonFlags& flags, const DedupFlags& dedup_flags);

// `newsweave run`: the main job. For now: read, clean, identify languages, and print a
// summary (or the contract's JSON object, with no events yet).
int RunMain(const CommonFlags& flags, const std::string& db);

}  // namespace newsweave::cli

#endif  // NEWSWEAVE_CLI_COMMANDS_H_
