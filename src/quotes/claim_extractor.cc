// Reported claims: "the ministry accused the rebels of shelling the port", "the rebels
// rejected the accusations as absurd", with actor, target and content words.
#include <algorithm>
#include <limits>

#include "quotes/quote_extractor.h"

namespace newsweave::quotes {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// The first token in (i, limit) whose flags have `flag`, or kNone.
std::uint32_t Ahead(const Document& doc, std::uint32_t i, std::uint32_t limit, std::uint32_t flag) {
  for (std::uint32_t k = i + 1; k < limit; ++k) {
    if ((doc.Flags(k) | doc.HeadFlags(k)) & flag) return k;
  }
  return kNone;
}

bool FoldedIs(const Document& doc, std::uint32_t k, std::initializer_list<std::string_view> words) {
  const std::string_view f = doc.analysis().Folded(doc.tokens()[k]);
  for (std::string_view w : words)
    if (f == w) return true;
  return false;
}

// A word that follows the verb when it asks somebody to do something: "appelé à",
// "llamó a", "rief ... auf".
bool AsksSomebody(const Document& doc, std::uint32_t i, std::uint32_t end) {
  for (std::uint32_t k = i + 1; k < end && k < i + 10; ++k) {
    if (FoldedIs(doc, k, {"a", "au", "aux", "auf", "on", "upon"})) return true;
  }
  return false;
}

// Cuts UTF-8 text to at most `max` bytes on a character boundary.
std::string Cut(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s + "…";
}

}  // namespace

void FindClaims(Document& doc, std::vector<Claim>* out) {
  const Analysis& a = doc.analysis();
  const std::vector<std::uint32_t> starts = SentenceStarts(a);
  for (std::uint32_t i = 0; i < doc.size(); ++i) {
    const WordInfo* w = doc.Info(i);
    if (w == nullptr || doc.InQuote(i)) continue;
    const std::uint32_t f = w->flags;
    int stance = w->stance;
    if (stance < 0 && !(f & (kDenialIfAccusation | kCallOn | kAppeal))) continue;
    if (doc.Negated(i)) continue;
    const std::uint32_t s = doc.tokens()[i].sentence;
    // After an article it is a noun: "la alerta", "une menace", "à la demande".
    if (i > 0 && doc.tokens()[i - 1].sentence == s && (doc.Flags(i - 1) & kDeterminer)) continue;
    const std::uint32_t from = starts[s];
    const std::uint32_t to = starts[std::min<std::size_t>(s + 1, starts.size() - 1)];
    const std::uint32_t near = std::min(to, i + 9);
    if (f & kDenialIfAccusation) {
      if (Ahead(doc, i, near, kAccusationNoun | kRejectWord) == kNone) continue;
      stance = static_cast<int>(Stance::kDenial);
    }
    if (f & kCallOn) {
      if (i + 1 < to && FoldedIs(doc, i + 1, {"on", "upon", "for"})) {
        stance = static_cast<int>(Stance::kDemand);
      } else if (stance < 0) {
        continue;
      }
    }
    // Verbs that ask for something: a call for help when help is what they ask for.
    const bool asks = (f & (kAppeal | kCallOn)) || stance == static_cast<int>(Stance::kDemand);
    if (asks && Ahead(doc, i, near, kHelpNoun) != kNone) {
      stance = static_cast<int>(Stance::kCallForHelp);
    } else if (stance < 0 && (f & kAppeal) && AsksSomebody(doc, i, to)) {
      stance = static_cast<int>(Stance::kDemand);
    }
    if (stance < 0) continue;

    Referent actor, target;
    std::uint32_t object_from = i + 1, object_to = std::min(to, i + 6);
    bool inverted = false;
    // German perfect: "... hat den Rebellen vorgeworfen" (actor before the auxiliary).
    std::uint32_t aux = kNone;
    if (f & kParticiple) {
      for (std::uint32_t k = i; k > from;) {
        --k;
        if (FoldedIs(doc, k, {"hat", "haben", "hatte", "hatten", "habe"})) {
          aux = k;
          break;
        }
      }
    }
    // Passive: "was accused by", "a été accusé par", "fue acusado por", "wurde ... von".
    std::uint32_t by = kNone;
    if (i > from &&
        FoldedIs(doc, i - 1, {"was", "were", "been", "ete", "fue", "fueron", "wurde", "wurden"})) {
      for (std::uint32_t k = i + 1; k < to && k < i + 5; ++k) {
        if (doc.Flags(k) & kBy) {
          by = k;
          break;
        }
      }
    }
    if (aux != kNone) {
      actor = doc.FindBackward(from, aux, i);
      object_from = aux + 1;
      object_to = i;
    } else if (by != kNone) {
      actor = doc.FindForward(by + 1, to, i, true);
      target = doc.FindBackward(from, i - 1, i);
    } else {
      actor = doc.FindBackward(from, i, i);
      if (!actor.found()) {
        actor = doc.FindForward(i + 1, to, i);
        inverted = actor.found();
      }
    }
    if (by == kNone && !inverted) target = doc.FindForward(object_from, object_to, i, true);
    if (target.found() && doc.KeyOf(target) == doc.KeyOf(actor)) target = Referent();

    Claim c;
    c.stance = static_cast<Stance>(stance);
    c.cue = std::string(doc.Word(i));
    c.lang = doc.lang();
    if (actor.found()) {
      c.actor = doc.NameOf(actor);
      c.actor_key = doc.KeyOf(actor);
    }
    if (target.found()) {
      c.target = doc.NameOf(target);
      c.target_key = doc.KeyOf(target);
    } else if (c.stance == Stance::kDenial) {
      // "rejected the accusations": what is denied.
      const std::uint32_t k = Ahead(doc, i, std::min(to, i + 5), kAccusationNoun);
      if (k != kNone) c.target = std::string(doc.Word(k));
    }
    const TextSpan& sentence = a.sentences[s];
    c.span = sentence;
    c.text =
        Cut(CollapseSpace(doc.text().substr(sentence.start, sentence.end - sentence.start)), 400);
    std::vector<std::string> words;
    doc.Pivots(i + 1, to, &c.pivots, &words);
    if (words.size() > 12) words.resize(12);
    c.content = std::move(words);
    out->push_back(std::move(c));
    // One claim per verb group: "accused and blamed" would repeat the sentence.
    while (i + 1 < to && doc.Info(i + 1) && doc.Info(i + 1)->stance == stance) ++i;
  }
}

}  // namespace newsweave::quotes
