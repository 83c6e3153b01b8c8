// CSV (the SemEval-2022 Task 8 files): any bytes end in rows or a located error, never a
// crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "ingest/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nf = newsweave::fuzz;
  newsweave::ingest::CsvReader reader(nf::AsView(data, size));
  std::vector<std::string> fields;
  std::size_t rows = 0, bytes = 0;
  while (reader.NextRow(&fields)) {
    if (rows++ == 0) (void)newsweave::ingest::CsvReader::ColumnIndex(fields, "pair_id");
    for (const auto& f : fields) bytes += f.size();
    nf::Check(rows <= size + 1, "more rows than bytes");
  }
  nf::Check(bytes <= size, "fields hold more bytes than the input");
  return 0;
}
