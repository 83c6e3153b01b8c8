#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "newsweave/analysis.h"
#include "newsweave/quotes.h"
#include "newsweave/xling.h"
#include "quotes/test_util.h"

namespace newsweave {
namespace {

std::vector<Claim> Claims(std::string_view text, std::string_view lang) {
  return quotes_test::Extract(text, lang).claims;
}

bool HasKey(const std::string& keys, std::string_view key) {
  return keys.find(key) != std::string::npos;
}

bool Contains(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

TEST(Claims, AccusationWithActorTargetAndContent) {
  std::vector<Claim> c = Claims(
      "The defence ministry accused the rebels of the Northern Front of shelling the port of "
      "Valmera.",
      "en");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].stance, Stance::kAccusation);
  EXPECT_EQ(c[0].cue, "accused");
  EXPECT_TRUE(HasKey(c[0].actor_key, "d:ministry")) << c[0].actor_key;
  EXPECT_TRUE(HasKey(c[0].target_key, "d:rebels")) << c[0].target_key;
  EXPECT_TRUE(Contains(c[0].content, "shelling"));
  EXPECT_TRUE(Contains(c[0].content, "port"));
}

TEST(Claims, AccusationsAndDenialsInFourLanguages) {
  struct Case {
    const char* lang;
    const char* accusation;
    const char* denial;
  } cases[] = {
      {"en", "The ministry accused the rebels of shelling the port.",
       "The rebels rejected the accusations as absurd."},
      {"fr", "Le ministère a accusé mardi les rebelles d'avoir bombardé le port.",
       "Les rebelles ont rejeté ces accusations, qu'ils jugent absurdes."},
      {"de", "Das Ministerium warf den Rebellen vor, den Hafen beschossen zu haben.",
       "Die Rebellen wiesen die Vorwürfe als absurd zurück."},
      {"es", "El ministerio acusó a los rebeldes de bombardear el puerto.",
       "Los rebeldes negaron las acusaciones."},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.lang);
    std::vector<Claim> a = Claims(k.accusation, k.lang);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].stance, Stance::kAccusation);
    EXPECT_TRUE(HasKey(a[0].actor_key, "d:ministry")) << a[0].actor_key;
    EXPECT_TRUE(HasKey(a[0].target_key, "d:rebels")) << a[0].target_key;
    std::vector<Claim> d = Claims(k.denial, k.lang);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].stance, Stance::kDenial);
    EXPECT_TRUE(HasKey(d[0].actor_key, "d:rebels")) << d[0].actor_key;
    EXPECT_EQ(d[0].lang, k.lang);
  }
}

TEST(Claims, GermanPerfectPutsTheActorBeforeTheAuxiliary) {
  std::vector<Claim> c = Claims(
      "Das Verteidigungsministerium hat den Rebellen vorgeworfen, den Hafen beschossen zu haben.",
      "de");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].stance, Stance::kAccusation);
  EXPECT_TRUE(HasKey(c[0].actor_key, "d:ministry")) << c[0].actor_key;
  EXPECT_TRUE(HasKey(c[0].target_key, "d:rebels")) << c[0].target_key;
}

TEST(Claims, DemandWarningAndCallForHelp) {
  std::vector<Claim> c = Claims(
      "The union demanded the reopening of the plant. Officials warned of more floods on "
      "Friday. The Red Cross appealed for international help to shelter the families.",
      "en");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].stance, Stance::kDemand);
  EXPECT_TRUE(HasKey(c[0].actor_key, "d:union"));
  EXPECT_EQ(c[1].stance, Stance::kWarning);
  EXPECT_EQ(c[2].stance, Stance::kCallForHelp);
  EXPECT_EQ(c[2].actor, "Red Cross");
  std::vector<Claim> de =
      Claims("Lena Ostrova bat um internationale Hilfe für die Familien.", "de");
  ASSERT_EQ(de.size(), 1u);
  EXPECT_EQ(de[0].stance, Stance::kCallForHelp);
  EXPECT_EQ(de[0].actor, "Lena Ostrova");
  std::vector<Claim> es =
      Claims("La alcaldesa, Pilar Ordóñez, pidió ayuda al Gobierno central.", "es");
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].stance, Stance::kCallForHelp);
  EXPECT_EQ(es[0].actor, "Pilar Ordóñez");
  std::vector<Claim> fr = Claims(
      "Le porte-parole de l'ONU, Stéphane Dujarric, a appelé toutes les parties à respecter le "
      "cessez-le-feu.",
      "fr");
  ASSERT_EQ(fr.size(), 1u);
  EXPECT_EQ(fr[0].stance, Stance::kDemand);
  EXPECT_EQ(fr[0].actor, "Stéphane Dujarric");
}

TEST(Claims, NegatedOrOrdinaryVerbsAreNoClaims) {
  EXPECT_TRUE(Claims("The ministry did not deny the report.", "en").empty());
  EXPECT_TRUE(Claims("Le ministère n'a pas démenti l'information.", "fr").empty());
  EXPECT_TRUE(Claims("Das Ministerium bestritt das nicht.", "de").empty());
  // Rejecting an offer is not denying an accusation.
  EXPECT_TRUE(Claims("The union rejected the offer of a three percent raise.", "en").empty());
}

TEST(Claims, PassiveNamesTheActorAfterBy) {
  std::vector<Claim> c = Claims("The company was accused by the union of ignoring warnings.", "en");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].stance, Stance::kAccusation);
  EXPECT_TRUE(HasKey(c[0].actor_key, "d:union")) << c[0].actor_key;
  EXPECT_TRUE(HasKey(c[0].target_key, "d:company")) << c[0].target_key;
}

}  // namespace
}  // namespace newsweave
