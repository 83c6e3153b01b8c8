#include "text/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>

#include "text/utf8.h"

namespace newsweave::text {
namespace {

// Walks UTF-16 offsets forward and keeps the matching UTF-8 byte offset.
class OffsetWalker {
 public:
  explicit OffsetWalker(const char16_t* s) : s_(s) {}
  // Returns the UTF-8 offset of UTF-16 offset `to` (must not decrease between calls).
  uint32_t Advance(int32_t to) {
    while (pos16_ < to) {
      char16_t c = s_[pos16_];
      if (c < 0x80) {
        pos8_ += 1;
      } else if (c < 0x800) {
        pos8_ += 2;
      } else if (U16_IS_LEAD(c)) {
        pos8_ += 4;
        ++pos16_;  // skip the trail unit
      } else {
        pos8_ += 3;
      }
      ++pos16_;
    }
    return pos8_;
  }

 private:
  const char16_t* s_;
  int32_t pos16_ = 0;
  uint32_t pos8_ = 0;
};

std::unique_ptr<icu::BreakIterator> MakeIterator(bool words) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale root = icu::Locale::getRoot();
  std::unique_ptr<icu::BreakIterator> it(
      words ? icu::BreakIterator::createWordInstance(root, status)
            : icu::BreakIterator::createSentenceInstance(root, status));
  if (U_FAILURE(status)) it.reset();
  return it;
}

}  // namespace

Segmenter::Segmenter() : words_(MakeIterator(true)), sentences_(MakeIterator(false)) {}

Segmenter::~Segmenter() = default;

Segmenter::Language* Segmenter::LanguageFor(std::string_view lang, bool stems) {
  auto& languages = languages_[stems ? 1 : 0];
  auto it = languages.find(lang);
  if (it == languages.end()) {
    auto l = std::make_unique<Language>();
    if (stems) {
      l->stemmer = std::make_unique<Stemmer>(lang);
      if (!l->stemmer->ok()) l->stemmer.reset();
    }
    l->stopwords = StopwordsFor(lang);
    it = languages.emplace(std::string(lang), std::move(l)).first;
  }
  return it->second.get();
}

CachedTerm Segmenter::Lookup(Language* language, std::string_view utf8, std::uint64_t hash,
                             const UChar* u16, int32_t len16) {
  CachedTerm found;
  if (language->cache.Find(utf8, hash, &found)) return found;
  lower_.clear();
  folded_.clear();
  folder_.Fold(u16, len16, &lower_, &folded_);
  UChar32 first;
  U16_GET(u16, 0, 0, len16, first);
  bool capitalized = u_isupper(first) || u_istitle(first);
  bool stopword = IsStopword(language->stopwords, lower_);
  std::string_view stem;
  if (language->stemmer) {
    stem = language->stemmer->Stem(lower_);
  } else {
    stem = lower_;
  }
  if (stem == folded_) stem = {};
  return language->cache.Insert(utf8, hash, folded_, stem, stopword, capitalized);
}

void Segmenter::Segment(std::string_view text, std::string_view lang, bool stems, Analysis* out) {
  // The offsets below assume valid UTF-8 (ICU turns each bad byte into one U+FFFD, which
  // would count as three bytes); callers pass clean text, but a bad input must not crash.
  if (!IsValidUtf8(text)) {
    std::string repaired;
    RepairUtf8(text, &repaired);
    Segment(repaired, lang, stems, out);
    return;
  }
  if (text.empty() || !words_ || !sentences_) return;
  // One conversion to UTF-16 per text; the iterators run over it without copies.
  buf16_.resize(text.size() + 1);
  int32_t len16 = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(reinterpret_cast<UChar*>(buf16_.data()), static_cast<int32_t>(buf16_.size()),
                       &len16, text.data(), static_cast<int32_t>(text.size()), 0xFFFD, nullptr,
                       &status);
  if (U_FAILURE(status)) return;
  const UChar* u = reinterpret_cast<const UChar*>(buf16_.data());

  UText ut = UTEXT_INITIALIZER;
  status = U_ZERO_ERROR;
  utext_openUChars(&ut, u, len16, &status);
  if (U_FAILURE(status)) return;

  // Sentences.
  sentences_->setText(&ut, status);
  {
    OffsetWalker walk(buf16_.data());
    int32_t prev = sentences_->first();
    uint32_t prev8 = 0;
    for (int32_t b = sentences_->next(); b != icu::BreakIterator::DONE;
         prev = b, b = sentences_->next()) {
      uint32_t b8 = walk.Advance(b);
      // Trim trailing whitespace of the sentence span.
      uint32_t end8 = b8;
      while (end8 > prev8 && (text[end8 - 1] == ' ' || text[end8 - 1] == '\n' ||
                              text[end8 - 1] == '\t' || text[end8 - 1] == '\r')) {
        --end8;
      }
      if (end8 > prev8) out->sentences.push_back(TextSpan{prev8, end8});
      prev8 = b8;
    }
    (void)prev;
  }

  // Words: boundaries from ICU first, then hashes (prefetching the cache slots), then the
  // cache lookups, so that the lookups' memory accesses overlap.
  Language* language = LanguageFor(lang, stems);
  words_->setText(&ut, status);
  raw_.clear();
  {
    OffsetWalker walk(buf16_.data());
    int32_t prev = words_->first();
    for (int32_t b = words_->next(); b != icu::BreakIterator::DONE; prev = b, b = words_->next()) {
      int32_t rule = words_->getRuleStatus();
      uint32_t start8 = walk.Advance(prev);
      uint32_t end8 = walk.Advance(b);
      if (rule < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
      raw_.push_back(RawToken{prev, b, start8, end8, 0, rule < UBRK_WORD_NUMBER_LIMIT});
    }
  }
  for (RawToken& r : raw_) {
    r.hash = TermCache::Hash(text.substr(r.start8, r.end8 - r.start8));
    language->cache.Prefetch(r.hash);
  }
  out->tokens.reserve(out->tokens.size() + raw_.size());
  out->terms.reserve(out->terms.size() + text.size() + text.size() / 2);
  size_t sentence = 0;
  const size_t nsent = out->sentences.size();
  bool sentence_has_word = false;
  for (const RawToken& r : raw_) {
    while (sentence + 1 < nsent && r.start8 >= out->sentences[sentence].end) {
      ++sentence;
      sentence_has_word = false;
    }
    Token t;
    t.start = r.start8;
    t.end = r.end8;
    t.sentence = static_cast<uint32_t>(sentence);
    t.sentence_initial = !sentence_has_word;
    sentence_has_word = true;
    t.kind = r.number ? TokenKind::kNumber : TokenKind::kWord;
    const CachedTerm info = Lookup(language, text.substr(r.start8, r.end8 - r.start8), r.hash,
                                   u + r.start16, r.end16 - r.start16);
    t.capitalized = info.capitalized;
    t.folded_offset = static_cast<uint32_t>(out->terms.size());
    t.folded_length = static_cast<uint16_t>(std::min<size_t>(info.folded.size(), 0xFFFF));
    out->terms.append(info.folded.data(), t.folded_length);
    if (t.kind == TokenKind::kWord) {
      t.stopword = info.stopword;
      if (info.stem.empty()) {
        t.stem_offset = t.folded_offset;
        t.stem_length = t.folded_length;
      } else if (info.folded.starts_with(info.stem)) {
        t.stem_offset = t.folded_offset;  // the stem is a prefix of the folded form
        t.stem_length = static_cast<uint16_t>(info.stem.size());
      } else {
        t.stem_offset = static_cast<uint32_t>(out->terms.size());
        t.stem_length = static_cast<uint16_t>(std::min<size_t>(info.stem.size(), 0xFFFF));
        out->terms.append(info.stem.data(), t.stem_length);
      }
    } else {
      t.stem_offset = t.folded_offset;
      t.stem_length = t.folded_length;
    }
    out->tokens.push_back(t);
  }
  utext_close(&ut);
}

}  // namespace newsweave::text
