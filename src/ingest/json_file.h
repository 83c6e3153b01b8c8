// Reading the articles of a .jsonl or .json file with bounded memory.
#ifndef NEWSWEAVE_INGEST_JSON_FILE_H_
#define NEWSWEAVE_INGEST_JSON_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ingest/input_file.h"
#include "ingest/json_article.h"
#include "ingest/source.h"
#include "newsweave/reader.h"

namespace newsweave::ingest {

// Streams a JSON file's articles.
//  - kLines (.jsonl): one object a line, read through a bounded buffer; blank lines are
//    ignored; a malformed or over-long line is reported with its line number and skipped.
//  - kAuto (.json, or sniffed): if the first non-blank line starts with '[', or is not a
//    complete JSON text by itself, the whole file (up to 4 * max_article_bytes) is parsed as one
//    document: an object is one article, an array holds one article per element (reported as
//    "element N"). Otherwise the file is read as JSON lines.
class JsonFileReader : public ArticleSource {
 public:
  enum class Kind { kLines, kAuto };

  // `parser` and `report` must outlive the reader.
  JsonFileReader(std::unique_ptr<InputFile> in, Kind kind, const ReadOptions& options,
                 JsonArticleParser* parser, const Reporter* report);

  bool Next(Article* out) override;
  std::uint64_t raw_offset() const override { return in_->raw_offset(); }

 private:
  enum class Mode { kUnknown, kLines, kDocument, kDone };

  // Tries to parse the whole file as one document; returns false to fall back to lines.
  bool StartDocument(std::string_view first_line);
  void Report(Diagnostic::Severity severity, std::uint64_t line, std::string message);
  void ReportWarnings(std::uint64_t line, const std::string& prefix);

  std::unique_ptr<InputFile> in_;
  ReadOptions options_;
  JsonArticleParser* parser_;
  const Reporter* report_;
  std::unique_ptr<LineReader> lines_;
  Mode mode_;
  std::uint64_t element_ = 0;  // 1-based index of the last array element
  bool document_is_array_ = false;
  std::string document_;  // the whole file in document mode
  std::vector<std::string> warnings_;
};

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_JSON_FILE_H_
