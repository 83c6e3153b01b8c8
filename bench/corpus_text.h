// Building blocks of the corpus generators (make_corpus, make_dup_corpus): a seeded random
// generator, an RFC 4180 CSV reader, per-language sentence pools read from the SemEval-2022
// Task 8 CSV, per-language site chrome and JSON output helpers.
#ifndef NEWSWEAVE_BENCH_CORPUS_TEXT_H_
#define NEWSWEAVE_BENCH_CORPUS_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/csv_reader.h"

namespace newsweave::bench {

// xoshiro256** seeded through splitmix64: the same seed gives the same stream on every
// platform (unlike the std:: distributions).
class Rng {
 public:
  // Seeds the four words of state from `seed`.
  explicit Rng(std::uint64_t seed);

  // Returns the next 64 random bits.
  std::uint64_t Next();

  // Returns a double uniform in [0, 1).
  double Real() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // Returns an integer uniform in [lo, hi] (lo <= hi).
  int Uniform(int lo, int hi) {
    return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }

  // Returns true with probability p.
  bool Chance(double p) { return Real() < p; }

  // Returns a uniformly chosen element of the non-empty container `c`.
  template <class C>
  const auto& Pick(const C& c) {
    return c[static_cast<std::size_t>(Uniform(0, static_cast<int>(c.size()) - 1))];
  }

 private:
  std::uint64_t s_[4];
};

// The RFC 4180 CSV reader (ingest/csv_reader.h), under its old name here.
using CsvReader = ingest::CsvReader;

// Sentences of one language, taken from the CSV.
struct LangPool {
  std::string code;
  std::uint64_t texts = 0;               // CSV texts in this language: the language's weight
  std::vector<std::string> sentences;    // body sentences
  std::vector<std::string> short_lines;  // short sentences without final punctuation
};

// Reads the whole file at `path` into *out; returns false when it cannot be opened.
bool ReadFile(const std::string& path, std::string* out);

// Reads the CSV at `path` and fills *pools with the sentences of each language, ordered by
// language code. Texts are split into sentences on ". ", "! ", "? ", full-width and Arabic
// stops and line breaks; sentences of 30-280 bytes of clean UTF-8 are kept, each once.
// Languages with fewer than 100 sentences are left out. Returns an error message, or "" on
// success.
std::string LoadPools(const std::string& path, std::vector<LangPool>* pools);

// Returns an index drawn with probability proportional to `weights`.
std::size_t PickWeighted(Rng& rng, const std::vector<double>& weights);

// The chrome lines a site in one language prints around its articles. Patterns hold "{}"
// where a value goes (see Fill).
struct Chrome {
  // Top kinds: skip link, menu, breadcrumb, advertisement, reading time, share, listen.
  static constexpr int kTopKinds = 7;
  // Bottom kinds: related links with headlines, copyright, newsletter, app, follow, share.
  static constexpr int kBottomKinds = 6;

  std::string skip, menu, home, advertisement, reading_time, share, listen;
  std::string related, copyright, newsletter, app, follow, photo, url_section;
  std::vector<std::string> sections, regions;
};

// Returns the chrome of `lang` ("en", "fr", "de", "es"; English for any other).
const Chrome& ChromeFor(std::string_view lang);

// News agencies named in photo credits.
extern const std::vector<std::string> kAgencies;

// Returns `pattern` with its first "{}" replaced by `value`.
std::string Fill(std::string_view pattern, std::string_view value);

// Appends `s` to *out as a JSON string literal. `s` must be valid UTF-8.
void AppendJsonString(std::string_view s, std::string* out);

// Appends `"key":` and the JSON string `value` to *out, with a leading comma unless first.
void AppendField(std::string_view key, std::string_view value, bool first, std::string* out);

// Returns an ISO 8601 timestamp within 2026 in one of the forms feeds use.
std::string MakeTimestamp(Rng& rng);

// Splits `s` on spaces into its non-empty pieces.
std::vector<std::string> SplitSpaces(std::string_view s);

// The pieces joined with single spaces.
std::string JoinPieces(const std::vector<std::string>& pieces);

}  // namespace newsweave::bench

#endif  // NEWSWEAVE_BENCH_CORPUS_TEXT_H_
