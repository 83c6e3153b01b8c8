// Who said what. Per article: direct quotes in any of the usual quotation marks (“ ” " " « »
// „ “ ‚ ‘ ‹ › » «, also across sentences and paragraphs) with their speaker, found from the
// speech verb and its subject or apposition nearby ("said", "a déclaré", "sagte", "dijo",
// "according to", "selon", "laut", "según") and resolved to the fullest name the article
// gives that person; and reported claims (accusation, denial, demand, warning, call for
// help) with actor, target and content words. Per event: the quotes grouped by speaker
// across languages, the same statement in two languages being one quote with two renderings
// (linked through pivot terms), and claims set beside their denials.
//
// Speakers and actors carry a language-neutral key: the entity keys of the cross-lingual
// layer (EntityKey) of the name's words ("Tomás Garrido" -> "tms krt"), or "d:" and a role
// for an unnamed description ("the ministry", "le ministère" -> "d:ministry").
#ifndef NEWSWEAVE_QUOTES_H_
#define NEWSWEAVE_QUOTES_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsweave/analysis.h"
#include "newsweave/xling.h"

namespace newsweave {

struct ComparableArticle;
struct MainJobResult;
struct ProcessedArticle;

// How a quote's speaker was found.
enum class Attribution : std::uint8_t {
  kNone,          // no speaker found
  kVerbAfter,     // a speech verb after the quote: "…," said X / "…," X said / „…“, so X
  kVerbBefore,    // a speech verb before it: X said: "…" / X a déclaré que « … »
  kAccordingTo,   // according to X, "…" / selon X / laut X / según X
  kColon,         // a clause ending in a colon, without speech verb: X was cautious: "…"
  kContinuation,  // the next quote of the same speaker: "…," she said. "…"
  kPrevious,      // the sentence before names the speaker with a speech verb
};

// "none", "verb-after", "verb-before", "according-to", "colon", "continuation", "previous".
std::string_view AttributionName(Attribution a);

struct Quote {
  TextSpan span;     // the quoted text, marks excluded (bytes of the clean text)
  std::string text;  // the quoted text, whitespace collapsed, paragraph re-openings removed
  std::string lang;
  // The speaker as the article names them best: the fullest form of the name, titles
  // dropped ("Pavel Hruška" for "Ostrava Mayor Pavel Hruška" and for a later "Hruška"), or an
  // unnamed description ("spokesperson for the Coastal Heritage Trust"). Empty: unknown.
  std::string speaker;
  std::string speaker_key;  // see the file comment; empty when the speaker is unknown
  std::string cue;          // the speech verb or marker, as written ("said", "selon")
  Attribution attribution = Attribution::kNone;
  // The quoted content words, language-neutral: one entry per word, its folded form and its
  // English pivot stems (FreeDict; German compounds split) separated by '|' ("altstadt|old|
  // town", "crue|flood"); numbers and names stand as they are.
  std::vector<std::string> pivots;
};

enum class Stance : std::uint8_t { kAccusation, kDenial, kDemand, kWarning, kCallForHelp };

// "accusation", "denial", "demand", "warning", "call-for-help".
std::string_view StanceName(Stance s);

struct Claim {
  Stance stance = Stance::kAccusation;
  std::string actor, actor_key;    // who makes it (as Quote::speaker and speaker_key)
  std::string target, target_key;  // whom it concerns: the accused, the one asked or warned,
                                   // for a denial what is denied; may be empty
  std::string cue;                 // the verb as written ("accused", "rejected", "a démenti")
  std::string text;                // its sentence, whitespace collapsed
  TextSpan span;                   // the sentence (bytes of the clean text)
  std::string lang;
  std::vector<std::string> content;  // content words of what is claimed, as written
  std::vector<std::string> pivots;   // their language-neutral forms (as Quote::pivots)
};

struct QuoteOptions {
  // Quoted spans with fewer words are names, titles or scare quotes ("Monte Stello",
  // “essential”), not quotes.
  int min_words = 3;
  // An opening mark with no close within this many bytes (or before the paragraph ends,
  // unless the next paragraph re-opens the quote) is not a quote.
  std::size_t max_bytes = 4000;
  // How many sentences back pronouns and descriptions look for the person they stand for.
  int lookback_sentences = 8;
  bool claims = true;  // ExtractStatements: find claims too
  // For pivot terms; null: Lexicon::Default() (and folded forms only when there is none).
  const Lexicon* lexicon = nullptr;
};

struct ArticleStatements {
  std::vector<Quote> quotes;  // in text order
  std::vector<Claim> claims;  // in text order
};

// Quotes and claims of one clean, analysed article. `entities` are the names of the same
// text and analysis (XlingAnalyzer::FindEntities, or NeutralRepresentation::entities as
// Represent() leaves them). Deterministic; thread-safe (allocates its own state).
ArticleStatements ExtractStatements(std::string_view text, const Analysis& analysis,
                                    const std::vector<EntityMention>& entities,
                                    const QuoteOptions& options = QuoteOptions());

// The quotes of an article, names found with `xling` (one per thread; may be null: then
// every capitalised word that does not open a sentence counts as a name).
std::vector<Quote> ExtractQuotes(std::string_view text, const Analysis& analysis,
                                 XlingAnalyzer* xling,
                                 const QuoteOptions& options = QuoteOptions());

// The claims of an article, as ExtractQuotes finds names.
std::vector<Claim> ExtractClaims(std::string_view text, const Analysis& analysis,
                                 XlingAnalyzer* xling,
                                 const QuoteOptions& options = QuoteOptions());

// True when two speaker keys name the same speaker: the same role key ("d:..."), or the
// same last name and no conflicting first name ("krt" and "tms krt").
bool SameSpeaker(std::string_view a, std::string_view b);

// How much two statements (Quote::pivots) say the same: the content words of either that
// a word of the other matches (a form in common, or one the prefix of the other, four letters
// at least), counted on the side with more matches, over the shorter one's length; 0..1,
// about 1 for a statement and its translation. `*shared` receives the count.
double StatementOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b,
                        int* shared = nullptr);

// ---------------------------------------------------------------------------------------
// Per event.

struct ArticleStatementsRef {
  std::string article;  // its id
  std::string lang;
  const ArticleStatements* statements = nullptr;
  // The article it is a translation of (dedup's relation "translation"), or empty.
  std::string translation_of;
};

struct QuoteRendering {
  std::string article, lang, text;
  std::string speaker;  // as that article names the speaker
};

// One statement: its renderings in the articles (and languages) that quote it.
struct EventQuote {
  std::string speaker, speaker_key;  // the fullest name among the renderings
  std::vector<QuoteRendering> renderings;
};

struct EventClaim {
  Claim claim;
  std::string article;
  long replies_to = -1;  // for a denial: index (in EventStatements::claims) of what it denies
};

struct EventStatements {
  // Grouped by speaker (the most quoted first), then in order of first appearance; quotes
  // whose speaker is unknown last.
  std::vector<EventQuote> quotes;
  // Each accusation (or other claim) followed by the denials that answer it; the rest after.
  std::vector<EventClaim> claims;
};

struct GroupOptions {
  // Two quotes of the same speaker in different articles are renderings of one statement
  // when StatementOverlap reaches this and they share at least `min_shared` pivot terms; a
  // quote with no known speaker joins a statement only at `unknown_speaker_overlap`.
  double link_overlap = 0.34;
  int min_shared = 2;
  // ... or, in two articles one of which translates the other (or both the same original),
  // at these (the lexicons miss many words, and translators choose their own).
  double translation_overlap = 0.2;
  int translation_min_shared = 1;
  double unknown_speaker_overlap = 0.6;
  // A denial answers a claim whose target is the denial's actor, or with at least this
  // overlap of content.
  double denial_overlap = 0.3;
  // Quotes are compared when they share a form's first letters; letters that more quotes
  // than this share (a common word in a big event) propose no pairs, so that an event of
  // thousands of quotes is not compared pair by pair. Their rarer words still do.
  std::size_t max_quotes_per_key = 256;
};

// Groups the statements of one event's articles (in the order given, which decides which
// rendering comes first).
EventStatements GroupStatements(const std::vector<ArticleStatementsRef>& articles,
                                const GroupOptions& options = GroupOptions());

// Collects the statements of the articles of a main job (RunMainJob): pass Hook() as
// MainJobOptions::on_article, then ask ByEvent() for the events of the result. Copies are
// read too (a longer version may quote more); their quotes become more renderings.
class StatementCollector {
 public:
  explicit StatementCollector(QuoteOptions options = QuoteOptions());
  ~StatementCollector();
  StatementCollector(const StatementCollector&) = delete;
  StatementCollector& operator=(const StatementCollector&) = delete;

  // The per-article callback; may be called on several threads at once for different
  // articles (as MainJob does).
  std::function<void(std::size_t index, const ProcessedArticle& article,
                     const std::vector<EntityMention>* entities)>
  Hook();
  // The statements of each event of `result` (indexed as result.events), events grouped on
  // `threads` threads (0: one per core); the same for any number.
  std::vector<EventStatements> ByEvent(const MainJobResult& result,
                                       const GroupOptions& options = GroupOptions(),
                                       int threads = 0) const;
  // The statements of article `index` (as MainJobResult::articles), or nullptr.
  const ArticleStatements* At(std::size_t index) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_QUOTES_H_
