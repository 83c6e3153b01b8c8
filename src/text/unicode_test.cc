#include "text/unicode.h"

#include <gtest/gtest.h>

#include "text/stemmer.h"
#include "text/stopwords.h"

namespace newsweave::text {
namespace {

TEST(UnicodeTest, NfcComposesDecomposedAccents) {
  std::string out;
  AppendNfc(
      "Cafe\xCC\x81 de l'E\xCC\x81lyse\xCC\x81"
      "e",
      &out);  // e + combining acute
  EXPECT_EQ(out, "Café de l'Élysée");
  EXPECT_FALSE(IsNfc("Cafe\xCC\x81"));
  EXPECT_TRUE(IsNfc("Café"));
  out.clear();
  AppendNfc("plain", &out);
  EXPECT_EQ(out, "plain");
}

TEST(UnicodeTest, FoldsCaseAndAccents) {
  Folder f;
  EXPECT_EQ(f.FoldUtf8("Élysée"), "elysee");
  EXPECT_EQ(f.FoldUtf8("STRASSE"), "strasse");
  EXPECT_EQ(f.FoldUtf8("Straße"), "strasse");
  EXPECT_EQ(f.FoldUtf8("Año"), "ano");
  EXPECT_EQ(f.FoldUtf8("Łódź"), "lodz");
  EXPECT_EQ(f.FoldUtf8("КИЇВ"), "киів");  // Cyrillic: case folded, diaeresis removed
}

TEST(StopwordsTest, ListsComeFromThePackagedData) {
  for (const char* lang : {"en", "fr", "de", "es", "it", "nl", "pt", "ru"}) {
    EXPECT_GT(StopwordCount(StopwordsFor(lang)), 50) << lang;
  }
  EXPECT_TRUE(IsStopword(StopwordsFor("en"), "the"));
  EXPECT_TRUE(IsStopword(StopwordsFor("fr"), "été"));
  EXPECT_TRUE(IsStopword(StopwordsFor("de"), "und"));
  EXPECT_TRUE(IsStopword(StopwordsFor("es"), "el"));
  EXPECT_FALSE(IsStopword(StopwordsFor("en"), "ceasefire"));
  EXPECT_EQ(StopwordsFor("xx"), nullptr);
}

TEST(StemmerTest, StemsPerLanguage) {
  Stemmer en("en"), fr("fr"), de("de"), es("es"), none("und");
  EXPECT_EQ(en.Stem("negotiations"), "negoti");
  EXPECT_EQ(std::string(fr.Stem("négociations")), std::string(fr.Stem("négociation")));
  EXPECT_EQ(std::string(de.Stem("verhandlungen")), std::string(de.Stem("verhandlung")));
  EXPECT_EQ(std::string(es.Stem("negociaciones")), std::string(es.Stem("negociación")));
  EXPECT_FALSE(none.ok());
  EXPECT_EQ(none.Stem("words"), "words");
}

}  // namespace
}  // namespace newsweave::text
