#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "html/markers.h"
#include "html/walker.h"

namespace newsweave::html {
namespace {

// Markers that name what an element holds rather than where it sits: such an element never
// wraps the article, and its text never counts for a wrapper.
bool StrongMarker(std::string_view reason) {
  return reason == kComments || reason == kRelatedLinks || reason == kShareBar ||
         reason == kCookieBanner || reason == kNewsletter || reason == kTags ||
         reason == kAuthorBio || reason == kCaption;
}

}  // namespace

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
  if (nodes_.empty() || page_->blocks.empty()) return;
  SumText();
  VoidWrappers();
  bool short_page = false;
  const int container = ChooseContainer(&short_page);
  if (container < 0) return;  // not an article: every block dropped
  int head = container;
  const std::vector<std::pair<int, int>> ranges = ArticleRanges(container, &head);
  MarkBlocks(ranges, head);
  SettleByArticleBody();
  if (!short_page) TrimAroundArticle();
  DropIntroductions();
}

// Sums each element's text and link text over its subtree, for link densities.
void Walker::SumText() {
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
}

// Weights, and the markers found to wrap the article voided.
void Walker::VoidWrappers() {
  // Weights. A marked element with more article-like text than all unmarked elements
  // together wraps the article ("<div class=page-wsidebar>", an ASP.NET <form>, an unclosed
  // <nav>): its marker is void. Comment sections are never voided.
  for (int round = 0; round < 8; ++round) {
    ComputeWeights();
    int wrapper = -1;
    for (std::size_t i = 1; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (n.reason.empty() || n.voided || n.reason == kComments) continue;
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
      if ((n.reason != kComments && n.reason != kCaption) || n.voided) continue;
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
}

// Returns the article's container, or -1 when the page is not an article (then every block
// is dropped and page_->not_article says why). *short_page_out: the page has too little
// article-like text for a container, and its unmarked text stands for the article.
int Walker::ChooseContainer(bool* short_page_out) {
  const std::size_t count = page_->blocks.size();
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
    for (HtmlBlock& b : page_->blocks) b.removed = kNotAnArticle;
  }
  *short_page_out = short_page;
  return container;
}

// The element ranges [begin, end) of the article: the container grown back over the article's
// head (*head, the first element of the range), siblings with article-like text, a <header>
// just before it.
std::vector<std::pair<int, int>> Walker::ArticleRanges(int container, int* head_out) {
  const std::size_t count = page_->blocks.size();
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
    if (nodes_[previous].reason == kHeader && !nodes_[up].in_marked) {
      ranges.emplace_back(previous, nodes_[previous].end);
    }
    break;
  }
  *head_out = head;
  return ranges;
}

// Drops, with their reasons, the blocks outside `ranges` or under a marked element, and the
// mostly-link ones; takes in a lead just before the article.
void Walker::MarkBlocks(const std::vector<std::pair<int, int>>& ranges, int head) {
  const std::size_t count = page_->blocks.size();
  thread_local std::vector<char> in_article;  // per element (ranges may be many and overlap)
  in_article.assign(nodes_.size(), 0);
  for (const auto& [from, to] : ranges) {
    std::fill(in_article.begin() + from, in_article.begin() + to, 1);
  }
  for (std::size_t b = 0; b < count; ++b) {
    const BlockInfo& info = infos_[b];
    HtmlBlock& block = page_->blocks[b];
    const bool inside = in_article[info.node] != 0;
    std::string_view marker = EffectiveMarker(info.node, head);
    // Inside the article, a <header> holds its title and lead, not the site's banner.
    if (inside && marker == kHeader && (info.good || block.kind == HtmlBlockKind::kHeading)) {
      marker = {};
    }
    if (!marker.empty()) {
      block.removed = marker;
    } else if (!inside) {
      block.removed = kOutsideArticle;
    } else if (LinkDense(info, page_->blocks[b].kind)) {
      block.removed = kLinkDense;
    }
  }
  // A lead paragraph a little before the article (past the title, the date, a share bar) is
  // part of it when nothing but short lines and marked blocks stand between.
  std::size_t first_kept = 0;
  while (first_kept < count && !page_->blocks[first_kept].removed.empty()) ++first_kept;
  for (std::size_t b = first_kept, seen = 0; b-- > 0 && seen < 8; ++seen) {
    const BlockInfo& info = infos_[b];
    HtmlBlock& block = page_->blocks[b];
    if (block.removed != kOutsideArticle) continue;
    if (info.good && info.link_bytes * 10 < info.bytes) {
      block.removed = {};
      break;
    }
    if (info.bytes >= 80) break;  // a long block that is no lead: the article starts later
  }
}

void Walker::SettleByArticleBody() {
  const std::size_t count = page_->blocks.size();
  // The publisher's own copy of the text (JSON-LD articleBody), when it has one that agrees
  // with the choice so far, settles each block of some length: in it, kept; not in it, gone.
  const std::string& body = meta_.article_body();
  // (Skipped on giant pages: each block is looked up in the body.)
  if (body.size() >= options_.min_article_body_bytes && body.size() <= (256u << 10) &&
      count <= 20000) {
    thread_local std::string probe;
    auto in_body = [&](const HtmlBlock& block) {
      probe = CollapseWhitespace(block.text);
      if (probe.size() > 60) probe.resize(60);
      while (!probe.empty() && (static_cast<unsigned char>(probe.back()) & 0xC0) == 0x80) {
        probe.pop_back();  // no half character at the cut
      }
      if (!probe.empty() && (static_cast<unsigned char>(probe.back()) & 0xC0) == 0xC0) {
        probe.pop_back();
      }
      return !probe.empty() && body.find(probe) != std::string::npos;
    };
    std::size_t kept_good = 0, kept_good_in_body = 0;
    for (std::size_t b = 0; b < count; ++b) {
      if (!page_->blocks[b].removed.empty() || !infos_[b].good) continue;
      ++kept_good;
      if (in_body(page_->blocks[b])) ++kept_good_in_body;
    }
    if (kept_good > 0 && 2 * kept_good_in_body >= kept_good) {
      for (std::size_t b = 0; b < count; ++b) {
        HtmlBlock& block = page_->blocks[b];
        if (block.kind == HtmlBlockKind::kHeading || block.text.size() < 20) continue;
        const bool in = in_body(block);
        if (in && block.removed != kHidden) {
          block.removed = {};
        } else if (!in && block.removed.empty()) {
          block.removed = kNotInArticleBody;
        }
      }
    }
  }
}

void Walker::TrimAroundArticle() {
  const std::size_t count = page_->blocks.size();
  // Around the article: short blocks after its last article-like block ("More on this
  // topic", a date, a credit) and, before its first, short blocks that are not headings (a
  // byline, "2 min read").
  std::size_t first = count, last = count;
  for (std::size_t b = 0; b < count; ++b) {
    if (page_->blocks[b].removed.empty() && infos_[b].good) {
      if (first == count) first = b;
      last = b;
    }
  }
  for (std::size_t b = 0; b < count && first < count; ++b) {
    HtmlBlock& block = page_->blocks[b];
    if (!block.removed.empty() || infos_[b].good) continue;
    if (b > last) {
      block.removed = kAfterArticle;
    } else if (b < first && block.kind != HtmlBlockKind::kHeading) {
      block.removed = kBeforeArticle;
    }
  }
}

void Walker::DropIntroductions() {
  const std::size_t count = page_->blocks.size();
  // A heading goes with what it introduces: when nothing after it is kept before the next
  // heading ("More on this topic" over a list of links), it goes too, for the reason of the
  // block right after it. One backward pass: `text_follows` says whether the nearest kept
  // block after the position is text (not a heading), `why` is the reason of the nearest
  // block after it when that one was dropped.
  bool text_follows = false;
  std::string_view why;
  for (std::size_t b = count; b-- > 0;) {
    HtmlBlock& block = page_->blocks[b];
    if (block.removed.empty() && block.kind == HtmlBlockKind::kHeading && !text_follows) {
      block.removed = why.empty() ? kAfterArticle : why;
    }
    if (block.removed.empty()) {
      text_follows = block.kind != HtmlBlockKind::kHeading;
      why = {};
    } else {
      why = block.removed;
    }
  }
  // A heading or a short line ending in ':' introduces what follows it ("Read more:", "Further
  // information:"): when that goes (ads, captions and hidden text aside), the line goes too.
  // Backward again; `next` is the nearest block after the position that is not an ad, a
  // caption or hidden text.
  const HtmlBlock* next = nullptr;
  for (std::size_t b = count; b-- > 0;) {
    HtmlBlock& block = page_->blocks[b];
    const bool intro = block.kind == HtmlBlockKind::kHeading ||
                       (block.text.size() <= 100 && block.text.ends_with(':'));
    if (block.removed.empty() && intro && next != nullptr) {
      const std::string_view reason = next->removed;
      // A link-dense paragraph (a lead with links) or the article's preamble after it says
      // too little; a list of links says enough.
      const bool link_list = reason == kLinkDense && next->kind == HtmlBlockKind::kListItem;
      if (!reason.empty() && (link_list || (reason != kLinkDense && reason != kBeforeArticle))) {
        block.removed = reason;
      }
    }
    if (block.removed != kAdvertisement && block.removed != kCaption && block.removed != kHidden) {
      next = &block;
    }
  }
}

}  // namespace newsweave::html
