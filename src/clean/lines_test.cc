#include "clean/lines.h"

#include <gtest/gtest.h>

namespace newsweave::clean {
namespace {

TEST(LinesTest, SplitsLinesWithTrimmedContent) {
  std::string raw = "  Title here \r\n\nBody line.\n";
  std::vector<Line> lines;
  SplitLines(raw, &lines);
  ASSERT_EQ(lines.size(), 3u);  // no empty line after the final newline
  EXPECT_EQ(raw.substr(lines[0].start, lines[0].size()), "Title here");
  EXPECT_TRUE(lines[1].blank);
  EXPECT_EQ(raw.substr(lines[2].start, lines[2].size()), "Body line.");
}

TEST(LinesTest, BareCarriageReturnsAndInvisibleSpaces) {
  std::string raw =
      "Skip to main content\rAdvertisement\r\nBody.\n\xE2\x80\x8B\n\xC2\xA0 \xC2\xA0\n"
      "\xE3\x80\x80Headline\xEF\xBB\xBF";
  std::vector<Line> lines;
  SplitLines(raw, &lines);
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(raw.substr(lines[0].start, lines[0].size()), "Skip to main content");
  EXPECT_EQ(raw.substr(lines[1].start, lines[1].size()), "Advertisement");
  EXPECT_EQ(raw.substr(lines[2].start, lines[2].size()), "Body.");
  EXPECT_TRUE(lines[3].blank);  // a zero-width space only
  EXPECT_TRUE(lines[4].blank);  // no-break spaces only
  EXPECT_EQ(raw.substr(lines[5].start, lines[5].size()), "Headline");
}

// Words and plainness of a long line (read sixteen bytes at a time) must not depend on
// where its spaces fall: each variant below is compared with a count made word by word.
TEST(LinesTest, LongLinesCountWordsWhereverTheSpacesFall) {
  const std::string words[] = {"Die",          "Regierung", "hat",     "am",      "Dienstag",
                               "beschlossen,", "dass",      "die",     "Schulen", "wieder",
                               "öffnen",       "—",         "vorerst."};
  for (int shift = 0; shift < 20; ++shift) {
    for (const char* gap : {" ", "  ", "\t", " \xC2\xA0"}) {
      std::string raw(static_cast<size_t>(shift), 'x');  // moves every space along the blocks
      int expected = shift > 0 ? 1 : 0;
      for (int rep = 0; rep < 4; ++rep) {
        for (const std::string& w : words) {
          if (!raw.empty()) raw += gap;
          raw += w;
          ++expected;
        }
      }
      ASSERT_GT(raw.size(), 240u);
      Line line;
      line.start = 0;
      line.end = static_cast<uint32_t>(raw.size());
      ComputeFeatures(raw, 240, &line);
      EXPECT_EQ(line.words, expected) << "shift " << shift << " gap [" << gap << "]";
      EXPECT_EQ(line.plain, std::string(gap) == " " || std::string(gap) == " \xC2\xA0")
          << "shift " << shift << " gap [" << gap << "]";
    }
  }
}

TEST(LinesTest, HashIgnoresWhitespaceRunsOnly) {
  EXPECT_EQ(NormalizedLineHash("Rescue teams  reached\tthe village"),
            NormalizedLineHash("Rescue teams reached the village"));
  EXPECT_EQ(NormalizedLineHash("Rescue teams reached the village", /*plain=*/true),
            NormalizedLineHash("Rescue teams reached the village"));
  EXPECT_NE(NormalizedLineHash("Rescue teams reached the village"),
            NormalizedLineHash("Rescue teams reached the villages"));
}

TEST(LinesTest, FeaturesOfChromeAndContent) {
  std::string raw =
      "Home » World » Europe\nPARIS, March 14 (Reuters) -\n\"We will not give up,\" she said.";
  std::vector<Line> lines;
  SplitLines(raw, &lines);
  for (Line& l : lines) ComputeFeatures(raw, 240, &l);
  EXPECT_EQ(lines[0].separators, 2);
  EXPECT_EQ(lines[0].words, 3);
  EXPECT_FALSE(lines[0].ends_sentence);
  EXPECT_TRUE(lines[1].dateline);
  EXPECT_TRUE(lines[2].starts_quote);
  EXPECT_TRUE(lines[2].ends_sentence);
  EXPECT_GT(lines[2].stop_share, 0.3f);
}

}  // namespace
}  // namespace newsweave::clean
