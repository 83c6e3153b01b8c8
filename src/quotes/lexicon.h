// The words that frame reported speech, per language: speech verbs, "according to" markers,
// pronouns, determiners and prepositions, honorifics, role nouns ("spokesman", "préfète",
// "Bürgermeisterin", "portavoz") mapped to one language-neutral role, and the verbs of
// accusation, denial, demand and warning. Looked up by the folded form (Analysis::Folded).
#ifndef NEWSWEAVE_QUOTES_LEXICON_H_
#define NEWSWEAVE_QUOTES_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsweave::quotes {

// Word classes (bits of WordInfo::flags).
enum WordFlag : std::uint32_t {
  kSpeech = 1u << 0,          // a speech verb: said, a déclaré, sagte, dijo
  kAccording = 1u << 1,       // introduces a source: according (to), selon, laut, según
  kAccordingAfter = 1u << 2,  // follows its source: (X) zufolge
  kSoMarker = 1u << 3,        // German "so" after a quote: „…“, so Müller
  kPronoun = 1u << 4,         // subject personal pronoun
  kPlural = 1u << 5,          // plural pronoun or determiner
  kDeterminer = 1u << 6,      // article, possessive, demonstrative
  kIndefinite = 1u << 7,      // indefinite article
  kPreposition = 1u << 8,
  kRelative = 1u << 9,             // who, which, qui, quien ...
  kHonorific = 1u << 10,           // Mr, Mme, Frau, Sra ...
  kNegation = 1u << 11,            // not, pas, nicht, no
  kAuxiliary = 1u << 12,           // has, a, hat, ha ...
  kHelpNoun = 1u << 13,            // help, aide, Hilfe, ayuda
  kAccusationNoun = 1u << 14,      // accusations, Vorwürfe, acusaciones
  kRejectWord = 1u << 15,          // absurd, infondées, haltlos, falsas
  kThat = 1u << 16,                // that, que, dass
  kAppeal = 1u << 17,              // asks for something: appealed, a demandé, bat, pidió
  kParticiple = 1u << 18,          // German clause-final participle cue (vorgeworfen)
  kDenialIfAccusation = 1u << 19,  // rejected: a denial when its object is an accusation
  kBy = 1u << 20,                  // by, par, von, por (after a passive)
  kCallOn = 1u << 21,              // en "call": a demand when "on"/"for" follows
  kSeparable = 1u << 22,           // German verb whose particle may end the clause
  kRole = 1u << 23,                // WordInfo::role is set
  kConjunction = 1u << 24,         // and, but, et, mais, und, aber, y, pero ...
  kAccordingInitial = 1u << 25,  // "Pour X, « … »", "Para X, “…”": a source only when it
                                 // opens the sentence
};

// Words that are never part of a name (the role words of titles included).
inline constexpr std::uint32_t kNominalClass =
    kSpeech | kAccording | kAccordingAfter | kPronoun | kDeterminer | kPreposition | kHonorific |
    kAuxiliary | kNegation | kRole | kAccusationNoun | kRelative | kThat;

enum class Gender : std::int8_t { kUnknown = 0, kMasculine = 1, kFeminine = 2 };

// A language-neutral role ("spokesperson", "mayor", "ministry") with whether it names a
// person (a role a person holds) or a group or organisation, and whether it is an office.
struct Role {
  std::string_view name;
  bool person = true;
  bool office = false;  // a post one person holds (president, mayor): two differ
};

struct WordInfo {
  std::uint32_t flags = 0;
  std::int16_t role = -1;   // index into Roles(), when flags has kRole
  std::int8_t stance = -1;  // a newsweave::Stance value, or -1
  Gender gender = Gender::kUnknown;
};

// Heterogeneous lookup by string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordMap = std::unordered_map<std::string, WordInfo, StringHash, std::equal_to<>>;

// The words of one language (or of all of them, for languages without a list).
class LanguageWords {
 public:
  LanguageWords() = default;
  // Not copyable: the lookup table points into words_.
  LanguageWords(const LanguageWords&) = delete;
  LanguageWords& operator=(const LanguageWords&) = delete;

  // What the lexicon knows of a folded word; nullptr when nothing. Looked up for every token
  // of every article: a flat table of hashes (see Freeze), so that a word not in the list,
  // the usual case, costs a hash and one probe of a small array.
  const WordInfo* Find(std::string_view folded) const {
    const std::size_t h = StringHash()(folded);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.entry == nullptr) return nullptr;
      if (s.hash == h && s.entry->first == folded) return &s.entry->second;
    }
  }
  // The role of a German-style compound ("feuerwehrsprecherin" -> spokesperson,
  // "verteidigungsministerium" -> ministry): the longest known role word that ends it;
  // nullptr when none. Only for languages that write compounds as one word.
  const WordInfo* FindCompoundRole(std::string_view folded) const;
  bool compounds() const { return compounds_; }

 private:
  friend const LanguageWords& WordsFor(std::string_view lang);
  // Builds the lookup table over words_ (which must not change after).
  void Freeze();
  struct Slot {
    std::size_t hash = 0;
    const WordMap::value_type* entry = nullptr;  // null: empty
  };
  WordMap words_;
  std::vector<Slot> slots_ = std::vector<Slot>(1);  // a power of two, at most half full
  std::size_t mask_ = 0;
  bool compounds_ = false;
  std::size_t shortest_role_ = 4;
  std::size_t longest_role_ = 0;  // bytes of the longest role word
};

// The words of language `lang` (ISO 639-1); languages without their own list get the union
// of all lists. Built once, thread-safe.
const LanguageWords& WordsFor(std::string_view lang);

// The known roles, indexed by WordInfo::role.
const Role& RoleAt(int index);

// The part of a French or Italian elided token after its apostrophe ("l'onu" -> "onu",
// "d'ostrava" -> "ostrava"), and the elided word itself ("l", "d") in *head; the token
// itself (and an empty head) when there is no elision.
std::string_view SplitElision(std::string_view folded, std::string_view* head);

}  // namespace newsweave::quotes

#endif  // NEWSWEAVE_QUOTES_LEXICON_H_
