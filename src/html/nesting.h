// Guards libgumbo against deep nesting: its tree construction is quadratic in the depth of
// the stack of open elements, so elements beyond a depth are flattened before parsing.
#ifndef NEWSWEAVE_HTML_NESTING_H_
#define NEWSWEAVE_HTML_NESTING_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace newsweave::html {

// Parses the attributes of a tag starting at `i` (just after its name) up to '>' and calls
// f(name, value) for each. Returns the index after '>', or npos when the tag never closes.
std::size_t ParseTagAttributes(std::string_view s, std::size_t i,
                               const std::function<void(std::string_view, std::string_view)>& f);

// If some elements of `html` nest deeper than `max_depth` (counting elements whose end tag
// is required), writes to *out a copy without the start and end tags beyond that depth and
// returns true; otherwise returns false and leaves *out alone. Linear time.
bool LimitNesting(std::string_view html, std::size_t max_depth, std::string* out);

// Like LimitNesting, and also leaves out what the extractor never reads, so that the parser
// sees less: comments, <script> (except JSON-LD), <style>, <svg>, <noscript> and <button>
// elements and <img> and <input> tags (each replaced by a space), <link> tags but the
// canonical one, attributes of 8 bytes or more other than those it reads (class, id, role,
// itemprop, style, lang, content, ...), and runs of whitespace before a tag outside <pre>
// (one character is kept). The tags of <script type="text/template"> go, and its content is
// parsed as markup (Blogger keeps whole posts there). The tags of formatting elements (<b>,
// <i>, <font>, ...; not <a>) left open across a block boundary go too: the parser would copy
// them into every later block. After `max_elements` start tags, every later tag is replaced by
// a space, so that the rest of the page is read as text, and *elements_cut (when given) is
// set: the tree, about 150 bytes an element, stays bounded. Returns false, leaving *out alone,
// when nothing needs to go. Linear time, one pass.
bool PrepareHtml(std::string_view html, std::size_t max_depth, std::string* out,
                 std::size_t max_elements = SIZE_MAX, bool* elements_cut = nullptr);

}  // namespace newsweave::html

#endif  // NEWSWEAVE_HTML_NESTING_H_
