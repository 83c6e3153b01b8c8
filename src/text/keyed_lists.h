// Lists of 32-bit ids under 64-bit keys (an inverted index: a feature's holders, a key's
// events), in a flat table: no allocation for a key held once, one cache miss per lookup.
#ifndef NEWSWEAVE_TEXT_KEYED_LISTS_H_
#define NEWSWEAVE_TEXT_KEYED_LISTS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "text/hash_slots.h"

namespace newsweave::text {

// Ids must be below 2^31. Not thread-safe for Append; Find may run on many threads at once.
class KeyedLists {
 public:
  // A key's ids in the order appended: a view valid until the next Append.
  class List {
   public:
    const std::uint32_t* begin() const { return data_ ? data_ : &single_; }
    const std::uint32_t* end() const { return begin() + size_; }
    std::size_t size() const { return size_; }

   private:
    friend class KeyedLists;
    const std::uint32_t* data_ = nullptr;  // nullptr: the one id is single_
    std::size_t size_ = 0;
    std::uint32_t single_ = 0;
  };

  // The ids appended under `key` (none when it was never seen).
  List Find(std::uint64_t key) const {
    List out;
    const std::uint32_t* v = slots_.Find(key);
    if (v == nullptr) return out;
    if (*v & kSingle) {
      out.single_ = *v & ~kSingle;
      out.size_ = 1;
    } else {
      out.data_ = lists_[*v].data();
      out.size_ = lists_[*v].size();
    }
    return out;
  }

  // Appends `id` under `key`, unless it is already the key's last id. With `keep` > 0, a
  // list that has reached twice `keep` ids first drops all but its last `keep` (for readers
  // of the latest `keep` only).
  void Append(std::uint64_t key, std::uint32_t id, std::size_t keep = 0) {
    auto [v, fresh] = slots_.Insert(key);
    if (fresh) {
      *v = id | kSingle;
      return;
    }
    if (*v & kSingle) {
      if ((*v & ~kSingle) == id) return;
      lists_.push_back({*v & ~kSingle});
      *v = static_cast<std::uint32_t>(lists_.size() - 1);
    }
    std::vector<std::uint32_t>& list = lists_[*v];
    if (list.back() == id) return;
    if (keep > 0 && list.size() >= 2 * keep) {
      list.erase(list.begin(), list.end() - static_cast<std::ptrdiff_t>(keep));
    }
    list.push_back(id);
  }

 private:
  static constexpr std::uint32_t kSingle = 1u << 31;  // the value is the key's one id
  HashSlots<std::uint32_t> slots_;                    // key -> id | kSingle, or index in lists_
  std::vector<std::vector<std::uint32_t>> lists_;
};

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_KEYED_LISTS_H_
