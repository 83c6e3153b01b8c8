#include "ingest/csv_reader.h"

namespace newsweave::ingest {

CsvReader::CsvReader(std::string_view data) : data_(data) {
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvReader::NextRow(std::vector<std::string>* fields) {
  fields->clear();
  const std::size_t n = data_.size();
  if (pos_ >= n || !error_.empty()) return false;
  const std::uint64_t row_line = line_;
  std::string field;
  while (true) {
    field.clear();
    if (pos_ < n && data_[pos_] == '"') {
      ++pos_;
      while (true) {
        std::size_t q = data_.find('"', pos_);
        if (q == std::string_view::npos) {
          error_ = "line " + std::to_string(row_line) + ": unterminated quoted field";
          return false;
        }
        std::string_view part = data_.substr(pos_, q - pos_);
        for (char c : part) line_ += c == '\n';
        field.append(part);
        pos_ = q + 1;
        if (pos_ < n && data_[pos_] == '"') {  // "" stands for one quote
          field.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
    }
    std::size_t end = data_.find_first_of(",\r\n", pos_);
    if (end == std::string_view::npos) end = n;
    field.append(data_.substr(pos_, end - pos_));
    pos_ = end;
    fields->push_back(std::move(field));
    if (pos_ >= n) return true;
    char c = data_[pos_++];
    if (c == ',') continue;
    if (c == '\r' && pos_ < n && data_[pos_] == '\n') ++pos_;
    ++line_;
    return true;
  }
}

int CsvReader::ColumnIndex(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace newsweave::ingest
