// Generic chrome cue phrases per language, from data/clean/chrome_cues.tsv (embedded in the
// binary at build time). One feature among several; never a list per site.
#ifndef NEWSWEAVE_CLEAN_CUES_H_
#define NEWSWEAVE_CLEAN_CUES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace newsweave::clean {

class CuePhrases {
 public:
  // Parses the TSV format described in the data file. Unknown kinds and comments are ignored.
  explicit CuePhrases(std::string_view tsv);

  // The phrases built into the binary. Shared, immutable, thread-safe.
  static const CuePhrases& Default();

  // Returns the CueFlags matched by a line already folded (lower case, accents removed).
  std::uint8_t Match(std::string_view folded_line) const;

  std::size_t size() const { return count_; }

 private:
  // Lookups by string_view, without building a std::string per word.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Phrases of words by their first word, so a line costs one lookup per word.
  using ByFirstWord =
      std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>>;
  void Add(ByFirstWord* index, const std::string& phrase);
  static bool MatchAt(const ByFirstWord& index, std::string_view words, std::string_view rest);

  std::unordered_set<std::string, Hash, std::equal_to<>> line_;
  ByFirstWord contains_, tail_;
  std::vector<std::string> credit_;
  std::size_t count_ = 0;
};

}  // namespace newsweave::clean

#endif  // NEWSWEAVE_CLEAN_CUES_H_
