// Translation candidates through an inverted index on each article's rarest features.
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "newsweave/parallel.h"
#include "newsweave/xling.h"
#include "text/keyed_lists.h"
#include "text/sorted_merge.h"

namespace newsweave {

struct TranslationIndex::Impl {
  TranslationOptions options;
  std::vector<std::shared_ptr<const NeutralRepresentation>> reps;
  DocumentFrequencies df;
  // Kept up to date by Add(): per feature, the articles holding it. Features beyond
  // max_posting_share are skipped at query time.
  text::KeyedLists holders;

  // Weights depend on the corpus' idf, which every Add() changes: computed when first needed,
  // and again once the corpus has grown by more than a quarter since (idf moves slowly), so
  // that a query after a few Adds to a large index costs only the articles it touches and a
  // stream added in batches weighs each article a few times, not once per batch.
  std::vector<std::uint16_t> lang_ids;  // per article, a number per language (compared in
                                        // the lookups' inner loop instead of the strings)
  std::unordered_map<std::string, std::uint16_t> lang_numbers;
  std::vector<std::uint64_t> weighed_at;    // per article, the articles counted when weighed (0:
                                            // not yet)
  std::vector<std::vector<float>> weights;  // per article, per feature: tf * idf
  std::vector<double> norms;                // squared, over all features
  std::vector<double> term_norms2;          // squared norm of the pivot terms alone

  void Index(std::uint32_t i) {
    for (const Feature& f : reps[i]->features) holders.Append(f.id, i);
    weighed_at.push_back(0);
    weights.emplace_back();
    norms.push_back(0);
    term_norms2.push_back(0);
  }

  std::uint32_t MaxDf() const {
    const std::size_t n = reps.size();
    return n >= 200 ? std::max<std::uint32_t>(
                          2, std::min<double>(options.max_posting_share * n, options.max_posting))
                    : static_cast<std::uint32_t>(n);
  }

  // Makes article i's weights current enough (see weighed_at).
  void Weigh(std::uint32_t i) {
    const std::uint64_t n = df.documents();
    if (weighed_at[i] != 0 && n * 4 <= weighed_at[i] * 5) return;
    weighed_at[i] = n;
    const auto& fs = reps[i]->features;
    weights[i].resize(fs.size());
    double sum = 0, terms = 0;
    for (std::size_t k = 0; k < fs.size(); ++k) {
      const float w = fs[k].tf * static_cast<float>(std::max(0.0, df.Idf(fs[k])));
      weights[i][k] = w;
      sum += double{w} * w;
      if (fs[k].kind == FeatureKind::kTerm) terms += double{w} * w;
    }
    norms[i] = sum;
    term_norms2[i] = terms;
  }

  double Cosine(std::uint32_t a, std::uint32_t b) {
    Weigh(a);
    Weigh(b);
    const auto& fa = reps[a]->features;
    const auto& fb = reps[b]->features;
    // Pivot terms count as much as the worse-covered side lets them (TermFactor()).
    const double factor = TermFactor(*reps[a], *reps[b]);
    const double tf2 = factor * factor;
    const std::vector<float>& wa = weights[a];
    const std::vector<float>& wb = weights[b];
    double dot = 0, term_dot = 0;
    text::ForEachShared(
        fa.size(), fb.size(), [&](std::size_t i) { return fa[i].id; },
        [&](std::size_t j) { return fb[j].id; },
        [&](std::size_t i, std::size_t j) {
          (fa[i].kind == FeatureKind::kTerm ? term_dot : dot) += double{wa[i]} * wb[j];
        });
    const double na = norms[a] - term_norms2[a] + tf2 * term_norms2[a];
    const double nb = norms[b] - term_norms2[b] + tf2 * term_norms2[b];
    dot += tf2 * term_dot;
    return na > 0 && nb > 0 ? dot / std::sqrt((na + kEvidence) * (nb + kEvidence)) : 0.0;
  }

  // Candidates for article i, scored by full cosine, best first.
  std::vector<TranslationPair> Query(std::uint32_t i, std::size_t keep) {
    Weigh(i);
    const auto& fs = reps[i]->features;
    const std::uint32_t max_df = MaxDf();
    std::vector<std::uint32_t> order;
    for (std::uint32_t k = 0; k < fs.size(); ++k) {
      const std::uint32_t count = df.Count(fs[k].id);
      if (count >= 2 && count <= max_df) order.push_back(k);
    }
    const std::size_t q = std::min<std::size_t>(order.size(), options.query_features);
    std::partial_sort(
        order.begin(), order.begin() + q, order.end(),
        [&](std::uint32_t x, std::uint32_t y) { return weights[i][x] > weights[i][y]; });
    // Partial scores in a table over all articles, one per thread, zeroed again after use:
    // no allocation per candidate, and one slot touched per holder.
    struct Partial {
      float score = 0;
      bool seen = false;
    };
    thread_local std::vector<Partial> partial;
    partial.resize(std::max(partial.size(), reps.size()));
    std::vector<std::uint32_t> touched;
    const std::uint16_t lang = lang_ids[i];
    for (std::size_t r = 0; r < q; ++r) {
      const std::uint32_t k = order[r];
      const float w = weights[i][k];
      for (std::uint32_t j : holders.Find(fs[k].id)) {
        if (j == i) continue;
        if (options.different_languages_only && lang_ids[j] == lang) continue;
        Partial& slot = partial[j];
        if (!slot.seen) {
          slot.seen = true;
          touched.push_back(j);
        }
        slot.score += w;
      }
    }
    std::vector<std::pair<float, std::uint32_t>> cands;
    cands.reserve(touched.size());
    for (std::uint32_t j : touched) {
      cands.emplace_back(partial[j].score, j);
      partial[j] = Partial();
    }
    const std::size_t c = std::min<std::size_t>(cands.size(), std::max<std::size_t>(keep, 32));
    std::partial_sort(cands.begin(), cands.begin() + c, cands.end(),
                      [](const auto& x, const auto& y) {
                        return x.first > y.first || (x.first == y.first && x.second < y.second);
                      });
    std::vector<TranslationPair> out;
    for (std::size_t r = 0; r < c; ++r) {
      const std::uint32_t j = cands[r].second;
      out.push_back({std::min(i, j), std::max(i, j), Cosine(i, j)});
    }
    std::sort(out.begin(), out.end(), [](const TranslationPair& x, const TranslationPair& y) {
      return x.score > y.score || (x.score == y.score && x.a + x.b < y.a + y.b);
    });
    if (out.size() > keep) out.resize(keep);
    return out;
  }
};

TranslationIndex::TranslationIndex(TranslationOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
TranslationIndex::~TranslationIndex() = default;

std::uint32_t TranslationIndex::Add(NeutralRepresentation rep) {
  return Add(std::make_shared<const NeutralRepresentation>(std::move(rep)));
}

std::uint32_t TranslationIndex::Add(std::shared_ptr<const NeutralRepresentation> rep) {
  Impl& m = *impl_;
  m.df.Add(*rep);
  auto [lang, fresh] =
      m.lang_numbers.emplace(rep->lang, static_cast<std::uint16_t>(m.lang_numbers.size()));
  m.lang_ids.push_back(lang->second);
  m.reps.push_back(std::move(rep));
  const auto i = static_cast<std::uint32_t>(m.reps.size() - 1);
  m.Index(i);
  return i;
}

std::vector<TranslationPair> TranslationIndex::Nearest(std::uint32_t i, int k) const {
  auto* im = const_cast<Impl*>(impl_.get());
  if (i >= im->reps.size() || k <= 0) return {};
  return im->Query(i, k);
}

std::vector<TranslationPair> TranslationIndex::Pairs(std::uint32_t first, int threads) const {
  auto* im = const_cast<Impl*>(impl_.get());
  const std::uint32_t n = static_cast<std::uint32_t>(im->reps.size());
  // Per article, its best candidate in each other language; computed for the articles from
  // `first` on, and for their candidates when the mutual test needs them.
  std::vector<std::unordered_map<std::string, TranslationPair>> best(n);
  std::vector<char> done(n, 0);
  // Fills best[i]; reads the index only, so it runs on any thread for distinct i.
  auto compute = [&](std::uint32_t i) {
    for (const TranslationPair& p : im->Query(i, 32)) {
      if (p.score < im->options.threshold) break;
      const std::uint32_t other = p.a == i ? p.b : p.a;
      const std::string& lang = im->reps[other]->lang;
      if (lang == im->reps[i]->lang) continue;
      // A translation keeps the names, dates and numbers in their order.
      const NeutralRepresentation& x = *im->reps[i];
      const NeutralRepresentation& y = *im->reps[other];
      if (std::min(x.anchors.size(), y.anchors.size()) < 3) {
        if (p.score < im->options.threshold_without_anchors) continue;
      } else if (AnchorOrder(x, y) < im->options.min_anchor_order) {
        continue;
      }
      auto [it, fresh] = best[i].emplace(lang, p);
      if (!fresh && p.score > it->second.score) it->second = p;
    }
  };
  auto best_of = [&](std::uint32_t i) -> const std::unordered_map<std::string, TranslationPair>& {
    if (!done[i]) {
      compute(i);
      done[i] = 1;
    }
    return best[i];
  };
  // The new articles' candidates on all threads when there are many (weights made current
  // first, for every article, so that the threads only read); older ones' when the mutual
  // test asks. A few new articles (an ingest of a few) are queried on this thread, weighing
  // only the articles they touch.
  const std::uint32_t fresh = n - std::min(first, n);
  if (ThreadCount(threads) > 1 && fresh >= 256) {
    ParallelFor(n, ThreadCount(threads), [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) im->Weigh(static_cast<std::uint32_t>(k));
    });
    ParallelFor(fresh, ThreadCount(threads), [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        compute(static_cast<std::uint32_t>(first + k));
        done[first + k] = 1;
      }
    });
    // The older articles the mutual test will ask about, on all threads too.
    if (im->options.mutual_best) {
      std::vector<std::uint32_t> older;
      for (std::uint32_t i = first; i < n; ++i) {
        for (const auto& [lang, p] : best[i]) {
          const std::uint32_t other = p.a == i ? p.b : p.a;
          if (other < first && !done[other]) {
            done[other] = 1;  // claimed here, computed below
            older.push_back(other);
          }
        }
      }
      ParallelFor(older.size(), ThreadCount(threads), [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) compute(older[k]);
      });
    }
  }
  std::vector<TranslationPair> out;
  for (std::uint32_t i = first; i < n; ++i) {
    for (const auto& [lang, p] : best_of(i)) {
      const std::uint32_t other = p.a == i ? p.b : p.a;
      if (other < i && other >= first) continue;  // each pair once
      if (im->options.mutual_best) {
        const auto& theirs = best_of(other);
        auto it = theirs.find(im->reps[i]->lang);
        const bool mutual = it != theirs.end() && it->second.a == p.a && it->second.b == p.b;
        // One-sided best: enough when the evidence is strong.
        const bool strong =
            p.score >= im->options.strong_threshold &&
            AnchorOrder(*im->reps[p.a], *im->reps[p.b]) >= im->options.strong_anchor_order;
        if (!mutual && !strong) continue;
      }
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end(), [](const TranslationPair& x, const TranslationPair& y) {
    return x.score > y.score || (x.score == y.score && (x.a < y.a || (x.a == y.a && x.b < y.b)));
  });
  return out;
}

double TranslationIndex::Score(std::uint32_t i, std::uint32_t j) const {
  auto* im = const_cast<Impl*>(impl_.get());
  return im->Cosine(i, j);
}

const DocumentFrequencies& TranslationIndex::frequencies() const { return impl_->df; }
const NeutralRepresentation& TranslationIndex::at(std::uint32_t i) const { return *impl_->reps[i]; }
std::size_t TranslationIndex::size() const { return impl_->reps.size(); }

}  // namespace newsweave
