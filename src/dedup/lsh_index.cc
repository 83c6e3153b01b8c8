#include "dedup/lsh_index.h"

#include <algorithm>

namespace newsweave::dedup {

namespace {
constexpr std::uint32_t kNone = 0xFFFFFFFFu;
constexpr std::size_t kInitialSlots = 1u << 10;
constexpr int kMaxWalk = 64;
}  // namespace

LshIndex::LshIndex(LshParams params) : params_(params), tables_(params.bands) {
  for (Table& t : tables_) t.slots.resize(kInitialSlots);
}

LshIndex::Slot* LshIndex::Insert(Table* table, std::uint32_t key, bool* found) {
  if ((table->used + 1) * 2 > table->slots.size()) {  // keep under half full
    std::vector<Slot> old(table->slots.size() * 2);
    old.swap(table->slots);
    const std::size_t mask = table->slots.size() - 1;
    for (const Slot& s : old) {
      if (s.key == 0) continue;
      std::size_t i = s.key & mask;
      while (table->slots[i].key != 0) i = (i + 1) & mask;
      table->slots[i] = s;
    }
  }
  const std::size_t mask = table->slots.size() - 1;
  std::size_t i = key & mask;
  while (table->slots[i].key != 0 && table->slots[i].key != key) i = (i + 1) & mask;
  *found = table->slots[i].key == key;
  if (!*found) {
    table->slots[i].key = key;
    ++table->used;
  }
  return &table->slots[i];
}

void LshIndex::Add(std::uint32_t id, const std::uint32_t* sig,
                   std::vector<std::uint32_t>* candidates) {
  const std::size_t first = candidates->size();
  const std::size_t bands = static_cast<std::size_t>(params_.bands);
  if (previous_.size() < (static_cast<std::size_t>(id) + 1) * bands) {
    previous_.resize((static_cast<std::size_t>(id) + 1) * bands, kNone);
  }
  // Every band's key first, with its table slot fetched ahead: the tables are far larger
  // than the cache, and the misses then overlap instead of following one another.
  thread_local std::vector<std::uint32_t> keys;
  keys.resize(bands);
  for (std::size_t band = 0; band < bands; ++band) {
    // FNV-1a over the band's rows, then a final mix; 0 is reserved for empty slots.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (int r = 0; r < params_.rows; ++r) {
      h = (h ^ sig[band * static_cast<std::size_t>(params_.rows) + static_cast<std::size_t>(r)]) *
          0x100000001b3ULL;
    }
    h ^= h >> 31;
    h *= 0x9E3779B97F4A7C15ULL;
    std::uint32_t key = static_cast<std::uint32_t>(h >> 32);
    keys[band] = key == 0 ? 1 : key;
    const Table& t = tables_[band];
    __builtin_prefetch(t.slots.data() + (keys[band] & (t.slots.size() - 1)));
  }
  for (std::size_t band = 0; band < bands; ++band) {
    const std::uint32_t key = keys[band];
    bool found = false;
    Slot* slot = Insert(&tables_[band], key, &found);
    std::uint32_t prev = found ? slot->last : kNone;
    // A bucket shared by very many documents (a stock phrase in a low-threshold band) says
    // little: only its most recent kMaxWalk documents become candidates.
    int walked = 0;
    for (std::uint32_t c = prev; c != kNone && walked < kMaxWalk;
         c = previous_[c * bands + band], ++walked) {
      candidates->push_back(c);
    }
    previous_[static_cast<std::size_t>(id) * bands + band] = prev;
    slot->last = id;
  }
  std::sort(candidates->begin() + static_cast<long>(first), candidates->end());
  candidates->erase(std::unique(candidates->begin() + static_cast<long>(first), candidates->end()),
                    candidates->end());
}

std::size_t LshIndex::MemoryBytes() const {
  std::size_t bytes = previous_.capacity() * sizeof(std::uint32_t);
  for (const Table& t : tables_) bytes += t.slots.capacity() * sizeof(Slot);
  return bytes;
}

void UnionFind::Resize(std::size_t n) {
  std::size_t old = parent_.size();
  parent_.resize(n);
  size_.resize(n, 1);
  for (std::size_t i = old; i < n; ++i) parent_[i] = static_cast<std::uint32_t>(i);
}

std::uint32_t UnionFind::Find(std::uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

bool UnionFind::Union(std::uint32_t x, std::uint32_t y) {
  x = Find(x);
  y = Find(y);
  if (x == y) return false;
  if (size_[x] < size_[y]) std::swap(x, y);
  parent_[y] = x;
  size_[x] += size_[y];
  return true;
}

}  // namespace newsweave::dedup
