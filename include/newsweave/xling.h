// Cross-lingual layer: what lets an article in French be compared with one in English or
// German, offline and without a neural model. Per article, after the Analyzer:
//   pivot terms   content words mapped to English stems through FreeDict lexicons (plus
//                 cognate rules checked against an English word list, plus user lexicons);
//   entity keys   names (capitalised spans that are not common words) reduced to a
//                 language-neutral key that matches spelling and transliteration variants
//                 (Zelensky / Selenskyj, Kyiv / Kiew, Moscou / Moskau) and known aliases
//                 from data/xling/aliases.tsv (OTAN / NATO, Pékin / Beijing);
//   dates, numbers absolute dates, month-year, weekdays (resolved against the publication
//                 date when known), years and counts, normalized.
// A TranslationIndex finds, through an inverted index on the rarest features, the pairs of
// articles in different languages whose representations are similar enough to be one
// article and its translation.
#ifndef NEWSWEAVE_XLING_H_
#define NEWSWEAVE_XLING_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsweave/analysis.h"
#include "newsweave/status.h"

namespace newsweave {

// ---------------------------------------------------------------------------------------
// Lexicon: FreeDict translations and hunspell word lists, compiled at build time into one
// file (format: src/xling/FORMAT.md) and mapped into memory.

struct PivotTranslation {
  std::string_view english;  // English Snowball stem, folded ("election" -> "elect")
  float weight = 0;          // 0..1; the first sense of an entry weighs most
};

struct LexiconOptions {
  // The compiled lexicon. Empty: $NEWSWEAVE_LEXICON, then $NEWSWEAVE_DATA/xling.lex, then
  // xling.lex or data/xling.lex next to the running binary, then the build tree's file.
  std::string path;
};

// The compiled lexicon, mapped read-only: lookups are thread-safe (AddUser* are not, and must
// come before lookups start).
class Lexicon {
 public:
  // Maps the compiled lexicon file found as LexiconOptions::path says.
  static Result<std::unique_ptr<Lexicon>> Open(const LexiconOptions& options = {});
  // A process-wide lexicon opened with default options (nullptr when no file is found).
  static const Lexicon* Default();
  ~Lexicon();

  // Translations of a word of language `lang` (ISO 639-1), looked up by its folded form
  // ("élection" -> "election"), then by its Snowball stem. User entries come first. Empty
  // when the word is unknown. English words are their own pivot and are not looked up.
  std::vector<PivotTranslation> Translate(std::string_view lang, std::string_view folded,
                                          std::string_view stem) const;

  // True when the folded form or the stem is a lower-case word of the language's hunspell
  // dictionary or a lexicon headword: a common word, not a name.
  bool IsCommonWord(std::string_view lang, std::string_view folded, std::string_view stem) const;

  // True when the folded form is a capitalised-only hunspell entry (a known name).
  bool IsKnownName(std::string_view lang, std::string_view folded) const;

  // Adds user entries for `lang` from text in either form, one pair a line:
  //   source<TAB>target          (FreeDict-like, source in `lang`, target English)
  //   target @ source            (MUSE text form)
  // Lines starting with '#' and blank lines are skipped. Returns the number of entries, or
  // kCorruption naming the first malformed line. Not thread-safe with lookups.
  Result<int> AddUserEntries(std::string_view lang, std::string_view text);
  // Same, from a file (what a `--lexicon FILE` option calls). An empty `lang` is read from
  // the file name's first two letters ("fr-en.txt", "de_en.tsv", "es.tsv").
  Result<int> AddUserLexicon(std::string_view lang, const std::string& path);

  // Number of compiled entries (folded forms and stems of all languages).
  std::size_t size() const;
  // The file this lexicon was mapped from.
  const std::string& path() const;

 private:
  Lexicon();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------------------
// Entity keys, dates and numbers (each usable on its own).

// The language-neutral key of one name word of language `lang`: transliterated to Latin
// (ICU Any-Latin for other scripts), accents removed, the language's spelling of sounds
// mapped to one class (fr "tch" = de "tsch" = en "ch"; de "ch" = es "j" = en "kh"; de "w" =
// en "v"; z = s; y and final j as vowels), vowels dropped, double letters merged:
// Zelensky/Zelenskyy/Zelenski/Selenskyj -> "slnsk". Empty for words with no letters.
std::string EntityKey(std::string_view lang, std::string_view word);

// Known aliases (data/xling/aliases.tsv, compiled in): the canonical name of a folded word
// or acronym ("otan" -> "nato", "pekin" -> "beijing"), or empty.
std::string_view AliasOf(std::string_view folded);

struct EntityMention {
  TextSpan span;                  // bytes of the analyzed text, all words of a multi-word name
  std::string text;               // as written
  std::vector<std::string> keys;  // one key per name word ("a:" prefix for aliases)
};

struct DateMention {
  TextSpan span;
  std::string value;  // "2022-03-03", "--03-03" (no year), "2022-03" (month), "2022" (year),
                      // "W4" (a weekday, Monday = W1, when no publication date resolves it)
};

struct NumberMention {
  TextSpan span;
  double value = 0;  // "12.000", "12,000", "12 000" (narrow no-break space) -> 12000
};

// ---------------------------------------------------------------------------------------
// The language-neutral representation of one article.

enum class FeatureKind : std::uint8_t { kTerm, kEntity, kDate, kNumber };

// 16 bytes: an article holds hundreds, and the main job keeps them for every article.
struct Feature {
  std::uint64_t id = 0;  // hash of kind and value
  float tf = 0;          // 1 + log(count), scaled by translation weight
  // Rarity before any corpus is seen (dictionary word or not, kind), in halves: the priors
  // are multiples of 0.5 up to 127.5 (PriorHalves()).
  std::uint8_t prior_halves = 0;
  FeatureKind kind = FeatureKind::kTerm;

  float prior_idf() const { return prior_halves * 0.5f; }
};

// A prior idf (a multiple of 0.5 in [0, 127.5]) as Feature keeps it.
constexpr std::uint8_t PriorHalves(float prior_idf) {
  return static_cast<std::uint8_t>(prior_idf * 2.0f + 0.5f);
}
static_assert(sizeof(Feature) == 16);

struct NeutralRepresentation {
  std::string lang;
  std::vector<Feature> features;  // sorted by id, unique
  // Kept for people and the dedup integrator (not used by Similarity):
  std::vector<EntityMention> entities;
  std::vector<DateMention> dates;
  std::vector<NumberMention> numbers;
  // Entity keys, dates and numbers in text order (feature ids): a translation keeps them in
  // the same order, another article of the same event seldom does.
  std::vector<std::uint64_t> anchors;
  std::uint32_t words = 0;  // content words seen
  float term_coverage = 0;  // share of them with a known English pivot (0..1)
};

struct XlingOptions {
  bool entities = true;
  bool dates_and_numbers = true;
  bool keep_mentions = true;  // fill entities/dates/numbers (off: features only, faster)
  int max_translations = 3;   // per word
};

// Builds representations. Holds caches: not thread-safe, one per thread; the Lexicon is
// shared and must outlive it. `lexicon` may be null (English pivot only, no common-word test).
class XlingAnalyzer {
 public:
  explicit XlingAnalyzer(const Lexicon* lexicon, XlingOptions options = XlingOptions());
  ~XlingAnalyzer();
  XlingAnalyzer(const XlingAnalyzer&) = delete;
  XlingAnalyzer& operator=(const XlingAnalyzer&) = delete;

  // Fills *out from the text and its Analysis (as Analyzer::Segment/Analyze left it).
  // `published` is ISO 8601 or empty; it resolves weekdays and years left out.
  void Represent(std::string_view text, const Analysis& analysis, std::string_view published,
                 NeutralRepresentation* out);

  // Dates and numbers only (what Represent puts in out->dates and out->numbers).
  void FindDatesAndNumbers(std::string_view text, const Analysis& analysis,
                           std::string_view published, std::vector<DateMention>* dates,
                           std::vector<NumberMention>* numbers);

  // Entity mentions only.
  void FindEntities(std::string_view text, const Analysis& analysis,
                    std::vector<EntityMention>* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Document frequencies of features in the corpus being processed, combined with each
// feature's prior: idf = log((N + m) / (df + m * exp(-prior_idf))), m pseudo-documents, so a
// batch of 5 articles leans on the prior and one of 5 million on the counts.
class DocumentFrequencies {
 public:
  explicit DocumentFrequencies(double prior_documents = 20.0);
  ~DocumentFrequencies();
  // Counts each feature of `rep` once.
  void Add(const NeutralRepresentation& rep);
  // Undoes Add().
  void Remove(const NeutralRepresentation& rep);
  // The feature's idf in the corpus so far, blended with its prior (formula above); > 0.
  double Idf(const Feature& f) const;
  // Number of representations added (minus those removed).
  std::uint64_t documents() const;
  // Number of added representations holding the feature.
  std::uint32_t Count(std::uint64_t feature_id) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Pivot terms weigh as much as the worse-covered of two articles lets them: the smaller
// term_coverage, or nothing below kMinTermCoverage (a Chinese article without a lexicon has
// few pivots; it is compared by entities, dates and numbers).
inline constexpr float kMinTermCoverage = 0.2f;
// The factor applied to the pivot-term weights of `a` and `b` when they are compared.
double TermFactor(const NeutralRepresentation& a, const NeutralRepresentation& b);

// Share of the shorter anchor sequence found in the same order in the other: the longest
// common subsequence over (shorter length + 0.5), so that three anchors of three do not
// count as certain; 0 when either has fewer than 3 anchors.
double AnchorOrder(const NeutralRepresentation& a, const NeutralRepresentation& b);

// Added to both squared norms in Similarity, so that two articles with little evidence (a
// year and a name) cannot look identical: about the weight of six rare features.
inline constexpr double kEvidence = 100.0;

// Cosine of the two representations' tf·idf vectors over the comparable features, damped
// by kEvidence: 0 (nothing shared) .. nearly 1 (same).
double Similarity(const NeutralRepresentation& a, const NeutralRepresentation& b,
                  const DocumentFrequencies& df);

// The weight of each of `rep`'s features in the corpus `df` (tf times idf, the idf floored at
// 0), in the order of rep.features: what Similarity weighs them by, computed once per article.
std::vector<float> FeatureWeights(const NeutralRepresentation& rep, const DocumentFrequencies& df);

// What two representations have in common, from weights computed before (FeatureWeights of
// each side), in one pass over their features.
struct NeutralOverlap {
  double similarity = 0;  // Similarity()'s value, without looking anything up
  // Per FeatureKind: features of a, of b, and shared.
  std::array<std::uint32_t, 4> a_count{}, b_count{}, shared{};
  // Jaccard similarity of the features of one kind.
  double Jaccard(FeatureKind kind) const;
};
NeutralOverlap CompareNeutral(const NeutralRepresentation& a, const std::vector<float>& wa,
                              const NeutralRepresentation& b, const std::vector<float>& wb);

struct TranslationOptions {
  // A link needs Similarity >= threshold and AnchorOrder >= min_anchor_order; articles with
  // fewer than 3 anchors need Similarity >= threshold_without_anchors instead. Tuned on
  // SemEval-2022 Task 8 (bench/xling_eval.sh).
  double threshold = 0.12;
  double min_anchor_order = 0.5;
  double threshold_without_anchors = 0.2;
  int query_features = 48;               // rarest features per article looked up in the index
  double max_posting_share = 0.05;       // features in more than this share of articles are not
                                         // looked up (kept for scoring), once N >= 200
  std::uint32_t max_posting = 250;       // ... nor in more than this many (at most 250 an
                                         // article's lookup walks per feature: linear in N)
  bool different_languages_only = true;  // Nearest(): candidates in other languages only
  // Pairs(): link two articles only when each is the other's best candidate in its
  // language (an original may still be linked to one translation per language).
  bool mutual_best = true;
  // ... unless the pair is one side's best with Similarity >= strong_threshold and
  // AnchorOrder >= strong_anchor_order.
  double strong_threshold = 0.2;
  double strong_anchor_order = 0.7;
};

struct TranslationPair {
  std::uint32_t a = 0, b = 0;  // indexes in order of Add(); a < b
  double score = 0;
};

// Collects representations, then finds translation pairs through an inverted index on each
// article's rarest features (never all pairs). Add() all, then call Pairs()/Nearest(); the
// first query after an Add() builds the index. Not thread-safe (queries build lazily).
//
// Use from dedup: per article, Analyzer::Segment (or Analyze), then XlingAnalyzer::Represent
// (one XlingAnalyzer per thread, Lexicon::Default() shared), then Add() in input order; at
// the end Pairs() gives (a, b, score) with indexes in Add() order: mark the article of each
// pair that is not its group's representative `translation` of the other.
class TranslationIndex {
 public:
  explicit TranslationIndex(TranslationOptions options = TranslationOptions());
  ~TranslationIndex();
  // Adds a representation (moved in) and returns its index (0, 1, 2, ... in order).
  std::uint32_t Add(NeutralRepresentation rep);
  // The same for a representation shared with its other holders (not null; its mentions are
  // not read: a holder may leave them out).
  std::uint32_t Add(std::shared_ptr<const NeutralRepresentation> rep);
  // Pairs of articles in different languages that pass the options' tests (Similarity,
  // AnchorOrder and, with mutual_best, each the other's best passing candidate in its
  // language), by descending Similarity. Each article's candidates come from the index (its
  // query_features rarest features), not from all pairs. With `first` > 0, only the pairs
  // with at least one article numbered `first` or later (the articles added since then).
  // The queries run on `threads` threads (0: one per core); the pairs are the same.
  std::vector<TranslationPair> Pairs(std::uint32_t first = 0, int threads = 1) const;
  // The best `k` candidates for article `i` (any language unless the options say otherwise),
  // by descending score, among the articles sharing one of its rare features.
  std::vector<TranslationPair> Nearest(std::uint32_t i, int k) const;
  // Similarity of articles i and j as the index scores them (the corpus' frequencies).
  double Score(std::uint32_t i, std::uint32_t j) const;
  // The document frequencies of everything added.
  const DocumentFrequencies& frequencies() const;
  // The representation added as article i (i < size()).
  const NeutralRepresentation& at(std::uint32_t i) const;
  // Number of articles added.
  std::size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_XLING_H_
