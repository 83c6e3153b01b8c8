// Shared pieces of the fuzz targets (fuzz/*_fuzzer.cc). Each target defines
// LLVMFuzzerTestOneInput; it is linked with libFuzzer when NEWSWEAVE_FUZZ is on (`make fuzz`)
// and with replay_main.cc otherwise, which runs it over the seed corpus and the saved
// regressions as a test.
#ifndef NEWSWEAVE_FUZZ_FUZZ_UTIL_H_
#define NEWSWEAVE_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsweave::fuzz {

// A directory of this process's own under $TMPDIR (made on first use, removed at exit).
const std::string& ScratchDir();

// Writes `data` to ScratchDir()/name (replacing it) and returns the path.
std::string WriteScratchFile(const std::string& name, std::string_view data);

// Reads every article of the file at `path` with the default reader options, checking what
// the reader promises (valid UTF-8 text, a message on every diagnostic); aborts when a
// promise is broken. Returns the number of articles read.
std::size_t ReadEveryArticle(const std::string& path);

// Aborts with `what` on stderr when `ok` is false (a broken promise is a crash to the fuzzer).
void Check(bool ok, const char* what);

inline std::string_view AsView(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace newsweave::fuzz

#endif  // NEWSWEAVE_FUZZ_FUZZ_UTIL_H_
