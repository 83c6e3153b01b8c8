#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace newsweave::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(1)) return;
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double frac = total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
  if (frac > 1) frac = 1;
  const int width = 30;
  int filled = static_cast<int>(frac * width);
  double secs = std::chrono::duration<double>(now - start_).count();
  double mb = static_cast<double>(done) / 1e6;
  std::fprintf(stderr, "\r%s [%.*s%*s] %3.0f%%  %.1f MB  %.1f MB/s ", label_.c_str(), filled,
               "##############################", width - filled, "", frac * 100, mb,
               secs > 0 ? mb / secs : 0.0);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r%*s\r", 80, "");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace newsweave::cli
