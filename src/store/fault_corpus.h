// The articles the store's fault tests ingest: six events reported in eight languages, in six
// ingests, with exact copies (skipped as the same words), near copies (stored, linked to
// their original), an article offered twice under the same id, and follow-ups.
#ifndef NEWSWEAVE_STORE_FAULT_CORPUS_H_
#define NEWSWEAVE_STORE_FAULT_CORPUS_H_

#include <string>
#include <vector>

namespace newsweave::store {

struct CorpusArticle {
  std::string id, url, source, title, text, published, lang;
};

// One ingest's articles, in order.
using CorpusIngest = std::vector<CorpusArticle>;

// The six ingests.
inline std::vector<CorpusIngest> FaultCorpus() {
  auto article = [](std::string id, std::string source, std::string title, std::string text,
                    std::string published, std::string lang) {
    return CorpusArticle{id,
                         "https://" + source + ".example/" + id,
                         source,
                         std::move(title),
                         std::move(text),
                         std::move(published),
                         std::move(lang)};
  };
  // A copy of `a` under another id and URL: exact with the same text, near with a changed one.
  auto copy = [](const CorpusArticle& a, std::string id, std::string source, std::string text) {
    CorpusArticle c = a;
    c.id = id;
    c.source = source;
    c.url = "https://" + source + ".example/" + id;
    if (!text.empty()) c.text = std::move(text);
    return c;
  };
  const CorpusArticle flood_en = article(
      "flood-en-1", "capitalpost", "Floods close 200 schools in Lombardy",
      "Heavy rain flooded large parts of Lombardy on Tuesday, closing more than 200 schools and "
      "forcing the evacuation of 1,300 people from villages along the Seveso and Lambro rivers, "
      "the regional civil protection agency said. The Seveso burst its banks in the north of "
      "Milan overnight, and firefighters rescued 40 people trapped in cars on flooded roads. "
      "Regional president Attilio Fontana declared a state of emergency and asked the "
      "government in Rome for 50 million euros. Trains between Milan and Como were suspended.",
      "2026-11-03T09:00:00Z", "en");
  const CorpusArticle flood_fr = article(
      "flood-fr-1", "afm", "Inondations en Lombardie : 200 écoles fermées",
      "De fortes pluies ont inondé mardi une grande partie de la Lombardie, entraînant la "
      "fermeture de plus de 200 écoles et l'évacuation de 1 300 personnes dans les villages "
      "situés le long du Seveso et du Lambro, selon la protection civile régionale. Le Seveso "
      "a débordé dans le nord de Milan pendant la nuit et les pompiers ont secouru 40 personnes "
      "bloquées dans leurs voitures. Le président de la région, Attilio Fontana, a déclaré "
      "l'état d'urgence et demandé 50 millions d'euros au gouvernement.",
      "2026-11-03T11:00:00Z", "fr");
  const CorpusArticle flood_it = article(
      "flood-it-1", "corriere", "Alluvione in Lombardia, chiuse 200 scuole",
      "Le forti piogge hanno allagato martedì gran parte della Lombardia: chiuse oltre 200 "
      "scuole ed evacuate 1.300 persone nei paesi lungo il Seveso e il Lambro, secondo la "
      "protezione civile regionale. Il Seveso è esondato durante la notte a nord di Milano e i "
      "vigili del fuoco hanno soccorso 40 persone intrappolate nelle auto. Il presidente della "
      "Regione Attilio Fontana ha dichiarato lo stato di emergenza e ha chiesto al governo 50 "
      "milioni di euro. Sospesi i treni tra Milano e Como.",
      "2026-11-03T10:30:00Z", "it");
  const CorpusArticle flood_de = article(
      "flood-de-1", "rundschau", "Hochwasser in der Lombardei: 200 Schulen geschlossen",
      "Heftiger Regen hat am Dienstag weite Teile der Lombardei überflutet. Mehr als 200 "
      "Schulen wurden geschlossen und 1.300 Menschen aus Dörfern an den Flüssen Seveso und "
      "Lambro in Sicherheit gebracht, teilte der regionale Zivilschutz mit. Der Seveso trat in "
      "der Nacht im Norden Mailands über die Ufer, die Feuerwehr rettete 40 Menschen aus ihren "
      "Autos. Regionalpräsident Attilio Fontana rief den Notstand aus und bat die Regierung in "
      "Rom um 50 Millionen Euro.",
      "2026-11-03T12:00:00Z", "de");
  const CorpusArticle flood_en2 = article(
      "flood-en-2", "northgate", "Lombardy floods: schools reopen as waters recede",
      "Most of the 200 schools closed by floods in Lombardy reopened on Thursday as the Seveso "
      "and Lambro rivers fell back below alert levels, the regional civil protection agency "
      "said. About 900 of the 1,300 people evacuated from riverside villages north of Milan "
      "have returned home. Regional president Attilio Fontana said damage to roads, homes and "
      "farms would exceed 120 million euros and renewed his request for emergency funds from "
      "Rome. Trains between Milan and Como are running again.",
      "2026-11-05T08:00:00Z", "en");
  const CorpusArticle quake_en = article(
      "quake-en-1", "meridian", "Earthquake kills 41 in eastern Turkey",
      "A magnitude 6.1 earthquake struck the province of Van in eastern Turkey on Monday, "
      "killing 41 people and injuring more than 300, the disaster agency AFAD said. The quake "
      "hit at 04:12 local time at a depth of ten kilometres near the town of Ercis, where "
      "dozens of buildings collapsed. Rescue teams worked through the night to pull survivors "
      "from the rubble. President Erdogan visited Ercis in the afternoon and promised that "
      "every destroyed home would be rebuilt within a year.",
      "2026-10-12T07:00:00Z", "en");
  const CorpusArticle quake_fr = article(
      "quake-fr-1", "afm", "Un séisme fait 41 morts dans l'est de la Turquie",
      "Un séisme de magnitude 6,1 a frappé lundi la province de Van, dans l'est de la Turquie, "
      "faisant 41 morts et plus de 300 blessés, selon l'agence de gestion des catastrophes "
      "AFAD. La secousse s'est produite à 4 h 12 heure locale à dix kilomètres de profondeur "
      "près de la ville d'Ercis, où des dizaines d'immeubles se sont effondrés. Les secouristes "
      "ont travaillé toute la nuit. Le président Erdogan s'est rendu à Ercis dans l'après-midi.",
      "2026-10-12T09:00:00Z", "fr");
  const CorpusArticle quake_es = article(
      "quake-es-1", "prensa", "Un terremoto deja 41 muertos en el este de Turquía",
      "Un terremoto de magnitud 6,1 sacudió el lunes la provincia de Van, en el este de "
      "Turquía, y causó 41 muertos y más de 300 heridos, según la agencia de emergencias AFAD. "
      "El sismo se produjo a las 4.12 hora local a diez kilómetros de profundidad cerca de la "
      "ciudad de Ercis, donde se derrumbaron decenas de edificios. Los equipos de rescate "
      "trabajaron toda la noche. El presidente Erdogan visitó Ercis por la tarde y prometió "
      "reconstruir todas las viviendas en un año.",
      "2026-10-12T10:00:00Z", "es");
  const CorpusArticle strike_nl = article(
      "strike-nl-1", "havenblad", "Staking legt haven van Rotterdam stil",
      "Een staking van havenarbeiders heeft maandag de containerterminals in de haven van "
      "Rotterdam volledig stilgelegd, meldt vakbond FNV Havens. Ruim 2.000 medewerkers legden "
      "om zes uur 's ochtends het werk neer uit protest tegen de plannen om de terminals op de "
      "Maasvlakte verder te automatiseren. Volgens het Havenbedrijf lagen tientallen "
      "containerschepen voor anker te wachten. De vakbond eist een baangarantie tot 2030 en "
      "dreigt met een staking van een week.",
      "2026-09-21T08:00:00Z", "nl");
  const CorpusArticle strike_en = article(
      "strike-en-1", "capitalpost", "Strike halts Rotterdam port",
      "A strike by dock workers brought the container terminals of the port of Rotterdam to a "
      "standstill on Monday, the FNV Havens union said. More than 2,000 workers walked out at "
      "six in the morning in protest against plans to automate the terminals on the Maasvlakte "
      "further. The Port Authority said dozens of container ships were waiting at anchor off "
      "the coast. The union wants a job guarantee until 2030 and threatens a week-long strike "
      "if the terminal operators do not negotiate.",
      "2026-09-21T10:00:00Z", "en");
  const CorpusArticle strike_de = article(
      "strike-de-1", "rundschau", "Streik legt Rotterdamer Hafen lahm",
      "Ein Streik der Hafenarbeiter hat am Montag die Containerterminals im Hafen von "
      "Rotterdam vollständig lahmgelegt, wie die Gewerkschaft FNV Havens mitteilte. Mehr als "
      "2.000 Beschäftigte legten um sechs Uhr morgens die Arbeit nieder, aus Protest gegen die "
      "geplante weitere Automatisierung der Terminals auf der Maasvlakte. Dutzende "
      "Containerschiffe warteten vor der Küste. Die Gewerkschaft fordert eine Arbeitsplatzgarantie "
      "bis 2030 und droht mit einem einwöchigen Streik.",
      "2026-09-21T12:00:00Z", "de");
  const CorpusArticle fire_pt = article(
      "fire-pt-1", "publico", "Incêndio em Monchique obriga a evacuar cinco aldeias",
      "Um incêndio florestal que deflagrou na serra de Monchique, no Algarve, obrigou na "
      "terça-feira à evacuação de cinco aldeias e de cerca de 700 pessoas, informou a Proteção "
      "Civil. Mais de 600 bombeiros, apoiados por 12 meios aéreos, combatiam as chamas ao fim "
      "da tarde. O vento forte e as temperaturas acima dos 40 graus dificultaram o combate. A "
      "estrada nacional 266 entre Monchique e Portimão foi cortada ao trânsito e duas casas "
      "foram destruídas.",
      "2026-08-05T18:00:00Z", "pt");
  const CorpusArticle fire_es = article(
      "fire-es-1", "prensa", "Un incendio en Monchique obliga a evacuar cinco aldeas",
      "Un incendio forestal declarado en la sierra de Monchique, en el Algarve portugués, "
      "obligó el martes a evacuar cinco aldeas y a unas 700 personas, informó la Protección "
      "Civil de Portugal. Más de 600 bomberos, apoyados por 12 medios aéreos, luchaban contra "
      "las llamas por la tarde. El fuerte viento y las temperaturas de más de 40 grados "
      "dificultaron la extinción. La carretera entre Monchique y Portimão fue cortada y dos "
      "casas quedaron destruidas.",
      "2026-08-05T20:00:00Z", "es");
  const CorpusArticle fire_en = article(
      "fire-en-1", "meridian", "Wildfire in Portugal's Algarve forces evacuation of villages",
      "A wildfire in the Monchique hills of Portugal's Algarve region forced the evacuation of "
      "five villages and about 700 people on Tuesday, the civil protection authority said. More "
      "than 600 firefighters backed by 12 aircraft were fighting the flames in the evening. "
      "Strong wind and temperatures above 40 degrees hampered the work. The road between "
      "Monchique and Portimão was closed to traffic and two houses were destroyed.",
      "2026-08-05T21:00:00Z", "en");
  const CorpusArticle vote_pl = article(
      "vote-pl-1", "gazeta", "Wybory samorządowe: rekordowa frekwencja w Krakowie",
      "W niedzielnych wyborach samorządowych w Krakowie frekwencja wyniosła 61 procent, "
      "najwięcej w historii miasta, poinformowała Państwowa Komisja Wyborcza. Na prezydenta "
      "miasta kandydowało siedmiu kandydatów. Według wstępnych wyników Anna Kowalczyk "
      "otrzymała 44 procent głosów i zmierzy się w drugiej turze z Piotrem Nowakiem, który "
      "zdobył 31 procent. Druga tura odbędzie się za dwa tygodnie.",
      "2026-10-26T07:00:00Z", "pl");
  const CorpusArticle vote_en = article(
      "vote-en-1", "northgate", "Record turnout in Krakow mayoral election",
      "Turnout in Sunday's local elections in Krakow reached 61 percent, the highest in the "
      "city's history, Poland's National Electoral Commission said. Seven candidates ran for "
      "mayor. According to preliminary results, Anna Kowalczyk won 44 percent of the vote and "
      "will face Piotr Nowak, who took 31 percent, in a runoff. The second round will be held "
      "in two weeks.",
      "2026-10-26T09:00:00Z", "en");
  const CorpusArticle vote_de = article(
      "vote-de-1", "rundschau", "Rekordbeteiligung bei Bürgermeisterwahl in Krakau",
      "Bei den Kommunalwahlen in Krakau lag die Wahlbeteiligung am Sonntag bei 61 Prozent, so "
      "hoch wie nie zuvor in der Geschichte der Stadt, teilte die Staatliche Wahlkommission "
      "mit. Sieben Kandidaten bewarben sich um das Amt des Stadtpräsidenten. Nach vorläufigen "
      "Ergebnissen erhielt Anna Kowalczyk 44 Prozent der Stimmen und tritt in einer Stichwahl "
      "gegen Piotr Nowak an, der 31 Prozent bekam.",
      "2026-10-26T10:00:00Z", "de");
  const CorpusArticle ferry_de = article(
      "ferry-de-1", "elbekurier", "Fähre rammt Anleger in Blankenese",
      "Eine Elbfähre ist am Dienstagmorgen beim Anlegen in Hamburg-Blankenese gegen den "
      "Anleger geprallt. Zwölf Fahrgäste wurden leicht verletzt, teilte die Polizei mit. Die "
      "Fähre der Linie 62 war mit 85 Menschen an Bord unterwegs. Nach ersten Erkenntnissen "
      "fiel kurz vor dem Anlegen ein Motor aus. Die Wasserschutzpolizei ermittelt. Der "
      "Fährverkehr zwischen Blankenese und Finkenwerder wurde für den Rest des Tages "
      "eingestellt.",
      "2026-07-14T09:00:00Z", "de");
  const CorpusArticle ferry_en = article(
      "ferry-en-1", "capitalpost", "Hamburg ferry crashes into pier, 12 hurt",
      "An Elbe ferry crashed into the pier while docking at Blankenese in Hamburg on Tuesday "
      "morning, and twelve passengers were slightly injured, police said. The line 62 ferry "
      "was carrying 85 people. An engine failed shortly before the ferry reached the pier, "
      "according to first findings. The water police are investigating. Ferry service between "
      "Blankenese and Finkenwerder was suspended for the rest of the day.",
      "2026-07-14T11:00:00Z", "en");
  const CorpusArticle ferry_fr = article(
      "ferry-fr-1", "afm", "Hambourg : un ferry percute un ponton, douze blessés",
      "Un ferry de l'Elbe a percuté mardi matin le ponton de Blankenese, à Hambourg, faisant "
      "douze blessés légers parmi les passagers, a indiqué la police. Le ferry de la ligne 62 "
      "transportait 85 personnes. Selon les premières constatations, un moteur est tombé en "
      "panne peu avant l'accostage. La police fluviale a ouvert une enquête. La liaison entre "
      "Blankenese et Finkenwerder a été suspendue pour le reste de la journée.",
      "2026-07-14T13:00:00Z", "fr");

  return {
      {flood_en, flood_fr, quake_en, strike_nl, fire_pt},
      {flood_it, flood_de, quake_fr, strike_en, vote_pl,
       copy(flood_en, "flood-en-1-wire", "aggregator", "")},
      {quake_es, fire_es, vote_en, ferry_de,
       copy(flood_en, "flood-en-1-near", "dailymirror",
            flood_en.text + " Schools in Monza will stay closed until Friday.")},
      {strike_de, fire_en, ferry_en, vote_de, copy(quake_en, "quake-en-1-wire", "aggregator", ""),
       flood_en2},
      {ferry_fr, flood_fr,
       copy(quake_en, "quake-en-1-near", "eveningpost",
            quake_en.text + " Aftershocks were felt as far away as Tabriz.")},
      {copy(ferry_de, "ferry-de-1-wire", "nachrichten", ""),
       copy(fire_pt, "fire-pt-1-near", "expresso",
            fire_pt.text + " O presidente da câmara pediu calma à população.")},
  };
}

}  // namespace newsweave::store

#endif  // NEWSWEAVE_STORE_FAULT_CORPUS_H_
