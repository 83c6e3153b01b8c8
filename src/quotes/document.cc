#include "quotes/document.h"

#include <algorithm>
#include <cmath>

namespace newsweave::quotes {
namespace {

constexpr std::uint32_t kNominalClass = kSpeech | kAccording | kAccordingAfter | kPronoun |
                                        kDeterminer | kPreposition | kHonorific | kAuxiliary |
                                        kNegation | kRole | kAccusationNoun | kRelative | kThat;

bool HasAny(std::string_view s, std::string_view chars) {
  return s.find_first_of(chars) != std::string_view::npos;
}

// Punctuation that ends a phrase (a comma counts separately).
bool Breaks(std::string_view gap) {
  if (HasAny(gap, ".;:!?()[]\"\n")) return true;
  // Quotation marks and dashes: “ ” „ « » ‹ › — –.
  for (std::string_view m : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xC2\xAB", "\xC2\xBB",
                             "\xE2\x80\xB9", "\xE2\x80\xBA", "\xE2\x80\x94", "\xE2\x80\x93"}) {
    if (gap.find(m) != std::string_view::npos) return true;
  }
  return false;
}

bool IsAcronym(std::string_view w) {
  if (w.size() < 2 || w.size() > 6) return false;
  for (char c : w)
    if (!(c >= 'A' && c <= 'Z')) return false;
  return true;
}

// A possessive ending ("'s", "’s"), or 0.
std::size_t PossessiveLength(std::string_view w) {
  if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("'S"))) return 2;
  if (w.size() > 4 && w.ends_with("\xE2\x80\x99s")) return 4;
  return 0;
}

}  // namespace

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

Document::Document(std::string_view text, const Analysis& analysis,
                   const std::vector<Marked>& quotes, const QuoteOptions& options)
    : text_(text),
      a_(analysis),
      options_(options),
      words_(WordsFor(analysis.language.code)),
      lexicon_(options.lexicon ? options.lexicon : Lexicon::Default()) {
  const std::uint32_t n = size();
  in_quote_.assign(n, 0);
  std::size_t q = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t pos = a_.tokens[i].start;
    while (q < quotes.size() && quotes[q].end <= pos) ++q;
    if (q < quotes.size() && quotes[q].start <= pos) in_quote_[i] = 1;
  }
  for (std::uint32_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') newlines_.push_back(i);
  memo_.assign(n, Memo());
  Classify();
}

void Document::Index(const std::vector<EntityMention>& entities) {
  BuildMentions(entities);
  BuildPersons();
}

bool Document::HasClaimCue() const {
  for (const WordInfo* w : info_) {
    if (w && (w->stance >= 0 || (w->flags & (kDenialIfAccusation | kCallOn | kAppeal))))
      return true;
  }
  return false;
}

void Document::Classify() {
  const std::uint32_t n = size();
  info_.assign(n, nullptr);
  head_.assign(n, nullptr);
  std::string buf;
  for (std::uint32_t i = 0; i < n; ++i) {
    const Token& t = a_.tokens[i];
    if (t.kind != TokenKind::kWord) continue;
    std::string_view folded = a_.Folded(t);
    if (folded.find("\xE2\x80\x99") != std::string_view::npos) {  // ’ as '
      buf.assign(folded);
      for (std::size_t p; (p = buf.find("\xE2\x80\x99")) != std::string::npos;)
        buf.replace(p, 3, "'");
      folded = buf;
    }
    info_[i] = words_.Find(folded);
    if (info_[i] == nullptr) {
      std::string_view head;
      std::string_view rest = SplitElision(folded, &head);
      if (!head.empty()) {
        head_[i] = words_.Find(head);
        info_[i] = words_.Find(rest);
      }
    }
  }
}

const WordInfo* Document::RoleInfo(std::uint32_t i) const {
  if (i >= size()) return nullptr;
  if (info_[i] && (info_[i]->flags & kRole)) return info_[i];
  const Token& t = a_.tokens[i];
  if (t.kind != TokenKind::kWord) return nullptr;
  // Across a hyphen: "porte-parole", "vice-amiral".
  if (i + 1 < size() && GapBefore(i + 1) == "-") {
    std::string joined(a_.Folded(t));
    joined += '-';
    joined += a_.Folded(a_.tokens[i + 1]);
    const WordInfo* w = words_.Find(joined);
    if (w && (w->flags & kRole)) return w;
  }
  if (words_.compounds() && t.capitalized && a_.Folded(t).size() > 6)
    return words_.FindCompoundRole(a_.Folded(t));
  return nullptr;
}

std::string_view Document::GapBefore(std::uint32_t i) const {
  const std::uint32_t from = i == 0 ? 0 : a_.tokens[i - 1].end;
  const std::uint32_t to =
      i < size() ? a_.tokens[i].start : static_cast<std::uint32_t>(text_.size());
  return text_.substr(from, to - from);
}

std::string_view Document::Word(std::uint32_t i) const {
  const Token& t = a_.tokens[i];
  return text_.substr(t.start, t.end - t.start);
}

std::uint32_t Document::TokenAt(std::uint32_t pos) const {
  auto it = std::lower_bound(a_.tokens.begin(), a_.tokens.end(), pos,
                             [](const Token& t, std::uint32_t p) { return t.start < p; });
  return static_cast<std::uint32_t>(it - a_.tokens.begin());
}

std::uint32_t Document::ParagraphOf(std::uint32_t pos) const {
  return static_cast<std::uint32_t>(std::lower_bound(newlines_.begin(), newlines_.end(), pos) -
                                    newlines_.begin());
}

bool Document::IsOblique(std::uint32_t i) const {
  if (HeadFlags(i) & kPreposition) return true;  // d'Ostrava
  if (Breaks(GapBefore(i))) return false;        // after a quote or a full stop: a new phrase
  const std::uint32_t sentence = a_.tokens[i].sentence;
  if (GapBefore(i).find(',') != std::string_view::npos) {
    // An apposition: oblique when the phrase before the comma is (its role word comes after
    // a preposition: "del anterior alcalde, Jan Kowalczyk").
    std::uint32_t j = i;
    int role_at = -1;
    std::vector<std::uint32_t> seg;
    while (j > 0 && a_.tokens[j - 1].sentence == sentence && seg.size() < 8) {
      --j;
      seg.push_back(j);
      if (j != i - 1 &&
          (Breaks(GapBefore(j + 1)) || GapBefore(j + 1).find(',') != std::string_view::npos)) {
        seg.pop_back();
        break;
      }
      if (Breaks(GapBefore(j)) || GapBefore(j).find(',') != std::string_view::npos) break;
    }
    for (std::size_t k = seg.size(); k-- > 0;) {  // left to right
      if (RoleInfo(seg[k])) {
        role_at = static_cast<int>(k);
        break;
      }
    }
    if (role_at < 0) return false;
    for (std::size_t k = seg.size(); k-- > static_cast<std::size_t>(role_at) + 1;) {
      if ((Flags(seg[k]) & kPreposition) && !(Flags(seg[k]) & kAccording)) return true;
    }
    return false;
  }
  int seen = 0;
  for (std::uint32_t j = i; j > 0 && seen < 4; ++seen) {
    if (Breaks(GapBefore(j)) || GapBefore(j).find(',') != std::string_view::npos) return false;
    --j;
    if (a_.tokens[j].sentence != sentence) return false;
    const std::uint32_t f = Flags(j);
    if (f & kAccording) return false;
    if (f & kPreposition) return true;
    if (HeadFlags(j) & kPreposition) return true;
    if (f & (kSpeech | kAuxiliary | kPronoun | kThat | kRelative)) return false;
    if (a_.tokens[j].kind == TokenKind::kNumber) return false;
  }
  return false;
}

bool Document::NameWord(std::uint32_t i) const {
  const Token& t = a_.tokens[i];
  if (t.kind != TokenKind::kWord || !t.capitalized || in_quote_[i] || head_[i] != nullptr)
    return false;
  // An organisation's kind is part of its name ("Coastal Heritage Trust"), a title is not.
  const WordInfo* role = RoleInfo(i);
  if (role) return !RoleAt(role->role).person;
  return !(Flags(i) & kNominalClass);
}

Gender GuessGender(std::string_view first_name) {
  // First names in -a are mostly women's; the common exceptions are listed.
  static constexpr std::string_view kMen[] = {"moussa", "musa",  "issa",  "luca",   "andrea",
                                              "nikita", "ilya",  "sasha", "joshua", "mustafa",
                                              "akira",  "kosta", "jona",  "elia",   "mattia"};
  if (first_name.size() < 3 || !first_name.ends_with('a')) return Gender::kUnknown;
  for (std::string_view m : kMen)
    if (first_name == m) return Gender::kUnknown;
  return Gender::kFeminine;
}

bool Document::IsParticle(std::uint32_t i) const {
  static constexpr std::string_view kParticles[] = {"van",   "von", "der", "den", "ter",
                                                    "ten",   "de",  "del", "da",  "di",
                                                    "della", "dos", "bin", "ibn"};
  const std::string_view w = Word(i);
  for (std::string_view p : kParticles)
    if (w == p) return true;
  return false;
}

// The dictionary tests below are asked again and again of the same tokens: each answer is
// kept per token (bit 0: asked, bit 1: the answer).
bool Document::CommonWord(std::uint32_t i) const {
  std::uint8_t& c = memo_[i].common;
  if (!(c & 1)) {
    bool v = false;
    if (lexicon_ != nullptr) {
      const Token& t = a_.tokens[i];
      const std::string_view f = a_.Folded(t);
      v = (lexicon_->IsCommonWord(lang(), f, a_.Stem(t)) || lexicon_->IsCommonWord("en", f, {})) &&
          !FirstName(i);
    }
    c = static_cast<std::uint8_t>(1 | (v << 1));
  }
  return c & 2;
}

bool Document::FirstName(std::uint32_t i) const {
  std::uint8_t& c = memo_[i].first_name;
  if (!(c & 1)) {
    bool v = false;
    if (lexicon_ != nullptr) {
      const std::string_view f = a_.Folded(a_.tokens[i]);
      v = lexicon_->IsKnownName(lang(), f) || lexicon_->IsKnownName("en", f);
    }
    c = static_cast<std::uint8_t>(1 | (v << 1));
  }
  return c & 2;
}

bool Document::KnownName(std::uint32_t i) const {
  if (lexicon_ == nullptr) return false;
  const Token& t = a_.tokens[i];
  return FirstName(i) || !lexicon_->IsCommonWord(lang(), a_.Folded(t), a_.Stem(t));
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> Document::NameSpans(
    const std::vector<EntityMention>& entities) const {
  const std::uint32_t n = size();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
  auto joined = [&](std::uint32_t i) {  // token i follows token i-1 within a name
    const std::string_view gap = GapBefore(i);
    return (gap == " " || gap == "-") && a_.tokens[i].sentence == a_.tokens[i - 1].sentence;
  };
  for (const EntityMention& e : entities) {
    std::uint32_t first = TokenAt(e.span.start), last = TokenAt(e.span.end);
    if (first >= last || last > n || in_quote_[first]) continue;
    // The dictionaries take some surnames and first names for words ("Salcedo", "Pilar",
    // "Winter"): capitalised neighbours join the name.
    while (first > 0 && joined(first) && NameWord(first - 1) &&
           (!a_.tokens[first - 1].sentence_initial || KnownName(first - 1)))
      --first;
    while (last < n && joined(last) && NameWord(last)) ++last;
    // Particles between a first name and a surname: "Sanne de Wit", "Joel van der Berg",
    // "Ursula von der Leyen" (not "Hannah Schuster von Kepler Research").
    const bool one_name = last == first + 1 || FirstName(last - 1) || RoleInfo(last - 2);
    for (std::uint32_t k = last; one_name && k < n && k < last + 3 && joined(k) && IsParticle(k);
         ++k) {
      if (k + 1 < n && joined(k + 1) && NameWord(k + 1)) {
        last = k + 2;
        break;
      }
    }
    spans.emplace_back(first, last);
  }
  // Where only names are capitalised, a run of two capitalised words inside a sentence is a
  // name even when each is also a word ("Ramón Gil").
  // Where every noun is capitalised, such a run needs a known first name ("Claudia Brenner").
  for (std::uint32_t i = 0; i + 1 < n; ++i) {
    if (a_.tokens[i].sentence_initial || !NameWord(i)) continue;
    std::uint32_t j = i + 1;
    while (j < n && joined(j) && NameWord(j)) ++j;
    if (j >= i + 2 && (!words_.compounds() || FirstName(i))) spans.emplace_back(i, j);
    i = j - 1;
  }
  // A capitalised run right after a role word or an honorific: "die Studentin Lea Winter".
  for (std::uint32_t i = 0; i + 1 < n; ++i) {
    if (!(RoleInfo(i) || (Flags(i) & kHonorific)) || in_quote_[i]) continue;
    std::uint32_t j = i + 1;
    if (!joined(j) || GapBefore(j) != " ") continue;
    while (j < n && (j == i + 1 || joined(j)) && NameWord(j) && j < i + 4) ++j;
    if (j > i + 1) spans.emplace_back(i + 1, j);
  }
  // An honorific before a name belongs to it ("Me Isabelle Roux", "M. Pellegrin").
  for (auto& [first, last] : spans) {
    if (first > 0 && (Flags(first - 1) & kHonorific) && a_.tokens[first - 1].capitalized &&
        (GapBefore(first) == " " || GapBefore(first) == ". "))
      --first;
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && s.first < merged.back().second) {
      merged.back().second = std::max(merged.back().second, s.second);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

void Document::BuildMentions(const std::vector<EntityMention>& entities) {
  const std::uint32_t n = size();
  mention_at_.assign(n, -1);
  for (const auto& [first, last] : NameSpans(entities)) AddMention(first, last);
  // A surname standing alone, even where the dictionaries see a word ("Salcedo rechazó").
  std::vector<std::string_view> surnames;
  for (const Mention& m : mentions_) {
    if (m.last - m.first >= 2) surnames.push_back(a_.Folded(a_.tokens[m.last - 1]));
  }
  for (std::uint32_t i = 0; i < n && !surnames.empty(); ++i) {
    if (mention_at_[i] >= 0 || in_quote_[i] || !a_.tokens[i].capitalized) continue;
    const std::string_view f = a_.Folded(a_.tokens[i]);
    if (std::find(surnames.begin(), surnames.end(), f) != surnames.end()) AddMention(i, i + 1);
  }
  std::sort(mentions_.begin(), mentions_.end(),
            [](const Mention& x, const Mention& y) { return x.first < y.first; });
  mention_at_.assign(n, -1);
  for (std::size_t k = 0; k < mentions_.size(); ++k) {
    for (std::uint32_t j = mentions_[k].span_first; j < mentions_[k].last; ++j)
      mention_at_[j] = static_cast<int>(k);
  }
}

void Document::AddMention(std::uint32_t first, std::uint32_t last) {
  const std::uint32_t n = size();
  {
    Mention m;
    m.span_first = first;
    std::uint32_t name = first;
    // Titles and other known words before the name go ("Ostrava Mayor Pavel Hruška", "Laut
    // Lena Ostrova"); the word of an organisation's kind stays in its name ("Skyway Airlines",
    // "Verteidigungsministerium") and gives it its role.
    for (std::uint32_t j = first; j < last; ++j) {
      const std::uint32_t f = Flags(j);
      const WordInfo* role = RoleInfo(j);
      if (role) {
        m.roles.push_back(role->role);
        if (role->gender != Gender::kUnknown) m.gender = role->gender;
      }
      if (f & kHonorific) {
        m.honorific = true;
        if (info_[j]->gender != Gender::kUnknown) m.gender = info_[j]->gender;
      }
      const bool group = role && !RoleAt(role->role).person;
      const bool particle = j > name && j + 1 < last && IsParticle(j);  // "Sanne de Wit"
      if (!particle && ((role && !group) || (f & kNominalClass & ~kRole))) name = j + 1;
    }
    // "Vice-Admiral": both halves of a hyphenated title go.
    if (name < last && name > first && GapBefore(name) == "-" && RoleInfo(name - 1)) ++name;
    // A title the lists lack ("Judge Elaine Porter", "Helfer Kemal Arslan"): a dictionary word
    // before a name of two words.
    while (name + 2 < last && GapBefore(name + 1) == " " && CommonWord(name) &&
           (FirstName(name + 1) || !CommonWord(name + 1)))
      ++name;
    // ... or any word before a first name and a surname ("Hansa-Trainer Peter Brandt"), unless
    // it is itself a first name or joined to one ("Jean-Luc").
    for (std::uint32_t p = last - 1; p-- > name + 1;) {
      if (!FirstName(p) || GapBefore(p) != " " || FirstName(p - 1)) continue;
      if (GapBefore(p + 1) == " ") name = p;
      break;
    }
    if (name >= last) return;
    // The plural of an organisation's kind ends its name: "Skyway Airlines".
    if (std::string_view w = a_.Folded(a_.tokens[last - 1]); w.size() > 4 && w.ends_with('s')) {
      const WordInfo* kind = words_.Find(w.substr(0, w.size() - 1));
      if (kind && (kind->flags & kRole) && !RoleAt(kind->role).person)
        m.roles.push_back(kind->role);
    }
    m.first = name;
    m.last = last;
    const Token& ft = a_.tokens[name];
    const Token& lt = a_.tokens[last - 1];
    m.start = ft.start;
    if (head_[name] != nullptr) {  // "d'Ostrava": the name starts after the elision
      std::string_view head;
      const std::string_view word = Word(name);
      m.start += static_cast<std::uint32_t>(word.size() - SplitElision(word, &head).size());
    }
    const std::size_t poss = PossessiveLength(Word(last - 1));
    m.end = lt.end - static_cast<std::uint32_t>(poss);
    m.sentence = ft.sentence;
    m.modifier = poss > 0;
    m.after_preposition = (HeadFlags(name) & kPreposition) != 0;
    // Before it (skipping articles): a preposition makes it part of another phrase.
    if (!m.modifier && name == first && first > 0) {
      std::uint32_t j = first;
      // Adjectives in between: "des regionalen Katastrophenschutzes".
      auto plain = [&](std::uint32_t k) {  // no punctuation between tokens k-1 and k
        return !Breaks(GapBefore(k)) && GapBefore(k).find(',') == std::string_view::npos;
      };
      for (int adjectives = 0;
           adjectives < 2 && j > 1 && plain(j) && plain(j - 1) &&
           a_.tokens[j - 1].kind == TokenKind::kWord && !a_.tokens[j - 1].capitalized &&
           Flags(j - 1) == 0 && (Flags(j - 2) & kDeterminer);
           ++adjectives)
        --j;
      while (j > 0 && (Flags(j - 1) & kDeterminer) && plain(j)) {
        if (Flags(j - 1) & kPreposition) m.after_preposition = true;  // "dem NDR"
        // German genitive: "den Rebellen der Nordfront".
        if (lang() == "de" && j - 1 > 0 && !Breaks(GapBefore(j - 1)) &&
            (a_.Folded(a_.tokens[j - 1]) == "der" || a_.Folded(a_.tokens[j - 1]) == "des") &&
            a_.tokens[j - 2].capitalized && !a_.tokens[j - 2].sentence_initial) {
          m.modifier = true;
        }
        --j;
      }
      if (j > 0 && !Breaks(GapBefore(j)) && GapBefore(j).find(',') == std::string_view::npos) {
        const std::uint32_t f = Flags(j - 1) | HeadFlags(j - 1);
        if ((f & kPreposition) && !(f & kAccording)) m.after_preposition = true;
      }
    }
    // Followed at once by a role word: "Ostrava Mayor", "UN spokesman", "Chiles Präsidentin".
    if (last < n && (GapBefore(last) == " " || GapBefore(last) == "-") && RoleInfo(last))
      m.modifier = true;
    m.subject_like = !m.modifier && !m.after_preposition && !IsOblique(first);
    m.modifier |= m.after_preposition;
    // Roles right before it ("la préfète Claire Vautrin") or in an apposition on either side;
    // none for a name that only qualifies something ("des regionalen Katastrophenschutzes").
    if (!m.modifier) {
      std::uint32_t j = first;
      bool comma = GapBefore(first).find(',') != std::string_view::npos;
      for (int k = 0; k < 6 && j > 0 && a_.tokens[j - 1].sentence == m.sentence; ++k) {
        std::string_view gap = GapBefore(j);
        if (Breaks(gap)) break;
        if (gap.find(',') != std::string_view::npos && !(comma && j == first)) break;
        --j;
        if (Flags(j) & (kSpeech | kPronoun | kAuxiliary)) break;
        if (const WordInfo* r = RoleInfo(j); r && !IsOblique(j)) {
          m.roles.push_back(r->role);
          if (r->gender != Gender::kUnknown) m.gender = r->gender;
        }
        if ((Flags(j) & kPreposition) && !comma) break;
      }
    }
    if (!m.modifier && last < n && GapBefore(last).find(',') != std::string_view::npos &&
        !Breaks(GapBefore(last))) {
      for (std::uint32_t j = last; j < n && j < last + 6; ++j) {
        if (j > last && (Breaks(GapBefore(j)) || GapBefore(j).find(',') != std::string_view::npos))
          break;
        if ((Flags(j) & kPreposition) && j > last) break;
        if (Flags(j) & (kSpeech | kAuxiliary)) break;  // ", told reporters": not an apposition
        if (const WordInfo* r = RoleInfo(j)) {
          m.roles.push_back(r->role);
          if (r->gender != Gender::kUnknown && m.gender == Gender::kUnknown) m.gender = r->gender;
          break;
        }
      }
    }
    const int index = static_cast<int>(mentions_.size());
    for (std::uint32_t j = first; j < last; ++j) mention_at_[j] = index;
    mentions_.push_back(std::move(m));
  }
}

void Document::BuildPersons() {
  const std::string& lang = a_.language.code;
  std::vector<std::vector<std::string>> keys(mentions_.size());
  for (std::size_t k = 0; k < mentions_.size(); ++k) {
    const Mention& m = mentions_[k];
    for (std::uint32_t j = m.first; j < m.last; ++j) {
      std::uint32_t s = std::max(a_.tokens[j].start, m.start);
      std::uint32_t e = std::min(a_.tokens[j].end, m.end);
      std::string_view w = text_.substr(s, e - s);
      std::string key = IsAcronym(w) ? "u:" + std::string(w) : EntityKey(lang, w);
      if (!key.empty()) keys[k].push_back(std::move(key));
    }
  }
  auto suffix_of = [](const std::vector<std::string>& shorter,
                      const std::vector<std::string>& longer) {
    if (shorter.size() > longer.size()) return false;
    return std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
  };
  // Longer names first, so that "Garrido" joins "Tomás Garrido" wherever it comes.
  std::vector<std::size_t> order(mentions_.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return keys[x].size() > keys[y].size(); });
  for (std::size_t k : order) {
    Mention& m = mentions_[k];
    if (keys[k].empty()) continue;
    int found = -1;
    for (std::size_t p = 0; p < persons_.size(); ++p) {
      if (suffix_of(keys[k], persons_[p].keys)) {
        found = static_cast<int>(p);
        break;
      }
    }
    if (found < 0) {
      Person p;
      p.name = std::string(text_.substr(m.start, m.end - m.start));
      p.keys = keys[k];
      if (keys[k].size() >= 2) {
        // A word of an organisation's kind: "Guardia Civil", "Red Cross", "Valle Vivo platform".
        for (std::uint32_t j = m.first; j < m.last; ++j) {
          const WordInfo* r = RoleInfo(j);
          if (r && !RoleAt(r->role).person) p.org_like = true;
        }
        p.guess = GuessGender(a_.Folded(a_.tokens[m.first]));
      }
      persons_.push_back(std::move(p));
      found = static_cast<int>(persons_.size() - 1);
    }
    m.person = found;
    Person& p = persons_[static_cast<std::size_t>(found)];
    for (int r : m.roles) {
      if (std::find(p.roles.begin(), p.roles.end(), r) == p.roles.end()) p.roles.push_back(r);
    }
    if (m.gender != Gender::kUnknown) p.gender = m.gender;
    // Two name words (and not an organisation's).
    if (m.honorific || (keys[k].size() >= 2 && !keys[k][0].starts_with("u:") && !p.org_like))
      p.human = true;
  }
  for (Person& p : persons_) {
    bool person_role = false, group_role = false;
    for (int r : p.roles) (RoleAt(r).person ? person_role : group_role) = true;
    if (person_role) p.human = true;
    if ((group_role && !person_role) || p.org_like) p.human = false;
  }
  for (const Mention& m : mentions_) {
    if (m.person >= 0 && m.subject_like && persons_[static_cast<std::size_t>(m.person)].human) {
      persons_[static_cast<std::size_t>(m.person)].topic = true;
      break;
    }
  }
}

Referent Document::FromMention(int m) const {
  Referent r;
  r.person = mentions_[static_cast<std::size_t>(m)].person;
  return r;
}

void Document::AddSpeechEvent(std::uint32_t at, const Referent& r) {
  if (r.person < 0 || at >= size()) return;
  // Somebody quoted is a person, unless the name looks like an organisation's.
  Person& p = persons_[static_cast<std::size_t>(r.person)];
  bool group_role = false;
  for (int role : p.roles) group_role |= !RoleAt(role).person;
  if (!group_role && !p.org_like) p.human = true;
  events_.push_back({at, a_.tokens[at].sentence, r.person});
}

Referent Document::ResolvePronoun(std::uint32_t at, Gender gender, bool plural) {
  Referent best;
  if (at > size()) at = size();
  const std::uint32_t sentence =
      at < size() ? a_.tokens[at].sentence : static_cast<std::uint32_t>(a_.sentences.size());
  const std::uint32_t paragraph =
      ParagraphOf(at < size() ? a_.tokens[at].start : static_cast<std::uint32_t>(text_.size()));
  const int lookback = options_.lookback_sentences;
  std::vector<double> score(persons_.size(), -1e9);
  auto consider = [&](int person, std::uint32_t token, double base) {
    if (person < 0) return;
    const Person& p = persons_[static_cast<std::size_t>(person)];
    if (plural ? p.human : !p.human) return;  // "they": a group or an organisation
    const std::uint32_t s = a_.tokens[token].sentence;
    if (sentence > s + static_cast<std::uint32_t>(lookback)) return;
    if (gender != Gender::kUnknown && p.gender != Gender::kUnknown && gender != p.gender) return;
    double v = base - static_cast<double>(sentence - s);
    if (ParagraphOf(a_.tokens[token].start) == paragraph) v += 2.0;
    if (gender != Gender::kUnknown) {
      const Gender g = p.gender != Gender::kUnknown ? p.gender : p.guess;
      if (g == gender) v += 0.5;
      if (g != Gender::kUnknown && g != gender) v -= 0.5;
    }
    if (p.topic && base < 3.0) v += 1.5;  // the article's subject, when merely named
    // Later occurrences win ties.
    v += 1e-6 * token;
    score[static_cast<std::size_t>(person)] = std::max(score[static_cast<std::size_t>(person)], v);
  };
  for (const Mention& m : mentions_) {
    if (m.first >= at) break;
    if (m.modifier && !m.after_preposition) continue;  // "Pirna's", "Ostrava Mayor"
    consider(m.person, m.first, m.subject_like ? 2.0 : 0.5);
  }
  const SpeechEvent* last = nullptr;
  for (const SpeechEvent& e : events_) {
    if (e.token >= at) continue;
    consider(e.person, e.token, 3.0);
    if (!last || e.token > last->token) last = &e;
  }
  if (last && score[static_cast<std::size_t>(last->person)] > -1e8)
    score[static_cast<std::size_t>(last->person)] += 1.0;  // the last one quoted goes on
  double top = -1e8;
  for (std::size_t p = 0; p < persons_.size(); ++p) {
    if (score[p] > top) {
      top = score[p];
      best.person = static_cast<int>(p);
    }
  }
  return best;
}

int Document::NameAfterRole(std::uint32_t head, std::uint32_t limit) const {
  const std::uint32_t n = std::min(limit, size());
  std::uint32_t j = head + 1;
  if (j < n && GapBefore(j) == "-" && RoleInfo(head) == RoleInfo(j)) ++j;  // porte-parole
  if (j < n && (GapBefore(j) == " ") && mention_at_[j] >= 0 &&
      mentions_[static_cast<std::size_t>(mention_at_[j])].first == j &&
      !mentions_[static_cast<std::size_t>(mention_at_[j])].modifier)
    return mention_at_[j];
  for (std::uint32_t k = j; k < n && k < j + 10; ++k) {
    std::string_view gap = GapBefore(k);
    if (k > head + 1 && Breaks(gap)) return -1;
    if (Flags(k) & (kSpeech | kRelative | kThat)) return -1;
    const int m = mention_at_[k];
    if (m >= 0 && gap.find(',') != std::string_view::npos &&
        mentions_[static_cast<std::size_t>(m)].span_first == k &&
        !mentions_[static_cast<std::size_t>(m)].modifier)
      return m;
    if (m >= 0) k = std::max(k, mentions_[static_cast<std::size_t>(m)].last - 1);
  }
  return -1;
}

Referent Document::Describe(std::uint32_t head, const WordInfo& role, std::uint32_t at,
                            bool guess) {
  const Role& r = RoleAt(role.role);
  // Definite with a definite article or a possessive ("the Chilean president", "la
  // mandataria"); not with an indefinite one or none ("a spokesperson", "observers").
  bool definite = false, plural = false;
  for (std::uint32_t j = head; j > 0 && head - j < 3; --j) {
    if (Breaks(GapBefore(j))) break;
    const std::uint32_t f = Flags(j - 1) | HeadFlags(j - 1);
    if (f & kDeterminer) {
      definite = !(f & kIndefinite);
      plural = (f & kPlural) != 0;
      break;
    }
  }
  const std::string_view folded = a_.Folded(a_.tokens[head]);
  if ((lang() == "en" || lang() == "fr" || lang() == "es") && folded.ends_with('s') &&
      !folded.ends_with("ss") && words_.Find(folded.substr(0, folded.size() - 1)) == &role)
    plural = true;  // "the rebels", "les observateurs": a group, not one person
  if (HeadFlags(head) & kDeterminer) definite = true;  // "l'avocate"
  Referent out;
  if (definite) {
    // The person the article names with this role, the nearest before `at` first.
    int best = -1;
    std::uint32_t best_pos = 0;
    bool best_before = false;
    for (const Mention& m : mentions_) {
      if (m.person < 0) continue;
      const auto& roles = persons_[static_cast<std::size_t>(m.person)].roles;
      if (std::find(roles.begin(), roles.end(), role.role) == roles.end()) continue;
      const bool before = m.first < at;
      if (best < 0 || (before && (!best_before || m.first > best_pos))) {
        best = m.person;
        best_pos = m.first;
        best_before = before;
      }
    }
    if (best >= 0) {
      out.person = best;
      return out;
    }
    if (r.person && guess && !plural) {
      // A definite description of a person the article did not name with that role ("la
      // nouvelle élue"): the person being talked about, if the role does not contradict it.
      Referent p = ResolvePronoun(at, role.gender, false);
      if (p.person >= 0) {
        const auto& roles = persons_[static_cast<std::size_t>(p.person)].roles;
        bool other = false;
        for (int x : roles) other |= r.office && RoleAt(x).office && x != role.role;
        if (!other) return p;
      }
    }
  }
  // Unnamed: the head word and the phrase that completes it ("portavoz de Andes Cobre").
  std::uint32_t end = head + 1;
  if (end < size() && GapBefore(end) == "-" && RoleInfo(end) == &role) ++end;
  std::string name_key;
  // "of", "de", "von" and a name: "portavoz de Andes Cobre", "rebels of the Northern
  // Front" (not "rebels of shelling the port").
  auto plain = [&](std::uint32_t k) {
    return k < size() && !Breaks(GapBefore(k)) && GapBefore(k).find(',') == std::string_view::npos;
  };
  if (plain(end)) {
    const std::uint32_t j = end;
    const std::string_view w = a_.Folded(a_.tokens[j]);
    const bool elided = (HeadFlags(j) & kPreposition) != 0;  // "d'Ostrava"
    const bool contracted = w == "del" || w == "du" || w == "des" || w == "vom" || w == "der";
    const bool of =
        elided || ((Flags(j) & kPreposition) && (w == "of" || w == "for" || w == "from" ||
                                                 w == "de" || w == "von" || contracted));
    std::uint32_t k = elided ? j : j + 1;
    bool article = contracted || elided;
    while (of && plain(k) && !elided && (Flags(k) & kDeterminer)) {
      article = true;
      ++k;
    }
    if (of && (elided || plain(k)) && k < size() && mention_at_[k] < 0 &&
        !a_.tokens[k].capitalized && (article || a_.tokens[k].kind == TokenKind::kNumber)) {
      // "spokesperson for the trust", "patiente de 81 ans": a noun phrase up to the verb.
      end = k + 1;
      while (end < size() && end < k + 3 && plain(end) && !(Flags(end) & kNominalClass) &&
             !(Flags(end) & kConjunction) && !a_.tokens[end].capitalized)
        ++end;
    } else if (of && (elided || plain(k)) && k < size() &&
               (mention_at_[k] >= 0 || a_.tokens[k].capitalized)) {
      if (mention_at_[k] >= 0) {
        const Mention& mm = mentions_[static_cast<std::size_t>(mention_at_[k])];
        end = mm.last;
        if (mm.person >= 0) {
          for (const std::string& key : persons_[static_cast<std::size_t>(mm.person)].keys)
            name_key += (name_key.empty() ? "" : " ") + key;
        }
      } else {
        end = k + 1;
        while (end < size() && end < k + 4 && plain(end) && a_.tokens[end].capitalized) ++end;
      }
    }
  }
  // Words before the head, up to its article: "Election observers", "werdende Mutter".
  std::uint32_t start = head;
  while (start > 0 && head - start < 3 && plain(start) &&
         a_.tokens[start - 1].kind != TokenKind::kOther && Flags(start - 1) == 0 &&
         HeadFlags(start - 1) == 0 && mention_at_[start - 1] < 0 && !InQuote(start - 1))
    --start;
  const std::uint32_t s = a_.tokens[start].start;
  const std::uint32_t e = a_.tokens[end - 1].end;
  out.description = CollapseSpace(text_.substr(s, e - s));
  out.key = "d:" + std::string(r.name);
  if (!r.person && !name_key.empty()) out.key += "|" + name_key;
  return out;
}

bool Document::Negated(std::uint32_t i) const {
  const std::uint32_t s = a_.tokens[i].sentence;
  for (std::uint32_t k = i; k > 0 && i - k < 2;) {
    --k;
    if (a_.tokens[k].sentence != s || in_quote_[k]) break;
    if ((Flags(k) | HeadFlags(k)) & kNegation) return true;
    if (a_.Folded(a_.tokens[k]).ends_with("n't")) return true;
  }
  // German puts it after the verb: "bestritt das nicht".
  for (std::uint32_t k = i + 1;
       k < size() && k < i + 3 && a_.tokens[k].sentence == s && !in_quote_[k]; ++k) {
    if (lang() == "de" && (Flags(k) & kNegation)) return true;
  }
  return false;
}

Referent Document::FindForward(std::uint32_t from, std::uint32_t to, std::uint32_t at,
                               bool objects) {
  to = std::min(to, size());
  int words = 0;
  for (std::uint32_t i = from; i < to && words < 12; ++i, ++words) {
    if (i > from && Breaks(GapBefore(i))) break;
    const std::uint32_t f = Flags(i);
    if (InQuote(i)) break;
    if (f & (kAuxiliary | kNegation | kDeterminer)) continue;
    const int m = mention_at_[i];
    if (m >= 0) {
      const Mention& mm = mentions_[static_cast<std::size_t>(m)];
      const bool usable = !mm.modifier || (objects && mm.after_preposition &&
                                           PossessiveLength(Word(mm.last - 1)) == 0);
      if (usable && mm.person >= 0) return FromMention(m);
      i = std::max(i, mm.last - 1);
      continue;
    }
    if (f & kPronoun) {
      if (IsOblique(i) && !objects) continue;
      return ResolvePronoun(at, info_[i]->gender, (f & kPlural) != 0);
    }
    if (const WordInfo* role = RoleInfo(i)) {
      if (IsOblique(i) && !objects) continue;
      const int name = NameAfterRole(i, to);
      if (name >= 0) return FromMention(name);
      return Describe(i, *role, at, !objects);
    }
    if ((f & (kSpeech | kThat | kRelative | kConjunction)) && !(f & kDeterminer)) break;
  }
  return {};
}

Referent Document::FindBackward(std::uint32_t from, std::uint32_t to, std::uint32_t at) {
  to = std::min(to, size());
  int words = 0;
  for (std::uint32_t i = to; i > from && words < 20; ++words) {
    // Skip a relative clause or an age between commas: ", who has fished ... boy,", ", 71,".
    if (i < size() && GapBefore(i).find(',') != std::string_view::npos) {
      std::uint32_t seg = i;
      while (seg > from && GapBefore(seg - 1).find(',') == std::string_view::npos &&
             !Breaks(GapBefore(seg - 1)))
        --seg;
      if (seg > from && seg < i) {
        const std::uint32_t first = seg - 1;
        const std::string_view fw = a_.Folded(a_.tokens[first]);
        const bool relative = (Flags(first) & kRelative) != 0 ||
                              (lang() == "de" && (fw == "der" || fw == "die" || fw == "das" ||
                                                  fw == "dem" || fw == "den" || fw == "denen"));
        bool number = true;
        for (std::uint32_t k = first; k < i; ++k) number &= a_.tokens[k].kind == TokenKind::kNumber;
        if (relative || number) {
          i = first;
          continue;
        }
      }
    }
    --i;
    if (Breaks(GapBefore(i + 1)) && i + 1 < to) break;
    if (InQuote(i)) break;
    const std::uint32_t f = Flags(i);
    if (f & (kAuxiliary | kNegation)) continue;
    const int m = mention_at_[i];
    if (m >= 0) {
      const Mention& mm = mentions_[static_cast<std::size_t>(m)];
      if (!mm.modifier && mm.person >= 0) return FromMention(m);
      i = std::min(i, mm.first);
      continue;
    }
    if (f & kPronoun) {
      if (IsOblique(i)) continue;
      return ResolvePronoun(at, info_[i]->gender, (f & kPlural) != 0);
    }
    if (const WordInfo* role = RoleInfo(i)) {
      if (i > 0 && RoleInfo(i - 1) == role && GapBefore(i) == "-") --i;  // porte-parole
      if (IsOblique(i)) continue;
      const int name = NameAfterRole(i, to);
      if (name >= 0) return FromMention(name);
      // "Vice-Admiral Hervé Lesage, the French maritime prefect ..., said": the name before.
      std::uint32_t j = i;
      while (j > from && !Breaks(GapBefore(j)) &&
             GapBefore(j).find(',') == std::string_view::npos && i - j < 5)
        --j;
      if (j > from && GapBefore(j).find(',') != std::string_view::npos && mention_at_[j - 1] >= 0) {
        const Mention& before = mentions_[static_cast<std::size_t>(mention_at_[j - 1])];
        if (!before.modifier && before.person >= 0) return FromMention(mention_at_[j - 1]);
      }
      return Describe(i, *role, at);
    }
    // "Zieliński conceded defeat, but warned that ...": the subject of the first verb.
    if (f & (kThat | kRelative)) break;
  }
  return {};
}

std::string Document::NameOf(const Referent& r) const {
  if (r.person >= 0) return persons_[static_cast<std::size_t>(r.person)].name;
  return r.description;
}

std::string Document::KeyOf(const Referent& r) const {
  if (r.person < 0) return r.key;
  const Person& p = persons_[static_cast<std::size_t>(r.person)];
  std::string key;
  for (const std::string& k : p.keys) key += (key.empty() ? "" : " ") + k;
  for (int role : p.roles) key += "|d:" + std::string(RoleAt(role).name);
  return key;
}

void Document::Pivots(std::uint32_t from, std::uint32_t to, std::vector<std::string>* pivots,
                      std::vector<std::string>* words) const {
  const std::string& lang = a_.language.code;
  to = std::min(to, size());
  constexpr int kTranslations = 5;
  auto add_translations = [&](std::string_view folded, std::string_view stem, std::string* out,
                              int max) {
    int k = 0;
    for (const PivotTranslation& tr : lexicon_->Translate(lang, folded, stem)) {
      *out += '|';
      *out += tr.english;
      if (++k == max) break;
    }
    return k;
  };
  for (std::uint32_t i = from; i < to; ++i) {
    const Token& t = a_.tokens[i];
    if (t.stopword || t.kind == TokenKind::kOther) continue;
    std::string_view folded = a_.Folded(t);
    if (t.kind == TokenKind::kWord && folded.size() < 3) continue;
    if (t.kind == TokenKind::kWord && info_[i] && (info_[i]->flags & kNominalClass) &&
        !(info_[i]->flags & kRole))
      continue;
    std::string_view head;
    folded = SplitElision(folded, &head);
    if (t.kind == TokenKind::kWord && folded.size() < 3) continue;  // "n'y"
    if (words) words->emplace_back(Word(i));
    std::string entry(folded);
    if (t.kind == TokenKind::kWord) {
      if (lang == "en") {
        if (a_.Stem(t) != folded) {
          entry += '|';
          entry += a_.Stem(t);
        }
      } else if (lexicon_ && add_translations(folded, a_.Stem(t), &entry, kTranslations) == 0 &&
                 words_.compounds() && folded.size() >= 8) {
        // A compound the lexicon lacks ("Altstadt"): a known head and tail, each a word.
        for (std::size_t k = 3; k + 4 <= folded.size(); ++k) {
          if ((static_cast<unsigned char>(folded[k]) & 0xC0) == 0x80) continue;
          std::string parts;
          if (add_translations(folded.substr(k), folded.substr(k), &parts, 2) == 0) continue;
          std::string_view h = folded.substr(0, k);
          if (add_translations(h, h, &parts, 2) == 0 &&
              !(h.size() > 5 && (h.ends_with('s') || h.ends_with('n')) &&
                add_translations(h.substr(0, h.size() - 1), {}, &parts, 2) > 0))
            continue;
          entry += parts;
          break;
        }
      }
    }
    pivots->push_back(std::move(entry));
  }
}

}  // namespace newsweave::quotes
