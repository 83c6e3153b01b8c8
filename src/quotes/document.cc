#include "quotes/document.h"

#include <algorithm>
#include <cmath>

namespace newsweave::quotes {
namespace {

bool HasAny(std::string_view s, std::string_view chars) {
  return s.find_first_of(chars) != std::string_view::npos;
}

}  // namespace

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

// A possessive ending ("'s", "’s"), or 0.
std::size_t PossessiveLength(std::string_view w) {
  if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("'S"))) return 2;
  if (w.size() > 4 && w.ends_with("\xE2\x80\x99s")) return 4;
  return 0;
}

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
