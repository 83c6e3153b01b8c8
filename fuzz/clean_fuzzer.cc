// Cleaning: any text (decoded to UTF-8 first, as the reader does) cleans to valid UTF-8, and
// the removed spans are in order, non-overlapping and inside the raw text.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "ingest/encoding.h"
#include "newsweave/cleaner.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nf = newsweave::fuzz;
  static const newsweave::Cleaner cleaner;
  newsweave::Article article;
  article.id = "fuzz";
  article.source = "fuzz.example";
  article.text = newsweave::ingest::DecodeToUtf8(nf::AsView(data, size)).text;
  newsweave::CleanText clean = cleaner.Clean(article);
  nf::Check(newsweave::text::IsValidUtf8(clean.text), "clean text is not valid UTF-8");
  std::size_t last_end = 0;
  for (const auto& span : clean.removed) {
    nf::Check(span.start <= span.end, "a removed span ends before it starts");
    nf::Check(span.end <= article.text.size(), "a removed span ends past the text");
    nf::Check(span.start >= last_end, "removed spans overlap or are out of order");
    nf::Check(!span.reason.empty(), "a removed span without a reason");
    last_end = span.end;
  }
  return 0;
}
