#include <gtest/gtest.h>

#include "newsweave/analysis.h"

namespace newsweave {
namespace {

constexpr const char* kEn =
    "The government announced on Tuesday that the new bridge over the river will open next "
    "spring, after two years of delays caused by funding disputes.";
constexpr const char* kFr =
    "Le gouvernement a annoncé mardi que le nouveau pont sur le fleuve ouvrira au printemps "
    "prochain, après deux ans de retard dus à des différends budgétaires.";
constexpr const char* kDe =
    "Die Regierung hat am Dienstag angekündigt, dass die neue Brücke über den Fluss im "
    "nächsten Frühjahr eröffnet wird, nach zwei Jahren Verzögerung wegen Finanzierungsstreit.";
constexpr const char* kEs =
    "El gobierno anunció el martes que el nuevo puente sobre el río se abrirá la próxima "
    "primavera, tras dos años de retrasos causados por disputas de financiación.";

TEST(LanguageTest, IdentifiesFourLanguages) {
  EXPECT_EQ(IdentifyLanguage(kEn, "").code, "en");
  EXPECT_EQ(IdentifyLanguage(kFr, "").code, "fr");
  EXPECT_EQ(IdentifyLanguage(kDe, "").code, "de");
  EXPECT_EQ(IdentifyLanguage(kEs, "").code, "es");
  LanguageGuess g = IdentifyLanguage(kFr, "");
  EXPECT_TRUE(g.reliable);
  EXPECT_GT(g.confidence, 0.8);
  EXPECT_FALSE(g.from_declared);
}

TEST(LanguageTest, DeclaredLanguageWinsUnlessClearlyWrong) {
  // Agreeing declaration, in another spelling.
  LanguageGuess g = IdentifyLanguage(kDe, "de-DE");
  EXPECT_EQ(g.code, "de");
  EXPECT_TRUE(g.from_declared);
  // Short ambiguous text: the declaration is kept.
  EXPECT_EQ(IdentifyLanguage("Angela Merkel", "de").code, "de");
  // A long Spanish text declared as English: clearly wrong, CLD2 wins.
  std::string long_es = std::string(kEs) + " " + kEs + " " + kEs;
  g = IdentifyLanguage(long_es, "en");
  EXPECT_EQ(g.code, "es");
  EXPECT_FALSE(g.from_declared);
  // ISO 639-2 codes, names and old codes are understood.
  EXPECT_EQ(IdentifyLanguage(kFr, "fra").code, "fr");
  EXPECT_EQ(IdentifyLanguage(kEn, "English").code, "en");
  EXPECT_EQ(IdentifyLanguage("שלום", "iw").code, "he");
  // A declaration the text cannot confirm is kept, but not marked reliable.
  LanguageGuess short_fr = IdentifyLanguage("Oui.", "fr");
  EXPECT_EQ(short_fr.code, "fr");
  EXPECT_FALSE(short_fr.reliable);
}

TEST(LanguageTest, UnsureIsUnd) {
  EXPECT_EQ(IdentifyLanguage("", "").code, "und");
  EXPECT_EQ(IdentifyLanguage("12 34 56 -- 78", "").code, "und");
  EXPECT_EQ(IdentifyLanguage("OK", "").code, "und");
}

TEST(AnalyzerTest, AnalyzesLanguageSentencesAndStems) {
  Analyzer analyzer;
  Analysis a;
  analyzer.Analyze(std::string(kFr) + " Le pont coûtera 12 millions d'euros.", "", &a);
  EXPECT_EQ(a.language.code, "fr");
  EXPECT_EQ(a.sentences.size(), 2u);
  ASSERT_GT(a.tokens.size(), 20u);
  EXPECT_EQ(a.Folded(a.tokens[1]), "gouvernement");
  EXPECT_EQ(a.Stem(a.tokens[1]), "gouvern");
  // Reuse of the same analyzer clears the previous result.
  analyzer.Analyze(kDe, "", &a);
  EXPECT_EQ(a.language.code, "de");
  EXPECT_EQ(a.sentences.size(), 1u);
}

}  // namespace
}  // namespace newsweave
