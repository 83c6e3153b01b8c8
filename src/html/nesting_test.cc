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

}  // namespace
}  // namespace newsweave::html
