#include "ingest/html.h"

#include <utility>

#include "html/nesting.h"
#include "ingest/encoding.h"
#include "ingest/util.h"
#include "text/utf8.h"

namespace newsweave::ingest {

namespace {

constexpr std::size_t kMetaSniffBytes = 4096;

// Finds `needle` (lowercase ASCII) in `hay` ignoring ASCII case, from `pos`.
std::size_t FindIgnoreCase(std::string_view hay, std::string_view needle, std::size_t pos) {
  if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
  for (std::size_t i = pos; i + needle.size() <= hay.size(); ++i) {
    if (EqualsIgnoreCase(hay.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

bool IsAbsoluteUrl(std::string_view url) {
  return StartsWithIgnoreCase(url, "http://") || StartsWithIgnoreCase(url, "https://") ||
         url.starts_with("//");
}

}  // namespace

std::string SniffMetaCharset(std::string_view bytes) {
  std::string_view head = bytes.substr(0, kMetaSniffBytes);
  std::size_t pos = 0;
  while ((pos = FindIgnoreCase(head, "<meta", pos)) != std::string_view::npos) {
    pos += 5;
    if (pos >= head.size() || !(IsAsciiSpace(head[pos]) || head[pos] == '/')) continue;
    std::string_view charset, http_equiv, content;
    std::size_t end =
        html::ParseTagAttributes(head, pos, [&](std::string_view name, std::string_view v) {
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

void ExtractHtmlUtf8(std::string_view utf8, const HtmlOptions& options, HtmlDocument* out) {
  HtmlExtractOptions extract_options = options.extract;
  extract_options.max_depth = options.max_depth;
  thread_local ExtractedPage page;
  HtmlExtractor(extract_options).Extract(utf8, &page);
  out->title = std::move(page.title);
  out->author = std::move(page.author);
  out->published = std::move(page.published);
  out->source = std::move(page.site_name);
  out->not_article = std::move(page.not_article);
  out->elements_cut = page.elements_cut;
  out->url.clear();
  if (IsAbsoluteUrl(page.url)) out->url = std::move(page.url);
  NormalizeLang(page.lang, &out->lang);
  // Every block goes into the text; the dropped ones are recorded as removed spans.
  out->text.clear();
  out->removed.clear();
  for (const HtmlBlock& b : page.blocks) {
    if (!out->text.empty()) out->text += "\n\n";
    if (!b.removed.empty()) {
      RemovedSpan span{out->text.size(), out->text.size() + b.text.size(), std::string(b.removed)};
      if (!out->removed.empty() && out->removed.back().reason == span.reason &&
          out->removed.back().end + 2 == span.start) {
        out->removed.back().end = span.end;  // one span for a run of blocks dropped alike
      } else {
        out->removed.push_back(std::move(span));
      }
    }
    out->text += b.text;
  }
}

std::string HtmlDocument::MainText() const {
  std::string out;
  std::size_t pos = 0;
  auto add = [&](std::size_t from, std::size_t to) {
    std::string_view part = TrimAscii(std::string_view(text).substr(from, to - from));
    if (part.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += part;
  };
  for (const RemovedSpan& r : removed) {
    add(pos, r.start);
    pos = r.end;
  }
  add(pos, text.size());
  return out;
}

void ExtractHtmlInto(std::string_view bytes, std::string_view declared_charset,
                     const HtmlOptions& options, HtmlDocument* doc) {
  if (!bytes.starts_with("\xEF\xBB\xBF") && !HasUtf16Or32Bom(bytes) && text::IsValidUtf8(bytes)) {
    ExtractHtmlUtf8(bytes, options, doc);  // no copy for the common case
    doc->encoding = "UTF-8";
    doc->replaced = 0;
    return;
  }
  std::string charset(TrimAscii(declared_charset));
  if (charset.empty()) charset = SniffMetaCharset(bytes);
  DecodedText decoded = DecodeToUtf8(bytes, charset);
  ExtractHtmlUtf8(decoded.text, options, doc);
  doc->encoding = std::move(decoded.encoding);
  doc->replaced = decoded.replaced;
}

std::string ElementsCutMessage(const ReadOptions& options) {
  return "more than " + std::to_string(options.max_html_elements) +
         " HTML elements (max_html_elements): the markup after them was read as text";
}

HtmlDocument ExtractHtml(std::string_view bytes, std::string_view declared_charset,
                         const HtmlOptions& options) {
  HtmlDocument doc;
  ExtractHtmlInto(bytes, declared_charset, options, &doc);
  return doc;
}

}  // namespace newsweave::ingest
