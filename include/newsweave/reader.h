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

// Limits that hold on hostile input. Each one hit gives a diagnostic naming the file and line;
// the rest of the batch goes on.
struct ReadOptions {
  // Input bytes of one article: a whole .txt or .html file, a WARC record, one JSON document
  // (a .json file may hold 4 times this). Larger inputs are skipped with an error; they are
  // never held in memory whole (a .gz file is cut off while it is being decompressed).
  std::size_t max_article_bytes = 16u << 20;
  // JSONL lines longer than this are skipped with an error (the reader does not hold them).
  std::size_t max_line_bytes = 16u << 20;
  // Text of one article after decoding and HTML extraction: longer text is cut (at the last
  // line break before the limit, else at a character boundary) with a warning. This bounds
  // the time and memory cleaning, analysis and deduplication spend on one article (analysis
  // holds about 50 bytes per byte of text); news articles are rarely over 100 KB.
  std::size_t max_text_bytes = 1u << 20;
  // JSON nesting deeper than this is rejected with an error (the parser does not recurse).
  std::size_t max_json_depth = 64;
  // HTML elements nested deeper than this are flattened before parsing (their tags dropped,
  // their text kept); see HtmlExtractOptions::max_depth.
  std::size_t max_html_depth = 512;
  // HTML pages with more elements than this are read as text after them, with a warning; see
  // HtmlExtractOptions::max_elements.
  std::size_t max_html_elements = 100000;
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
