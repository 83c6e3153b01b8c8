#include "ingest/input_file.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace newsweave::ingest {

Result<std::unique_ptr<InputFile>> InputFile::Open(const std::string& path) {
  errno = 0;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) {
    int e = errno;
    std::string reason = e != 0 ? std::strerror(e) : "cannot open";
    return MakeError(e == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIOError, reason);
  }
  gzbuffer(f, 128 * 1024);
  return std::unique_ptr<InputFile>(new InputFile(f, path));
}

InputFile::~InputFile() { gzclose(file_); }

Result<std::size_t> InputFile::Read(char* dst, std::size_t n) {
  unsigned int want = static_cast<unsigned int>(std::min<std::size_t>(n, INT_MAX / 2));
  errno = 0;
  int got = gzread(file_, dst, want);
  if (got > 0) return static_cast<std::size_t>(got);
  int zerr = Z_OK;
  const char* msg = gzerror(file_, &zerr);
  if (got < 0 || zerr != Z_OK) {
    if (zerr == Z_ERRNO) return MakeError(ErrorCode::kIOError, std::strerror(errno));
    if (zerr == Z_BUF_ERROR) {
      return MakeError(ErrorCode::kCorruption, "truncated gzip stream (unexpected end of file)");
    }
    return MakeError(ErrorCode::kCorruption,
                     std::string("gzip error: ") + (msg != nullptr ? msg : "unknown"));
  }
  return std::size_t{0};
}

Result<std::size_t> InputFile::ReadFull(char* dst, std::size_t n) {
  std::size_t total = 0;
  while (total < n) {
    Result<std::size_t> got = Read(dst + total, n - total);
    if (!got) return std::unexpected(got.error());
    if (*got == 0) break;
    total += *got;
  }
  return total;
}

Status InputFile::Rewind() {
  if (gzrewind(file_) != 0) return MakeError(ErrorCode::kIOError, "cannot rewind");
  return {};
}

std::uint64_t InputFile::raw_offset() const {
  z_off_t off = gzoffset(file_);
  return off < 0 ? 0 : static_cast<std::uint64_t>(off);
}

bool InputFile::compressed() const { return gzdirect(file_) == 0; }

Status ReadAll(InputFile* in, std::size_t limit, std::string* out, std::size_t size_hint) {
  out->clear();
  if (size_hint > 0) out->reserve(std::min(size_hint, limit) + 1);
  std::size_t chunk = 1 << 16;
  for (;;) {
    std::size_t old = out->size();
    std::size_t want = std::min(chunk, limit + 1 - old);
    if (size_hint > 0 && out->capacity() > old)
      want = std::min(want, out->capacity() - old);  // no regrowth
    out->resize(old + want);
    Result<std::size_t> got = in->ReadFull(out->data() + old, want);
    if (!got) {
      out->clear();
      return std::unexpected(got.error());
    }
    out->resize(old + *got);
    if (out->size() > limit) {
      out->clear();
      out->shrink_to_fit();
      return MakeError(ErrorCode::kTooLarge, "more than " + std::to_string(limit) + " bytes");
    }
    if (*got < want) return {};
    chunk = std::min<std::size_t>(chunk * 2, 16u << 20);
  }
}

LineReader::LineReader(InputFile* in, std::size_t max_line_bytes, std::size_t chunk_bytes)
    : in_(in), max_line_(max_line_bytes), chunk_(std::max<std::size_t>(chunk_bytes, 4096)) {}

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // compact
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
  }
  if (capacity_ - end_ < chunk_ / 2) {
    // Grow, but never beyond what the longest allowed line needs.
    std::size_t want = std::max(capacity_ * 2, end_ + chunk_);
    want = std::min(want, std::max(capacity_, max_line_ + 2));
    want = std::max(want, end_ + 4096);
    if (want > capacity_) {
      std::unique_ptr<char[]> bigger(new char[want + kPadding]);
      std::memcpy(bigger.get(), buf_.get(), end_);
      buf_ = std::move(bigger);
      capacity_ = want;
    }
  }
  Result<std::size_t> got = in_->Read(buf_.get() + end_, capacity_ - end_);
  if (!got) {
    error_ = got.error();
    eof_ = true;
    return false;
  }
  if (*got == 0) {
    eof_ = true;
    return false;
  }
  end_ += *got;
  return true;
}

LineReader::Outcome LineReader::Next(std::string_view* line) {
  if (!buf_) {
    capacity_ = std::min(chunk_, max_line_ + 2);
    capacity_ = std::max<std::size_t>(capacity_, 4096);
    buf_.reset(new char[capacity_ + kPadding]);
  }
  for (;;) {
    const void* nl = scan_ < end_ ? std::memchr(buf_.get() + scan_, '\n', end_ - scan_) : nullptr;
    if (nl != nullptr) {
      std::size_t pos = static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.get());
      std::size_t start = begin_;
      begin_ = scan_ = pos + 1;
      ++line_number_;
      if (skipping_ || pos - start > max_line_ + 1) {
        skipping_ = false;
        return Outcome::kTooLong;
      }
      std::size_t len = pos - start;
      if (len > 0 && buf_[start + len - 1] == '\r') --len;
      if (len > max_line_) return Outcome::kTooLong;
      *line = std::string_view(buf_.get() + start, len);
      return Outcome::kLine;
    }
    scan_ = end_;
    if (end_ - begin_ > max_line_ + 1) {
      // Over-long line: drop what we hold and keep scanning for its end.
      skipping_ = true;
      begin_ = scan_ = end_ = 0;
    }
    if (!Fill()) {
      if (!error_.message.empty()) return Outcome::kError;
      if (skipping_) {
        skipping_ = false;
        ++line_number_;
        begin_ = scan_ = end_ = 0;
        return Outcome::kTooLong;
      }
      if (end_ > begin_) {  // last line without '\n'
        std::size_t start = begin_;
        std::size_t len = end_ - begin_;
        begin_ = scan_ = end_;
        ++line_number_;
        if (len > 0 && buf_[start + len - 1] == '\r') --len;
        if (len > max_line_) return Outcome::kTooLong;
        *line = std::string_view(buf_.get() + start, len);
        return Outcome::kLine;
      }
      return Outcome::kEnd;
    }
  }
}

}  // namespace newsweave::ingest
