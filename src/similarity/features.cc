// ComparePair: the features of a pair of comparable articles.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "newsweave/similarity.h"
#include "similarity/terms.h"
#include "text/sorted_merge.h"

namespace newsweave {
namespace {

// Size of the intersection of two sorted vectors without repeats. Branch-free steps: the
// comparisons are unpredictable, and gram sets run to thousands.
template <class T>
std::size_t Shared(const std::vector<T>& a, const std::vector<T>& b) {
  const T* x = a.data();
  const T* y = b.data();
  const T* x_end = x + a.size();
  const T* y_end = y + b.size();
  std::size_t n = 0;
  while (x < x_end && y < y_end) {
    const T u = *x, v = *y;
    n += u == v;
    x += u <= v;
    y += v <= u;
  }
  return n;
}

#if defined(__SSE2__)
// Shared() of 32-bit keys, four against four at once (each block of `a` compared with every
// rotation of the block of `b`; the block whose last key is smaller is done). The gram sets
// of two articles run to thousands of keys each: this is most of a pair's cost.
template <>
std::size_t Shared(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t i = 0, j = 0, n = 0;
  const std::uint32_t* x = a.data();
  const std::uint32_t* y = b.data();
  while (i + 4 <= a.size() && j + 4 <= b.size()) {
    const __m128i u = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x + i));
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(y + j));
    __m128i eq = _mm_cmpeq_epi32(u, v);
    eq = _mm_or_si128(eq, _mm_cmpeq_epi32(u, _mm_shuffle_epi32(v, _MM_SHUFFLE(0, 3, 2, 1))));
    eq = _mm_or_si128(eq, _mm_cmpeq_epi32(u, _mm_shuffle_epi32(v, _MM_SHUFFLE(1, 0, 3, 2))));
    eq = _mm_or_si128(eq, _mm_cmpeq_epi32(u, _mm_shuffle_epi32(v, _MM_SHUFFLE(2, 1, 0, 3))));
    // Bits set in the 4-bit mask (a table: no popcnt instruction in baseline x86-64).
    constexpr unsigned char kBits[16] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};
    n += kBits[_mm_movemask_ps(_mm_castsi128_ps(eq))];
    const std::uint32_t last_x = x[i + 3], last_y = y[j + 3];
    i += last_x <= last_y ? 4 : 0;
    j += last_y <= last_x ? 4 : 0;
  }
  while (i < a.size() && j < b.size()) {
    const std::uint32_t p = x[i], q = y[j];
    n += p == q;
    i += p <= q;
    j += q <= p;
  }
  return n;
}
#endif

template <class T>
float Jaccard(const std::vector<T>& a, const std::vector<T>& b) {
  const std::size_t shared = Shared(a, b);
  const std::size_t all = a.size() + b.size() - shared;
  return all ? static_cast<float>(shared) / static_cast<float>(all) : 0.f;
}

template <class T>
float Containment(const std::vector<T>& a, const std::vector<T>& b) {
  const std::size_t small = std::min(a.size(), b.size());
  return small ? static_cast<float>(Shared(a, b)) / static_cast<float>(small) : 0.f;
}

template <class T>
float SetCosine(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.empty() || b.empty()) return 0.f;
  return static_cast<float>(Shared(a, b) / std::sqrt(static_cast<double>(a.size()) * b.size()));
}

// The sum of the squared weights, in order (ArticleWeights keeps it per list).
double SquaredNorm(const std::vector<float>& w) {
  double n = 0;
  for (float x : w) n += double{x} * x;
  return n;
}

// TF-IDF cosine of the two term vectors (sublinear term frequency), from their weights and
// their squared norms.
float TermCosine(const ComparableArticle& a, const std::vector<float>& wa, double na,
                 const ComparableArticle& b, const std::vector<float>& wb, double nb) {
  double dot = 0;
  text::ForEachShared(
      a.terms.size(), b.terms.size(), [&](std::size_t i) { return a.terms[i].term; },
      [&](std::size_t j) { return b.terms[j].term; },
      [&](std::size_t i, std::size_t j) { dot += double{wa[i]} * wb[j]; });
  return na > 0 && nb > 0 ? static_cast<float>(dot / std::sqrt(na * nb)) : 0.f;
}

// Weighted cosine of two sorted sets of keys, each key weighing its weight squared, from the
// weights' squared norms (SquaredNorm); the weights may cover a prefix of the keys only (the
// sampled grams), the rest is left out.
template <class T>
float WeightedSetCosine(const std::vector<T>& a, const std::vector<float>& wa, double na,
                        const std::vector<T>& b, const std::vector<float>& wb, double nb) {
  double dot = 0;
  text::ForEachShared(
      wa.size(), wb.size(), [&](std::size_t i) { return a[i]; },
      [&](std::size_t j) { return b[j]; },
      [&](std::size_t i, std::size_t) { dot += double{wa[i]} * wa[i]; });
  return na > 0 && nb > 0 ? static_cast<float>(dot / std::sqrt(na * nb)) : 0.f;
}

// Share of `keys` (sorted) found among the terms of `y`; 0 when there are none.
double ShareInTerms(const std::vector<std::uint64_t>& keys, const ComparableArticle& y) {
  if (keys.empty()) return 0.0;
  std::size_t hit = 0, j = 0;
  for (std::uint64_t t : keys) {
    while (j < y.terms.size() && y.terms[j].term < t) ++j;
    hit += j < y.terms.size() && y.terms[j].term == t;
  }
  return static_cast<double>(hit) / static_cast<double>(keys.size());
}

// Share of the title's terms found among the other article's terms, averaged both ways.
float TitleInText(const ComparableArticle& a, const ComparableArticle& b) {
  return static_cast<float>((ShareInTerms(a.title, b) + ShareInTerms(b.title, a)) / 2);
}

// True for languages written in a script with letter case.
bool Cased(std::string_view lang) {
  static constexpr std::string_view kUncased[] = {"ar", "fa", "ur", "he", "zh", "ja", "ko",
                                                  "th", "hi", "bn", "ta", "ka", "am", "und"};
  for (std::string_view u : kUncased) {
    if (lang == u) return false;
  }
  return true;
}

// Share of one's top terms found among all the other's terms, averaged both ways.
float TopTermOverlap(const ComparableArticle& a, const ArticleWeights& wa,
                     const ComparableArticle& b, const ArticleWeights& wb) {
  return static_cast<float>((ShareInTerms(wa.top_terms, b) + ShareInTerms(wb.top_terms, a)) / 2);
}

// Days between two ISO 8601 dates (their date parts), or -1 when either is unknown.
float DateGapDays(std::string_view a, std::string_view b) {
  const double x = std::floor(DaysSinceEpoch(a)), y = std::floor(DaysSinceEpoch(b));
  return std::isnan(x) || std::isnan(y) ? -1.f : static_cast<float>(std::fabs(x - y));
}

}  // namespace

double DaysSinceEpoch(std::string_view s) {
  auto number = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nan("");
  int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return std::nan("");
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  double days = static_cast<double>(era * 146097 + doe - 719468);
  // The time of day, when given as THH:MM or " HH:MM".
  if (s.size() >= 16 && (s[10] == 'T' || s[10] == ' ') && s[13] == ':') {
    int hh = number(11, 2), mm = number(14, 2);
    if (hh >= 0 && hh < 24 && mm >= 0 && mm < 60) days += (hh * 60 + mm) / 1440.0;
  }
  return days;
}

const std::array<const char*, kSimilarityFeatures>& FeatureNames() {
  // Every name must be given: the array's size is kSimilarityFeatures.
  static const std::array<const char*, kSimilarityFeatures> kNames = {
      "same_language",          "term_cosine",          "title_jaccard",       "name_jaccard",
      "name_containment",       "number_jaccard",       "numbers_shared",      "gram_cosine",
      "shingle_jaccard",        "length_ratio",         "log_min_words",       "top_term_overlap",
      "date_gap_days",          "name_weighted_cosine", "lead_jaccard",        "title_in_text",
      "neutral_similarity",     "anchor_order",         "entity_key_jaccard",  "date_jaccard",
      "neutral_number_jaccard", "both_cased",           "gram_weighted_cosine"};
  return kNames;
}

ArticleWeights WeighArticle(const ComparableArticle& a, const TermStatistics& stats) {
  ArticleWeights w;
  w.documents = stats.documents();
  w.terms.reserve(a.terms.size());
  for (const TermCount& t : a.terms) {
    w.terms.push_back(
        static_cast<float>((1.0 + std::log(static_cast<double>(t.count))) * stats.Idf(t.term)));
  }
  w.names.reserve(a.names.size());
  for (std::uint64_t n : a.names) w.names.push_back(static_cast<float>(stats.Idf(n)));
  const auto gram_end = std::lower_bound(a.grams.begin(), a.grams.end(), similarity::kGramSample);
  w.grams.reserve(static_cast<std::size_t>(gram_end - a.grams.begin()));
  for (auto g = a.grams.begin(); g != gram_end; ++g) {
    w.grams.push_back(
        static_cast<float>(stats.Idf(similarity::MakeTerm(*g, similarity::TermKind::kGram))));
  }
  w.neutral = FeatureWeights(a.neutral(), stats.neutral());
  // The 10 heaviest terms; ties go to the smaller hash.
  std::vector<std::pair<float, std::uint64_t>> weighted;
  weighted.reserve(a.terms.size());
  for (std::size_t i = 0; i < a.terms.size(); ++i)
    weighted.emplace_back(-w.terms[i], a.terms[i].term);
  const std::size_t n = std::min<std::size_t>(10, weighted.size());
  std::partial_sort(weighted.begin(), weighted.begin() + static_cast<long>(n), weighted.end());
  for (std::size_t i = 0; i < n; ++i) w.top_terms.push_back(weighted[i].second);
  std::sort(w.top_terms.begin(), w.top_terms.end());
  w.terms_norm2 = SquaredNorm(w.terms);
  w.names_norm2 = SquaredNorm(w.names);
  w.grams_norm2 = SquaredNorm(w.grams);
  return w;
}

float NameCosine(const ComparableArticle& a, const ArticleWeights& wa, const ComparableArticle& b,
                 const ArticleWeights& wb) {
  return WeightedSetCosine(a.names, wa.names, wa.names_norm2, b.names, wb.names, wb.names_norm2);
}

PairFeatures ComparePair(const ComparableArticle& a, const ComparableArticle& b,
                         const TermStatistics& stats) {
  return ComparePair(a, WeighArticle(a, stats), b, WeighArticle(b, stats));
}

PairFeatures ComparePair(const ComparableArticle& a, const ArticleWeights& wa,
                         const ComparableArticle& b, const ArticleWeights& wb) {
  PairFeatures f{};
  f[0] = a.lang == b.lang ? 1.f : 0.f;
  f[1] = TermCosine(a, wa.terms, wa.terms_norm2, b, wb.terms, wb.terms_norm2);
  f[2] = Jaccard(a.title, b.title);
  f[3] = Jaccard(a.names, b.names);
  f[4] = Containment(a.names, b.names);
  f[5] = Jaccard(a.numbers, b.numbers);
  f[6] = static_cast<float>(std::min<std::size_t>(Shared(a.numbers, b.numbers), 10));
  f[7] = SetCosine(a.grams, b.grams);
  f[8] = Jaccard(a.shingles, b.shingles);
  const double small = std::min(a.words, b.words), large = std::max(a.words, b.words);
  f[9] = large > 0 ? static_cast<float>(small / large) : 0.f;
  f[10] = static_cast<float>(std::log1p(small));
  f[11] = TopTermOverlap(a, wa, b, wb);
  f[12] = DateGapDays(a.published, b.published);
  f[13] = NameCosine(a, wa, b, wb);
  f[14] = Jaccard(a.lead, b.lead);
  f[15] = TitleInText(a, b);
  const NeutralOverlap neutral = CompareNeutral(a.neutral(), wa.neutral, b.neutral(), wb.neutral);
  f[16] = static_cast<float>(neutral.similarity);
  f[17] = static_cast<float>(AnchorOrder(a.neutral(), b.neutral()));
  f[18] = static_cast<float>(neutral.Jaccard(FeatureKind::kEntity));
  f[19] = static_cast<float>(neutral.Jaccard(FeatureKind::kDate));
  f[20] = static_cast<float>(neutral.Jaccard(FeatureKind::kNumber));
  // Whether both languages write names with capitals: without case (Arabic, Chinese,
  // Hebrew, ...) the name features say nothing.
  f[21] = Cased(a.lang) && Cased(b.lang) ? 1.f : 0.f;
  // IDF-weighted cosine of the character 4-gram sets: shared rare spellings (names, stems,
  // numbers) count, the grams of common words hardly. On the sampled quarter of gram space.
  f[22] = WeightedSetCosine(a.grams, wa.grams, wa.grams_norm2, b.grams, wb.grams, wb.grams_norm2);
  return f;
}

}  // namespace newsweave
