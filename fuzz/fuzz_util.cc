#include "fuzz_util.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "newsweave/reader.h"
#include "text/utf8.h"

namespace newsweave::fuzz {
namespace {

struct Scratch {
  std::string path;
  Scratch() {
    const char* tmp = std::getenv("TMPDIR");
    path = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/newsweave-fuzz-" +
           std::to_string(::getpid());
    std::filesystem::create_directories(path);
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

const std::string& ScratchDir() {
  static Scratch scratch;
  return scratch.path;
}

std::string WriteScratchFile(const std::string& name, std::string_view data) {
  std::string path = ScratchDir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  Check(static_cast<bool>(out), "cannot write the scratch file");
  return path;
}

std::size_t ReadEveryArticle(const std::string& path) {
  ArticleReader reader({path}, ReadOptions(), [](const Diagnostic& d) {
    Check(!d.message.empty(), "a diagnostic without a message");
    Check(!FormatDiagnostic(d).empty(), "an empty formatted diagnostic");
  });
  Article article;
  std::size_t n = 0;
  while (reader.Next(&article)) {
    Check(text::IsValidUtf8(article.text), "article text is not valid UTF-8");
    Check(text::IsValidUtf8(article.title), "article title is not valid UTF-8");
    Check(!article.id.empty(), "article without an id");
    ++n;
  }
  return n;
}

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "broken promise: %s\n", what);
  std::abort();
}

}  // namespace newsweave::fuzz
