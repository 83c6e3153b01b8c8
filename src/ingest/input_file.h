// Sequential reading of plain or gzip-compressed files (zlib reads both, and concatenated
// gzip members, transparently), and a line splitter with a bounded buffer.
#ifndef NEWSWEAVE_INGEST_INPUT_FILE_H_
#define NEWSWEAVE_INGEST_INPUT_FILE_H_

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "newsweave/status.h"

namespace newsweave::ingest {

class InputFile {
 public:
  // Opens `path` for reading. Errors (kIOError, kNotFound) carry the system's reason.
  static Result<std::unique_ptr<InputFile>> Open(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Reads up to `n` bytes (decompressed) into `dst`; returns how many, 0 at the end.
  // A damaged or truncated gzip stream is a kCorruption error.
  Result<std::size_t> Read(char* dst, std::size_t n);

  // Reads until `n` bytes are read or the end; returns how many.
  Result<std::size_t> ReadFull(char* dst, std::size_t n);

  // Goes back to the start of the file.
  Status Rewind();

  // Bytes of the file consumed so far (compressed bytes for gzip, read-ahead included).
  std::uint64_t raw_offset() const;

  // True when the file is gzip-compressed (meaningful after the first read).
  bool compressed() const;

  const std::string& path() const { return path_; }

 private:
  InputFile(gzFile f, std::string path) : file_(f), path_(std::move(path)) {}
  gzFile file_;
  std::string path_;
};

// Reads the rest of `in` into *out. More than `limit` bytes is a kTooLarge error (the reader
// stops at limit + 1 bytes; nothing more is held). `size_hint` (e.g. the file size) avoids
// regrowing the buffer.
Status ReadAll(InputFile* in, std::size_t limit, std::string* out, std::size_t size_hint = 0);

// Splits a stream into lines ('\n', with a trailing '\r' removed) with a bounded buffer.
// Every line returned is followed in memory by at least kPadding readable bytes (what
// simdjson needs to parse it in place).
class LineReader {
 public:
  static constexpr std::size_t kPadding = 64;
  enum class Outcome { kLine, kTooLong, kEnd, kError };

  // `in` must outlive the reader. Lines longer than `max_line_bytes` are reported as kTooLong
  // and skipped without being held.
  LineReader(InputFile* in, std::size_t max_line_bytes, std::size_t chunk_bytes = 1 << 20);

  // Returns kLine with *line (valid until the next call), kTooLong once per over-long line,
  // kEnd at the end, or kError (see error()). line_number() is the 1-based number of the line
  // just returned.
  Outcome Next(std::string_view* line);

  std::uint64_t line_number() const { return line_number_; }
  const Error& error() const { return error_; }

 private:
  bool Fill();  // reads more; false at the end or on error

  InputFile* in_;
  std::size_t max_line_;
  std::size_t chunk_;
  std::unique_ptr<char[]> buf_;
  std::size_t capacity_ = 0;  // usable bytes in buf_ (kPadding more are allocated)
  std::size_t begin_ = 0, end_ = 0, scan_ = 0;
  std::uint64_t line_number_ = 0;
  bool eof_ = false;
  bool skipping_ = false;  // inside an over-long line
  Error error_;
};

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_INPUT_FILE_H_
