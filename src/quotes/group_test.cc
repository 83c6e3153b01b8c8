#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "newsweave/analysis.h"
#include "newsweave/main_job.h"
#include "newsweave/quotes.h"
#include "newsweave/xling.h"
#include "quotes/test_util.h"

namespace newsweave {
namespace {

using quotes_test::Extract;

TEST(GroupStatements, TheSameStatementInTwoLanguagesIsOneQuote) {
  ArticleStatements en = Extract(
      "\"This is the darkest day for our city in decades,\" Ostrava Mayor Pavel Hruška told "
      "reporters. \"We will rebuild every flat,\" he added.",
      "en");
  ArticleStatements fr = Extract(
      "« C'est le jour le plus sombre pour notre ville depuis des décennies », a déclaré aux "
      "journalistes le maire d'Ostrava, Pavel Hruška.",
      "fr");
  ArticleStatements de = Extract(
      "„Die Feuerwehr hat Unglaubliches geleistet“, sagte Feuerwehrsprecherin Lenka Dvořáková.",
      "de");
  EventStatements e =
      GroupStatements({{"en-1", "en", &en, ""}, {"fr-1", "fr", &fr, ""}, {"de-1", "de", &de, ""}});
  ASSERT_EQ(e.quotes.size(), 3u);
  // Hruška first (three renderings of two statements), Dvořáková after.
  EXPECT_EQ(e.quotes[0].speaker, "Pavel Hruška");
  ASSERT_EQ(e.quotes[0].renderings.size(), 2u);
  EXPECT_EQ(e.quotes[0].renderings[0].lang, "en");
  EXPECT_EQ(e.quotes[0].renderings[0].article, "en-1");
  EXPECT_EQ(e.quotes[0].renderings[1].lang, "fr");
  EXPECT_EQ(e.quotes[0].renderings[1].article, "fr-1");
  EXPECT_EQ(e.quotes[1].speaker, "Pavel Hruška");
  ASSERT_EQ(e.quotes[1].renderings.size(), 1u);
  EXPECT_EQ(e.quotes[1].renderings[0].text, "We will rebuild every flat,");
  EXPECT_EQ(e.quotes[2].speaker, "Lenka Dvořáková");
}

TEST(GroupStatements, DifferentWordsOfOneSpeakerStayApart) {
  ArticleStatements a =
      Extract("\"The rock is still moving,\" said rescue chief Óscar Villalobos.", "en");
  ArticleStatements b = Extract(
      "«Necesitamos más máquinas y más ingenieros», dijo el jefe de rescate, Óscar Villalobos.",
      "es");
  EventStatements e = GroupStatements({{"a", "en", &a, ""}, {"b", "es", &b, ""}});
  ASSERT_EQ(e.quotes.size(), 2u);
  EXPECT_EQ(e.quotes[0].renderings.size(), 1u);
  EXPECT_EQ(e.quotes[1].renderings.size(), 1u);
  EXPECT_EQ(e.quotes[0].speaker_key, e.quotes[1].speaker_key);
}

TEST(GroupStatements, ArticlesThatTranslateEachOtherLinkOnFewerWords) {
  // The lexicons give "salvar" -> "save" and little else here: one word in common.
  ArticleStatements en = Extract(
      "\"We are doing everything we can to save the old town,\" said Pirna's mayor, Jens "
      "Albrecht.",
      "en");
  ArticleStatements es = Extract(
      "“Hacemos todo lo posible para salvar el casco antiguo”, declaró el alcalde de Pirna, Jens "
      "Albrecht.",
      "es");
  EXPECT_EQ(GroupStatements({{"en-1", "en", &en, ""}, {"es-1", "es", &es, ""}}).quotes.size(), 2u);
  EventStatements linked = GroupStatements({{"en-1", "en", &en, ""}, {"es-1", "es", &es, "en-1"}});
  ASSERT_EQ(linked.quotes.size(), 1u);
  EXPECT_EQ(linked.quotes[0].renderings.size(), 2u);
}

TEST(GroupStatements, AQuoteWithoutSpeakerJoinsItsTranslation) {
  ArticleStatements named = Extract(
      "\"We were not the target of a physical threat, and flight safety was never at risk,\" "
      "spokeswoman Rita Carvalho told reporters.",
      "en");
  ArticleStatements anonymous = Extract(
      "Airport staff repeated the message all day: \"We were not the target of a physical "
      "threat, and flight safety was never at risk\".",
      "en");
  EventStatements e = GroupStatements({{"a", "en", &named, ""}, {"b", "en", &anonymous, ""}});
  ASSERT_EQ(e.quotes.size(), 1u);
  EXPECT_EQ(e.quotes[0].speaker, "Rita Carvalho");
  EXPECT_EQ(e.quotes[0].renderings.size(), 2u);
}

TEST(GroupStatements, DenialsStandBesideTheAccusationTheyAnswer) {
  ArticleStatements en = Extract(
      "The defence ministry accused the rebels of shelling the port of Valmera. The United "
      "Nations called for calm.",
      "en");
  ArticleStatements fr =
      Extract("Les rebelles ont rejeté ces accusations, qu'ils jugent absurdes.", "fr");
  ArticleStatements es = Extract("Los rebeldes negaron haber bombardeado el puerto.", "es");
  EventStatements e =
      GroupStatements({{"en-1", "en", &en, ""}, {"fr-1", "fr", &fr, ""}, {"es-1", "es", &es, ""}});
  ASSERT_EQ(e.claims.size(), 4u);
  EXPECT_EQ(e.claims[0].claim.stance, Stance::kAccusation);
  EXPECT_EQ(e.claims[0].article, "en-1");
  EXPECT_EQ(e.claims[1].claim.stance, Stance::kDenial);
  EXPECT_EQ(e.claims[1].article, "fr-1");
  EXPECT_EQ(e.claims[1].replies_to, 0);
  EXPECT_EQ(e.claims[2].claim.stance, Stance::kDenial);
  EXPECT_EQ(e.claims[2].article, "es-1");
  EXPECT_EQ(e.claims[2].replies_to, 0);
  EXPECT_EQ(e.claims[3].claim.stance, Stance::kDemand);
  EXPECT_EQ(e.claims[3].replies_to, -1);
}

TEST(GroupStatements, StatementOverlapOfATranslation) {
  ArticleStatements en = Extract("\"Today the valley has won,\" said Tomás Garrido.", "en");
  ArticleStatements es = Extract("“Hoy ha ganado el valle”, resumió Tomás Garrido.", "es");
  ArticleStatements other =
      Extract("\"The prices of water are too high,\" said Tomás Garrido.", "en");
  ASSERT_EQ(en.quotes.size(), 1u);
  ASSERT_EQ(es.quotes.size(), 1u);
  ASSERT_EQ(other.quotes.size(), 1u);
  const Quote& a = en.quotes[0];
  const Quote& b = es.quotes[0];
  const Quote& c = other.quotes[0];
  EXPECT_GE(StatementOverlap(a.pivots, b.pivots), 0.5);
  EXPECT_LT(StatementOverlap(a.pivots, c.pivots), 0.34);
}

// The main job hands each article to the collector, which groups the quotes by event.
TEST(StatementCollector, QuotesOfTheMainJobByEvent) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("quotes_collector_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir / "articles.jsonl");
    f << R"({"id": "en-1", "lang": "en", "published": "2026-05-12T10:00:00Z", "title": "Gas explosion in Ostrava kills seven", "text": "OSTRAVA - A gas explosion destroyed a block of flats in the Czech city of Ostrava on Tuesday, killing seven people. Firefighters searched the rubble through the night for survivors.\n\n\"This is the darkest day for our city in decades,\" Ostrava Mayor Pavel Hruška told reporters at the scene.\n\nThe building had 32 flats. Police evacuated 86 residents of two neighbouring buildings."})"
      << "\n"
      << R"({"id": "fr-1", "lang": "fr", "published": "2026-05-12T11:00:00Z", "title": "Explosion de gaz à Ostrava : sept morts", "text": "OSTRAVA - Une explosion de gaz a détruit mardi un immeuble d'habitation dans la ville tchèque d'Ostrava, faisant sept morts. Les pompiers ont fouillé les décombres toute la nuit à la recherche de survivants.\n\n« C'est le jour le plus sombre pour notre ville depuis des décennies », a déclaré aux journalistes le maire d'Ostrava, Pavel Hruška, sur les lieux.\n\nL'immeuble comptait 32 appartements. La police a évacué 86 habitants de deux immeubles voisins."})"
      << "\n";
  }
  StatementCollector collector;
  MainJobOptions options;
  options.on_article = collector.Hook();
  auto job = RunMainJob({dir.string()}, options, [](const Diagnostic&) {});
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(job.has_value());
  ASSERT_EQ(job->events.size(), 1u);
  std::vector<EventStatements> by_event = collector.ByEvent(*job);
  ASSERT_EQ(by_event.size(), 1u);
  ASSERT_EQ(by_event[0].quotes.size(), 1u);
  EXPECT_EQ(by_event[0].quotes[0].speaker, "Pavel Hruška");
  EXPECT_EQ(by_event[0].quotes[0].renderings.size(), 2u);
}

}  // namespace
}  // namespace newsweave
