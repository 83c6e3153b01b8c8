// The names of an article: spans widened over what the dictionaries miss, titles taken off,
// the roles the article gives them, and the persons they stand for.
#include <algorithm>

#include "quotes/document.h"
#include "text/unicode.h"

namespace newsweave::quotes {
using text::IsAcronym;

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

}  // namespace newsweave::quotes
