// What a phrase near a speech verb stands for: a name, a pronoun, a description.
#include <algorithm>

#include "quotes/document.h"

namespace newsweave::quotes {

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

}  // namespace newsweave::quotes
