// Quotation marks, and who said each quote.
#include "quotes/quote_extractor.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>

namespace newsweave {
namespace {

using quotes::Document;
using quotes::Marked;
using quotes::Referent;

constexpr std::uint32_t kNoToken = std::numeric_limits<std::uint32_t>::max();

UChar32 CodePointAt(std::string_view s, std::size_t pos, std::size_t* len) {
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  *len = static_cast<std::size_t>(i) - pos;
  return c;
}

UChar32 CodePointBefore(std::string_view s, std::size_t pos) {
  if (pos == 0) return 0;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, i, c);
  return c;
}

bool IsSpace(UChar32 c) { return c == 0 || u_isUWhiteSpace(c) || c == 0xA0 || c == 0x202F; }
bool IsWordChar(UChar32 c) { return c > 0 && (u_isalnum(c) != 0); }

// Characters after which an opening mark may stand.
bool OpensAfter(UChar32 prev) {
  if (IsSpace(prev)) return true;
  switch (prev) {
    case '(':
    case '[':
    case '{':
    case '/':
    case ':':
    case '-':
    case 0x2014:
    case 0x2013:  // — –
    case 0x201C:
    case 0x201E:
    case 0x00AB:
    case 0x2018:
    case 0x201A:
    case 0x2039:
      return true;
    default:
      return false;
  }
}

bool Closes(UChar32 open, UChar32 c) {
  switch (open) {
    case 0x201C:
      return c == 0x201D;  // “ ”
    case 0x201E:
      return c == 0x201C || c == 0x201D;  // „ “ / „ ”
    case 0x00AB:
      return c == 0x00BB;  // « »
    case 0x00BB:
      return c == 0x00AB;  // » «
    case 0x2018:
      return c == 0x2019;  // ‘ ’
    case 0x201A:
      return c == 0x2018 || c == 0x2019;  // ‚ ‘
    case 0x2039:
      return c == 0x203A;  // ‹ ›
    case 0x203A:
      return c == 0x2039;  // › ‹
    case '"':
      return c == '"';
    case '\'':
      return c == '\'';
    default:
      return false;
  }
}

// Whether `c` at `pos` may open a quote (the reversed » and › only when their partner
// follows in the same paragraph).
bool CanOpen(std::string_view text, std::size_t pos, std::size_t len, UChar32 c) {
  const UChar32 prev = CodePointBefore(text, pos);
  std::size_t nlen;
  const UChar32 next = pos + len < text.size() ? CodePointAt(text, pos + len, &nlen) : 0;
  switch (c) {
    case 0x00AB:
    case 0x2039:
      return OpensAfter(prev) || pos == 0;
    case 0x201C:
    case 0x201E:
    case '"':
      return (OpensAfter(prev) || pos == 0) && !IsSpace(next);
    case 0x2018:
    case 0x201A:
    case '\'':
      return (OpensAfter(prev) || pos == 0) && IsWordChar(next);
    case 0x00BB:
    case 0x203A: {
      if (!(OpensAfter(prev) || pos == 0) || !IsWordChar(next)) return false;
      const std::string_view partner = c == 0x00BB ? "\xC2\xAB" : "\xE2\x80\xB9";
      const std::string_view self = c == 0x00BB ? "\xC2\xBB" : "\xE2\x80\xBA";
      const std::size_t end = std::min(text.find('\n', pos), text.size());
      const std::size_t p = text.find(partner, pos + len);
      const std::size_t q = text.find(self, pos + len);
      return p < end && p < q;
    }
    default:
      return false;
  }
}

bool CanClose(std::string_view text, std::size_t pos, std::size_t len, UChar32 c) {
  const UChar32 prev = CodePointBefore(text, pos);
  std::size_t nlen;
  const UChar32 next = pos + len < text.size() ? CodePointAt(text, pos + len, &nlen) : 0;
  // Guillemets may stand apart from the words they close (French spacing).
  if (c == 0x00BB || c == 0x203A || c == 0x00AB || c == 0x2039) return true;
  // Other closing marks hug the word before them and are not followed by a letter.
  if (IsSpace(prev)) return false;
  return !IsWordChar(next);
}

}  // namespace

namespace quotes {

std::vector<Marked> FindQuotationMarks(std::string_view text, std::size_t max_bytes,
                                       std::vector<std::uint32_t>* reopened) {
  std::vector<Marked> out;
  reopened->clear();
  UChar32 open = 0;
  std::size_t open_pos = 0, start = 0;
  std::size_t reopened_mark = 0;  // reopened->size() when this quote opened
  std::size_t pos = 0;
  auto drop = [&]() {
    reopened->resize(reopened_mark);
    pos = start;  // look again inside, for other marks
    open = 0;
  };
  while (pos < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80 && b != '"' && b != '\'' && b != '\n') {
      ++pos;
      continue;
    }
    std::size_t len = 1;
    const UChar32 c = b < 0x80 ? static_cast<UChar32>(b) : CodePointAt(text, pos, &len);
    if (len == 0) len = 1;
    if (open == 0) {
      if (c != '\n' && CanOpen(text, pos, len, c)) {
        open = c;
        open_pos = pos;
        start = pos + len;
        reopened_mark = reopened->size();
      }
      pos += len;
      continue;
    }
    if (pos - start > max_bytes) {
      drop();
      continue;
    }
    if (c == '\n') {
      // A long quote goes on in the next paragraph when that opens with the same mark.
      std::size_t p = pos;
      while (p < text.size() &&
             (text[p] == '\n' || text[p] == ' ' || text[p] == '\t' || text[p] == '\r'))
        ++p;
      std::size_t mlen = 1;
      if (p < text.size() && CodePointAt(text, p, &mlen) == open && p > pos) {
        reopened->push_back(static_cast<std::uint32_t>(p));
        pos = p + mlen;
        continue;
      }
      drop();
      continue;
    }
    if (Closes(open, c) && CanClose(text, pos, len, c)) {
      Marked m;
      m.open = static_cast<std::uint32_t>(open_pos);
      m.start = static_cast<std::uint32_t>(start);
      m.end = static_cast<std::uint32_t>(pos);
      m.close = static_cast<std::uint32_t>(pos + len);
      out.push_back(m);
      open = 0;
      pos += len;
      continue;
    }
    // The same opening mark again: the first one was stray.
    if (c == open && CanOpen(text, pos, len, c)) {
      reopened->resize(reopened_mark);
      open_pos = pos;
      start = pos + len;
    }
    pos += len;
  }
  return out;
}

std::string QuoteText(std::string_view text, const Marked& m,
                      const std::vector<std::uint32_t>& reopened) {
  std::string raw;
  std::uint32_t from = m.start;
  for (std::uint32_t r : reopened) {
    if (r < m.start || r >= m.end) continue;
    raw.append(text.substr(from, r - from));
    std::size_t len = 1;
    CodePointAt(text, r, &len);
    from = r + static_cast<std::uint32_t>(len);
  }
  raw.append(text.substr(from, m.end - from));
  return CollapseSpace(raw);
}

std::vector<std::uint32_t> SentenceStarts(const Analysis& a) {
  std::vector<std::uint32_t> starts(a.sentences.size() + 1,
                                    static_cast<std::uint32_t>(a.tokens.size()));
  for (std::size_t i = a.tokens.size(); i-- > 0;) {
    const std::uint32_t s = a.tokens[i].sentence;
    if (s < starts.size()) starts[s] = static_cast<std::uint32_t>(i);
  }
  // Sentences without tokens start where the next one does.
  for (std::size_t s = starts.size() - 1; s-- > 0;) starts[s] = std::min(starts[s], starts[s + 1]);
  return starts;
}

}  // namespace quotes

namespace {

// The sentence holding byte `pos`.
std::uint32_t SentenceOf(const Analysis& a, std::uint32_t pos) {
  auto it = std::upper_bound(a.sentences.begin(), a.sentences.end(), pos,
                             [](std::uint32_t p, const TextSpan& s) { return p < s.start; });
  if (it == a.sentences.begin()) return 0;
  return static_cast<std::uint32_t>(it - a.sentences.begin() - 1);
}

// Attributes each quote and records who spoke where.
class Attributor {
 public:
  Attributor(Document* doc, const std::vector<Marked>& quotes)
      : doc_(*doc),
        quotes_(quotes),
        starts_(quotes::SentenceStarts(doc->analysis())),
        consumed_(doc->size(), 0) {}

  std::vector<std::pair<Referent, std::pair<Attribution, std::uint32_t>>> Run() {
    std::vector<std::pair<Referent, std::pair<Attribution, std::uint32_t>>> out;
    for (std::size_t q = 0; q < quotes_.size(); ++q) {
      const std::uint32_t open_tok = doc_.TokenAt(quotes_[q].open);
      Events(open_tok);
      out.push_back(Attribute(q, out));
    }
    Events(doc_.size());
    return out;
  }

 private:
  using Result = std::pair<Referent, std::pair<Attribution, std::uint32_t>>;

  std::uint32_t SentenceEnd(std::uint32_t s) const {
    return starts_[std::min<std::size_t>(s + 1, starts_.size() - 1)];
  }

  // Indirect speech before token `limit`: "Kallon said ...", "selon X, ...".
  void Events(std::uint32_t limit) {
    for (; next_ < limit; ++next_) {
      const std::uint32_t i = next_;
      if (doc_.InQuote(i) || consumed_[i]) continue;
      const std::uint32_t f = doc_.Flags(i);
      if (!(f & (quotes::kSpeech | quotes::kAccording | quotes::kAccordingAfter))) continue;
      if (doc_.Negated(i)) continue;
      const std::uint32_t s = doc_.tokens()[i].sentence;
      Referent r;
      if (f & quotes::kAccording) {
        r = doc_.FindForward(i + 1, SentenceEnd(s), i, true);
      } else if (f & quotes::kAccordingAfter) {
        r = doc_.FindBackward(starts_[s], i, i);
      } else {
        r = doc_.FindBackward(starts_[s], i, i);
        if (!r.found()) r = doc_.FindForward(i + 1, SentenceEnd(s), i);
      }
      doc_.AddSpeechEvent(i, r);
    }
  }

  // Word tokens in [from, to) other than auxiliaries.
  int Words(std::uint32_t from, std::uint32_t to) const {
    int n = 0;
    for (std::uint32_t k = from; k < to; ++k) {
      if (doc_.tokens()[k].kind == TokenKind::kWord && !(doc_.Flags(k) & quotes::kAuxiliary)) ++n;
    }
    return n;
  }

  Referent FromCue(std::uint32_t cue, std::uint32_t from, std::uint32_t to) {
    const std::uint32_t f = doc_.Flags(cue);
    if (f & quotes::kAccording) return doc_.FindForward(cue + 1, to, cue, true);
    if (f & quotes::kSoMarker) return doc_.FindForward(cue + 1, to, cue);
    if (f & quotes::kAccordingAfter) return doc_.FindBackward(from, cue, cue);
    Referent r = doc_.FindBackward(from, cue, cue);
    if (!r.found()) r = doc_.FindForward(cue + 1, to, cue);
    // "dijo en Zaragoza", "lamentó": the subject left out is the one being talked about
    // (in the languages that leave it out).
    const std::string& lang = doc_.lang();
    const bool pro_drop = lang == "es" || lang == "it" || lang == "pt" || lang == "und";
    if (!r.found() && pro_drop && Words(from, cue) == 0)
      r = doc_.ResolvePronoun(cue, quotes::Gender::kUnknown, false);
    return r;
  }

  Result Attribute(std::size_t q, const std::vector<Result>& done) {
    const Marked& m = quotes_[q];
    const Analysis& a = doc_.analysis();
    const std::uint32_t open_tok = doc_.TokenAt(m.open);
    const std::uint32_t close_tok = doc_.TokenAt(m.close);
    const std::uint32_t s_open = SentenceOf(a, m.open);
    const std::uint32_t s_close = SentenceOf(a, m.close > 0 ? m.close - 1 : 0);
    std::uint32_t before_start = starts_[s_open];
    if (q > 0) before_start = std::max(before_start, doc_.TokenAt(quotes_[q - 1].close));
    std::uint32_t after_end = SentenceEnd(s_close);
    if (q + 1 < quotes_.size()) after_end = std::min(after_end, doc_.TokenAt(quotes_[q + 1].open));
    Referent r;
    Attribution how = Attribution::kNone;
    std::uint32_t cue = kNoToken;

    // The first cue after the quote, within its sentence.
    std::uint32_t after_cue = kNoToken;
    for (std::uint32_t k = close_tok; k < after_end && k < close_tok + 10; ++k) {
      const std::uint32_t f = doc_.Flags(k);
      if ((f & (quotes::kSpeech | quotes::kAccording | quotes::kAccordingAfter)) ||
          ((f & quotes::kSoMarker) && k == close_tok)) {
        if (!doc_.Negated(k)) after_cue = k;
        break;
      }
    }
    auto try_after = [&] {
      r = FromCue(after_cue, close_tok, after_end);
      if (!r.found()) return;
      const std::uint32_t f = doc_.Flags(after_cue);
      how = (f & (quotes::kAccording | quotes::kAccordingAfter)) ? Attribution::kAccordingTo
                                                                 : Attribution::kVerbAfter;
      cue = after_cue;
    };
    // "... 'a painful day for the town' but insisted": a second verb of the same subject.
    bool coordinated = false;
    for (std::uint32_t k = close_tok; after_cue != kNoToken && k < after_cue; ++k)
      coordinated |= (doc_.Flags(k) & quotes::kConjunction) != 0;
    if (after_cue != kNoToken && after_cue - close_tok <= 4 && !coordinated) try_after();
    // Before it: "According to X, ..." opening the sentence, else the nearest cue.
    if (!r.found()) {
      for (std::uint32_t k = before_start; k < open_tok && k < before_start + 2; ++k) {
        const bool initial = k == starts_[s_open] && (doc_.Flags(k) & quotes::kAccordingInitial);
        if ((doc_.Flags(k) & quotes::kAccording) || initial) {
          r = doc_.FindForward(k + 1, open_tok, k, true);
          if (r.found()) {
            how = Attribution::kAccordingTo;
            cue = k;
          }
          break;
        }
      }
    }
    if (!r.found()) {
      for (std::uint32_t k = open_tok; k > before_start;) {
        --k;
        const std::uint32_t f = doc_.Flags(k);
        if (!(f & (quotes::kSpeech | quotes::kAccording | quotes::kAccordingAfter))) continue;
        if (doc_.Negated(k)) break;
        r = FromCue(k, before_start, open_tok);
        if (r.found()) {
          how = (f & (quotes::kAccording | quotes::kAccordingAfter)) ? Attribution::kAccordingTo
                                                                     : Attribution::kVerbBefore;
          cue = k;
        }
        break;
      }
    }
    if (!r.found() && after_cue != kNoToken) try_after();
    // "X was more cautious: “…”".
    if (!r.found() && doc_.GapBefore(open_tok).find(':') != std::string_view::npos &&
        Words(before_start, open_tok) > 0) {
      std::string_view lead =
          doc_.text().substr(doc_.tokens()[open_tok > 0 ? open_tok - 1 : 0].end,
                             m.open - doc_.tokens()[open_tok > 0 ? open_tok - 1 : 0].end);
      if (lead.find(':') != std::string_view::npos) {
        r = doc_.FindForward(before_start, open_tok, open_tok);
        if (r.found()) how = Attribution::kColon;
      }
    }
    const bool bare = Words(before_start, open_tok) == 0;
    // "…," she said. "…": the same speaker goes on.
    if (!r.found() && bare && q > 0 && done.back().first.found() &&
        SentenceOf(a, quotes_[q - 1].close - 1) + 1 >= s_open) {
      r = done.back().first;
      how = Attribution::kContinuation;
    }
    // The sentence before says who speaks.
    if (!r.found() && bare && s_open > 0) {
      for (std::uint32_t k = starts_[s_open]; k > starts_[s_open - 1];) {
        --k;
        if (!(doc_.Flags(k) & (quotes::kSpeech | quotes::kAccording)) || doc_.InQuote(k)) continue;
        r = FromCue(k, starts_[s_open - 1], starts_[s_open]);
        if (r.found()) {
          how = Attribution::kPrevious;
          cue = k;
        }
        break;
      }
    }
    if (cue != kNoToken) {
      for (std::uint32_t k = std::min(cue, close_tok); k <= cue && k < consumed_.size(); ++k)
        consumed_[k] = 1;
    }
    if (r.found()) doc_.AddSpeechEvent(cue != kNoToken ? cue : open_tok, r);
    return {r, {how, cue}};
  }

  Document& doc_;
  const std::vector<Marked>& quotes_;
  std::vector<std::uint32_t> starts_;
  std::vector<char> consumed_;
  std::uint32_t next_ = 0;
};

// Names without the cross-lingual layer: runs of capitalised words that do not open a
// sentence.
std::vector<EntityMention> SimpleNames(std::string_view text, const Analysis& a) {
  std::vector<EntityMention> out;
  for (std::size_t i = 0; i < a.tokens.size();) {
    const Token& t = a.tokens[i];
    if (!t.capitalized || t.sentence_initial || t.stopword) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < a.tokens.size() && a.tokens[j].capitalized && !a.tokens[j].stopword &&
           a.tokens[j].sentence == t.sentence && a.tokens[j].start - a.tokens[j - 1].end == 1)
      ++j;
    EntityMention m;
    m.span = {t.start, a.tokens[j - 1].end};
    m.text = std::string(text.substr(m.span.start, m.span.end - m.span.start));
    m.keys.push_back(m.text);
    out.push_back(std::move(m));
    i = j;
  }
  return out;
}

}  // namespace

std::string_view AttributionName(Attribution a) {
  switch (a) {
    case Attribution::kNone:
      return "none";
    case Attribution::kVerbAfter:
      return "verb-after";
    case Attribution::kVerbBefore:
      return "verb-before";
    case Attribution::kAccordingTo:
      return "according-to";
    case Attribution::kColon:
      return "colon";
    case Attribution::kContinuation:
      return "continuation";
    case Attribution::kPrevious:
      return "previous";
  }
  return "none";
}

std::string_view StanceName(Stance s) {
  switch (s) {
    case Stance::kAccusation:
      return "accusation";
    case Stance::kDenial:
      return "denial";
    case Stance::kDemand:
      return "demand";
    case Stance::kWarning:
      return "warning";
    case Stance::kCallForHelp:
      return "call-for-help";
  }
  return "accusation";
}

ArticleStatements ExtractStatements(std::string_view text, const Analysis& analysis,
                                    const std::vector<EntityMention>& entities,
                                    const QuoteOptions& options) {
  ArticleStatements out;
  std::vector<std::uint32_t> reopened;
  std::vector<quotes::Marked> marks =
      quotes::FindQuotationMarks(text, options.max_bytes, &reopened);
  std::vector<quotes::Marked> kept;
  for (const quotes::Marked& m : marks) {
    auto it = std::lower_bound(analysis.tokens.begin(), analysis.tokens.end(), m.start,
                               [](const Token& t, std::uint32_t p) { return t.start < p; });
    int words = 0;
    for (; it != analysis.tokens.end() && it->start < m.end; ++it)
      words += it->kind == TokenKind::kWord;
    if (words >= options.min_words) kept.push_back(m);
  }
  Document doc(text, analysis, kept, options);
  if (kept.empty() && (!options.claims || !doc.HasClaimCue())) return out;
  doc.Index(entities);
  Attributor attributor(&doc, kept);
  const auto speakers = attributor.Run();
  for (std::size_t q = 0; q < kept.size(); ++q) {
    Quote quote;
    quote.span = {kept[q].start, kept[q].end};
    quote.text = quotes::QuoteText(text, kept[q], reopened);
    quote.lang = analysis.language.code;
    const Referent& r = speakers[q].first;
    if (r.found()) {
      quote.speaker = doc.NameOf(r);
      quote.speaker_key = doc.KeyOf(r);
    }
    quote.attribution = speakers[q].second.first;
    const std::uint32_t cue = speakers[q].second.second;
    if (cue != kNoToken) quote.cue = std::string(doc.Word(cue));
    doc.Pivots(doc.TokenAt(kept[q].start), doc.TokenAt(kept[q].end), &quote.pivots);
    out.quotes.push_back(std::move(quote));
  }
  if (options.claims) quotes::FindClaims(doc, &out.claims);
  return out;
}

std::vector<Quote> ExtractQuotes(std::string_view text, const Analysis& analysis,
                                 XlingAnalyzer* xling, const QuoteOptions& options) {
  std::vector<EntityMention> names;
  if (xling) {
    xling->FindEntities(text, analysis, &names);
  } else {
    names = SimpleNames(text, analysis);
  }
  QuoteOptions o = options;
  o.claims = false;
  return ExtractStatements(text, analysis, names, o).quotes;
}

std::vector<Claim> ExtractClaims(std::string_view text, const Analysis& analysis,
                                 XlingAnalyzer* xling, const QuoteOptions& options) {
  std::vector<EntityMention> names;
  if (xling) {
    xling->FindEntities(text, analysis, &names);
  } else {
    names = SimpleNames(text, analysis);
  }
  QuoteOptions o = options;
  o.claims = true;
  return ExtractStatements(text, analysis, names, o).claims;
}

}  // namespace newsweave
