#include "newsweave/cluster.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace newsweave {
namespace {

struct Text {
  const char* id;
  const char* lang;
  const char* published;
  const char* title;
  const char* body;
};

// Two events, each reported in two languages, and the first event's place and actors again
// seven months later.
const Text kStream[] = {
    {"quake-en", "en", "2026-03-02T08:00:00Z", "Earthquake in Van kills 41",
     "Earthquake in Van kills 41\n\nA magnitude 6.1 earthquake struck the province of Van in "
     "eastern Turkey on Monday, killing 41 people and injuring 1,300, the disaster agency AFAD "
     "said. Governor Ozan Balci said rescue teams had reached Ercis, where 19 buildings "
     "collapsed. Aftershocks continued through the night."},
    {"strike-fr", "fr", "2026-03-02T09:00:00Z", "Grève à la SNCF : 80 % des TGV supprimés",
     "Grève à la SNCF : 80 % des TGV supprimés\n\nLa grève des contrôleurs de la SNCF a "
     "entraîné mardi la suppression de 80 % des TGV, selon la direction. Le syndicat SUD-Rail, "
     "mené par Fabien Villedieu, réclame une hausse de 300 euros. La ministre Clémence Arnoux "
     "appelle à reprendre le dialogue avant le week-end de Pâques."},
    {"quake-fr", "fr", "2026-03-02T11:00:00Z", "Séisme à Van : 41 morts",
     "Séisme à Van : 41 morts\n\nUn séisme de magnitude 6,1 a frappé lundi la province de Van, "
     "dans l'est de la Turquie, faisant 41 morts et 1 300 blessés, selon l'agence AFAD. Le "
     "gouverneur Ozan Balci a indiqué que les secours avaient atteint Ercis, où 19 immeubles "
     "se sont effondrés."},
    {"strike-de", "de", "2026-03-03T07:00:00Z",
     "Bahnstreik in Frankreich: 80 Prozent der TGV fallen aus",
     "Bahnstreik in Frankreich: 80 Prozent der TGV fallen aus\n\nDer Streik der Zugbegleiter "
     "bei der SNCF hat am Dienstag zum Ausfall von 80 Prozent der TGV geführt. Die "
     "Gewerkschaft SUD-Rail unter Fabien Villedieu fordert 300 Euro mehr. Verkehrsministerin "
     "Clémence Arnoux ruft zum Dialog vor Ostern auf."},
    {"quake-later-en", "en", "2026-10-05T08:00:00Z",
     "Van rebuilds seven months after the earthquake",
     "Van rebuilds seven months after the earthquake\n\nGovernor Ozan Balci opened 2,400 new "
     "homes in Ercis on Monday, seven months after the earthquake that killed 41 people in the "
     "province of Van. The agency AFAD said reconstruction would end next spring."},
};

ClusterInput Input(const Text& t, bool dated = true) {
  Analyzer analyzer;
  Analysis analysis;
  analyzer.Analyze(t.body, t.lang, &analysis);
  ClusterInput in;
  XlingAnalyzer xling(Lexicon::Default());
  in.article = DescribeArticle(t.id, t.title, dated ? t.published : "", t.body, analysis, &xling);
  in.title = t.title;
  in.day = dated ? DaysSinceEpoch(t.published) : std::nan("");
  return in;
}

std::map<std::string, std::string> EventById(const EventClusterer& c) {
  std::map<std::string, std::string> out;
  for (const EventSummary& e : c.Events()) {
    for (const std::string& id : e.articles) out[id] = e.id;
  }
  return out;
}

TEST(EventClustererTest, TwoEventsInTwoLanguagesEachAndAStoryMonthsLater) {
  EventClusterer c;
  for (const Text& t : kStream) c.Add(Input(t));
  auto event = EventById(c);
  EXPECT_EQ(event["quake-en"], event["quake-fr"]);
  EXPECT_EQ(event["strike-fr"], event["strike-de"]);
  EXPECT_NE(event["quake-en"], event["strike-fr"]);
  EXPECT_NE(event["quake-en"], event["quake-later-en"]) << "seven months apart: another event";
  ASSERT_EQ(c.event_count(), 3u);
  std::map<std::string, std::string> story;
  for (const EventSummary& e : c.Events()) story[e.id] = e.story;
  EXPECT_EQ(story[event["quake-en"]], story[event["quake-later-en"]]) << "same place and actors";
  EXPECT_NE(story[event["quake-en"]], story[event["strike-fr"]]);
  // Summaries: headline of the first article, languages, dates, names.
  for (const EventSummary& e : c.Events()) {
    if (e.id != event["quake-en"]) continue;
    EXPECT_EQ(e.headline, "Earthquake in Van kills 41");
    EXPECT_EQ(e.languages, (std::vector<std::string>{"en", "fr"}));
    EXPECT_EQ(e.start, "2026-03-02");
    bool balci = false;
    for (const std::string& n : e.entities) balci |= n.find("Balci") != std::string::npos;
    EXPECT_TRUE(balci);
  }
  for (const StorySummary& s : c.Stories()) {
    if (s.events.size() == 2) {
      EXPECT_EQ(s.events[0], event["quake-en"]);  // in time order
    }
  }
}

TEST(EventClustererTest, CopiesJoinTheirOriginalsEventAndUndatedArticlesStillCluster) {
  EventClusterer c;
  c.Add(Input(kStream[0]));
  c.Add(Input(kStream[1]));
  EXPECT_TRUE(c.AddCopy("quake-en-copy", "quake-en"));
  EXPECT_FALSE(c.AddCopy("orphan", "no-such-article"));
  c.Add(Input(kStream[2], /*dated=*/false));  // no date: joins on content alone
  auto event = EventById(c);
  EXPECT_EQ(event["quake-en-copy"], event["quake-en"]);
  EXPECT_EQ(event["quake-fr"], event["quake-en"]);
  EXPECT_EQ(event.count("orphan"), 0u);
  EXPECT_EQ(c.EventOf("quake-en-copy"), c.EventOf("quake-en"));
  EXPECT_EQ(c.EventOf("nothing"), -1);
}

TEST(EventClustererTest, SameInputSameEvents) {
  auto run = [] {
    EventClusterer c;
    for (const Text& t : kStream) c.Add(Input(t));
    std::string out;
    for (const EventSummary& e : c.Events()) {
      out += e.id + ":" + e.story + ":";
      for (const std::string& a : e.articles) out += a + ",";
      out += "\n";
    }
    return out;
  };
  EXPECT_EQ(run(), run());
}

TEST(DaysSinceEpochTest, DatesAndTimes) {
  EXPECT_EQ(DaysSinceEpoch("1970-01-01"), 0.0);
  EXPECT_EQ(DaysSinceEpoch("2026-03-14"), 20526.0);
  EXPECT_NEAR(DaysSinceEpoch("2026-03-14T12:00:00Z") - DaysSinceEpoch("2026-03-14"), 0.5, 1e-9);
  EXPECT_NEAR(DaysSinceEpoch("2026-03-14 06:00:00") - DaysSinceEpoch("2026-03-14"), 0.25, 1e-9);
  EXPECT_TRUE(std::isnan(DaysSinceEpoch("")));
  EXPECT_TRUE(std::isnan(DaysSinceEpoch("14/03/2026")));
  EXPECT_TRUE(std::isnan(DaysSinceEpoch("2026-13-01")));
}

}  // namespace
}  // namespace newsweave
