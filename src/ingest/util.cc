#include "ingest/util.h"

#include <cstddef>
#include <vector>

namespace newsweave::ingest {

namespace {

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::string_view TrimAscii(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && IsAsciiSpace(s[b])) ++b;
  while (e > b && IsAsciiSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!IsAsciiSpace(c)) return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

void UrlHost(std::string_view url, std::string* out) {
  out->clear();
  url = TrimAscii(url);
  std::size_t start;
  std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos && scheme > 0 && url.find_first_of("/?#") > scheme) {
    start = scheme + 3;
  } else if (url.starts_with("//")) {
    start = 2;
  } else {
    return;
  }
  std::size_t end = url.find_first_of("/?#", start);
  if (end == std::string_view::npos) end = url.size();
  std::string_view authority = url.substr(start, end - start);
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (authority.starts_with('[')) {  // IPv6 literal
    std::size_t close = authority.find(']');
    if (close != std::string_view::npos) authority = authority.substr(0, close + 1);
  } else {
    std::size_t colon = authority.find(':');
    if (colon != std::string_view::npos) authority = authority.substr(0, colon);
  }
  while (authority.ends_with('.')) authority.remove_suffix(1);
  out->reserve(authority.size());
  for (char c : authority) out->push_back(LowerAscii(c));
}

void NormalizeLang(std::string_view tag, std::string* out) {
  out->clear();
  tag = TrimAscii(tag);
  std::size_t n = 0;
  while (n < tag.size() && IsAsciiAlpha(tag[n])) ++n;
  if (n < 2 || n > 3) return;
  if (n < tag.size() && tag[n] != '-' && tag[n] != '_') return;
  for (std::size_t i = 0; i < n; ++i) out->push_back(LowerAscii(tag[i]));
}

std::string_view BaseName(std::string_view path) {
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view StemName(std::string_view path) {
  std::string_view name = BaseName(path);
  if (name.size() > 3 && EqualsIgnoreCase(name.substr(name.size() - 3), ".gz")) {
    name.remove_suffix(3);
  }
  std::size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return name;
}

std::string ExtensionOf(std::string_view path, bool* gz) {
  std::string_view name = BaseName(path);
  *gz = false;
  if (name.size() > 3 && EqualsIgnoreCase(name.substr(name.size() - 3), ".gz")) {
    *gz = true;
    name.remove_suffix(3);
  }
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::string();
  return AsciiLower(name.substr(dot + 1));
}

std::size_t CutText(std::size_t max_bytes, Article* article) {
  std::string& text = article->text;
  if (text.size() <= max_bytes) return 0;
  const std::size_t before = text.size();
  std::size_t cut = std::string_view(text).substr(0, max_bytes + 1).rfind('\n');
  if (cut == std::string_view::npos || cut < max_bytes / 2) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  while (cut > 0 && IsAsciiSpace(text[cut - 1])) --cut;
  text.resize(cut);
  text.shrink_to_fit();  // a cut monster gives its memory back
  std::vector<RemovedSpan>& dropped = article->dropped;
  while (!dropped.empty() && dropped.back().start >= cut) dropped.pop_back();
  if (!dropped.empty() && dropped.back().end > cut) dropped.back().end = cut;
  return before;
}

}  // namespace newsweave::ingest
