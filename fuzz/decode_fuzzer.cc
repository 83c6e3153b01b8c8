// Text decoding: any bytes, with a declared charset taken from the input's first line (when it
// is short), decode to valid UTF-8; charset sniffing never crashes.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "ingest/encoding.h"
#include "ingest/html.h"
#include "text/utf8.h"

namespace nf = newsweave::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = nf::AsView(data, size);
  std::string_view charset;
  if (std::size_t nl = in.find('\n'); nl != std::string_view::npos && nl <= 40) {
    charset = in.substr(0, nl);
  }
  newsweave::ingest::DecodedText d = newsweave::ingest::DecodeToUtf8(in, charset);
  nf::Check(newsweave::text::IsValidUtf8(d.text), "DecodeToUtf8 gave invalid UTF-8");
  nf::Check(!d.encoding.empty(), "DecodeToUtf8 named no encoding");
  std::string repaired;
  newsweave::text::RepairUtf8(in, &repaired);
  nf::Check(newsweave::text::IsValidUtf8(repaired), "RepairUtf8 gave invalid UTF-8");
  (void)newsweave::ingest::CharsetFromContentType(in.substr(0, 256));
  (void)newsweave::ingest::SniffMetaCharset(in);
  (void)newsweave::text::LooksBinary(in);
  return 0;
}
