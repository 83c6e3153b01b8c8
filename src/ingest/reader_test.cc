#include "newsweave/reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/test_util.h"

namespace newsweave {
namespace {

using ingest::testing_util::AppendGzipMember;
using ingest::testing_util::ScratchDir;
using ingest::testing_util::WriteFile;

struct ReadRun {
  std::vector<Article> articles;
  std::vector<Diagnostic> diagnostics;
  ReadStats stats;
  std::uint64_t total_bytes = 0;

  std::vector<std::string> Ids() const {
    std::vector<std::string> ids;
    for (const Article& a : articles) ids.push_back(a.id);
    return ids;
  }
  std::vector<std::string> Messages() const {
    std::vector<std::string> m;
    for (const Diagnostic& d : diagnostics) m.push_back(FormatDiagnostic(d));
    return m;
  }
};

ReadRun ReadPaths(std::vector<std::string> paths, ReadOptions options = {}) {
  ReadRun run;
  ArticleReader reader(std::move(paths), options,
                       [&run](const Diagnostic& d) { run.diagnostics.push_back(d); });
  run.total_bytes = reader.total_bytes();
  Article a;
  while (reader.Next(&a)) run.articles.push_back(a);
  run.stats = reader.stats();
  return run;
}

TEST(ReaderTest, FormatDiagnostic) {
  EXPECT_EQ(FormatDiagnostic({Diagnostic::Severity::kError, "a.jsonl", 3, "bad"}),
            "a.jsonl:3: bad");
  EXPECT_EQ(FormatDiagnostic({Diagnostic::Severity::kWarning, "a.txt", 0, "empty file"}),
            "a.txt: empty file");
}

TEST(ReaderTest, TextFilesInSortedRecursiveOrder) {
  ScratchDir dir;
  WriteFile(dir / "corpus/b.txt", "Second headline\n\nBody of b.\n");
  WriteFile(dir / "corpus/a.txt", "\n  Storm hits the coast  \nWinds of 150 km/h were measured.");
  WriteFile(dir / "corpus/sub/c.txt", "This first line is a sentence.\nMore.");
  WriteFile(dir / "corpus/z.txt", std::string(250, 'w') + "\nlong first line");
  WriteFile(dir / "corpus/.hidden.txt", "hidden");
  WriteFile(dir / "corpus/.git/d.txt", "hidden dir");
  WriteFile(dir / "corpus/notes.md", "unknown extension");
  ReadRun run = ReadPaths({dir / "corpus"});
  EXPECT_EQ(run.Ids(), (std::vector<std::string>{"a", "b", "c", "z"}));
  EXPECT_TRUE(run.diagnostics.empty());
  ASSERT_EQ(run.articles.size(), 4u);
  const Article& a = run.articles[0];
  EXPECT_EQ(a.text, "\n  Storm hits the coast  \nWinds of 150 km/h were measured.");  // untouched
  EXPECT_EQ(a.title, "");  // a .txt file has no title; the pipeline takes the first clean line
  EXPECT_EQ(a.file, dir / "corpus/a.txt");
  EXPECT_EQ(a.line, 0u);
  EXPECT_EQ(a.encoding, "UTF-8");
  EXPECT_EQ(run.stats.files, 4u);
  EXPECT_EQ(run.stats.articles, 4u);
  EXPECT_EQ(run.stats.skipped, 0u);
  std::uint64_t expected_bytes = 27 + 59 + 36 + 266;
  EXPECT_EQ(run.total_bytes, expected_bytes);
  EXPECT_EQ(run.stats.bytes, expected_bytes);
}

TEST(ReaderTest, MissingPathIsReportedAndReadingGoesOn) {
  ScratchDir dir;
  WriteFile(dir / "ok.txt", "text");
  ReadRun run = ReadPaths({dir / "missing.txt", dir / "ok.txt"});
  EXPECT_EQ(run.Ids(), (std::vector<std::string>{"ok"}));
  ASSERT_EQ(run.diagnostics.size(), 1u);
  EXPECT_EQ(run.Messages()[0], dir / "missing.txt" + ": No such file or directory");
  EXPECT_EQ(run.stats.skipped, 1u);
}

TEST(ReaderTest, JsonlWithEveryAliasFamily) {
  ScratchDir dir;
  WriteFile(dir / "feed.jsonl",
            R"({"id":"c1","url":"https://a.example/1","source":"A","title":"T1","text":"one",)"
            R"("published":"2024-01-01","lang":"en"})"
            "\n"
            R"({"url":"https://www.zeit.de/2","title":"T2","maintext":"two","text":null,)"
            R"("date_publish":"2024-01-02 10:00:00","language":"de","source_domain":"zeit.de"})"
            "\r\n"
            R"({"title":"T3","text":"three","publish_date":"2024-01-03","meta_lang":"es"})"
            "\n\n   \n"
            R"({"title":"T4","raw_text":"four","date":"2024-01-04","hostname":"lemonde.fr"})");
  ReadRun run = ReadPaths({dir / "feed.jsonl"});
  EXPECT_TRUE(run.diagnostics.empty());
  ASSERT_EQ(run.articles.size(), 4u);
  EXPECT_EQ(run.Ids(), (std::vector<std::string>{"c1", "https://www.zeit.de/2", "feed.jsonl:3",
                                                 "feed.jsonl:6"}));
  EXPECT_EQ(run.articles[1].text, "two");
  EXPECT_EQ(run.articles[1].lang, "de");
  EXPECT_EQ(run.articles[1].source, "zeit.de");
  EXPECT_EQ(run.articles[1].published, "2024-01-02 10:00:00");
  EXPECT_EQ(run.articles[2].published, "2024-01-03");
  EXPECT_EQ(run.articles[2].lang, "es");
  EXPECT_EQ(run.articles[3].text, "four");
  EXPECT_EQ(run.articles[3].source, "lemonde.fr");
  EXPECT_EQ(run.articles[3].line, 6u);
}

TEST(ReaderTest, MalformedLinesAreReportedAndTheRestIsRead) {
  ScratchDir dir;
  WriteFile(dir / "f.jsonl",
            "{\"id\":\"1\",\"text\":\"ok\"}\n"
            "{\"id\":\"2\",\"text\":\"broken\"\n"
            "\n"
            "{\"id\":\"4\",\"text\":\"ok again\"}\n"
            "{\"id\":\"5\",\"title\":\"no text\",\"text\":null,\"maintext\":null}\n"
            "[1, 2]\n"
            "{\"id\":\"7\",\"text\":\"last\"}");
  ReadRun run = ReadPaths({dir / "f.jsonl"});
  EXPECT_EQ(run.Ids(), (std::vector<std::string>{"1", "4", "7"}));
  EXPECT_EQ(run.articles[1].line, 4u);
  ASSERT_EQ(run.diagnostics.size(), 3u);
  std::vector<std::string> m = run.Messages();
  EXPECT_TRUE(m[0].starts_with(dir / "f.jsonl" + ":2: malformed JSON (")) << m[0];
  EXPECT_EQ(m[1],
            dir / "f.jsonl" + ":5: no text field (looked for text, maintext, raw_text), skipped");
  EXPECT_EQ(m[2], dir / "f.jsonl" + ":6: not a JSON object, skipped");
  EXPECT_EQ(run.stats.skipped, 3u);
  EXPECT_EQ(run.stats.articles, 3u);
}

TEST(ReaderTest, LineOverTheLimitIsSkipped) {
  ScratchDir dir;
  WriteFile(dir / "f.jsonl",
            "{\"text\":\"a\"}\n{\"text\":\"" + std::string(5000, 'x') + "\"}\n{\"text\":\"c\"}\n");
  ReadOptions options;
  options.max_line_bytes = 1000;
  ReadRun run = ReadPaths({dir / "f.jsonl"}, options);
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[1].text, "c");
  EXPECT_EQ(run.articles[1].line, 3u);
  ASSERT_EQ(run.diagnostics.size(), 1u);
  EXPECT_EQ(run.Messages()[0],
            dir / "f.jsonl" + ":2: line longer than max_line_bytes (1000 bytes), skipped");
}

TEST(ReaderTest, JsonDocumentsArraysAndSingleObjects) {
  ScratchDir dir;
  WriteFile(dir / "array.json",
            "  [\n  {\"id\": \"x1\", \"text\": \"first\"},\n  {\"title\": \"none\"},\n"
            "  {\"text\": \"third\"}\n]\n");
  WriteFile(dir / "single.json", "{\n  \"title\": \"Pretty\",\n  \"maintext\": \"printed\"\n}\n");
  WriteFile(dir / "lines.json", "{\"id\":\"l1\",\"text\":\"a\"}\n{\"id\":\"l2\",\"text\":\"b\"}\n");
  WriteFile(dir / "broken.json", "{\n  \"text\": \"oops\",\n");
  ReadRun run =
      ReadPaths({dir / "array.json", dir / "single.json", dir / "lines.json", dir / "broken.json"});
  EXPECT_EQ(run.Ids(), (std::vector<std::string>{"x1", "array.json:3", "single", "l1", "l2"}));
  EXPECT_EQ(run.articles[2].title, "Pretty");
  EXPECT_EQ(run.articles[2].text, "printed");
  std::vector<std::string> m = run.Messages();
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0], dir / "array.json" +
                      ": element 2: no text field (looked for text, maintext, raw_text), skipped");
  EXPECT_TRUE(m[1].starts_with(dir / "broken.json" + ": malformed JSON (")) << m[1];
  EXPECT_TRUE(m[1].ends_with(", file skipped")) << m[1];

  ReadOptions small;
  small.max_article_bytes = 10;  // array documents may be 4 x 10 bytes
  run = ReadPaths({dir / "array.json"}, small);
  ASSERT_EQ(run.diagnostics.size(), 1u);
  EXPECT_TRUE(run.diagnostics[0].message.starts_with("JSON document too large"));
}

TEST(ReaderTest, DeepJsonIsRejectedWithoutCrash) {
  ScratchDir dir;
  std::string deep =
      "{\"text\":\"x\",\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  WriteFile(dir / "deep.jsonl", deep + "\n{\"text\":\"after\"}\n");
  WriteFile(dir / "deep.json", std::string(100000, '['));
  ReadRun run = ReadPaths({dir / "deep.jsonl", dir / "deep.json"});
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].text, "after");
  ASSERT_EQ(run.diagnostics.size(), 2u);
  EXPECT_EQ(run.Messages()[0],
            dir / "deep.jsonl" + ":1: JSON nested deeper than 64 levels (max_json_depth), skipped");
  EXPECT_TRUE(run.Messages()[1].starts_with(dir / "deep.json" + ": malformed JSON ("));
}

TEST(ReaderTest, Latin1AndWindows1252TextFiles) {
  ScratchDir dir;
  WriteFile(dir / "latin1.txt",
            "Un caf\xe9 cr\xe8me \xe0 la gare\n\nC'est l'\xe9t\xe9 \xe0 Paris, le gar\xe7on "
            "apporte deux cr\xeapes et une th\xe9i\xe8re.");
  WriteFile(dir / "cp1252.txt",
            "Le prix est de 5 \x80 par personne et il a dit \x93"
            "bonjour\x94 \x96 puis il est "
            "parti\x85 C\x92"
            "est l'\xe9t\xe9.");
  ReadRun run = ReadPaths({dir / "latin1.txt", dir / "cp1252.txt"});
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[0].text,
            "Un café crème à la gare\n\nC'est l'été à Paris, le garçon apporte deux crêpes et "
            "une théière.");
  EXPECT_EQ(run.articles[0].encoding, "windows-1252");
  EXPECT_EQ(run.articles[1].text,
            "Le prix est de 5 € par personne et il a dit “bonjour” – puis il est parti… "
            "C’est l'été.");
  EXPECT_EQ(run.stats.replaced_bytes, 0u);
  EXPECT_TRUE(run.diagnostics.empty());
}

TEST(ReaderTest, InvalidUtf8IsRepairedCountedAndWarned) {
  ScratchDir dir;
  WriteFile(dir / "bad.txt", "Déjà vu \xff et café \xc3 fin");
  WriteFile(dir / "bad.jsonl", "{\"text\":\"na\xefve \xc3\xa9t\xc3\xa9\"}\n");
  ReadRun run = ReadPaths({dir / "bad.txt", dir / "bad.jsonl"});
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[0].text, "Déjà vu \xEF\xBF\xBD et café \xEF\xBF\xBD fin");
  EXPECT_EQ(run.articles[0].replaced_bytes, 2u);
  EXPECT_EQ(run.articles[1].text, "na\xEF\xBF\xBDve été");
  EXPECT_EQ(run.articles[1].replaced_bytes, 1u);
  EXPECT_EQ(run.stats.replaced_bytes, 3u);
  ASSERT_EQ(run.diagnostics.size(), 2u);
  EXPECT_EQ(run.diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(run.Messages()[0],
            dir / "bad.txt" + ": 2 invalid byte sequences replaced by U+FFFD (UTF-8)");
  EXPECT_EQ(run.Messages()[1],
            dir / "bad.jsonl" + ":1: 1 invalid byte sequences replaced by U+FFFD (UTF-8)");
  EXPECT_EQ(run.stats.skipped, 0u);
}

TEST(ReaderTest, EmptyAndBinaryFiles) {
  ScratchDir dir;
  WriteFile(dir / "empty.txt", "");
  WriteFile(dir / "blank.txt", " \n\t\r\n ");
  WriteFile(dir / "bom.txt", "\xEF\xBB\xBF\n");
  WriteFile(dir / "image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 20));
  std::string utf16(
      "\xFF\xFE"
      "H\0i\0",
      6);
  WriteFile(dir / "utf16.txt", utf16);
  ReadRun run = ReadPaths({dir.path()});
  EXPECT_EQ(run.Ids(), (std::vector<std::string>{"utf16"}));
  EXPECT_EQ(run.articles[0].text, "Hi");
  EXPECT_EQ(run.articles[0].encoding, "UTF-16LE");
  std::vector<std::string> m = run.Messages();
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0], dir / "blank.txt" + ": empty file");
  EXPECT_EQ(m[1], dir / "bom.txt" + ": empty file");
  EXPECT_EQ(m[2], dir / "empty.txt" + ": empty file");
  EXPECT_EQ(m[3], dir / "image.txt" + ": binary file, skipped");
  EXPECT_EQ(run.diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(run.diagnostics[3].severity, Diagnostic::Severity::kError);
  EXPECT_EQ(run.stats.skipped, 1u);
  EXPECT_EQ(run.stats.files, 5u);
}

TEST(ReaderTest, FiftyMegabyteTextFile) {
  ScratchDir dir;
  const std::size_t size = 50u << 20;
  std::string big;
  big.reserve(size);
  const std::string line = "Une ligne de texte assez ordinaire, répétée. ";
  while (big.size() + line.size() < size - 8) big += line;
  big.append(size - 8 - big.size(), 'x');
  big += "THE END\n";
  ASSERT_EQ(big.size(), size);
  WriteFile(dir / "big.txt", big);
  {
    ReadOptions whole;  // over the default limits, which are tested in limits_test.cc
    whole.max_article_bytes = whole.max_text_bytes = 64u << 20;
    ReadRun run = ReadPaths({dir / "big.txt"}, whole);
    ASSERT_EQ(run.articles.size(), 1u);
    EXPECT_EQ(run.articles[0].text.size(), size);
    EXPECT_TRUE(run.articles[0].text.ends_with("xTHE END\n"));
    EXPECT_TRUE(run.articles[0].text == big);
    EXPECT_EQ(run.stats.bytes, size);
  }
  ReadOptions options;
  options.max_article_bytes = 1u << 20;
  ReadRun run = ReadPaths({dir / "big.txt"}, options);
  EXPECT_TRUE(run.articles.empty());
  ASSERT_EQ(run.diagnostics.size(), 1u);
  EXPECT_EQ(run.Messages()[0],
            dir / "big.txt" + ": file too large (52428800 bytes > limit 1048576), skipped");
  EXPECT_EQ(run.stats.skipped, 1u);
}

TEST(ReaderTest, HtmlFile) {
  ScratchDir dir;
  WriteFile(dir / "page.html",
            "<html lang=\"de\"><head><meta charset=\"windows-1252\">"
            "<title>Gr\xfc\xdf"
            "e &amp; mehr</title>"
            "<meta property=\"og:url\" content=\"https://www.spiegel.de/x\"></head>"
            "<body><nav>Men\xfc</nav><script>alert(1)</script>"
            "<p>Erster Absatz f\xfcr 5 \x80.</p><p>Zweiter&nbsp;Absatz.</p>"
            "<footer>Impressum</footer></body></html>");
  ReadRun run = ReadPaths({dir.path()});
  ASSERT_EQ(run.articles.size(), 1u);
  const Article& a = run.articles[0];
  EXPECT_EQ(a.id, "page");
  EXPECT_EQ(a.title, "Grüße & mehr");
  // All visible text, with the navigation and the footer marked as dropped.
  EXPECT_EQ(a.text, "Menü\n\nErster Absatz für 5 €.\n\nZweiter Absatz.\n\nImpressum");
  ASSERT_EQ(a.dropped.size(), 2u);
  EXPECT_EQ(a.text.substr(a.dropped[0].start, a.dropped[0].end - a.dropped[0].start), "Menü");
  EXPECT_EQ(a.dropped[0].reason, "navigation");
  EXPECT_EQ(a.text.substr(a.dropped[1].start), "Impressum");
  EXPECT_EQ(a.dropped[1].reason, "footer");
  EXPECT_EQ(a.lang, "de");
  EXPECT_EQ(a.url, "https://www.spiegel.de/x");
  EXPECT_EQ(a.source, "www.spiegel.de");
  EXPECT_EQ(a.encoding, "windows-1252");
}

TEST(ReaderTest, WarcAndWarcGzFiles) {
  ScratchDir dir;
  auto record = [](const std::string& type, const std::string& uri, const std::string& block) {
    return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
           "\r\nWARC-Date: 2024-02-03T04:05:06Z\r\nContent-Length: " +
           std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  };
  auto http = [](const std::string& type, const std::string& body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\n\r\n" + body;
  };
  std::vector<std::string> records = {
      record("request", "https://n.example/1", "GET /1 HTTP/1.1\r\n\r\n"),
      record("response", "https://n.example/1", http("text/html", "<title>One</title><p>1</p>")),
      record("response", "https://n.example/i.png", http("image/png", "\x89PNG")),
      record("response", "https://n.example/2", http("text/html", "<title>Two</title><p>2</p>")),
  };
  std::string plain;
  for (const std::string& r : records) {
    plain += r;
    AppendGzipMember(dir / "crawl.warc.gz", r);
  }
  WriteFile(dir / "crawl.warc", plain);
  ReadRun run = ReadPaths({dir.path()});
  EXPECT_EQ(run.Ids(), (std::vector<std::string>{"https://n.example/1", "https://n.example/2",
                                                 "https://n.example/1", "https://n.example/2"}));
  EXPECT_EQ(run.articles[0].file, dir / "crawl.warc");
  EXPECT_EQ(run.articles[2].file, dir / "crawl.warc.gz");
  EXPECT_EQ(run.articles[3].title, "Two");
  EXPECT_EQ(run.articles[3].text, "2");
  EXPECT_EQ(run.articles[3].source, "n.example");
  EXPECT_TRUE(run.diagnostics.empty());
  EXPECT_EQ(run.stats.files, 2u);
  EXPECT_EQ(run.stats.bytes, run.total_bytes);
}

TEST(ReaderTest, ExplicitFilesWithUnknownExtensionsAreSniffed) {
  ScratchDir dir;
  WriteFile(dir / "feed.data", "{\"id\":\"j\",\"text\":\"json\"}\n");
  WriteFile(dir / "page.data", "  <!doctype html><p>html</p>");
  std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>w</p>";
  WriteFile(dir / "crawl.data",
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://w.example/\r\n"
            "Content-Length: " +
                std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n");
  WriteFile(dir / "notes", "Plain notes\nwithout extension.");
  AppendGzipMember(dir / "feed.bin", "{\"id\":\"g\",\"text\":\"gzipped json\"}\n");
  ReadRun run = ReadPaths(
      {dir / "feed.data", dir / "page.data", dir / "crawl.data", dir / "notes", dir / "feed.bin"});
  EXPECT_EQ(run.Ids(), (std::vector<std::string>{"j", "page", "https://w.example/", "notes", "g"}));
  EXPECT_EQ(run.articles[1].text, "html");
  EXPECT_EQ(run.articles[2].text, "w");
  EXPECT_EQ(run.articles[3].text, "Plain notes\nwithout extension.");
  EXPECT_EQ(run.articles[4].text, "gzipped json");
  EXPECT_TRUE(run.diagnostics.empty());
  // In a directory, unknown extensions are skipped.
  run = ReadPaths({dir.path()});
  EXPECT_TRUE(run.articles.empty());
  EXPECT_TRUE(run.diagnostics.empty());
}

}  // namespace
}  // namespace newsweave
