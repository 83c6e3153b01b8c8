// The page's metadata as it declares it: <title>, <meta> tags (Open Graph, article:*, name=
// author/date/description), <html lang>, <link rel=canonical>, JSON-LD and <time datetime>.
#ifndef NEWSWEAVE_HTML_METADATA_H_
#define NEWSWEAVE_HTML_METADATA_H_

#include <gumbo.h>

#include <string>
#include <string_view>

#include "newsweave/html_extractor.h"

namespace newsweave::html {

// Collects metadata during the walk over the tree and settles, in Finish(), which
// declaration wins for each field (see ExtractedPage). Strings it keeps point into the tree.
class MetadataCollector {
 public:
  // The element's metadata, if any: <html lang>, <title>, <meta>, <link>, <time>, and
  // itemprop/rel attributes naming a date or an author.
  // `itemprop` is the element's itemprop attribute.
  void Element(const GumboElement& e, std::string_view itemprop);
  // The text of a <script type="application/ld+json">.
  void JsonLd(std::string_view json);
  // The text of the first <h1>, the title of last resort.
  void FirstHeading(std::string_view text);

  // Fills the metadata fields of *page.
  void Finish(ExtractedPage* page);

  // The JSON-LD articleBody of the page's article, whitespace collapsed; empty when none.
  const std::string& article_body() const { return ld_body_; }

 private:
  void Meta(const GumboElement& e);
  void JsonLdObject(const void* element, int depth);

  std::string title_, og_title_, ld_headline_, h1_, ld_body_;
  std::string og_published_, ld_published_, meta_date_, itemprop_date_, time_date_;
  std::string meta_author_, ld_author_, article_author_;
  std::string html_lang_, content_language_, og_locale_, ld_lang_;
  std::string description_, og_description_, site_name_, ld_publisher_;
  std::string og_url_, canonical_;
  bool in_title_ = false;
};

// Collapses whitespace runs (ASCII and U+00A0) to one space and trims the ends.
std::string CollapseWhitespace(std::string_view s);

}  // namespace newsweave::html

#endif  // NEWSWEAVE_HTML_METADATA_H_
