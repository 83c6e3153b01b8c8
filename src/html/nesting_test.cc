#include "html/nesting.h"

#include <gtest/gtest.h>

#include <string>

namespace newsweave::html {
namespace {

std::string Prepared(const std::string& html) {
  std::string out;
  return PrepareHtml(html, 512, &out) ? out : html;
}

TEST(PrepareHtmlTest, LeavesOutWhatIsNeverRead) {
  EXPECT_EQ(Prepared("<p>a<!-- note -->b<script>x = '<p>';</script>c<style>p{}</style>d</p>"),
            "<p>ab c d</p>");
  EXPECT_EQ(Prepared("<p>one<img src=\"https://img.example/a.jpg\">two<button>OK</button></p>"),
            "<p>one two </p>");
  // JSON-LD stays; so do the attributes the extractor reads and short ones.
  std::string ld = "<script type=\"application/ld+json\">{\"a\": 1}</script>";
  EXPECT_EQ(Prepared(ld), ld);
  EXPECT_EQ(Prepared("<div class=\"entry-content\" data-tracking=\"abcdefghijkl\" x=1>t</div>"),
            "<div class=\"entry-content\"   x=1>t</div>");
  EXPECT_EQ(Prepared("<link rel=stylesheet href=a.css><link rel=canonical href=/c>"),
            "<link rel=canonical href=/c>");
}

TEST(PrepareHtmlTest, TemplateScriptsAreParsedAsMarkup) {
  EXPECT_EQ(Prepared("<div><script type='text/template'><p>Post <b>text</b></p></script></div>"),
            "<div> <p>Post <b>text</b></p> </div>");
  // Never closed: its tag goes, the rest is markup.
  EXPECT_EQ(Prepared("<script type=text/template><p>x</p>"), " <p>x</p>");
}

TEST(PrepareHtmlTest, WhitespaceBeforeTagsButNotInPre) {
  EXPECT_EQ(Prepared("<div>\n      <p>x</p>\n    </div>"), "<div>\n<p>x</p>\n</div>");
  EXPECT_EQ(Prepared("<pre>a\n    <b>b</b></pre>"), "<pre>a\n    <b>b</b></pre>");
}

TEST(PrepareHtmlTest, UnclosedElementsRunToTheEnd) {
  EXPECT_EQ(Prepared("<p>text</p><svg><g><g>"), "<p>text</p> ");
  EXPECT_EQ(Prepared("<p>text<script>var a = 1;"), "<p>text ");
  EXPECT_EQ(Prepared("<p>text<!-- never closed"), "<p>text");
}

TEST(PrepareHtmlTest, FormattingOpenAcrossBlocksLosesItsTags) {
  // Nested well: kept.
  for (const char* html : {"<p><b>bold</b> plain</p><p>next</p>", "<b><span>x</span> y</b>",
                           "<a href=x><div>card</div></a>", "<p><i class=\"credit\">AP</i></p>"}) {
    EXPECT_EQ(Prepared(html), html);
  }
  // Open across a block boundary: the tags go, the text stays.
  EXPECT_EQ(Prepared("<p><b>bold<p>next"), "<p>bold<p>next");
  EXPECT_EQ(Prepared("<p><b>x</p><p>y</b></p>"), "<p>x</p><p>y</p>");
  EXPECT_EQ(Prepared("<div><i>x</div>y</i>"), "<div>x</div>y");
  EXPECT_EQ(Prepared("<b><i>x</b>y</i>"), "<b>x</b>y");
  EXPECT_EQ(Prepared("<p><b class=\"c1\"><b class=\"c2\">x<p>y<p>z"), "<p>x<p>y<p>z");
}

TEST(PrepareHtmlTest, UnclosedFormattingDoesNotMultiplyTheTree) {
  // 500 distinct unclosed <b>s, then 20,000 paragraphs: gumbo copies the 500 into each
  // paragraph (10 million nodes, 3.8 GB and half a minute from an 87 KB page) unless they go.
  std::string html = "<p>";
  for (int i = 0; i < 500; ++i) html += "<b class=c" + std::to_string(i) + ">";
  for (int i = 0; i < 20000; ++i) html += "<p>x";
  std::string out = Prepared(html);
  EXPECT_EQ(out.find("<b"), std::string::npos);
  EXPECT_EQ(out.size(), 3 + 20000 * 4u);
}

TEST(PrepareHtmlTest, PastTheElementLimitTheRestIsText) {
  std::string out;
  bool cut = false;
  EXPECT_TRUE(PrepareHtml("<div><p>a</p><p>b<script>x()</script></p><p>c</p></div>", 512, &out,
                          /*max_elements=*/2, &cut));
  EXPECT_TRUE(cut);
  EXPECT_EQ(out, "<div><p>a</p> b   c  ");  // scripts still go, later tags become spaces
  EXPECT_FALSE(PrepareHtml("<div><p>a</p></div>", 512, &out, 2, &cut));
  EXPECT_FALSE(cut);
}

}  // namespace
}  // namespace newsweave::html
