// Generic chrome cue phrases per language, from data/clean/chrome_cues.tsv (embedded in the
// binary at build time). One feature among several; never a list per site.
#ifndef NEWSWEAVE_CLEAN_CUES_H_
#define NEWSWEAVE_CLEAN_CUES_H_

#include <cstdint>
#include <string>
#include <string_view>
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

  std::size_t size() const { return line_.size() + contains_.size() + tail_.size() + credit_.size(); }

 private:
  std::vector<std::string> line_, contains_, tail_, credit_;
};

}  // namespace newsweave::clean

#endif  // NEWSWEAVE_CLEAN_CUES_H_
