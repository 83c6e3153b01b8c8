// The walk over gumbo's tree that main-text extraction makes (walker.cc), and the choice of
// the article's blocks from what it found (select.cc). Internal to the html module.
#ifndef NEWSWEAVE_HTML_WALKER_H_
#define NEWSWEAVE_HTML_WALKER_H_

#include <gumbo.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "html/metadata.h"
#include "newsweave/html_extractor.h"

namespace newsweave::html {

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

// One walk over a parsed page: builds the blocks of *page (and its metadata) and the element
// list, then decides which blocks are the article (Select).
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
  // Steps of Select (select.cc), in order.
  void SumText();
  void VoidWrappers();
  int ChooseContainer(bool* short_page);
  std::vector<std::pair<int, int>> ArticleRanges(int container, int* head);
  void MarkBlocks(const std::vector<std::pair<int, int>>& ranges, int head);
  void SettleByArticleBody();
  void TrimAroundArticle();
  void DropIntroductions();
  void ComputeWeights();
  std::string_view EffectiveMarker(int node, int container) const;
  bool LinkDense(const BlockInfo& info, HtmlBlockKind kind) const;

  const HtmlExtractOptions& options_;
  ExtractedPage* page_;
  MetadataCollector meta_;
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

}  // namespace newsweave::html

#endif  // NEWSWEAVE_HTML_WALKER_H_
