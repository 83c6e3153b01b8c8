// The language-neutral representation of an article, and document frequencies.
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "text/hash_slots.h"
#include "text/sorted_merge.h"
#include "text/stemmer.h"
#include "xling/internal.h"

namespace newsweave {
namespace {

// Feature ids: a hash of the value, seeded by kind, so "2022" the year and 2022 the count
// differ.
std::uint64_t FeatureId(FeatureKind kind, std::string_view value) {
  return XXH3_64bits_withSeed(value.data(), value.size(), 0x9E37u + static_cast<int>(kind));
}

// Priors: the idf a feature is given before any corpus is seen (see DocumentFrequencies).
constexpr float kPriorCommonWord = 2.0f;  // a word of the language's dictionary
constexpr float kPriorRareWord = 4.0f;    // a word no dictionary knows
constexpr float kPriorEntity = 4.0f;
constexpr float kPriorAlias = 3.0f;

// Orthographic cognate rules: a foreign ending -> the English one ("-ité" -> "-ity").
struct CognateRule {
  const char* lang;
  std::string_view from;
  std::string_view to;
};
const CognateRule kCognates[] = {
    {"fr", "isation", "ization"},
    {"fr", "iser", "ize"},
    {"fr", "ite", "ity"},
    {"fr", "ique", "ic"},
    {"fr", "iques", "ic"},
    {"fr", "aire", "ary"},
    {"fr", "aires", "ary"},
    {"fr", "eux", "ous"},
    {"fr", "euse", "ous"},
    {"fr", "if", "ive"},
    {"fr", "ive", "ive"},
    {"fr", "isme", "ism"},
    {"fr", "iste", "ist"},
    {"fr", "el", "al"},
    {"fr", "elle", "al"},
    {"fr", "ie", "y"},
    {"fr", "e", ""},
    {"fr", "es", ""},
    {"fr", "s", ""},
    {"de", "tat", "ty"},
    {"de", "ismus", "ism"},
    {"de", "isch", "ic"},
    {"de", "ische", "ic"},
    {"de", "ischen", "ic"},
    {"de", "ie", "y"},
    {"de", "ieren", "ize"},
    {"de", "ik", "ic"},
    {"de", "iv", "ive"},
    {"de", "ell", "al"},
    {"de", "ion", "ion"},
    {"de", "ionen", "ion"},
    {"de", "en", ""},
    {"de", "e", ""},
    {"de", "s", ""},
    {"es", "dad", "ty"},
    {"es", "cion", "tion"},
    {"es", "ciones", "tion"},
    {"es", "ico", "ic"},
    {"es", "ica", "ic"},
    {"es", "ario", "ary"},
    {"es", "izar", "ize"},
    {"es", "oso", "ous"},
    {"es", "ivo", "ive"},
    {"es", "ista", "ist"},
    {"es", "ismo", "ism"},
    {"es", "ia", "y"},
    {"es", "ente", "ent"},
    {"es", "ante", "ant"},
    {"es", "o", ""},
    {"es", "a", ""},
    {"es", "os", ""},
    {"es", "es", ""},
    {"es", "s", ""},
    {"it", "ta", "ty"},
    {"it", "zione", "tion"},
    {"it", "zioni", "tion"},
    {"it", "ico", "ic"},
    {"it", "ica", "ic"},
    {"it", "ario", "ary"},
    {"it", "izzare", "ize"},
    {"it", "oso", "ous"},
    {"it", "ivo", "ive"},
    {"it", "ista", "ist"},
    {"it", "ismo", "ism"},
    {"it", "ia", "y"},
    {"it", "ente", "ent"},
    {"it", "ante", "ant"},
    {"it", "o", ""},
    {"it", "a", ""},
    {"it", "i", ""},
    {"it", "e", ""},
    {"pt", "dade", "ty"},
    {"pt", "cao", "tion"},
    {"pt", "coes", "tion"},
    {"pt", "ico", "ic"},
    {"pt", "ario", "ary"},
    {"pt", "izar", "ize"},
    {"pt", "oso", "ous"},
    {"pt", "ivo", "ive"},
    {"pt", "ista", "ist"},
    {"pt", "ismo", "ism"},
    {"pt", "o", ""},
    {"pt", "a", ""},
    {"pt", "s", ""},
    {"nl", "iteit", "ity"},
    {"nl", "isch", "ic"},
    {"nl", "en", ""},
    {"pl", "cja", "tion"},
    {"pl", "yczny", "ic"},
    {"pl", "izm", "ism"},
};

// Up to three (feature id, weight) pairs, without allocating.
struct Terms {
  std::uint64_t id[3];
  float weight[3];
  std::uint8_t n = 0;
  void push_back(std::pair<std::uint64_t, float> x) {
    if (n < 3) id[n] = x.first, weight[n++] = x.second;
  }
};

// What a spelling of a language maps to, cached.
struct Pivot {
  Terms terms;                                       // feature id, weight (sum 1)
  std::uint8_t prior = PriorHalves(kPriorRareWord);  // as Feature keeps it
  bool known = false;           // translated, a cognate, or an English dictionary word
  std::int8_t name_class = -1;  // xling::NameClass, computed when first needed
};

// A flat, open-addressing cache of pivots by a 64-bit hash of (language, folded form); a
// slot holds its pivot, so a lookup touches one cache line. Starts over when half full.
class PivotCache {
 public:
  static constexpr std::size_t kSlots = 1u << 18;
  PivotCache() : slots_(kSlots) {}
  Pivot* Find(std::uint64_t h) {
    h |= 1;  // 0 marks an empty slot
    for (std::size_t s = h & (kSlots - 1);; s = (s + 1) & (kSlots - 1)) {
      if (slots_[s].key == h) return &slots_[s].pivot;
      if (slots_[s].key == 0) return nullptr;
    }
  }
  void Prefetch(std::uint64_t h) const { __builtin_prefetch(&slots_[(h | 1) & (kSlots - 1)]); }
  // Pointers from Find() stay valid until the next Insert().
  Pivot* Insert(std::uint64_t h, const Pivot& p) {
    if (++size_ > kSlots / 2) {
      for (Slot& s : slots_) s.key = 0;
      size_ = 1;
    }
    h |= 1;
    std::size_t s = h & (kSlots - 1);
    while (slots_[s].key != 0) s = (s + 1) & (kSlots - 1);
    slots_[s].key = h;
    slots_[s].pivot = p;
    return &slots_[s].pivot;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    Pivot pivot;
  };
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace

struct XlingAnalyzer::Impl {
  const Lexicon* lexicon;
  XlingOptions options;
  text::Stemmer english{"en"};
  xling::EntityFinder entities;
  PivotCache cache;
  struct Word {
    std::string_view folded, stem;
    std::uint64_t key;
  };
  std::vector<Word> words;
  std::vector<Feature> raw;  // one per feature, counts summed
  std::vector<EntityMention> entity_buf;
  std::vector<DateMention> date_buf;
  std::vector<NumberMention> number_buf;

  Impl(const Lexicon* l, XlingOptions o) : lexicon(l), options(o), entities(l) {
    entities.set_name_class(
        [this](std::string_view lang, std::string_view folded, std::string_view stem) {
          Pivot* p = PivotOf(lang, folded, stem);
          if (p->name_class < 0) {
            p->name_class =
                static_cast<std::int8_t>(entities.ComputeNameClass(lang, folded, stem, p->known));
          }
          return static_cast<xling::NameClass>(p->name_class);
        });
  }

  bool EnglishWord(std::string_view folded, std::string_view* stem) {
    *stem = english.Stem(folded);
    return lexicon && lexicon->IsCommonWord("en", folded, *stem);
  }

  // The English pivot of a word (a lexicon miss): a cognate by rule when the English word
  // list has it, else the word itself as if it were English (names, loanwords).
  std::string CognateOrSelf(std::string_view lang, std::string_view folded, bool* known) {
    std::string_view stem;
    *known = false;
    for (const CognateRule& r : kCognates) {
      if (lang != r.lang || !folded.ends_with(r.from) || folded.size() < r.from.size() + 3)
        continue;
      std::string cand(folded.substr(0, folded.size() - r.from.size()));
      cand += r.to;
      if (EnglishWord(cand, &stem)) {
        *known = true;
        return std::string(stem);
      }
    }
    *known = EnglishWord(folded, &stem);
    return std::string(stem);
  }

  // German, Dutch and Swedish compounds the lexicon lacks ("Tourismusbranche"): a known
  // head and a known tail (with a linking s/n/es/en between), each half a word.
  bool Decompound(std::string_view lang, std::string_view folded, Pivot* p) {
    if (!lexicon || !(lang == "de" || lang == "nl" || lang == "sv") || folded.size() < 8)
      return false;
    for (std::size_t k = folded.size() - 4; k >= 4; --k) {
      std::string_view tail = folded.substr(k);
      auto tail_tr = lexicon->Translate(lang, tail, tail);
      if (tail_tr.empty()) continue;
      std::string_view head = folded.substr(0, k);
      auto head_tr = lexicon->Translate(lang, head, head);
      for (std::string_view link : {"s", "n", "es", "en"}) {
        if (!head_tr.empty()) break;
        if (head.size() > link.size() + 3 && head.ends_with(link))
          head_tr = lexicon->Translate(lang, head.substr(0, head.size() - link.size()), {});
      }
      if (head_tr.empty()) continue;
      p->terms.push_back({FeatureId(FeatureKind::kTerm, head_tr[0].english), 0.5f});
      p->terms.push_back({FeatureId(FeatureKind::kTerm, tail_tr[0].english), 0.5f});
      return true;
    }
    return false;
  }

  // The cache key of a pivot: a hash of its language, folded form and stem, all three (the
  // pivot depends on each; the entity finder asks with the folded form for stem; and with
  // the language as the hash's seed, short words of two languages collided: "mes" (es) took
  // the pivot of "met" (en)). A key that leaves any out makes an article's pivots depend on
  // the words this analyzer saw before, so that results changed with the order and the
  // number of threads.
  static std::uint64_t PivotKey(std::string_view lang, std::string_view folded,
                                std::string_view stem) {
    thread_local std::string buf;
    buf.assign(lang);
    buf.push_back('\x1f');
    buf.append(folded);
    if (stem != folded) {
      buf.push_back('\x1f');
      buf.append(stem);
    }
    return XXH3_64bits(buf.data(), buf.size());
  }
  Pivot* PivotOf(std::string_view lang, std::string_view folded, std::string_view stem) {
    return PivotOf(lang, folded, stem, PivotKey(lang, folded, stem));
  }
  Pivot* PivotOf(std::string_view lang, std::string_view folded, std::string_view stem,
                 std::uint64_t key) {
    if (Pivot* found = cache.Find(key)) return found;
    Pivot p;
    if (lang == "en") {
      p.terms.push_back({FeatureId(FeatureKind::kTerm, stem), 1.0f});
      p.known = lexicon && lexicon->IsCommonWord("en", folded, stem);
      p.prior = PriorHalves(p.known ? kPriorCommonWord : kPriorRareWord);
    } else if (!xling::HasNonLatinLetter(folded) || lexicon) {
      std::vector<PivotTranslation> tr;
      if (lexicon) tr = lexicon->Translate(lang, folded, stem);
      if (static_cast<int>(tr.size()) > options.max_translations)
        tr.resize(options.max_translations);
      float sum = 0;
      for (const PivotTranslation& t : tr) sum += t.weight;
      if (!tr.empty() && sum > 0) {
        for (const PivotTranslation& t : tr)
          p.terms.push_back({FeatureId(FeatureKind::kTerm, t.english), t.weight / sum});
        p.prior = PriorHalves(kPriorCommonWord);
        p.known = true;
      } else if (Decompound(lang, folded, &p)) {
        p.prior = PriorHalves(kPriorCommonWord);
        p.known = true;
      } else if (!xling::HasNonLatinLetter(folded)) {
        bool known = false;
        std::string pivot = CognateOrSelf(lang, folded, &known);
        p.terms.push_back({FeatureId(FeatureKind::kTerm, pivot), 1.0f});
        const bool common = known || (lexicon && lexicon->IsCommonWord(lang, folded, stem));
        p.prior = PriorHalves(common ? kPriorCommonWord : kPriorRareWord);
        p.known = common;
      }
    }
    return cache.Insert(key, p);
  }

  void Count(FeatureKind kind, std::string_view value, float weight, float prior,
             std::uint32_t pos) {
    const std::uint64_t id = FeatureId(kind, value);
    Add({id, weight, PriorHalves(prior), kind});
    anchors.emplace_back(pos, id);
  }

  // Adds an occurrence: counts add up, the lowest prior of a term wins (a common reading).
  void Add(const Feature& f) {
    const std::size_t mask = table.size() - 1;
    for (std::size_t s = f.id & mask;; s = (s + 1) & mask) {
      if (table[s] == 0) {
        table[s] = static_cast<std::uint32_t>(raw.size() + 1);
        touched.push_back(static_cast<std::uint32_t>(s));
        raw.push_back(f);
        return;
      }
      Feature& g = raw[table[s] - 1];
      if (g.id == f.id) {
        g.tf += f.tf;
        g.prior_halves = std::min(g.prior_halves, f.prior_halves);
        return;
      }
    }
  }
  void ResetTable(std::size_t tokens) {
    for (std::uint32_t s : touched) table[s] = 0;
    touched.clear();
    std::size_t want = 1024;
    while (want < 2 * (3 * tokens + 256)) want *= 2;
    if (table.size() < want) table.assign(want, 0);
  }
  std::vector<std::uint32_t> table;                              // feature id -> index in raw + 1
  std::vector<std::uint32_t> touched;                            // slots to reset
  std::vector<std::pair<std::uint32_t, std::uint64_t>> anchors;  // text position, feature
};

XlingAnalyzer::XlingAnalyzer(const Lexicon* lexicon, XlingOptions options)
    : impl_(std::make_unique<Impl>(lexicon, options)) {}
XlingAnalyzer::~XlingAnalyzer() = default;

void XlingAnalyzer::FindDatesAndNumbers(std::string_view text, const Analysis& analysis,
                                        std::string_view published, std::vector<DateMention>* dates,
                                        std::vector<NumberMention>* numbers) {
  xling::FindDatesAndNumbersIn(text, analysis, published, dates, numbers);
}

void XlingAnalyzer::FindEntities(std::string_view text, const Analysis& analysis,
                                 std::vector<EntityMention>* out) {
  impl_->entities.Find(text, analysis, out);
}

void XlingAnalyzer::Represent(std::string_view text, const Analysis& a, std::string_view published,
                              NeutralRepresentation* out) {
  Impl& im = *impl_;
  out->lang = a.language.code;
  out->features.clear();
  out->words = 0;
  im.raw.clear();
  im.anchors.clear();
  im.ResetTable(a.tokens.size() + text.size() / 8);
  const std::string& lang = a.language.code;
  std::uint32_t known = 0;
  // The content words and their cache keys first, so that the cache slots can be fetched
  // from memory a few words ahead of their use.
  auto& words = im.words;
  words.clear();
  for (const Token& t : a.tokens) {
    if (t.kind != TokenKind::kWord || t.stopword || t.folded_length < 3) continue;
    std::string_view folded = a.Folded(t);
    std::string_view stem = a.Stem(t);
    if (std::string_view rest = xling::AfterElision(folded); rest.size() < folded.size()) {
      if (rest.size() < 3) continue;
      folded = stem = rest;  // "l'attaque" is "attaque"
    }
    words.push_back({folded, stem, Impl::PivotKey(lang, folded, stem)});
  }
  constexpr std::size_t kAhead = 8;
  for (std::size_t i = 0; i < std::min(kAhead, words.size()); ++i) im.cache.Prefetch(words[i].key);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i + kAhead < words.size()) im.cache.Prefetch(words[i + kAhead].key);
    ++out->words;
    const Pivot& p = *im.PivotOf(lang, words[i].folded, words[i].stem, words[i].key);
    if (p.known) ++known;
    for (int k = 0; k < p.terms.n; ++k)
      im.Add({p.terms.id[k], p.terms.weight[k], p.prior, FeatureKind::kTerm});
  }
  out->term_coverage = out->words ? static_cast<float>(known) / out->words : 0.0f;
  std::vector<EntityMention>& ents = im.options.keep_mentions ? out->entities : im.entity_buf;
  std::vector<DateMention>& dates = im.options.keep_mentions ? out->dates : im.date_buf;
  std::vector<NumberMention>& numbers = im.options.keep_mentions ? out->numbers : im.number_buf;
  ents.clear();
  dates.clear();
  numbers.clear();
  if (im.options.entities) {
    im.entities.Find(text, a, &ents);
    for (const EntityMention& m : ents)
      for (const std::string& k : m.keys)
        im.Count(FeatureKind::kEntity, k, 1.0f, k.starts_with("a:") ? kPriorAlias : kPriorEntity,
                 m.span.start);
  }
  if (im.options.dates_and_numbers) {
    xling::FindDatesAndNumbersIn(text, a, published, &dates, &numbers);
    for (const DateMention& d : dates) {
      float prior = d.value.size() == 10  ? 5.0f  // full date
                    : d.value[0] == '-'   ? 4.5f  // day and month
                    : d.value.size() == 7 ? 3.5f  // month and year
                    : d.value[0] == 'W'   ? 1.5f  // weekday
                                          : 2.5f;   // year
      im.Count(FeatureKind::kDate, d.value, 1.0f, prior, d.span.start);
    }
    char buf[32];
    for (const NumberMention& n : numbers) {
      std::snprintf(buf, sizeof buf, "%.6g", n.value);
      if (n.value < 10 && n.value == std::floor(n.value)) {
        // Small counts say little about the event, but keep their place among the anchors.
        im.anchors.emplace_back(n.span.start, FeatureId(FeatureKind::kNumber, buf));
        continue;
      }
      const bool integer = n.value == std::floor(n.value);
      const bool round = std::fmod(n.value, 100.0) == 0;
      const float prior = !integer ? 4.5f : n.value < 100 ? 2.5f : round ? 3.5f : 5.0f;
      im.Count(FeatureKind::kNumber, buf, 1.0f, prior, n.span.start);
    }
  }
  std::stable_sort(im.anchors.begin(), im.anchors.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  out->anchors.clear();
  for (const auto& [pos, id] : im.anchors) out->anchors.push_back(id);
  std::sort(im.raw.begin(), im.raw.end(),
            [](const Feature& x, const Feature& y) { return x.id < y.id; });
  out->features = im.raw;
  for (Feature& f : out->features) f.tf = f.tf >= 1 ? 1.0f + std::log(f.tf) : f.tf;
}

// ---------------------------------------------------------------------------------------

struct DocumentFrequencies::Impl {
  double m;
  std::uint64_t n = 0;
  text::HashSlots<std::uint32_t> df;  // flat: Idf is called for every feature of every pair
};

DocumentFrequencies::DocumentFrequencies(double prior_documents) : impl_(std::make_unique<Impl>()) {
  impl_->m = prior_documents;
}
DocumentFrequencies::~DocumentFrequencies() = default;

void DocumentFrequencies::Add(const NeutralRepresentation& rep) {
  ++impl_->n;
  for (const Feature& f : rep.features) ++*impl_->df.Insert(f.id).first;
}

void DocumentFrequencies::Remove(const NeutralRepresentation& rep) {
  if (impl_->n) --impl_->n;
  for (const Feature& f : rep.features) {
    const std::uint32_t* count = impl_->df.Find(f.id);
    if (count != nullptr && *count > 0) --*impl_->df.Insert(f.id).first;
  }
}

std::uint32_t DocumentFrequencies::Count(std::uint64_t id) const {
  const std::uint32_t* count = impl_->df.Find(id);
  return count ? *count : 0;
}

double DocumentFrequencies::Idf(const Feature& f) const {
  const double m = impl_->m;
  const double df = Count(f.id);
  return std::log((impl_->n + m) / (df + m * std::exp(-f.prior_idf()) + 0.5));
}

std::uint64_t DocumentFrequencies::documents() const { return impl_->n; }

double AnchorOrder(const NeutralRepresentation& a, const NeutralRepresentation& b) {
  const auto& x = a.anchors;
  const auto& y = b.anchors;
  const std::size_t shorter = std::min(x.size(), y.size());
  if (shorter < 3) return 0.0;
  // Longest common subsequence, long sequences cut to kMaxAnchors anchors, computed 64
  // positions of x at a time (Hyyro's bit-parallel form of the row-by-row table): a bit of v
  // is 0 where the table's row steps up, so the LCS is the number of zeros.
  constexpr std::size_t kMaxAnchors = 200, kWords = (kMaxAnchors + 63) / 64;
  const std::size_t n = std::min(x.size(), kMaxAnchors), m = std::min(y.size(), kMaxAnchors);
  // The positions of each distinct anchor of x, as a mask, sorted by anchor.
  struct Positions {
    std::uint64_t anchor;
    std::array<std::uint64_t, kWords> bits;
  };
  std::array<std::pair<std::uint64_t, std::uint32_t>, kMaxAnchors> order;
  for (std::size_t i = 0; i < n; ++i) order[i] = {x[i], static_cast<std::uint32_t>(i)};
  std::sort(order.begin(), order.begin() + static_cast<long>(n));
  std::array<Positions, kMaxAnchors> masks;
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (distinct == 0 || masks[distinct - 1].anchor != order[i].first) {
      masks[distinct++] = Positions{order[i].first, {}};
    }
    masks[distinct - 1].bits[order[i].second / 64] |= std::uint64_t{1} << (order[i].second % 64);
  }
  std::array<std::uint64_t, kWords> v;
  v.fill(~std::uint64_t{0});
  for (std::size_t j = 0; j < m; ++j) {
    const auto* found = std::lower_bound(
        masks.begin(), masks.begin() + static_cast<long>(distinct), y[j],
        [](const Positions& p, std::uint64_t anchor) { return p.anchor < anchor; });
    if (found == masks.begin() + static_cast<long>(distinct) || found->anchor != y[j]) continue;
    // v = (v + (v & match)) | (v & ~match), the addition carried across the words.
    unsigned char carry = 0;
    for (std::size_t w = 0; w < kWords; ++w) {
      const std::uint64_t match = found->bits[w];
      const std::uint64_t u = v[w] & match;
      std::uint64_t sum = v[w] + u;
      unsigned char next = sum < v[w];
      sum += carry;
      next |= sum < static_cast<std::uint64_t>(carry);
      carry = next;
      v[w] = sum | (v[w] & ~match);
    }
  }
  std::size_t lcs = 0;
  for (std::size_t i = 0; i < n; ++i) lcs += ((v[i / 64] >> (i % 64)) & 1) == 0;
  return static_cast<double>(lcs) / (static_cast<double>(std::min(n, m)) + 0.5);
}

double TermFactor(const NeutralRepresentation& a, const NeutralRepresentation& b) {
  const float c = std::min(a.term_coverage, b.term_coverage);
  return c < kMinTermCoverage ? 0.0 : c;
}

std::vector<float> FeatureWeights(const NeutralRepresentation& rep, const DocumentFrequencies& df) {
  std::vector<float> w;
  w.reserve(rep.features.size());
  for (const Feature& f : rep.features) {
    w.push_back(static_cast<float>(f.tf * std::max(0.0, df.Idf(f))));
  }
  return w;
}

double NeutralOverlap::Jaccard(FeatureKind kind) const {
  const auto k = static_cast<std::size_t>(kind);
  const std::uint32_t all = a_count[k] + b_count[k] - shared[k];
  return all ? static_cast<double>(shared[k]) / all : 0.0;
}

NeutralOverlap CompareNeutral(const NeutralRepresentation& a, const std::vector<float>& wa,
                              const NeutralRepresentation& b, const std::vector<float>& wb) {
  NeutralOverlap out;
  const double factor = TermFactor(a, b);
  const auto& fa = a.features;
  const auto& fb = b.features;
  auto w = [&](const Feature& f, double weight) {
    return (f.kind == FeatureKind::kTerm ? factor : 1.0) * weight;
  };
  double dot = 0, na = 0, nb = 0;
  for (std::size_t i = 0; i < fa.size(); ++i) {
    na += w(fa[i], wa[i]) * w(fa[i], wa[i]);
    ++out.a_count[static_cast<std::size_t>(fa[i].kind)];
  }
  for (std::size_t j = 0; j < fb.size(); ++j) {
    nb += w(fb[j], wb[j]) * w(fb[j], wb[j]);
    ++out.b_count[static_cast<std::size_t>(fb[j].kind)];
  }
  text::ForEachShared(
      fa.size(), fb.size(), [&](std::size_t i) { return fa[i].id; },
      [&](std::size_t j) { return fb[j].id; },
      [&](std::size_t i, std::size_t j) {
        dot += w(fa[i], wa[i]) * w(fb[j], wb[j]);
        out.shared[static_cast<std::size_t>(fa[i].kind)] += fa[i].kind == fb[j].kind;
      });
  out.similarity = na > 0 && nb > 0 ? dot / std::sqrt((na + kEvidence) * (nb + kEvidence)) : 0.0;
  return out;
}

double Similarity(const NeutralRepresentation& a, const NeutralRepresentation& b,
                  const DocumentFrequencies& df) {
  return CompareNeutral(a, FeatureWeights(a, df), b, FeatureWeights(b, df)).similarity;
}

}  // namespace newsweave
