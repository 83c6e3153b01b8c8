#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsweave/analysis.h"
#include "newsweave/xling.h"

namespace newsweave {
namespace {

const char* const kEnglish =
    "A magnitude 6.4 earthquake struck the village of Saint-Martin-Vésubie in the Alps on "
    "3 March 2022, killing 27 people and injuring 1,350. Rescue teams from Nice and Marseille "
    "searched the ruins on Thursday. Prefect Bernard Gonzalez said 4,200 homes were damaged. "
    "The European Union promised 15 million euros in aid.";
const char* const kFrench =
    "Un séisme de magnitude 6,4 a frappé le village de Saint-Martin-Vésubie dans les Alpes le "
    "3 mars 2022, tuant 27 personnes et en blessant 1\u202F350. Les équipes de secours de Nice et "
    "de Marseille ont fouillé les ruines jeudi. Le préfet Bernard Gonzalez a déclaré que "
    "4\u202F200 maisons avaient été endommagées. L'Union européenne a promis 15 millions d'euros "
    "d'aide.";
// Shortened: the last sentence is left out.
const char* const kGerman =
    "Ein Erdbeben der Stärke 6,4 hat am 3. März 2022 das Dorf Saint-Martin-Vésubie in den Alpen "
    "erschüttert und 27 Menschen getötet, 1.350 wurden verletzt. Rettungsteams aus Nizza und "
    "Marseille durchsuchten am Donnerstag die Trümmer. Präfekt Bernard Gonzalez sagte, 4.200 "
    "Häuser seien beschädigt.";
const char* const kSpanish =
    "Un terremoto de magnitud 6,4 sacudió el pueblo de Saint-Martin-Vésubie, en los Alpes, el 3 "
    "de marzo de 2022, matando a 27 personas e hiriendo a 1.350. Los equipos de rescate de Niza "
    "y Marsella buscaron entre las ruinas el jueves. El prefecto Bernard Gonzalez dijo que 4.200 "
    "viviendas resultaron dañadas. La Unión Europea prometió 15 millones de euros en ayuda.";
// Other events, on related subjects.
const char* const kOtherEnglish =
    "Floods hit the town of Valencia in Spain on 12 October 2021, killing 8 people. Mayor Joan "
    "Ribó said 600 homes were flooded and rescue teams worked through Monday. The regional "
    "government asked Madrid for 30 million euros.";
const char* const kOtherFrench =
    "Un incendie a détruit une usine chimique près de Lyon le 21 juin 2021. Trois ouvriers ont "
    "été blessés et 250 habitants évacués. Le directeur Paul Martin a annoncé une enquête, "
    "tandis que la préfecture du Rhône a fermé l'autoroute A7.";

class TranslationIndexTest : public ::testing::Test {
 protected:
  NeutralRepresentation Represent(const char* text, const char* lang) {
    analyzer_.Segment(text, lang, &analysis_);
    analysis_.language.code = lang;
    NeutralRepresentation rep;
    xling_.Represent(text, analysis_, "2022-03-05", &rep);
    return rep;
  }
  void SetUp() override {
    ASSERT_NE(Lexicon::Default(), nullptr);
    en_ = index_.Add(Represent(kEnglish, "en"));
    other_en_ = index_.Add(Represent(kOtherEnglish, "en"));
    fr_ = index_.Add(Represent(kFrench, "fr"));
    de_ = index_.Add(Represent(kGerman, "de"));
    other_fr_ = index_.Add(Represent(kOtherFrench, "fr"));
    es_ = index_.Add(Represent(kSpanish, "es"));
  }
  bool Linked(std::uint32_t x, std::uint32_t y) {
    for (const TranslationPair& p : index_.Pairs())
      if ((p.a == x && p.b == y) || (p.a == y && p.b == x)) return true;
    return false;
  }
  Analyzer analyzer_;
  Analysis analysis_;
  XlingAnalyzer xling_{Lexicon::Default()};
  TranslationIndex index_;
  std::uint32_t en_, other_en_, fr_, de_, other_fr_, es_;
};

TEST_F(TranslationIndexTest, RepresentationsHoldPivotsEntitiesDatesAndNumbers) {
  const NeutralRepresentation& fr = index_.at(fr_);
  EXPECT_EQ(fr.lang, "fr");
  EXPECT_GT(fr.term_coverage, 0.5f);
  bool date = false;
  for (const DateMention& d : fr.dates) date |= d.value == "2022-03-03";
  EXPECT_TRUE(date);
  bool count = false;
  for (const NumberMention& n : fr.numbers) count |= n.value == 1350;
  EXPECT_TRUE(count);
  EXPECT_FALSE(fr.entities.empty());
  EXPECT_GE(fr.anchors.size(), 5u);
}

TEST_F(TranslationIndexTest, TheOriginalIsNearestToEachTranslation) {
  for (std::uint32_t t : {fr_, de_, es_}) {
    auto nearest = index_.Nearest(t, 3);
    ASSERT_FALSE(nearest.empty());
    // The original, or another translation of it; never the other events.
    const std::uint32_t first = nearest[0].a == t ? nearest[0].b : nearest[0].a;
    EXPECT_TRUE(first == en_ || first == fr_ || first == de_ || first == es_) << first;
    EXPECT_GT(index_.Score(t, en_), index_.Score(t, other_en_));
    EXPECT_GT(index_.Score(t, en_), index_.Score(t, other_fr_));
  }
}

TEST_F(TranslationIndexTest, PairsLinkTranslationsAndNothingElse) {
  EXPECT_TRUE(Linked(en_, fr_));
  EXPECT_TRUE(Linked(en_, de_));
  EXPECT_TRUE(Linked(en_, es_));
  for (const TranslationPair& p : index_.Pairs()) {
    EXPECT_NE(p.a, other_en_);
    EXPECT_NE(p.b, other_en_);
    EXPECT_NE(p.a, other_fr_);
    EXPECT_NE(p.b, other_fr_);
    EXPECT_NE(index_.at(p.a).lang, index_.at(p.b).lang);
  }
}

TEST_F(TranslationIndexTest, SimilarityAgreesWithTheIndex) {
  const double s = Similarity(index_.at(en_), index_.at(fr_), index_.frequencies());
  EXPECT_NEAR(s, index_.Score(en_, fr_), 1e-3);
  EXPECT_GT(s, Similarity(index_.at(other_en_), index_.at(fr_), index_.frequencies()));
  EXPECT_GT(AnchorOrder(index_.at(en_), index_.at(de_)), 0.6);
  EXPECT_LT(AnchorOrder(index_.at(other_en_), index_.at(fr_)), 0.5);
}

TEST(DocumentFrequenciesTest, PriorRulesSmallBatchesCountsRuleLargeOnes) {
  Feature rare{1, 1, PriorHalves(4.0f), FeatureKind::kTerm};
  Feature common{2, 1, PriorHalves(2.0f), FeatureKind::kTerm};
  DocumentFrequencies df;
  NeutralRepresentation both;
  both.features = {rare, common};
  for (int i = 0; i < 5; ++i) df.Add(both);
  // Five articles, both words in all of them: the prior still ranks them.
  EXPECT_GT(df.Idf(rare), df.Idf(common));
  // Many articles without the rare word: it becomes rare by count.
  NeutralRepresentation only_common;
  only_common.features = {common};
  for (int i = 0; i < 5000; ++i) df.Add(only_common);
  EXPECT_GT(df.Idf(rare), 5.0);
  EXPECT_LT(df.Idf(common), 0.1);
  df.Remove(only_common);
  EXPECT_EQ(df.documents(), 5004u);
}

}  // namespace
}  // namespace newsweave
