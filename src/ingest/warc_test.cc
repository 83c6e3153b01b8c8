#include "ingest/warc.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/test_util.h"

namespace newsweave::ingest {
namespace {

using testing_util::AppendGzipMember;
using testing_util::ScratchDir;
using testing_util::WriteFile;

std::string Record(const std::string& type, const std::string& uri, const std::string& block) {
  std::string content_type = type == "response" || type == "request"
                                 ? "application/http; msgtype=" + type
                                 : "application/warc-fields";
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2024-02-03T04:05:06Z\r\nWARC-Record-ID: <urn:uuid:1234>\r\n"
         "Content-Type: " +
         content_type + "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block +
         "\r\n\r\n";
}

std::string Http(const std::string& content_type, const std::string& body,
                 const std::string& extra = "", int status = 200) {
  return "HTTP/1.1 " + std::to_string(status) + " OK\r\nContent-Type: " + content_type + "\r\n" +
         extra + "Server: test\r\n\r\n" + body;
}

const std::string kPage1 =
    "<html lang=en><head><title>First page</title>"
    "<meta property=\"article:published_time\" content=\"2024-02-01T10:00:00Z\"></head>"
    "<body><nav>Menu</nav><p>Hello from page one.</p><p>Second paragraph.</p></body></html>";
const std::string kPage2 =
    "<html><head><title>Caf\xe9</title></head><body><p>Un caf\xe9 cr\xe8me \xe0 5 \x80.</p>"
    "</body></html>";

// warcinfo, request, two HTML responses, a PNG response, a metadata record.
std::vector<std::string> SampleRecords() {
  return {
      Record("warcinfo", "", "software: newsweave-test\r\nformat: WARC/1.0\r\n"),
      Record("request", "https://news.example.com/a",
             "GET /a HTTP/1.1\r\nHost: news.example.com\r\n\r\n"),
      Record("response", "https://news.example.com/a", Http("text/html; charset=utf-8", kPage1)),
      Record("response", "http://www.Other.example.org:8080/b?x=1",
             Http("text/html; charset=iso-8859-1", kPage2)),
      Record("response", "https://news.example.com/logo.png",
             Http("image/png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16))),
      Record("metadata", "https://news.example.com/a", "via: x\r\n"),
  };
}

struct Collected {
  std::vector<Article> articles;
  std::vector<Diagnostic> diagnostics;
};

Collected ReadWarc(const std::string& path, ReadOptions options = {}) {
  Collected c;
  Reporter report = [&](const Diagnostic& d) { c.diagnostics.push_back(d); };
  Result<std::unique_ptr<InputFile>> in = InputFile::Open(path);
  EXPECT_TRUE(in.has_value());
  if (!in) return c;
  WarcReader reader(std::move(*in), options, &report);
  Article a;
  while (reader.Next(&a)) c.articles.push_back(a);
  return c;
}

void ExpectSample(const Collected& c, const std::string& path) {
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_TRUE(c.diagnostics.empty()) << c.diagnostics[0].message;
  const Article& a = c.articles[0];
  EXPECT_EQ(a.id, "https://news.example.com/a");
  EXPECT_EQ(a.url, "https://news.example.com/a");
  EXPECT_EQ(a.source, "news.example.com");
  EXPECT_EQ(a.title, "First page");
  EXPECT_EQ(a.text, "Menu\n\nHello from page one.\n\nSecond paragraph.");
  ASSERT_EQ(a.dropped.size(), 1u);  // the <nav>
  EXPECT_EQ(a.dropped[0].start, 0u);
  EXPECT_EQ(a.dropped[0].end, 4u);
  EXPECT_EQ(a.dropped[0].reason, "navigation");
  EXPECT_EQ(a.published, "2024-02-01T10:00:00Z");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.file, path);
  EXPECT_EQ(a.line, 3u);  // the record number
  const Article& b = c.articles[1];
  EXPECT_EQ(b.id, "http://www.Other.example.org:8080/b?x=1");
  EXPECT_EQ(b.source, "www.other.example.org");
  EXPECT_EQ(b.title, "Café");
  EXPECT_EQ(b.text, "Un café crème à 5 €.");
  EXPECT_EQ(b.encoding, "windows-1252");
  EXPECT_EQ(b.published, "");  // the page declares none; WARC-Date is not used by default
  EXPECT_EQ(b.line, 4u);
}

TEST(WarcTest, PlainWarc) {
  ScratchDir dir;
  std::string all;
  for (const std::string& r : SampleRecords()) all += r;
  WriteFile(dir / "crawl.warc", all);
  ExpectSample(ReadWarc(dir / "crawl.warc"), dir / "crawl.warc");
}

TEST(WarcTest, ResponseWithoutTargetUriIsNamedByFileAndRecord) {
  ScratchDir dir;
  std::string record = Record("response", "", Http("text/html", kPage1));
  record.erase(record.find("WARC-Target-URI: \r\n"), 19);
  WriteFile(dir / "nouri.warc", Record("warcinfo", "", "software: x\r\n") + record);
  Collected c = ReadWarc(dir / "nouri.warc");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].id, "nouri.warc:2");
  EXPECT_EQ(c.articles[0].url, "");
  EXPECT_EQ(c.articles[0].title, "First page");
}

TEST(WarcTest, GzipOneMemberPerRecordAndWholeFile) {
  ScratchDir dir;
  std::string all;
  for (const std::string& r : SampleRecords()) {
    AppendGzipMember(dir / "members.warc.gz", r);
    all += r;
  }
  AppendGzipMember(dir / "whole.warc.gz", all);
  ExpectSample(ReadWarc(dir / "members.warc.gz"), dir / "members.warc.gz");
  ExpectSample(ReadWarc(dir / "whole.warc.gz"), dir / "whole.warc.gz");
}

TEST(WarcTest, WarcDateAsPublishedOption) {
  ScratchDir dir;
  std::string all;
  for (const std::string& r : SampleRecords()) all += r;
  WriteFile(dir / "c.warc", all);
  ReadOptions options;
  options.warc_date_as_published = true;
  Collected c = ReadWarc(dir / "c.warc", options);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].published, "2024-02-01T10:00:00Z");  // declared by the page
  EXPECT_EQ(c.articles[1].published, "2024-02-03T04:05:06Z");  // crawl date
}

TEST(WarcTest, ChunkedCompressedAndErrorResponses) {
  ScratchDir dir;
  std::string chunked = "6\r\n<p>Chu\r\nD;ext=1\r\nnked body</p>\r\n0\r\n\r\n";
  std::string all =
      Record("response", "https://c.example/chunked",
             Http("text/html", chunked, "Transfer-Encoding: chunked\r\n")) +
      Record("response", "https://c.example/gzip",
             Http("text/html", "\x1f\x8b binary", "Content-Encoding: gzip\r\n")) +
      Record("response", "https://c.example/missing", Http("text/html", "<p>gone</p>", "", 404)) +
      Record("response", "https://c.example/bad-chunks",
             Http("text/html", "zz\r\n<p>x</p>", "Transfer-Encoding: chunked\r\n")) +
      Record("response", "https://c.example/empty", Http("text/html", "<script>x</script>")) +
      Record("response", "https://c.example/ok", Http("application/xhtml+xml", "<p>fine</p>"));
  WriteFile(dir / "c.warc", all);
  Collected c = ReadWarc(dir / "c.warc");
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].text, "Chunked body");
  EXPECT_EQ(c.articles[1].id, "https://c.example/ok");
  ASSERT_EQ(c.diagnostics.size(), 3u);
  EXPECT_EQ(c.diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(c.diagnostics[0].line, 2u);
  EXPECT_EQ(c.diagnostics[0].message, "compressed body (Content-Encoding: gzip), skipped");
  EXPECT_EQ(c.diagnostics[1].severity, Diagnostic::Severity::kError);
  EXPECT_EQ(c.diagnostics[1].line, 4u);
  EXPECT_EQ(c.diagnostics[1].message, "malformed chunked body, skipped");
  EXPECT_EQ(c.diagnostics[2].line, 5u);
  EXPECT_EQ(c.diagnostics[2].message, "no text in the page (https://c.example/empty), skipped");
}

TEST(WarcTest, OversizedRecordIsSkippedUnread) {
  ScratchDir dir;
  std::string big = "<p>" + std::string(5000, 'x') + "</p>";
  WriteFile(dir / "c.warc",
            Record("response", "https://e.example/big", Http("text/html", big)) +
                Record("response", "https://e.example/small", Http("text/html", "<p>small</p>")));
  ReadOptions options;
  options.max_article_bytes = 1000;
  Collected c = ReadWarc(dir / "c.warc", options);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "small");
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].line, 1u);
  EXPECT_TRUE(c.diagnostics[0].message.starts_with("record too large ("))
      << c.diagnostics[0].message;
}

TEST(WarcTest, CorruptRecordsStopTheFile) {
  ScratchDir dir;
  std::string good = Record("response", "https://e.example/1", Http("text/html", "<p>one</p>"));
  std::string second = Record("response", "https://e.example/2", Http("text/html", "<p>two</p>"));
  // Truncated: the second record's block is cut short.
  WriteFile(dir / "cut.warc", good + second.substr(0, second.size() - 30));
  Collected c = ReadWarc(dir / "cut.warc");
  ASSERT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].file, dir / "cut.warc");
  EXPECT_EQ(c.diagnostics[0].line, 2u);
  EXPECT_EQ(c.diagnostics[0].message,
            "record at byte offset " + std::to_string(good.size()) + ": truncated record (" +
                std::to_string(second.size() - 30 - (second.find("\r\n\r\n") + 4)) + " of " +
                std::to_string(second.size() - 4 - (second.find("\r\n\r\n") + 4)) +
                " bytes); rest of file skipped");

  // Garbage instead of a version line.
  WriteFile(dir / "bad.warc", good + "garbage line\r\n" + second);
  c = ReadWarc(dir / "bad.warc");
  ASSERT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].message, "record at byte offset " + std::to_string(good.size()) +
                                          ": expected a WARC/1.x version line; rest of file "
                                          "skipped");

  // A header without Content-Length.
  WriteFile(dir / "nolen.warc", "WARC/1.0\r\nWARC-Type: response\r\n\r\nxx");
  c = ReadWarc(dir / "nolen.warc");
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].message,
            "record at byte offset 0: missing Content-Length; rest of file skipped");

  // A truncated gzip stream.
  AppendGzipMember(dir / "gz.warc.gz", good + second);
  std::FILE* f = std::fopen((dir / "gz.warc.gz").c_str(), "rb");
  std::string raw(1 << 16, '\0');
  raw.resize(std::fread(raw.data(), 1, raw.size(), f));
  std::fclose(f);
  WriteFile(dir / "cutgz.warc.gz", raw.substr(0, raw.size() - 12));
  c = ReadWarc(dir / "cutgz.warc.gz");
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_NE(c.diagnostics[0].message.find("(uncompressed)"), std::string::npos);
  EXPECT_NE(c.diagnostics[0].message.find("rest of file skipped"), std::string::npos);
}

}  // namespace
}  // namespace newsweave::ingest
