// xling_eval: the cross-lingual layer on the SemEval-2022 Task 8 CSV.
//
//   xling_eval --csv train.csv [--threshold T] [--sweep] [--list-false]
//
// Every article of the CSV (both sides of every pair, by id) is cleaned, analyzed and given
// a language-neutral representation. Ids with a language suffix ("1484039360it") are machine
// translations of the article with the plain id; when that original is in the file the pair
// is gold. Reports:
//   P@1       share of translations whose original ranks first by Similarity among all
//             other articles of the file (other translations of the same original, which are
//             gold copies too, are left out of the ranking), per language pair; exhaustive
//             (every article scored) and through the TranslationIndex (Nearest, k = 1);
//   links     pairs returned by TranslationIndex::Pairs() at the threshold: the share of
//             gold pairs found, and the false links, each marked "same event" / "different
//             event" when the CSV labels that pair (Overall <= 2 / > 2) or "unlabelled";
//   cost      analyze (language + Segment) and xling (Represent) microseconds per article.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/corpus_text.h"
#include "newsweave/analysis.h"
#include "newsweave/cleaner.h"
#include "newsweave/dedup.h"
#include "newsweave/xling.h"

namespace {

using namespace newsweave;
using Clock = std::chrono::steady_clock;

struct Doc {
  std::string id;
  std::string lang;
  std::string text;
};

std::string OriginalOf(const std::string& id) {
  std::size_t n = 0;
  while (n < id.size() && id[n] >= '0' && id[n] <= '9') ++n;
  return n < id.size() && n > 0 ? id.substr(0, n) : std::string();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Cross-lingual layer evaluation on SemEval-2022 Task 8"};
  std::string csv_path;
  double threshold = TranslationOptions().threshold;
  bool sweep = false, list_false = false, dump = false;
  double strong = TranslationOptions().strong_threshold;
  double strong_order = TranslationOptions().strong_anchor_order;
  double min_order = TranslationOptions().min_anchor_order;
  double without_anchors = TranslationOptions().threshold_without_anchors;
  std::vector<std::string> show;
  int repeat = 3;
  app.add_option("--csv", csv_path, "the SemEval-2022 Task 8 CSV")->required();
  app.add_option("--threshold", threshold, "Similarity threshold for a translation link");
  app.add_option("--strong", strong, "Similarity for a one-sided best link");
  app.add_option("--strong-order", strong_order, "AnchorOrder for a one-sided best link");
  app.add_option("--min-order", min_order, "AnchorOrder for any link");
  app.add_option("--without-anchors", without_anchors, "Similarity for articles with < 3 anchors");
  app.add_flag("--sweep", sweep, "links and false links for a range of thresholds");
  app.add_flag("--list-false", list_false, "print every false link");
  app.add_flag("--dump", dump, "print every pair of Pairs() with its margin, for tuning");
  app.add_option("--repeat", repeat, "passes over the articles for the cost figures (first cold)");
  app.add_option("--show", show, "print the representation of these article ids");
  CLI11_PARSE(app, argc, argv);

  std::string data;
  if (!bench::ReadFile(csv_path, &data)) {
    std::fprintf(stderr, "xling_eval: cannot read %s\n", csv_path.c_str());
    return 1;
  }
  bench::CsvReader csv(data);
  std::vector<std::string> row;
  csv.NextRow(&row);  // header
  std::vector<Doc> docs;
  std::unordered_map<std::string, std::size_t> by_id;
  std::map<std::pair<std::string, std::string>, double> overall;  // labelled pairs
  while (csv.NextRow(&row)) {
    if (row.size() < 11) continue;
    std::string pair = row[1];
    std::size_t us = pair.find('_');
    if (us == std::string::npos) continue;
    std::string ids[2] = {pair.substr(0, us), pair.substr(us + 1)};
    for (int k = 0; k < 2; ++k) {
      if (!by_id.count(ids[k])) {
        by_id[ids[k]] = docs.size();
        docs.push_back({ids[k], row[2 + k], row[4 + k]});
      }
    }
    double o = std::atof(row[10].c_str());
    overall[{std::min(ids[0], ids[1]), std::max(ids[0], ids[1])}] = o;
  }
  std::printf("articles: %zu (from %zu labelled pairs)\n", docs.size(), overall.size());

  auto lexicon = Lexicon::Open();
  if (!lexicon) {
    std::fprintf(stderr, "xling_eval: %s\n", lexicon.error().message.c_str());
    return 1;
  }
  std::printf("lexicon: %s (%zu keys)\n", (*lexicon)->path().c_str(), (*lexicon)->size());
  Cleaner cleaner;
  Analyzer analyzer;
  XlingAnalyzer xling(lexicon->get());
  TranslationOptions topt;
  topt.threshold = sweep ? std::min(threshold, 0.10) : threshold;
  topt.strong_threshold = strong;
  topt.strong_anchor_order = strong_order;
  topt.min_anchor_order = min_order;
  topt.threshold_without_anchors = without_anchors;
  if (dump) {
    topt.min_anchor_order = 0;
    topt.threshold_without_anchors = 0;
    topt.mutual_best = false;
  }
  TranslationIndex index(topt);
  Analysis analysis;
  double analyze_s = 0, xling_s = 0;
  // Exact and near copies (newsweave's own dedup, default options): a translation linked to a
  // copy of its original is counted apart from other false links.
  Deduplicator dedup;
  for (const Doc& d : docs) {
    Article a;
    a.id = d.id;
    a.text = d.text;
    a.lang = d.lang;
    CleanText clean = cleaner.Clean(a);
    dedup.Add(d.id, clean.text, "");
    auto t0 = Clock::now();
    LanguageGuess g = IdentifyLanguage(clean.text, d.lang);
    analyzer.Segment(clean.text, g.code, &analysis);
    analysis.language = g;
    auto t1 = Clock::now();
    NeutralRepresentation rep;
    xling.Represent(clean.text, analysis, "", &rep);
    auto t2 = Clock::now();
    analyze_s += std::chrono::duration<double>(t1 - t0).count();
    xling_s += std::chrono::duration<double>(t2 - t1).count();
    if (std::find(show.begin(), show.end(), d.id) != show.end()) {
      int kinds[4] = {0, 0, 0, 0};
      for (const Feature& f : rep.features) ++kinds[static_cast<int>(f.kind)];
      std::printf(
          "%s: lang %s, words %u, coverage %.2f, features: %d terms, %d entity keys, "
          "%d dates, %d numbers\n  entities:",
          d.id.c_str(), rep.lang.c_str(), rep.words, rep.term_coverage, kinds[0], kinds[1],
          kinds[2], kinds[3]);
      for (const EntityMention& m : rep.entities) {
        std::printf(" %s[", m.text.c_str());
        for (const std::string& k : m.keys) std::printf(" %s", k.c_str());
        std::printf("]");
      }
      std::printf("\n  dates:");
      for (const DateMention& m : rep.dates) std::printf(" %s", m.value.c_str());
      std::printf("\n  numbers:");
      for (const NumberMention& m : rep.numbers) std::printf(" %g", m.value);
      std::printf("\n");
    }
    index.Add(std::move(rep));
  }
  const double n = static_cast<double>(docs.size());
  std::printf(
      "cost, first pass (cold caches, lexicon pages read from disk): analyze %.1f "
      "us/article, xling %.1f us/article (%.0f%% of analyze)\n",
      1e6 * analyze_s / n, 1e6 * xling_s / n, 100 * xling_s / analyze_s);
  // Steady state: the same articles again, caches warm (as in a long run).
  for (int r = 1; r < repeat; ++r) {
    analyze_s = xling_s = 0;
    NeutralRepresentation rep;
    for (const Doc& d : docs) {
      Article a;
      a.text = d.text;
      a.lang = d.lang;
      CleanText clean = cleaner.Clean(a);
      auto t0 = Clock::now();
      LanguageGuess g = IdentifyLanguage(clean.text, d.lang);
      analyzer.Segment(clean.text, g.code, &analysis);
      analysis.language = g;
      auto t1 = Clock::now();
      xling.Represent(clean.text, analysis, "", &rep);
      auto t2 = Clock::now();
      analyze_s += std::chrono::duration<double>(t1 - t0).count();
      xling_s += std::chrono::duration<double>(t2 - t1).count();
    }
    std::printf(
        "cost, pass %d (warm): analyze %.1f us/article, xling %.1f us/article (%.0f%% of "
        "analyze)\n",
        r + 1, 1e6 * analyze_s / n, 1e6 * xling_s / n, 100 * xling_s / analyze_s);
  }

  // Gold: translation -> original, and the set of ids that are copies of one original.
  std::vector<std::pair<std::size_t, std::size_t>> gold;             // (translation, original)
  std::unordered_map<std::string, std::vector<std::size_t>> family;  // original id -> members
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::string o = OriginalOf(docs[i].id);
    family[o.empty() ? docs[i].id : o].push_back(i);
    if (!o.empty() && by_id.count(o)) gold.emplace_back(i, by_id[o]);
  }
  std::unordered_map<std::string, std::string> copy_group;  // id -> representative
  for (const DedupGroup& g : dedup.Groups())
    for (const DedupMember& m : g.members) copy_group[m.id] = g.members[0].id;
  auto root = [&](std::size_t i) {
    std::string o = OriginalOf(docs[i].id);
    std::string r = o.empty() ? docs[i].id : o;
    auto it = copy_group.find(r);
    return it == copy_group.end() ? r : it->second;
  };
  // The same original, or copies (per dedup) of one original.
  auto copy_family = [&](std::size_t a, std::size_t b) { return root(a) == root(b); };
  auto same_family = [&](std::size_t a, std::size_t b) {
    std::string oa = OriginalOf(docs[a].id), ob = OriginalOf(docs[b].id);
    return (oa.empty() ? docs[a].id : oa) == (ob.empty() ? docs[b].id : ob);
  };
  std::printf("gold translation pairs (original in the file): %zu\n\n", gold.size());

  // Exhaustive ranking with the index's own weights.
  auto cosine = [&](std::size_t a, std::size_t b) {
    return index.Score(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b));
  };

  struct Tally {
    int total = 0, exhaustive = 0, cross = 0, indexed = 0, linked = 0;
  };
  std::map<std::string, Tally> per_pair;
  Tally all;
  auto tp0 = Clock::now();
  std::vector<TranslationPair> pairs = index.Pairs();
  std::printf(
      "translation index: %zu pairs from %zu articles in %.3f s (index built, "
      "candidates scored)\n\n",
      pairs.size(), docs.size(), std::chrono::duration<double>(Clock::now() - tp0).count());
  std::set<std::pair<std::uint32_t, std::uint32_t>> linked;
  for (const TranslationPair& p : pairs)
    if (p.score >= threshold) linked.insert({p.a, p.b});
  std::vector<std::string> misses;
  for (auto [t, o] : gold) {
    std::string key = docs[o].lang + "->" + docs[t].lang;
    Tally& tl = per_pair[key];
    double target = cosine(t, o);
    bool first = true, first_cross = true;
    std::size_t best = o;
    double best_score = target;
    for (std::size_t j = 0; j < docs.size(); ++j) {
      if (j == t || j == o || same_family(j, t)) continue;
      double s = cosine(t, j);
      if (s > target) {
        first = false;
        if (docs[j].lang != docs[t].lang) first_cross = false;
        if (s > best_score) best_score = s, best = j;
      }
    }
    auto nearest = index.Nearest(static_cast<std::uint32_t>(t), 4);
    bool via_index = false;
    for (const TranslationPair& p : nearest) {
      std::size_t other = p.a == t ? p.b : p.a;
      if (other == o) via_index = true;
      if (other == o || !same_family(other, t)) break;
    }
    bool is_linked = linked.count({std::min<std::uint32_t>(t, o), std::max<std::uint32_t>(t, o)});
    for (Tally* x : {&tl, &all}) {
      ++x->total;
      x->exhaustive += first;
      x->cross += first_cross;
      x->indexed += via_index;
      x->linked += is_linked;
    }
    if (!is_linked && list_false) {
      std::printf(
          "  not linked %s (%s) ~ %s (%s): score %.3f, anchor order %.2f (%zu, %zu anchors)\n",
          docs[t].id.c_str(), docs[t].lang.c_str(), docs[o].id.c_str(), docs[o].lang.c_str(),
          target, AnchorOrder(index.at(t), index.at(o)), index.at(t).anchors.size(),
          index.at(o).anchors.size());
    }
    if (!first) {
      char buf[256];
      std::snprintf(buf, sizeof buf, "  %s (%s) -> %s: %.3f, but %s (%s) %.3f", docs[t].id.c_str(),
                    docs[t].lang.c_str(), docs[o].id.c_str(), target, docs[best].id.c_str(),
                    docs[best].lang.c_str(), best_score);
      misses.push_back(buf);
    }
  }
  std::printf("%-10s %5s %8s %8s %8s %8s\n", "pair", "n", "P@1", "P@1-x", "P@1-idx", "linked");
  auto line = [](const std::string& k, const Tally& t) {
    std::printf("%-10s %5d %8.3f %8.3f %8.3f %8.3f\n", k.c_str(), t.total,
                double(t.exhaustive) / t.total, double(t.cross) / t.total,
                double(t.indexed) / t.total, double(t.linked) / t.total);
  };
  for (const auto& [k, t] : per_pair) line(k, t);
  line("all", all);
  std::printf(
      "(P@1: among all articles; P@1-x: among articles of other languages; P@1-idx: "
      "first of TranslationIndex::Nearest; linked: in Pairs() at threshold %.2f)\n\n",
      threshold);
  if (!misses.empty()) {
    std::printf("translations whose original is not first:\n");
    for (const std::string& m : misses) std::printf("%s\n", m.c_str());
    std::printf("\n");
  }

  auto classify = [&](std::uint32_t a, std::uint32_t b) -> const char* {
    auto it = overall.find({std::min(docs[a].id, docs[b].id), std::max(docs[a].id, docs[b].id)});
    if (it == overall.end()) return "unlabelled";
    return it->second <= 2.0 ? "same event" : "different event";
  };
  auto report_links = [&](double th, bool list) {
    int gold_found = 0, false_links = 0, same = 0, different = 0, unlabelled = 0, to_copy = 0;
    for (const TranslationPair& p : pairs) {
      if (p.score < th) continue;
      if (same_family(p.a, p.b)) {
        ++gold_found;
        continue;
      }
      if (copy_family(p.a, p.b)) {
        ++to_copy;
        if (list) {
          std::printf("  link to a copy %.3f %s (%s) ~ %s (%s)\n", p.score, docs[p.a].id.c_str(),
                      docs[p.a].lang.c_str(), docs[p.b].id.c_str(), docs[p.b].lang.c_str());
        }
        continue;
      }
      ++false_links;
      std::string c = classify(p.a, p.b);
      if (c == "same event")
        ++same;
      else if (c == "different event")
        ++different;
      else
        ++unlabelled;
      if (list) {
        std::printf("  false link %.3f %s (%s) ~ %s (%s): %s\n", p.score, docs[p.a].id.c_str(),
                    docs[p.a].lang.c_str(), docs[p.b].id.c_str(), docs[p.b].lang.c_str(),
                    c.c_str());
      }
    }
    int gold_linked = 0;
    for (auto [t, o] : gold) {
      for (const TranslationPair& p : pairs) {
        if (p.score >= th && ((p.a == t && p.b == o) || (p.a == o && p.b == t))) {
          ++gold_linked;
          break;
        }
      }
    }
    int linked_or_copy = 0;
    for (auto [t, o] : gold) {
      for (const TranslationPair& p : pairs) {
        std::uint32_t other = p.a == t ? p.b : p.b == t ? p.a : UINT32_MAX;
        if (p.score >= th && other != UINT32_MAX && copy_family(other, o)) {
          ++linked_or_copy;
          break;
        }
      }
    }
    std::printf(
        "threshold %.2f: gold pairs linked %d/%zu (%.3f), to the original or a copy of it "
        "%d (%.3f); links in one family %d; links to a copy of the original %d; false "
        "links %d (same event %d, different event %d, unlabelled %d)\n",
        th, gold_linked, gold.size(), double(gold_linked) / gold.size(), linked_or_copy,
        double(linked_or_copy) / gold.size(), gold_found, to_copy, false_links, same, different,
        unlabelled);
  };
  if (dump) {
    auto second = [&](std::uint32_t i, std::uint32_t not_j) {
      for (const TranslationPair& p : index.Nearest(i, 3)) {
        std::uint32_t o = p.a == i ? p.b : p.a;
        if (o != not_j && !same_family(o, i)) return p.score;
      }
      return 0.0;
    };
    for (const TranslationPair& p : pairs) {
      double s2 = std::max(second(p.a, p.b), second(p.b, p.a));
      // Shared anchors (multiset intersection) and their longest common subsequence.
      const auto& xa = index.at(p.a).anchors;
      const auto& xb = index.at(p.b).anchors;
      std::map<std::uint64_t, int> ca, cb;
      for (auto v : xa) ++ca[v];
      for (auto v : xb) ++cb[v];
      int shared = 0;
      for (auto [v, c] : ca) shared += std::min(c, cb.count(v) ? cb[v] : 0);
      double lcs =
          AnchorOrder(index.at(p.a), index.at(p.b)) * (std::min(xa.size(), xb.size()) + 0.5);
      std::printf("DUMP %.3f %.3f %.3f %zu %zu %s %s %s %d %.1f\n", p.score, s2,
                  AnchorOrder(index.at(p.a), index.at(p.b)), index.at(p.a).anchors.size(),
                  index.at(p.b).anchors.size(), same_family(p.a, p.b) ? "gold" : "false",
                  same_family(p.a, p.b) ? "-" : classify(p.a, p.b),
                  (docs[p.a].lang + docs[p.b].lang).c_str(), shared, lcs);
    }
  }
  report_links(threshold, list_false);
  if (sweep) {
    for (double th = 0.10; th < 0.61; th += 0.05) report_links(th, false);
  }
  return 0;
}
