// dedup_eval: precision and recall of the groups written by `newsweave dedup --json`, against
// the truth written by make_dup_corpus (which article each copy was made from).
//
// Articles related through truth lines, transitively, form one origin family. A reported
// pair (two articles of one reported group) is right when both are of one family. A family
// pair must be found (share a group) when the true Jaccard similarity of its shingle sets is
// at least threshold + 0.05; pairs whose shorter article lies mostly inside the longer one
// (containment >= threshold) but whose Jaccard is lower are counted apart. The true
// similarity is computed here from the corpus texts, with newsweave's normalization.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace {

using Shingles = std::vector<std::uint64_t>;  // sorted, unique

// Finalizer of MurmurHash3: spreads every input bit over the output.
std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Returns true for the bytes newsweave's shingles take as part of a word: ASCII letters and
// digits, and every byte of a multi-byte UTF-8 character.
bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Returns the set of k-word shingles of `text`, hashed to 64 bits. Words are maximal runs of
// word bytes with ASCII case folded; a text of fewer than k words gives one shingle of all
// of them. This is newsweave's normalization, written again here on purpose.
Shingles ShingleSet(std::string_view text, int k) {
  std::vector<std::uint64_t> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) break;
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
    while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) {
      unsigned char c = static_cast<unsigned char>(text[i++]);
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      h = (h ^ c) * 0x100000001b3ULL;
    }
    words.push_back(Mix(h));
  }
  Shingles out;
  const std::size_t n = words.size();
  const std::size_t windows = n == 0 ? 0 : (n < static_cast<std::size_t>(k) ? 1 : n - k + 1);
  for (std::size_t s = 0; s < windows; ++s) {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (std::size_t j = s; j < std::min(n, s + k); ++j) h = Mix(h ^ words[j]) + j - s;
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Jaccard similarity and containment (intersection / the smaller set) of two shingle sets.
struct Overlap {
  double jaccard = 0;
  double containment = 0;
};

// Compares two sorted shingle sets.
Overlap Compare(const Shingles& a, const Shingles& b) {
  if (a.empty() && b.empty()) return {1, 1};
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  const double uni = static_cast<double>(a.size() + b.size() - common);
  const std::size_t smaller = std::min(a.size(), b.size());
  return {common / uni, smaller ? static_cast<double>(common) / smaller : 0.0};
}

// Opens `path` for reading lines; on failure prints why and returns false.
bool Open(const std::string& path, std::ifstream* in) {
  in->open(path, std::ios::binary);
  if (!*in) std::fprintf(stderr, "dedup_eval: cannot read %s\n", path.c_str());
  return static_cast<bool>(*in);
}

// The corpus: ids and shingle sets, by index in file order.
struct Corpus {
  std::vector<std::string> ids;
  std::vector<Shingles> shingles;
  std::unordered_map<std::string, int> index;
};

// Returns the text newsweave compares: the lines up to and including the title, when it is
// one of the first three lines (above it there is only chrome, which the cleaner removes), are
// left out, as `newsweave dedup` leaves out a title that starts the clean text.
std::string_view Body(std::string_view text, std::string_view title) {
  if (title.empty()) return text;
  std::size_t start = 0;
  for (int line = 0; line < 3 && start < text.size(); ++line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(start, end - start) == title) return text.substr(end);
    start = end + 1;
    while (start < text.size() && text[start] == '\n') ++start;
  }
  return text;
}

// Reads the JSONL corpus into *c with k-word shingle sets. Returns false on error.
bool ReadCorpus(const std::string& path, int k, Corpus* c) {
  std::ifstream in;
  if (!Open(path, &in)) return false;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j["id"].is_string()) {
      std::fprintf(stderr, "dedup_eval: %s:%d: not an article, skipped\n", path.c_str(), n);
      continue;
    }
    std::string id = j["id"];
    std::string text = j.value("text", std::string());
    std::string title = j.value("title", std::string());
    if (!c->index.emplace(id, static_cast<int>(c->ids.size())).second) {
      std::fprintf(stderr, "dedup_eval: %s:%d: id %s seen before, skipped\n", path.c_str(), n,
                   id.c_str());
      continue;
    }
    c->ids.push_back(std::move(id));
    c->shingles.push_back(ShingleSet(Body(text, title), k));
  }
  return true;
}

// One truth line: `copy` was made from `origin` by an edit of `kind` and `strength`.
struct Edge {
  int copy = -1, origin = -1;
  std::string kind;  // as written, with the strength for "edit" and the side for "contained"
};

// Returns the label of a truth line: "edit 0.05", "contained (longer)", or the kind.
std::string Label(const std::string& kind, const std::string& strength) {
  if (kind == "edit") return kind + " " + strength;
  if (kind == "contained") {
    return std::strtod(strength.c_str(), nullptr) > 1 ? "contained (longer)"
                                                      : "contained (shorter)";
  }
  return kind;
}

// Reads TSV lines `a<TAB>b<TAB>rest...` whose ids are in the corpus, calling
// fn(a, b, fields). Returns false when the file cannot be read.
template <class Fn>
bool ReadTsv(const std::string& path, const Corpus& c, Fn fn) {
  std::ifstream in;
  if (!Open(path, &in)) return false;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    for (std::size_t s = 0;;) {
      std::size_t t = line.find('\t', s);
      f.push_back(line.substr(s, t == std::string::npos ? std::string::npos : t - s));
      if (t == std::string::npos) break;
      s = t + 1;
    }
    auto a = f.size() >= 3 ? c.index.find(f[0]) : c.index.end();
    auto b = f.size() >= 3 ? c.index.find(f[1]) : c.index.end();
    if (a == c.index.end() || b == c.index.end()) {
      std::fprintf(stderr, "dedup_eval: %s:%d: bad line or id not in the corpus, skipped\n",
                   path.c_str(), n);
      continue;
    }
    fn(a->second, b->second, f);
  }
  return true;
}

// Union-find with path halving.
struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(int n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  // Returns the root of x.
  int Find(int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  // Joins the sets of a and b.
  void Union(int a, int b) { parent[Find(a)] = Find(b); }
};

// The reported groups: group index and relation of every grouped article.
struct Grouping {
  std::vector<std::vector<int>> groups;
  std::vector<int> group_of;          // -1 when in no group
  std::vector<std::string> relation;  // "representative" for the representative
  int unknown_ids = 0, repeated_ids = 0;
};

// Reads the groups written by `newsweave dedup --json`. Returns false on error.
bool ReadGroups(const std::string& path, const Corpus& c, Grouping* g) {
  std::ifstream in;
  if (!Open(path, &in)) return false;
  g->group_of.assign(c.ids.size(), -1);
  g->relation.assign(c.ids.size(), "");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("members") || !j["members"].is_array()) {
      std::fprintf(stderr, "dedup_eval: %s:%d: not a group, skipped\n", path.c_str(), n);
      continue;
    }
    std::vector<int> members;
    for (const auto& m : j["members"]) {
      if (!m.is_object() || !m.contains("id") || !m["id"].is_string()) continue;
      auto it = c.index.find(m["id"].get<std::string>());
      if (it == c.index.end()) {
        ++g->unknown_ids;
        continue;
      }
      if (g->group_of[it->second] >= 0) {
        ++g->repeated_ids;
        continue;
      }
      g->group_of[it->second] = static_cast<int>(g->groups.size());
      const auto& rel = m.contains("relation") ? m["relation"] : nlohmann::json();
      g->relation[it->second] = rel.is_string() ? rel.get<std::string>() : "representative";
      members.push_back(it->second);
    }
    g->groups.push_back(std::move(members));
  }
  return true;
}

// A pair of articles with its true overlap, for the lists of worst cases.
struct Pair {
  int a = 0, b = 0;
  Overlap overlap;
  std::string label;
};

// Counts of one row of the table by kind.
struct Row {
  long pairs = 0, grouped = 0;
  double sum_jaccard = 0;
  long positive = 0, found = 0;             // Jaccard >= threshold + 0.05
  long contained = 0, contained_found = 0;  // containment >= threshold, lower Jaccard
  std::map<std::string, long> relations;    // relation newsweave gave the copy
};

// Returns num / den, or 0 when den is 0.
double Ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

// Prints up to `limit` pairs of `pairs` with their ids, label, overlap and groups.
void PrintPairs(const char* heading, std::vector<Pair> pairs, bool highest_first, std::size_t limit,
                const Corpus& c, const Grouping& g) {
  std::sort(pairs.begin(), pairs.end(), [&](const Pair& x, const Pair& y) {
    if (x.overlap.jaccard != y.overlap.jaccard) {
      return highest_first ? x.overlap.jaccard > y.overlap.jaccard
                           : x.overlap.jaccard < y.overlap.jaccard;
    }
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  std::printf("\n%s (%zu)\n", heading, pairs.size());
  for (std::size_t i = 0; i < pairs.size() && i < limit; ++i) {
    const Pair& p = pairs[i];
    auto where = [&](int x) {
      int gi = g.group_of[x];
      return gi < 0 ? std::string("-")
                    : "#" + std::to_string(gi + 1) + "/" + std::to_string(g.groups[gi].size());
    };
    std::printf("  %-10s %-10s  J %.3f  C %.3f  shingles %5zu %5zu  groups %-9s %-9s  %s\n",
                c.ids[p.a].c_str(), c.ids[p.b].c_str(), p.overlap.jaccard, p.overlap.containment,
                c.shingles[p.a].size(), c.shingles[p.b].size(), where(p.a).c_str(),
                where(p.b).c_str(), p.label.c_str());
  }
}

}  // namespace

// Reads corpus, truth and groups, and prints precision, recall and the worst cases.
int main(int argc, char** argv) {
  CLI::App app{"Precision and recall of `newsweave dedup --json` against make_dup_corpus truth."};
  std::string truth_path, corpus_path, groups_path, distractors_path;
  double threshold = 0.8;
  int shingle = 5;
  std::size_t worst = 10;
  app.add_option("--truth", truth_path, "TSV: copy_id, origin_id, kind, strength")->required();
  app.add_option("--corpus", corpus_path, "the JSONL corpus given to newsweave")->required();
  app.add_option("--groups", groups_path, "output of newsweave dedup --json")->required();
  app.add_option("--distractors", distractors_path, "optional TSV from make_dup_corpus");
  app.add_option("--threshold", threshold, "the Jaccard threshold dedup ran with")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--shingle", shingle, "words per shingle")->check(CLI::Range(1, 64));
  app.add_option("--worst", worst, "how many misses and false pairs to list");
  CLI11_PARSE(app, argc, argv);

  Corpus c;
  if (!ReadCorpus(corpus_path, shingle, &c)) return 1;
  const int n = static_cast<int>(c.ids.size());
  UnionFind families(n);
  std::map<std::pair<int, int>, std::string> edge_label;  // (copy, origin) -> label
  std::map<std::string, long> copies_by_label;
  const bool truth_ok = ReadTsv(truth_path, c, [&](int a, int b, const auto& f) {
    families.Union(a, b);
    std::string label = Label(f[2], f.size() > 3 ? f[3] : "0");
    edge_label[{a, b}] = label;
    ++copies_by_label[label];
  });
  std::map<std::pair<int, int>, std::string> distractor_of;
  if (!truth_ok ||
      (!distractors_path.empty() && !ReadTsv(distractors_path, c, [&](int a, int b, const auto& f) {
        distractor_of[{std::min(a, b), std::max(a, b)}] =
            "distractor sharing " + f[2] + " sentence(s)";
      }))) {
    return 1;
  }
  Grouping g;
  if (!ReadGroups(groups_path, c, &g)) return 1;

  // Precision: every pair inside a reported group.
  long reported = 0, right = 0;
  int mixed_groups = 0;
  std::vector<Pair> false_pairs;
  for (const std::vector<int>& group : g.groups) {
    bool mixed = false;
    for (std::size_t i = 0; i < group.size(); ++i) {
      for (std::size_t j = i + 1; j < group.size(); ++j) {
        ++reported;
        const int a = std::min(group[i], group[j]), b = std::max(group[i], group[j]);
        if (families.Find(a) == families.Find(b)) {
          ++right;
          continue;
        }
        mixed = true;
        if (false_pairs.size() < 1000000) {
          auto d = distractor_of.find({a, b});
          false_pairs.push_back({a, b, Compare(c.shingles[a], c.shingles[b]),
                                 d == distractor_of.end() ? "different origins" : d->second});
        }
      }
    }
    mixed_groups += mixed;
  }

  // Recall: every pair inside a family.
  std::vector<std::vector<int>> family_members(n);
  for (int i = 0; i < n; ++i) family_members[families.Find(i)].push_back(i);
  std::map<std::string, Row> rows;
  Row total;
  std::vector<Pair> misses, contained_misses;
  int families_with_copies = 0;
  std::pair<long, long> by_jaccard[4] = {};  // pairs, grouped: J in [t, t+.05) ... >= t+.15
  std::pair<long, long> contained_margin;    // the same for containment >= threshold + 0.05
  const double must = threshold + 0.05;
  for (const std::vector<int>& fam : family_members) {
    families_with_copies += fam.size() > 1;
    for (std::size_t i = 0; i < fam.size(); ++i) {
      for (std::size_t j = i + 1; j < fam.size(); ++j) {
        const int a = fam[i], b = fam[j];
        auto e = edge_label.find({a, b});
        if (e == edge_label.end()) e = edge_label.find({b, a});
        const std::string label = e == edge_label.end() ? "indirect" : e->second;
        const Overlap o = Compare(c.shingles[a], c.shingles[b]);
        const bool grouped = g.group_of[a] >= 0 && g.group_of[a] == g.group_of[b];
        for (Row* r : {&rows[label], &total}) {
          ++r->pairs;
          r->grouped += grouped;
          r->sum_jaccard += o.jaccard;
          if (o.jaccard >= must) {
            ++r->positive;
            r->found += grouped;
          } else if (o.containment >= threshold) {
            ++r->contained;
            r->contained_found += grouped;
          }
        }
        if (!grouped && o.jaccard >= must) misses.push_back({a, b, o, label});
        if (!grouped && o.jaccard < must && o.containment >= threshold) {
          contained_misses.push_back({a, b, o, label});
        }
        // The relation is given relative to the representative: check it where that is the
        // article the copy was made from.
        if (grouped && e != edge_label.end() && g.relation[e->first.second] == "representative") {
          const std::string& rel = g.relation[e->first.first];
          for (Row* r : {&rows[label], &total}) ++r->relations[rel];
        }
        if (o.jaccard >= threshold) {
          const int bin = std::min(3, static_cast<int>((o.jaccard - threshold) / 0.05));
          ++by_jaccard[bin].first;
          by_jaccard[bin].second += grouped;
        }
        if (o.jaccard < must && o.containment >= must) {
          ++contained_margin.first;
          contained_margin.second += grouped;
        }
      }
    }
  }

  long in_groups = 0;
  for (const auto& grp : g.groups) in_groups += static_cast<long>(grp.size());
  const double precision = Ratio(right, reported), recall = Ratio(total.found, total.positive);
  std::printf("== dedup_eval: threshold %.2f, %d-word shingles; must-find pairs: Jaccard >= %.2f\n",
              threshold, shingle, must);
  std::printf("corpus   %d articles; truth: %zu copies in %d families with copies\n", n,
              edge_label.size(), families_with_copies);
  std::printf("reported %zu groups holding %ld articles: %ld pairs, %d groups mixing families\n",
              g.groups.size(), in_groups, reported, mixed_groups);
  if (g.unknown_ids || g.repeated_ids) {
    std::printf("warning  %d member ids not in the corpus, %d ids in more than one group\n",
                g.unknown_ids, g.repeated_ids);
  }
  std::printf("\nprecision  %.4f  (%ld of %ld reported pairs are of one origin)\n", precision,
              right, reported);
  std::printf("recall     %.4f  (%ld of %ld pairs of one origin with Jaccard >= %.2f grouped)\n",
              recall, total.found, total.positive, must);
  std::printf("F1         %.4f\n", Ratio(2 * precision * recall, precision + recall));
  std::printf(
      "contained  %.4f  (%ld of %ld pairs of one origin with containment >= %.2f and "
      "Jaccard < %.2f grouped)\n",
      Ratio(total.contained_found, total.contained), total.contained_found, total.contained,
      threshold, must);
  std::printf("           %.4f  (%ld of %ld of those with containment >= %.2f)\n",
              Ratio(contained_margin.second, contained_margin.first), contained_margin.second,
              contained_margin.first, must);
  std::printf(
      "all pairs  %.4f  (%ld of %ld pairs of one origin grouped, whatever their "
      "similarity)\n",
      Ratio(total.grouped, total.pairs), total.grouped, total.pairs);

  std::printf("\ngrouped pairs of one origin by Jaccard:");
  for (int b = 0; b < 4; ++b) {
    const double lo = threshold + 0.05 * b;
    std::printf("  %s%.2f: %ld/%ld", b == 3 ? ">=" : "", lo, by_jaccard[b].second,
                by_jaccard[b].first);
  }
  std::printf("\n");

  std::printf(
      "\nby kind: pairs of one origin (kind: the copy's edit when one was made from the "
      "other, else indirect)\n");
  std::printf("%-20s %6s %6s %7s %6s %7s %7s %6s %7s %7s   %s\n", "kind", "copies", "pairs",
              "mean J", "must", "found", "recall", "cont.", "found", "grouped",
              "relation of the copy when its origin is the representative");
  auto print_row = [&](const std::string& name, long copies, const Row& r) {
    std::string rel;
    for (const auto& [k, v] : r.relations) {
      rel +=
          (rel.empty() ? "" : ", ") + (k.empty() ? std::string("?") : k) + " " + std::to_string(v);
    }
    std::printf("%-20s %6ld %6ld %7.3f %6ld %7ld %7.3f %6ld %7ld %7ld   %s\n", name.c_str(), copies,
                r.pairs, Ratio(r.sum_jaccard, r.pairs), r.positive, r.found,
                Ratio(r.found, r.positive), r.contained, r.contained_found, r.grouped, rel.c_str());
  };
  for (const auto& [label, r] : rows) {
    auto k = copies_by_label.find(label);
    print_row(label, k == copies_by_label.end() ? 0 : k->second, r);
  }
  print_row("all", static_cast<long>(edge_label.size()), total);

  PrintPairs("misses: must-find pairs not grouped, highest Jaccard first", misses, true, worst, c,
             g);
  PrintPairs("contained pairs not grouped, highest Jaccard first", contained_misses, true, worst, c,
             g);
  PrintPairs("false pairs: grouped but of different origins, lowest Jaccard first", false_pairs,
             false, worst, c, g);
  return 0;
}
