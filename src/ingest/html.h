// Reading HTML pages: bytes in any encoding to UTF-8, then the main-text extractor
// (newsweave/html_extractor.h). The page's text is every block of visible text; the blocks the
// extractor drops are recorded as removed spans with their reasons, so that cleaning can
// show them.
#ifndef NEWSWEAVE_INGEST_HTML_H_
#define NEWSWEAVE_INGEST_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "html/nesting.h"
#include "newsweave/article.h"
#include "newsweave/html_extractor.h"
#include "newsweave/reader.h"

namespace newsweave::ingest {

struct HtmlOptions {
  // Elements nested deeper than this are flattened before parsing (their tags are dropped,
  // their text kept): gumbo's tree construction is quadratic in the nesting depth.
  std::size_t max_depth = 512;
  // How the main text is told from the rest (its max_depth is replaced by the one above).
  HtmlExtractOptions extract;
};

// What the extractor found in one page. Empty strings mean "not declared".
struct HtmlDocument {
  std::string title;  // <title>, og:title, JSON-LD headline, else the first <h1>
  // Every block of visible text joined with "\n\n"; <br> is "\n" inside a block.
  std::string text;
  // The blocks of `text` that are not the article's main text, with why ("navigation",
  // "comments", "outside-article", "not-an-article", ...); in order, non-overlapping.
  std::vector<RemovedSpan> removed;
  std::string not_article;         // why the page is not an article, or empty
  bool elements_cut = false;       // over HtmlExtractOptions::max_elements: see there
  std::string lang;                // primary subtag of the declared language, lowercased
  std::string published;           // as declared (meta tags, JSON-LD, <time datetime>)
  std::string author;              // as declared (meta author, JSON-LD author)
  std::string url;                 // og:url, else <link rel=canonical> (absolute URLs only)
  std::string source;              // og:site_name, else JSON-LD publisher
  std::string encoding = "UTF-8";  // encoding the bytes were decoded from
  std::size_t replaced = 0;        // sequences replaced by U+FFFD while decoding

  // Returns `text` without the removed spans: the main text, blocks joined with "\n\n".
  std::string MainText() const;
};

// Returns the charset declared by <meta charset=...> or <meta http-equiv="Content-Type"
// content="...; charset=..."> in the first 4 KB of `bytes`, or "" when none.
std::string SniffMetaCharset(std::string_view bytes);

// Decodes `bytes` (charset precedence: byte order mark, `declared_charset` from the transport,
// <meta> in the first 4 KB, detection; see DecodeToUtf8) and extracts the page. Never fails;
// a page without text gives an empty `text`. Runs in time linear in the input for any nesting.
HtmlDocument ExtractHtml(std::string_view bytes, std::string_view declared_charset,
                         const HtmlOptions& options = {});

// The same, into *doc (its buffers reused).
void ExtractHtmlInto(std::string_view bytes, std::string_view declared_charset,
                     const HtmlOptions& options, HtmlDocument* doc);

// Extracts from text already decoded to valid UTF-8. Fills every field of *out except
// `encoding` and `replaced`.
void ExtractHtmlUtf8(std::string_view utf8, const HtmlOptions& options, HtmlDocument* out);

// The warning for a page over ReadOptions::max_html_elements.
std::string ElementsCutMessage(const ReadOptions& options);

using html::LimitNesting;

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_HTML_H_
