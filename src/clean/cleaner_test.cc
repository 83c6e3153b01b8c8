#include "newsweave/cleaner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsweave {
namespace {

Article Make(std::string text, std::string source = "", std::string title = "") {
  Article a;
  a.id = "t";
  a.text = std::move(text);
  a.source = std::move(source);
  a.title = std::move(title);
  return a;
}

bool Contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

struct EdgeCase {
  const char* lang;
  std::string top;     // chrome lines at the top
  std::string body;    // content
  std::string bottom;  // chrome lines at the bottom
  std::vector<std::string> chrome;
  std::vector<std::string> content;
};

std::vector<EdgeCase> EdgeCases() {
  return {
      {"en",
       "Skip to main content\nMenu\nHome > World > Europe\n",
       "Floods close schools across northern Italy\n\n"
       "Heavy rain forced the closure of more than 200 schools in Lombardy on Tuesday, "
       "officials said, as rivers rose to their highest level in a decade.\n\n"
       "The regional government said it would ask Rome for emergency funds.\n",
       "Advertisement\nSubscribe to our newsletter for the latest news.\n"
       "© 2026 Example Media. All rights reserved.\n",
       {"Skip to main content", "Menu", "Home > World > Europe", "Advertisement",
        "Subscribe to our newsletter", "All rights reserved"},
       {"Floods close schools", "Heavy rain forced", "emergency funds"}},
      {"fr",
       "Aller au contenu principal\nPublicité\nLecture 3 min.\n",
       "Inondations : les écoles fermées dans le nord de l'Italie\n\n"
       "De fortes pluies ont entraîné mardi la fermeture de plus de 200 écoles en Lombardie, "
       "selon les autorités, alors que les rivières atteignaient leur plus haut niveau.\n\n"
       "Le gouvernement régional a indiqué qu'il demanderait des fonds d'urgence à Rome.\n",
       "Abonnez-vous à notre newsletter\nSuivez-nous sur Facebook et Instagram\n"
       "© Exemple Médias 2026 – Tous droits réservés\n",
       {"Aller au contenu principal", "Publicité", "Lecture 3 min.", "Abonnez-vous",
        "Suivez-nous sur", "Tous droits réservés"},
       {"Inondations", "De fortes pluies", "fonds d'urgence"}},
      {"de",
       "Zum Hauptinhalt springen\nAnzeige\nLesezeit: 4 Minuten\n",
       "Hochwasser: Schulen in Norditalien geschlossen\n\n"
       "Heftiger Regen hat am Dienstag zur Schließung von mehr als 200 Schulen in der "
       "Lombardei geführt, wie die Behörden mitteilten.\n\n"
       "Die Regionalregierung will in Rom Nothilfe beantragen, hieß es am Abend.\n",
       "Mehr zum Thema\nRegen in Venedig: Markusplatz überflutet\n"
       "© 2026 Beispiel Verlag. Alle Rechte vorbehalten.\n",
       {"Zum Hauptinhalt springen", "Anzeige", "Lesezeit", "Mehr zum Thema",
        "Markusplatz überflutet", "Alle Rechte vorbehalten"},
       {"Hochwasser", "Heftiger Regen", "Nothilfe beantragen"}},
      {"es",
       "Saltar al contenido principal\nPublicidad\nInicio | Internacional | Europa\n",
       "Inundaciones cierran escuelas en el norte de Italia\n\n"
       "Las fuertes lluvias obligaron el martes a cerrar más de 200 escuelas en Lombardía, "
       "según las autoridades, mientras los ríos alcanzaban su nivel más alto.\n\n"
       "El gobierno regional pedirá fondos de emergencia a Roma, informaron fuentes oficiales.\n",
       "Noticias relacionadas\nLluvias en Venecia: la plaza de San Marcos, inundada\n"
       "Síguenos en Twitter\n© 2026 Ejemplo Medios. Todos los derechos reservados.\n",
       {"Saltar al contenido principal", "Publicidad", "Inicio | Internacional",
        "Noticias relacionadas", "plaza de San Marcos", "Síguenos en Twitter",
        "Todos los derechos reservados"},
       {"Inundaciones cierran", "Las fuertes lluvias", "fondos de emergencia"}},
  };
}

TEST(CleanerTest, RemovesChromeAtBothEndsInFourLanguages) {
  Cleaner cleaner;
  for (const EdgeCase& c : EdgeCases()) {
    Article a = Make(c.top + c.body + c.bottom);
    CleanText out = cleaner.Clean(a);
    for (const std::string& s : c.chrome) {
      EXPECT_FALSE(Contains(out.text, s)) << c.lang << ": kept chrome '" << s << "'\n" << out.text;
    }
    for (const std::string& s : c.content) {
      EXPECT_TRUE(Contains(out.text, s)) << c.lang << ": lost content '" << s << "'\n" << out.text;
    }
    // Every removed span points at raw text and has a reason.
    for (const RemovedSpan& r : out.removed) {
      EXPECT_LT(r.start, r.end);
      EXPECT_LE(r.end, a.text.size());
      EXPECT_FALSE(r.reason.empty());
    }
  }
}

TEST(CleanerTest, RemovesBodyPrintedTwiceWithGluedParagraphs) {
  std::string p1 =
      "The dam on the Abay river will start filling in July, the minister said on Monday.";
  std::string p2 =
      "Downstream farmers fear that the reservoir will cut the flow during the dry season.";
  std::string p3 = "Talks between the three governments broke down last year without an agreement.";
  Article a = Make("Dam to start filling in July\n\n" + p1 + "\n\n" + p2 + "\n\n" + p3 + "\n\n" +
                   p1 + p2 + p3 + "\n");
  CleanText out = Cleaner().Clean(a);
  // Each paragraph appears exactly once.
  for (const std::string& p : {p1, p2, p3}) {
    size_t first = out.text.find(p);
    ASSERT_NE(first, std::string::npos) << p;
    EXPECT_EQ(out.text.find(p, first + 1), std::string::npos) << "still doubled: " << p;
  }
  ASSERT_EQ(out.removed.size(), 1u);
  EXPECT_EQ(out.removed[0].reason, "repeated-body");
  EXPECT_EQ(a.text.substr(out.removed[0].start, out.removed[0].end - out.removed[0].start),
            p1 + p2 + p3);
}

TEST(CleanerTest, RemovesGluedCopyCutShortAndSpaceSeparated) {
  std::string p1 = "Rescue teams reached the village of Lopatyn late on Saturday night.";
  std::string p2 = "At least 14 people were missing after the landslide, police said.";
  std::string p3 = "The regional governor declared three days of mourning.";
  Article a = Make(p1 + "\n" + p2 + "\n" + p3 + "\n" + p1 + " " + p2 + " " + p3.substr(0, 20));
  CleanText out = Cleaner().Clean(a);
  EXPECT_EQ(out.text, p1 + "\n" + p2 + "\n" + p3);
}

TEST(CleanerTest, RemovesSecondCopyOfCaptionAndRepeatedLine) {
  std::string caption = "Firefighters spray water on a burning warehouse in Valencia. (Photo: EFE)";
  std::string body =
      "A fire destroyed a furniture warehouse in the port of Valencia on Sunday, the city "
      "council said.\n"
      "No one was injured, but smoke forced the closure of two schools nearby.\n"
      "No one was injured, but smoke forced the closure of two schools nearby.\n"
      "Investigators are trying to establish the cause of the blaze.\n";
  Article a = Make(caption + "\n" + caption + "\n" + body);
  CleanText out = Cleaner().Clean(a);
  EXPECT_FALSE(Contains(out.text, "(Photo: EFE)")) << out.text;
  std::string repeated = "No one was injured";
  size_t first = out.text.find(repeated);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(out.text.find(repeated, first + 1), std::string::npos);
  std::vector<std::string> reasons;
  for (const RemovedSpan& r : out.removed) reasons.push_back(r.reason);
  EXPECT_NE(std::find(reasons.begin(), reasons.end(), "repeated-line"), reasons.end());
  EXPECT_NE(std::find(reasons.begin(), reasons.end(), "caption"), reasons.end());
}

TEST(CleanerTest, LinePrintedTwiceInARowAfterAnEarlierCopy) {
  Article a = Make(
      "The council met on Monday to discuss the new budget for the coming year.\n"
      "Yes we can\n"
      "Other thing said at the meeting, which lasted until late in the evening.\n"
      "Yes we can\n"
      "Yes we can\n"
      "The budget will be voted on next week, the mayor's office said in a statement.\n");
  CleanText out = Cleaner().Clean(a);
  std::vector<std::string> reasons;
  for (const RemovedSpan& r : out.removed) reasons.push_back(r.reason);
  EXPECT_EQ(reasons, std::vector<std::string>{"repeated-line"});
  size_t first = out.text.find("Yes we can");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(out.text.find("Yes we can", first + 1), std::string::npos);  // the earlier copy stays
}

TEST(CleanerTest, ManyParagraphsWithOneStartStayLinear) {
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += "2026-03-14 12:00:00 INFO request served in " + std::to_string(i) + " ms by worker\n";
  }
  Article a = Make(text);
  CleanText out = Cleaner().Clean(a);  // used to take seconds; now milliseconds
  EXPECT_GT(out.text.size(), text.size() / 2);
}

TEST(CleanerTest, KeepsQuoteSubheadingAndDateline) {
  Article a = Make(
      "Advertisement\n"
      "PARIS, March 14 (Reuters) -\n"
      "France's parliament approved the pension reform on Thursday after a night of debate, "
      "ending months of strikes.\n"
      "“We will not give up,” the union leader said.\n"
      "What happens next\n"
      "The law now goes to the constitutional council, which has a month to rule on it.\n"
      "Advertisement\n");
  CleanText out = Cleaner().Clean(a);
  EXPECT_TRUE(Contains(out.text, "PARIS, March 14 (Reuters) -")) << out.text;
  EXPECT_TRUE(Contains(out.text, "“We will not give up,” the union leader said.")) << out.text;
  EXPECT_TRUE(Contains(out.text, "What happens next")) << out.text;
  EXPECT_FALSE(Contains(out.text, "Advertisement")) << out.text;
  EXPECT_EQ(out.removed.size(), 2u);
}

TEST(CleanerTest, RemovesAdvertisementInsideTheBody) {
  Article a = Make(
      "Le Parlement a adopté la réforme des retraites jeudi après une nuit de débats houleux.\n"
      "Publicité\n"
      "Le texte doit encore être examiné par le Conseil constitutionnel dans un délai d'un "
      "mois.\n");
  CleanText out = Cleaner().Clean(a);
  EXPECT_FALSE(Contains(out.text, "Publicité"));
  EXPECT_TRUE(Contains(out.text, "Conseil constitutionnel"));
}

TEST(CleanerTest, RemovedSpansStopAtTheLimit) {
  // 3,000 ads inside the body, each between two paragraphs: 3,000 spans without a limit.
  auto paragraph = [](int i) {
    return "The council met for the " + std::to_string(i) +
           "th time on Tuesday and agreed to keep the bridge closed until May.\n";
  };
  std::string body;
  for (int i = 0; i < 3000; ++i) body += paragraph(i) + "Advertisement\n";
  body += paragraph(3000);
  CleanOptions options;
  options.max_removed_spans = 100;
  CleanText out = Cleaner(options).Clean(Make(body));
  EXPECT_EQ(out.removed.size(), 100u);
  EXPECT_EQ(out.kept_over_span_limit, 2900u);  // kept, and counted
  std::size_t kept_ads = 0;
  for (std::size_t at = 0; (at = out.text.find("Advertisement", at)) != std::string::npos; ++at) {
    ++kept_ads;
  }
  EXPECT_EQ(kept_ads, 2900u);
  EXPECT_EQ(Cleaner().Clean(Make(body)).removed.size(), 1000u);  // the default limit

  // 5,000 ads in a row (blank lines between) after 99 spans: the 100th span takes them all,
  // though the later ones are removed as repeats of the first.
  std::string runs;
  for (int i = 0; i < 99; ++i) runs += paragraph(i) + "Advertisement\n";
  runs += paragraph(99);
  for (int i = 0; i < 5000; ++i) runs += "Advertisement\n\n";
  runs += paragraph(100);
  out = Cleaner(options).Clean(Make(runs));
  ASSERT_EQ(out.removed.size(), 100u);
  EXPECT_EQ(out.kept_over_span_limit, 0u);
  EXPECT_EQ(out.text.find("Advertisement"), std::string::npos);
  EXPECT_EQ(out.removed.back().end - out.removed.back().start,
            5000 * std::string("Advertisement\n\n").size() - 2);

  options.max_removed_spans = 0;  // no limit
  EXPECT_EQ(Cleaner(options).Clean(Make(body)).removed.size(), 3000u);
}

TEST(CleanerTest, LearnsLinesRepeatedAcrossOneSource) {
  // A site signature without any cue phrase, on three different articles of one source.
  const std::string sig = "The Daily Lantern Network";
  std::vector<Article> batch = {
      Make(sig + "\nCouncil approves new tram line for the eastern districts after long debate.\n"
                 "Construction will start next year and cost 300 million euros.\n",
           "lantern.example"),
      Make(sig + "\nHospital workers strike over pay for a second week in the capital city.\n"
                 "Unions say talks with the ministry have stalled again.\n",
           "lantern.example"),
      Make(sig + "\nThe museum reopens after a three-year renovation of its main galleries.\n"
                 "Tickets for the first weekend sold out within hours.\n",
           "lantern.example"),
  };
  SourceProfile profile;
  for (const Article& a : batch) profile.Add(a);
  Cleaner cleaner;
  for (const Article& a : batch) {
    CleanText with = cleaner.Clean(a, &profile);
    EXPECT_FALSE(Contains(with.text, sig)) << with.text;
    ASSERT_FALSE(with.removed.empty());
    EXPECT_EQ(with.removed[0].reason, "source-repeat");
    CleanText without = cleaner.Clean(a);
    EXPECT_TRUE(Contains(without.text, sig));
  }
  // Copies of one article do not make their lines "repeated".
  SourceProfile copies;
  copies.Add(batch[0]);
  copies.Add(batch[0]);
  EXPECT_FALSE(copies.Repeated("lantern.example", sig));
  EXPECT_TRUE(profile.Repeated("lantern.example", sig));
  EXPECT_FALSE(profile.Repeated("other.example", sig));
}

TEST(CleanerTest, NormalizesUnicodeWhitespaceAndHyphenation) {
  Article a = Make(
      "The govern-\nment said the  new\tbudget would be presented on\u200b Monday in "
      "Cafe\xCC\x81 Central.\n\n\n\nA second paragraph follows here, long enough to be content.");
  CleanText out = Cleaner().Clean(a);
  EXPECT_EQ(out.text,
            "The government said the new budget would be presented on Monday in Café Central.\n\n"
            "A second paragraph follows here, long enough to be content.");
  EXPECT_TRUE(out.removed.empty());
}

TEST(CleanerTest, DropsInvisibleCharactersInOtherwisePlainLines) {
  // Lines long enough to be read sixteen bytes at a time, with one odd character each: a
  // soft hyphen, a zero-width space, a no-break space and typographic quotes (kept as they
  // are), and a combining accent (composed).
  Article a = Make(
      "The regional parlia\u00ADment approved the budget for next year on Tuesday evening.\n"
      "Le gouvernement a pr\u00E9sent\u00E9 son plan \u00AB\u00A0climat\u00A0\u00BB "
      "\u201Cmardi\u201D, a-t-il\u200B indiqu\u00E9.\n"
      "Die Regierung in Zu\u0308rich hat am Dienstag \u2013 nach langer Debatte \u2013 "
      "zugestimmt.");
  CleanText out = Cleaner().Clean(a);
  EXPECT_EQ(out.text,
            "The regional parliament approved the budget for next year on Tuesday evening.\n"
            "Le gouvernement a pr\u00E9sent\u00E9 son plan \u00AB\u00A0climat\u00A0\u00BB "
            "\u201Cmardi\u201D, a-t-il indiqu\u00E9.\n"
            "Die Regierung in Z\u00FCrich hat am Dienstag \u2013 nach langer Debatte \u2013 "
            "zugestimmt.");
}

TEST(CleanerTest, HandlesEmptyAndChromeOnlyText) {
  Cleaner cleaner;
  EXPECT_EQ(cleaner.Clean(Make("")).text, "");
  CleanText out = cleaner.Clean(Make("Page not found\nSkip to main content\n"));
  EXPECT_EQ(out.text, "");
  EXPECT_EQ(out.removed.size(), 2u);
}

}  // namespace
}  // namespace newsweave
