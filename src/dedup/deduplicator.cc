#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "dedup/lsh_index.h"
#include "dedup/minhash.h"
#include "dedup/shingles.h"
#include "newsweave/dedup.h"

namespace newsweave {

namespace {

// Two documents whose shingle counts are within this ratio count as the same length.
constexpr double kSameLength = 0.9;

}  // namespace

struct Deduplicator::Impl {
  explicit Impl(const DedupOptions& o)
      : options(o),
        hasher(o.permutations, o.seed),
        index(dedup::OptimalLshParams(o.threshold, o.permutations)),
        // Missing a contained copy costs more than checking a false candidate on the
        // signatures, so this index weighs false negatives four times false positives.
        containment_index(dedup::OptimalLshParams(ContainedJaccard(o.threshold), o.permutations,
                                                  /*fp_weight=*/0.2, /*fn_weight=*/0.8)) {}

  // The Jaccard similarity of a set half the size of another and contained in it to the
  // degree `containment`: the lowest similarity a contained pair is looked for at.
  static double ContainedJaccard(double containment) {
    const double small = 0.5, large = 1.0;
    double shared = containment * small;
    return shared / (small + large - shared);
  }

  struct Doc {
    std::string id;
    std::string published;
    std::size_t length = 0;
    std::uint64_t exact = 0;     // hash of the shingle-normalized word stream
    std::uint32_t shingles = 0;  // number of shingles (with repeats: a set-size estimate)
  };

  DedupOptions options;
  dedup::MinHasher hasher;
  dedup::LshIndex index;              // near copies: bands for the threshold
  dedup::LshIndex containment_index;  // contained copies: bands for a much lower similarity
  dedup::UnionFind groups;            // copies and translations
  dedup::UnionFind copies;            // copies only (exact, near, contained)
  std::vector<Doc> docs;
  std::vector<std::uint32_t> signatures;    // docs.size() * permutations, near-copy candidates
  std::vector<std::uint32_t> signature_of;  // doc -> row in signatures, or UINT32_MAX
  std::unordered_map<std::uint64_t, std::uint32_t> by_exact;  // exact hash -> first doc
  std::vector<std::uint32_t> candidates;

  // How `doc` relates to its group's representative `rep`: the same words, a near copy, or
  // (when neither) contained in it or a member only through other copies ("near-duplicate").
  const char* Relation(std::uint32_t doc, std::uint32_t rep) {
    // In the group through a translation link rather than through copies of the text.
    if (copies.Find(doc) != copies.Find(rep)) return "translation";
    if (docs[doc].exact == docs[rep].exact) return "exact";
    const std::uint32_t* a = SignatureOf(doc);
    const std::uint32_t* b = SignatureOf(rep);
    if (a == nullptr) a = SignatureOf(by_exact.at(docs[doc].exact));
    if (b == nullptr) b = SignatureOf(by_exact.at(docs[rep].exact));
    double j = dedup::EstimateJaccard(a, b, hasher.permutations());
    if (j >= options.threshold) return "near-duplicate";
    // Mostly inside the representative and clearly shorter: a cut or extended version.
    // Of about the same length: an edited copy just under the threshold.
    double sizes = static_cast<double>(std::min(docs[doc].shingles, docs[rep].shingles)) /
                   std::max<std::uint32_t>(1, std::max(docs[doc].shingles, docs[rep].shingles));
    if (Containment(doc, rep, j) >= options.threshold && sizes < kSameLength) return "contained";
    return "near-duplicate";
  }

  const std::uint32_t* SignatureOf(std::uint32_t doc) const {
    std::uint32_t row = signature_of[doc];
    return row == UINT32_MAX
               ? nullptr
               : signatures.data() + static_cast<std::size_t>(row) * hasher.permutations();
  }

  // The share of the smaller document's shingles found in the larger one, estimated from
  // the signatures' Jaccard estimate taken 1.5 standard errors low: a small text that shares
  // a sentence or two with a long one must not pass for contained in it on estimation noise.
  double Containment(std::uint32_t a, std::uint32_t b, double jaccard) const {
    double na = docs[a].shingles, nb = docs[b].shingles;
    if (na == 0 || nb == 0) return 0;
    jaccard -= 1.5 * std::sqrt(jaccard * (1.0 - jaccard) / hasher.permutations());
    if (jaccard <= 0) return 0;
    double shared = jaccard * (na + nb) / (1.0 + jaccard);
    return std::min(1.0, shared / std::min(na, nb));
  }
  DedupStats stats;
};

Deduplicator::Deduplicator(DedupOptions options) : impl_(std::make_unique<Impl>(options)) {}

Deduplicator::~Deduplicator() = default;

void Deduplicator::Prepare(std::string_view clean_text, PreparedArticle* out) const {
  const Impl& m = *impl_;
  thread_local std::vector<std::uint32_t> shingles;
  shingles.clear();
  dedup::HashShingles(clean_text, m.options.shingle_words, &shingles, &out->exact);
  out->shingles = static_cast<std::uint32_t>(shingles.size());
  out->signature.resize(static_cast<std::size_t>(m.hasher.permutations()));
  m.hasher.Sign(shingles.data(), shingles.size(), out->signature.data());
}

std::uint32_t Deduplicator::Add(std::string_view id, std::string_view clean_text,
                                std::string_view published) {
  thread_local PreparedArticle prepared;
  Prepare(clean_text, &prepared);
  return Add(id, published, clean_text.size(), prepared);
}

std::uint32_t Deduplicator::Add(std::string_view id, std::string_view published, std::size_t length,
                                const PreparedArticle& prepared) {
  Impl& m = *impl_;
  const auto n = static_cast<std::uint32_t>(m.docs.size());
  Impl::Doc doc;
  doc.id = id;
  doc.published = published;
  doc.length = length;
  // Exact copies: the same words (case, spacing and punctuation aside).
  doc.exact = prepared.exact;
  doc.shingles = prepared.shingles;
  m.docs.push_back(std::move(doc));
  m.groups.Resize(n + 1);
  m.copies.Resize(n + 1);
  m.signature_of.push_back(UINT32_MAX);
  ++m.stats.articles;
  // A text without words is nobody's copy (chrome-only pages would all look alike).
  if (prepared.shingles > 0) {
    auto [it, first] = m.by_exact.emplace(m.docs.back().exact, n);
    if (!first) {
      m.groups.Union(it->second, n);
      m.copies.Union(it->second, n);
      ++m.stats.exact;
      return it->second;  // its signature equals the original's
    }
  }
  // Near copies: candidates from the LSH bands, verified on the signatures.
  const int perms = m.hasher.permutations();
  const std::size_t row = m.signatures.size() / static_cast<std::size_t>(perms);
  m.signatures.insert(m.signatures.end(), prepared.signature.begin(), prepared.signature.end());
  const std::uint32_t* sig = m.signatures.data() + row * static_cast<std::size_t>(perms);
  m.signature_of[n] = static_cast<std::uint32_t>(row);
  // Fewer words than a shingle: only an exact copy can be told apart from chance.
  if (prepared.shingles <= 1) return n;
  m.candidates.clear();
  m.index.Add(n, sig, &m.candidates);
  std::uint32_t copy_of = n;
  for (std::uint32_t c : m.candidates) {
    ++m.stats.candidate_pairs;
    const std::uint32_t* other =
        m.signatures.data() + static_cast<std::size_t>(m.signature_of[c]) * perms;
    if (dedup::EstimateJaccard(sig, other, perms) >= m.options.threshold) {
      m.groups.Union(c, n);
      m.copies.Union(c, n);
      copy_of = std::min(copy_of, c);
    }
  }
  if (copy_of != n) {
    ++m.stats.near;
    m.containment_index.Add(n, sig, &m.candidates);  // indexed for later contained copies
    return copy_of;
  }
  // Contained copies: a shorter or longer version of an earlier article.
  m.candidates.clear();
  m.containment_index.Add(n, sig, &m.candidates);
  for (std::uint32_t c : m.candidates) {
    ++m.stats.candidate_pairs;
    double j = dedup::EstimateJaccard(sig, m.SignatureOf(c), perms);
    if (m.Containment(n, c, j) >= m.options.threshold) {
      m.groups.Union(c, n);
      m.copies.Union(c, n);
      copy_of = std::min(copy_of, c);
    }
  }
  if (copy_of != n) ++m.stats.contained;
  return copy_of;
}

void Deduplicator::AddTranslation(std::uint32_t a, std::uint32_t b) {
  Impl& m = *impl_;
  if (a >= m.docs.size() || b >= m.docs.size() || a == b) return;
  if (m.groups.Union(a, b)) ++m.stats.translations;
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
      group.members.push_back(DedupMember{m.docs[i].id, m.Relation(i, rep), m.docs[rep].id});
    }
    out.push_back(std::move(group));
  }
  return out;
}

const DedupStats& Deduplicator::stats() const { return impl_->stats; }

std::size_t Deduplicator::MemoryBytes() const {
  const Impl& m = *impl_;
  std::size_t bytes = m.signatures.capacity() * sizeof(std::uint32_t) +
                      m.signature_of.capacity() * sizeof(std::uint32_t) +
                      m.docs.capacity() * sizeof(Impl::Doc) +
                      m.by_exact.size() * (sizeof(std::uint64_t) + 2 * sizeof(void*) + 8) +
                      m.index.MemoryBytes() + m.containment_index.MemoryBytes();
  for (const Impl::Doc& d : m.docs) bytes += d.id.capacity() + d.published.capacity();
  return bytes;
}

namespace {

constexpr char kMagic[8] = {'N', 'W', 'D', 'E', 'D', 'U', 'P', '1'};

void PutU32(std::string* out, std::uint32_t v) { out->append(reinterpret_cast<char*>(&v), 4); }
void PutU64(std::string* out, std::uint64_t v) { out->append(reinterpret_cast<char*>(&v), 8); }
void PutString(std::string* out, std::string_view s) {
  PutU32(out, static_cast<std::uint32_t>(s.size()));
  out->append(s);
}

// Reads little-endian values from a byte buffer, failing cleanly at its end.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool U32(std::uint32_t* v) { return Bytes(v, 4); }
  bool U64(std::uint64_t* v) { return Bytes(v, 8); }
  bool String(std::string* s) {
    std::uint32_t n;
    if (!U32(&n) || n > data_.size() - pos_) return false;
    s->assign(data_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  std::size_t pos() const { return pos_; }
  bool done() const { return pos_ == data_.size(); }

 private:
  bool Bytes(void* v, std::size_t n) {
    if (n > data_.size() - pos_) return false;
    std::memcpy(v, data_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

Status Deduplicator::Save(const std::string& path) const {
  const Impl& m = *impl_;
  const int perms = m.hasher.permutations();
  std::string out(kMagic, sizeof kMagic);
  double threshold = m.options.threshold;
  std::uint64_t threshold_bits;
  std::memcpy(&threshold_bits, &threshold, 8);
  PutU64(&out, threshold_bits);
  PutU32(&out, static_cast<std::uint32_t>(m.options.shingle_words));
  PutU32(&out, static_cast<std::uint32_t>(perms));
  PutU64(&out, m.options.seed);
  PutU64(&out, m.docs.size());
  for (std::uint32_t i = 0; i < m.docs.size(); ++i) {
    const Impl::Doc& d = m.docs[i];
    PutString(&out, d.id);
    PutString(&out, d.published);
    PutU64(&out, d.length);
    PutU64(&out, d.exact);
    PutU32(&out, d.shingles);
    const std::uint32_t* sig = m.SignatureOf(i);
    PutU32(&out, sig ? 1 : 0);
    if (sig) out.append(reinterpret_cast<const char*>(sig), static_cast<std::size_t>(perms) * 4);
  }
  std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return MakeError(ErrorCode::kIOError, tmp + ": " + std::strerror(errno));
  bool ok = std::fwrite(out.data(), 1, out.size(), f) == out.size();
  ok = (std::fflush(f) == 0) && ok;
  ok = (fsync(fileno(f)) == 0) && ok;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return MakeError(ErrorCode::kIOError,
                     path + ": cannot write the index: " + std::strerror(errno));
  }
  return {};
}

Status Deduplicator::Load(const std::string& path) {
  Impl& m = *impl_;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return MakeError(ErrorCode::kNotFound, path + ": " + std::strerror(errno));
  std::string data;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) data.append(buf, n);
  std::fclose(f);
  auto corrupt = [&](const Reader& r, const std::string& what) {
    return MakeError(ErrorCode::kCorruption, path + ": not a newsweave dedup index (" + what +
                                                 " at byte " + std::to_string(r.pos()) + ")");
  };
  Reader r(data);
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) {
    return corrupt(r, "bad magic");
  }
  r = Reader(std::string_view(data).substr(sizeof kMagic));
  std::uint64_t threshold_bits, seed, count;
  std::uint32_t shingle, perms;
  if (!r.U64(&threshold_bits) || !r.U32(&shingle) || !r.U32(&perms) || !r.U64(&seed) ||
      !r.U64(&count)) {
    return corrupt(r, "truncated header");
  }
  double threshold;
  std::memcpy(&threshold, &threshold_bits, 8);
  if (threshold != m.options.threshold || static_cast<int>(shingle) != m.options.shingle_words ||
      static_cast<int>(perms) != m.hasher.permutations() || seed != m.options.seed) {
    return MakeError(ErrorCode::kInvalidArgument,
                     path + ": the index was made with other options (threshold " +
                         std::to_string(threshold) + ", shingle " + std::to_string(shingle) +
                         ", perms " + std::to_string(perms) + ")");
  }
  PreparedArticle p;
  std::string id, published;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t length;
    std::uint32_t has_sig;
    if (!r.String(&id) || !r.String(&published) || !r.U64(&length) || !r.U64(&p.exact) ||
        !r.U32(&p.shingles) || !r.U32(&has_sig) || has_sig > 1) {
      return corrupt(r, "bad record " + std::to_string(i));
    }
    p.signature.assign(has_sig ? perms : 0, 0);
    for (std::uint32_t k = 0; k < p.signature.size(); ++k) {
      if (!r.U32(&p.signature[k])) return corrupt(r, "truncated signature " + std::to_string(i));
    }
    if (!has_sig && !m.by_exact.count(p.exact)) {
      return corrupt(r, "copy before its original in record " + std::to_string(i));
    }
    Add(id, published, length, p);
  }
  if (!r.done()) return corrupt(r, "trailing bytes");
  return {};
}

}  // namespace newsweave
