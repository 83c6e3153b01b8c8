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
    Simplify(folder.FoldUtf8(row.substr(tab + 1)), /*words_only=*/kind != "credit", &phrase);
    while (!phrase.empty() && (phrase.back() == '\r' || phrase.back() == ' ')) phrase.pop_back();
    if (kind == "line") {
      AddUnique(&line_, std::string(Core(phrase)));
    } else if (kind == "contains") {
      AddUnique(&contains_, " " + phrase + " ");  // whole words only
    } else if (kind == "tail") {
      AddUnique(&tail_, phrase + " ");
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
  // Digits and punctuation do not matter ("Lecture : 3 min." matches "lecture min"), but
  // credits keep their punctuation ("photo:").
  thread_local std::string words, credit;
  Simplify(folded_line, true, &words);
  Simplify(folded_line, false, &credit);
  std::uint8_t flags = 0;
  std::string_view core = Core(words);
  for (const std::string& p : line_) {
    if (core == p) {
      flags |= kCueLine;
      break;
    }
  }
  words.insert(words.begin(), ' ');
  words.push_back(' ');  // " word word " for whole-word matches
  std::string_view folded = words;
  for (const std::string& p : contains_) {
    if (folded.find(p) != std::string_view::npos) {
      flags |= kCueContains;
      break;
    }
  }
  for (const std::string& p : tail_) {
    if (folded.substr(1, p.size()) == p) {
      flags |= kCueTail;
      break;
    }
  }
  for (const std::string& p : credit_) {
    if (credit.find(p) != std::string::npos) {
      flags |= kCueCredit;
      break;
    }
  }
  return flags;
}

}  // namespace newsweave::clean
