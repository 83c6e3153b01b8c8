#include "newsweave/html_extractor.h"

#include <gumbo.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "html/nesting.h"
#include "html/walker.h"

namespace newsweave {
namespace {

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
  bool elements_cut = false;
  if (html::PrepareHtml(utf8_html, options_.max_depth, &prepared, options_.max_elements,
                        &elements_cut)) {
    utf8_html = prepared;
  }
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
  html::Walker walker(options_, out);
  walker.Run(output->document);
  arena.Reset();  // the whole tree at once, instead of gumbo_destroy_output
  if (prepared.capacity() > (16u << 20)) std::string().swap(prepared);
  walker.Select();
  out->elements_cut = elements_cut;
}

ExtractedPage HtmlExtractor::Extract(std::string_view utf8_html) const {
  ExtractedPage page;
  Extract(utf8_html, &page);
  return page;
}

}  // namespace newsweave
