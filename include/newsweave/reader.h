// Reading articles from files and directories: .txt, .json/.jsonl, .html/.htm,
// .warc/.warc.gz. Streams: memory does not grow with the size of the input.
#ifndef NEWSWEAVE_READER_H_
#define NEWSWEAVE_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "newsweave/article.h"

namespace newsweave {

struct ReadOptions {
  // Articles (or whole .txt/.html files) larger than this are skipped with a message.
  std::size_t max_article_bytes = 64u << 20;
  // JSONL lines longer than this are skipped with a message (the reader does not hold them).
  std::size_t max_line_bytes = 64u << 20;
  // JSON nesting deeper than this is rejected.
  std::size_t max_json_depth = 64;
  // WARC pages that declare no publication date get the record's WARC-Date (the crawl time)
  // as `published` when set. Off by default: a crawl date is not a publication date.
  bool warc_date_as_published = false;
};

// A problem with one input record or file. The reader reports it and goes on.
struct Diagnostic {
  enum class Severity { kWarning, kError };
  Severity severity = Severity::kError;
  std::string file;
  std::uint64_t line = 0;  // 1-based; 0 when the problem is about the whole file
  std::string message;
};

// Returns "file:line: message" (or "file: message" when line is 0).
std::string FormatDiagnostic(const Diagnostic& d);

struct ReadStats {
  std::uint64_t files = 0;
  std::uint64_t articles = 0;
  std::uint64_t bytes = 0;    // input bytes consumed
  std::uint64_t skipped = 0;  // records or files skipped with an error diagnostic
  std::uint64_t replaced_bytes = 0;
};

// Streams the articles of a list of paths. Directories are walked recursively in sorted
// order; the format of each file comes from its extension, else from its first bytes.
// Not thread-safe.
class ArticleReader {
 public:
  using DiagnosticSink = std::function<void(const Diagnostic&)>;

  // `sink` receives every diagnostic (bad line, unreadable file, ...); may be empty.
  ArticleReader(std::vector<std::string> paths, ReadOptions options, DiagnosticSink sink);
  ~ArticleReader();
  ArticleReader(const ArticleReader&) = delete;
  ArticleReader& operator=(const ArticleReader&) = delete;

  // Stores the next article in *out and returns true; returns false when all inputs are
  // exhausted. Bad records are reported to the sink and skipped, never returned.
  bool Next(Article* out);

  // Counters so far.
  const ReadStats& stats() const;

  // Total bytes of all input files (known after construction; for progress bars).
  std::uint64_t total_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_READER_H_
