// A progress bar on stderr for long batches: shown only when stderr is a terminal and the
// work has taken more than a second.
#ifndef NEWSWEAVE_CLI_PROGRESS_H_
#define NEWSWEAVE_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace newsweave::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();

  // Reports `done` of `total` units (bytes). Redraws at most ten times a second.
  void Update(std::uint64_t done, std::uint64_t total);

  // Erases the bar if it was drawn.
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace newsweave::cli

#endif  // NEWSWEAVE_CLI_PROGRESS_H_
