// Memory per article, end to end (read, clean, identify the language, analyze): monster
// articles just under the reader's limits, each read in a child process whose peak memory is
// measured. The files are written here and removed after.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "ingest/test_util.h"
#include "newsweave/pipeline.h"

namespace newsweave {
namespace {

using ingest::testing_util::ChildResult;
using ingest::testing_util::kAddressSanitizer;
using ingest::testing_util::RunInChild;
using ingest::testing_util::ScratchDir;
using ingest::testing_util::WriteFile;

// About `bytes` of text in varied sentences (so that analysis meets many words), in lines.
std::string Prose(std::size_t bytes) {
  static const char* kWords[] = {"council", "bridge", "harbour",  "minister",  "storm", "rebels",
                                 "talks",   "Geneva", "Thursday", "ceasefire", "north", "river",
                                 "school",  "budget", "election", "Lombardy",  "power", "crews"};
  std::string s;
  s.reserve(bytes + 200);
  std::uint32_t x = 12345;
  while (s.size() < bytes) {
    s += "On day " + std::to_string(s.size() % 9973) + " the";
    for (int w = 0; w < 14; ++w) {
      x = x * 1103515245u + 12345u;
      s += ' ';
      s += kWords[(x >> 16) % (sizeof(kWords) / sizeof(kWords[0]))];
    }
    s += ".\n";
  }
  return s;
}

// Runs the pipeline over `path` in a child; prints and returns its peak memory growth (MB).
long PipelineMemoryMb(const std::string& path, const char* what) {
  const auto start = std::chrono::steady_clock::now();
  ChildResult child = RunInChild([&] {
    std::size_t articles = 0, clean_bytes = 0, warnings = 0;
    PipelineOptions options;
    auto stats = RunPipeline(
        {path}, options, [&](const Diagnostic&) { ++warnings; },
        [&](const ProcessedArticle& p) {
          ++articles;
          clean_bytes += p.clean.text.size();
        });
    return std::to_string(stats.has_value()) + " " + std::to_string(articles) + " " +
           std::to_string(clean_bytes);
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(child.ok) << what << ": the child died";
  EXPECT_TRUE(child.output.starts_with("1 1 ")) << what << ": " << child.output;
  const long mb = child.rss_growth_kb / 1024;
  std::printf("%s: one article, %ld MB of peak memory growth, %.2f s\n", what, mb, seconds);
  return mb;
}

// The bound: about 10 times the largest input an article may have (max_article_bytes, 16 MB)
// and some 5 times what the text of one article may cost (max_text_bytes, 1 MB of text, takes
// about 50 MB to analyze). Without the limits, each of these took from 700 MB to 4 GB.
constexpr long kBoundMb = 250;

void ExpectBounded(long mb, const char* what) {
  if (kAddressSanitizer) return;  // shadow memory and quarantine: meaningless figures
  EXPECT_GE(mb, 0) << what;
  EXPECT_LT(mb, kBoundMb) << what;
}

TEST(PipelineLimitsTest, MonsterTextFileJustUnderTheLimit) {
  ScratchDir dir;
  std::string text = Prose(15u << 20);  // the reader takes it, then cuts it to 1 MB
  WriteFile(dir / "monster.txt", text);
  ExpectBounded(PipelineMemoryMb(dir / "monster.txt", "15 MB of text"), "text");
}

TEST(PipelineLimitsTest, MonsterJsonLineJustUnderTheLimit) {
  ScratchDir dir;
  std::string text = Prose(15u << 20);
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  WriteFile(dir / "monster.jsonl", "{\"id\": \"m\", \"text\": \"" + text + "\"}\n");
  ExpectBounded(PipelineMemoryMb(dir / "monster.jsonl", "a JSON line of 15 MB"), "json");
}

TEST(PipelineLimitsTest, MonsterHtmlPagesJustUnderTheLimit) {
  ScratchDir dir;
  // Nothing but short paragraphs: 150 bytes of parse tree for every 4 bytes of input, had
  // every element reached the parser.
  std::string flat = "<html><body>";
  while (flat.size() < (15u << 20)) flat += "<p>x";
  WriteFile(dir / "flat.html", flat);
  ExpectBounded(PipelineMemoryMb(dir / "flat.html", "15 MB of <p>x"), "flat");
  // Unclosed formatting elements before many paragraphs: each copied into every paragraph.
  std::string copied = "<html><body><p>";
  for (int i = 0; i < 500; ++i) copied += "<b class=c" + std::to_string(i) + ">";
  while (copied.size() < (4u << 20)) copied += "<p>x";
  WriteFile(dir / "formatting.html", copied);
  ExpectBounded(PipelineMemoryMb(dir / "formatting.html", "500 open <b>s, 1 million <p>s"),
                "formatting");
}

}  // namespace
}  // namespace newsweave
