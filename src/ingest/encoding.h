// Decoding input bytes of any (declared, detected or unknown) encoding to UTF-8.
#ifndef NEWSWEAVE_INGEST_ENCODING_H_
#define NEWSWEAVE_INGEST_ENCODING_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace newsweave::ingest {

// The result of decoding: always valid UTF-8.
struct DecodedText {
  std::string text;                // UTF-8, without a byte order mark
  std::string encoding = "UTF-8";  // the source encoding used ("UTF-8", "windows-1252", ...)
  std::size_t replaced = 0;        // invalid or unmappable sequences replaced by U+FFFD
};

// Decodes `bytes` to UTF-8. Order of decisions:
//   1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) wins;
//   2. valid UTF-8 is taken as is;
//   3. "mostly UTF-8" (at least as many well-formed multi-byte sequences as ill-formed ones)
//      is repaired as UTF-8: a few stray bytes do not turn a UTF-8 text into mojibake;
//   4. `declared_charset` (from HTTP Content-Type or an HTML meta tag), when ICU knows it and
//      it is not a Unicode encoding; labels are mapped as browsers do (ISO-8859-1 and
//      US-ASCII -> windows-1252, ISO-8859-9 -> windows-1254, GB2312/GBK -> GB18030);
//   5. detection with uchardet (on at most 1 MB of the input);
//   6. otherwise the bytes are repaired as UTF-8 (ill-formed sequences -> U+FFFD).
// Never fails and never crashes, whatever the input.
DecodedText DecodeToUtf8(std::string_view bytes, std::string_view declared_charset = {});

// Same as DecodeToUtf8, but takes the buffer by value so that valid UTF-8 (the common case)
// is moved, not copied.
DecodedText DecodeOwnedToUtf8(std::string bytes, std::string_view declared_charset = {});

// Returns the charset parameter of a MIME Content-Type value
// ("text/html; charset=\"ISO-8859-1\"" -> "ISO-8859-1"), or an empty view.
std::string_view CharsetFromContentType(std::string_view content_type);

// True when the bytes start with a UTF-16 or UTF-32 byte order mark.
bool HasUtf16Or32Bom(std::string_view bytes);

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_ENCODING_H_
