// Streaming reader of WARC files (.warc, .warc.gz with one gzip member per record or one for
// the whole file). Memory is bounded by one record's HTML body (at most max_article_bytes).
#ifndef NEWSWEAVE_INGEST_WARC_H_
#define NEWSWEAVE_INGEST_WARC_H_

#include <cstdint>
#include <memory>
#include <string>

#include "ingest/html.h"
#include "ingest/input_file.h"
#include "ingest/source.h"
#include "newsweave/reader.h"

namespace newsweave::ingest {

// Reads the HTML pages of a WARC file's `response` records as articles.
//  - Other record types (warcinfo, request, metadata, revisit, ...) are skipped unread.
//  - Responses that are not HTTP 2xx, or whose Content-Type is not text/html or
//    application/xhtml+xml, are skipped silently (a crawl holds many).
//  - Bodies with a Content-Encoding other than identity are skipped with a warning;
//    Transfer-Encoding: chunked is decoded.
//  - Records over max_article_bytes, pages without text and undecodable chunked bodies are
//    reported as errors and skipped.
//  - A corrupt record (bad version line or header, missing Content-Length, truncated data)
//    is reported with its byte offset (uncompressed for .warc.gz) and ends the file.
// Articles: id = url = WARC-Target-URI; source = host of that URI; title, text, lang and
// published from the page. `published` stays empty when the page declares no date, unless
// ReadOptions::warc_date_as_published is set (WARC-Date is when the page was crawled, not
// published). Article::line and Diagnostic::line hold the 1-based record number.
class WarcReader : public ArticleSource {
 public:
  // `report` must outlive the reader.
  WarcReader(std::unique_ptr<InputFile> in, const ReadOptions& options, const Reporter* report);
  ~WarcReader() override;

  bool Next(Article* out) override;
  std::uint64_t raw_offset() const override;

  // Records seen so far, of any type.
  std::uint64_t records() const { return record_; }

 private:
  class Stream;
  struct Headers;

  // Turns a response record's block into *out; false when the record is skipped.
  bool ProcessResponse(const Headers& warc, Article* out);
  void Report(Diagnostic::Severity severity, std::string message);
  // Reports a corrupt record and ends the file; returns false.
  bool Corrupt(std::uint64_t offset, const std::string& what);

  std::unique_ptr<Stream> stream_;
  ReadOptions options_;
  const Reporter* report_;
  HtmlOptions html_options_;
  std::uint64_t record_ = 0;
  bool done_ = false;
  std::string block_;  // the current response record's block (reused)
  std::string body_;   // a de-chunked HTTP body (reused)
};

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_WARC_H_
