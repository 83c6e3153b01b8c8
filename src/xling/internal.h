// What the parts of the cross-lingual layer share inside src/xling.
#ifndef NEWSWEAVE_XLING_INTERNAL_H_
#define NEWSWEAVE_XLING_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsweave/xling.h"
#include "text/unicode.h"

namespace newsweave::xling {

// The part of a token after a French or Italian elision ("l'OTAN" -> "OTAN", "d'euros" ->
// "euros"), else the token.
std::string_view AfterElision(std::string_view word);

// True when the UTF-8 word has a letter outside the Latin script.
bool HasNonLatinLetter(std::string_view word);

// What the dictionaries say of a capitalised word, for telling names from other words.
enum NameClass : std::int8_t {
  kKnownName,         // a capitalised-only hunspell word: a name
  kTranslatesToName,  // a dictionary word whose translation is an English name (de "Kiew")
  kCommon,            // a common word of the language
  kEnglishWord,       // unknown to the language, a common English word (headlines, loanwords)
  kUnknownWord,       // unknown: a name
};

// Finds names in an analysed text (entity.cc). Caches transliterations; one per thread.
class EntityFinder {
 public:
  explicit EntityFinder(const Lexicon* lexicon) : lexicon_(lexicon) {}
  using NameClassFn = std::function<NameClass(std::string_view lang, std::string_view folded,
                                              std::string_view stem)>;
  // Replaces the lexicon lookups that class a word (the representation passes a cached
  // version, which also knows cognates and compounds).
  void set_name_class(NameClassFn fn) { name_class_ = std::move(fn); }
  // What the lexicon says of a word; `known` when the caller found an English pivot for it.
  NameClass ComputeNameClass(std::string_view lang, std::string_view folded, std::string_view stem,
                             bool known) const;
  void Find(std::string_view text, const Analysis& analysis, std::vector<EntityMention>* out);
  // The key of one word: "a:" + alias, "u:" + acronym, or the skeleton of EntityKey().
  std::string WordKey(std::string_view lang, std::string_view word, std::string_view folded,
                      bool acronym);

 private:
  struct NameWordInfo {
    std::string_view word;         // the token, after an elision ("l'OTAN" -> "OTAN")
    std::string_view folded_view;  // its folded form, in the analysis ...
    std::string folded_buf;        // ... or here, after an elision
    bool own = false;
    bool acronym = false;
    std::string_view folded() const { return own ? std::string_view(folded_buf) : folded_view; }
  };
  // True when the token is a word of a name; fills *info.
  bool NameWord(const Analysis& a, std::string_view text, const Token& t, NameWordInfo* info);
  std::vector<NameWordInfo> words_;
  // True when Snowball stems the language or it has no letter case (cached per language).
  bool HasStemmer(const std::string& lang);
  std::unordered_map<std::string, bool> has_stemmer_;
  const Lexicon* lexicon_;
  NameClassFn name_class_;
  text::Folder folder_;
  std::unordered_map<std::string, std::string> latin_cache_;
};

// Finds dates and numbers (dates.cc). `published` may be empty.
void FindDatesAndNumbersIn(std::string_view text, const Analysis& analysis,
                           std::string_view published, std::vector<DateMention>* dates,
                           std::vector<NumberMention>* numbers);

// The day number (days since 1970-01-01) of a civil date, and back.
int DaysFromCivil(int y, int m, int d);
void CivilFromDays(int z, int* y, int* m, int* d);

}  // namespace newsweave::xling

#endif  // NEWSWEAVE_XLING_INTERNAL_H_
