#include <xxhash.h>

#include <algorithm>
#include <unordered_map>

#include "dedup/lsh_index.h"
#include "dedup/minhash.h"
#include "dedup/shingles.h"
#include "newsweave/dedup.h"

namespace newsweave {

struct Deduplicator::Impl {
  explicit Impl(const DedupOptions& o)
      : options(o),
        hasher(o.permutations, o.seed),
        index(dedup::OptimalLshParams(o.threshold, o.permutations)) {}

  struct Doc {
    std::string id;
    std::string published;
    std::size_t length = 0;
    std::uint64_t exact = 0;  // hash of the shingle-normalized word stream
  };

  DedupOptions options;
  dedup::MinHasher hasher;
  dedup::LshIndex index;
  dedup::UnionFind groups;
  std::vector<Doc> docs;
  std::vector<std::uint32_t> signatures;    // docs.size() * permutations, near-copy candidates
  std::vector<std::uint32_t> signature_of;  // doc -> row in signatures, or UINT32_MAX
  std::unordered_map<std::uint64_t, std::uint32_t> by_exact;  // exact hash -> first doc
  std::vector<std::uint32_t> shingles, candidates;
  DedupStats stats;
};

Deduplicator::Deduplicator(DedupOptions options) : impl_(std::make_unique<Impl>(options)) {}

Deduplicator::~Deduplicator() = default;

void Deduplicator::Add(std::string_view id, std::string_view clean_text,
                       std::string_view published) {
  Impl& m = *impl_;
  const auto n = static_cast<std::uint32_t>(m.docs.size());
  Impl::Doc doc;
  doc.id = id;
  doc.published = published;
  doc.length = clean_text.size();
  // Exact copies: the same words (case, spacing and punctuation aside) hash the same.
  m.shingles.clear();
  dedup::HashShingles(clean_text, 1, &m.shingles);
  doc.exact = XXH3_64bits(m.shingles.data(), m.shingles.size() * sizeof(std::uint32_t));
  m.docs.push_back(std::move(doc));
  m.groups.Resize(n + 1);
  m.signature_of.push_back(UINT32_MAX);
  ++m.stats.articles;
  auto [it, first] = m.by_exact.emplace(m.docs.back().exact, n);
  if (!first) {
    m.groups.Union(it->second, n);
    ++m.stats.exact;
    return;  // its signature would equal the original's
  }
  // Near copies: candidates from the LSH bands, verified on the signatures.
  const int perms = m.hasher.permutations();
  m.shingles.clear();
  dedup::HashShingles(clean_text, m.options.shingle_words, &m.shingles);
  const std::size_t row = m.signatures.size() / static_cast<std::size_t>(perms);
  m.signatures.resize(m.signatures.size() + static_cast<std::size_t>(perms));
  std::uint32_t* sig = m.signatures.data() + row * static_cast<std::size_t>(perms);
  m.hasher.Sign(m.shingles.data(), m.shingles.size(), sig);
  m.signature_of[n] = static_cast<std::uint32_t>(row);
  m.candidates.clear();
  m.index.Add(n, sig, &m.candidates);
  bool joined = false;
  for (std::uint32_t c : m.candidates) {
    ++m.stats.candidate_pairs;
    const std::uint32_t* other =
        m.signatures.data() + static_cast<std::size_t>(m.signature_of[c]) * perms;
    if (dedup::EstimateJaccard(sig, other, perms) >= m.options.threshold) {
      m.groups.Union(c, n);
      joined = true;
    }
  }
  if (joined) ++m.stats.near;
}

std::vector<DedupGroup> Deduplicator::Groups() const {
  Impl& m = *impl_;
  std::vector<std::vector<std::uint32_t>> members;  // in order of their first member
  std::unordered_map<std::uint32_t, std::size_t> group_of_root;
  for (std::uint32_t i = 0; i < m.docs.size(); ++i) {
    std::uint32_t root = m.groups.Find(i);
    auto [it, added] = group_of_root.emplace(root, members.size());
    if (added) members.emplace_back();
    members[it->second].push_back(i);
  }
  std::vector<DedupGroup> out;
  for (const std::vector<std::uint32_t>& g : members) {
    if (g.size() < 2) continue;
    // Longest clean text; ties: earliest date (articles without one come last), then id.
    std::uint32_t rep =
        *std::min_element(g.begin(), g.end(), [&](std::uint32_t a, std::uint32_t b) {
          const Impl::Doc& x = m.docs[a];
          const Impl::Doc& y = m.docs[b];
          if (x.length != y.length) return x.length > y.length;
          if (x.published.empty() != y.published.empty()) return !x.published.empty();
          if (x.published != y.published) return x.published < y.published;
          return x.id < y.id;
        });
    DedupGroup group;
    group.members.push_back(DedupMember{m.docs[rep].id, "", ""});
    for (std::uint32_t i : g) {
      if (i == rep) continue;
      bool exact = m.docs[i].exact == m.docs[rep].exact;
      group.members.push_back(
          DedupMember{m.docs[i].id, exact ? "exact" : "near-duplicate", m.docs[rep].id});
    }
    out.push_back(std::move(group));
  }
  return out;
}

const DedupStats& Deduplicator::stats() const { return impl_->stats; }

}  // namespace newsweave
