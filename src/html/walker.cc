#include "html/walker.h"

#include <algorithm>
#include <array>
#include <utility>

#include "html/markers.h"
#include "html/tag_set.h"
#include "text/unicode.h"

namespace newsweave::html {
namespace {

// Elements whose content is never visible text.
constexpr TagSet kSkippedTags = {
    GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,  GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME,
    GUMBO_TAG_SVG,      GUMBO_TAG_BUTTON, GUMBO_TAG_SELECT,   GUMBO_TAG_TEXTAREA, GUMBO_TAG_OBJECT,
    GUMBO_TAG_EMBED,    GUMBO_TAG_CANVAS, GUMBO_TAG_VIDEO,    GUMBO_TAG_AUDIO,    GUMBO_TAG_HEAD,
    GUMBO_TAG_DATALIST, GUMBO_TAG_INPUT,  GUMBO_TAG_MAP};

// Elements that start and end a block of text.
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
    GUMBO_TAG_LEGEND,  GUMBO_TAG_NAV,     GUMBO_TAG_HEADER,     GUMBO_TAG_FOOTER,
    GUMBO_TAG_ASIDE,   GUMBO_TAG_FORM,    GUMBO_TAG_HR};

std::string_view Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr || a->value == nullptr ? std::string_view() : std::string_view(a->value);
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsNbsp(std::string_view s, std::size_t i) {
  return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
         static_cast<unsigned char>(s[i + 1]) == 0xA0;
}

HtmlBlockKind KindOf(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
      return HtmlBlockKind::kParagraph;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return HtmlBlockKind::kHeading;
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
      return HtmlBlockKind::kListItem;
    case GUMBO_TAG_BLOCKQUOTE:
      return HtmlBlockKind::kQuote;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
      return HtmlBlockKind::kPreformatted;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return HtmlBlockKind::kTableCell;
    default:
      return HtmlBlockKind::kOther;
  }
}

}  // namespace

void Walker::Run(const GumboNode* root) {
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
  meta_.Finish(page_);
}

bool Walker::Enter(const GumboNode* n) {
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
  if (kSkippedTags.Contains(e.tag)) {
    meta_.Element(e, {});
    if (e.tag == GUMBO_TAG_HEAD) {
      // Only metadata lives here; look at its elements without making text of them.
      for (unsigned i = 0; i < e.children.length; ++i) {
        const auto* c = static_cast<const GumboNode*>(e.children.data[i]);
        if (c->type != GUMBO_NODE_ELEMENT) continue;
        if (c->v.element.tag != GUMBO_TAG_SCRIPT) meta_.Element(c->v.element, {});
        if (c->v.element.tag == GUMBO_TAG_SCRIPT) Enter(c);
      }
    } else if (e.tag == GUMBO_TAG_SCRIPT && e.children.length == 1) {
      std::string_view type = Attr(e, "type");
      if (type.find("ld+json") != std::string_view::npos) {
        const auto* c = static_cast<const GumboNode*>(e.children.data[0]);
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) meta_.JsonLd(c->v.text.text);
      }
    }
    pending_space_ = true;
    return false;
  }
  switch (e.tag) {
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
      meta_.Element(e, {});
      return false;
    case GUMBO_TAG_BR:
      LineBreak();
      return false;
    case GUMBO_TAG_IMG:
      pending_space_ = true;
      return false;
    default:
      break;
  }
  Marker m = ClassifyElement(e);
  meta_.Element(e, m.itemprop);
  if (kBlockTags.Contains(e.tag) || !m.reason.empty()) Flush();
  Node node;
  if (!open_.empty()) {
    const Node& p = nodes_[open_.back()];
    node.parent = open_.back();
    node.depth = p.depth + 1;
    node.marked_above = p.reason.empty() ? p.marked_above : open_.back();
  }
  node.reason = m.reason;
  node.article = m.article;
  open_.push_back(static_cast<int>(nodes_.size()));
  nodes_.push_back(node);
  if (kBlockTags.Contains(e.tag)) owners_.push_back(e.tag);
  switch (e.tag) {
    case GUMBO_TAG_A:
      ++link_depth_;
      break;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
      ++pre_depth_;
      break;
    case GUMBO_TAG_BLOCKQUOTE:
      ++quote_depth_;
      break;
    case GUMBO_TAG_H1:
      in_h1_ = true;
      break;
    default:
      break;
  }
  return true;
}

void Walker::Exit(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = n->v.element;
  Node& node = nodes_[open_.back()];
  if (kBlockTags.Contains(e.tag) || !node.reason.empty()) Flush();
  switch (e.tag) {
    case GUMBO_TAG_A:
      --link_depth_;
      break;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
      --pre_depth_;
      break;
    case GUMBO_TAG_BLOCKQUOTE:
      --quote_depth_;
      break;
    case GUMBO_TAG_H1:
      in_h1_ = false;
      break;
    default:
      break;
  }
  nodes_[open_.back()].end = static_cast<int>(nodes_.size());
  open_.pop_back();
  if (kBlockTags.Contains(e.tag)) owners_.pop_back();
}

void Walker::AppendText(std::string_view s) {
  const std::size_t before = para_.size();
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
  } else {
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
      AppendWord(s.substr(i, j - i));
      i = j;
    }
  }
  if (link_depth_ > 0) para_links_ += static_cast<std::uint32_t>(para_.size() - before);
}

// Appends a word without its soft hyphens (U+00AD) and zero-width spaces (U+200B).
void Walker::AppendWord(std::string_view w) {
  std::size_t i = 0;
  while (i < w.size()) {
    std::size_t j = i;
    while (j < w.size() && static_cast<unsigned char>(w[j]) != 0xC2 &&
           static_cast<unsigned char>(w[j]) != 0xE2) {
      ++j;
    }
    para_.append(w.data() + i, j - i);
    if (j >= w.size()) break;
    if (w.substr(j, 2) == "\xC2\xAD") {
      i = j + 2;
    } else if (w.substr(j, 3) == "\xE2\x80\x8B") {
      i = j + 3;
    } else {
      para_.push_back(w[j]);
      i = j + 1;
    }
  }
}

void Walker::LineBreak() {
  while (!para_.empty() && para_.back() == ' ') para_.pop_back();
  // At most one blank line: "<br><br>" separates, more add nothing.
  if (!para_.empty() && !para_.ends_with("\n\n")) para_.push_back('\n');
  pending_space_ = false;
}

void Walker::Flush() {
  std::size_t end = para_.size();
  while (end > 0 && IsAsciiSpace(para_[end - 1])) --end;
  std::size_t start = 0;
  while (start < end && IsAsciiSpace(para_[start])) ++start;
  if (start < end && !open_.empty()) {
    HtmlBlock block;
    block.text.assign(para_, start, end - start);
    if (!text::IsNfc(block.text)) {  // as the benchmark's snippets and the cleaner have it
      std::string nfc;
      text::AppendNfc(block.text, &nfc);
      block.text = std::move(nfc);
    }
    GumboTag owner = owners_.empty() ? GUMBO_TAG_DIV : owners_.back();
    block.kind = KindOf(owner);
    if (quote_depth_ > 0 &&
        (block.kind == HtmlBlockKind::kParagraph || block.kind == HtmlBlockKind::kOther)) {
      block.kind = HtmlBlockKind::kQuote;
    }
    if (in_h1_) meta_.FirstHeading(block.text);
    BlockInfo info;
    info.node = open_.back();
    info.bytes = static_cast<std::uint32_t>(block.text.size());
    info.link_bytes = std::min(para_links_, info.bytes);
    const std::uint32_t plain = info.bytes - info.link_bytes;
    info.good = block.kind != HtmlBlockKind::kHeading && plain >= options_.min_paragraph_bytes &&
                info.link_bytes <= options_.max_paragraph_link_density * info.bytes;
    Node& node = nodes_[info.node];
    node.own_bytes += info.bytes;
    node.own_links += info.link_bytes;
    if (info.good) node.good += plain;
    page_->blocks.push_back(std::move(block));
    infos_.push_back(info);
  }
  para_.clear();
  para_links_ = 0;
  pending_space_ = false;
}

}  // namespace newsweave::html
