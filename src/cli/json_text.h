// Writing JSON strings without building a document: one article at a time, so output of any
// size needs no more memory than its largest article.
#ifndef NEWSWEAVE_CLI_JSON_TEXT_H_
#define NEWSWEAVE_CLI_JSON_TEXT_H_

#include <string>
#include <string_view>

namespace newsweave::cli {

// Appends `s` (valid UTF-8) to *out as a quoted JSON string: quotes, backslashes and control
// characters escaped, everything else (including non-ASCII) as it is.
inline void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

}  // namespace newsweave::cli

#endif  // NEWSWEAVE_CLI_JSON_TEXT_H_
