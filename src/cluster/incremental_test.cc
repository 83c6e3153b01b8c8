// Clustering day 2's articles on top of day 1's result (MainJob, two batches) must give the
// events of clustering both days at once (one batch). The stream is written here: four
// events in English, French, German and Spanish, two of them going on into day 2, a
// translation and copies, some arriving on day 2 for a day-1 article.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "newsweave/main_job.h"

namespace newsweave {
namespace {

struct Text {
  const char* id;
  const char* source;
  const char* lang;
  const char* published;
  const char* event;  // the true event
  const char* title;
  const char* body;
};

const char kQuakeEn[] =
    "A magnitude 6.1 earthquake struck the province of Van in eastern Turkey on Monday, "
    "killing 41 people and injuring 1,300, the disaster agency AFAD said. Governor Ozan Balci "
    "said rescue teams had reached Ercis, where 19 buildings collapsed. Aftershocks continued "
    "through the night and thousands of residents slept in tents in the stadium of Ercis.\n\n"
    "Interior minister Selim Kaymaz flew to Van and promised temporary housing within a week. "
    "The Red Crescent sent 4,000 tents and 12 field kitchens.";

const char kStrikeFr[] =
    "La grève des contrôleurs de la SNCF a entraîné mardi la suppression de 80 % des TGV, "
    "selon la direction. Le syndicat SUD-Rail, mené par Fabien Villedieu, réclame une hausse "
    "de 300 euros. La ministre Clémence Arnoux appelle à reprendre le dialogue avant le "
    "week-end de Pâques.\n\nÀ la gare de Lyon, des milliers de voyageurs attendaient des "
    "trains de remplacement. La direction de la SNCF estime le coût de la grève à 20 millions "
    "d'euros par jour.";

const Text kDay1[] = {
    {"quake-en", "Wire One", "en", "2026-03-02T08:00:00Z", "quake", "Earthquake in Van kills 41",
     kQuakeEn},
    {"quake-en-copy", "Daily Mirror Site", "en", "2026-03-02T09:30:00Z", "quake",
     "Earthquake in Van kills 41", kQuakeEn},
    {"strike-fr", "Le Quotidien", "fr", "2026-03-02T09:00:00Z", "strike",
     "Grève à la SNCF : 80 % des TGV supprimés", kStrikeFr},
    {"mine-es", "Diario Sur", "es", "2026-03-02T13:00:00Z", "mine",
     "Derrumbe en la mina Los Cóndores atrapa a 27 mineros",
     "Un derrumbe en la mina de cobre Los Cóndores, cerca de Copiapó, dejó atrapados el lunes a "
     "27 mineros a 480 metros de profundidad, informó la empresa Minera Atacama. El ministro de "
     "Minería, Rodrigo Fuenzalida, llegó al lugar y dijo que los equipos de rescate perforan un "
     "túnel de acceso.\n\nLas familias de los mineros esperan noticias frente a la entrada de la "
     "mina. Es el peor accidente minero en la región de Atacama desde 2010."},
    {"quake-fr", "Le Quotidien", "fr", "2026-03-02T11:00:00Z", "quake", "Séisme à Van : 41 morts",
     "Un séisme de magnitude 6,1 a frappé lundi la province de Van, dans l'est de la Turquie, "
     "faisant 41 morts et 1 300 blessés, selon l'agence AFAD. Le gouverneur Ozan Balci a indiqué "
     "que les secours avaient atteint Ercis, où 19 immeubles se sont effondrés. Le ministre de "
     "l'Intérieur Selim Kaymaz a promis des logements provisoires."},
};

const Text kDay2[] = {
    {"strike-de", "Berliner Blatt", "de", "2026-03-03T07:00:00Z", "strike",
     "Bahnstreik in Frankreich: 80 Prozent der TGV fallen aus",
     "Der Streik der Zugbegleiter bei der SNCF hat am Dienstag zum Ausfall von 80 Prozent der "
     "TGV geführt. Die Gewerkschaft SUD-Rail unter Fabien Villedieu fordert 300 Euro mehr. "
     "Verkehrsministerin Clémence Arnoux ruft zum Dialog vor Ostern auf. Die SNCF schätzt die "
     "Kosten des Streiks auf 20 Millionen Euro pro Tag."},
    // A near copy, a day later, of a day-1 article.
    {"strike-fr-copy", "Ouest Matin", "fr", "2026-03-03T08:00:00Z", "strike",
     "Grève à la SNCF : 80 % des TGV supprimés",
     "La grève des contrôleurs de la SNCF a entraîné mardi la suppression de 80 % des TGV, "
     "selon la direction. Le syndicat SUD-Rail, mené par Fabien Villedieu, réclame une hausse "
     "de 300 euros. La ministre Clémence Arnoux appelle à reprendre le dialogue avant le "
     "week-end de Pâques.\n\nÀ la gare de Lyon, des milliers de voyageurs attendaient des "
     "trains de remplacement. La direction de la SNCF estime le coût de la grève à 20 millions "
     "d'euros."},
    // A translation, a day later, of a day-1 article.
    {"quake-es", "Diario Sur", "es", "2026-03-03T06:00:00Z", "quake",
     "Terremoto en Van deja 41 muertos",
     "Un terremoto de magnitud 6,1 sacudió el lunes la provincia de Van, en el este de Turquía, "
     "y mató a 41 personas e hirió a 1.300, dijo la agencia de desastres AFAD. El gobernador Ozan "
     "Balci dijo que los equipos de rescate habían llegado a Ercis, donde se derrumbaron 19 "
     "edificios. Las réplicas continuaron durante la noche y miles de vecinos durmieron en "
     "tiendas en el estadio de Ercis.\n\nEl ministro del Interior, Selim Kaymaz, voló a Van y "
     "prometió viviendas temporales en una semana. La Media Luna Roja envió 4.000 tiendas y 12 "
     "cocinas de campaña."},
    {"mine-en", "Wire One", "en", "2026-03-03T10:00:00Z", "mine",
     "Rescuers reach 27 miners trapped in Los Condores copper mine",
     "Rescuers drilling an access tunnel reached the 27 miners trapped 480 metres underground in "
     "the Los Condores copper mine near Copiapo on Tuesday, mining minister Rodrigo Fuenzalida "
     "said. The operator Minera Atacama said all 27 were alive. Families waiting at the mine "
     "entrance in the Atacama region cheered as the news came."},
    {"port-en", "Wire One", "en", "2026-03-03T12:00:00Z", "port",
     "Fire at Rotterdam container terminal halts shipping",
     "A fire at the Maasvlakte container terminal in the port of Rotterdam halted shipping on "
     "Tuesday, port authority spokesman Joost Verhagen said. Some 140 firefighters fought the "
     "blaze, which began in a warehouse storing lithium batteries. No one was hurt, but 35 ships "
     "were told to wait offshore."},
    {"port-de", "Berliner Blatt", "de", "2026-03-03T14:00:00Z", "port",
     "Großbrand im Rotterdamer Hafen legt Containerterminal lahm",
     "Ein Großbrand am Containerterminal Maasvlakte im Hafen von Rotterdam hat am Dienstag den "
     "Schiffsverkehr gestoppt, sagte Hafensprecher Joost Verhagen. Rund 140 Feuerwehrleute "
     "kämpften gegen das Feuer, das in einem Lager mit Lithium-Batterien ausbrach. Verletzt "
     "wurde niemand, 35 Schiffe mussten vor der Küste warten."},
};

std::string JsonString(std::string_view s) { return nlohmann::json(std::string(s)).dump(); }

// Writes a day's articles as JSONL (title on its own, as feeds give it).
std::string WriteDay(const std::string& name, const Text* texts, std::size_t n) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("newsweave_incremental_" + name + ".jsonl"))
          .string();
  std::ofstream out(path);
  for (std::size_t i = 0; i < n; ++i) {
    const Text& t = texts[i];
    out << "{\"id\":" << JsonString(t.id) << ",\"source\":" << JsonString(t.source)
        << ",\"lang\":" << JsonString(t.lang) << ",\"published\":" << JsonString(t.published)
        << ",\"title\":" << JsonString(t.title) << ",\"text\":" << JsonString(t.body) << "}\n";
  }
  return path;
}

// Adds each file's articles as one batch (Add, then Flush) and returns article -> event id.
std::map<std::string, std::string> Cluster(const std::vector<std::vector<std::string>>& batches,
                                           MainJobResult* result) {
  MainJob job;
  PipelineOptions pipeline = job.options().pipeline;
  pipeline.analyze_text = true;
  for (const std::vector<std::string>& files : batches) {
    auto stats = RunPipeline(
        files, pipeline, [](const Diagnostic& d) { ADD_FAILURE() << FormatDiagnostic(d); },
        [&](const ProcessedArticle& p) { job.Add(p); });
    EXPECT_TRUE(stats.has_value());
    job.Flush();
  }
  *result = job.Result();
  std::map<std::string, std::string> out;
  for (const JobArticle& a : result->articles) {
    out[a.id] = a.event >= 0 ? result->events[static_cast<std::size_t>(a.event)].id : "";
  }
  return out;
}

// The events as sets of article ids.
std::set<std::set<std::string>> Groups(const std::map<std::string, std::string>& event_of) {
  std::map<std::string, std::set<std::string>> by_event;
  for (const auto& [id, e] : event_of) by_event[e].insert(id);
  std::set<std::set<std::string>> out;
  for (auto& [e, ids] : by_event) out.insert(ids);
  return out;
}

TEST(IncrementalMainJobTest, DayTwoOnTopOfDayOneGivesTheEventsOfBothDaysAtOnce) {
  const std::string day1 = WriteDay("day1", kDay1, std::size(kDay1));
  const std::string day2 = WriteDay("day2", kDay2, std::size(kDay2));
  MainJobResult once, twice;
  const auto at_once = Cluster({{day1, day2}}, &once);
  const auto day_by_day = Cluster({{day1}, {day2}}, &twice);
  ASSERT_EQ(at_once.size(), std::size(kDay1) + std::size(kDay2));
  ASSERT_EQ(day_by_day.size(), at_once.size());
  for (const auto& [id, e] : at_once) EXPECT_FALSE(e.empty()) << id << " has no event";
  EXPECT_EQ(Groups(day_by_day), Groups(at_once));

  // And both are the true events.
  std::map<std::string, std::string> truth;
  for (const Text& t : kDay1) truth[t.id] = t.event;
  for (const Text& t : kDay2) truth[t.id] = t.event;
  EXPECT_EQ(Groups(day_by_day), Groups(truth));
  // The copies and the translation are found as such (relations name the group's
  // representative, here the longest text, the Spanish translation).
  std::map<std::string, std::string> relation;
  for (const JobArticle& a : twice.articles) relation[a.id] = a.relation;
  EXPECT_NE(relation["quake-en-copy"], "");
  EXPECT_NE(relation["strike-fr-copy"], "");
  EXPECT_NE(relation["quake-en"], "") << "the Spanish translation represents it";
  EXPECT_EQ(once.events.size(), twice.events.size());
  EXPECT_EQ(once.stories.size(), twice.stories.size());
  std::remove(day1.c_str());
  std::remove(day2.c_str());
}

// RunMainJob in small batches, each clustered on a thread of its own while the next is read,
// gives what clustering each batch before reading on gives.
TEST(IncrementalMainJobTest, ClusteringInTheBackgroundChangesNothing) {
  const std::string day1 = WriteDay("bg_day1", kDay1, std::size(kDay1));
  const std::string day2 = WriteDay("bg_day2", kDay2, std::size(kDay2));
  auto run = [&](bool background) {
    MainJobOptions options;
    options.pipeline.batch_size = 2;  // RunMainJob flushes between pipeline batches
    options.flush_articles = 2;
    options.cluster_in_background = background;
    auto result = RunMainJob({day1, day2}, options,
                             [](const Diagnostic& d) { ADD_FAILURE() << FormatDiagnostic(d); });
    EXPECT_TRUE(result.has_value());
    return result.has_value() ? *result : MainJobResult();
  };
  const MainJobResult foreground = run(false), background = run(true);
  ASSERT_EQ(foreground.articles.size(), std::size(kDay1) + std::size(kDay2));
  ASSERT_EQ(background.articles.size(), foreground.articles.size());
  for (std::size_t i = 0; i < foreground.articles.size(); ++i) {
    EXPECT_EQ(background.articles[i].id, foreground.articles[i].id);
    EXPECT_GE(background.articles[i].event, 0) << background.articles[i].id;
    EXPECT_EQ(background.articles[i].event, foreground.articles[i].event)
        << foreground.articles[i].id;
    EXPECT_EQ(background.articles[i].relation, foreground.articles[i].relation);
  }
  ASSERT_EQ(background.events.size(), foreground.events.size());
  for (std::size_t e = 0; e < foreground.events.size(); ++e) {
    EXPECT_EQ(background.events[e].articles, foreground.events[e].articles);
    EXPECT_EQ(background.events[e].story, foreground.events[e].story);
  }
  EXPECT_EQ(background.stories.size(), foreground.stories.size());
  std::remove(day1.c_str());
  std::remove(day2.c_str());
}

}  // namespace
}  // namespace newsweave
