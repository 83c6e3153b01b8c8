// Entity mentions and their language-neutral keys.
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "text/stemmer.h"
#include "text/stopwords.h"
#include "text/unicode.h"
#include "xling/internal.h"

extern const char* const newsweave_xling_aliases;
extern const std::size_t newsweave_xling_aliases_size;

namespace newsweave {
namespace {

// folded variant -> canonical, from data/xling/aliases.tsv. Views into `names`, which never
// moves (a deque).
struct AliasTable {
  std::deque<std::string> names;
  std::unordered_map<std::string_view, std::string_view> map;
};

const AliasTable& Aliases() {
  static const auto* table = [] {
    auto* t = new AliasTable();
    text::Folder folder;
    std::string_view data(newsweave_xling_aliases, newsweave_xling_aliases_size);
    std::size_t pos = 0;
    while (pos < data.size()) {
      std::size_t end = data.find('\n', pos);
      if (end == std::string_view::npos) end = data.size();
      std::string_view line = data.substr(pos, end - pos);
      pos = end + 1;
      if (line.empty() || line[0] == '#') continue;
      std::string_view canonical;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] != '\t') continue;
        std::string name = folder.FoldUtf8(line.substr(start, i - start));
        start = i + 1;
        if (name.empty()) continue;
        std::string_view stored = t->names.emplace_back(std::move(name));
        if (canonical.empty()) canonical = stored;
        t->map.emplace(stored, canonical);
      }
    }
    return t;
  }();
  return *table;
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Latin transliteration of a word in another script: ICU Any-Latin, then the háček letters
// spelled as English does (č -> ch, š -> sh, ž -> zh), so they meet English spellings.
std::string ToLatin(icu::Transliterator* any_latin, std::string_view word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  // Greek chi is "kh" in English spellings (Μόσχα -> Moskha, not the German-looking Moscha).
  u.findAndReplace(icu::UnicodeString(u"χ"), icu::UnicodeString(u"kh"));
  u.findAndReplace(icu::UnicodeString(u"Χ"), icu::UnicodeString(u"Kh"));
  any_latin->transliterate(u);
  static const struct {
    char16_t from;
    const char16_t* to;
  } kSpell[] = {{u'č', u"ch"}, {u'Č', u"Ch"}, {u'š', u"sh"},   {u'Š', u"Sh"},
                {u'ž', u"zh"}, {u'Ž', u"Zh"}, {u'ŝ', u"shch"}, {u'â', u"ya"},
                {u'û', u"yu"}, {u'ë', u"yo"}, {u'ʹ', u""},     {u'ʺ', u""}};
  for (const auto& s : kSpell)
    u.findAndReplace(icu::UnicodeString(s.from), icu::UnicodeString(s.to));
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::Transliterator* AnyLatin() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> p(
        icu::Transliterator::createInstance("Any-Latin", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(p) : nullptr;
  }();
  return t.get();
}

// The consonant skeleton of a folded ASCII word (see EntityKey in xling.h).
std::string Skeleton(std::string_view w) {
  std::string s;
  s.reserve(w.size());
  for (char c : w)
    if (c >= 'a' && c <= 'z') s += c;
  if (s.size() > 4 && s.ends_with("ien")) s.pop_back();  // Tschetschenien -> Tschetschenie
  if (s.size() > 3 && s.ends_with("ng")) s.pop_back();   // Peking -> Pekin
  std::string out;
  auto at = [&](std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  auto starts = [&](std::size_t i, std::string_view p) {
    return std::string_view(s).substr(i).starts_with(p);
  };
  auto push = [&](char c) {
    if (out.empty() || out.back() != c) out += c;
  };
  bool vowel_gap = true;  // a vowel since the last consonant (double letters merge otherwise)
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    // Sounds spelled differently by each language, one class: tsch/tch/sch/ch/sh/kh/zh/cz/sz.
    static const std::string_view kHush[] = {"tsch", "tch", "sch", "dzh", "ch",
                                             "sh",   "kh",  "zh",  "cz",  "sz"};
    bool matched = false;
    for (std::string_view p : kHush) {
      if (starts(i, p)) {
        if (vowel_gap || out.empty() || out.back() != 'k') out += 'k';
        i += p.size();
        vowel_gap = false;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (IsVowel(c)) {
      // "ow"/"aw" before a consonant or at the end are vowels (Moscow), other w are v.
      vowel_gap = true;
      ++i;
      if ((c == 'o' || c == 'a') && at(i) == 'w' && !IsVowel(at(i + 1))) ++i;
      continue;
    }
    char k = c;
    std::size_t step = 1;
    switch (c) {
      case 'j':  // before a vowel a consonant (Jartum ~ Khartoum), else a vowel (Selenskyj)
        if (!IsVowel(at(i + 1))) {
          vowel_gap = true;
          ++i;
          continue;
        }
        k = 'k';
        break;
      case 'h':  // silent or part of a digraph handled above
        ++i;
        continue;
      case 'c':
        if (at(i + 1) == 'k') step = 2;
        k = (at(i + 1) == 'e' || at(i + 1) == 'i' || at(i + 1) == 'y') ? 's' : 'k';
        break;
      case 'q':
        k = 'k';
        if (at(i + 1) == 'u') step = 2;
        break;
      case 'z':
        k = 's';
        break;
      case 'w':
        k = 'v';
        break;
      case 'd':
        k = 't';
        break;
      case 'p':
        if (at(i + 1) == 'h') {
          k = 'f';
          step = 2;
        }
        break;
      case 'x':
        push('k');
        k = 's';
        break;
      default:
        break;
    }
    if (vowel_gap || out.empty() || out.back() != k) out += k;
    vowel_gap = false;
    i += step;
  }
  return out;
}

}  // namespace

std::string_view AliasOf(std::string_view folded) {
  const auto& m = Aliases().map;
  auto it = m.find(folded);
  return it == m.end() ? std::string_view() : it->second;
}

std::string EntityKey(std::string_view lang, std::string_view word) {
  thread_local text::Folder folder;
  std::string latin;
  bool arabic = false;
  if (xling::HasNonLatinLetter(word)) {
    UChar32 first;
    U8_GET(reinterpret_cast<const uint8_t*>(word.data()), 0, 0, static_cast<int32_t>(word.size()),
           first);
    UErrorCode status = U_ZERO_ERROR;
    arabic = uscript_getScript(first, &status) == USCRIPT_ARABIC;
    icu::Transliterator* t = AnyLatin();
    latin = t ? ToLatin(t, word) : std::string(word);
    word = latin;
  }
  std::string folded = folder.FoldUtf8(word);
  if (arabic) {
    // Arabic writes long vowels with waw and ya: خرطوم -> khrtwm is Khartoum.
    for (char& c : folded) c = c == 'w' ? 'u' : c == 'y' ? 'i' : c;
  }
  return Skeleton(folded);
}

namespace xling {

bool HasNonLatinLetter(std::string_view word) {
  for (std::size_t i = 0; i < word.size();) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    UChar32 cp;
    int32_t off = static_cast<int32_t>(i);
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), off, static_cast<int32_t>(word.size()),
            cp);
    i = off;
    if (cp < 0 || !u_isalpha(cp)) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(cp, &status);
    if (script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED)
      return true;
  }
  return false;
}

std::string EntityFinder::WordKey(std::string_view lang, std::string_view word,
                                  std::string_view folded, bool acronym) {
  // Possessives: "Poland's", "Putin’s" key as "Poland", "Putin".
  for (std::string_view s : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
    if (folded.size() > s.size() + 1 && folded.ends_with(s)) {
      folded.remove_suffix(s.size());
      if (word.ends_with(s) || word.ends_with("'S")) word.remove_suffix(s.size());
    }
  }
  if (std::string_view alias = AliasOf(folded); !alias.empty()) return "a:" + std::string(alias);
  if (acronym) return "u:" + std::string(folded);
  std::string key;
  if (HasNonLatinLetter(word)) {
    auto it = latin_cache_.find(std::string(word));
    if (it == latin_cache_.end()) {
      it = latin_cache_.emplace(std::string(word), EntityKey(lang, word)).first;
    }
    key = it->second;
  } else {
    key = Skeleton(folded);
  }
  return key.size() >= 2 ? key : std::string();
}

namespace {

// Two to six capitals (EU, WHO, COVID) get a key of their own ("u:" + folded form).
using text::IsAcronym;

}  // namespace

// Month and weekday names (dates.cc finds them as dates).
bool IsCalendarWord(std::string_view folded);

// The part of a token after a French or Italian elision ("l'OTAN" -> "OTAN"), else the token.
std::string_view AfterElision(std::string_view word) {
  for (std::size_t n = 1; n <= 4 && n < word.size(); ++n) {
    const char c = word[n - 1];
    if (!((c >= 'a' && c <= 'z') || (n == 1 && (c == 'L' || c == 'D')))) {
      if (c == '\'') return word.substr(n);
      if (word.substr(n - 1).starts_with("\xE2\x80\x99")) return word.substr(n + 2);
      break;
    }
  }
  return word;
}

bool EntityFinder::NameWord(const Analysis& a, std::string_view text, const Token& t,
                            NameWordInfo* info) {
  if (t.kind != TokenKind::kWord) return false;
  std::string_view word = text.substr(t.start, t.end - t.start);
  std::string_view folded = a.Folded(t);
  bool capitalized = t.capitalized;
  bool stopword = t.stopword;
  std::string_view stem = a.Stem(t);
  if (std::string_view rest = AfterElision(word); rest.size() != word.size() && !rest.empty()) {
    word = rest;
    info->folded_buf = folder_.FoldUtf8(rest);
    info->own = true;
    folded = info->folded_buf;
    stem = folded;
    UChar32 first;
    U8_GET(reinterpret_cast<const uint8_t*>(rest.data()), 0, 0, static_cast<int32_t>(rest.size()),
           first);
    capitalized = u_isupper(first) || u_istitle(first);
    stopword = false;
  }
  info->word = word;
  if (!info->own) info->folded_view = folded;
  info->acronym = IsAcronym(word);
  if (!capitalized) return false;
  if (info->acronym) return true;
  if (stopword || folded.size() < 2) return false;  // "Un" (es) is not the UN
  if (IsCalendarWord(folded)) return false;         // months and weekdays are dates, not names
  if (!AliasOf(folded).empty()) return true;
  // "Time’s", "We’re": the word before a possessive or contraction decides.
  for (std::string_view tail : {"'s", "\xE2\x80\x99s", "'re", "\xE2\x80\x99re", "'ll",
                                "\xE2\x80\x99ll", "'ve", "\xE2\x80\x99ve"}) {
    if (folded.size() > tail.size() + 1 && folded.ends_with(tail)) {
      folded.remove_suffix(tail.size());
      stem = folded;
      break;
    }
  }
  const std::string& lang = a.language.code;
  if (!lexicon_) return !t.sentence_initial;
  const NameClass c =
      name_class_ ? name_class_(lang, folded, stem) : ComputeNameClass(lang, folded, stem, false);
  switch (c) {
    case kKnownName:
      return true;
    case kUnknownWord:
      // Without a stemmer (Polish) the dictionaries miss inflected forms: an unknown word
      // that starts a sentence is more likely one of those than a name.
      return !t.sentence_initial || HasStemmer(lang);
    case kTranslatesToName:
      return !t.sentence_initial && lang != "en";
    case kEnglishWord:
      return !t.sentence_initial;
    case kCommon:
      return false;
  }
  return false;
}

bool EntityFinder::HasStemmer(const std::string& lang) {
  auto it = has_stemmer_.find(lang);
  if (it == has_stemmer_.end()) {
    // Chinese, Japanese, Korean and Thai have no letter case: their Latin-script words are
    // foreign names and words, as in a language with a stemmer.
    const bool caseless = lang == "zh" || lang == "ja" || lang == "ko" || lang == "th";
    it = has_stemmer_.emplace(lang, caseless || lang == "und" || text::Stemmer(lang).ok()).first;
  }
  return it->second;
}

NameClass EntityFinder::ComputeNameClass(std::string_view lang, std::string_view folded,
                                         std::string_view stem, bool known) const {
  if (lexicon_->IsKnownName(lang, folded)) return kKnownName;
  if (known || lexicon_->IsCommonWord(lang, folded, stem)) {
    // German capitalises every noun, and lexicons translate place names ("Kiew" -> "Kiev").
    if (lang != "en") {
      for (const PivotTranslation& tr : lexicon_->Translate(lang, folded, stem))
        if (lexicon_->IsKnownName("en", tr.english)) return kTranslatesToName;
    }
    return kCommon;
  }
  return lexicon_->IsCommonWord("en", folded, {}) ? kEnglishWord : kUnknownWord;
}

void EntityFinder::Find(std::string_view text, const Analysis& a, std::vector<EntityMention>* out) {
  out->clear();
  const std::string& lang = a.language.code;
  const std::vector<Token>& tokens = a.tokens;
  std::vector<NameWordInfo>& words = words_;
  for (std::size_t i = 0; i < tokens.size();) {
    words.clear();
    words.emplace_back();
    if (!NameWord(a, text, tokens[i], &words[0])) {
      ++i;
      continue;
    }
    // Extend over adjacent name words in the same sentence, separated by a space or hyphen.
    std::size_t j = i + 1;
    while (j < tokens.size() && tokens[j].sentence == tokens[i].sentence) {
      std::string_view gap = text.substr(tokens[j - 1].end, tokens[j].start - tokens[j - 1].end);
      if (gap != " " && gap != "-") break;
      words.emplace_back();
      if (!NameWord(a, text, tokens[j], &words.back())) {
        words.pop_back();
        break;
      }
      ++j;
    }
    EntityMention m;
    m.span = {tokens[i].start, tokens[j - 1].end};
    m.text = std::string(text.substr(m.span.start, m.span.end - m.span.start));
    // A multi-word alias ("Vereinigte Staaten") keys the whole span.
    std::string whole;
    if (words.size() > 1) {
      for (std::size_t k = 0; k < words.size(); ++k) {
        if (k > 0) whole += ' ';
        whole += words[k].folded();
      }
    }
    if (std::string_view alias = AliasOf(whole); !whole.empty() && !alias.empty()) {
      m.keys.push_back("a:" + std::string(alias));
    } else {
      for (const NameWordInfo& w : words) {
        std::string key = WordKey(lang, w.word, w.folded(), w.acronym);
        if (!key.empty()) m.keys.push_back(std::move(key));
      }
    }
    if (!m.keys.empty()) out->push_back(std::move(m));
    i = j;
  }
}

}  // namespace xling
}  // namespace newsweave
