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

// Copies `s` without digits (and, when `words_only`, without ASCII punctuation and
// symbols other than apostrophes and hyphens), collapsing the spaces left behind and
// trimming them at the ends: "Lectura: 3 min" -> "lectura min".
void Simplify(std::string_view s, bool words_only, std::string* out) {
  out->clear();
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    bool drop = (c >= '0' && c <= '9') ||
                (words_only && u < 0x80 && !(c >= 'a' && c <= 'z') && c != '\'' && c != '-');
    if (drop) c = ' ';
    if (c == ' ' && (out->empty() || out->back() == ' ')) continue;
    out->push_back(c);
  }
  while (!out->empty() && out->back() == ' ') out->pop_back();
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
    Simplify(folder.FoldUtf8(row.substr(tab + 1)), /*words_only=*/kind != "credit", &phrase);
    while (!phrase.empty() && (phrase.back() == '\r' || phrase.back() == ' ')) phrase.pop_back();
    if (phrase.empty()) continue;
    ++count_;
    if (kind == "line") {
      line_.insert(std::string(Core(phrase)));
    } else if (kind == "contains") {
      Add(&contains_, phrase);
    } else if (kind == "tail") {
      Add(&tail_, phrase);
    } else if (kind == "credit") {
      credit_.push_back(phrase);
    } else {
      --count_;
    }
  }
}

void CuePhrases::Add(ByFirstWord* index, const std::string& phrase) {
  std::string first = phrase.substr(0, phrase.find(' '));
  auto& v = (*index)[first];
  if (std::find(v.begin(), v.end(), phrase) == v.end()) v.push_back(phrase);
}

// True when `rest` (a suffix of the simplified line starting at a word) starts with one of
// the phrases indexed under its first word, ending at a word boundary.
bool CuePhrases::MatchAt(const ByFirstWord& index, std::string_view words, std::string_view rest) {
  std::string_view first = rest.substr(0, rest.find(' '));
  auto it = index.find(first);
  if (it == index.end()) return false;
  for (const std::string& p : it->second) {
    if (rest.size() >= p.size() && rest.compare(0, p.size(), p) == 0 &&
        (rest.size() == p.size() || rest[p.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

const CuePhrases& CuePhrases::Default() {
  static const CuePhrases* cues =
      new CuePhrases(std::string_view(newsweave_chrome_cues, newsweave_chrome_cues_size));
  return *cues;
}

std::uint8_t CuePhrases::Match(std::string_view folded_line) const {
  // Digits and punctuation do not matter ("Lecture : 3 min." matches "lecture min"), but
  // credits keep their punctuation ("photo:").
  thread_local std::string words, credit;
  Simplify(folded_line, true, &words);
  std::uint8_t flags = 0;
  if (line_.find(Core(words)) != line_.end()) flags |= kCueLine;
  std::string_view w = words;
  if (!w.empty() && w[0] == ' ') w.remove_prefix(1);
  if (MatchAt(tail_, w, w)) flags |= kCueTail;
  for (size_t i = 0; i < w.size();) {
    if (MatchAt(contains_, w, w.substr(i))) {
      flags |= kCueContains;
      break;
    }
    size_t sp = w.find(' ', i);
    if (sp == std::string_view::npos) break;
    i = sp + 1;
  }
  Simplify(folded_line, false, &credit);
  for (const std::string& p : credit_) {
    if (credit.find(p) != std::string::npos) {
      flags |= kCueCredit;
      break;
    }
  }
  return flags;
}

}  // namespace newsweave::clean
