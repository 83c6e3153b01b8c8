#include "clean/cues.h"

#include <algorithm>

#include "clean/lines.h"
#include "text/unicode.h"

extern const char* const newsweave_chrome_cues;
extern const std::size_t newsweave_chrome_cues_size;

namespace newsweave::clean {
namespace {

bool IsEdgeJunk(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u < 0x80 && !((c >= 'a' && c <= 'z') || c == '\'');
}

// Strips punctuation, digits, spaces and symbols from both ends.
std::string_view Core(std::string_view s) {
  while (!s.empty() && IsEdgeJunk(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsEdgeJunk(s.back())) s.remove_suffix(1);
  return s;
}

// Copies `s` without digits, collapsing the spaces left behind.
void StripDigits(std::string_view s, std::string* out) {
  out->clear();
  for (char c : s) {
    if (c >= '0' && c <= '9') continue;
    if (c == ' ' && (out->empty() || out->back() == ' ')) continue;
    out->push_back(c);
  }
}

void AddUnique(std::vector<std::string>* v, std::string s) {
  if (!s.empty() && std::find(v->begin(), v->end(), s) == v->end()) v->push_back(std::move(s));
}

}  // namespace

CuePhrases::CuePhrases(std::string_view tsv) {
  text::Folder folder;
  size_t pos = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view row = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    if (row.empty() || row[0] == '#') continue;
    size_t tab = row.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view kind = row.substr(0, tab);
    std::string phrase;
    StripDigits(folder.FoldUtf8(row.substr(tab + 1)), &phrase);
    while (!phrase.empty() && (phrase.back() == '\r' || phrase.back() == ' ')) phrase.pop_back();
    if (kind == "line") {
      AddUnique(&line_, std::string(Core(phrase)));
    } else if (kind == "contains") {
      AddUnique(&contains_, phrase);
    } else if (kind == "tail") {
      AddUnique(&tail_, phrase);
    } else if (kind == "credit") {
      AddUnique(&credit_, phrase);
    }
  }
}

const CuePhrases& CuePhrases::Default() {
  static const CuePhrases* cues = new CuePhrases(
      std::string_view(newsweave_chrome_cues, newsweave_chrome_cues_size));
  return *cues;
}

std::uint8_t CuePhrases::Match(std::string_view folded_line) const {
  // Digits do not matter ("Lecture 3 min." matches "lecture min").
  thread_local std::string buf;
  StripDigits(folded_line, &buf);
  std::string_view folded = buf;
  std::uint8_t flags = 0;
  std::string_view core = Core(folded);
  for (const std::string& p : line_) {
    if (core == p) {
      flags |= kCueLine;
      break;
    }
  }
  for (const std::string& p : contains_) {
    if (folded.find(p) != std::string_view::npos) {
      flags |= kCueContains;
      break;
    }
  }
  for (const std::string& p : tail_) {
    if (core.substr(0, p.size()) == p || folded.substr(0, p.size()) == p) {
      flags |= kCueTail;
      break;
    }
  }
  for (const std::string& p : credit_) {
    if (folded.find(p) != std::string_view::npos) {
      flags |= kCueCredit;
      break;
    }
  }
  return flags;
}

}  // namespace newsweave::clean
