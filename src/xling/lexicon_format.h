// The compiled lexicon file, shared by the build-time compiler and the runtime reader.
// Described in src/xling/FORMAT.md.
#ifndef NEWSWEAVE_XLING_LEXICON_FORMAT_H_
#define NEWSWEAVE_XLING_LEXICON_FORMAT_H_

#include <xxhash.h>

#include <cstdint>
#include <string_view>

namespace newsweave::xling {

inline constexpr char kLexiconMagic[8] = {'N', 'W', 'X', 'L', 'E', 'X', '0', '1'};

struct LexiconHeader {
  char magic[8];
  std::uint32_t entry_count;
  std::uint32_t target_count;
  std::uint32_t table_size;  // power of two
  std::uint32_t reserved;
  std::uint64_t entries_offset;  // LexiconEntry[entry_count]
  std::uint64_t targets_offset;  // LexiconTarget[target_count]
  std::uint64_t table_offset;    // uint32[table_size]: entry index + 1, 0 = empty
  std::uint64_t strings_offset;  // UTF-8 bytes
  std::uint64_t strings_size;
};
static_assert(sizeof(LexiconHeader) == 64);

enum LexiconKind : std::uint8_t { kKeyFolded = 0, kKeyStem = 1 };
enum LexiconFlags : std::uint8_t {
  kFlagCommon = 1,  // a lower-case hunspell word (or lexicon headword)
  kFlagName = 2,    // a capitalised-only hunspell word
};

struct LexiconEntry {
  std::uint32_t key_offset;
  std::uint16_t key_length;
  char lang[2];
  std::uint32_t first_target;
  std::uint16_t target_count;
  std::uint8_t kind;
  std::uint8_t flags;
};
static_assert(sizeof(LexiconEntry) == 16);

struct LexiconTarget {
  std::uint32_t offset;  // English stem in the string pool
  std::uint16_t length;
  std::uint16_t weight;  // weight * 65535
};
static_assert(sizeof(LexiconTarget) == 8);

inline std::uint64_t LexiconHash(std::string_view lang, std::uint8_t kind, std::string_view key) {
  std::uint64_t seed = (static_cast<std::uint64_t>(static_cast<unsigned char>(lang[0])) << 16) |
                       (static_cast<std::uint64_t>(static_cast<unsigned char>(lang[1])) << 8) |
                       kind;
  return XXH3_64bits_withSeed(key.data(), key.size(), seed);
}

}  // namespace newsweave::xling

#endif  // NEWSWEAVE_XLING_LEXICON_FORMAT_H_
