// Unicode normalization and folding on top of ICU, with ASCII fast paths.
#ifndef NEWSWEAVE_TEXT_UNICODE_H_
#define NEWSWEAVE_TEXT_UNICODE_H_

#include <unicode/utypes.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace newsweave::text {

// Appends the NFC form of UTF-8 `s` to *out. `s` must be valid UTF-8. Text that is
// already NFC (nearly all news) is copied without conversion.
void AppendNfc(std::string_view s, std::string* out);

// True when `s` is already in NFC (cheap for ASCII).
bool IsNfc(std::string_view s);

// Reusable buffers for folding, so that per-token work allocates nothing once warm.
// Not thread-safe: one per thread.
class Folder {
 public:
  Folder();

  // Appends to *lower the full Unicode case folding of UTF-16 `s` (Straße -> strasse,
  // ÉTAT -> état), and to *folded the same with accents and other combining marks removed
  // (état -> etat). Both as UTF-8. Either pointer may be null.
  void Fold(const UChar* s, int32_t len, std::string* lower, std::string* folded);

  // Convenience for UTF-8 input (tests, lookups): returns the accent-free case folding.
  std::string FoldUtf8(std::string_view s);

 private:
  std::u16string lower16_;
};

// Appends code point `c` to *out as UTF-8.
void AppendUtf8(char32_t c, std::string* out);

// True for two to six ASCII capitals (EU, WHO, COVID): an acronym, named by its letters.
inline bool IsAcronym(std::string_view w) {
  if (w.size() < 2 || w.size() > 6) return false;
  for (char c : w) {
    if (!(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_UNICODE_H_
