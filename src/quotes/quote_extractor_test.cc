#include <gtest/gtest.h>

#include <string>

#include "newsweave/analysis.h"
#include "newsweave/quotes.h"
#include "newsweave/xling.h"
#include "quotes/test_util.h"

namespace newsweave {
namespace {

using quotes_test::Extract;

// The speaker of the quote whose text starts with `start`, or "<no such quote>".
std::string SpeakerOf(const ArticleStatements& s, std::string_view start) {
  for (const Quote& q : s.quotes) {
    if (q.text.starts_with(start)) return q.speaker;
  }
  return "<no such quote>";
}

TEST(QuoteMarks, EachKindOfMarkOpensAndClosesAQuote) {
  struct Case {
    const char* lang;
    const char* text;
    const char* quote;
  } cases[] = {
      {"en", "“We will rebuild the harbour,” said Idris Kallon.", "We will rebuild the harbour,"},
      {"en", "\"We will rebuild the harbour,\" said Idris Kallon.", "We will rebuild the harbour,"},
      {"en", "‘We will rebuild the harbour,’ said Idris Kallon.", "We will rebuild the harbour,"},
      {"en", "'We will rebuild the harbour,' said Idris Kallon.", "We will rebuild the harbour,"},
      {"fr", "« Nous reconstruirons le port », a déclaré Idris Kallon.",
       "Nous reconstruirons le port"},
      {"fr", "«Nous reconstruirons le port», a déclaré Idris Kallon.",
       "Nous reconstruirons le port"},
      {"fr", "‹ Nous reconstruirons le port ›, a déclaré Idris Kallon.",
       "Nous reconstruirons le port"},
      {"de", "„Wir bauen den Hafen wieder auf“, sagte Idris Kallon.",
       "Wir bauen den Hafen wieder auf"},
      {"de", "»Wir bauen den Hafen wieder auf«, sagte Idris Kallon.",
       "Wir bauen den Hafen wieder auf"},
      {"de", "‚Wir bauen den Hafen wieder auf‘, sagte Idris Kallon.",
       "Wir bauen den Hafen wieder auf"},
      {"de", "›Wir bauen den Hafen wieder auf‹, sagte Idris Kallon.",
       "Wir bauen den Hafen wieder auf"},
      {"es", "«Vamos a reconstruir el puerto», dijo Idris Kallon.",
       "Vamos a reconstruir el puerto"},
      {"es", "“Vamos a reconstruir el puerto”, dijo Idris Kallon.",
       "Vamos a reconstruir el puerto"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    ArticleStatements s = Extract(c.text, c.lang);
    ASSERT_EQ(s.quotes.size(), 1u);
    EXPECT_EQ(s.quotes[0].text, c.quote);
    EXPECT_EQ(s.quotes[0].speaker, "Idris Kallon");
    EXPECT_EQ(s.quotes[0].lang, c.lang);
  }
}

TEST(QuoteMarks, ApostrophesNamesAndScareQuotesAreNotQuotes) {
  // Apostrophes, a two-word ship's name, a one-word scare quote.
  ArticleStatements s = Extract(
      "The ferry „Monte Stello“ ran aground. It’s the crew’s third trip, and the captain called "
      "the sea “calm”.",
      "en");
  EXPECT_TRUE(s.quotes.empty());
  // A mark left open at the end of its paragraph.
  s = Extract("“We will not leave, said nobody.\nThe next paragraph has no quote at all.", "en");
  EXPECT_TRUE(s.quotes.empty());
}

TEST(QuoteMarks, NestedQuoteIsPartOfTheOuterOne) {
  ArticleStatements s = Extract(
      "« Nous voulons que le ministre nous dise : “Votre usine a un avenir” », explique Nadia "
      "Lemoine.",
      "fr");
  ASSERT_EQ(s.quotes.size(), 1u);
  EXPECT_EQ(s.quotes[0].text, "Nous voulons que le ministre nous dise : “Votre usine a un avenir”");
  EXPECT_EQ(s.quotes[0].speaker, "Nadia Lemoine");
}

TEST(Speakers, BeforeAndAfterTheQuote) {
  ArticleStatements en = Extract(
      "Council leader Margaret Osei said: \"Nobody wanted to close the pier.\" Later, \"We have "
      "no money for repairs,\" said Daniel Pryce.",
      "en");
  EXPECT_EQ(SpeakerOf(en, "Nobody wanted"), "Margaret Osei");
  EXPECT_EQ(SpeakerOf(en, "We have no money"), "Daniel Pryce");
  EXPECT_EQ(en.quotes[0].attribution, Attribution::kVerbBefore);
  EXPECT_EQ(en.quotes[1].attribution, Attribution::kVerbAfter);

  ArticleStatements fr = Extract(
      "Le maire Bertrand Morel a déclaré : « Nous n'avons pas connu cela depuis une génération. » "
      "« Les écoles resteront fermées jusqu'à jeudi », a précisé la préfète Claire Vautrin.",
      "fr");
  EXPECT_EQ(SpeakerOf(fr, "Nous n'avons"), "Bertrand Morel");
  EXPECT_EQ(SpeakerOf(fr, "Les écoles"), "Claire Vautrin");

  ArticleStatements de = Extract(
      "Ihr Kommandeur Moussa Ferrand erklärte in einer Funkbotschaft: „Unsere Kämpfer waren weit "
      "entfernt.“ „Zivilisten müssen geschützt werden“, so Stéphane Dujarric.",
      "de");
  EXPECT_EQ(SpeakerOf(de, "Unsere Kämpfer"), "Moussa Ferrand");
  EXPECT_EQ(SpeakerOf(de, "Zivilisten"), "Stéphane Dujarric");

  ArticleStatements es = Extract(
      "Su consejera de Agricultura, Pilar Ordóñez, advirtió: «El derecho a protestar no incluye "
      "el derecho a bloquear una autovía». «No podemos pagar el agua», explicó el presidente de "
      "la asociación, Andrés Salcedo.",
      "es");
  EXPECT_EQ(SpeakerOf(es, "El derecho"), "Pilar Ordóñez");
  EXPECT_EQ(SpeakerOf(es, "No podemos"), "Andrés Salcedo");
}

TEST(Speakers, QuoteAcrossSentencesAndParagraphs) {
  ArticleStatements s = Extract(
      "\"This is a deliberate attack on civilians. It must stop now,\" Idris Kallon told "
      "reporters.",
      "en");
  ASSERT_EQ(s.quotes.size(), 1u);
  EXPECT_EQ(s.quotes[0].text, "This is a deliberate attack on civilians. It must stop now,");
  EXPECT_EQ(s.quotes[0].speaker, "Idris Kallon");

  // A long quote: the first paragraph is left open and the next one opens again.
  s = Extract(
      "Daniel Pryce spoke to supporters outside. \"We lost a vote tonight.\n\n\"We will be "
      "back.\"\n\nThe council meets again in May.",
      "en");
  ASSERT_EQ(s.quotes.size(), 1u);
  EXPECT_EQ(s.quotes[0].text, "We lost a vote tonight. We will be back.");
  EXPECT_EQ(s.quotes[0].speaker, "Daniel Pryce");

  s = Extract(
      "„Ich fahre heute mit dem Fahrrad. Das ist auch mal schön“, sagte die Studentin Lea "
      "Winter.",
      "de");
  ASSERT_EQ(s.quotes.size(), 1u);
  EXPECT_EQ(s.quotes[0].speaker, "Lea Winter");
}

TEST(Speakers, AppositionGivesTheName) {
  ArticleStatements en = Extract(
      "The UN spokesman, Stéphane Dujarric, said: \"The Secretary-General urges all parties to "
      "protect civilians.\"",
      "en");
  EXPECT_EQ(SpeakerOf(en, "The Secretary-General"), "Stéphane Dujarric");
  ArticleStatements fr = Extract(
      "« Il faut protéger les civils », a déclaré aux journalistes le porte-parole de l'ONU, "
      "Stéphane Dujarric.",
      "fr");
  EXPECT_EQ(SpeakerOf(fr, "Il faut"), "Stéphane Dujarric");
  ArticleStatements es = Extract(
      "«Hay que proteger a los civiles», dijo el portavoz de la ONU, Stéphane Dujarric.", "es");
  EXPECT_EQ(SpeakerOf(es, "Hay que"), "Stéphane Dujarric");
  ArticleStatements de =
      Extract("„Zivilisten müssen geschützt werden“, sagte UN-Sprecher Stéphane Dujarric.", "de");
  EXPECT_EQ(SpeakerOf(de, "Zivilisten"), "Stéphane Dujarric");
}

TEST(Speakers, PronounsAndOmittedSubjectsFindThePerson) {
  ArticleStatements en = Extract(
      "Sabine Leitner won the by-election on Sunday against Thomas Brunner. Turnout was low. "
      "\"Graz has chosen the future,\" she told supporters.",
      "en");
  EXPECT_EQ(SpeakerOf(en, "Graz has chosen"), "Sabine Leitner");
  ArticleStatements fr = Extract(
      "Le maire de Tours, Bertrand Morel, a ouvert trois gymnases. « Nous n'avons pas connu cela "
      "depuis une génération », a-t-il dit.",
      "fr");
  EXPECT_EQ(SpeakerOf(fr, "Nous n'avons"), "Bertrand Morel");
  ArticleStatements de = Extract(
      "Oberbürgermeisterin Ute Brandner rief beide Seiten zur Einigung auf. „Ich erwarte eine "
      "Einigung in dieser Woche“, erklärte sie.",
      "de");
  EXPECT_EQ(SpeakerOf(de, "Ich erwarte"), "Ute Brandner");
  ArticleStatements es = Extract(
      "La consejera de Agua, Elena Subirats, anunció un recurso. “Acatamos la sentencia, pero no "
      "la compartimos”, dijo en Zaragoza.",
      "es");
  EXPECT_EQ(SpeakerOf(es, "Acatamos"), "Elena Subirats");
}

TEST(Speakers, ADescriptionStandsForThePersonNamedWithThatRole) {
  ArticleStatements s = Extract(
      "Chile's president, Camila Fuentealba, flew to the mine on Friday. Rescue chief Óscar "
      "Villalobos was there too. \"We will not leave anyone underground,\" the Chilean president "
      "told relatives.",
      "en");
  EXPECT_EQ(SpeakerOf(s, "We will not leave"), "Camila Fuentealba");
  ASSERT_FALSE(s.quotes.empty());
  EXPECT_TRUE(s.quotes[0].speaker_key.find("d:president") != std::string::npos);
  // Nobody is named as a spokesperson: the description itself is the speaker.
  ArticleStatements es =
      Extract("«Cumplimos todas las normas», señaló un portavoz de Andes Cobre.", "es");
  EXPECT_EQ(SpeakerOf(es, "Cumplimos"), "portavoz de Andes Cobre");
  ASSERT_FALSE(es.quotes.empty());
  EXPECT_EQ(es.quotes[0].speaker_key.substr(0, 15), "d:spokesperson");
}

TEST(Speakers, ContinuationAndSurnameGiveTheFullName) {
  ArticleStatements s = Extract(
      "Marisol Poblete said she had not slept. \"They told us nothing for six hours,\" Poblete "
      "said. \"We found out from the radio.\"",
      "en");
  EXPECT_EQ(SpeakerOf(s, "They told us"), "Marisol Poblete");
  EXPECT_EQ(SpeakerOf(s, "We found out"), "Marisol Poblete");
  ASSERT_EQ(s.quotes.size(), 2u);
  EXPECT_EQ(s.quotes[1].attribution, Attribution::kContinuation);
}

TEST(Speakers, AccordingToMarkers) {
  EXPECT_EQ(
      SpeakerOf(Extract("According to Lena Ostrova, \"more than 300 families have fled\".", "en"),
                "more than"),
      "Lena Ostrova");
  EXPECT_EQ(SpeakerOf(Extract("D'après Sylvie Marchand, les salariés ne demandent « que le "
                              "respect des accords signés ».",
                              "fr"),
                      "que le respect"),
            "Sylvie Marchand");
  EXPECT_EQ(SpeakerOf(Extract("Laut Lena Ostrova brauchen die Familien „Zelte, Decken und "
                              "Trinkwasser“.",
                              "de"),
                      "Zelte"),
            "Lena Ostrova");
  EXPECT_EQ(
      SpeakerOf(Extract("Según Lena Ostrova, “más de 300 familias han huido del barrio”.", "es"),
                "más de"),
      "Lena Ostrova");
}

TEST(Speakers, NobodyIsSaidToSpeak) {
  ArticleStatements s = Extract(
      "Outside the town hall, about 200 people held banners reading \"Save our pier\" and \"Not "
      "one plank\".",
      "en");
  ASSERT_EQ(s.quotes.size(), 2u);
  EXPECT_EQ(s.quotes[0].speaker, "");
  EXPECT_EQ(s.quotes[1].speaker, "");
  EXPECT_EQ(s.quotes[0].attribution, Attribution::kNone);
}

TEST(Speakers, KeysMatchAcrossLanguagesAndSpellings) {
  ArticleStatements en = Extract("\"We will hold the line,\" said Volodymyr Zelensky.", "en");
  ArticleStatements de =
      Extract("„Wir werden die Stellung halten“, sagte Wolodymyr Selenskyj.", "de");
  ASSERT_EQ(en.quotes.size(), 1u);
  ASSERT_EQ(de.quotes.size(), 1u);
  EXPECT_TRUE(SameSpeaker(en.quotes[0].speaker_key, de.quotes[0].speaker_key))
      << en.quotes[0].speaker_key << " vs " << de.quotes[0].speaker_key;
  EXPECT_TRUE(SameSpeaker("tms krt", "krt"));
  EXPECT_FALSE(SameSpeaker("tms krt", "pvl krt"));
  EXPECT_TRUE(SameSpeaker("d:ministry", "d:ministry"));
  EXPECT_TRUE(SameSpeaker("d:rebels|nrtrn frnt", "nrtrn frnt"));
  EXPECT_TRUE(SameSpeaker("d:mayor", "pvl rsk|d:mayor"));
  // Two named spokespeople are two people.
  EXPECT_FALSE(SameSpeaker("trs kln|d:spokesperson", "stfn tkrk|d:spokesperson"));
  EXPECT_FALSE(SameSpeaker("", "krt"));
}

TEST(Speakers, WithoutTheCrossLingualLayer) {
  Analyzer analyzer;
  Analysis a;
  const std::string text = "\"The flood has not yet peaked,\" said prefect Claire Vautrin.";
  analyzer.Analyze(text, "en", &a);
  std::vector<Quote> q = ExtractQuotes(text, a, nullptr);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Claire Vautrin");
  EXPECT_EQ(q[0].cue, "said");
}

}  // namespace
}  // namespace newsweave
