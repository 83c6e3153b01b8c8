// A small open-addressing map keyed by 64-bit hashes, for per-article scratch tables: no
// allocation per entry, and Clear() costs nothing however many entries it forgets.
#ifndef NEWSWEAVE_TEXT_HASH_SLOTS_H_
#define NEWSWEAVE_TEXT_HASH_SLOTS_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace newsweave::text {

// Maps 64-bit keys (already hashes: any value, 0 included) to values of type V. Pointers to
// values stay valid until the next Insert. Not thread-safe; meant to be thread_local and
// reused from one article to the next.
template <class V>
class HashSlots {
 public:
  // The value stored under `key` and true, after value-initializing it, when the key was
  // absent; the existing value and false otherwise.
  std::pair<V*, bool> Insert(std::uint64_t key) {
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    std::size_t i = Index(key);
    for (;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.generation != generation_) {
        s.generation = generation_;
        s.key = key;
        s.value = V();
        ++used_;
        return {&s.value, true};
      }
      if (s.key == key) return {&s.value, false};
    }
  }

  // The value stored under `key`, or nullptr.
  const V* Find(std::uint64_t key) const {
    if (used_ == 0) return nullptr;
    for (std::size_t i = Index(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.generation != generation_) return nullptr;
      if (s.key == key) return &s.value;
    }
  }

  // Forgets every entry in constant time; after a huge article, gives back the memory.
  void Clear() {
    used_ = 0;
    if (slots_.size() > kKeepSlots) {
      std::vector<Slot>().swap(slots_);
      mask_ = 0;
      return;
    }
    if (++generation_ == 0) {  // wrapped: old stamps could look current again
      for (Slot& s : slots_) s.generation = 0;
      generation_ = 1;
    }
  }

  std::size_t size() const { return used_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t generation = 0;  // the entry is live when it equals generation_
    V value{};
  };
  static constexpr std::size_t kKeepSlots = 1u << 14;

  std::size_t Index(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask_;
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const std::uint32_t old_generation = generation_;
    slots_.resize(old.empty() ? 64 : old.size() * 2);
    mask_ = slots_.size() - 1;
    generation_ = 1;
    used_ = 0;
    for (Slot& s : old) {
      if (s.generation != old_generation) continue;
      std::size_t i = Index(s.key);
      while (slots_[i].generation == generation_) i = (i + 1) & mask_;
      slots_[i].generation = generation_;
      slots_[i].key = s.key;
      slots_[i].value = std::move(s.value);
      ++used_;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::uint32_t generation_ = 1;
  std::size_t used_ = 0;
};

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_HASH_SLOTS_H_
