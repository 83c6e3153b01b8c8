// A simple, robust HTML-to-text extractor on top of libgumbo. It keeps the text of block
// elements as paragraphs and drops scripts, styles and page chrome (nav, header, footer,
// aside, forms). A main-text extractor with boilerplate scoring is a later, separate step.
#ifndef NEWSWEAVE_INGEST_HTML_H_
#define NEWSWEAVE_INGEST_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace newsweave::ingest {

struct HtmlOptions {
  // Elements nested deeper than this are flattened before parsing (their tags are dropped,
  // their text kept): gumbo's tree construction is quadratic in the nesting depth.
  std::size_t max_depth = 512;
};

// What the extractor found in one page. Empty strings mean "not declared".
struct HtmlDocument {
  std::string title;      // <title>, else og:title, else the first <h1>
  std::string text;       // paragraphs joined with "\n\n"; <br> is "\n" inside a paragraph
  std::string lang;       // primary subtag of <html lang> (else og:locale), lowercased
  std::string published;  // article:published_time / itemprop=datePublished, else <time datetime>
  std::string url;        // og:url, else <link rel=canonical> (absolute URLs only)
  std::string source;     // og:site_name
  std::string encoding = "UTF-8";  // encoding the bytes were decoded from
  std::size_t replaced = 0;        // sequences replaced by U+FFFD while decoding
};

// Returns the charset declared by <meta charset=...> or <meta http-equiv="Content-Type"
// content="...; charset=..."> in the first 4 KB of `bytes`, or "" when none.
std::string SniffMetaCharset(std::string_view bytes);

// Decodes `bytes` (charset precedence: byte order mark, `declared_charset` from the transport,
// <meta> in the first 4 KB, detection; see DecodeToUtf8) and extracts the page. Never fails;
// a page without text gives an empty `text`. Runs in time linear in the input for any nesting.
HtmlDocument ExtractHtml(std::string_view bytes, std::string_view declared_charset,
                         const HtmlOptions& options = {});

// Extracts from text already decoded to valid UTF-8. Fills every field of *out except
// `encoding` and `replaced`.
void ExtractHtmlUtf8(std::string_view utf8, const HtmlOptions& options, HtmlDocument* out);

// If some elements of `html` nest deeper than `max_depth` (counting elements whose end tag
// is required), writes to *out a copy without the start and end tags beyond that depth and
// returns true; otherwise returns false and leaves *out alone. Linear time.
bool LimitNesting(std::string_view html, std::size_t max_depth, std::string* out);

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_HTML_H_
