// What quote and claim extraction know of one article: each token's word class, the names
// (titles taken off, with the roles the article gives them), the persons they stand for,
// and how a phrase near a speech verb resolves to a speaker (a name, a pronoun, a
// description such as "the Chilean president").
#ifndef NEWSWEAVE_QUOTES_DOCUMENT_H_
#define NEWSWEAVE_QUOTES_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsweave/analysis.h"
#include "newsweave/quotes.h"
#include "newsweave/xling.h"
#include "quotes/lexicon.h"

namespace newsweave::quotes {

// A byte range [start, end) of the text: a quote with its marks.
struct Marked {
  std::uint32_t open = 0;   // offset of the opening mark
  std::uint32_t start = 0;  // first byte inside
  std::uint32_t end = 0;    // one past the last byte inside
  std::uint32_t close = 0;  // one past the closing mark
};

// A name of the article with the titles before it taken off.
struct Mention {
  std::uint32_t first = 0, last = 0;  // token range of the name's words [first, last)
  std::uint32_t span_first = 0;       // first token with the titles before the name
  std::uint32_t start = 0, end = 0;   // its bytes (after an elision, before a possessive)
  std::uint32_t sentence = 0;
  int person = -1;                 // index into Document::persons()
  bool modifier = false;           // names something else: "of Tessaly", "Pirna's", "d'Ostrava"
  bool after_preposition = false;  // a modifier only for the preposition before it
  bool subject_like = false;       // not inside a prepositional phrase
  std::vector<int> roles;          // roles the article gives it (title, apposition)
  Gender gender = Gender::kUnknown;
  bool honorific = false;
};

// One person (or organisation) named in the article, all its mentions together.
struct Person {
  std::string name;               // the fullest form
  std::vector<std::string> keys;  // EntityKey of each word of that form
  std::vector<int> roles;
  Gender gender = Gender::kUnknown;  // from an honorific or a gendered role word
  Gender guess = Gender::kUnknown;   // from the first name ("-a": feminine)
  bool human = false;                // a first name, an honorific, a person's role, or quoted
  bool org_like = false;             // several words, none a first name ("Guardia Civil")
  bool topic = false;                // the first person the article names as a subject
};

// What a phrase stands for.
struct Referent {
  int person = -1;          // a named person, or -1
  std::string description;  // unnamed: the description as written ("spokesperson for X")
  std::string key;          // alternatives separated by '|': "tms krt", "d:ministry|nrtrn frnt"
  bool found() const { return person >= 0 || !description.empty(); }
};

// A token position where somebody was reported speaking (for pronouns that follow).
struct SpeechEvent {
  std::uint32_t token = 0;
  std::uint32_t sentence = 0;
  int person = -1;
};

class Document {
 public:
  // Classifies the words of `text` (quotes: its quotes, sorted).
  Document(std::string_view text, const Analysis& analysis, const std::vector<Marked>& quotes,
           const QuoteOptions& options);
  // Finds the names, persons and their roles (before any Find* or ResolvePronoun call).
  void Index(const std::vector<EntityMention>& entities);
  // True when some word may open a claim (a verb of accusation, denial, demand, warning).
  bool HasClaimCue() const;

  std::string_view text() const { return text_; }
  const Analysis& analysis() const { return a_; }
  const std::string& lang() const { return a_.language.code; }
  const std::vector<Token>& tokens() const { return a_.tokens; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(a_.tokens.size()); }
  const std::vector<Person>& persons() const { return persons_; }

  // Word-class flags of token i (of the word after an elision when the whole is unknown),
  // and of its elided head ("d" of "d'Ostrava").
  std::uint32_t Flags(std::uint32_t i) const { return info_[i] ? info_[i]->flags : 0; }
  std::uint32_t HeadFlags(std::uint32_t i) const { return head_[i] ? head_[i]->flags : 0; }
  const WordInfo* Info(std::uint32_t i) const { return info_[i]; }
  // The role of token i (its word, a compound ending in a role word, or "porte-parole"
  // across a hyphen), or nullptr.
  const WordInfo* RoleInfo(std::uint32_t i) const;
  // The text between token i-1 and token i (from the start of the text for i = 0).
  std::string_view GapBefore(std::uint32_t i) const;
  std::string_view Word(std::uint32_t i) const;
  // First token whose start is >= byte offset `pos`.
  std::uint32_t TokenAt(std::uint32_t pos) const;
  // The mention covering token i, or -1.
  int MentionAt(std::uint32_t i) const { return mention_at_[i]; }
  const Mention& mention(int m) const { return mentions_[static_cast<std::size_t>(m)]; }
  // True when token i lies inside a quote.
  bool InQuote(std::uint32_t i) const { return in_quote_[i] != 0; }
  // True when a negation comes right before token i ("did not deny", "n'a pas démenti").
  bool Negated(std::uint32_t i) const;
  // The paragraph (count of newlines before) of byte offset pos.
  std::uint32_t ParagraphOf(std::uint32_t pos) const;

  // The speaker a phrase between tokens [from, to) stands for. `backward`: the subject
  // before a verb (nearest first); otherwise the subject after an inverted verb or a marker.
  // `at` is the token where the speech is reported (pronouns look back from it).
  // `objects`: also phrases after a preposition (the target of "called on the government").
  Referent FindBackward(std::uint32_t from, std::uint32_t to, std::uint32_t at);
  Referent FindForward(std::uint32_t from, std::uint32_t to, std::uint32_t at,
                       bool objects = false);
  // A pronoun (or a subject a pro-drop language left out) at token `at`.
  Referent ResolvePronoun(std::uint32_t at, Gender gender, bool plural);
  // Records that `r` spoke at token `at` (pronouns later prefer recent speakers).
  void AddSpeechEvent(std::uint32_t at, const Referent& r);

  // Display name and key of a referent.
  std::string NameOf(const Referent& r) const;
  std::string KeyOf(const Referent& r) const;

  // Pivot words (Quote::pivots) of the tokens in [from, to) that are not stop words, and
  // those words as written in *words when it is not null.
  void Pivots(std::uint32_t from, std::uint32_t to, std::vector<std::string>* pivots,
              std::vector<std::string>* words = nullptr) const;

 private:
  void Classify();
  void BuildMentions(const std::vector<EntityMention>& entities);
  // Token spans of names: the entities, widened over capitalised neighbours, and
  // capitalised runs after a role word; sorted, not overlapping.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> NameSpans(
      const std::vector<EntityMention>& entities) const;
  // True when token i may be part of a name (capitalised, not a known word class).
  bool NameWord(std::uint32_t i) const;
  // True when the dictionaries know token i as a name or not as a word (a sentence-initial
  // word may then start a name: "Sabine Leitner a remporté").
  bool KnownName(std::uint32_t i) const;
  // True when the dictionaries list token i as a first name (or another capitalised name).
  bool FirstName(std::uint32_t i) const;
  // True when token i is a dictionary word of the language or of English, not a name.
  bool CommonWord(std::uint32_t i) const;
  // True when token i is a particle inside names ("van", "von", "der").
  bool IsParticle(std::uint32_t i) const;
  void AddMention(std::uint32_t first, std::uint32_t last);
  void BuildPersons();
  bool IsOblique(std::uint32_t i) const;
  bool ApposedBefore(std::uint32_t i, std::uint32_t* role_token) const;
  // A description whose head is token `head`: its person when the article names one with
  // that role, else the description itself.
  // `guess`: a definite description of a person no one is named as may stand for the
  // person being talked about.
  Referent Describe(std::uint32_t head, const WordInfo& role, std::uint32_t at, bool guess = true);
  Referent FromMention(int m) const;
  // The name right after a role word: "prefect Claire Vautrin", or ", Name" within a few
  // tokens: "the platform's spokesman, Tomás Garrido". -1 when none.
  int NameAfterRole(std::uint32_t head, std::uint32_t limit) const;

  std::string_view text_;
  const Analysis& a_;
  const QuoteOptions& options_;
  const LanguageWords& words_;
  std::vector<const WordInfo*> info_, head_;
  std::vector<int> mention_at_;
  std::vector<char> in_quote_;
  std::vector<Mention> mentions_;
  std::vector<Person> persons_;
  std::vector<SpeechEvent> events_;
  std::vector<std::uint32_t> newlines_;
  const Lexicon* lexicon_;
  struct Memo {
    std::uint8_t first_name = 0, common = 0;
  };
  mutable std::vector<Memo> memo_;
};

// True when the text between two tokens ends a phrase: . ; : ! ? ( ) [ ] a quotation mark, a
// dash or a line break (a comma does not).
bool Breaks(std::string_view gap);

// The length of a possessive ending ("'s", "’s"), or 0.
std::size_t PossessiveLength(std::string_view w);

// The gender a first name suggests (folded), or kUnknown.
Gender GuessGender(std::string_view first_name);

// Collapses whitespace runs to one space and trims.
std::string CollapseSpace(std::string_view s);

}  // namespace newsweave::quotes

#endif  // NEWSWEAVE_QUOTES_DOCUMENT_H_
