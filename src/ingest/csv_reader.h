// A reader of RFC 4180 CSV held in memory (the SemEval-2022 Task 8 files, lexicons).
#ifndef NEWSWEAVE_INGEST_CSV_READER_H_
#define NEWSWEAVE_INGEST_CSV_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsweave::ingest {

// Reads RFC 4180 CSV held in memory: fields separated by commas, records by CRLF or LF;
// quoted fields may hold commas, line breaks and doubled quotes. A UTF-8 byte order mark
// is skipped. Lenient where the RFC is not: text after a closing quote is kept.
class CsvReader {
 public:
  // `data` must outlive the reader.
  explicit CsvReader(std::string_view data);

  // Stores the next record's fields in *fields and returns true; returns false at the end
  // of the data or on an error (see error()).
  bool NextRow(std::vector<std::string>* fields);

  // The index of the column called `name` in a header row, or -1.
  static int ColumnIndex(const std::vector<std::string>& header, std::string_view name);

  // Empty, or what was wrong (an unterminated quoted field) with its 1-based line.
  const std::string& error() const { return error_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::string error_;
};

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_CSV_READER_H_
