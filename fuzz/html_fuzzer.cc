// Reading .html files: whatever the bytes, the reader reports bad records and goes on; every
// article it returns has an id and valid UTF-8 text.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nf = newsweave::fuzz;
  nf::ReadEveryArticle(nf::WriteScratchFile("input.html", nf::AsView(data, size)));
  return 0;
}
