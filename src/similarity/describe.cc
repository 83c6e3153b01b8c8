// DescribeArticle and TermStatistics: the per-article side of pair similarity.
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "newsweave/similarity.h"
#include "similarity/terms.h"
#include "text/hash_slots.h"

namespace newsweave {
namespace {

using similarity::TermKind;

// Sorts and removes repeats.
template <class T>
void SortUnique(std::vector<T>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// The same for 32-bit hashes (an article's grams and shingles: a few thousand random values,
// on which a comparison sort mispredicts about every other branch): three counting passes
// of 11 bits each.
void SortUnique(std::vector<std::uint32_t>* v) {
  constexpr std::size_t kSmall = 256;
  if (v->size() < kSmall) {
    std::sort(v->begin(), v->end());
  } else {
    constexpr int kBits = 11;
    constexpr std::uint32_t kMask = (1u << kBits) - 1;
    thread_local std::vector<std::uint32_t> other;
    other.resize(v->size());
    std::uint32_t* from = v->data();
    std::uint32_t* to = other.data();
    const std::size_t n = v->size();
    for (int shift = 0; shift < 32; shift += kBits) {
      std::array<std::uint32_t, kMask + 1> start{};
      for (std::size_t i = 0; i < n; ++i) ++start[(from[i] >> shift) & kMask];
      std::uint32_t sum = 0;
      for (std::uint32_t& c : start) sum += std::exchange(c, sum);
      for (std::size_t i = 0; i < n; ++i) to[start[(from[i] >> shift) & kMask]++] = from[i];
      std::swap(from, to);
    }
    // Three passes: the sorted values are in `other`.
    std::copy(from, from + n, v->data());
  }
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// The digits of a number token ("12.000" -> "12000"); empty when fewer than two.
std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out.size() >= 2 ? out : std::string();
}

void AddGrams(std::string_view word, std::vector<std::uint32_t>* grams) {
  // "_word_" cut into 4-byte windows; short words give their one padded form.
  char buf[80];
  const std::size_t n = std::min<std::size_t>(word.size(), sizeof(buf) - 2);
  buf[0] = '_';
  std::copy(word.data(), word.data() + n, buf + 1);
  buf[n + 1] = '_';
  const std::size_t len = n + 2;
  if (len <= 4) {
    grams->push_back(static_cast<std::uint32_t>(XXH3_64bits(buf, len)));
    return;
  }
  for (std::size_t i = 0; i + 4 <= len; ++i) {
    grams->push_back(static_cast<std::uint32_t>(XXH3_64bits(buf + i, 4)));
  }
}

}  // namespace

const NeutralRepresentation& ComparableArticle::neutral() const {
  static const NeutralRepresentation kNone;
  return xling ? *xling : kNone;
}

ComparableArticle DescribeArticle(std::string_view id, std::string_view title,
                                  std::string_view published, std::string_view text,
                                  const Analysis& analysis, XlingAnalyzer* xling) {
  ComparableArticle out;
  if (xling != nullptr) {
    auto rep = std::make_shared<NeutralRepresentation>();
    xling->Represent(text, analysis, published, rep.get());
    out.xling = std::move(rep);
  }
  out.id = id;
  out.lang = analysis.language.code;
  out.published = published;
  // The title's tokens: those inside the title when the text starts with it, else the
  // first sentence's.
  std::uint32_t title_end = 0;
  if (!title.empty() && text.starts_with(title)) {
    title_end = static_cast<std::uint32_t>(title.size());
  } else if (!analysis.sentences.empty()) {
    title_end = analysis.sentences[0].end;
  }
  const std::uint64_t lang_seed = XXH3_64bits(out.lang.data(), out.lang.size());
  // Every occurrence of a term, counted after sorting; the surface forms as views into the
  // text until the first of each key is known: no allocation per token.
  std::vector<std::uint64_t> occurrences;
  std::vector<std::pair<std::uint64_t, std::string_view>> surfaces;
  std::vector<std::uint64_t> window;           // folded-word hashes, for shingles
  thread_local text::HashSlots<char> grammed;  // folded words whose grams are in
  grammed.Clear();
  constexpr int kLeadWords = 60;
  int content_words = 0;
  const std::size_t tokens = analysis.tokens.size();
  occurrences.reserve(tokens);
  surfaces.reserve(tokens);
  window.reserve(tokens);
  for (const Token& t : analysis.tokens) {
    if (t.kind == TokenKind::kOther) continue;
    std::string_view surface = text.substr(t.start, t.end - t.start);
    std::string_view folded = analysis.Folded(t);
    const std::uint64_t word_hash = XXH3_64bits(folded.data(), folded.size());
    window.push_back(word_hash);
    if (window.size() >= 3) {
      const std::uint64_t* w = window.data() + window.size() - 3;
      out.shingles.push_back(static_cast<std::uint32_t>(XXH3_64bits(w, 3 * sizeof(std::uint64_t))));
    }
    if (t.kind == TokenKind::kNumber) {
      std::string digits = Digits(surface);
      if (digits.empty()) continue;
      std::uint64_t key =
          similarity::MakeTerm(XXH3_64bits(digits.data(), digits.size()), TermKind::kNumber);
      out.numbers.push_back(key);
      occurrences.push_back(key);
      surfaces.emplace_back(key, surface);
      continue;
    }
    ++out.words;
    if (t.stopword || folded.size() < 2) continue;
    std::string_view stem = analysis.Stem(t);
    std::uint64_t key = similarity::MakeTerm(
        XXH3_64bits_withSeed(stem.data(), stem.size(), lang_seed), TermKind::kWord);
    occurrences.push_back(key);
    if (t.start < title_end) out.title.push_back(key);
    if (content_words++ < kLeadWords) out.lead.push_back(key);
    if (grammed.Insert(word_hash).second) AddGrams(folded, &out.grams);  // once per word
    if (t.capitalized && !t.sentence_initial) {
      std::uint64_t name = similarity::MakeTerm(word_hash, TermKind::kName);
      out.names.push_back(name);
      surfaces.emplace_back(name, surface);
    }
    surfaces.emplace_back(key, surface);
  }
  std::sort(occurrences.begin(), occurrences.end());
  for (std::size_t i = 0; i < occurrences.size();) {
    std::size_t j = i + 1;
    while (j < occurrences.size() && occurrences[j] == occurrences[i]) ++j;
    out.terms.push_back(TermCount{occurrences[i], static_cast<std::uint32_t>(j - i)});
    i = j;
  }
  SortUnique(&out.title);
  SortUnique(&out.lead);
  SortUnique(&out.names);
  SortUnique(&out.numbers);
  SortUnique(&out.grams);
  SortUnique(&out.shingles);
  // First surface form seen per key.
  std::stable_sort(surfaces.begin(), surfaces.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  surfaces.erase(std::unique(surfaces.begin(), surfaces.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 surfaces.end());
  out.labels.reserve(surfaces.size());
  for (const auto& [key, surface] : surfaces) out.labels.emplace_back(key, std::string(surface));
  return out;
}

namespace {
// The prior: a content word is taken to appear in 5% of articles, a number or a name in 2%.
constexpr double kWordRate = 0.05, kOtherRate = 0.02;
constexpr std::uint32_t kTabulated = 4096;  // log(df + prior + 1) kept for df below this
}  // namespace

struct TermStatistics::Impl {
  DocumentFrequencies neutral;        // of the cross-lingual features
  text::HashSlots<std::uint32_t> df;  // flat: Idf is called for every term of every pair
  double log_documents = 0;           // log(documents + prior + 1)
  // log(df + prior * rate + 1) by df, for words [0] and for numbers and names [1].
  std::vector<double> log_df[2];
};

TermStatistics::TermStatistics(double prior_documents)
    : impl_(std::make_shared<Impl>()), prior_(prior_documents) {
  for (int kind = 0; kind < 2; ++kind) {
    const double rate = kind == 0 ? kWordRate : kOtherRate;
    impl_->log_df[kind].resize(kTabulated);
    for (std::uint32_t df = 0; df < kTabulated; ++df) {
      impl_->log_df[kind][df] = std::log(df + prior_ * rate + 1.0);
    }
  }
  impl_->log_documents = std::log(prior_ + 1.0);
}

void TermStatistics::Add(const ComparableArticle& article) {
  ++documents_;
  for (const TermCount& t : article.terms) ++*impl_->df.Insert(t.term).first;
  for (std::uint64_t name : article.names) ++*impl_->df.Insert(name).first;
  // The sampled grams only (sorted: they come first); no other gram is weighed.
  for (std::uint32_t gram : article.grams) {
    if (gram >= similarity::kGramSample) break;
    ++*impl_->df.Insert(similarity::MakeTerm(gram, TermKind::kGram)).first;
  }
  impl_->neutral.Add(article.neutral());
  impl_->log_documents = std::log(static_cast<double>(documents_) + prior_ + 1.0);
}

const DocumentFrequencies& TermStatistics::neutral() const { return impl_->neutral; }

std::uint32_t TermStatistics::DocumentCount(std::uint64_t term) const {
  const std::uint32_t* found = impl_->df.Find(term);
  return found ? *found : 0;
}

double TermStatistics::Idf(std::uint64_t term) const {
  const std::uint32_t* found = impl_->df.Find(term);
  const std::uint32_t df = found ? *found : 0;
  const int kind = similarity::KindOf(term) == TermKind::kWord ? 0 : 1;
  const double log_df = df < kTabulated
                            ? impl_->log_df[kind][df]
                            : std::log(df + prior_ * (kind == 0 ? kWordRate : kOtherRate) + 1.0);
  return impl_->log_documents - log_df + 1e-3;
}

}  // namespace newsweave
