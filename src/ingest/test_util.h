// Helpers shared by the ingest tests: a scratch directory and file writing.
#ifndef NEWSWEAVE_INGEST_TEST_UTIL_H_
#define NEWSWEAVE_INGEST_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>

namespace newsweave::ingest::testing_util {

// A fresh directory under the test temp dir, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = ::testing::TempDir() + "/nw_ingest_XXXXXX";
    char* made = ::mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

// Writes `bytes` to `path`, creating parent directories.
inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), f), bytes.size());
  std::fclose(f);
}

// Appends `bytes` to `path` as one gzip member.
inline void AppendGzipMember(const std::string& path, std::string_view bytes) {
  gzFile f = gzopen(path.c_str(), "ab");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())),
            static_cast<int>(bytes.size()));
  gzclose(f);
}

// A field of /proc/self/status in KiB ("VmRSS:", "VmHWM:"), or -1.
inline long StatusKb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(key)) return std::atol(line.c_str() + std::strlen(key));
  }
  return -1;
}

// What RunInChild brings back.
struct ChildResult {
  bool ok = false;          // the child ran to its end
  long rss_growth_kb = -1;  // its peak resident memory (VmHWM) less its memory at the start
  std::string output;       // what `fn` returned
};

// Runs `fn` in a forked child, so that its peak memory can be measured apart from the rest of
// the tests, and returns the string it makes (for the parent to check) with the growth.
inline ChildResult RunInChild(const std::function<std::string()>& fn) {
  ChildResult result;
  int fds[2];
  if (::pipe(fds) != 0) return result;
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    const long before = StatusKb("VmRSS:");
    std::string out = fn();
    out = std::to_string(StatusKb("VmHWM:") - before) + "\n" + out;
    for (std::size_t at = 0; at < out.size();) {
      const ssize_t n = ::write(fds[1], out.data() + at, out.size() - at);
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  if (pid < 0) {
    ::close(fds[0]);
    return result;
  }
  std::string all;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof(buf))) > 0) all.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::size_t nl = all.find('\n');
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || nl == std::string::npos) return result;
  result.ok = true;
  result.rss_growth_kb = std::atol(all.c_str());
  result.output = all.substr(nl + 1);
  return result;
}

// True in a build with AddressSanitizer, whose shadow memory and quarantine make resident
// memory figures meaningless.
constexpr bool kAddressSanitizer =
#if defined(__SANITIZE_ADDRESS__)
    true;
#else
    false;
#endif

}  // namespace newsweave::ingest::testing_util

#endif  // NEWSWEAVE_INGEST_TEST_UTIL_H_
