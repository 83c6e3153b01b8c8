#include "newsweave/html_extractor.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <utility>
#include <vector>

#include "html/markers.h"
#include "html/metadata.h"
#include "html/nesting.h"

namespace newsweave {
namespace {

using html::Marker;

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

// One element of the page, in document (pre-)order.
struct Node {
  int parent = -1;
  int end = 0;            // one past the last node of its subtree
  int marked_above = -1;  // nearest marked ancestor (strict), or -1
  int depth = 0;
  std::string_view reason;  // boilerplate marker; empty when none
  bool article = false;     // names the article body
  bool voided = false;      // marker found to wrap the article: ignored
  bool in_marked = false;   // inside a (non-voided) marked element, itself included
  std::uint64_t own_bytes = 0, own_links = 0;      // text of its own blocks, and in links
  std::uint64_t bytes = 0, link_bytes = 0;         // text inside, and in links
  std::uint64_t clean_bytes = 0, clean_links = 0;  // the same outside marked descendants
  double good = 0;                                 // article-like bytes of its own blocks
  double weight = 0;  // article-like bytes inside, not counting marked descendants
  double soft = 0;    // article-like bytes inside, not counting comment sections
};

// What the walk knows of a block besides its text.
struct BlockInfo {
  int node = 0;  // innermost element around the text
  std::uint32_t bytes = 0, link_bytes = 0;
  bool good = false;
};

class Walker {
 public:
  Walker(const HtmlExtractOptions& options, ExtractedPage* page) : options_(options), page_(page) {}

  void Run(const GumboNode* root);
  void Select();

 private:
  static const GumboVector& Children(const GumboNode* n) {
    return n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
  }
  bool Enter(const GumboNode* n);
  void Exit(const GumboNode* n);
  void AppendText(std::string_view s);
  void AppendWord(std::string_view w);
  void LineBreak();
  void Flush();
  void ComputeWeights();
  std::string_view EffectiveMarker(int node, int container) const;
  bool LinkDense(const BlockInfo& info, HtmlBlockKind kind) const;

  const HtmlExtractOptions& options_;
  ExtractedPage* page_;
  html::MetadataCollector meta_;
  std::vector<Node> nodes_;
  std::vector<int> open_;         // open element nodes
  std::vector<GumboTag> owners_;  // open block elements
  std::vector<BlockInfo> infos_;
  std::string para_;
  std::uint32_t para_links_ = 0;
  int link_depth_ = 0, pre_depth_ = 0, quote_depth_ = 0;
  bool pending_space_ = false;
  bool in_h1_ = false;
};

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
  Marker m = html::ClassifyElement(e);
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

// Markers that name what an element holds rather than where it sits: such an element never
// wraps the article, and its text never counts for a wrapper.
bool StrongMarker(std::string_view reason) {
  return reason == html::kComments || reason == html::kRelatedLinks || reason == html::kShareBar ||
         reason == html::kCookieBanner || reason == html::kNewsletter || reason == html::kTags ||
         reason == html::kAuthorBio || reason == html::kCaption;
}

// Sums text and article-like text up the tree (children come after their parent in `nodes_`).
void Walker::ComputeWeights() {
  for (Node& n : nodes_) {
    n.weight = n.soft = n.good;
    n.clean_bytes = n.own_bytes;
    n.clean_links = n.own_links;
  }
  for (std::size_t i = nodes_.size(); i-- > 1;) {
    Node& n = nodes_[i];
    if (n.parent < 0) continue;
    Node& p = nodes_[n.parent];
    // A marked element counts for nothing above it (nested elements marked alike count once).
    if (n.reason.empty() || n.voided || (!p.voided && n.reason == p.reason)) p.weight += n.weight;
    if (n.reason.empty() || n.voided) {
      p.clean_bytes += n.clean_bytes;
      p.clean_links += n.clean_links;
    }
    if (!StrongMarker(n.reason)) p.soft += n.soft;
  }
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    Node& n = nodes_[i];
    n.in_marked = (!n.reason.empty() && !n.voided) || (n.parent >= 0 && nodes_[n.parent].in_marked);
  }
}

// A block of the article that is mostly links: a list of links, "Read also: <a>...</a>". A
// paragraph with a long link in a sentence stays.
bool Walker::LinkDense(const BlockInfo& info, HtmlBlockKind kind) const {
  const double density = info.bytes ? double(info.link_bytes) / info.bytes : 0;
  if (kind == HtmlBlockKind::kParagraph) {
    return density > 0.85 || (density > options_.max_link_density &&
                              info.bytes - info.link_bytes < options_.min_paragraph_bytes);
  }
  return density > options_.max_link_density;
}

// The boilerplate marker that applies to text of `node` when the article is `container`:
// the nearest marked, non-voided element around it that does not hold the container.
std::string_view Walker::EffectiveMarker(int node, int container) const {
  int m = nodes_[node].reason.empty() ? nodes_[node].marked_above : node;
  while (m >= 0) {
    const Node& n = nodes_[m];
    if (container >= 0 && m <= container && container < n.end) return {};  // holds the article
    if (!n.voided) return n.reason;
    m = n.marked_above;
  }
  return {};
}

void Walker::Select() {
  const std::size_t count = page_->blocks.size();
  if (nodes_.empty() || count == 0) return;
  // Sum subtree text for link densities.
  for (Node& n : nodes_) {
    n.bytes = n.own_bytes;
    n.link_bytes = n.own_links;
  }
  for (std::size_t i = nodes_.size(); i-- > 1;) {
    Node& n = nodes_[i];
    if (n.parent >= 0) {
      nodes_[n.parent].bytes += n.bytes;
      nodes_[n.parent].link_bytes += n.link_bytes;
    }
  }
  // Weights. A marked element with more article-like text than all unmarked elements
  // together wraps the article ("<div class=page-wsidebar>", an ASP.NET <form>, an unclosed
  // <nav>): its marker is void. Comment sections are never voided.
  for (int round = 0; round < 8; ++round) {
    ComputeWeights();
    int wrapper = -1;
    for (std::size_t i = 1; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (n.reason.empty() || n.voided || n.reason == html::kComments) continue;
      if (n.parent >= 0 && nodes_[n.parent].in_marked) continue;  // not outermost
      if (wrapper < 0 || n.soft > nodes_[wrapper].soft) wrapper = static_cast<int>(i);
    }
    if (wrapper < 0 || nodes_[wrapper].soft <= nodes_[0].weight) break;
    nodes_[wrapper].voided = true;
  }
  if (nodes_[0].weight < options_.min_article_bytes) {
    // Nothing unmarked reads like an article: the marked element that does is the text (a
    // forum thread or a live ticker marked as comments, a video page's caption).
    int thread = -1;
    for (std::size_t i = 1; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if ((n.reason != html::kComments && n.reason != html::kCaption) || n.voided) continue;
      if (n.parent >= 0 && nodes_[n.parent].in_marked) continue;
      if (thread < 0 || n.weight > nodes_[thread].weight) thread = static_cast<int>(i);
    }
    if (thread >= 0 && nodes_[thread].weight >= options_.min_article_bytes) {
      const std::string_view reason = nodes_[thread].reason;
      for (int k = thread; k < nodes_[thread].end; ++k) {
        if (nodes_[k].reason == reason) nodes_[k].voided = true;
      }
      ComputeWeights();
    }
  }
  const double total = nodes_[0].weight;
  int container = -1;
  bool short_page = false;
  std::string why_not;
  if (total >= options_.min_article_bytes) {
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (n.in_marked || n.weight < options_.container_share * total) continue;
      if (container < 0 || n.depth > nodes_[container].depth) container = static_cast<int>(i);
    }
    // An index page: many linked headlines, little text for each.
    if (container >= 0) {
      std::size_t headlines = 0;
      std::uint32_t longest = 0;  // the longest article-like block, in bytes outside links
      for (std::size_t b = 0; b < count; ++b) {
        const BlockInfo& info = infos_[b];
        if (info.node < container || info.node >= nodes_[container].end) continue;
        if (info.good) longest = std::max(longest, info.bytes - info.link_bytes);
        if (info.bytes >= 20 && info.link_bytes > 0.8 * info.bytes &&
            EffectiveMarker(info.node, container).empty()) {
          ++headlines;
        }
      }
      if (headlines >= options_.index_min_headlines && longest < options_.index_max_paragraph &&
          total < options_.index_bytes_per_headline * static_cast<double>(headlines)) {
        why_not = "not-an-article: an index of " + std::to_string(headlines) +
                  " linked headlines with " + std::to_string(static_cast<long>(total)) +
                  " bytes of article-like text";
        container = -1;
      }
    }
  } else {
    // A short page: without long paragraphs, the unmarked text is the article unless it is
    // mostly links (a list of links, a page of navigation).
    std::uint64_t bytes = 0, links = 0;
    for (std::size_t b = 0; b < count; ++b) {
      if (!EffectiveMarker(infos_[b].node, -1).empty()) continue;
      bytes += infos_[b].bytes;
      links += infos_[b].link_bytes;
    }
    if (bytes > 0 && links < options_.max_link_density * bytes) {
      container = 0;
      short_page = true;
    }
  }
  if (container < 0) {
    page_->not_article = !why_not.empty()
                             ? why_not
                             : "not-an-article: " + std::to_string(static_cast<long>(total)) +
                                   " bytes of article-like text, mostly links around it";
    for (HtmlBlock& b : page_->blocks) b.removed = html::kNotAnArticle;
    return;
  }
  // Siblings of the container with article-like text and few links belong to the article
  // too (a lead paragraph in its own <div>, the rest of an article split by an ad block).
  std::vector<std::pair<int, int>> ranges = {{container, nodes_[container].end}};
  const int parent = nodes_[container].parent;
  if (parent >= 0) {
    for (int k = parent + 1; k < nodes_[parent].end; k = nodes_[k].end) {
      const Node& s = nodes_[k];
      if (k == container || s.in_marked || s.weight <= 0) continue;
      if (s.link_bytes > 0.3 * s.bytes) continue;
      ranges.emplace_back(k, s.end);
    }
  }
  // The article's head (title, lead, byline) often sits just before the container, in an
  // ancestor: the range grows back to an ancestor (up to three levels) while the unmarked
  // text that ancestor has before the container is short and mostly not links.
  int head = container;
  for (int climb = 0; climb < 3; ++climb) {
    const int up = nodes_[head].parent;
    if (up <= 0 || nodes_[up].in_marked || nodes_[up].parent < 0) break;
    std::uint64_t extra = 0, extra_links = 0;
    for (std::size_t b = 0; b < count; ++b) {
      const BlockInfo& info = infos_[b];
      if (info.node < up || info.node >= container) continue;
      if (!EffectiveMarker(info.node, up).empty()) continue;
      extra += info.bytes;
      extra_links += info.link_bytes;
    }
    if (extra > options_.max_head_share * static_cast<double>(nodes_[container].clean_bytes) ||
        extra_links > options_.max_head_link_density * extra + 40) {
      break;
    }
    head = up;
  }
  ranges[0].first = head;
  // A <header> (or an element named so) just before the article, at its level or up to three
  // levels above: its title and lead belong to the article (its other lines still go).
  for (int level = head, climb = 0; level > 0 && climb < 4; level = nodes_[level].parent, ++climb) {
    const int up = nodes_[level].parent;
    if (up <= 0) break;
    int previous = -1;  // the last sibling before `level` with text
    for (int k = up + 1; k < level; k = nodes_[k].end) {
      if (nodes_[k].bytes > 0) previous = k;
    }
    if (previous < 0) continue;
    if (nodes_[previous].reason == html::kHeader && !nodes_[up].in_marked) {
      ranges.emplace_back(previous, nodes_[previous].end);
    }
    break;
  }
  for (std::size_t b = 0; b < count; ++b) {
    const BlockInfo& info = infos_[b];
    HtmlBlock& block = page_->blocks[b];
    bool inside = false;
    for (const auto& [from, to] : ranges) inside |= info.node >= from && info.node < to;
    std::string_view marker = EffectiveMarker(info.node, head);
    // Inside the article, a <header> holds its title and lead, not the site's banner.
    if (inside && marker == html::kHeader && (info.good || block.kind == HtmlBlockKind::kHeading)) {
      marker = {};
    }
    if (!marker.empty()) {
      block.removed = marker;
    } else if (!inside) {
      block.removed = html::kOutsideArticle;
    } else if (LinkDense(info, page_->blocks[b].kind)) {
      block.removed = html::kLinkDense;
    }
  }
  // A lead paragraph a little before the article (past the title, the date, a share bar) is
  // part of it when nothing but short lines and marked blocks stand between.
  std::size_t first_kept = 0;
  while (first_kept < count && !page_->blocks[first_kept].removed.empty()) ++first_kept;
  for (std::size_t b = first_kept, seen = 0; b-- > 0 && seen < 8; ++seen) {
    const BlockInfo& info = infos_[b];
    HtmlBlock& block = page_->blocks[b];
    if (block.removed != html::kOutsideArticle) continue;
    if (info.good && info.link_bytes * 10 < info.bytes) {
      block.removed = {};
      break;
    }
    if (info.bytes >= 80) break;  // a long block that is no lead: the article starts later
  }
  // Around the article: short blocks after its last article-like block ("More on this
  // topic", a date, a credit) and, before its first, short blocks that are not headings (a
  // byline, "2 min read").
  std::size_t first = count, last = count;
  for (std::size_t b = 0; b < count && !short_page; ++b) {
    if (page_->blocks[b].removed.empty() && infos_[b].good) {
      if (first == count) first = b;
      last = b;
    }
  }
  for (std::size_t b = 0; b < count && first < count; ++b) {
    HtmlBlock& block = page_->blocks[b];
    if (!block.removed.empty() || infos_[b].good) continue;
    if (b > last) {
      block.removed = html::kAfterArticle;
    } else if (b < first && block.kind != HtmlBlockKind::kHeading) {
      block.removed = html::kBeforeArticle;
    }
  }
  // A heading goes with what it introduces: when nothing after it is kept before the next
  // heading ("More on this topic" over a list of links), it goes too, for the same reason.
  for (std::size_t b = count; b-- > 0;) {
    HtmlBlock& block = page_->blocks[b];
    if (!block.removed.empty() || block.kind != HtmlBlockKind::kHeading) continue;
    std::string_view why;
    bool text_follows = false;
    for (std::size_t k = b + 1; k < count; ++k) {
      const HtmlBlock& next = page_->blocks[k];
      if (next.kind == HtmlBlockKind::kHeading && next.removed.empty()) break;
      if (next.removed.empty()) {
        text_follows = true;
        break;
      }
      if (why.empty()) why = next.removed;
    }
    if (!text_follows) {
      block.removed = why.empty() ? html::kAfterArticle : why;
      continue;
    }
  }
  // A heading or a short line ending in ':' introduces what follows it ("Read more:", "Further
  // information:"): when that goes (ads, captions and hidden text aside), the line goes too.
  for (std::size_t b = count; b-- > 0;) {
    HtmlBlock& block = page_->blocks[b];
    if (!block.removed.empty()) continue;
    const bool intro = block.kind == HtmlBlockKind::kHeading ||
                       (block.text.size() <= 100 && block.text.ends_with(':'));
    if (!intro) continue;
    for (std::size_t k = b + 1; k < count; ++k) {
      std::string_view why = page_->blocks[k].removed;
      if (why == html::kAdvertisement || why == html::kCaption || why == html::kHidden) continue;
      // A link-dense block or the article's preamble after it says too little.
      if (!why.empty() && why != html::kLinkDense && why != html::kBeforeArticle) {
        block.removed = why;
      }
      break;
    }
  }
}

// Memory for one gumbo parse: bump allocation from large chunks, nothing freed until the
// parse is over (gumbo frees what it allocates piece by piece, which costs as much as a
// fifth of the parse with malloc). The chunks are kept for the next parse on the thread,
// up to a limit.
class ParseArena {
 public:
  static void* Allocate(void* self, std::size_t size) {
    return static_cast<ParseArena*>(self)->Get(size);
  }
  static void Free(void*, void*) {}

  // Forgets every allocation; keeps up to 64 MB of chunks.
  void Reset() {
    std::size_t kept = 0, k = 0;
    for (; k < chunks_.size() && kept + chunks_[k].size <= (64u << 20); ++k) {
      kept += chunks_[k].size;
    }
    for (std::size_t i = k; i < chunks_.size(); ++i) std::free(chunks_[i].data);
    chunks_.resize(k);
    current_ = 0;
    used_ = 0;
  }

  ~ParseArena() {
    for (Chunk& c : chunks_) std::free(c.data);
  }

 private:
  struct Chunk {
    char* data;
    std::size_t size;
  };

  void* Get(std::size_t size) {
    size = (size + 15) & ~std::size_t{15};
    while (current_ < chunks_.size()) {
      Chunk& c = chunks_[current_];
      if (used_ + size <= c.size) {
        void* p = c.data + used_;
        used_ += size;
        return p;
      }
      ++current_;
      used_ = 0;
    }
    std::size_t chunk = std::max<std::size_t>(size, 1u << 20);
    char* data = static_cast<char*>(std::malloc(chunk));
    if (data == nullptr) return nullptr;
    chunks_.push_back({data, chunk});
    current_ = chunks_.size() - 1;
    used_ = size;
    return data;
  }

  std::vector<Chunk> chunks_;
  std::size_t current_ = 0;  // chunk being filled
  std::size_t used_ = 0;     // bytes used in it
};

std::string Join(const std::vector<HtmlBlock>& blocks, bool kept_only) {
  std::size_t size = 0;
  for (const HtmlBlock& b : blocks) size += b.text.size() + 2;
  std::string out;
  out.reserve(size);
  for (const HtmlBlock& b : blocks) {
    if (kept_only && !b.removed.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += b.text;
  }
  return out;
}

}  // namespace

std::string ExtractedPage::MainText() const { return Join(blocks, true); }

std::string ExtractedPage::AllText() const { return Join(blocks, false); }

HtmlExtractor::HtmlExtractor(HtmlExtractOptions options) : options_(options) {}

void HtmlExtractor::Extract(std::string_view utf8_html, ExtractedPage* out) const {
  *out = ExtractedPage();
  thread_local std::string prepared;
  if (html::PrepareHtml(utf8_html, options_.max_depth, &prepared)) utf8_html = prepared;
  thread_local ParseArena arena;
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;  // do not record parse errors: we never read them
  gumbo_options.allocator = &ParseArena::Allocate;
  gumbo_options.deallocator = &ParseArena::Free;
  gumbo_options.userdata = &arena;
  GumboOutput* output =
      gumbo_parse_with_options(&gumbo_options, utf8_html.data(), utf8_html.size());
  if (output == nullptr) {
    arena.Reset();
    return;
  }
  Walker walker(options_, out);
  walker.Run(output->document);
  arena.Reset();  // the whole tree at once, instead of gumbo_destroy_output
  if (prepared.capacity() > (16u << 20)) std::string().swap(prepared);
  walker.Select();
}

ExtractedPage HtmlExtractor::Extract(std::string_view utf8_html) const {
  ExtractedPage page;
  Extract(utf8_html, &page);
  return page;
}

}  // namespace newsweave
