#include "text/segmenter.h"

#include <gtest/gtest.h>

namespace newsweave::text {
namespace {

std::vector<std::string> Words(const Analysis& a, std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : a.tokens) out.emplace_back(text.substr(t.start, t.end - t.start));
  return out;
}

TEST(SegmenterTest, SplitsSentencesAndWordsWithByteOffsets) {
  Segmenter seg;
  Analysis a;
  std::string text = "Le président a visité Kyiv. Il a rencontré 12 ministres à l'Élysée!\nFin";
  seg.Segment(text, "fr", true, &a);
  ASSERT_EQ(a.sentences.size(), 3u);
  EXPECT_EQ(text.substr(a.sentences[0].start, a.sentences[0].end - a.sentences[0].start),
            "Le président a visité Kyiv.");
  EXPECT_EQ(text.substr(a.sentences[2].start, a.sentences[2].end - a.sentences[2].start), "Fin");
  auto words = Words(a, text);
  ASSERT_GE(words.size(), 13u);
  EXPECT_EQ(words[1], "président");
  EXPECT_EQ(words[4], "Kyiv");
  // The number is a number token; the elided article stays one ICU word ("l'Élysée").
  bool found_number = false;
  for (const Token& t : a.tokens) {
    if (t.kind == TokenKind::kNumber) {
      found_number = true;
      EXPECT_EQ(a.Folded(t), "12");
    }
  }
  EXPECT_TRUE(found_number);
  // Folded forms and stems.
  EXPECT_EQ(a.Folded(a.tokens[1]), "president");
  EXPECT_TRUE(a.tokens[0].stopword);  // "Le"
  EXPECT_TRUE(a.tokens[0].sentence_initial);
  EXPECT_TRUE(a.tokens[0].capitalized);
  EXPECT_FALSE(a.tokens[1].capitalized);
  EXPECT_TRUE(a.tokens[4].capitalized);
  EXPECT_EQ(a.tokens[4].sentence, 0u);
  EXPECT_EQ(a.tokens[5].sentence, 1u);
}

TEST(SegmenterTest, StemsGermanAndSpanish) {
  Segmenter seg;
  Analysis de, es;
  seg.Segment("Die Verhandlungen über den Waffenstillstand", "de", true, &de);
  seg.Segment("Las negociaciones continúan", "es", true, &es);
  ASSERT_EQ(de.tokens.size(), 5u);
  EXPECT_EQ(de.Stem(de.tokens[1]), "verhandl");
  EXPECT_TRUE(de.tokens[0].stopword);
  ASSERT_EQ(es.tokens.size(), 3u);
  EXPECT_EQ(es.Stem(es.tokens[1]), "negoci");
  EXPECT_EQ(es.Folded(es.tokens[2]), "continuan");
}

TEST(SegmenterTest, HandlesAstralCharactersAndEmptyText) {
  Segmenter seg;
  Analysis a;
  std::string text = "Emoji 😀 then word";
  seg.Segment(text, "en", true, &a);
  auto words = Words(a, text);
  ASSERT_FALSE(words.empty());
  EXPECT_EQ(words.back(), "word");
  Analysis empty;
  seg.Segment("", "en", true, &empty);
  EXPECT_TRUE(empty.tokens.empty());
  EXPECT_TRUE(empty.sentences.empty());
}

TEST(SegmenterTest, InvalidUtf8IsSegmentedAsRepaired) {
  Segmenter seg;
  Analysis a;
  std::string text = "ab \xED\xB0\x80\xFF cd.";
  seg.Segment(text, "en", true, &a);
  ASSERT_EQ(a.tokens.size(), 2u);
  EXPECT_EQ(a.Folded(a.tokens[1]), "cd");
  for (const Token& t : a.tokens) EXPECT_LE(t.end, text.size() + 8);
}

}  // namespace
}  // namespace newsweave::text
