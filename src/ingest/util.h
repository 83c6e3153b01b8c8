// Small string, path and URL helpers shared by the ingest readers.
#ifndef NEWSWEAVE_INGEST_UTIL_H_
#define NEWSWEAVE_INGEST_UTIL_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "newsweave/article.h"

namespace newsweave::ingest {

// True for the ASCII whitespace bytes space, tab, LF, CR, FF and VT.
inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Returns `s` without leading and trailing ASCII whitespace.
std::string_view TrimAscii(std::string_view s);

// True when `s` is empty or holds only ASCII whitespace.
bool IsBlank(std::string_view s);

// ASCII case-insensitive equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// ASCII case-insensitive prefix test.
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);

// Returns `s` with ASCII letters lowercased.
std::string AsciiLower(std::string_view s);

// Stores in *out the host of an absolute ("https://user@Host:8080/x") or protocol-relative
// ("//host/x") URL, lowercased, without user info and port; clears *out when there is none.
void UrlHost(std::string_view url, std::string* out);

// Stores in *out the primary subtag of a language tag, lowercased ("en-US" -> "en",
// "fr_FR" -> "fr"); clears *out when the tag does not start with 2 or 3 ASCII letters.
void NormalizeLang(std::string_view tag, std::string* out);

// The last component of a path ("a/b/c.txt" -> "c.txt").
std::string_view BaseName(std::string_view path);

// The file name without its extension; a trailing ".gz" is removed first
// ("a/b.txt" -> "b", "x.warc.gz" -> "x", "README" -> "README", ".profile" -> ".profile").
std::string_view StemName(std::string_view path);

// The lowercased extension without the dot, ignoring a trailing ".gz" ("x.WARC.gz" -> "warc",
// "README" -> ""). *gz is set when the name ends in ".gz".
std::string ExtensionOf(std::string_view path, bool* gz);

// Cuts article->text (valid UTF-8) to at most `max_bytes`: at the last line break in the second
// half of the allowed bytes, else at the last character boundary; trailing whitespace goes too.
// Removed spans (article->dropped) past the cut go, one across it ends there. Returns the size
// the text had before, or 0 when it was not over the limit (and nothing changed).
std::size_t CutText(std::size_t max_bytes, Article* article);

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_UTIL_H_
