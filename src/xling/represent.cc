// The language-neutral representation of an article, and document frequencies.
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

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
    {"fr", "isation", "ization"}, {"fr", "iser", "ize"},  {"fr", "ite", "ity"},
    {"fr", "ique", "ic"},         {"fr", "iques", "ic"},  {"fr", "aire", "ary"},
    {"fr", "aires", "ary"},       {"fr", "eux", "ous"},   {"fr", "euse", "ous"},
    {"fr", "if", "ive"},          {"fr", "ive", "ive"},   {"fr", "isme", "ism"},
    {"fr", "iste", "ist"},        {"fr", "el", "al"},     {"fr", "elle", "al"},
    {"fr", "ie", "y"},            {"fr", "e", ""},        {"fr", "es", ""},
    {"fr", "s", ""},              {"de", "tat", "ty"},    {"de", "ismus", "ism"},
    {"de", "isch", "ic"},         {"de", "ische", "ic"},  {"de", "ischen", "ic"},
    {"de", "ie", "y"},            {"de", "ieren", "ize"}, {"de", "ik", "ic"},
    {"de", "iv", "ive"},          {"de", "ell", "al"},    {"de", "ion", "ion"},
    {"de", "ionen", "ion"},       {"de", "en", ""},       {"de", "e", ""},
    {"de", "s", ""},              {"es", "dad", "ty"},    {"es", "cion", "tion"},
    {"es", "ciones", "tion"},     {"es", "ico", "ic"},    {"es", "ica", "ic"},
    {"es", "ario", "ary"},        {"es", "izar", "ize"},  {"es", "oso", "ous"},
    {"es", "ivo", "ive"},         {"es", "ista", "ist"},  {"es", "ismo", "ism"},
    {"es", "ia", "y"},            {"es", "ente", "ent"},  {"es", "ante", "ant"},
    {"es", "o", ""},              {"es", "a", ""},        {"es", "os", ""},
    {"es", "es", ""},             {"es", "s", ""},        {"it", "ta", "ty"},
    {"it", "zione", "tion"},      {"it", "zioni", "tion"}, {"it", "ico", "ic"},
    {"it", "ica", "ic"},          {"it", "ario", "ary"},  {"it", "izzare", "ize"},
    {"it", "oso", "ous"},         {"it", "ivo", "ive"},   {"it", "ista", "ist"},
    {"it", "ismo", "ism"},        {"it", "ia", "y"},      {"it", "ente", "ent"},
    {"it", "ante", "ant"},        {"it", "o", ""},        {"it", "a", ""},
    {"it", "i", ""},              {"it", "e", ""},        {"pt", "dade", "ty"},
    {"pt", "cao", "tion"},        {"pt", "coes", "tion"}, {"pt", "ico", "ic"},
    {"pt", "ario", "ary"},        {"pt", "izar", "ize"},  {"pt", "oso", "ous"},
    {"pt", "ivo", "ive"},         {"pt", "ista", "ist"},  {"pt", "ismo", "ism"},
    {"pt", "o", ""},              {"pt", "a", ""},        {"pt", "s", ""},
    {"nl", "iteit", "ity"},       {"nl", "isch", "ic"},   {"nl", "en", ""},
    {"pl", "cja", "tion"},        {"pl", "yczny", "ic"},  {"pl", "izm", "ism"},
};

// What a spelling of a language maps to, cached.
struct Pivot {
  std::vector<std::pair<std::uint64_t, float>> terms;  // feature id, weight (sum 1)
  float prior = kPriorRareWord;
};

}  // namespace

struct XlingAnalyzer::Impl {
  const Lexicon* lexicon;
  XlingOptions options;
  text::Stemmer english{"en"};
  xling::EntityFinder entities;
  std::unordered_map<std::string, Pivot> cache;
  std::unordered_map<std::uint64_t, float> counts;  // feature id -> count
  std::unordered_map<std::uint64_t, std::pair<float, FeatureKind>> priors;
  std::string key;
  std::vector<EntityMention> entity_buf;
  std::vector<DateMention> date_buf;
  std::vector<NumberMention> number_buf;

  Impl(const Lexicon* l, XlingOptions o) : lexicon(l), options(o), entities(l) {}

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

  const Pivot& PivotOf(std::string_view lang, std::string_view folded, std::string_view stem) {
    key.assign(lang);
    key += '\x1f';
    key += folded;
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    if (cache.size() > 200000) cache.clear();
    Pivot p;
    if (lang == "en") {
      p.terms.push_back({FeatureId(FeatureKind::kTerm, stem), 1.0f});
      p.prior = lexicon && lexicon->IsCommonWord("en", folded, stem) ? kPriorCommonWord
                                                                      : kPriorRareWord;
    } else if (!xling::HasNonLatinLetter(folded) || lexicon) {
      std::vector<PivotTranslation> tr;
      if (lexicon) tr = lexicon->Translate(lang, folded, stem);
      if (static_cast<int>(tr.size()) > options.max_translations) tr.resize(options.max_translations);
      float sum = 0;
      for (const PivotTranslation& t : tr) sum += t.weight;
      if (!tr.empty() && sum > 0) {
        for (const PivotTranslation& t : tr)
          p.terms.push_back({FeatureId(FeatureKind::kTerm, t.english), t.weight / sum});
        p.prior = kPriorCommonWord;
      } else if (!xling::HasNonLatinLetter(folded)) {
        bool known = false;
        std::string pivot = CognateOrSelf(lang, folded, &known);
        p.terms.push_back({FeatureId(FeatureKind::kTerm, pivot), 1.0f});
        const bool common = known || (lexicon && lexicon->IsCommonWord(lang, folded, stem));
        p.prior = common ? kPriorCommonWord : kPriorRareWord;
      }
    }
    return cache.emplace(key, std::move(p)).first->second;
  }

  void Count(FeatureKind kind, std::string_view value, float weight, float prior) {
    std::uint64_t id = FeatureId(kind, value);
    counts[id] += weight;
    auto [it, fresh] = priors.emplace(id, std::make_pair(prior, kind));
    if (!fresh) it->second.first = std::max(it->second.first, prior);
  }
};

XlingAnalyzer::XlingAnalyzer(const Lexicon* lexicon, XlingOptions options)
    : impl_(std::make_unique<Impl>(lexicon, options)) {}
XlingAnalyzer::~XlingAnalyzer() = default;

void XlingAnalyzer::FindDatesAndNumbers(std::string_view text, const Analysis& analysis,
                                        std::string_view published,
                                        std::vector<DateMention>* dates,
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
  im.counts.clear();
  im.priors.clear();
  const std::string& lang = a.language.code;
  for (const Token& t : a.tokens) {
    if (t.kind != TokenKind::kWord || t.stopword || t.folded_length < 3) continue;
    ++out->words;
    std::string_view folded = a.Folded(t);
    const Pivot& p = im.PivotOf(lang, folded, a.Stem(t));
    for (const auto& [id, w] : p.terms) {
      im.counts[id] += w;
      auto [it, fresh] = im.priors.emplace(id, std::make_pair(p.prior, FeatureKind::kTerm));
      if (!fresh) it->second.first = std::min(it->second.first, p.prior);
    }
  }
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
        im.Count(FeatureKind::kEntity, k, 1.0f, k.starts_with("a:") ? kPriorAlias : kPriorEntity);
  }
  if (im.options.dates_and_numbers) {
    xling::FindDatesAndNumbersIn(text, a, published, &dates, &numbers);
    for (const DateMention& d : dates) {
      float prior = d.value.size() == 10 ? 5.0f      // full date
                    : d.value[0] == '-'  ? 4.5f      // day and month
                    : d.value.size() == 7 ? 3.5f     // month and year
                    : d.value[0] == 'W'  ? 1.5f      // weekday
                                         : 2.5f;     // year
      im.Count(FeatureKind::kDate, d.value, 1.0f, prior);
    }
    char buf[32];
    for (const NumberMention& n : numbers) {
      if (n.value < 10 && n.value == std::floor(n.value)) continue;  // small counts say little
      std::snprintf(buf, sizeof buf, "%.6g", n.value);
      const bool round = std::fmod(n.value, 100.0) == 0;
      im.Count(FeatureKind::kNumber, buf, 1.0f, n.value < 100 ? 2.5f : round ? 3.5f : 5.0f);
    }
  }
  out->features.reserve(im.counts.size());
  for (const auto& [id, c] : im.counts) {
    const auto& [prior, kind] = im.priors[id];
    out->features.push_back({id, c >= 1 ? 1.0f + std::log(c) : c, prior, kind});
  }
  std::sort(out->features.begin(), out->features.end(),
            [](const Feature& x, const Feature& y) { return x.id < y.id; });
}

// ---------------------------------------------------------------------------------------

struct DocumentFrequencies::Impl {
  double m;
  std::uint64_t n = 0;
  std::unordered_map<std::uint64_t, std::uint32_t> df;
};

DocumentFrequencies::DocumentFrequencies(double prior_documents)
    : impl_(std::make_unique<Impl>()) {
  impl_->m = prior_documents;
}
DocumentFrequencies::~DocumentFrequencies() = default;

void DocumentFrequencies::Add(const NeutralRepresentation& rep) {
  ++impl_->n;
  for (const Feature& f : rep.features) ++impl_->df[f.id];
}

void DocumentFrequencies::Remove(const NeutralRepresentation& rep) {
  if (impl_->n) --impl_->n;
  for (const Feature& f : rep.features) {
    auto it = impl_->df.find(f.id);
    if (it != impl_->df.end() && --it->second == 0) impl_->df.erase(it);
  }
}

std::uint32_t DocumentFrequencies::Count(std::uint64_t id) const {
  auto it = impl_->df.find(id);
  return it == impl_->df.end() ? 0 : it->second;
}

double DocumentFrequencies::Idf(const Feature& f) const {
  const double m = impl_->m;
  const double df = Count(f.id);
  return std::log((impl_->n + m) / (df + m * std::exp(-f.prior_idf) + 0.5));
}

std::uint64_t DocumentFrequencies::documents() const { return impl_->n; }

double Similarity(const NeutralRepresentation& a, const NeutralRepresentation& b,
                  const DocumentFrequencies& df) {
  double dot = 0, na = 0, nb = 0;
  std::size_t i = 0, j = 0;
  auto w = [&](const Feature& f) { return f.tf * std::max(0.0, df.Idf(f)); };
  for (const Feature& f : a.features) na += w(f) * w(f);
  for (const Feature& f : b.features) nb += w(f) * w(f);
  while (i < a.features.size() && j < b.features.size()) {
    if (a.features[i].id < b.features[j].id) {
      ++i;
    } else if (a.features[i].id > b.features[j].id) {
      ++j;
    } else {
      dot += w(a.features[i]) * w(b.features[j]);
      ++i, ++j;
    }
  }
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

}  // namespace newsweave
