// Building blocks of the corpus generator (make_corpus): a seeded random generator, an
// RFC 4180 CSV reader and per-language site chrome.
#ifndef NEWSWEAVE_BENCH_CORPUS_TEXT_H_
#define NEWSWEAVE_BENCH_CORPUS_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// Reads RFC 4180 CSV held in memory: fields separated by commas, records by CRLF or LF;
// quoted fields may hold commas, line breaks and doubled quotes. A UTF-8 byte order mark
// is skipped. Lenient where the RFC is not: text after a closing quote is kept.
class CsvReader {
 public:
  // `data` must outlive the reader.
  explicit CsvReader(std::string_view data);

  // Stores the next record's fields in *fields and returns true; returns false at the end
  // of the data or on an error (see error()).
  bool NextRow(std::vector<std::string>* fields);

  // Empty, or what was wrong (an unterminated quoted field) with its 1-based line.
  const std::string& error() const { return error_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::string error_;
};

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

}  // namespace newsweave::bench

#endif  // NEWSWEAVE_BENCH_CORPUS_TEXT_H_
