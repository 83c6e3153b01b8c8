#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsweave/analysis.h"
#include "newsweave/xling.h"

namespace newsweave {
namespace {

// All spellings of one name share one key.
void ExpectSameKey(const std::vector<std::pair<const char*, const char*>>& variants) {
  const std::string key = EntityKey(variants[0].first, variants[0].second);
  EXPECT_GE(key.size(), 2u) << variants[0].second;
  for (const auto& [lang, word] : variants) {
    EXPECT_EQ(EntityKey(lang, word), key) << lang << " " << word;
  }
}

TEST(EntityKeyTest, Zelensky) {
  ExpectSameKey({{"en", "Zelensky"},
                 {"en", "Zelenskyy"},
                 {"es", "Zelenski"},
                 {"de", "Selenskyj"},
                 {"fr", "Zelensky"},
                 {"ru", "Зеленский"}});
}

TEST(EntityKeyTest, Kyiv) {
  ExpectSameKey({{"en", "Kyiv"}, {"en", "Kiev"}, {"de", "Kiew"}, {"fr", "Kiiv"}, {"ru", "Киев"}});
}

TEST(EntityKeyTest, Moscow) {
  ExpectSameKey(
      {{"fr", "Moscou"}, {"en", "Moscow"}, {"de", "Moskau"}, {"el", "Μόσχα"}, {"ar", "موسكو"}});
}

TEST(EntityKeyTest, Chechnya) {
  ExpectSameKey({{"fr", "Tchétchénie"}, {"en", "Chechnya"}, {"de", "Tschetschenien"}});
}

TEST(EntityKeyTest, Khartoum) {
  ExpectSameKey({{"en", "Khartoum"}, {"es", "Jartum"}, {"de", "Chartum"}, {"ar", "خرطوم"}});
}

TEST(EntityKeyTest, PekingAndBeijingByAlias) {
  EXPECT_EQ(EntityKey("fr", "Pékin"), EntityKey("de", "Peking"));
  EXPECT_EQ(AliasOf("pekin"), "beijing");
  EXPECT_EQ(AliasOf("peking"), "beijing");
  EXPECT_EQ(AliasOf("beijing"), "beijing");
}

TEST(EntityKeyTest, AcronymsFromTheAliasFile) {
  EXPECT_EQ(AliasOf("otan"), AliasOf("nato"));
  EXPECT_EQ(AliasOf("onu"), "un");
  EXPECT_EQ(AliasOf("uno"), "un");
  EXPECT_EQ(AliasOf("ue"), AliasOf("eu"));
  EXPECT_EQ(AliasOf("oms"), AliasOf("who"));
  EXPECT_EQ(AliasOf("zelensky"), "");
}

TEST(EntityKeyTest, DifferentNamesDiffer) {
  EXPECT_NE(EntityKey("en", "Moscow"), EntityKey("en", "Minsk"));
  EXPECT_NE(EntityKey("en", "Kyiv"), EntityKey("en", "Kharkiv"));
  EXPECT_NE(EntityKey("en", "Zelensky"), EntityKey("en", "Zelenograd"));
}

class EntityFinderTest : public ::testing::Test {
 protected:
  std::vector<EntityMention> Find(const std::string& text, const char* lang) {
    analyzer_.Segment(text, lang, &analysis_);
    analysis_.language.code = lang;
    std::vector<EntityMention> out;
    xling_.FindEntities(text, analysis_, &out);
    return out;
  }
  // The keys of all mentions, flattened.
  std::vector<std::string> Keys(const std::string& text, const char* lang) {
    std::vector<std::string> keys;
    for (const EntityMention& m : Find(text, lang))
      for (const std::string& k : m.keys) keys.push_back(k);
    return keys;
  }
  Analyzer analyzer_;
  Analysis analysis_;
  XlingAnalyzer xling_{Lexicon::Default()};
};

TEST_F(EntityFinderTest, NamesAcrossFourLanguagesShareKeys) {
  ASSERT_NE(Lexicon::Default(), nullptr);
  const auto en = Keys("The president met Volodymyr Zelensky and NATO officials in Kyiv.", "en");
  const auto fr = Keys("Le président a rencontré Volodymyr Zelensky et l'OTAN à Kiev.", "fr");
  const auto de = Keys("Der Präsident traf Wolodymyr Selenskyj und die NATO in Kiew.", "de");
  const auto es = Keys("El presidente se reunió con Volodímir Zelenski y la OTAN en Kiev.", "es");
  const std::string zelensky = EntityKey("en", "Zelensky");
  const std::string kyiv = EntityKey("en", "Kyiv");
  for (const auto* keys : {&en, &fr, &de, &es}) {
    EXPECT_NE(std::find(keys->begin(), keys->end(), zelensky), keys->end());
    EXPECT_NE(std::find(keys->begin(), keys->end(), kyiv), keys->end());
    EXPECT_NE(std::find(keys->begin(), keys->end(), "a:nato"), keys->end());
  }
}

TEST_F(EntityFinderTest, MultiWordNameIsOneMention) {
  auto m = Find("Yesterday Volodymyr Zelensky spoke.", "en");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].text, "Volodymyr Zelensky");
  EXPECT_EQ(m[0].keys.size(), 2u);
}

TEST_F(EntityFinderTest, SentenceStartsAndCommonWordsAreNotNames) {
  EXPECT_TRUE(Find("Yesterday the house was sold.", "en").empty());
  EXPECT_TRUE(Find("Hier, la maison a été vendue.", "fr").empty());
  EXPECT_TRUE(Find("Gestern wurde das Haus verkauft.", "de").empty());
  EXPECT_TRUE(Find("Ayer se vendió la casa.", "es").empty());
}

TEST_F(EntityFinderTest, UnknownWordAtSentenceStartIsAName) {
  auto m = Find("Zelensky a parlé hier.", "fr");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].text, "Zelensky");
}

}  // namespace
}  // namespace newsweave
