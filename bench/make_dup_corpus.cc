// make_dup_corpus: writes a JSONL corpus of news articles and copies of them made with known
// edits, and the truth (which article each copy was made from, how and how strongly), to
// measure the precision and recall of `newsweave dedup` (see dedup_eval.cc).
//
// Sentences come at run time from the SemEval-2022 Task 8 CSV (never copied into the
// repository). Articles are made in blocks of --block articles: in each block 40% are
// origins (distinct articles of one language), 15% distractors (new articles that share a
// few sentences or paragraphs with an origin, and are not copies of it) and 45% copies of an
// origin or of an earlier copy (chains). A block is shuffled before it is written, so copies
// lie near their origins in the stream but not next to them. The output is a deterministic
// function of the CSV, --seed and --block.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "bench/corpus_text.h"

namespace {

using newsweave::bench::AppendField;
using newsweave::bench::ChromeFor;
using newsweave::bench::JoinPieces;
using newsweave::bench::LangPool;
using newsweave::bench::LoadPools;
using newsweave::bench::MakeTimestamp;
using newsweave::bench::PickWeighted;
using newsweave::bench::Rng;
using newsweave::bench::SplitSpaces;

constexpr double kOriginShare = 0.40;      // of each block
constexpr double kDistractorShare = 0.15;  // of each block; the rest are copies
constexpr double kChainShare = 0.25;       // copies made from an earlier copy
constexpr double kChromeShare = 0.25;      // articles with a generic chrome line on top
constexpr double kEditStrengths[] = {0.02, 0.05, 0.1, 0.2, 0.3};

// An article while it is built: paragraphs made of pieces (the sentences of an origin, or one
// piece per paragraph after word edits), joined with spaces when written.
struct Doc {
  const LangPool* pool = nullptr;
  std::string title;
  std::vector<std::vector<std::string>> paragraphs;
  bool title_in_text = false;  // the text starts with the title on a line of its own
  std::string chrome;          // a generic chrome line above the body, or ""
  int parent = -1;             // index in the block of the article it was made from
  std::string kind;            // "" (origin), "distractor" or a copy kind
  double strength = 0;         // see the README: edit fraction, share of words, ...
  int shared = 0;              // distractors: sentences taken from the parent
};

// Returns the number of space-separated words of a paragraph.
int CountWords(const std::vector<std::string>& paragraph) {
  int n = 0;
  for (const std::string& piece : paragraph) n += static_cast<int>(SplitSpaces(piece).size());
  return n;
}

// Returns the number of space-separated words of the document's body.
int CountWords(const Doc& d) {
  int n = 0;
  for (const auto& para : d.paragraphs) n += CountWords(para);
  return n;
}

// Returns a sentence of `pool` that `used` does not hold yet, and adds it there (after a
// few tries it accepts a repeat, so that a small pool cannot loop forever).
const std::string& FreshSentence(Rng& rng, const LangPool& pool,
                                 std::unordered_set<const std::string*>* used) {
  const std::string* s = &rng.Pick(pool.sentences);
  for (int tries = 0; tries < 20 && used->count(s); ++tries) s = &rng.Pick(pool.sentences);
  used->insert(s);
  return *s;
}

// Returns a paragraph of 2-4 sentences of `pool` that `used` does not hold.
std::vector<std::string> FreshParagraph(Rng& rng, const LangPool& pool,
                                        std::unordered_set<const std::string*>* used) {
  std::vector<std::string> para;
  for (int k = rng.Uniform(2, 4); k > 0; --k) para.push_back(FreshSentence(rng, pool, used));
  return para;
}

// Returns a generic chrome line of the pool's language that the cleaner should remove.
std::string GenericChrome(Rng& rng, const LangPool& pool) {
  const auto& c = ChromeFor(pool.code);
  switch (rng.Uniform(0, 3)) {
    case 0:
      return c.advertisement;
    case 1:
      return c.skip;
    case 2:
      return newsweave::bench::Fill(c.reading_time, std::to_string(rng.Uniform(2, 9)));
    default:
      return c.listen;
  }
}

// Makes a new article of `pool` with a body of about `target_bytes` (at least four
// paragraphs), with no sentence twice.
Doc MakeOrigin(Rng& rng, const LangPool& pool, std::size_t target_bytes) {
  Doc d;
  d.pool = &pool;
  d.title = rng.Pick(pool.short_lines);
  d.title_in_text = rng.Chance(0.3);
  if (rng.Chance(kChromeShare)) d.chrome = GenericChrome(rng, pool);
  std::unordered_set<const std::string*> used;
  std::size_t bytes = 0;
  while (d.paragraphs.size() < 4 || bytes < target_bytes) {
    d.paragraphs.push_back(FreshParagraph(rng, pool, &used));
    bytes += JoinPieces(d.paragraphs.back()).size() + 1;
  }
  return d;
}

// Makes a distractor of `base` (an origin, at index `base_index`): a new
// article of its language that shares one or two sentences or one or two paragraphs with
// it, or a short article of 2-5 paragraphs, one or two of them the base's (at most about
// half). Sometimes it also takes the base's title, as two
// reports of one event might. It is not a copy: dedup must keep the two apart.
Doc MakeDistractor(Rng& rng, const Doc& base, int base_index, std::size_t target_bytes) {
  Doc d = MakeOrigin(rng, *base.pool, target_bytes);
  d.kind = "distractor";
  d.parent = base_index;
  const double mode = rng.Real();
  if (mode < 0.55) {  // one or two sentences, each put into a random paragraph
    for (int k = mode < 0.35 ? 1 : 2; k > 0; --k) {
      const auto& from = rng.Pick(base.paragraphs);
      auto& into = d.paragraphs[rng.Uniform(0, static_cast<int>(d.paragraphs.size()) - 1)];
      into.insert(into.begin() + rng.Uniform(0, static_cast<int>(into.size())), rng.Pick(from));
      ++d.shared;
    }
  } else if (mode < 0.85) {  // one or two whole paragraphs, at random places
    for (int k = mode < 0.72 ? 1 : 2; k > 0; --k) {
      const auto& from = rng.Pick(base.paragraphs);
      d.paragraphs.insert(
          d.paragraphs.begin() + rng.Uniform(0, static_cast<int>(d.paragraphs.size())), from);
      d.shared += static_cast<int>(from.size());
    }
  } else {  // a short article: one or two of the base's paragraphs, and as many or one more
    // fresh ones, so that at most about half of it is shared
    const int shared = rng.Uniform(1, 2);
    d.paragraphs.resize(shared + rng.Uniform(0, 1));
    for (int k = shared; k > 0; --k) {
      const auto& from = rng.Pick(base.paragraphs);
      d.paragraphs.insert(
          d.paragraphs.begin() + rng.Uniform(0, static_cast<int>(d.paragraphs.size())), from);
      d.shared += static_cast<int>(from.size());
    }
  }
  if (rng.Chance(0.2)) d.title = base.title;
  return d;
}

// Returns `word` with the case of its ASCII letters or its ASCII punctuation changed, the
// way copy editors and scrapers change them; never splits or merges words.
std::string ChangeCaseOrPunct(Rng& rng, const std::string& word) {
  std::string w = word;
  auto is_punct = [](char c) { return c == ',' || c == '.' || c == ';' || c == ':' || c == '!'; };
  switch (rng.Uniform(0, 4)) {
    case 0:  // ALL CAPS
      for (char& c : w) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    case 1:  // all lower case
      for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      break;
    case 2:  // first letter's case flipped
      if (!w.empty() && std::isalpha(static_cast<unsigned char>(w[0]))) {
        unsigned char c = static_cast<unsigned char>(w[0]);
        w[0] = static_cast<char>(std::isupper(c) ? std::tolower(c) : std::toupper(c));
      }
      break;
    case 3:  // final punctuation swapped or dropped
      if (!w.empty() && is_punct(w.back())) {
        static const char* kSwap[] = {";", ":", "!", ",", ""};
        w.pop_back();
        w += kSwap[rng.Uniform(0, 4)];
      } else {
        w += ",";
      }
      break;
    default:  // quoted, or a dash after it
      w = rng.Chance(0.5) ? "\"" + w + "\"" : w + " -";
      break;
  }
  return w;
}

// Replaces, inserts or deletes round(p * words) words (at least one) of `d` at random
// places; new words come from random sentences of the same language.
void EditWords(Rng& rng, double p, Doc* d) {
  // Words of all paragraphs, with "" marking a paragraph break.
  std::vector<std::string> words;
  for (const auto& para : d->paragraphs) {
    if (!words.empty()) words.emplace_back();
    for (const std::string& piece : para) {
      for (std::string& w : SplitSpaces(piece)) words.push_back(std::move(w));
    }
  }
  const int total = CountWords(*d);
  const int ops = std::max(1, static_cast<int>(std::lround(p * total)));
  auto random_word = [&]() {
    std::vector<std::string> pieces = SplitSpaces(rng.Pick(d->pool->sentences));
    return rng.Pick(pieces);
  };
  for (int k = 0; k < ops; ++k) {
    int pos = rng.Uniform(0, static_cast<int>(words.size()) - 1);
    while (words[pos].empty()) pos = rng.Uniform(0, static_cast<int>(words.size()) - 1);
    const double op = rng.Real();
    const bool alone = (pos == 0 || words[pos - 1].empty()) &&
                       (pos + 1 == static_cast<int>(words.size()) || words[pos + 1].empty());
    if (op < 0.25) {
      words.insert(words.begin() + pos, random_word());
    } else if (op < 0.5 && !alone) {
      words.erase(words.begin() + pos);
    } else {
      words[pos] = random_word();
    }
  }
  d->paragraphs.assign(1, {});
  for (std::string& w : words) {
    if (w.empty()) {
      d->paragraphs.emplace_back();
    } else {
      d->paragraphs.back().push_back(std::move(w));
    }
  }
  for (auto& para : d->paragraphs) para.assign(1, JoinPieces(para));
}

// Makes a copy of `parent` (at index `parent_index`) of the given kind ("edit" with
// strength `p`); sets its kind and strength.
Doc MakeCopy(Rng& rng, const Doc& parent, int parent_index, const std::string& kind, double p) {
  Doc d = parent;
  d.parent = parent_index;
  d.kind = kind;
  d.strength = 0;
  d.shared = 0;
  // Every copy is on another site, whose scraper may leave its own chrome line on top.
  d.chrome = rng.Chance(kChromeShare) ? GenericChrome(rng, *d.pool) : "";
  const int words = CountWords(parent);
  if (kind == "case-punct") {
    const double q = 0.05 + 0.25 * rng.Real();
    int changed = 0;
    for (auto& para : d.paragraphs) {
      std::vector<std::string> out;
      for (const std::string& piece : para) {
        for (std::string& w : SplitSpaces(piece)) {
          if (rng.Chance(q)) {
            w = ChangeCaseOrPunct(rng, w);
            ++changed;
          }
          out.push_back(std::move(w));
        }
      }
      para.assign(1, JoinPieces(out));
    }
    d.strength = words ? static_cast<double>(changed) / words : 0;
  } else if (kind == "headline") {
    std::string title = d.title;
    for (int tries = 0; tries < 10 && title == d.title; ++tries) {
      title = rng.Pick(d.pool->short_lines);
    }
    d.title = title;
  } else if (kind == "drop-last") {
    if (d.paragraphs.size() > 1) d.paragraphs.pop_back();
    d.strength = words ? 1.0 - static_cast<double>(CountWords(d)) / words : 0;
  } else if (kind == "edit") {
    EditWords(rng, p, &d);
    d.strength = p;
  } else if (kind == "contained") {
    if (rng.Chance(0.5)) {  // the story with 2-5 paragraphs more at the end
      std::unordered_set<const std::string*> used;
      for (int k = rng.Uniform(2, 5); k > 0; --k) {
        d.paragraphs.push_back(FreshParagraph(rng, *d.pool, &used));
      }
    } else {  // the story cut at the last paragraph end within its first 50-70% of words
      const double keep = (0.5 + 0.2 * rng.Real()) * words;
      std::size_t n = 1;  // paragraphs kept: the most whose words stay within `keep`
      int sum = CountWords(d.paragraphs[0]);
      while (n + 1 < d.paragraphs.size()) {
        sum += CountWords(d.paragraphs[n]);
        if (sum > keep) break;
        ++n;
      }
      d.paragraphs.resize(n);
    }
    d.strength = words ? static_cast<double>(CountWords(d)) / words : 0;
  }
  return d;
}

// The copy kinds, with their share of all copies. "edit" stands for one entry per strength.
struct KindShare {
  const char* kind;
  double p;  // edit strength, or 0
  double weight;
};

// Returns the copy kinds and their weights.
std::vector<KindShare> CopyKinds() {
  std::vector<KindShare> kinds = {{"exact", 0, 0.15},
                                  {"case-punct", 0, 0.10},
                                  {"headline", 0, 0.10},
                                  {"drop-last", 0, 0.10},
                                  {"contained", 0, 0.20}};
  for (double p : kEditStrengths) kinds.push_back({"edit", p, 0.35 / std::size(kEditStrengths)});
  return kinds;
}

// Writes `d` as one JSON line with id `id` to *out; returns the size of its text.
std::size_t AppendArticle(Rng& rng, const Doc& d, const std::string& id, int nsources,
                          std::string* out) {
  const char* sep = rng.Chance(0.5) ? "\n" : "\n\n";
  std::string text;
  if (!d.chrome.empty()) text += d.chrome + sep;
  if (d.title_in_text) text += d.title + sep;
  for (std::size_t i = 0; i < d.paragraphs.size(); ++i) {
    if (i > 0) text += sep;
    text += JoinPieces(d.paragraphs[i]);
  }
  out->push_back('{');
  AppendField("id", id, true, out);
  AppendField("source", "News Site " + std::to_string(rng.Uniform(1, nsources)), false, out);
  AppendField("title", d.title, false, out);
  AppendField("text", text, false, out);
  if (rng.Chance(0.8)) AppendField("published", MakeTimestamp(rng), false, out);
  if (rng.Chance(0.7)) AppendField("lang", d.pool->code, false, out);
  out->append("}\n");
  return text.size();
}

// Formats a strength for the truth file: at most three significant digits.
std::string FormatStrength(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

// What was written, for the summary on stderr.
struct Tally {
  std::map<std::string, int> by_kind;  // "exact", "edit 0.02", ...
  int origins = 0, origins_copied = 0, distractors = 0, copies = 0, chained = 0;
  std::uint64_t text_bytes = 0, json_bytes = 0;
};

// Outputs of the generator.
struct Outputs {
  std::FILE* corpus = nullptr;
  std::FILE* truth = nullptr;
  std::FILE* distractors = nullptr;  // may be null
};

// Makes one block of `n` articles whose ids start after `*next_id`, and writes them, their
// truth lines and their distractor lines. Returns false on a write error.
bool WriteBlock(Rng& rng, const std::vector<LangPool>& pools, const std::vector<double>& weights,
                int n, int nsources, int* next_id, Tally* tally, const Outputs& out) {
  static const std::vector<KindShare> kKinds = CopyKinds();
  std::vector<double> kind_weights;
  for (const KindShare& k : kKinds) kind_weights.push_back(k.weight);
  const int norigins = std::max(1, static_cast<int>(std::lround(kOriginShare * n)));
  const int ndistractors = std::min(n - norigins, static_cast<int>(kDistractorShare * n));
  std::vector<Doc> docs;
  docs.reserve(n);
  std::vector<int> copies_of(n, 0);
  for (int i = 0; i < norigins && i < n; ++i) {
    const LangPool& pool = pools[PickWeighted(rng, weights)];
    docs.push_back(MakeOrigin(rng, pool, rng.Uniform(2600, 3400)));
  }
  for (int i = 0; i < ndistractors; ++i) {
    const int base = rng.Uniform(0, norigins - 1);
    docs.push_back(MakeDistractor(rng, docs[base], base, rng.Uniform(2600, 3400)));
  }
  const int first_copy = static_cast<int>(docs.size());
  while (static_cast<int>(docs.size()) < n) {
    int parent = rng.Uniform(0, norigins - 1);
    const bool chain = static_cast<int>(docs.size()) > first_copy && rng.Chance(kChainShare);
    if (chain) parent = rng.Uniform(first_copy, static_cast<int>(docs.size()) - 1);
    const KindShare& k = kKinds[PickWeighted(rng, kind_weights)];
    docs.push_back(MakeCopy(rng, docs[parent], parent, k.kind, k.p));
    ++copies_of[parent];
    ++tally->copies;
    tally->chained += chain;
    tally->by_kind[k.p > 0 ? std::string(k.kind) + " " + FormatStrength(k.p) : k.kind]++;
  }
  for (int i = 0; i < norigins; ++i) tally->origins_copied += copies_of[i] > 0;
  tally->origins += norigins;
  tally->distractors += ndistractors;

  // Shuffle (Fisher-Yates, so that every platform gives the same order), then name.
  std::vector<int> order(docs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  for (int i = static_cast<int>(order.size()) - 1; i > 0; --i) {
    std::swap(order[i], order[rng.Uniform(0, i)]);
  }
  std::vector<std::string> ids(docs.size());
  for (int i : order) {
    char id[16];
    std::snprintf(id, sizeof id, "d%07d", ++*next_id);
    ids[i] = id;
  }
  std::string json, truth, distractors;
  for (int i : order) {
    const Doc& d = docs[i];
    const std::size_t before = json.size();
    tally->text_bytes += AppendArticle(rng, d, ids[i], nsources, &json);
    tally->json_bytes += json.size() - before;
    if (d.kind == "distractor") {
      distractors += ids[i] + "\t" + ids[d.parent] + "\t" + std::to_string(d.shared) + "\n";
    } else if (!d.kind.empty()) {
      truth += ids[i] + "\t" + ids[d.parent] + "\t" + d.kind + "\t" + FormatStrength(d.strength);
      truth += "\n";
    }
  }
  auto write = [](const std::string& s, std::FILE* f) {
    return !f || s.empty() || std::fwrite(s.data(), 1, s.size(), f) == s.size();
  };
  return write(json, out.corpus) && write(truth, out.truth) && write(distractors, out.distractors);
}

}  // namespace

// Parses the command line, loads the CSV's sentences, writes corpus and truth, and prints
// the counts by kind.
int main(int argc, char** argv) {
  CLI::App app{"Writes a JSONL corpus with copies of known origin and strength, and the truth."};
  int count = 10000;
  int block = 2000;
  int nsources = 300;
  std::uint64_t seed = 1;
  std::string csv_path = "/work/shared/data/semeval2022-task8/train.csv";
  std::string out_path, truth_path, distractors_path;
  app.add_option("-n,--count", count, "number of articles")->check(CLI::PositiveNumber);
  app.add_option("--seed", seed, "random seed; the same seed and CSV give the same corpus");
  app.add_option("--block", block, "articles per block; copies stay in their origin's block")
      ->check(CLI::Range(10, 1 << 24));
  app.add_option("--sources", nsources, "number of fake sites")->check(CLI::PositiveNumber);
  app.add_option("--csv", csv_path, "SemEval-2022 Task 8 train.csv to take sentences from");
  app.add_option("-o,--out", out_path, "corpus (JSONL)")->required();
  app.add_option("--truth", truth_path, "truth: copy_id, origin_id, kind, strength (TSV)")
      ->required();
  app.add_option("--distractors", distractors_path,
                 "optional: distractor_id, base_id, sentences shared (TSV)");
  CLI11_PARSE(app, argc, argv);

  std::vector<LangPool> pools;
  if (std::string err = LoadPools(csv_path, &pools); !err.empty()) {
    std::fprintf(stderr, "make_dup_corpus: %s\n", err.c_str());
    return 1;
  }
  std::vector<double> weights;
  for (const LangPool& p : pools) weights.push_back(static_cast<double>(p.texts));

  Outputs out;
  auto open = [](const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) std::perror(("make_dup_corpus: " + path).c_str());
    return f;
  };
  if (!(out.corpus = open(out_path)) || !(out.truth = open(truth_path))) return 1;
  if (!distractors_path.empty() && !(out.distractors = open(distractors_path))) return 1;

  Rng rng(seed);
  Tally tally;
  int next_id = 0;
  for (int done = 0; done < count; done += block) {
    if (!WriteBlock(rng, pools, weights, std::min(block, count - done), nsources, &next_id, &tally,
                    out)) {
      std::perror("make_dup_corpus: write");
      return 1;
    }
  }
  for (std::FILE* f : {out.corpus, out.truth, out.distractors}) {
    if (f && std::fclose(f) != 0) {
      std::perror("make_dup_corpus: close");
      return 1;
    }
  }
  std::fprintf(stderr,
               "make_dup_corpus: %d articles, %.2f MB, mean text %.0f bytes (%.0f per JSON line; "
               "seed %llu, %zu languages)\n",
               count, tally.json_bytes / 1e6, double(tally.text_bytes) / count,
               double(tally.json_bytes) / count, static_cast<unsigned long long>(seed),
               pools.size());
  std::fprintf(stderr, "  origins %d (%d with copies), distractors %d, copies %d (%d of a copy)\n",
               tally.origins, tally.origins_copied, tally.distractors, tally.copies, tally.chained);
  std::fprintf(stderr, "  copies by kind:");
  for (const auto& [kind, n] : tally.by_kind) std::fprintf(stderr, " %s %d;", kind.c_str(), n);
  std::fprintf(stderr, "\n  sentences per language:");
  for (const LangPool& p : pools)
    std::fprintf(stderr, " %s %zu", p.code.c_str(), p.sentences.size());
  std::fprintf(stderr, "\n");
  return 0;
}
