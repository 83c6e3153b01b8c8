// make_corpus: writes a synthetic JSONL corpus of dirty scraped news articles, for benchmarks.
//
// Sentences come at run time from the SemEval-2022 Task 8 CSV (never copied into the
// repository); the articles around them are invented: titles, paragraphs, site chrome at the
// top and bottom, captions printed twice, bodies printed a second time, repeated lines.
// The output is a deterministic function of the CSV and --seed.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "bench/corpus_text.h"

namespace {

using newsweave::bench::AppendField;
using newsweave::bench::Chrome;
using newsweave::bench::ChromeFor;
using newsweave::bench::Fill;
using newsweave::bench::LangPool;
using newsweave::bench::LoadPools;
using newsweave::bench::MakeTimestamp;
using newsweave::bench::PickWeighted;
using newsweave::bench::Rng;

// One fake site: its name, language and the chrome its pages carry.
struct Source {
  std::string name;
  std::string domain;
  const LangPool* pool = nullptr;
  const Chrome* chrome = nullptr;
  std::vector<int> top;     // indices into the top chrome kinds, in page order
  std::vector<int> bottom;  // indices into the bottom chrome kinds, in page order
  double p_top = 0.7;       // chance that an article shows the top chrome
  double p_bottom = 0.7;    // chance that an article shows the bottom chrome
  const char* paragraph_sep = "\n";
};

// Returns `k` distinct sorted indices in [0, n).
std::vector<int> PickSorted(Rng& rng, int n, int k) {
  std::vector<int> all(n);
  for (int i = 0; i < n; ++i) all[i] = i;
  for (int i = 0; i < k && i < n; ++i) std::swap(all[i], all[rng.Uniform(i, n - 1)]);
  all.resize(std::min(k, n));
  std::sort(all.begin(), all.end());
  return all;
}

// Makes `count` fake sites ("Northbridge Herald"), each with a language drawn by the weight
// of the languages in the CSV, and its own set of chrome lines.
std::vector<Source> MakeSources(Rng& rng, const std::vector<LangPool>& pools, int count) {
  static const char* kPlaces[] = {
      "Northbridge", "Eastwick",  "Riverton",  "Lakeside", "Harborview", "Westfield",   "Millbrook",
      "Oakridge",    "Stonegate", "Fairhaven", "Redcliff", "Ashford",    "Brightwater", "Kingsport",
      "Silverlake",  "Greenvale", "Marlow",    "Elmstead", "Crestview",  "Dunmore"};
  static const char* kMastheads[] = {"Herald",     "Tribune", "Gazette",   "Courier",
                                     "Post",       "Times",   "Chronicle", "Observer",
                                     "Daily News", "Journal", "Express",   "Sentinel"};
  std::vector<double> weights;
  for (const LangPool& p : pools) weights.push_back(static_cast<double>(p.texts));
  std::vector<Source> sources;
  const int nplaces = std::size(kPlaces), nmast = std::size(kMastheads);
  for (int i = 0; i < count; ++i) {
    Source s;
    s.name = std::string(kPlaces[i % nplaces]) + " " + kMastheads[(i / nplaces) % nmast];
    if (i >= nplaces * nmast) s.name += " " + std::to_string(i / (nplaces * nmast) + 1);
    for (char c : s.name) {
      if (c != ' ') s.domain.push_back(static_cast<char>(std::tolower(c)));
    }
    s.domain += ".example";
    s.pool = &pools[PickWeighted(rng, weights)];
    s.chrome = &ChromeFor(s.pool->code);
    s.top = PickSorted(rng, Chrome::kTopKinds, rng.Uniform(1, 4));
    s.bottom = PickSorted(rng, Chrome::kBottomKinds, rng.Uniform(1, 4));
    // Some scrapers strip most chrome; most leave a lot of it.
    bool tidy = rng.Chance(0.15);
    s.p_top = tidy ? 0.1 : 0.5 + 0.45 * rng.Real();
    s.p_bottom = tidy ? 0.1 : 0.5 + 0.45 * rng.Real();
    s.paragraph_sep = rng.Chance(0.5) ? "\n" : "\n\n";
    sources.push_back(std::move(s));
  }
  return sources;
}

// Returns a paragraph of 2-4 random sentences of `pool`.
std::string MakeParagraph(Rng& rng, const LangPool& pool) {
  std::string p;
  for (int k = rng.Uniform(2, 4); k > 0; --k) {
    if (!p.empty()) p.push_back(' ');
    p += rng.Pick(pool.sentences);
  }
  return p;
}

// Appends the top chrome lines of source `s` to *lines.
void AddTopChrome(Rng& rng, const Source& s, std::vector<std::string>* lines) {
  const Chrome& c = *s.chrome;
  for (int kind : s.top) {
    switch (kind) {
      case 0:
        lines->push_back(c.skip);
        break;
      case 1:
        lines->push_back(c.menu);
        break;
      case 2:
        lines->push_back(std::string(c.home) + " > " + rng.Pick(c.sections) + " > " +
                         rng.Pick(c.regions));
        break;
      case 3:
        lines->push_back(c.advertisement);
        break;
      case 4:
        lines->push_back(Fill(c.reading_time, std::to_string(rng.Uniform(2, 9))));
        break;
      case 5:
        lines->push_back(c.share);
        break;
      default:
        lines->push_back(c.listen);
        break;
    }
  }
}

// Appends the bottom chrome lines of source `s` to *lines.
void AddBottomChrome(Rng& rng, const Source& s, std::vector<std::string>* lines) {
  const Chrome& c = *s.chrome;
  for (int kind : s.bottom) {
    switch (kind) {
      case 0:
        lines->push_back(c.related);
        for (int k = rng.Uniform(2, 3); k > 0; --k) lines->push_back(rng.Pick(s.pool->short_lines));
        break;
      case 1:
        lines->push_back(Fill(c.copyright, s.name));
        break;
      case 2:
        lines->push_back(c.newsletter);
        break;
      case 3:
        lines->push_back(c.app);
        break;
      case 4:
        lines->push_back(c.follow);
        break;
      default:
        lines->push_back(c.share);
        break;
    }
  }
}

// Returns a URL slug made of the ASCII letters and digits of `title` ("" when none).
std::string Slug(std::string_view title) {
  std::string slug;
  for (char c : title) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      slug.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!slug.empty() && slug.back() != '-') {
      if (slug.size() >= 48) break;
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

// Builds article number `n` (1-based) of source `s` and appends it to *out as one JSON line.
// Returns the size of its text in bytes.
size_t WriteArticle(Rng& rng, int n, const Source& s, std::string* out) {
  const LangPool& pool = *s.pool;
  const Chrome& c = *s.chrome;
  std::string title = rng.Pick(pool.short_lines);

  std::vector<std::string> paragraphs;
  for (int k = rng.Uniform(6, 12); k > 0; --k) paragraphs.push_back(MakeParagraph(rng, pool));
  // A line printed twice, right after itself or further down.
  if (rng.Chance(0.05)) {
    const int np = static_cast<int>(paragraphs.size());
    const int i = rng.Uniform(0, np - 1);
    const int j = rng.Chance(0.5) ? i + 1 : rng.Uniform(i + 1, np);
    paragraphs.insert(paragraphs.begin() + j, paragraphs[i]);
  }
  // An advertisement slot inside the body.
  if (rng.Chance(0.1)) {
    const int np = static_cast<int>(paragraphs.size());
    paragraphs.insert(paragraphs.begin() + rng.Uniform(1, np - 1), c.advertisement);
  }

  std::vector<std::string> lines;
  if (rng.Chance(s.p_top)) AddTopChrome(rng, s, &lines);
  bool caption = rng.Chance(0.1);
  std::string caption_line;
  if (caption) {
    caption_line =
        rng.Pick(pool.short_lines) + " " + Fill(c.photo, rng.Pick(newsweave::bench::kAgencies));
    if (rng.Chance(0.5)) {  // above the body, twice
      lines.push_back(caption_line);
      lines.push_back(caption_line);
      caption = false;
    }
  }
  const size_t body_first = lines.size();
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    lines.push_back(paragraphs[i]);
    if (caption && i == 0) {  // after the first paragraph, twice
      lines.push_back(caption_line);
      lines.push_back(caption_line);
    }
  }
  if (rng.Chance(0.1)) {  // the body a second time, paragraphs glued
    std::string glued;
    const char* glue = rng.Chance(0.5) ? " " : "";
    for (size_t i = body_first; i < lines.size(); ++i) {
      if (i > body_first) glued += glue;
      glued += lines[i];
    }
    lines.push_back(std::move(glued));
  }
  if (rng.Chance(s.p_bottom)) AddBottomChrome(rng, s, &lines);

  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) text += s.paragraph_sep;
    text += lines[i];
  }

  char id[16];
  std::snprintf(id, sizeof id, "b%06d", n);
  std::string slug = Slug(title);
  std::string url = "https://www." + s.domain + "/" + c.url_section + "/2026/" +
                    (slug.empty() ? "article" : slug) + "-" + std::to_string(100000 + n);

  out->push_back('{');
  AppendField("id", id, true, out);
  AppendField("source", s.name, false, out);
  AppendField("url", url, false, out);
  AppendField("title", title, false, out);
  AppendField("text", text, false, out);
  if (rng.Chance(0.7)) AppendField("lang", pool.code, false, out);
  if (rng.Chance(0.8)) AppendField("published", MakeTimestamp(rng), false, out);
  out->append("}\n");
  return text.size();
}

}  // namespace

// Parses the command line, loads the CSV's sentences and writes the corpus.
int main(int argc, char** argv) {
  CLI::App app{"Writes a synthetic JSONL corpus of dirty news articles for benchmarks."};
  int count = 20000;
  std::uint64_t seed = 1;
  int nsources = 200;
  std::string csv_path = "/work/shared/data/semeval2022-task8/train.csv";
  std::string out_path;
  app.add_option("-n,--count", count, "number of articles")->check(CLI::NonNegativeNumber);
  app.add_option("--seed", seed, "random seed; the same seed and CSV give the same corpus");
  app.add_option("--sources", nsources, "number of fake sites")->check(CLI::PositiveNumber);
  app.add_option("--csv", csv_path, "SemEval-2022 Task 8 train.csv to take sentences from");
  app.add_option("-o,--out", out_path, "output file (default: stdout)");
  CLI11_PARSE(app, argc, argv);

  std::vector<LangPool> pools;
  if (std::string err = LoadPools(csv_path, &pools); !err.empty()) {
    std::fprintf(stderr, "make_corpus: %s\n", err.c_str());
    return 1;
  }
  Rng rng(seed);
  std::vector<Source> sources = MakeSources(rng, pools, nsources);

  std::FILE* out = stdout;
  if (!out_path.empty()) {
    out = std::fopen(out_path.c_str(), "wb");
    if (!out) {
      std::perror(("make_corpus: " + out_path).c_str());
      return 1;
    }
  }
  std::string buf;
  std::uint64_t total_bytes = 0, text_bytes = 0;
  for (int n = 1; n <= count; ++n) {
    text_bytes += WriteArticle(rng, n, sources[rng.Uniform(0, nsources - 1)], &buf);
    if (buf.size() >= (1u << 20) || n == count) {
      total_bytes += buf.size();
      if (std::fwrite(buf.data(), 1, buf.size(), out) != buf.size()) {
        std::perror("make_corpus: write");
        return 1;
      }
      buf.clear();
    }
  }
  if (out != stdout ? std::fclose(out) != 0 : std::fflush(out) != 0) {
    std::perror("make_corpus: close");
    return 1;
  }
  std::fprintf(stderr,
               "make_corpus: %d articles, %.2f MB, mean %.0f bytes per JSON line, mean text "
               "%.0f bytes (%zu languages, %d sources, seed %llu)\n",
               count, total_bytes / 1e6, count ? double(total_bytes) / count : 0.0,
               count ? double(text_bytes) / count : 0.0, pools.size(), nsources,
               static_cast<unsigned long long>(seed));
  return 0;
}
