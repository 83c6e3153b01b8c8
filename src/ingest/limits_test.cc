// The reader's limits at the sizes of hostile input: an article of 200 MB (text, HTML, gzip),
// a JSONL line of 50 MB, HTML and JSON nested 100,000 deep. Each read runs in a child process
// whose peak memory is measured; the files are written here and removed after.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/test_util.h"
#include "ingest/util.h"
#include "newsweave/reader.h"

namespace newsweave {
namespace {

using ingest::testing_util::ChildResult;
using ingest::testing_util::kAddressSanitizer;
using ingest::testing_util::RunInChild;
using ingest::testing_util::ScratchDir;
using ingest::testing_util::WriteFile;

constexpr std::size_t kMiB = 1u << 20;

// One megabyte of ordinary text, in lines.
const std::string& Megabyte() {
  static const std::string mb = [] {
    std::string s;
    for (int i = 0; s.size() < kMiB; ++i) {
      s += "Paragraph " + std::to_string(i) +
           ": the council met on Tuesday and agreed to keep the old bridge closed.\n";
    }
    s.resize(kMiB - 1);
    s += '\n';
    return s;
  }();
  return mb;
}

// Writes `head`, then `megabytes` MiB of text, then `tail`; gzip-compressed (at the fastest
// level) when `gz`.
void WriteBig(const std::string& path, const std::string& head, std::size_t megabytes,
              const std::string& tail, bool gz = false) {
  if (gz) {
    gzFile f = gzopen(path.c_str(), "wb1");
    ASSERT_NE(f, nullptr);
    gzwrite(f, head.data(), static_cast<unsigned>(head.size()));
    for (std::size_t i = 0; i < megabytes; ++i) {
      ASSERT_EQ(gzwrite(f, Megabyte().data(), kMiB), static_cast<int>(kMiB));
    }
    gzwrite(f, tail.data(), static_cast<unsigned>(tail.size()));
    gzclose(f);
    return;
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(head.data(), 1, head.size(), f);
  for (std::size_t i = 0; i < megabytes; ++i) {
    ASSERT_EQ(std::fwrite(Megabyte().data(), 1, kMiB, f), kMiB);
  }
  std::fwrite(tail.data(), 1, tail.size(), f);
  std::fclose(f);
}

// What a read in the child saw: one line per article ("A id bytes file:line") and per
// diagnostic ("D file:line: message").
struct Seen {
  std::vector<std::string> articles;
  std::vector<std::string> diagnostics;
  long rss_growth_mb = -1;
  double seconds = 0;
};

Seen ReadInChild(const std::vector<std::string>& paths, ReadOptions options = {}) {
  const auto start = std::chrono::steady_clock::now();
  ChildResult child = RunInChild([&] {
    std::string out;
    ArticleReader reader(paths, options,
                         [&](const Diagnostic& d) { out += "D " + FormatDiagnostic(d) + "\n"; });
    Article a;
    while (reader.Next(&a)) {
      out += "A " + a.id + " " + std::to_string(a.text.size()) + " " +
             std::string(ingest::BaseName(a.file)) + ":" + std::to_string(a.line) + "\n";
    }
    return out;
  });
  Seen seen;
  seen.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(child.ok) << "the child died (out of memory? stack overflow?)";
  seen.rss_growth_mb = child.rss_growth_kb / 1024;
  std::istringstream in(child.output);
  std::string line;
  while (std::getline(in, line)) {
    (line.starts_with("A ") ? seen.articles : seen.diagnostics).push_back(line.substr(2));
  }
  return seen;
}

// Checks the peak memory of a read, unless AddressSanitizer makes it meaningless.
void ExpectMemoryBelow(const Seen& seen, long megabytes, const char* what) {
  std::printf("%s: %ld MB of peak memory growth, %.2f s\n", what, seen.rss_growth_mb, seen.seconds);
  if (!kAddressSanitizer) {
    EXPECT_GE(seen.rss_growth_mb, 0) << what;
    EXPECT_LT(seen.rss_growth_mb, megabytes) << what;
  }
}

TEST(LimitsTest, TwoHundredMegabyteArticlesAreSkipped) {
  ScratchDir dir;
  WriteFile(dir / "a.txt", "A short article that comes before the big ones.\n");
  WriteBig(dir / "big.txt", "", 200, "");
  const std::string head = "<html><body><article><p>", tail = "</p></article></body></html>";
  WriteBig(dir / "big.html", head, 200, tail);
  const std::string html_bytes = std::to_string(200 * kMiB + head.size() + tail.size());
  // Compressed, it takes 1 MB on disk: the limit holds while it is being decompressed.
  WriteBig(dir / "bigz.txt.gz", "", 200, "", /*gz=*/true);
  WriteBig(dir / "bigz.html.gz", "<html><body><p>", 200, "</p></body></html>", /*gz=*/true);
  WriteFile(dir / "z.txt", "A short article that comes after the big ones.\n");
  Seen seen = ReadInChild({dir.path()});
  EXPECT_EQ(seen.articles, (std::vector<std::string>{"a 48 a.txt:0", "z 47 z.txt:0"}));
  EXPECT_EQ(seen.diagnostics,
            (std::vector<std::string>{
                dir / "big.html" + ": file too large (" + html_bytes +
                    " bytes > limit 16777216), skipped",
                dir / "big.txt" + ": file too large (209715200 bytes > limit 16777216), skipped",
                dir / "bigz.html.gz" + ": file too large (more than limit 16777216 bytes), skipped",
                dir / "bigz.txt.gz" + ": file too large (more than limit 16777216 bytes), skipped",
            }));
  // The .gz files are read up to the limit (16 MB) and dropped.
  ExpectMemoryBelow(seen, 64, "four articles of 200 MB");
}

TEST(LimitsTest, FiftyMegabyteJsonLineBetweenTwoGoodOnes) {
  ScratchDir dir;
  const std::string path = dir / "lines.jsonl";
  std::string big_head = "{\"id\": \"good-1\", \"text\": \"The first good line.\"}\n";
  big_head += "{\"id\": \"huge\", \"text\": \"";
  std::string tail = "\"}\n{\"id\": \"good-2\", \"text\": \"The second good line.\"}\n";
  std::string one_line = Megabyte();
  for (char& c : one_line) {
    if (c == '\n') c = ' ';
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(big_head.data(), 1, big_head.size(), f);
  for (int i = 0; i < 50; ++i) std::fwrite(one_line.data(), 1, one_line.size(), f);
  std::fwrite(tail.data(), 1, tail.size(), f);
  std::fclose(f);
  Seen seen = ReadInChild({path});
  EXPECT_EQ(seen.articles,
            (std::vector<std::string>{"good-1 20 lines.jsonl:1", "good-2 21 lines.jsonl:3"}));
  EXPECT_EQ(seen.diagnostics,
            (std::vector<std::string>{
                path + ":2: line longer than max_line_bytes (16777216 bytes), skipped"}));
  // The line reader's buffer grows to the limit (16 MB) while it looks for the line's end.
  ExpectMemoryBelow(seen, 48, "a JSONL line of 50 MB");
}

TEST(LimitsTest, LongTextIsCutWithAWarning) {
  ScratchDir dir;
  WriteBig(dir / "long.txt", "", 5, "");
  Seen seen = ReadInChild({dir / "long.txt"});
  ASSERT_EQ(seen.articles.size(), 1u);
  const std::size_t kept = std::stoul(seen.articles[0].substr(5));  // "long N long.txt:0"
  EXPECT_LE(kept, kMiB);
  EXPECT_GT(kept, kMiB - 200);  // at the last line break before the limit
  EXPECT_EQ(seen.diagnostics,
            (std::vector<std::string>{dir / "long.txt" + ": text of 5242880 bytes cut to " +
                                      std::to_string(kept) + " (max_text_bytes 1048576)"}));
}

TEST(LimitsTest, HtmlNestedOneHundredThousandDeep) {
  ScratchDir dir;
  std::string deep = "<html><body>";
  for (const char* tag : {"<div>", "<span>", "<b>", "<table><tr><td>", "<ul><li>"}) {
    for (int i = 0; i < 20000; ++i) deep += tag;  // 100,000 elements deep in all
  }
  deep += "<p>The text at the bottom of a very deep page is still read.</p></body></html>";
  WriteFile(dir / "deep.html", deep);
  // A page of nothing but short paragraphs: over max_html_elements, the rest is read as text.
  std::string flat = "<html><body>";
  for (int i = 0; i < 1000000; ++i) flat += "<p>x";
  WriteFile(dir / "flat.html", flat);
  // Unclosed formatting elements, which the parser would copy into every later paragraph.
  std::string copied = "<html><body><p>";
  for (int i = 0; i < 500; ++i) copied += "<b class=c" + std::to_string(i) + ">";
  for (int i = 0; i < 20000; ++i) copied += "<p>x";
  WriteFile(dir / "formatting.html", copied);
  Seen seen = ReadInChild({dir.path()});
  ASSERT_EQ(seen.articles.size(), 3u);
  EXPECT_TRUE(seen.articles[0].starts_with("deep ")) << seen.articles[0];
  EXPECT_EQ(seen.diagnostics,
            (std::vector<std::string>{dir / "flat.html" +
                                          ": more than 100000 HTML elements (max_html_elements): "
                                          "the markup after them was read as text",
                                      dir / "flat.html" + ": text of 2099996 bytes cut to 1048576 "
                                                          "(max_text_bytes 1048576)"}));
  ExpectMemoryBelow(seen, 200, "HTML 100,000 deep, 1,000,000 paragraphs, 500 open <b>s");
  EXPECT_LT(seen.seconds, 10.0);

  // The deep page's text, read in this process too.
  ArticleReader reader({dir / "deep.html"}, ReadOptions(), nullptr);
  Article a;
  ASSERT_TRUE(reader.Next(&a));
  EXPECT_NE(a.text.find("The text at the bottom of a very deep page is still read."),
            std::string::npos);
}

TEST(LimitsTest, JsonNestedOneHundredThousandDeep) {
  ScratchDir dir;
  const std::string nested = std::string(100000, '[') + std::string(100000, ']');
  WriteFile(dir / "deep.jsonl",
            "{\"id\": \"one\", \"text\": \"First.\"}\n{\"id\": \"deep\", "
            "\"text\": \"x\", \"extra\": " +
                nested + "}\n{\"id\": \"three\", \"text\": \"Third.\"}\n");
  WriteFile(dir / "deep.json",
            "[{\"id\": \"ok\", \"text\": \"fine\"},\n{\"id\": \"deep\", "
            "\"text\": \"x\", \"extra\": " +
                nested + "}]\n");
  Seen seen = ReadInChild({dir / "deep.jsonl", dir / "deep.json"});
  EXPECT_EQ(seen.articles,
            (std::vector<std::string>{"one 6 deep.jsonl:1", "three 6 deep.jsonl:3"}));
  // A .json document is parsed whole: one element too deep loses the file, with why.
  EXPECT_EQ(
      seen.diagnostics,
      (std::vector<std::string>{
          dir / "deep.jsonl" + ":2: JSON nested deeper than 64 levels (max_json_depth), skipped",
          dir / "deep.json" +
              ": JSON nested deeper than 64 levels (max_json_depth), file skipped"}));
  ExpectMemoryBelow(seen, 32, "JSON 100,000 deep");
}

}  // namespace
}  // namespace newsweave
