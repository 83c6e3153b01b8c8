// ComparePair: the features of a pair of comparable articles.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "newsweave/similarity.h"
#include "similarity/terms.h"

namespace newsweave {
namespace {

// Size of the intersection of two sorted vectors without repeats.
template <class T>
std::size_t Shared(const std::vector<T>& a, const std::vector<T>& b) {
  std::size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

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

double TermWeight(const TermCount& t, const TermStatistics& stats) {
  return (1.0 + std::log(static_cast<double>(t.count))) * stats.Idf(t.term);
}

// Each term's weight, in the order of a.terms.
void TermWeights(const ComparableArticle& a, const TermStatistics& stats, std::vector<double>* w) {
  w->clear();
  for (const TermCount& t : a.terms) w->push_back(TermWeight(t, stats));
}

// TF-IDF cosine of the two term vectors (sublinear term frequency), from their weights.
float TermCosine(const ComparableArticle& a, const std::vector<double>& wa,
                 const ComparableArticle& b, const std::vector<double>& wb) {
  double dot = 0, na = 0, nb = 0;
  std::size_t i = 0, j = 0;
  while (i < a.terms.size() || j < b.terms.size()) {
    if (j == b.terms.size() || (i < a.terms.size() && a.terms[i].term < b.terms[j].term)) {
      na += wa[i] * wa[i];
      ++i;
    } else if (i == a.terms.size() || b.terms[j].term < a.terms[i].term) {
      nb += wb[j] * wb[j];
      ++j;
    } else {
      dot += wa[i] * wb[j];
      na += wa[i] * wa[i];
      nb += wb[j] * wb[j];
      ++i;
      ++j;
    }
  }
  return na > 0 && nb > 0 ? static_cast<float>(dot / std::sqrt(na * nb)) : 0.f;
}

// IDF-weighted cosine of two sets of keys.
float WeightedSetCosine(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b,
                        const TermStatistics& stats) {
  double dot = 0, na = 0, nb = 0;
  for (std::uint64_t k : a) na += stats.Idf(k) * stats.Idf(k);
  for (std::uint64_t k : b) nb += stats.Idf(k) * stats.Idf(k);
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      dot += stats.Idf(a[i]) * stats.Idf(a[i]);
      ++i;
      ++j;
    }
  }
  return na > 0 && nb > 0 ? static_cast<float>(dot / std::sqrt(na * nb)) : 0.f;
}

// Share of the title's terms found among the other article's terms, averaged both ways.
float TitleInText(const ComparableArticle& a, const ComparableArticle& b) {
  auto found = [](const ComparableArticle& x, const ComparableArticle& y) {
    if (x.title.empty()) return 0.0;
    std::size_t hit = 0, j = 0;
    for (std::uint64_t t : x.title) {
      while (j < y.terms.size() && y.terms[j].term < t) ++j;
      hit += j < y.terms.size() && y.terms[j].term == t;
    }
    return static_cast<double>(hit) / static_cast<double>(x.title.size());
  };
  return static_cast<float>((found(a, b) + found(b, a)) / 2);
}

// Jaccard similarity of the two representations' features of one kind.
float KindJaccard(const NeutralRepresentation& a, const NeutralRepresentation& b,
                  FeatureKind kind) {
  std::size_t i = 0, j = 0, shared = 0, na = 0, nb = 0;
  const auto& fa = a.features;
  const auto& fb = b.features;
  for (const Feature& f : fa) na += f.kind == kind;
  for (const Feature& f : fb) nb += f.kind == kind;
  while (i < fa.size() && j < fb.size()) {
    if (fa[i].id < fb[j].id) {
      ++i;
    } else if (fb[j].id < fa[i].id) {
      ++j;
    } else {
      shared += fa[i].kind == kind;
      ++i;
      ++j;
    }
  }
  const std::size_t all = na + nb - shared;
  return all ? static_cast<float>(shared) / static_cast<float>(all) : 0.f;
}

// IDF-weighted cosine of the character 4-gram sets: shared rare spellings (names, stems,
// numbers) count, the grams of common words hardly. Computed on the quarter of gram space
// below kGramSample (the same quarter for every article), which keeps it cheap.
float GramCosine(const ComparableArticle& a, const ComparableArticle& b,
                 const TermStatistics& stats) {
  constexpr std::uint32_t kGramSample = 1u << 30;
  const std::size_t a_end = static_cast<std::size_t>(
      std::lower_bound(a.grams.begin(), a.grams.end(), kGramSample) - a.grams.begin());
  const std::size_t b_end = static_cast<std::size_t>(
      std::lower_bound(b.grams.begin(), b.grams.end(), kGramSample) - b.grams.begin());
  auto weight = [&](std::uint32_t g) {
    return stats.Idf(similarity::MakeTerm(g, similarity::TermKind::kGram));
  };
  double dot = 0, na = 0, nb = 0;
  std::size_t i = 0, j = 0;
  while (i < a_end || j < b_end) {
    if (j == b_end || (i < a_end && a.grams[i] < b.grams[j])) {
      const double w = weight(a.grams[i++]);
      na += w * w;
    } else if (i == a_end || b.grams[j] < a.grams[i]) {
      const double w = weight(b.grams[j++]);
      nb += w * w;
    } else {
      const double w = weight(a.grams[i++]);
      ++j;
      dot += w * w;
      na += w * w;
      nb += w * w;
    }
  }
  return na > 0 && nb > 0 ? static_cast<float>(dot / std::sqrt(na * nb)) : 0.f;
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

// The article's k heaviest terms (weights as TermWeights gives them), sorted by hash.
std::vector<std::uint64_t> TopTerms(const ComparableArticle& a, const std::vector<double>& w,
                                    std::size_t k) {
  std::vector<std::pair<double, std::uint64_t>> weighted;
  weighted.reserve(a.terms.size());
  for (std::size_t i = 0; i < a.terms.size(); ++i) weighted.emplace_back(-w[i], a.terms[i].term);
  const std::size_t n = std::min(k, weighted.size());
  std::partial_sort(weighted.begin(), weighted.begin() + static_cast<long>(n), weighted.end());
  std::vector<std::uint64_t> top;
  for (std::size_t i = 0; i < n; ++i) top.push_back(weighted[i].second);
  std::sort(top.begin(), top.end());
  return top;
}

// Share of one's top terms found among all the other's terms, averaged both ways.
float TopTermOverlap(const ComparableArticle& a, const std::vector<double>& wa,
                     const ComparableArticle& b, const std::vector<double>& wb) {
  auto found = [&](const ComparableArticle& x, const std::vector<double>& wx,
                   const ComparableArticle& y) {
    std::vector<std::uint64_t> top = TopTerms(x, wx, 10);
    if (top.empty()) return 0.0;
    std::size_t hit = 0, j = 0;
    for (std::uint64_t t : top) {
      while (j < y.terms.size() && y.terms[j].term < t) ++j;
      hit += j < y.terms.size() && y.terms[j].term == t;
    }
    return static_cast<double>(hit) / static_cast<double>(top.size());
  };
  return static_cast<float>((found(a, wa, b) + found(b, wb, a)) / 2);
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

PairFeatures ComparePair(const ComparableArticle& a, const ComparableArticle& b,
                         const TermStatistics& stats) {
  PairFeatures f{};
  f[0] = a.lang == b.lang ? 1.f : 0.f;
  // Term weights once per pair: the cosine and the top terms both read them.
  thread_local std::vector<double> wa, wb;
  TermWeights(a, stats, &wa);
  TermWeights(b, stats, &wb);
  f[1] = TermCosine(a, wa, b, wb);
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
  f[13] = WeightedSetCosine(a.names, b.names, stats);
  f[14] = Jaccard(a.lead, b.lead);
  f[15] = TitleInText(a, b);
  f[16] = static_cast<float>(Similarity(a.xling, b.xling, stats.neutral()));
  f[17] = static_cast<float>(AnchorOrder(a.xling, b.xling));
  f[18] = KindJaccard(a.xling, b.xling, FeatureKind::kEntity);
  f[19] = KindJaccard(a.xling, b.xling, FeatureKind::kDate);
  f[20] = KindJaccard(a.xling, b.xling, FeatureKind::kNumber);
  // Whether both languages write names with capitals: without case (Arabic, Chinese,
  // Hebrew, ...) the name features say nothing.
  f[21] = Cased(a.lang) && Cased(b.lang) ? 1.f : 0.f;
  f[22] = GramCosine(a, b, stats);
  return f;
}

}  // namespace newsweave
