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
};

// `newsweave clean`: cleaned text and each removed span with its reason.
int RunClean(const CommonFlags& flags);

// `newsweave run`: the main job. For now: read, clean, identify languages, and print a
// summary (or the contract's JSON object, with no events yet).
int RunMain(const CommonFlags& flags, const std::string& db);

}  // namespace newsweave::cli

#endif  // NEWSWEAVE_CLI_COMMANDS_H_
