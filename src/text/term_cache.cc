#include "text/term_cache.h"

#include <xxhash.h>

#include <algorithm>

namespace newsweave::text {
namespace {

constexpr std::uint8_t kStopword = 1;
constexpr std::uint8_t kCapitalized = 2;
constexpr std::uint8_t kFoldedInline = 4;  // folded form in Slot::inline_folded
constexpr std::uint8_t kStemPrefix = 8;    // stem = the first stem_length bytes of folded
constexpr std::size_t kInitialSlots = 1u << 12;
constexpr std::size_t kMaxArenaBytes = 16u << 20;

}  // namespace

TermCache::TermCache(std::size_t max_entries) : max_entries_(max_entries) { Clear(); }

std::uint64_t TermCache::Hash(std::string_view key) {
  std::uint64_t h = XXH3_64bits(key.data(), key.size());
  return h ? h : 1;  // 0 marks an empty slot
}

void TermCache::Clear() {
  // Keeps the table's size: a cache that filled up once will fill up again.
  slots_.assign(std::max(slots_.size(), kInitialSlots), Slot());
  mask_ = slots_.size() - 1;
  size_ = 0;
  arena_.clear();
}

CachedTerm TermCache::Entry(const Slot& s) const {
  CachedTerm t;
  const char* folded = (s.flags & kFoldedInline) ? s.inline_folded : arena_.data() + s.offset;
  t.folded = std::string_view(folded, s.folded_length);
  if (s.flags & kStemPrefix) {
    t.stem = t.folded.substr(0, s.stem_length);
  } else if (s.stem_length > 0) {
    std::size_t at = s.offset + ((s.flags & kFoldedInline) ? 0 : s.folded_length);
    t.stem = std::string_view(arena_.data() + at, s.stem_length);
  }
  t.stopword = s.flags & kStopword;
  t.capitalized = s.flags & kCapitalized;
  return t;
}

bool TermCache::Find(std::string_view key, std::uint64_t hash, CachedTerm* out) const {
  for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.hash == 0) return false;
    // Equal 64-bit hashes and lengths: taken as the same spelling without reading the key
    // (a false match needs a 64-bit collision; the saved cache miss is most of a lookup).
    if (s.hash == hash && s.key_length == key.size()) {
      *out = Entry(s);
      return true;
    }
  }
}

void TermCache::Grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.size() * 2, Slot());
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.hash == 0) continue;
    std::size_t i = s.hash & mask_;
    while (slots_[i].hash != 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

CachedTerm TermCache::Insert(std::string_view key, std::uint64_t hash, std::string_view folded,
                             std::string_view stem, bool stopword, bool capitalized) {
  if (key.size() > kMaxKeyBytes || folded.size() > 0xFFFF || stem.size() > 0xFFFF) {
    // Not cached (a URL, a run of letters): handed back from scratch storage instead.
    overflow_.assign(folded).append(stem);
    CachedTerm t;
    t.folded = std::string_view(overflow_).substr(0, folded.size());
    t.stem = std::string_view(overflow_).substr(folded.size());
    t.stopword = stopword;
    t.capitalized = capitalized;
    return t;
  }
  if (size_ >= max_entries_ || arena_.size() > kMaxArenaBytes) Clear();
  if ((size_ + 1) * 2 > slots_.size()) Grow();  // keep the load under one half
  Slot s;
  s.hash = hash;
  s.offset = static_cast<std::uint32_t>(arena_.size());
  s.key_length = static_cast<std::uint16_t>(key.size());
  s.folded_length = static_cast<std::uint16_t>(folded.size());
  s.stem_length = static_cast<std::uint16_t>(stem.size());
  s.flags = (stopword ? kStopword : 0) | (capitalized ? kCapitalized : 0);
  if (folded.size() <= sizeof(s.inline_folded)) {
    s.flags |= kFoldedInline;
    std::copy(folded.begin(), folded.end(), s.inline_folded);
  } else {
    arena_.append(folded);
  }
  if (!stem.empty() && folded.starts_with(stem)) {
    s.flags |= kStemPrefix;
  } else {
    arena_.append(stem);
  }
  std::size_t i = hash & mask_;
  while (slots_[i].hash != 0) i = (i + 1) & mask_;
  slots_[i] = s;
  ++size_;
  return Entry(slots_[i]);
}

}  // namespace newsweave::text
