// A set of gumbo tags built at compile time, for the HTML module's tables of elements.
#ifndef NEWSWEAVE_HTML_TAG_SET_H_
#define NEWSWEAVE_HTML_TAG_SET_H_

#include <gumbo.h>

#include <array>
#include <initializer_list>

namespace newsweave::html {

class TagSet {
 public:
  constexpr TagSet(std::initializer_list<GumboTag> tags) {
    for (GumboTag t : tags) member_[t] = true;
  }
  // True when `t` is in the set (false for any value outside gumbo's tags).
  constexpr bool Contains(GumboTag t) const { return t >= 0 && t <= GUMBO_TAG_LAST && member_[t]; }

 private:
  std::array<bool, GUMBO_TAG_LAST + 1> member_{};
};

}  // namespace newsweave::html

#endif  // NEWSWEAVE_HTML_TAG_SET_H_
