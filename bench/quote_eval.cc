// quote_eval: speaker attribution of the quotes module scored against a gold file.
//
//   quote_eval --gold GOLD.jsonl [--errors] [--dump] [--claims] PATH...
//   quote_eval --gold GOLD.jsonl --run-json RUN.json
//   quote_eval --cost PATH...
//
// PATH... are read, cleaned and analysed as `newsweave run` does (any input format); each
// article's quotes are extracted with the names of the cross-lingual layer. GOLD.jsonl holds
// one line per quote: {"article": ID, "quote": TEXT, "speaker": NAME} ("" when the text names
// nobody). A gold quote is found when an extracted quote of the same article has the same
// text (ignoring spacing and the punctuation at its ends; or the same first 30 characters).
// The speaker is right when it is the gold name exactly (a leading article aside).
//
// Prints: quotes found; speaker precision (right / given a speaker, over the gold quotes
// found, a speaker given to a gold quote that has none counting as wrong) and recall (right /
// gold quotes with a speaker); the same precision counting also extracted quotes that are not
// in the gold file; by language. --errors lists every miss, --dump every extracted quote,
// --claims every claim. --run-json scores what `newsweave run --json` wrote instead (the
// renderings of each event's quotes, with the speaker each article gave).
//
// --cost (no gold): the CPU time of ExtractStatements per article, next to that of the
// cross-lingual representation the main job builds anyway (which gives the names), on one
// thread; the quotes and claims found.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "newsweave/pipeline.h"
#include "newsweave/quotes.h"
#include "newsweave/xling.h"

namespace {

using newsweave::ArticleStatements;

// Trims spaces and the punctuation a quote's ends carry (",", ".", "…").
std::string Normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  while (!out.empty() && std::string_view(",.;:!? ").find(out.back()) != std::string_view::npos)
    out.pop_back();
  return out;
}

// Lower-cases ASCII and drops a leading article.
std::string SpeakerForm(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  for (std::string_view a :
       {"the ", "a ",   "an ",  "le ",   "la ", "les ", "l'",   "un ",  "une ",  "der ",
        "die ", "das ", "ein ", "eine ", "el ", "los ", "las ", "una ", "unos ", "unas "}) {
    if (out.starts_with(a)) {
      out.erase(0, a.size());
      break;
    }
  }
  return out;
}

bool SameQuote(const std::string& a, const std::string& b) {
  if (a == b) return true;
  return a.size() >= 30 && b.size() >= 30 && a.compare(0, 30, b, 0, 30) == 0;
}

struct Counts {
  int gold = 0, found = 0, gold_with_speaker = 0, given = 0, right = 0;
  int extra = 0, extra_given = 0;
};

void Print(const std::string& label, const Counts& c) {
  const double p = c.given ? static_cast<double>(c.right) / c.given : 0;
  const double r = c.gold_with_speaker ? static_cast<double>(c.right) / c.gold_with_speaker : 0;
  const double strict =
      c.given + c.extra_given ? static_cast<double>(c.right) / (c.given + c.extra_given) : 0;
  std::printf(
      "%-6s gold %3d  found %3d  | speaker precision %.3f (%d/%d)  recall %.3f (%d/%d)  | "
      "extra quotes %d (%d with a speaker; precision counting them %.3f)\n",
      label.c_str(), c.gold, c.found, p, c.right, c.given, r, c.right, c.gold_with_speaker, c.extra,
      c.extra_given, strict);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("speaker attribution of quotes against a gold file");
  std::string gold_path;
  std::vector<std::string> paths;
  bool errors = false, dump = false, claims = false, cost = false;
  app.add_option("--gold", gold_path, "gold quotes (JSONL)");
  app.add_flag("--cost", cost, "time the extraction per article instead of scoring");
  std::string run_json;
  app.add_option("--run-json", run_json,
                 "score the quotes of this `newsweave run --json` output instead of extracting");
  app.add_flag("--errors", errors, "list each miss");
  app.add_flag("--dump", dump, "print every extracted quote");
  app.add_flag("--claims", claims, "print every claim");
  app.add_option("paths", paths, "articles (not with --run-json)");
  CLI11_PARSE(app, argc, argv);
  newsweave::KeepFreedMemory();
  if (cost) {
    using Clock = std::chrono::steady_clock;
    newsweave::XlingAnalyzer xling(newsweave::Lexicon::Default());
    newsweave::NeutralRepresentation rep;
    double represent_s = 0, extract_s = 0;
    std::uint64_t articles = 0, quotes = 0, attributed = 0, claim_count = 0;
    newsweave::PipelineOptions options;
    options.threads = 1;
    auto stats = newsweave::RunPipeline(
        paths, options, [](const newsweave::Diagnostic&) {},
        [&](const newsweave::ProcessedArticle& p) {
          const auto t0 = Clock::now();
          xling.Represent(p.clean.text, p.analysis, p.article.published, &rep);
          const auto t1 = Clock::now();
          auto st = newsweave::ExtractStatements(p.clean.text, p.analysis, rep.entities);
          const auto t2 = Clock::now();
          represent_s += std::chrono::duration<double>(t1 - t0).count();
          extract_s += std::chrono::duration<double>(t2 - t1).count();
          ++articles;
          quotes += st.quotes.size();
          for (const auto& q : st.quotes) attributed += !q.speaker.empty();
          claim_count += st.claims.size();
        });
    if (!stats || articles == 0) {
      std::fprintf(stderr, "quote_eval: nothing read\n");
      return 1;
    }
    std::printf(
        "%llu articles (read, clean, analyse: %.1f s): %llu quotes (%llu with a speaker), %llu "
        "claims\nExtractStatements %.1f us/article; cross-lingual representation (built by the "
        "main job anyway) %.1f us/article\n",
        static_cast<unsigned long long>(articles), stats->seconds,
        static_cast<unsigned long long>(quotes), static_cast<unsigned long long>(attributed),
        static_cast<unsigned long long>(claim_count), 1e6 * extract_s / articles,
        1e6 * represent_s / articles);
    return 0;
  }
  if (gold_path.empty()) {
    std::fprintf(stderr, "quote_eval: --gold FILE (or --cost) is required\n");
    return 2;
  }

  struct Gold {
    std::string quote, speaker;
    bool matched = false;
  };
  std::map<std::string, std::vector<Gold>> gold;
  std::ifstream in(gold_path);
  if (!in) {
    std::fprintf(stderr, "quote_eval: cannot read %s\n", gold_path.c_str());
    return 1;
  }
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    gold[j["article"].get<std::string>()].push_back(
        {Normalize(j["quote"].get<std::string>()), j["speaker"].get<std::string>()});
  }

  std::map<std::string, std::pair<std::string, ArticleStatements>> extracted;  // id -> lang, st
  if (!run_json.empty()) {
    // The quotes of `newsweave run --json`: each rendering with the speaker its article gave.
    std::ifstream rin(run_json);
    nlohmann::json run;
    try {
      rin >> run;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "quote_eval: %s: %s\n", run_json.c_str(), e.what());
      return 1;
    }
    for (const auto& a : run["articles"]) {
      extracted[a["id"].get<std::string>()].first = a["lang"].get<std::string>();
    }
    for (const auto& e : run["events"]) {
      if (!e.contains("quotes")) continue;
      for (const auto& q : e["quotes"]) {
        for (const auto& r : q["renderings"]) {
          newsweave::Quote quote;
          quote.text = r["text"].get<std::string>();
          quote.speaker = r["speaker"].get<std::string>();
          quote.lang = r["language"].get<std::string>();
          extracted[r["article"].get<std::string>()].second.quotes.push_back(std::move(quote));
        }
      }
    }
  } else {
    // As the main job does: the names of the cross-lingual representation.
    newsweave::XlingAnalyzer xling(newsweave::Lexicon::Default());
    newsweave::NeutralRepresentation rep;
    newsweave::PipelineOptions options;
    auto stats = newsweave::RunPipeline(
        paths, options, [](const newsweave::Diagnostic&) {},
        [&](const newsweave::ProcessedArticle& p) {
          xling.Represent(p.clean.text, p.analysis, p.article.published, &rep);
          extracted[p.article.id] = {
              p.analysis.language.code,
              newsweave::ExtractStatements(p.clean.text, p.analysis, rep.entities)};
        });
    if (!stats) {
      std::fprintf(stderr, "quote_eval: %s\n", stats.error().message.c_str());
      return 1;
    }
  }

  std::map<std::string, Counts> by_lang;
  Counts total;
  for (auto& [id, entry] : extracted) {
    auto& [lang, st] = entry;
    auto git = gold.find(id);
    if (git == gold.end()) continue;  // articles without gold are not scored
    std::vector<Gold>& g = git->second;
    Counts& c = by_lang[lang];
    for (const newsweave::Quote& q : st.quotes) {
      if (dump) {
        std::printf("%s\t%s\t%s\t[%s %s]\t%s\n", id.c_str(), q.speaker.c_str(),
                    q.speaker_key.c_str(), std::string(AttributionName(q.attribution)).c_str(),
                    q.cue.c_str(), q.text.c_str());
      }
      const std::string text = Normalize(q.text);
      Gold* match = nullptr;
      for (Gold& x : g) {
        if (SameQuote(x.quote, text)) {
          match = &x;
          break;
        }
      }
      if (match == nullptr) {
        ++c.extra;
        ++total.extra;
        if (!q.speaker.empty()) {
          ++c.extra_given;
          ++total.extra_given;
        }
        if (errors) {
          std::printf("EXTRA   %s: \"%s\" (speaker \"%s\")\n", id.c_str(), q.text.c_str(),
                      q.speaker.c_str());
        }
        continue;
      }
      if (match->matched) continue;  // the same quote twice in one article
      match->matched = true;
      const bool given = !q.speaker.empty();
      const bool right = given && SpeakerForm(q.speaker) == SpeakerForm(match->speaker);
      for (Counts* k : {&c, &total}) {
        ++k->found;
        k->given += given;
        k->right += right;
      }
      if (errors && given != right) {
        std::printf("WRONG   %s: \"%s\" -> \"%s\" (gold \"%s\", %s %s)\n", id.c_str(),
                    q.text.c_str(), q.speaker.c_str(), match->speaker.c_str(),
                    std::string(AttributionName(q.attribution)).c_str(), q.cue.c_str());
      } else if (errors && !given && !match->speaker.empty()) {
        std::printf("NOSPKR  %s: \"%s\" (gold \"%s\")\n", id.c_str(), q.text.c_str(),
                    match->speaker.c_str());
      }
    }
    for (const Gold& x : g) {
      ++c.gold;
      ++total.gold;
      if (!x.speaker.empty()) {
        ++c.gold_with_speaker;
        ++total.gold_with_speaker;
      }
      if (!x.matched && errors)
        std::printf("MISSED  %s: \"%s\" (gold \"%s\")\n", id.c_str(), x.quote.c_str(),
                    x.speaker.c_str());
    }
    if (claims) {
      for (const newsweave::Claim& cl : st.claims) {
        std::printf("CLAIM   %s [%s] %s (%s) -> %s (%s) \"%s\" | %s\n", id.c_str(),
                    std::string(StanceName(cl.stance)).c_str(), cl.actor.c_str(),
                    cl.actor_key.c_str(), cl.target.c_str(), cl.target_key.c_str(), cl.cue.c_str(),
                    cl.text.c_str());
      }
    }
  }
  for (const auto& [id, g] : gold) {
    if (!extracted.count(id))
      std::fprintf(stderr, "quote_eval: gold article %s not read\n", id.c_str());
  }
  for (const auto& [lang, c] : by_lang) Print(lang, c);
  Print("all", total);
  return 0;
}
