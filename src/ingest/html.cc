#include "ingest/html.h"

#include <gumbo.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <utility>
#include <vector>

#include "ingest/encoding.h"
#include "ingest/util.h"
#include "text/utf8.h"

namespace newsweave::ingest {

namespace {

constexpr std::size_t kMetaSniffBytes = 4096;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Finds `needle` (lowercase ASCII) in `hay` ignoring ASCII case, from `pos`.
std::size_t FindIgnoreCase(std::string_view hay, std::string_view needle, std::size_t pos) {
  if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
  for (std::size_t i = pos; i + needle.size() <= hay.size(); ++i) {
    if (EqualsIgnoreCase(hay.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

// A set of tags, built at compile time.
class TagSet {
 public:
  constexpr TagSet(std::initializer_list<GumboTag> tags) {
    for (GumboTag t : tags) member_[t] = true;
  }
  constexpr bool Contains(GumboTag t) const { return t >= 0 && t <= GUMBO_TAG_LAST && member_[t]; }

 private:
  std::array<bool, GUMBO_TAG_LAST + 1> member_{};
};

// Elements whose content is not article text.
constexpr TagSet kDroppedTags = {
    GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE,  GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_NAV,
    GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER, GUMBO_TAG_ASIDE,    GUMBO_TAG_FORM,     GUMBO_TAG_IFRAME,
    GUMBO_TAG_SVG,    GUMBO_TAG_BUTTON, GUMBO_TAG_SELECT,   GUMBO_TAG_TEXTAREA};

// Elements that start and end a paragraph.
constexpr TagSet kBlockTags = {
    GUMBO_TAG_HTML,    GUMBO_TAG_BODY,    GUMBO_TAG_P,          GUMBO_TAG_H1,
    GUMBO_TAG_H2,      GUMBO_TAG_H3,      GUMBO_TAG_H4,         GUMBO_TAG_H5,
    GUMBO_TAG_H6,      GUMBO_TAG_HGROUP,  GUMBO_TAG_LI,         GUMBO_TAG_UL,
    GUMBO_TAG_OL,      GUMBO_TAG_DL,      GUMBO_TAG_DT,         GUMBO_TAG_DD,
    GUMBO_TAG_MENU,    GUMBO_TAG_DIR,     GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE,
    GUMBO_TAG_LISTING, GUMBO_TAG_TABLE,   GUMBO_TAG_CAPTION,    GUMBO_TAG_THEAD,
    GUMBO_TAG_TBODY,   GUMBO_TAG_TFOOT,   GUMBO_TAG_TR,         GUMBO_TAG_TD,
    GUMBO_TAG_TH,      GUMBO_TAG_DIV,     GUMBO_TAG_SECTION,    GUMBO_TAG_ARTICLE,
    GUMBO_TAG_MAIN,    GUMBO_TAG_FIGURE,  GUMBO_TAG_FIGCAPTION, GUMBO_TAG_ADDRESS,
    GUMBO_TAG_CENTER,  GUMBO_TAG_DETAILS, GUMBO_TAG_SUMMARY,    GUMBO_TAG_FIELDSET,
    GUMBO_TAG_LEGEND};

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

std::string_view Attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr || a->value == nullptr ? std::string_view() : std::string_view(a->value);
}

bool IsNbsp(std::string_view s, std::size_t i) {
  return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
         static_cast<unsigned char>(s[i + 1]) == 0xA0;
}

// Appends `s` to *out with whitespace runs (ASCII and U+00A0) collapsed to one space.
void AppendCollapsed(std::string_view s, std::string* out) {
  bool space = !out->empty();
  for (std::size_t i = 0; i < s.size();) {
    if (IsAsciiSpace(s[i]) || IsNbsp(s, i)) {
      space = true;
      i += IsAsciiSpace(s[i]) ? 1 : 2;
      continue;
    }
    if (space && !out->empty() && out->back() != ' ') out->push_back(' ');
    space = false;
    out->push_back(s[i++]);
  }
}

std::string Collapsed(std::string_view s) {
  std::string out;
  AppendCollapsed(s, &out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool IsAbsoluteUrl(std::string_view url) {
  return StartsWithIgnoreCase(url, "http://") || StartsWithIgnoreCase(url, "https://") ||
         url.starts_with("//");
}

// Walks the gumbo tree without recursion and collects text and metadata.
class Extractor {
 public:
  explicit Extractor(HtmlDocument* out) : out_(out) {}

  void Run(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned int next;
    };
    std::vector<Frame> stack;
    stack.reserve(64);
    if (Enter(root)) stack.push_back({root, 0});
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector& children = Children(top.node);
      if (top.next < children.length) {
        const auto* child = static_cast<const GumboNode*>(children.data[top.next++]);
        if (Enter(child)) stack.push_back({child, 0});  // invalidates `top`
      } else {
        Exit(top.node);
        stack.pop_back();
      }
    }
    Flush();
    Finish();
  }

 private:
  static const GumboVector& Children(const GumboNode* n) {
    return n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
  }

  // Returns true when the node's children should be visited.
  bool Enter(const GumboNode* n) {
    switch (n->type) {
      case GUMBO_NODE_DOCUMENT:
        return true;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        AppendText(n->v.text.text);
        return false;
      case GUMBO_NODE_COMMENT:
        return false;
      case GUMBO_NODE_TEMPLATE:
        pending_space_ = true;
        return false;
      case GUMBO_NODE_ELEMENT:
        break;
    }
    const GumboElement& e = n->v.element;
    if (kDroppedTags.Contains(e.tag)) {
      pending_space_ = true;
      return false;
    }
    switch (e.tag) {
      case GUMBO_TAG_TITLE:
        if (out_->title.empty()) out_->title = Collapsed(TextOf(e));
        return false;
      case GUMBO_TAG_META:
        Meta(e);
        return false;
      case GUMBO_TAG_LINK:
        if (canonical_.empty() && EqualsIgnoreCase(TrimAscii(Attribute(e, "rel")), "canonical")) {
          canonical_ = TrimAscii(Attribute(e, "href"));
        }
        return false;
      case GUMBO_TAG_BR:
        LineBreak();
        return false;
      case GUMBO_TAG_HR:
        Flush();
        return false;
      case GUMBO_TAG_HTML:
        if (html_lang_.empty()) html_lang_ = Attribute(e, "lang");
        break;
      case GUMBO_TAG_TIME:
        if (time_published_.empty()) time_published_ = TrimAscii(Attribute(e, "datetime"));
        break;
      case GUMBO_TAG_PRE:
        ++pre_depth_;
        break;
      default:
        break;
    }
    if (kBlockTags.Contains(e.tag)) Flush();
    return true;
  }

  void Exit(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_PRE && pre_depth_ > 0) --pre_depth_;
    if (tag == GUMBO_TAG_H1 && first_h1_.empty()) first_h1_ = Collapsed(para_);
    if (kBlockTags.Contains(tag)) Flush();
  }

  static std::string TextOf(const GumboElement& e) {
    std::string s;
    for (unsigned int i = 0; i < e.children.length; ++i) {
      const auto* c = static_cast<const GumboNode*>(e.children.data[i]);
      if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) s += c->v.text.text;
    }
    return s;
  }

  void Meta(const GumboElement& e) {
    std::string_view key = Attribute(e, "property");
    if (key.empty()) key = Attribute(e, "name");
    if (key.empty()) key = Attribute(e, "itemprop");
    std::string_view content = TrimAscii(Attribute(e, "content"));
    if (key.empty() || content.empty()) return;
    key = TrimAscii(key);
    auto set = [&](std::string* field) {
      if (field->empty()) field->assign(content);
    };
    if (EqualsIgnoreCase(key, "og:title")) {
      set(&og_title_);
    } else if (EqualsIgnoreCase(key, "og:url")) {
      set(&og_url_);
    } else if (EqualsIgnoreCase(key, "og:site_name")) {
      set(&site_name_);
    } else if (EqualsIgnoreCase(key, "og:locale")) {
      set(&og_locale_);
    } else if (EqualsIgnoreCase(key, "article:published_time") ||
               EqualsIgnoreCase(key, "datePublished")) {
      set(&meta_published_);
    }
  }

  void AppendText(std::string_view s) {
    if (pre_depth_ > 0) {
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
          para_.push_back('\n');
          if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
          para_.push_back(s[i]);
        }
      }
      pending_space_ = false;
      return;
    }
    std::size_t i = 0;
    while (i < s.size()) {
      if (IsAsciiSpace(s[i])) {
        pending_space_ = true;
        ++i;
        continue;
      }
      if (IsNbsp(s, i)) {
        pending_space_ = true;
        i += 2;
        continue;
      }
      std::size_t j = i;
      while (j < s.size() && !IsAsciiSpace(s[j]) && !IsNbsp(s, j)) ++j;
      if (pending_space_ && !para_.empty() && para_.back() != '\n') para_.push_back(' ');
      pending_space_ = false;
      para_.append(s.data() + i, j - i);
      i = j;
    }
  }

  void TrimParagraphEnd() {
    while (!para_.empty() && (para_.back() == ' ' || para_.back() == '\n' || para_.back() == '\t' ||
                              para_.back() == '\r')) {
      para_.pop_back();
    }
  }

  void LineBreak() {
    while (!para_.empty() && para_.back() == ' ') para_.pop_back();
    // At most one blank line: "<br><br>" separates, more add nothing.
    if (!para_.empty() && !para_.ends_with("\n\n")) para_.push_back('\n');
    pending_space_ = false;
  }

  void Flush() {
    TrimParagraphEnd();
    std::size_t start = 0;
    while (start < para_.size() && (para_[start] == '\n' || para_[start] == ' ')) ++start;
    if (start < para_.size()) {
      if (!out_->text.empty()) out_->text += "\n\n";
      out_->text.append(para_, start, std::string::npos);
    }
    para_.clear();
    pending_space_ = false;
  }

  void Finish() {
    if (out_->title.empty()) out_->title = Collapsed(og_title_);
    if (out_->title.empty()) out_->title = first_h1_;
    out_->published = !meta_published_.empty() ? meta_published_ : std::string(time_published_);
    if (IsAbsoluteUrl(og_url_)) {
      out_->url = og_url_;
    } else if (IsAbsoluteUrl(canonical_)) {
      out_->url = canonical_;
    }
    out_->source = Collapsed(site_name_);
    NormalizeLang(html_lang_, &out_->lang);
    if (out_->lang.empty()) NormalizeLang(og_locale_, &out_->lang);
  }

  HtmlDocument* out_;
  std::string para_;
  bool pending_space_ = false;
  int pre_depth_ = 0;
  std::string first_h1_, og_title_, og_url_, site_name_, og_locale_, meta_published_;
  std::string_view canonical_, html_lang_, time_published_;  // point into the gumbo tree
};

// Parses the attributes of a tag starting at `i` (just after its name) up to '>' and calls
// f(name, value) for each. Returns the index after '>' or npos.
template <class F>
std::size_t ParseAttributes(std::string_view s, std::size_t i, F f) {
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

}  // namespace

std::string SniffMetaCharset(std::string_view bytes) {
  std::string_view head = bytes.substr(0, kMetaSniffBytes);
  std::size_t pos = 0;
  while ((pos = FindIgnoreCase(head, "<meta", pos)) != std::string_view::npos) {
    pos += 5;
    if (pos >= head.size() || !(IsAsciiSpace(head[pos]) || head[pos] == '/')) continue;
    std::string_view charset, http_equiv, content;
    std::size_t end = ParseAttributes(head, pos, [&](std::string_view name, std::string_view v) {
      if (EqualsIgnoreCase(name, "charset") && charset.empty()) charset = v;
      if (EqualsIgnoreCase(name, "http-equiv")) http_equiv = v;
      if (EqualsIgnoreCase(name, "content")) content = v;
    });
    charset = TrimAscii(charset);
    if (!charset.empty()) return std::string(charset);
    if (EqualsIgnoreCase(TrimAscii(http_equiv), "content-type")) {
      std::string_view cs = CharsetFromContentType(content);
      if (!cs.empty()) return std::string(cs);
    }
    if (end == std::string_view::npos) break;
    pos = end;
  }
  return std::string();
}

bool LimitNesting(std::string_view html, std::size_t max_depth, std::string* out) {
  const std::size_t n = html.size();
  std::vector<GumboTag> open;
  std::vector<std::pair<std::size_t, std::size_t>> drops;  // [begin, end) of dropped tags
  std::array<std::uint32_t, GUMBO_TAG_LAST + 1> dropped{};
  std::size_t i = 0;
  while (i < n) {
    const void* lt = std::memchr(html.data() + i, '<', n - i);
    if (lt == nullptr) break;
    i = static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
    if (i + 1 >= n) break;
    char c = html[i + 1];
    if (c == '!' || c == '?') {
      bool comment = html.substr(i, 4) == "<!--";
      std::size_t e = comment ? html.find("-->", i + 4) : html.find('>', i + 2);
      i = e == std::string_view::npos ? n : e + (comment ? 3 : 1);
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
    std::size_t tag_end = ParseAttributes(html, j, [](std::string_view, std::string_view) {});
    if (tag_end == std::string_view::npos) break;
    if (end_tag) {
      if (CountsForDepth(tag)) {
        if (dropped[tag] > 0) {
          --dropped[tag];
          drops.emplace_back(i, tag_end);
        } else {
          for (std::size_t k = open.size(); k > 0; --k) {
            if (open[k - 1] == tag) {
              open.resize(k - 1);
              break;
            }
          }
        }
      }
      i = tag_end;
      continue;
    }
    if (tag == GUMBO_TAG_PLAINTEXT) break;
    if (kRawTextTags.Contains(tag)) {
      std::string_view name = html.substr(name_start, j - name_start);
      std::size_t close = tag_end;
      while ((close = html.find("</", close)) != std::string_view::npos) {
        if (EqualsIgnoreCase(html.substr(close + 2, name.size()), name)) break;
        close += 2;
      }
      i = close == std::string_view::npos ? n : close;
      continue;
    }
    // "<div/>" still opens a div in HTML, so self-closing syntax counts too (inside <svg> it
    // over-counts, which only drops a few tags of a part the extractor ignores anyway).
    if (CountsForDepth(tag)) {
      if (open.size() >= max_depth) {
        drops.emplace_back(i, tag_end);
        ++dropped[tag];
      } else {
        open.push_back(tag);
      }
    }
    i = tag_end;
  }
  if (drops.empty()) return false;
  out->clear();
  out->reserve(n);
  std::size_t pos = 0;
  for (const auto& [begin, end] : drops) {
    out->append(html.data() + pos, begin - pos);
    pos = end;
  }
  out->append(html.data() + pos, n - pos);
  return true;
}

void ExtractHtmlUtf8(std::string_view utf8, const HtmlOptions& options, HtmlDocument* out) {
  out->title.clear();
  out->text.clear();
  out->lang.clear();
  out->published.clear();
  out->url.clear();
  out->source.clear();
  std::string flattened;
  if (LimitNesting(utf8, options.max_depth, &flattened)) utf8 = flattened;
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;  // do not record parse errors: we never read them
  GumboOutput* output = gumbo_parse_with_options(&gumbo_options, utf8.data(), utf8.size());
  if (output == nullptr) return;
  Extractor(out).Run(output->document);
  gumbo_destroy_output(&gumbo_options, output);
}

HtmlDocument ExtractHtml(std::string_view bytes, std::string_view declared_charset,
                         const HtmlOptions& options) {
  HtmlDocument doc;
  if (!bytes.starts_with("\xEF\xBB\xBF") && !HasUtf16Or32Bom(bytes) && text::IsValidUtf8(bytes)) {
    ExtractHtmlUtf8(bytes, options, &doc);  // no copy for the common case
    return doc;
  }
  std::string charset(TrimAscii(declared_charset));
  if (charset.empty()) charset = SniffMetaCharset(bytes);
  DecodedText decoded = DecodeToUtf8(bytes, charset);
  ExtractHtmlUtf8(decoded.text, options, &doc);
  doc.encoding = std::move(decoded.encoding);
  doc.replaced = decoded.replaced;
  return doc;
}

}  // namespace newsweave::ingest
