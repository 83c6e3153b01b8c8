#include "ingest/util.h"

#include <gtest/gtest.h>

namespace newsweave::ingest {
namespace {

TEST(UtilTest, UrlHost) {
  std::string host;
  UrlHost("https://www.Example.com/path?q=1", &host);
  EXPECT_EQ(host, "www.example.com");
  UrlHost("http://user:pw@news.site.org:8080/a", &host);
  EXPECT_EQ(host, "news.site.org");
  UrlHost("//cdn.example.net/x", &host);
  EXPECT_EQ(host, "cdn.example.net");
  UrlHost("http://[::1]:80/", &host);
  EXPECT_EQ(host, "[::1]");
  UrlHost("not a url", &host);
  EXPECT_EQ(host, "");
  UrlHost("/relative/path", &host);
  EXPECT_EQ(host, "");
}

TEST(UtilTest, NormalizeLang) {
  std::string lang;
  NormalizeLang("en-US", &lang);
  EXPECT_EQ(lang, "en");
  NormalizeLang("FR_fr", &lang);
  EXPECT_EQ(lang, "fr");
  NormalizeLang(" de ", &lang);
  EXPECT_EQ(lang, "de");
  NormalizeLang("english", &lang);
  EXPECT_EQ(lang, "");
  NormalizeLang("e", &lang);
  EXPECT_EQ(lang, "");
}

TEST(UtilTest, Names) {
  EXPECT_EQ(BaseName("a/b/c.txt"), "c.txt");
  EXPECT_EQ(BaseName("c.txt"), "c.txt");
  EXPECT_EQ(StemName("a/b/c.txt"), "c");
  EXPECT_EQ(StemName("x/crawl.warc.gz"), "crawl");
  EXPECT_EQ(StemName("a.b.txt"), "a.b");
  EXPECT_EQ(StemName("README"), "README");
  EXPECT_EQ(StemName(".profile"), ".profile");
  bool gz = false;
  EXPECT_EQ(ExtensionOf("d/x.WARC.gz", &gz), "warc");
  EXPECT_TRUE(gz);
  EXPECT_EQ(ExtensionOf("d/x.jsonl", &gz), "jsonl");
  EXPECT_FALSE(gz);
  EXPECT_EQ(ExtensionOf("d/README", &gz), "");
}

TEST(UtilTest, Trim) {
  EXPECT_EQ(TrimAscii("  a b \r\n"), "a b");
  EXPECT_TRUE(IsBlank(" \t\n"));
  EXPECT_FALSE(IsBlank(" x "));
  EXPECT_TRUE(EqualsIgnoreCase("Content-Type", "content-type"));
  EXPECT_TRUE(StartsWithIgnoreCase("HTTP/1.1", "http/"));
}

TEST(UtilTest, CutTextAtALineBreakOrACharacterBoundary) {
  Article a;
  a.text = "first line\nsecond line, longer";
  EXPECT_EQ(CutText(100, &a), 0u);  // under the limit: untouched
  EXPECT_EQ(CutText(16, &a), 30u);
  EXPECT_EQ(a.text, "first line");
  // No line break in the second half: the cut backs up to the start of "é" (2 bytes).
  a.text = "abcd\u00e9fgh";
  EXPECT_EQ(CutText(5, &a), 9u);
  EXPECT_EQ(a.text, "abcd");
  // Removed spans past the cut go; one across it ends there.
  a.text = std::string(10, 'x') + "\n" + std::string(30, 'y');
  a.dropped = {{0, 5, "navigation"}, {11, 30, "comments"}, {30, 41, "footer"}};
  EXPECT_EQ(CutText(25, &a), 41u);
  EXPECT_EQ(a.text, std::string(10, 'x') + "\n" + std::string(14, 'y'));
  ASSERT_EQ(a.dropped.size(), 2u);
  EXPECT_EQ(a.dropped[1].end, 25u);
}

}  // namespace
}  // namespace newsweave::ingest
