// make_news_day: writes a JSONL corpus that looks like a day or two of global news for the
// main job (`newsweave run`): thousands of events, each covered by a few to hundreds of
// articles in one or several languages, copies and near copies of them (about a quarter of
// the corpus), dates within the period, 2-4 KB of text each, site chrome around the text.
// A TSV file gives the truth: each article's event, and for a copy what it copies and how.
//
// Sentences come at run time from the SemEval-2022 Task 8 CSV (never copied into the
// repository). An event is a fact sheet of invented names (people, places, an organisation)
// and numbers, a time and the languages it is reported in; its articles are sentences of
// their language with the event's names and numbers put in place of some words, a few
// sentences shared by the event's articles of one language (agency wording), and filler.
// Articles are written in order of publication (the order a feed delivers them). The output
// is a deterministic function of the CSV and the options.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bench/corpus_text.h"

namespace {

using newsweave::bench::AppendField;
using newsweave::bench::Chrome;
using newsweave::bench::ChromeFor;
using newsweave::bench::Fill;
using newsweave::bench::JoinPieces;
using newsweave::bench::LangPool;
using newsweave::bench::LoadPools;
using newsweave::bench::PickWeighted;
using newsweave::bench::Rng;
using newsweave::bench::SplitSpaces;

// Share of each language among the events' first languages (others in the CSV: left out;
// Chinese has no spaces to put names between).
const std::map<std::string, double> kLanguageWeights = {{"en", 0.34}, {"es", 0.12}, {"de", 0.12},
                                                        {"fr", 0.10}, {"it", 0.07}, {"ru", 0.07},
                                                        {"pl", 0.06}, {"tr", 0.06}, {"ar", 0.06}};

enum Kind { kOriginal, kExact, kNear, kContained };
const char* const kKindNames[] = {"original", "exact", "near", "contained"};

// One happening: what its articles share.
struct Event {
  std::uint64_t seed = 0;
  std::vector<std::string> names;    // people, places, an organisation
  std::vector<std::string> numbers;  // digits
  double hour = 0;                   // when it happened, hours after the period's start
  std::vector<int> langs;            // indices into the pools, the first the main one
};

// One article before its text is made (texts are made in publication order, from `seed`).
struct Meta {
  int event = 0;
  int lang = 0;
  int source = 0;
  Kind kind = kOriginal;
  int parent = -1;    // the original a copy was made from
  double hour = 0;    // publication time, hours after the period's start
  int date_form = 0;  // 0: timestamp, 1: date only, 2: none
  std::uint64_t seed = 0;
  std::string id;
};

struct Source {
  std::string name, domain;
  int lang = 0;
  std::vector<int> top, bottom;  // chrome kinds shown
  double p_chrome = 0.7;
};

const std::vector<std::string> kSyllables = {
    "ka",  "ro", "vel", "mar", "dun", "sel", "tor", "bri", "an",  "lo",  "ve",  "zan",
    "mi",  "ra", "kov", "ost", "hal", "den", "ri",  "sa",  "nor", "wen", "tal", "gri",
    "fen", "lu", "bar", "cel", "dor", "ish", "mo",  "tev", "ul",  "pra", "sko", "gan"};

std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Syllables(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += rng.Pick(kSyllables);
  return s;
}

std::string PersonName(Rng& rng) {
  static const std::vector<std::string> kEnds = {"", "ov", "ez", "sen", "er", "ini", "ski", "ard"};
  return Capitalized(Syllables(rng, 2) + (rng.Chance(0.5) ? "a" : "")) + " " +
         Capitalized(Syllables(rng, rng.Uniform(2, 3)) + rng.Pick(kEnds));
}

std::string PlaceName(Rng& rng) {
  static const std::vector<std::string> kEnds = {"ville", "burg", "grad", "stad",
                                                 "port",  "ia",   "o",    "an"};
  return Capitalized(Syllables(rng, 2) + rng.Pick(kEnds));
}

std::string OrgName(Rng& rng) {
  static const std::vector<std::string> kEnds = {"Group", "Holdings",  "Bank",
                                                 "Union", "Institute", "Party"};
  return Capitalized(Syllables(rng, 2)) + "ex " + rng.Pick(kEnds);
}

// A sentence of `pool` with `k` of its inner words replaced by the event's names or numbers.
std::string EventSentence(Rng& rng, const LangPool& pool, const Event& e, int k) {
  std::vector<std::string> words = SplitSpaces(rng.Pick(pool.sentences));
  if (words.size() < 3) return JoinPieces(words);
  for (int i = 0; i < k; ++i) {
    const std::size_t at =
        static_cast<std::size_t>(rng.Uniform(1, static_cast<int>(words.size()) - 2));
    words[at] = rng.Chance(0.75) ? rng.Pick(e.names) : rng.Pick(e.numbers);
  }
  return JoinPieces(words);
}

// The sentences that the event's articles in `lang` share (agency wording).
std::vector<std::string> SharedSentences(const Event& e, int lang, const LangPool& pool) {
  Rng rng(e.seed ^ (0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(lang + 1)));
  std::vector<std::string> out;
  for (int i = 0; i < 8; ++i) out.push_back(EventSentence(rng, pool, e, rng.Uniform(1, 2)));
  return out;
}

struct Body {
  std::string title;
  std::vector<std::string> paragraphs;
};

// The body of an original article: 6-10 paragraphs of 2-4 sentences, a third of them with
// the event's names, some shared by the event's articles of the language.
Body MakeBody(const Meta& m, const Event& e, const LangPool& pool) {
  Rng rng(m.seed);
  std::vector<std::string> shared = SharedSentences(e, m.lang, pool);
  Body b;
  std::vector<std::string> title = SplitSpaces(rng.Pick(pool.short_lines));
  if (title.size() >= 2) {
    title[static_cast<std::size_t>(rng.Uniform(1, static_cast<int>(title.size()) - 1))] =
        e.names[0];
  } else {
    title.push_back(e.names[0]);
  }
  b.title = JoinPieces(title);
  for (int p = rng.Uniform(6, 10); p > 0; --p) {
    std::string par;
    for (int s = rng.Uniform(2, 4); s > 0; --s) {
      if (!par.empty()) par.push_back(' ');
      const double r = rng.Real();
      if (r < 0.15) {
        par += rng.Pick(shared);
      } else if (r < 0.4) {
        par += EventSentence(rng, pool, e, rng.Uniform(1, 2));
      } else {
        par += rng.Pick(pool.sentences);
      }
    }
    b.paragraphs.push_back(std::move(par));
  }
  return b;
}

// A copy of `b`: the same (exact), with a few words dropped (near), or its first part
// (contained).
Body CopyBody(Body b, Kind kind, std::uint64_t seed) {
  Rng rng(seed);
  if (kind == kNear) {
    const double drop = 0.01 + 0.04 * rng.Real();
    for (std::string& p : b.paragraphs) {
      std::vector<std::string> words = SplitSpaces(p), kept;
      for (std::string& w : words) {
        if (!rng.Chance(drop)) kept.push_back(std::move(w));
      }
      p = JoinPieces(kept);
    }
  } else if (kind == kContained) {
    const std::size_t keep =
        std::max<std::size_t>(3, static_cast<std::size_t>(b.paragraphs.size() * 0.6));
    if (keep < b.paragraphs.size()) b.paragraphs.resize(keep);
  }
  return b;
}

std::vector<Source> MakeSources(Rng& rng, const std::vector<const LangPool*>& langs,
                                const std::vector<double>& weights, int count) {
  static const std::vector<std::string> kMastheads = {"Herald",  "Tribune", "Gazette",  "Courier",
                                                      "Post",    "Times",   "Observer", "Journal",
                                                      "Express", "Sentinel"};
  std::vector<Source> out;
  for (int i = 0; i < count; ++i) {
    Source s;
    // Every language has sites; then by weight.
    s.lang = i < static_cast<int>(langs.size()) ? i : static_cast<int>(PickWeighted(rng, weights));
    std::string place = Capitalized(Syllables(rng, 2) + "ton");
    s.name = place + " " + rng.Pick(kMastheads) + " " + std::to_string(i + 1);
    for (char c : s.name) {
      if (c != ' ') s.domain.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    s.domain += ".example";
    for (int k = 0; k < Chrome::kTopKinds; ++k) {
      if (rng.Chance(0.3)) s.top.push_back(k);
    }
    for (int k = 0; k < Chrome::kBottomKinds; ++k) {
      if (rng.Chance(0.3)) s.bottom.push_back(k);
    }
    s.p_chrome = rng.Chance(0.15) ? 0.1 : 0.5 + 0.45 * rng.Real();
    out.push_back(std::move(s));
  }
  return out;
}

// The article's text: chrome of its site around the body.
std::string Page(Rng& rng, const Source& s, const LangPool& pool, const Body& b) {
  const Chrome& c = ChromeFor(pool.code);
  std::vector<std::string> lines;
  const bool chrome = rng.Chance(s.p_chrome);
  if (chrome) {
    for (int k : s.top) {
      switch (k) {
        case 0:
          lines.push_back(c.skip);
          break;
        case 1:
          lines.push_back(c.menu);
          break;
        case 2:
          lines.push_back(c.home + " > " + rng.Pick(c.sections) + " > " + rng.Pick(c.regions));
          break;
        case 3:
          lines.push_back(c.advertisement);
          break;
        case 4:
          lines.push_back(Fill(c.reading_time, std::to_string(rng.Uniform(2, 9))));
          break;
        case 5:
          lines.push_back(c.share);
          break;
        default:
          lines.push_back(c.listen);
          break;
      }
    }
  }
  for (const std::string& p : b.paragraphs) lines.push_back(p);
  if (chrome) {
    for (int k : s.bottom) {
      switch (k) {
        case 0:
          lines.push_back(c.related);
          for (int i = rng.Uniform(2, 3); i > 0; --i) lines.push_back(rng.Pick(pool.short_lines));
          break;
        case 1:
          lines.push_back(Fill(c.copyright, s.name));
          break;
        case 2:
          lines.push_back(c.newsletter);
          break;
        case 3:
          lines.push_back(c.app);
          break;
        case 4:
          lines.push_back(c.follow);
          break;
        default:
          lines.push_back(c.share);
          break;
      }
    }
  }
  std::string text;
  for (const std::string& l : lines) {
    if (!text.empty()) text.push_back('\n');
    text += l;
  }
  return text;
}

// "2026-03-14T09:30:00Z" (form 0) or "2026-03-14" (form 1) for `hour` after `start_day`
// (a day of March 2026).
std::string Timestamp(int start_day, double hour, int form) {
  const long minutes = static_cast<long>(hour * 60);
  const long day = start_day + minutes / (24 * 60);
  int month = 3, d = static_cast<int>(day);
  while (d > 31 && month == 3) {
    d -= 31;
    month = 4;
  }
  char buf[40];
  if (form == 1) {
    std::snprintf(buf, sizeof buf, "2026-%02d-%02d", month, d);
  } else {
    std::snprintf(buf, sizeof buf, "2026-%02d-%02dT%02ld:%02ld:00Z", month, d, (minutes / 60) % 24,
                  minutes % 60);
  }
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes a JSONL corpus like a day of global news, with its events' truth."};
  int count = 20000;
  std::uint64_t seed = 1;
  int days = 2, nsources = 1000;
  double copies = 0.25, event_size = 6.0, multilingual = 0.3;
  std::string csv_path = "/work/shared/data/semeval2022-task8/train.csv";
  std::string out_path, truth_path;
  app.add_option("-n,--count", count, "number of articles")->check(CLI::PositiveNumber);
  app.add_option("--seed", seed, "random seed; the same seed and CSV give the same corpus");
  app.add_option("--days", days, "days the articles are published over (from 2026-03-14)")
      ->check(CLI::Range(1, 14));
  app.add_option("--copies", copies, "share of articles that are copies (exact, near, contained)")
      ->check(CLI::Range(0.0, 0.9));
  app.add_option("--event-size", event_size, "mean original articles per event")
      ->check(CLI::Range(1.5, 1000.0));
  app.add_option("--multilingual", multilingual, "share of events reported in 2-4 languages")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--sources", nsources, "number of fake sites")->check(CLI::PositiveNumber);
  app.add_option("--csv", csv_path, "SemEval-2022 Task 8 train.csv to take sentences from");
  app.add_option("-o,--out", out_path, "output JSONL (default: stdout)");
  app.add_option("--truth", truth_path, "TSV: id, event, kind, copied article");
  CLI11_PARSE(app, argc, argv);

  std::vector<LangPool> all_pools;
  if (std::string err = LoadPools(csv_path, &all_pools); !err.empty()) {
    std::fprintf(stderr, "make_news_day: %s\n", err.c_str());
    return 1;
  }
  std::vector<const LangPool*> pools;
  std::vector<double> weights;
  for (const LangPool& p : all_pools) {
    auto it = kLanguageWeights.find(p.code);
    if (it == kLanguageWeights.end()) continue;
    pools.push_back(&p);
    weights.push_back(it->second);
  }
  if (pools.empty()) {
    std::fprintf(stderr, "make_news_day: no sentences of en, fr, de, es, ... in %s\n",
                 csv_path.c_str());
    return 1;
  }
  Rng rng(seed);
  std::vector<Source> sources = MakeSources(rng, pools, weights, nsources);
  std::vector<std::vector<int>> sources_of(pools.size());
  for (int i = 0; i < nsources; ++i) sources_of[sources[i].lang].push_back(i);

  // Events and their original articles. Sizes are heavy-tailed (Pareto, alpha 1.2 scaled to
  // the mean), cut at 0.5% of the originals: most events have one to three articles, the
  // largest hundreds.
  const double hours = 24.0 * days;
  const int originals = std::max(1, static_cast<int>(std::lround(count * (1.0 - copies))));
  std::vector<Event> events;
  std::vector<Meta> metas;
  const int largest = std::max(30, originals / 200);
  const double alpha = 1.2, xm = event_size * (alpha - 1) / alpha;
  while (static_cast<int>(metas.size()) < originals) {
    Event e;
    e.seed = rng.Next();
    for (int k = rng.Uniform(1, 3); k > 0; --k) e.names.push_back(PersonName(rng));
    for (int k = rng.Uniform(1, 2); k > 0; --k) e.names.push_back(PlaceName(rng));
    if (rng.Chance(0.5)) e.names.push_back(OrgName(rng));
    for (int k = rng.Uniform(1, 3); k > 0; --k) {
      e.numbers.push_back(std::to_string(rng.Uniform(12, rng.Chance(0.5) ? 999 : 99999)));
    }
    e.hour = rng.Real() * hours;
    e.langs.push_back(static_cast<int>(PickWeighted(rng, weights)));
    if (rng.Chance(multilingual)) {
      for (int k = rng.Uniform(1, 3); k > 0; --k) {
        int l = static_cast<int>(PickWeighted(rng, weights));
        if (std::find(e.langs.begin(), e.langs.end(), l) == e.langs.end()) e.langs.push_back(l);
      }
    }
    const double u = std::max(1e-9, rng.Real());
    int size = std::max(1, static_cast<int>(xm / std::pow(u, 1.0 / alpha)));
    size = std::min({size, largest, originals - static_cast<int>(metas.size())});
    const int event = static_cast<int>(events.size());
    for (int i = 0; i < size; ++i) {
      Meta m;
      m.event = event;
      // Most of an event's articles in its main language.
      m.lang = e.langs.size() == 1 || rng.Chance(0.6) ? e.langs[0] : rng.Pick(e.langs);
      m.source = rng.Pick(sources_of[m.lang]);
      // Published within hours of the happening, a few a day or two later.
      const double late = rng.Chance(0.1) ? 24 * rng.Real() : 0;
      m.hour = std::min(hours + 12,
                        e.hour + std::fabs(6.0 * std::log(1.0 / (1e-9 + rng.Real())) / 2.0) + late);
      m.seed = rng.Next();
      metas.push_back(m);
    }
    events.push_back(std::move(e));
  }
  // Copies of originals: exact (another site, its own chrome), near (a few words out), or
  // contained (the first paragraphs), published up to half a day after.
  for (int i = originals; i < count; ++i) {
    const Meta& o = metas[static_cast<std::size_t>(rng.Uniform(0, originals - 1))];
    Meta m = o;
    m.parent = static_cast<int>(&o - metas.data());
    const double r = rng.Real();
    m.kind = r < 0.3 ? kExact : r < 0.8 ? kNear : kContained;
    m.source = rng.Pick(sources_of[m.lang]);
    m.hour = o.hour + 12 * rng.Real() * rng.Real();
    m.seed = rng.Next();
    metas.push_back(m);
  }
  for (Meta& m : metas) {
    const double r = rng.Real();
    m.date_form = r < 0.8 ? 0 : r < 0.9 ? 1 : 2;
  }
  // Publication order; ids in that order.
  std::vector<int> order(metas.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return metas[a].hour < metas[b].hour; });
  for (std::size_t i = 0; i < order.size(); ++i) {
    char id[24];
    std::snprintf(id, sizeof id, "n%07zu", i + 1);
    metas[order[i]].id = id;
  }

  std::FILE* out = stdout;
  if (!out_path.empty() && !(out = std::fopen(out_path.c_str(), "wb"))) {
    std::perror(("make_news_day: " + out_path).c_str());
    return 1;
  }
  std::FILE* truth = nullptr;
  if (!truth_path.empty() && !(truth = std::fopen(truth_path.c_str(), "wb"))) {
    std::perror(("make_news_day: " + truth_path).c_str());
    return 1;
  }
  if (truth) std::fprintf(truth, "id\tevent\tkind\tcopy_of\n");
  std::string buf;
  std::uint64_t total_bytes = 0, text_bytes = 0;
  const int start_day = 14;  // 2026-03-14
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Meta& m = metas[order[i]];
    const LangPool& pool = *pools[m.lang];
    const Event& e = events[m.event];
    Body body;
    if (m.kind == kOriginal) {
      body = MakeBody(m, e, pool);
    } else {
      body = CopyBody(MakeBody(metas[m.parent], e, pool), m.kind, m.seed);
    }
    Rng page_rng(m.seed + 1);
    const Source& s = sources[m.source];
    std::string text = Page(page_rng, s, pool, body);
    text_bytes += text.size();
    buf.push_back('{');
    AppendField("id", m.id, true, &buf);
    AppendField("source", s.name, false, &buf);
    AppendField("url", "https://www." + s.domain + "/news/" + m.id, false, &buf);
    AppendField("title", body.title, false, &buf);
    AppendField("text", text, false, &buf);
    if (page_rng.Chance(0.7)) AppendField("lang", pool.code, false, &buf);
    if (m.date_form < 2) {
      AppendField("published", Timestamp(start_day, m.hour, m.date_form), false, &buf);
    }
    buf.append("}\n");
    if (truth) {
      std::fprintf(truth, "%s\tv%d\t%s\t%s\n", m.id.c_str(), m.event + 1, kKindNames[m.kind],
                   m.parent >= 0 ? metas[m.parent].id.c_str() : "");
    }
    if (buf.size() >= (1u << 20) || i + 1 == order.size()) {
      total_bytes += buf.size();
      if (std::fwrite(buf.data(), 1, buf.size(), out) != buf.size()) {
        std::perror("make_news_day: write");
        return 1;
      }
      buf.clear();
    }
  }
  if ((out != stdout ? std::fclose(out) != 0 : std::fflush(out) != 0) ||
      (truth && std::fclose(truth) != 0)) {
    std::perror("make_news_day: close");
    return 1;
  }
  std::fprintf(stderr,
               "make_news_day: %d articles (%d originals, %d copies) in %zu events over %d "
               "days, %zu languages, %.2f MB, mean text %.0f bytes (seed %llu)\n",
               count, originals, count - originals, events.size(), days, pools.size(),
               total_bytes / 1e6, double(text_bytes) / count,
               static_cast<unsigned long long>(seed));
  return 0;
}
