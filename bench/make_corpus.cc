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
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "bench/corpus_text.h"

namespace {

using newsweave::bench::Chrome;
using newsweave::bench::ChromeFor;
using newsweave::bench::CsvReader;
using newsweave::bench::Fill;
using newsweave::bench::Rng;

// Sentences of one language, taken from the CSV.
struct LangPool {
  std::string code;
  std::uint64_t texts = 0;               // CSV texts in this language: the language's weight
  std::vector<std::string> sentences;    // body sentences
  std::vector<std::string> short_lines;  // short sentences without final punctuation
};

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

// Reads the whole file at `path` into *out; returns false when it cannot be opened.
bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = std::move(ss).str();
  return true;
}

// Returns true when `s` is well-formed UTF-8 without C0 control characters other than tab
// (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsCleanUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
      ++i;
      continue;
    }
    int len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

// Returns `s` with runs of spaces and tabs collapsed to one space, trimmed at both ends.
std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Returns the length of the sentence terminator at s[i] (".", "!", "?" followed by a space,
// or a full-width / Arabic stop), or 0 when there is none.
size_t TerminatorAt(std::string_view s, size_t i) {
  char c = s[i];
  if (c == '.' || c == '!' || c == '?') {
    return (i + 1 == s.size() || s[i + 1] == ' ') ? 1 : 0;
  }
  static constexpr std::string_view kWide[] = {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F",
                                               "\xD8\x9F"};  // 。！？ and Arabic ؟
  for (std::string_view w : kWide) {
    if (s.substr(i, w.size()) == w) return w.size();
  }
  return 0;
}

// Splits `text` into sentences (on ". ", "! ", "? ", full-width stops and newlines) and
// adds the usable ones to `pool`; `seen` drops sentences already taken.
void AddSentences(std::string_view text, LangPool* pool, std::unordered_set<std::string>* seen) {
  constexpr size_t kMinBytes = 30, kMaxBytes = 280, kMaxShortBytes = 90;
  auto take = [&](std::string_view raw) {
    std::string s = CollapseSpaces(raw);
    if (s.size() < kMinBytes || s.size() > kMaxBytes || !IsCleanUtf8(s)) return;
    if (!seen->insert(s).second) return;
    if (s.size() <= kMaxShortBytes) {
      std::string t = s;
      while (!t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?')) t.pop_back();
      pool->short_lines.push_back(std::move(t));
    }
    pool->sentences.push_back(std::move(s));
  };
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      take(text.substr(start, i - start));
      start = i + 1;
    } else if (size_t t = TerminatorAt(text, i)) {
      take(text.substr(start, i + t - start));
      start = i + t;
      i = start - 1;
    }
  }
  if (start < text.size()) take(text.substr(start));
}

// Reads the CSV at `path` and fills *pools with the sentences of each language, ordered by
// language code. Returns an error message, or "" on success.
std::string LoadPools(const std::string& path, std::vector<LangPool>* pools) {
  std::string data;
  if (!ReadFile(path, &data)) return "cannot read " + path;
  CsvReader csv(data);
  std::vector<std::string> header, row;
  if (!csv.NextRow(&header)) return path + ": empty CSV";
  auto column = [&](std::string_view name) -> int {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  const int lang1 = column("lang1"), lang2 = column("lang2");
  const int text1 = column("text1"), text2 = column("text2");
  if (lang1 < 0 || lang2 < 0 || text1 < 0 || text2 < 0) {
    return path + ": missing one of the columns lang1, lang2, text1, text2";
  }
  const int needed = std::max({lang1, lang2, text1, text2});
  std::map<std::string, LangPool> by_lang;
  std::unordered_set<std::string> seen;
  while (csv.NextRow(&row)) {
    if (static_cast<int>(row.size()) <= needed) continue;
    for (auto [l, t] : {std::pair{lang1, text1}, std::pair{lang2, text2}}) {
      if (row[l].empty() || row[t].empty()) continue;
      LangPool& pool = by_lang[row[l]];
      pool.code = row[l];
      ++pool.texts;
      AddSentences(row[t], &pool, &seen);
    }
  }
  if (!csv.error().empty()) return path + ": " + csv.error();
  for (auto& [code, pool] : by_lang) {
    // A language needs enough material to make articles that do not repeat themselves.
    if (pool.sentences.size() >= 100 && pool.short_lines.size() >= 10) {
      pools->push_back(std::move(pool));
    }
  }
  if (pools->empty()) return path + ": no language has enough sentences";
  return "";
}

// Returns an index drawn with probability proportional to `weights`.
size_t PickWeighted(Rng& rng, const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  double x = rng.Real() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;
}

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

// Appends `s` to *out as a JSON string literal. `s` must be valid UTF-8.
void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          *out += "\\u00";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

// Appends `"key":` and the JSON string `value` to *out, with a leading comma unless first.
void AppendField(std::string_view key, std::string_view value, bool first, std::string* out) {
  if (!first) out->push_back(',');
  AppendJsonString(key, out);
  out->push_back(':');
  AppendJsonString(value, out);
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

// Returns an ISO 8601 timestamp within 2026 in one of the forms feeds use.
std::string MakeTimestamp(Rng& rng) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = rng.Uniform(1, 12);
  int day = rng.Uniform(1, kDays[month - 1]);
  char buf[40];
  double form = rng.Real();
  if (form < 0.1) {
    std::snprintf(buf, sizeof buf, "2026-%02d-%02d", month, day);
  } else if (form < 0.3) {
    std::snprintf(buf, sizeof buf, "2026-%02d-%02dT%02d:%02d:%02d+0%d:00", month, day,
                  rng.Uniform(0, 23), rng.Uniform(0, 59), rng.Uniform(0, 59), rng.Uniform(1, 3));
  } else {
    std::snprintf(buf, sizeof buf, "2026-%02d-%02dT%02d:%02d:%02dZ", month, day, rng.Uniform(0, 23),
                  rng.Uniform(0, 59), rng.Uniform(0, 59));
  }
  return buf;
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
