#include "html/nesting.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "html/tag_set.h"

namespace newsweave::html {

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// Raw text elements: their content is not markup.
constexpr TagSet kRawTextTags = {GUMBO_TAG_SCRIPT,  GUMBO_TAG_STYLE,   GUMBO_TAG_TEXTAREA,
                                 GUMBO_TAG_TITLE,   GUMBO_TAG_XMP,     GUMBO_TAG_IFRAME,
                                 GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES};

// Elements that never deepen gumbo's stack of open elements for long: void elements, elements
// whose end tag is optional (closed by their next sibling), document structure, raw text.
constexpr TagSet kFlatTags = {
    GUMBO_TAG_AREA,     GUMBO_TAG_BASE,     GUMBO_TAG_BR,     GUMBO_TAG_COL,
    GUMBO_TAG_EMBED,    GUMBO_TAG_HR,       GUMBO_TAG_IMG,    GUMBO_TAG_IMAGE,
    GUMBO_TAG_INPUT,    GUMBO_TAG_KEYGEN,   GUMBO_TAG_LINK,   GUMBO_TAG_META,
    GUMBO_TAG_PARAM,    GUMBO_TAG_SOURCE,   GUMBO_TAG_TRACK,  GUMBO_TAG_WBR,
    GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,  GUMBO_TAG_FRAME,  GUMBO_TAG_ISINDEX,
    GUMBO_TAG_P,        GUMBO_TAG_LI,       GUMBO_TAG_DT,     GUMBO_TAG_DD,
    GUMBO_TAG_OPTION,   GUMBO_TAG_OPTGROUP, GUMBO_TAG_RB,     GUMBO_TAG_RT,
    GUMBO_TAG_RTC,      GUMBO_TAG_RP,       GUMBO_TAG_TR,     GUMBO_TAG_TD,
    GUMBO_TAG_TH,       GUMBO_TAG_TBODY,    GUMBO_TAG_THEAD,  GUMBO_TAG_TFOOT,
    GUMBO_TAG_COLGROUP, GUMBO_TAG_CAPTION,  GUMBO_TAG_HTML,   GUMBO_TAG_HEAD,
    GUMBO_TAG_BODY,     GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,  GUMBO_TAG_TEXTAREA,
    GUMBO_TAG_TITLE,    GUMBO_TAG_XMP,      GUMBO_TAG_IFRAME, GUMBO_TAG_NOEMBED,
    GUMBO_TAG_NOFRAMES};

bool CountsForDepth(GumboTag tag) { return !kFlatTags.Contains(tag); }

// Formatting elements the parser copies into every later block while they are open across a
// block boundary (<a> is one too, but a new <a> closes the last, so it is copied once at most).
constexpr TagSet kFormattingTags = {
    GUMBO_TAG_B,      GUMBO_TAG_BIG,  GUMBO_TAG_CODE, GUMBO_TAG_EM,    GUMBO_TAG_FONT,
    GUMBO_TAG_I,      GUMBO_TAG_NOBR, GUMBO_TAG_S,    GUMBO_TAG_SMALL, GUMBO_TAG_STRIKE,
    GUMBO_TAG_STRONG, GUMBO_TAG_TT,   GUMBO_TAG_U};

// Elements whose start or end tag closes the elements around it (an open <p>, a cell, an item):
// formatting elements open across one of these tags are misnested.
constexpr TagSet kBlockTags = {
    GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE,  GUMBO_TAG_ASIDE,      GUMBO_TAG_BLOCKQUOTE,
    GUMBO_TAG_CENTER,  GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,        GUMBO_TAG_DIV,
    GUMBO_TAG_DL,      GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
    GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,     GUMBO_TAG_MAIN,
    GUMBO_TAG_MENU,    GUMBO_TAG_NAV,      GUMBO_TAG_OL,         GUMBO_TAG_P,
    GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY,  GUMBO_TAG_UL,         GUMBO_TAG_H1,
    GUMBO_TAG_H2,      GUMBO_TAG_H3,       GUMBO_TAG_H4,         GUMBO_TAG_H5,
    GUMBO_TAG_H6,      GUMBO_TAG_PRE,      GUMBO_TAG_LISTING,    GUMBO_TAG_FORM,
    GUMBO_TAG_LI,      GUMBO_TAG_DD,       GUMBO_TAG_DT,         GUMBO_TAG_TABLE,
    GUMBO_TAG_HR,      GUMBO_TAG_TR,       GUMBO_TAG_TD,         GUMBO_TAG_TH,
    GUMBO_TAG_TBODY,   GUMBO_TAG_THEAD,    GUMBO_TAG_TFOOT,      GUMBO_TAG_CAPTION,
    GUMBO_TAG_BODY,    GUMBO_TAG_HTML};

}  // namespace

std::size_t ParseTagAttributes(std::string_view s, std::size_t i,
                               const std::function<void(std::string_view, std::string_view)>& f) {
  const std::size_t n = s.size();
  while (i < n) {
    while (i < n && (IsAsciiSpace(s[i]) || s[i] == '/')) ++i;
    if (i >= n) return std::string_view::npos;
    if (s[i] == '>') return i + 1;
    std::size_t name_start = i;
    while (i < n && !IsAsciiSpace(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') ++i;
    std::string_view name = s.substr(name_start, i - name_start);
    while (i < n && IsAsciiSpace(s[i])) ++i;
    std::string_view value;
    if (i < n && s[i] == '=') {
      ++i;
      while (i < n && IsAsciiSpace(s[i])) ++i;
      if (i < n && (s[i] == '"' || s[i] == '\'')) {
        std::size_t close = s.find(s[i], i + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        value = s.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        std::size_t v = i;
        while (i < n && !IsAsciiSpace(s[i]) && s[i] != '>') ++i;
        value = s.substr(v, i - v);
      }
    }
    f(name, value);
  }
  return std::string_view::npos;
}

namespace {

// Attributes the extractor reads; PrepareHtml drops the others when they are long.
bool AttributeIsRead(std::string_view name, GumboTag tag) {
  if (EqualsIgnoreCase(name, "href")) return tag == GUMBO_TAG_LINK;
  static constexpr std::string_view kRead[] = {
      "class",   "id",       "role", "itemprop",   "hidden", "style",    "lang", "xml:lang",
      "content", "property", "name", "http-equiv", "rel",    "datetime", "type", "charset"};
  for (std::string_view r : kRead) {
    if (EqualsIgnoreCase(name, r)) return true;
  }
  return false;
}

constexpr std::size_t kMinCutAttribute = 8;  // shorter attributes cost less than a cut

struct Cut {
  std::size_t begin, end;  // bytes [begin, end) of the input are left out...
  bool space;              // ...or replaced by one space
};

// One pass over `html` that finds the start and end tags beyond `max_depth` and, with `strip`,
// what the parser need not see: comments, scripts (but JSON-LD), styles, <svg>, <noscript>,
// <button>, <img>, <input>, <link> (but rel=canonical), long attributes the extractor never
// reads, indentation before tags outside <pre>, and the tags of formatting elements (<b>, <i>,
// <font>, ...) left open across a block boundary.
// Past `max_elements` start tags every later tag is to be replaced by a space, so that the rest
// of the page is read as text: *tail is set to where that starts (else it stays npos), and
// the tags after it are not listed in *cuts (ApplyCuts replaces them).
void FindCuts(std::string_view html, std::size_t max_depth, std::size_t max_elements, bool strip,
              std::vector<Cut>* cuts, std::size_t* tail) {
  const std::size_t n = html.size();
  std::vector<GumboTag> open;
  std::array<std::uint32_t, GUMBO_TAG_LAST + 1> dropped{};
  bool unsorted = false;  // a template's end tag was cut ahead of the scan
  std::size_t i = 0;
  auto find_close = [&](std::string_view name, std::size_t from) {
    std::size_t close = from;
    while ((close = html.find("</", close)) != std::string_view::npos) {
      if (EqualsIgnoreCase(html.substr(close + 2, name.size()), name)) break;
      close += 2;
    }
    return close;
  };
  // Open formatting elements (with `strip`): where their start tag is and their index in `open`.
  struct Formatting {
    GumboTag tag;
    std::size_t begin, end;
    std::size_t depth;
  };
  std::vector<Formatting> formatting;
  std::array<std::uint32_t, GUMBO_TAG_LAST + 1> misnested{};  // end tags still to cut
  // Cuts the start tags of the formatting elements from index `from` of `formatting` on: open
  // across a block boundary, the parser would copy them into every block that follows (a page
  // of unclosed <b>s and short paragraphs takes hundreds of times its size as a tree). Their
  // text stays; so do their end tags that are still to come, which are cut when they come.
  auto cut_formatting = [&](std::size_t from) {
    if (from >= formatting.size()) return;
    std::size_t lowest = open.size();
    for (std::size_t k = from; k < formatting.size(); ++k) {
      const Formatting& f = formatting[k];
      cuts->push_back({f.begin, f.end, false});
      ++misnested[f.tag];
      if (f.depth < open.size()) {
        open[f.depth] = GUMBO_TAG_LAST;  // marks the slot to go
        lowest = std::min(lowest, f.depth);
      }
    }
    formatting.resize(from);
    unsorted = true;
    std::size_t w = lowest;
    for (std::size_t r = lowest; r < open.size(); ++r) {
      if (open[r] != GUMBO_TAG_LAST) open[w++] = open[r];
    }
    open.resize(w);
  };
  int pre_depth = 0;
  std::size_t elements = 0;  // start tags kept
  while (i < n) {
    const void* lt = std::memchr(html.data() + i, '<', n - i);
    if (lt == nullptr) break;
    const std::size_t floor = i;
    i = static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
    if (strip && pre_depth == 0) {
      // Indentation before a tag: one whitespace character says as much.
      std::size_t k = i;
      while (k > floor && IsAsciiSpace(html[k - 1])) --k;
      if (i - k >= 2) cuts->push_back({k + 1, i, false});
    }
    if (i + 1 >= n) break;
    char c = html[i + 1];
    if (c == '!' || c == '?') {
      bool comment = html.substr(i, 4) == "<!--";
      std::size_t e = comment ? html.find("-->", i + 4) : html.find('>', i + 2);
      std::size_t end = e == std::string_view::npos ? n : e + (comment ? 3 : 1);
      if (comment && strip) cuts->push_back({i, end, false});
      i = end;
      continue;
    }
    const bool end_tag = c == '/';
    const std::size_t name_start = i + (end_tag ? 2 : 1);
    if (name_start >= n || !IsAsciiAlpha(html[name_start])) {
      ++i;
      continue;
    }
    std::size_t j = name_start;
    while (j < n && !IsAsciiSpace(html[j]) && html[j] != '/' && html[j] != '>') ++j;
    GumboTag tag = gumbo_tagn_enum(html.data() + name_start, static_cast<unsigned>(j - name_start));
    bool json_ld = false, canonical = false, html_template = false;
    const std::size_t cuts_before = cuts->size();
    std::size_t tag_end =
        ParseTagAttributes(html, j, [&](std::string_view name, std::string_view value) {
          if (!strip || end_tag) return;
          if (tag == GUMBO_TAG_SCRIPT && EqualsIgnoreCase(name, "type") &&
              value.find("ld+json") != std::string_view::npos) {
            json_ld = true;
          }
          if (tag == GUMBO_TAG_SCRIPT && EqualsIgnoreCase(name, "type") &&
              value.find("template") != std::string_view::npos) {
            html_template = true;
          }
          if (tag == GUMBO_TAG_LINK && EqualsIgnoreCase(name, "rel") &&
              EqualsIgnoreCase(value, "canonical")) {
            canonical = true;
          }
          const std::size_t a = static_cast<std::size_t>(name.data() - html.data());
          std::size_t b = a + name.size();
          if (!value.empty() || (b < n && html[b] == '=')) {
            b = static_cast<std::size_t>(value.data() - html.data()) + value.size();
            if (b < n && (html[b] == '"' || html[b] == '\'')) ++b;
          }
          if (b - a >= kMinCutAttribute && !AttributeIsRead(name, tag)) {
            cuts->push_back({a, b, true});
          }
        });
    if (tag_end == std::string_view::npos) {
      cuts->resize(cuts_before);
      break;
    }
    if (end_tag && *tail != std::string_view::npos) {
      cuts->resize(cuts_before);  // the tag goes in ApplyCuts
      i = tag_end;
      continue;
    }
    if (end_tag) {
      if ((tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING) && pre_depth > 0) --pre_depth;
      const bool is_formatting = strip && kFormattingTags.Contains(tag);
      std::size_t match = formatting.size();  // the open formatting element it ends
      if (is_formatting && dropped[tag] == 0) {
        for (std::size_t k = formatting.size(); k > 0; --k) {
          if (formatting[k - 1].tag == tag) {
            match = k - 1;
            break;
          }
        }
        if (match == formatting.size() && misnested[tag] > 0) {
          --misnested[tag];
          cuts->push_back({i, tag_end, false});
          i = tag_end;
          continue;
        }
      }
      if (strip && !is_formatting && !CountsForDepth(tag) && kBlockTags.Contains(tag)) {
        cut_formatting(0);  // </p>, </li>, </td>: whatever formatting is open is misnested
      }
      if (CountsForDepth(tag)) {
        if (dropped[tag] > 0) {
          --dropped[tag];
          cuts->push_back({i, tag_end, false});
        } else {
          for (std::size_t k = open.size(); k > 0; --k) {
            if (open[k - 1] == tag) {
              open.resize(k - 1);
              break;
            }
          }
          // Formatting elements opened inside the element just closed are misnested (those
          // inside an ended formatting element too), and the one ended is closed.
          std::size_t inside = formatting.size();
          while (inside > 0 && formatting[inside - 1].depth >= open.size()) --inside;
          if (match < formatting.size()) inside = std::max(inside, match + 1);
          cut_formatting(inside);
          if (match < formatting.size()) formatting.resize(match);
        }
      }
      i = tag_end;
      continue;
    }
    if (tag == GUMBO_TAG_PLAINTEXT) break;
    const std::string_view name = html.substr(name_start, j - name_start);
    if (strip && html_template) {
      // <script type="text/template"> holds markup a script shows (Blogger keeps whole posts
      // there): its tags go and its content is parsed as the page's own.
      cuts->resize(cuts_before);
      cuts->push_back({i, tag_end, true});
      std::size_t close = find_close(name, tag_end);
      if (close != std::string_view::npos) {
        std::size_t gt = html.find('>', close);
        cuts->push_back({close, gt == std::string_view::npos ? n : gt + 1, true});
        unsorted = true;
      }
      i = tag_end;
      continue;
    }
    if (strip && !json_ld &&
        (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_SVG ||
         tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_BUTTON)) {
      // The whole element goes (a space keeps the words around it apart).
      cuts->resize(cuts_before);
      std::size_t close = find_close(name, tag_end);
      std::size_t end = n;  // an element never closed runs to the end
      if (close != std::string_view::npos) {
        std::size_t gt = html.find('>', close);
        end = gt == std::string_view::npos ? n : gt + 1;
      }
      cuts->push_back({i, end, true});
      i = end;
      continue;
    }
    if (strip &&
        (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_INPUT || (tag == GUMBO_TAG_LINK && !canonical))) {
      cuts->resize(cuts_before);
      cuts->push_back({i, tag_end, tag != GUMBO_TAG_LINK});  // void elements: no text
      i = tag_end;
      continue;
    }
    if (elements >= max_elements) {
      cuts->resize(cuts_before);  // the tag goes in ApplyCuts
      if (*tail == std::string_view::npos) *tail = i;
      i = tag_end;
      continue;
    }
    // Start tags flattened for depth below do not reach the parser and do not count.
    if (!CountsForDepth(tag) || open.size() < max_depth) ++elements;
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING) ++pre_depth;
    if (kRawTextTags.Contains(tag)) {
      std::size_t close = find_close(name, tag_end);
      i = close == std::string_view::npos ? n : close;
      continue;
    }
    // "<div/>" still opens a div in HTML, so self-closing syntax counts too (inside <svg> it
    // over-counts, which only drops a few tags of a part the extractor ignores anyway).
    if (strip && kBlockTags.Contains(tag)) cut_formatting(0);
    if (CountsForDepth(tag)) {
      if (open.size() >= max_depth) {
        cuts->resize(cuts_before);
        cuts->push_back({i, tag_end, false});
        ++dropped[tag];
      } else {
        if (strip && kFormattingTags.Contains(tag)) {
          formatting.push_back({tag, i, tag_end, open.size()});
        }
        open.push_back(tag);
      }
    }
    i = tag_end;
  }
  if (unsorted) {
    std::sort(cuts->begin(), cuts->end(),
              [](const Cut& a, const Cut& b) { return a.begin < b.begin; });
    // Cuts the scan made inside a cut ahead of it (a template's end tag) are dropped.
    std::size_t w = 0;
    for (std::size_t r = 0; r < cuts->size(); ++r) {
      if (w > 0 && (*cuts)[r].begin < (*cuts)[w - 1].end) continue;
      (*cuts)[w++] = (*cuts)[r];
    }
    cuts->resize(w);
  }
}

// Appends html[from, to) with every start and end tag replaced by a space.
void AppendWithoutTags(std::string_view html, std::size_t from, std::size_t to, std::string* out) {
  std::size_t i = from;
  while (i < to) {
    const void* lt = std::memchr(html.data() + i, '<', to - i);
    const std::size_t at =
        lt == nullptr ? to : static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
    out->append(html.data() + i, at - i);
    if (at == to) return;
    const std::size_t name = at + 1 + (at + 1 < to && html[at + 1] == '/');
    if (name >= to || !IsAsciiAlpha(html[name])) {
      out->push_back('<');
      i = at + 1;
      continue;
    }
    std::size_t j = name;
    while (j < to && !IsAsciiSpace(html[j]) && html[j] != '/' && html[j] != '>') ++j;
    const std::size_t end =
        ParseTagAttributes(html.substr(0, to), j, [](std::string_view, std::string_view) {});
    if (end == std::string_view::npos) {  // never closed: left as it is, as FindCuts does
      out->append(html.data() + at, to - at);
      return;
    }
    out->push_back(' ');
    i = end;
  }
}

// Applies the cuts; from `tail` on (unless npos), tags become spaces as well.
void ApplyCuts(std::string_view html, const std::vector<Cut>& cuts, std::size_t tail,
               std::string* out) {
  out->clear();
  out->reserve(html.size());
  std::size_t pos = 0;
  auto append = [&](std::size_t from, std::size_t to) {
    if (tail >= to) {
      out->append(html.data() + from, to - from);
    } else {
      const std::size_t split = std::max(from, tail);
      out->append(html.data() + from, split - from);
      AppendWithoutTags(html, split, to, out);
    }
  };
  for (const Cut& c : cuts) {
    append(pos, c.begin);
    if (c.space) out->push_back(' ');
    pos = c.end;
  }
  append(pos, html.size());
}

}  // namespace

bool LimitNesting(std::string_view html, std::size_t max_depth, std::string* out) {
  std::vector<Cut> cuts;
  std::size_t tail = std::string_view::npos;
  FindCuts(html, max_depth, SIZE_MAX, /*strip=*/false, &cuts, &tail);
  if (cuts.empty()) return false;
  ApplyCuts(html, cuts, tail, out);
  return true;
}

bool PrepareHtml(std::string_view html, std::size_t max_depth, std::string* out,
                 std::size_t max_elements, bool* elements_cut) {
  thread_local std::vector<Cut> cuts;
  cuts.clear();
  std::size_t tail = std::string_view::npos;
  FindCuts(html, max_depth, max_elements, /*strip=*/true, &cuts, &tail);
  if (elements_cut != nullptr) *elements_cut = tail != std::string_view::npos;
  if (cuts.empty() && tail == std::string_view::npos) return false;
  ApplyCuts(html, cuts, tail, out);
  if (cuts.capacity() > (1u << 20)) std::vector<Cut>().swap(cuts);
  return true;
}

}  // namespace newsweave::html
