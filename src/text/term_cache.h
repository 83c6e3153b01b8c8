// A flat, open-addressing cache from a token's spelling to its folded form, stem and flags.
// One probe per lookup in the common case; memory is bounded and released all at once.
#ifndef NEWSWEAVE_TEXT_TERM_CACHE_H_
#define NEWSWEAVE_TEXT_TERM_CACHE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsweave::text {

struct CachedTerm {
  std::string_view folded;
  std::string_view stem;  // empty when equal to folded
  bool stopword = false;
  bool capitalized = false;
};

class TermCache {
 public:
  // Holds at most `max_entries` spellings; when full, the next insert starts over empty.
  explicit TermCache(std::size_t max_entries = 1u << 17);

  // Hash to pass to Find() and Insert().
  static std::uint64_t Hash(std::string_view key);

  // Fills *out and returns true when `key` is cached. The views stay valid until Insert().
  // Spellings are told apart by their 64-bit hash and length (the key itself is not kept).
  bool Find(std::string_view key, std::uint64_t hash, CachedTerm* out) const;

  // Starts loading the slot for `hash` into the CPU cache, ahead of a Find().
  void Prefetch(std::uint64_t hash) const { __builtin_prefetch(&slots_[hash & mask_]); }

  // Spellings longer than this are not cached (Insert hands their entry back uncached).
  static constexpr std::size_t kMaxKeyBytes = 64;

  // Caches a spelling and returns its entry (views valid until the next Insert()). The cache
  // starts over when it holds max_entries spellings or 16 MB of text.
  CachedTerm Insert(std::string_view key, std::uint64_t hash, std::string_view folded,
                    std::string_view stem, bool stopword, bool capitalized);

  // Number of cached spellings.
  std::size_t size() const { return size_; }

 private:
  // One cache line holds two slots; a short folded form lives in the slot itself and a stem
  // that is a prefix of it needs no storage, so most lookups touch one line of memory.
  struct Slot {
    std::uint64_t hash = 0;    // 0: empty
    std::uint32_t offset = 0;  // in arena_: the folded form (unless inline), then the stem
    std::uint16_t key_length = 0;
    std::uint16_t folded_length = 0;
    std::uint16_t stem_length = 0;
    std::uint8_t flags = 0;
    char inline_folded[13] = {};
  };
  static_assert(sizeof(Slot) == 32);
  CachedTerm Entry(const Slot& s) const;
  void Grow();
  void Clear();

  std::size_t max_entries_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
  std::vector<Slot> slots_;
  std::string arena_;
  std::string overflow_;  // the entry of the last spelling too long to cache
};

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_TERM_CACHE_H_
