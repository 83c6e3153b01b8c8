// Main-text extraction from an HTML page: the article's paragraphs, headings, lists, quotes
// and tables of text in reading order, every other block of text dropped with its reason, and
// the page's title, date, author and language when it declares them.
//
// One libgumbo parse and one walk over the tree build a flat list of text blocks and a flat
// list of elements (with their text, link text and article-like text). The article's
// container is the deepest element that holds most of the page's article-like text (long
// blocks with few links); elements whose tag, role, class or id mark navigation, comments,
// share bars, related links, cookie banners, footers and the like do not count, and their
// blocks are dropped unless the container itself lies inside them.
#ifndef NEWSWEAVE_HTML_EXTRACTOR_H_
#define NEWSWEAVE_HTML_EXTRACTOR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsweave {

struct HtmlExtractOptions {
  // Elements nested deeper than this are flattened before parsing (their tags dropped, their
  // text kept): gumbo's tree construction is quadratic in the nesting depth.
  std::size_t max_depth = 512;
  // After this many elements the rest of the page is read as text (its tags are replaced by
  // spaces): the parse tree takes about 150 bytes an element, and a page of nothing but "<p>x"
  // would take 150 times its size. Real pages have a few thousand elements once scripts and
  // the like are left out.
  std::size_t max_elements = 100000;
  // A block is article-like when it has at least this many bytes of text outside links...
  std::size_t min_paragraph_bytes = 40;
  // ...and at most this share of its text inside links.
  double max_paragraph_link_density = 0.33;
  // The container is the deepest element holding at least this share of the page's
  // article-like text (text inside marked boilerplate elements excepted).
  double container_share = 0.75;
  // The container grows to its parent (up to three times) while the parent adds at most this
  // share of unmarked text (a title, a lead, a byline)...
  double max_head_share = 0.3;
  // ...of which at most this share (plus 40 bytes) is in links.
  double max_head_link_density = 0.35;
  // A JSON-LD articleBody of at least this many bytes, when it holds at least half of the
  // article-like blocks chosen, decides for every block of 20+ bytes but headings: kept when
  // the body holds its start, dropped ("not-in-article-body") when not.
  std::size_t min_article_body_bytes = 200;
  // A block inside the container with more than this share of its text in links is dropped
  // ("link-dense").
  double max_link_density = 0.5;
  // A page with less article-like text than this (bytes) has no container; its unmarked blocks
  // are kept unless more than max_link_density of their text is links, in which case the page
  // is not an article: every block is dropped with the reason "not-an-article".
  std::size_t min_article_bytes = 120;
  // An index page is not an article either: its container has at least this many linked
  // headlines (blocks of 20+ bytes, over 80% links)...
  std::size_t index_min_headlines = 5;
  // ...less article-like text than this many bytes per headline, and no article-like block
  // of index_max_paragraph bytes or more (teasers are short; an article has a real paragraph).
  double index_bytes_per_headline = 150;
  std::uint32_t index_max_paragraph = 200;
};

// What a block of text is, from its innermost block element.
enum class HtmlBlockKind {
  kParagraph,
  kHeading,
  kListItem,
  kQuote,
  kPreformatted,
  kTableCell,
  kOther
};

// One block of text: whitespace collapsed (kept inside <pre>), <br> as "\n".
struct HtmlBlock {
  std::string text;
  HtmlBlockKind kind = HtmlBlockKind::kOther;
  // Why the block is not main text ("navigation", "comments", "outside-article", ...);
  // empty when it is kept. Points to a static string.
  std::string_view removed;
};

// The result of extracting one page. Empty strings mean "not declared".
struct ExtractedPage {
  std::string title;        // <title>, else og:title, else JSON-LD headline, else the first <h1>
  std::string published;    // article:published_time, JSON-LD datePublished, <meta name=date>,
                            // itemprop=datePublished, else the first <time datetime>
  std::string author;       // <meta name=author>, JSON-LD author name, article:author
  std::string lang;         // <html lang>, else content-language, og:locale, JSON-LD inLanguage
                            // (as declared, e.g. "en-US")
  std::string description;  // <meta name=description>, else og:description
  std::string site_name;    // og:site_name, else JSON-LD publisher name
  std::string url;          // og:url, else <link rel=canonical>
  std::vector<HtmlBlock> blocks;  // every block of visible text, in reading order
  // Why the page is not an article ("not-an-article: ..."), or empty.
  std::string not_article;
  // True when the page had more than max_elements elements (the markup after them was read
  // as text).
  bool elements_cut = false;

  // Returns the kept blocks joined with "\n\n".
  std::string MainText() const;
  // Returns every block joined with "\n\n".
  std::string AllText() const;
};

// Extracts main text from pages. Thread-safe once constructed; Extract allocates nothing that
// outlives the call besides its result.
class HtmlExtractor {
 public:
  explicit HtmlExtractor(HtmlExtractOptions options = HtmlExtractOptions());

  // Parses `utf8_html` (valid UTF-8; invalid bytes are parsed as U+FFFD) once and fills *out
  // (cleared first). Never fails: broken markup is parsed as browsers do, a page without text
  // gives no blocks. Time is linear in the input for any nesting depth.
  void Extract(std::string_view utf8_html, ExtractedPage* out) const;

  // The same, returning the page.
  ExtractedPage Extract(std::string_view utf8_html) const;

  // The options the extractor was made with.
  const HtmlExtractOptions& options() const { return options_; }

 private:
  HtmlExtractOptions options_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_HTML_EXTRACTOR_H_
