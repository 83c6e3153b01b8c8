#include "newsweave/html_extractor.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsweave {
namespace {

// Paragraphs of a made-up news story, long enough to read as article text.
const std::vector<std::string> kStory = {
    "The city council voted on Tuesday to close the old harbour bridge to cars from next "
    "spring, after engineers found cracks in two of its steel supports.",
    "Mayor Elena Varga said the decision had not been easy, but that the safety of the "
    "twelve thousand people who cross the bridge every day came first.",
    "Shop owners on the north bank fear that the closure will cut them off from their "
    "customers, and asked the council for a shuttle bus during the repairs.",
    "The repairs are expected to take eighteen months and to cost about forty million euros, "
    "most of it paid by the regional government.",
};

std::string Paragraphs(std::size_t from, std::size_t to) {
  std::string s;
  for (std::size_t i = from; i < to; ++i) s += "<p>" + kStory[i] + "</p>\n";
  return s;
}

std::string Page(const std::string& body, const std::string& head = "") {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bridge</title>" +
         head + "</head><body>" + body + "</body></html>";
}

// The reason the block holding `needle` was dropped ("" when kept); "missing" when no block
// holds it.
std::string ReasonFor(const ExtractedPage& page, std::string_view needle) {
  for (const HtmlBlock& b : page.blocks) {
    if (b.text.find(needle) != std::string::npos) return std::string(b.removed);
  }
  return "missing";
}

bool Contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

TEST(HtmlExtractorTest, NavigationAndFooterDropped) {
  ExtractedPage page = HtmlExtractor().Extract(
      Page("<nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li></ul></nav>"
           "<div class=\"main-menu\"><a href=/sport>Sport</a> <a href=/culture>Culture</a></div>"
           "<article><h1>Harbour bridge to close</h1>" +
           Paragraphs(0, 4) +
           "</article><footer><p>Copyright 2024 The Harbour Gazette. All rights reserved.</p>"
           "<a href=/imprint>Imprint</a></footer>"));
  std::string text = page.MainText();
  for (const std::string& p : kStory) EXPECT_TRUE(Contains(text, p)) << p;
  EXPECT_TRUE(Contains(text, "Harbour bridge to close"));
  EXPECT_FALSE(Contains(text, "World"));
  EXPECT_FALSE(Contains(text, "Culture"));
  EXPECT_FALSE(Contains(text, "Copyright"));
  EXPECT_EQ(ReasonFor(page, "World"), "navigation");
  EXPECT_EQ(ReasonFor(page, "Culture"), "navigation");
  EXPECT_EQ(ReasonFor(page, "Copyright"), "footer");
  EXPECT_EQ(page.not_article, "");
}

TEST(HtmlExtractorTest, CommentSectionDropped) {
  // The comments are long and written in sentences: only their place tells them apart.
  std::string comments = "<section id=\"comments\"><h2>3 comments</h2>";
  for (int i = 0; i < 3; ++i) {
    comments +=
        "<div class=comment><p>I have crossed that bridge every morning for twenty "
        "years and I never noticed anything wrong with it, reader " +
        std::to_string(i) + " wrote in a long comment.</p></div>";
  }
  comments += "</section>";
  ExtractedPage page =
      HtmlExtractor().Extract(Page("<div class=story>" + Paragraphs(0, 4) + "</div>" + comments));
  std::string text = page.MainText();
  for (const std::string& p : kStory) EXPECT_TRUE(Contains(text, p)) << p;
  EXPECT_FALSE(Contains(text, "every morning"));
  EXPECT_EQ(ReasonFor(page, "reader 1 wrote"), "comments");
  EXPECT_EQ(ReasonFor(page, "3 comments"), "comments");
}

TEST(HtmlExtractorTest, ArticleSplitByAdBlockKeptWhole) {
  ExtractedPage page = HtmlExtractor().Extract(
      Page("<div class=wrapper><div class=article-part>" + Paragraphs(0, 2) +
           "</div><div class=\"ad-slot\"><p>Advertisement: the best mortgage rates in town, "
           "apply online today and save money on every payment.</p></div>"
           "<div class=article-part>" +
           Paragraphs(2, 4) + "</div></div><aside><p>Most read</p></aside>"));
  std::string text = page.MainText();
  std::string expected;
  for (const std::string& p : kStory) expected += (expected.empty() ? "" : "\n\n") + p;
  EXPECT_EQ(text, expected);
  EXPECT_EQ(ReasonFor(page, "mortgage"), "advertisement");
}

TEST(HtmlExtractorTest, ListAndQuoteKept) {
  ExtractedPage page = HtmlExtractor().Extract(
      Page("<article>" + Paragraphs(0, 2) +
           "<blockquote><p>We will not let this bridge fall into the river.</p></blockquote>"
           "<p>The council listed three options:</p><ul><li>a full closure</li>"
           "<li>a single lane for buses</li><li>a footbridge next to it</li></ul>" +
           Paragraphs(2, 4) + "</article>"));
  std::string text = page.MainText();
  EXPECT_TRUE(Contains(text, "We will not let this bridge fall into the river."));
  EXPECT_TRUE(Contains(text, "a full closure\n\na single lane for buses\n\na footbridge"));
  EXPECT_TRUE(Contains(text, kStory[3]));
  // Reading order is kept: the quote comes after the second paragraph, the list before the third.
  EXPECT_LT(text.find(kStory[1]), text.find("We will not"));
  EXPECT_LT(text.find("a footbridge"), text.find(kStory[2]));
  bool quote_kind = false, list_kind = false;
  for (const HtmlBlock& b : page.blocks) {
    if (Contains(b.text, "We will not")) quote_kind = b.kind == HtmlBlockKind::kQuote;
    if (b.text == "a full closure") list_kind = b.kind == HtmlBlockKind::kListItem;
  }
  EXPECT_TRUE(quote_kind);
  EXPECT_TRUE(list_kind);
}

TEST(HtmlExtractorTest, CookieBannerDropped) {
  ExtractedPage page = HtmlExtractor().Extract(
      Page("<div id=\"cookie-consent\"><p>We use cookies to improve your experience on our "
           "website. By continuing to browse you agree to our use of cookies.</p>"
           "<button>Accept</button></div><main>" +
           Paragraphs(0, 4) + "</main>"));
  EXPECT_FALSE(Contains(page.MainText(), "We use cookies"));
  EXPECT_EQ(ReasonFor(page, "We use cookies"), "cookie-banner");
  EXPECT_TRUE(Contains(page.MainText(), kStory[0]));
}

TEST(HtmlExtractorTest, ShareBarAndRelatedLinksDropped) {
  ExtractedPage page = HtmlExtractor().Extract(
      Page("<article>" + Paragraphs(0, 4) +
           "<div class=\"social-share\"><a href=#>Share on Facebook</a> <a href=#>Tweet</a></div>"
           "<div class=related-articles><h3>Read more</h3><ul>"
           "<li><a href=/a>Ferry service to double its crossings</a></li>"
           "<li><a href=/b>New tram line opens in the east</a></li></ul></div></article>"));
  std::string text = page.MainText();
  EXPECT_FALSE(Contains(text, "Facebook"));
  EXPECT_FALSE(Contains(text, "Ferry"));
  EXPECT_FALSE(Contains(text, "Read more"));
  EXPECT_EQ(ReasonFor(page, "Facebook"), "share-bar");
  EXPECT_EQ(ReasonFor(page, "Ferry"), "related-links");
}

TEST(HtmlExtractorTest, MetadataFromMetaTags) {
  ExtractedPage page = HtmlExtractor().Extract(
      Page("<article>" + Paragraphs(0, 3) + "</article>",
           "<meta name=\"author\" content=\"Anna Berg\">"
           "<meta property=\"article:published_time\" content=\"2024-03-05T08:00:00+01:00\">"
           "<meta name=\"description\" content=\"The bridge closes in spring.\">"
           "<meta property=\"og:site_name\" content=\"Harbour Gazette\">"
           "<meta property=\"og:url\" content=\"https://gazette.example/bridge\">"));
  EXPECT_EQ(page.title, "Bridge");
  EXPECT_EQ(page.author, "Anna Berg");
  EXPECT_EQ(page.published, "2024-03-05T08:00:00+01:00");
  EXPECT_EQ(page.lang, "en");
  EXPECT_EQ(page.description, "The bridge closes in spring.");
  EXPECT_EQ(page.site_name, "Harbour Gazette");
  EXPECT_EQ(page.url, "https://gazette.example/bridge");
}

TEST(HtmlExtractorTest, MetadataFromJsonLd) {
  ExtractedPage page = HtmlExtractor().Extract(
      "<html><head><script type=\"application/ld+json\">"
      "{\"@context\": \"https://schema.org\", \"@graph\": ["
      "{\"@type\": \"WebSite\", \"name\": \"Not this\"},"
      "{\"@type\": \"NewsArticle\", \"headline\": \"Harbour bridge to close\","
      " \"datePublished\": \"2024-03-05\", \"inLanguage\": \"en-GB\","
      " \"author\": [{\"@type\": \"Person\", \"name\": \"Anna Berg\"},"
      " {\"@type\": \"Person\", \"name\": \"Tom Ruiz\"}],"
      " \"publisher\": {\"@type\": \"Organization\", \"name\": \"Harbour Gazette\"}}]}"
      "</script></head><body><article>" +
      Paragraphs(0, 3) + "</article></body></html>");
  EXPECT_EQ(page.title, "Harbour bridge to close");
  EXPECT_EQ(page.author, "Anna Berg, Tom Ruiz");
  EXPECT_EQ(page.published, "2024-03-05");
  EXPECT_EQ(page.lang, "en-GB");
  EXPECT_EQ(page.site_name, "Harbour Gazette");
}

TEST(HtmlExtractorTest, JsonLdArticleBodySettlesBlocks) {
  std::string body;
  for (const std::string& p : kStory) body += p + "\\n\\n";  // JSON escapes
  // A promotion inside the article's own container, and the lead outside it.
  ExtractedPage page = HtmlExtractor().Extract(
      "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
      "\"articleBody\": \"" +
      body +
      "\"}</script></head><body>"
      "<div class=intro><p>" +
      kStory[0] +
      "</p></div><div class=teasers><p><a href=/x>"
      "Other news</a></p><p><a href=/y>More news</a></p></div><div class=text>" +
      Paragraphs(1, 4) +
      "<p>Subscribe to our morning letter for more stories like this one, every day.</p>"
      "</div></body></html>");
  std::string text = page.MainText();
  for (const std::string& p : kStory) EXPECT_TRUE(Contains(text, p)) << p;
  EXPECT_EQ(ReasonFor(page, "Subscribe"), "not-in-article-body");
}

TEST(HtmlExtractorTest, TimeElementAndBrokenJsonLd) {
  ExtractedPage page = HtmlExtractor().Extract(
      Page("<article><time datetime=\"2023-11-02T10:00\">2 November</time>" + Paragraphs(0, 3) +
               "</article>",
           "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", </script>"));
  EXPECT_EQ(page.published, "2023-11-02T10:00");
  EXPECT_EQ(page.author, "");
  EXPECT_TRUE(Contains(page.MainText(), kStory[2]));
}

TEST(HtmlExtractorTest, IndexPageIsNotAnArticle) {
  std::string body = "<div class=teasers>";
  for (int i = 0; i < 12; ++i) {
    body += "<div><h2><a href=/story" + std::to_string(i) + ">Headline of story number " +
            std::to_string(i) +
            " on the front page</a></h2><p>A short teaser of two lines "
            "that makes you click on story " +
            std::to_string(i) + ".</p></div>";
  }
  body += "</div>";
  ExtractedPage page = HtmlExtractor().Extract(Page(body));
  EXPECT_EQ(page.MainText(), "");
  EXPECT_TRUE(page.not_article.starts_with("not-an-article: an index of 12 linked headlines"))
      << page.not_article;
  ASSERT_FALSE(page.blocks.empty());
  for (const HtmlBlock& b : page.blocks) EXPECT_EQ(b.removed, "not-an-article");

  // A page of links only.
  page =
      HtmlExtractor().Extract(Page("<ul><li><a href=/a>Archive 2023</a></li>"
                                   "<li><a href=/b>Archive 2022</a></li></ul>"));
  EXPECT_EQ(page.MainText(), "");
  EXPECT_TRUE(page.not_article.starts_with("not-an-article")) << page.not_article;
}

TEST(HtmlExtractorTest, MarkersOnAPageWrapperAreIgnored) {
  // "sidebar" in the wrapper's class names the layout; the article is inside it.
  ExtractedPage page = HtmlExtractor().Extract(
      Page("<div class=\"page-wrap layout-sidebar-right\"><div class=content>" + Paragraphs(0, 4) +
           "</div><div class=sidebar><p>Weather: sunny</p></div></div>"));
  std::string text = page.MainText();
  for (const std::string& p : kStory) EXPECT_TRUE(Contains(text, p)) << p;
  EXPECT_EQ(ReasonFor(page, "Weather"), "sidebar");
}

TEST(HtmlExtractorTest, BrokenMarkupAndEmptyPages) {
  EXPECT_TRUE(HtmlExtractor().Extract("").blocks.empty());
  EXPECT_TRUE(HtmlExtractor().Extract("<html><script>var a = '<p>x</p>';</script>").blocks.empty());
  // Unclosed paragraphs and inline elements, stray end tags.
  ExtractedPage page = HtmlExtractor().Extract("<body><div><p>" + kStory[0] + "<p><b>" + kStory[1] +
                                               "</i></span><p>" + kStory[2]);
  EXPECT_EQ(page.MainText(), kStory[0] + "\n\n" + kStory[1] + "\n\n" + kStory[2]);
}

TEST(HtmlExtractorTest, SoftHyphensAndHiddenTextGo) {
  ExtractedPage page = HtmlExtractor().Extract(
      Page("<article>" + Paragraphs(0, 2) +
           "<p>The re\xC2\xAD"
           "pairs start in April.</p><p style=\"display: none\">Hidden text</p>" +
           Paragraphs(2, 4) + "</article>"));
  EXPECT_TRUE(Contains(page.MainText(), "The repairs start in April."));
  EXPECT_EQ(ReasonFor(page, "Hidden text"), "hidden");
}

}  // namespace
}  // namespace newsweave
