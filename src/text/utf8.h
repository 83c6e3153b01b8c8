// UTF-8 validity checks and repair, without ICU, for hot paths.
#ifndef NEWSWEAVE_TEXT_UTF8_H_
#define NEWSWEAVE_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace newsweave::text {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Appends `s` to *out with every ill-formed sequence replaced by U+FFFD (one replacement
// per maximal ill-formed subpart, as ICU and WHATWG do). Returns how many were replaced.
std::size_t RepairUtf8(std::string_view s, std::string* out);

// Length in bytes of the well-formed UTF-8 sequence starting at s[i], or 0 if it is not one.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i);

// True when the bytes look like binary data rather than text: NUL bytes, or many control
// characters other than tab, CR, LF and form feed, in the first `probe` bytes.
bool LooksBinary(std::string_view s, std::size_t probe = 8192);

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_UTF8_H_
