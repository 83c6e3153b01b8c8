#include "ingest/json_file.h"

#include <utility>

#include "ingest/util.h"

namespace newsweave::ingest {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace

JsonFileReader::JsonFileReader(std::unique_ptr<InputFile> in, Kind kind, const ReadOptions& options,
                               JsonArticleParser* parser, const Reporter* report)
    : in_(std::move(in)),
      options_(options),
      parser_(parser),
      report_(report),
      lines_(std::make_unique<LineReader>(in_.get(), options.max_line_bytes)),
      mode_(kind == Kind::kLines ? Mode::kLines : Mode::kUnknown) {}

void JsonFileReader::Report(Diagnostic::Severity severity, std::uint64_t line,
                            std::string message) {
  if (report_ == nullptr || !*report_) return;
  (*report_)(Diagnostic{severity, in_->path(), line, std::move(message)});
}

void JsonFileReader::ReportWarnings(std::uint64_t line, const std::string& prefix) {
  for (std::string& w : warnings_) Report(Diagnostic::Severity::kWarning, line, prefix + w);
  warnings_.clear();
}

bool JsonFileReader::StartDocument(std::string_view first_line) {
  // A first line shaped like a whole object means JSON lines with a bad first line.
  std::string_view trimmed = TrimAscii(first_line);
  bool looks_like_lines = trimmed.starts_with('{') && trimmed.ends_with('}');
  const std::size_t limit = options_.max_article_bytes * 4;
  Status read = in_->Rewind();
  if (read) read = ReadAll(in_.get(), limit, &document_);
  if (!read) {
    if (read.error().code == ErrorCode::kTooLarge && looks_like_lines) return false;
    std::string why = read.error().code == ErrorCode::kTooLarge
                          ? "JSON document too large (more than " + std::to_string(limit) +
                                " bytes, 4 x max_article_bytes); use JSON lines"
                          : read.error().message;
    Report(Diagnostic::Severity::kError, 0, why + ", file skipped");
    mode_ = Mode::kDone;
    return true;
  }
  std::size_t start = document_.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  std::size_t len = document_.size() - start;
  document_.resize(document_.size() + JsonArticleParser::kPadding, ' ');
  Status parsed =
      parser_->ParseDocument(std::string_view(document_.data() + start, len), &document_is_array_);
  if (parsed) {
    mode_ = Mode::kDocument;
    element_ = 0;
    return true;
  }
  document_.clear();
  document_.shrink_to_fit();
  if (looks_like_lines) return false;
  Report(Diagnostic::Severity::kError, 0, parsed.error().message + ", file skipped");
  mode_ = Mode::kDone;
  return true;
}

bool JsonFileReader::Next(Article* out) {
  for (;;) {
    switch (mode_) {
      case Mode::kDone:
        return false;
      case Mode::kDocument: {
        Status status;
        out->file = in_->path();
        out->line = 0;
        // A single-object file is named by its file name, array elements by their index.
        const std::uint64_t ordinal = document_is_array_ ? element_ + 1 : 0;
        if (!parser_->NextDocumentArticle(ordinal, out, &status, &warnings_)) {
          mode_ = Mode::kDone;
          document_.clear();
          document_.shrink_to_fit();
          return false;
        }
        ++element_;
        std::string prefix =
            document_is_array_ ? "element " + std::to_string(element_) + ": " : std::string();
        ReportWarnings(0, prefix);
        if (!status) {
          Report(Diagnostic::Severity::kError, 0, prefix + status.error().message + ", skipped");
          continue;
        }
        return true;
      }
      case Mode::kUnknown:
      case Mode::kLines: {
        std::string_view line;
        LineReader::Outcome r = lines_->Next(&line);
        const std::uint64_t n = lines_->line_number();
        if (r == LineReader::Outcome::kEnd) {
          mode_ = Mode::kDone;
          return false;
        }
        if (r == LineReader::Outcome::kError) {
          Report(Diagnostic::Severity::kError, n,
                 lines_->error().message + ", rest of file skipped");
          mode_ = Mode::kDone;
          return false;
        }
        if (r == LineReader::Outcome::kTooLong) {
          Report(Diagnostic::Severity::kError, n,
                 "line longer than max_line_bytes (" + std::to_string(options_.max_line_bytes) +
                     " bytes), skipped");
          continue;
        }
        if (n == 1 && line.starts_with(kUtf8Bom)) line.remove_prefix(kUtf8Bom.size());
        if (IsBlank(line)) continue;
        if (mode_ == Mode::kUnknown && TrimAscii(line).starts_with('[')) {
          if (!StartDocument(line)) mode_ = Mode::kLines;  // cannot happen for '['
          continue;
        }
        out->file = in_->path();
        out->line = n;
        warnings_.clear();
        Status status = parser_->Parse(line, n, out, &warnings_);
        if (!status && mode_ == Mode::kUnknown &&
            JsonArticleParser::IsSyntaxError(status.error())) {
          if (StartDocument(line)) continue;
          // Fall back to lines: re-read from the start, reporting line 1 again.
          mode_ = Mode::kLines;
          lines_ = std::make_unique<LineReader>(in_.get(), options_.max_line_bytes);
          if (Status rw = in_->Rewind(); !rw) {
            Report(Diagnostic::Severity::kError, 0, rw.error().message + ", file skipped");
            mode_ = Mode::kDone;
          }
          continue;
        }
        mode_ = Mode::kLines;
        ReportWarnings(n, "");
        if (!status) {
          Report(Diagnostic::Severity::kError, n, status.error().message + ", skipped");
          continue;
        }
        return true;
      }
    }
  }
}

}  // namespace newsweave::ingest
