#include "ingest/warc.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <utility>

#include "ingest/encoding.h"
#include "ingest/util.h"

namespace newsweave::ingest {

namespace {

constexpr std::size_t kBufferBytes = 1 << 16;
constexpr std::size_t kMaxHeaderLine = 1 << 16;
constexpr std::size_t kMaxHeaderBytes = 1 << 20;

bool ParseDecimal(std::string_view s, std::uint64_t* out) {
  s = TrimAscii(s);
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out, 10);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Splits "Name: value" into its parts; false when there is no colon.
bool SplitHeader(std::string_view line, std::string_view* name, std::string_view* value) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  *name = TrimAscii(line.substr(0, colon));
  *value = TrimAscii(line.substr(colon + 1));
  return true;
}

// Decodes an HTTP/1.1 chunked body into *out; false when it is malformed.
bool Dechunk(std::string_view in, std::string* out) {
  out->clear();
  std::size_t pos = 0;
  for (;;) {
    std::size_t eol = in.find('\n', pos);
    if (eol == std::string_view::npos) return false;
    std::string_view size_line = in.substr(pos, eol - pos);
    size_line = TrimAscii(size_line.substr(0, size_line.find(';')));
    std::uint64_t size = 0;
    auto r = std::from_chars(size_line.data(), size_line.data() + size_line.size(), size, 16);
    if (size_line.empty() || r.ec != std::errc() || r.ptr != size_line.data() + size_line.size()) {
      return false;
    }
    pos = eol + 1;
    if (size == 0) return true;  // trailers, if any, are ignored
    if (size > in.size() - pos) return false;
    out->append(in.data() + pos, size);
    pos += size;
    if (pos < in.size() && in[pos] == '\r') ++pos;
    if (pos < in.size() && in[pos] == '\n') ++pos;
  }
}

}  // namespace

// A buffered view of the decompressed stream with its byte offset.
class WarcReader::Stream {
 public:
  enum class LineResult { kOk, kEnd, kTooLong, kError };

  explicit Stream(std::unique_ptr<InputFile> in)
      : in_(std::move(in)), buf_(new char[kBufferBytes]) {}

  // Reads one line without its "\n" / "\r\n".
  LineResult ReadLine(std::string* line, std::size_t max) {
    line->clear();
    bool any = false;
    for (;;) {
      if (pos_ == len_ && !Fill()) {
        if (!error_.message.empty()) return LineResult::kError;
        return any ? Strip(line) : LineResult::kEnd;
      }
      any = true;
      const char* start = buf_.get() + pos_;
      const void* nl = std::memchr(start, '\n', len_ - pos_);
      std::size_t n = nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - start)
                                    : len_ - pos_;
      if (line->size() + n > max) return LineResult::kTooLong;
      line->append(start, n);
      Consume(n);
      if (nl != nullptr) {
        Consume(1);
        return Strip(line);
      }
    }
  }

  // Appends up to `n` bytes to *out; returns how many were available.
  std::uint64_t Read(std::uint64_t n, std::string* out) {
    std::uint64_t done = 0;
    while (done < n) {
      if (pos_ == len_ && !Fill()) break;
      std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(len_ - pos_, n - done));
      if (out != nullptr) out->append(buf_.get() + pos_, take);
      Consume(take);
      done += take;
    }
    return done;
  }

  // Skips up to `n` bytes; returns how many were available.
  std::uint64_t Skip(std::uint64_t n) { return Read(n, nullptr); }

  std::uint64_t offset() const { return offset_; }
  const Error& error() const { return error_; }
  InputFile* file() const { return in_.get(); }

 private:
  static LineResult Strip(std::string* line) {
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return LineResult::kOk;
  }

  void Consume(std::size_t n) {
    pos_ += n;
    offset_ += n;
  }

  bool Fill() {
    if (!error_.message.empty()) return false;
    Result<std::size_t> got = in_->Read(buf_.get(), kBufferBytes);
    if (!got) {
      error_ = got.error();
      return false;
    }
    pos_ = 0;
    len_ = *got;
    return len_ > 0;
  }

  std::unique_ptr<InputFile> in_;
  std::unique_ptr<char[]> buf_;
  std::size_t pos_ = 0, len_ = 0;
  std::uint64_t offset_ = 0;
  Error error_;
};

struct WarcReader::Headers {
  std::string type, uri, date, content_type;
  std::uint64_t length = 0;
  bool has_length = false;
};

WarcReader::WarcReader(std::unique_ptr<InputFile> in, const ReadOptions& options,
                       const Reporter* report)
    : stream_(std::make_unique<Stream>(std::move(in))), options_(options), report_(report) {
  html_options_.max_depth = options.max_html_depth;
  html_options_.extract.max_elements = options.max_html_elements;
}

WarcReader::~WarcReader() = default;

std::uint64_t WarcReader::raw_offset() const { return stream_->file()->raw_offset(); }

void WarcReader::Report(Diagnostic::Severity severity, std::string message) {
  if (report_ == nullptr || !*report_) return;
  (*report_)(Diagnostic{severity, stream_->file()->path(), record_, std::move(message)});
}

bool WarcReader::Corrupt(std::uint64_t offset, const std::string& what) {
  std::string where = "record at byte offset " + std::to_string(offset);
  if (stream_->file()->compressed()) where += " (uncompressed)";
  Report(Diagnostic::Severity::kError, where + ": " + what + "; rest of file skipped");
  done_ = true;
  return false;
}

bool WarcReader::Next(Article* out) {
  std::string line;
  while (!done_) {
    // The version line, after the blank lines that end the previous record.
    std::uint64_t offset = 0;
    Stream::LineResult r;
    do {
      offset = stream_->offset();
      r = stream_->ReadLine(&line, kMaxHeaderLine);
    } while (r == Stream::LineResult::kOk && IsBlank(line));
    if (r == Stream::LineResult::kEnd) {
      done_ = true;
      return false;
    }
    ++record_;
    if (r == Stream::LineResult::kError) return Corrupt(offset, stream_->error().message);
    if (r == Stream::LineResult::kTooLong || !line.starts_with("WARC/")) {
      return Corrupt(offset, "expected a WARC/1.x version line");
    }
    Headers h;
    std::size_t header_bytes = 0;
    std::string* last = nullptr;
    for (;;) {
      r = stream_->ReadLine(&line, kMaxHeaderLine);
      if (r == Stream::LineResult::kError) return Corrupt(offset, stream_->error().message);
      if (r == Stream::LineResult::kEnd) return Corrupt(offset, "truncated record header");
      if (r == Stream::LineResult::kTooLong || (header_bytes += line.size()) > kMaxHeaderBytes) {
        return Corrupt(offset, "record header too long");
      }
      if (line.empty()) break;
      if ((line[0] == ' ' || line[0] == '\t') && last != nullptr) {  // folded line
        *last += ' ';
        *last += TrimAscii(line);
        continue;
      }
      std::string_view name, value;
      if (!SplitHeader(line, &name, &value)) {
        return Corrupt(offset, "malformed header line \"" + line.substr(0, 80) + "\"");
      }
      last = nullptr;
      if (EqualsIgnoreCase(name, "WARC-Type")) {
        last = &(h.type = value);
      } else if (EqualsIgnoreCase(name, "WARC-Target-URI")) {
        if (value.starts_with('<') && value.ends_with('>')) {
          value = value.substr(1, value.size() - 2);
        }
        last = &(h.uri = value);
      } else if (EqualsIgnoreCase(name, "WARC-Date")) {
        last = &(h.date = value);
      } else if (EqualsIgnoreCase(name, "Content-Type")) {
        last = &(h.content_type = value);
      } else if (EqualsIgnoreCase(name, "Content-Length")) {
        if (!ParseDecimal(value, &h.length)) return Corrupt(offset, "invalid Content-Length");
        h.has_length = true;
      }
    }
    if (!h.has_length) return Corrupt(offset, "missing Content-Length");
    auto truncated = [&](std::uint64_t got) {
      return Corrupt(offset, !stream_->error().message.empty()
                                 ? stream_->error().message
                                 : "truncated record (" + std::to_string(got) + " of " +
                                       std::to_string(h.length) + " bytes)");
    };
    const bool response = EqualsIgnoreCase(h.type, "response");
    const bool too_large = response && h.length > options_.max_article_bytes;
    if (!response || too_large) {
      std::uint64_t skipped = stream_->Skip(h.length);
      if (skipped < h.length) return truncated(skipped);
      if (too_large) {
        Report(Diagnostic::Severity::kError,
               "record too large (" + std::to_string(h.length) + " bytes > limit " +
                   std::to_string(options_.max_article_bytes) + "), skipped");
      }
      continue;
    }
    block_.clear();
    block_.reserve(h.length);
    std::uint64_t got = stream_->Read(h.length, &block_);
    if (got < h.length) return truncated(got);
    if (ProcessResponse(h, out)) return true;
  }
  return false;
}

bool WarcReader::ProcessResponse(const Headers& warc, Article* out) {
  if (!warc.content_type.empty() &&
      !StartsWithIgnoreCase(TrimAscii(warc.content_type), "application/http")) {
    return false;  // e.g. text/dns: not a web page
  }
  std::string_view block = block_;
  if (!block.starts_with("HTTP/")) {
    Report(Diagnostic::Severity::kError, "response record holds no HTTP response, skipped");
    return false;
  }
  std::size_t crlf = block.find("\r\n\r\n"), lf = block.find("\n\n");
  std::size_t head_end = std::min(crlf, lf);
  if (head_end == std::string_view::npos) return false;  // headers only, no body
  std::string_view head = block.substr(0, head_end);
  std::string_view body = block.substr(head_end + (head_end == crlf ? 4 : 2));

  std::size_t eol = head.find('\n');
  std::string_view status_line = TrimAscii(head.substr(0, eol));
  std::size_t space = status_line.find(' ');
  std::uint64_t status = 0;
  if (space == std::string_view::npos || !ParseDecimal(status_line.substr(space + 1, 3), &status)) {
    Report(Diagnostic::Severity::kError, "malformed HTTP status line, skipped");
    return false;
  }
  if (status < 200 || status > 299) return false;

  std::string_view content_type, content_encoding, transfer_encoding;
  while (eol != std::string_view::npos) {
    std::size_t next = head.find('\n', eol + 1);
    std::string_view line =
        head.substr(eol + 1, next == std::string_view::npos ? head.npos : next - eol - 1);
    eol = next;
    std::string_view name, value;
    if (!SplitHeader(line, &name, &value)) continue;
    if (EqualsIgnoreCase(name, "Content-Type")) content_type = value;
    if (EqualsIgnoreCase(name, "Content-Encoding")) content_encoding = value;
    if (EqualsIgnoreCase(name, "Transfer-Encoding")) transfer_encoding = value;
  }
  std::string_view media = TrimAscii(content_type.substr(0, content_type.find(';')));
  if (media.empty()) {
    if (!TrimAscii(body.substr(0, 1024)).starts_with('<')) return false;
  } else if (!EqualsIgnoreCase(media, "text/html") &&
             !EqualsIgnoreCase(media, "application/xhtml+xml")) {
    return false;
  }
  if (!content_encoding.empty() && !EqualsIgnoreCase(content_encoding, "identity")) {
    Report(Diagnostic::Severity::kWarning,
           "compressed body (Content-Encoding: " + std::string(content_encoding) + "), skipped");
    return false;
  }
  if (AsciiLower(transfer_encoding).find("chunked") != std::string::npos) {
    if (!Dechunk(body, &body_)) {
      Report(Diagnostic::Severity::kError, "malformed chunked body, skipped");
      return false;
    }
    body = body_;
  }
  HtmlDocument doc = ExtractHtml(body, CharsetFromContentType(content_type), html_options_);
  if (doc.elements_cut) Report(Diagnostic::Severity::kWarning, ElementsCutMessage(options_));
  if (IsBlank(doc.text)) {
    Report(Diagnostic::Severity::kError, "no text in the page (" + warc.uri + "), skipped");
    return false;
  }
  out->url = warc.uri;
  UrlHost(warc.uri, &out->source);
  // A record without WARC-Target-URI (found by fuzzing) is named by file and record number,
  // as JSON articles without id and url are.
  out->id = warc.uri.empty()
                ? std::string(BaseName(stream_->file()->path())) + ':' + std::to_string(record_)
                : warc.uri;
  out->title = std::move(doc.title);
  out->text = std::move(doc.text);
  out->lang = std::move(doc.lang);
  out->author = std::move(doc.author);
  out->dropped = std::move(doc.removed);
  out->published = std::move(doc.published);
  if (out->published.empty() && options_.warc_date_as_published) out->published = warc.date;
  out->file = stream_->file()->path();
  out->line = record_;
  out->encoding = std::move(doc.encoding);
  out->replaced_bytes = static_cast<std::uint32_t>(std::min<std::size_t>(doc.replaced, UINT32_MAX));
  return true;
}

}  // namespace newsweave::ingest
