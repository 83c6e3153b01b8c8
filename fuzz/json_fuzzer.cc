// Reading .jsonl and .json files: whatever the bytes, the reader reports bad lines or
// elements and goes on; every article it returns has an id and valid UTF-8 text. The same
// bytes are read both as JSON lines and as one JSON document.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nf = newsweave::fuzz;
  nf::ReadEveryArticle(nf::WriteScratchFile("input.jsonl", nf::AsView(data, size)));
  nf::ReadEveryArticle(nf::WriteScratchFile("input.json", nf::AsView(data, size)));
  return 0;
}
