// Build-time tool: compiles Debian's FreeDict dictionaries (dictd format) and hunspell word
// lists into one lexicon file (src/xling/FORMAT.md).
//   xling_lexicon_compiler --out FILE [--dictd DIR] [--hunspell DIR]
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/stemmer.h"
#include "text/unicode.h"
#include "xling/lexicon_format.h"

namespace fs = std::filesystem;
using newsweave::text::Folder;
using newsweave::text::Stemmer;
using namespace newsweave::xling;

namespace {

struct Lang {
  const char* iso3;
  const char* iso1;
  const char* hunspell;  // file stem under the hunspell directory
};
const Lang kLangs[] = {
    {"eng", "en", "en_US"}, {"fra", "fr", "fr"},    {"deu", "de", "de_DE"}, {"spa", "es", "es_ES"},
    {"ita", "it", "it_IT"}, {"por", "pt", "pt_PT"}, {"nld", "nl", "nl"},    {"pol", "pl", "pl_PL"},
    {"rus", "ru", "ru_RU"}, {"tur", "tr", "tr_TR"}, {"ara", "ar", "ar"},    {"swe", "sv", ""},
};

const Lang* FindLang(std::string_view iso3) {
  for (const Lang& l : kLangs)
    if (iso3 == l.iso3) return &l;
  return nullptr;
}

bool ReadGzip(const std::string& path, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out->append(buf, n);
  gzclose(f);
  return true;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

uint64_t Base64(std::string_view s) {
  uint64_t v = 0;
  for (char c : s) {
    int d = c >= 'A' && c <= 'Z'   ? c - 'A'
            : c >= 'a' && c <= 'z' ? c - 'a' + 26
            : c >= '0' && c <= '9' ? c - '0' + 52
            : c == '+'             ? 62
                                   : 63;
    v = v * 64 + d;
  }
  return v;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Removes bracketed parts: [..] <..> (..) {..} and /pronunciation/.
std::string StripBrackets(std::string_view s) {
  std::string out;
  char close = 0;
  int depth = 0;
  for (char c : s) {
    if (depth == 0 && (c == '[' || c == '<' || c == '(' || c == '{')) {
      close = c == '[' ? ']' : c == '<' ? '>' : c == '(' ? ')' : '}';
      depth = 1;
      continue;
    }
    if (depth) {
      if (c == close) depth = 0;
      continue;
    }
    out += c;
  }
  return out;
}

// Articles and particles that lead a translation ("to go", "the house", "der Hund").
const char* const kLeading[] = {"to ",   "a ",  "an ",  "the ", "le ",  "la ",  "les ",
                                "l'",    "un ", "une ", "der ", "die ", "das ", "ein ",
                                "eine ", "el ", "los ", "las ", "il ",  "lo ",  "gli ",
                                "o ",    "os ", "as ",  "de ",  "het ", "een ", "sich "};

std::string StripLeading(std::string s) {
  bool again = true;
  while (again) {
    again = false;
    for (const char* p : kLeading) {
      if (s.starts_with(p) && s.size() > std::strlen(p)) {
        s.erase(0, std::strlen(p));
        again = true;
      }
    }
  }
  return s;
}

// A single word: letters (any script), apostrophes and inner hyphens only.
bool IsSingleWord(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (unsigned char c : s) {
    if (c == ' ' || c == '.' || c == '"' || c == '!' || c == '?' || c == ':' || c == '/' ||
        (c >= '0' && c <= '9'))
      return false;
  }
  return true;
}

struct Key {
  std::string lang;
  uint8_t kind;
  std::string key;
  bool operator<(const Key& o) const {
    return std::tie(lang, kind, key) < std::tie(o.lang, o.kind, o.key);
  }
};
struct Value {
  std::map<std::string, float> targets;
  uint8_t flags = 0;
};

class Builder {
 public:
  Value& At(std::string_view lang, uint8_t kind, std::string key) {
    return map_[Key{std::string(lang), kind, std::move(key)}];
  }

  // Lower-case form (accents kept) and folded form of a word.
  void Forms(std::string_view word, std::string* lower, std::string* folded) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    lower->clear();
    folded->clear();
    folder_.Fold(u.getBuffer(), u.length(), lower, folded);
  }

  Stemmer& StemmerFor(std::string_view lang) {
    auto it = stemmers_.find(std::string(lang));
    if (it == stemmers_.end())
      it = stemmers_.emplace(std::string(lang), std::make_unique<Stemmer>(lang)).first;
    return *it->second;
  }

  std::string EnglishPivot(std::string_view word) {
    std::string lower, folded;
    Forms(word, &lower, &folded);
    return std::string(StemmerFor("en").Stem(folded));
  }

  // Adds word (language `lang`) -> English pivot, under its folded form and its stem.
  void AddTranslation(std::string_view lang, std::string_view word, std::string_view pivot,
                      float weight) {
    if (pivot.size() < 2) return;
    std::string lower, folded;
    Forms(word, &lower, &folded);
    if (folded.empty()) return;
    auto add = [&](Value& v) {
      float& w = v.targets[std::string(pivot)];
      w = std::max(w, weight);
    };
    add(At(lang, kKeyFolded, folded));
    std::string stem(StemmerFor(lang).Stem(lower));
    if (!stem.empty()) add(At(lang, kKeyStem, stem));
  }

  void AddFlag(std::string_view lang, std::string_view word, uint8_t flag) {
    std::string lower, folded;
    Forms(word, &lower, &folded);
    if (folded.empty()) return;
    At(lang, kKeyFolded, folded).flags |= flag;
    if (flag == kFlagCommon) {
      std::string stem(StemmerFor(lang).Stem(lower));
      if (!stem.empty()) At(lang, kKeyStem, stem).flags |= flag;
    }
  }

  bool Write(const std::string& path);
  std::size_t size() const { return map_.size(); }

 private:
  std::map<Key, Value> map_;
  Folder folder_;
  std::unordered_map<std::string, std::unique_ptr<Stemmer>> stemmers_;
};

// The translations in one dictd entry: lines after the headword line, numbered senses
// ("1. house"), comma/semicolon-separated, with notes, examples and cross-references skipped.
// Calls fn(translation, sense_rank, position_in_sense).
template <class Fn>
void ForEachTranslation(std::string_view entry, Fn fn) {
  std::size_t pos = entry.find('\n');
  if (pos == std::string_view::npos) return;
  int sense = 0;
  while (pos < entry.size()) {
    std::size_t end = entry.find('\n', pos + 1);
    if (end == std::string_view::npos) end = entry.size();
    std::string_view line = Trim(entry.substr(pos + 1, end - pos - 1));
    pos = end;
    if (line.empty() || line.find('"') != std::string_view::npos) continue;
    if (line.starts_with("see:") || line.starts_with("Synonym") || line.starts_with("Note:") ||
        line.starts_with("Example") || line.starts_with("Antonym") || line.starts_with("Usage") ||
        line.starts_with("Pl.") || line.starts_with("Plural"))
      continue;
    std::size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    int rank = sense;
    if (digits > 0 && digits + 1 < line.size() && line[digits] == '.') {
      rank = std::max(0, std::atoi(std::string(line.substr(0, digits)).c_str()) - 1);
      line = Trim(line.substr(digits + 1));
    }
    // A domain or register label ("[mus.] volta bracket") marks a specialised sense.
    const bool specialised = line.starts_with("[");
    std::string clean = StripBrackets(line);
    int position = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= clean.size(); ++i) {
      if (i == clean.size() || clean[i] == ',' || clean[i] == ';') {
        std::string piece(Trim(std::string_view(clean).substr(start, i - start)));
        start = i + 1;
        if (!piece.empty()) fn(piece, rank + (specialised ? 2 : 0), position++);
      }
    }
    ++sense;
  }
}

void ReadDictd(Builder* b, const fs::path& index_path) {
  std::string name = index_path.stem().string();  // freedict-fra-eng
  if (!name.starts_with("freedict-") || name.size() != 16) return;
  const Lang* from = FindLang(name.substr(9, 3));
  const Lang* to = FindLang(name.substr(13, 3));
  if (!from || !to) return;
  const bool forward = std::string_view(to->iso1) == "en" && std::string_view(from->iso1) != "en";
  const bool reverse = std::string_view(from->iso1) == "en" && std::string_view(to->iso1) != "en";
  if (!forward && !reverse) return;
  std::string index, dict;
  fs::path dict_path = index_path;
  dict_path.replace_extension(".dict.dz");
  if (!ReadFile(index_path.string(), &index) || !ReadGzip(dict_path.string(), &dict)) {
    std::fprintf(stderr, "xling_lexicon_compiler: cannot read %s\n", index_path.c_str());
    return;
  }
  std::size_t entries = 0;
  std::size_t pos = 0;
  while (pos < index.size()) {
    std::size_t end = index.find('\n', pos);
    if (end == std::string::npos) end = index.size();
    std::string_view line(index.data() + pos, end - pos);
    pos = end + 1;
    std::size_t t1 = line.find('\t'), t2 = line.rfind('\t');
    if (t1 == std::string_view::npos || t2 == t1) continue;
    std::string head = StripLeading(std::string(line.substr(0, t1)));
    if (head.starts_with("00database") || head.starts_with("00-database")) continue;
    // Combining forms ("Haus…", "Haus-") are not words.
    if (head.find("\xE2\x80\xA6") != std::string::npos || head.ends_with("-")) continue;
    uint64_t off = Base64(line.substr(t1 + 1, t2 - t1 - 1));
    uint64_t len = Base64(line.substr(t2 + 1));
    if (off + len > dict.size()) continue;
    std::string_view entry(dict.data() + off, len);
    ++entries;
    ForEachTranslation(entry, [&](std::string piece, int sense, int position) {
      piece = StripLeading(std::move(piece));
      if (!IsSingleWord(piece)) return;
      float weight = 1.0f / (1.0f + 0.5f * sense) / (1.0f + 0.25f * position);
      if (forward) {
        if (!IsSingleWord(head)) return;
        b->AddTranslation(from->iso1, head, b->EnglishPivot(piece), weight);
      } else {
        if (!IsSingleWord(head)) return;
        b->AddTranslation(to->iso1, piece, b->EnglishPivot(head), 0.8f * weight);
      }
    });
  }
  std::fprintf(stderr, "xling_lexicon_compiler: %s: %zu entries\n", name.c_str(), entries);
}

void ReadHunspell(Builder* b, const fs::path& dir, const Lang& lang) {
  if (!*lang.hunspell) return;
  std::string dic, aff;
  if (!ReadFile((dir / (std::string(lang.hunspell) + ".dic")).string(), &dic)) return;
  ReadFile((dir / (std::string(lang.hunspell) + ".aff")).string(), &aff);
  std::string encoding = "UTF-8";
  aff.insert(0, "\n");  // the SET line may be the first
  if (std::size_t s = aff.find("\nSET "); s != std::string::npos) {
    std::size_t e = aff.find_first_of("\r\n", s + 5);
    encoding = std::string(Trim(std::string_view(aff).substr(s + 5, e - s - 5)));
  }
  // hunspell writes "ISO8859-2"; ICU knows "ISO-8859-2".
  if (encoding.starts_with("ISO8859")) encoding.insert(3, "-");
  if (encoding != "UTF-8") {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString u(dic.data(), static_cast<int32_t>(dic.size()), encoding.c_str());
    dic.clear();
    u.toUTF8String(dic);
    if (U_FAILURE(status)) return;
  }
  const bool nouns_capitalised = std::string_view(lang.iso1) == "de";
  std::size_t words = 0, pos = dic.find('\n');
  while (pos != std::string::npos && pos < dic.size()) {
    std::size_t end = dic.find('\n', pos + 1);
    if (end == std::string::npos) end = dic.size();
    std::string_view line(dic.data() + pos + 1, end - pos - 1);
    pos = end;
    if (line.empty() || line[0] == '\t' || line[0] == ' ' || line[0] == '#') continue;
    std::size_t cut = line.find_first_of("/\t ");
    std::string_view word = line.substr(0, cut);
    if (word.empty() || word.size() > 40) continue;
    unsigned char c0 = static_cast<unsigned char>(word[0]);
    if (c0 >= '0' && c0 <= '9') continue;
    std::string lower, folded;
    b->Forms(word, &lower, &folded);
    // Capitalised entry: the first character changed under lower-casing.
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    const bool capital = u.length() > 0 && u_isupper(u.char32At(0));
    b->AddFlag(lang.iso1, word, capital && !nouns_capitalised ? kFlagName : kFlagCommon);
    ++words;
  }
  std::fprintf(stderr, "xling_lexicon_compiler: hunspell %s: %zu words\n", lang.hunspell, words);
}

bool Builder::Write(const std::string& path) {
  std::vector<LexiconEntry> entries;
  std::vector<LexiconTarget> targets;
  std::string strings;
  std::unordered_map<std::string, uint32_t> interned;
  auto intern = [&](const std::string& s) {
    auto [it, fresh] = interned.emplace(s, static_cast<uint32_t>(strings.size()));
    if (fresh) strings += s;
    return it->second;
  };
  std::vector<uint64_t> hashes;
  for (auto& [k, v] : map_) {
    LexiconEntry e{};
    e.key_offset = intern(k.key);
    e.key_length = static_cast<uint16_t>(k.key.size());
    e.lang[0] = k.lang[0];
    e.lang[1] = k.lang[1];
    e.kind = k.kind;
    e.flags = v.flags | (v.targets.empty() ? 0 : kFlagCommon);
    std::vector<std::pair<float, std::string>> t;
    for (auto& [s, w] : v.targets) t.emplace_back(-w, s);
    std::sort(t.begin(), t.end());
    if (t.size() > 4) t.resize(4);
    e.first_target = static_cast<uint32_t>(targets.size());
    e.target_count = static_cast<uint16_t>(t.size());
    for (auto& [w, s] : t) {
      targets.push_back(LexiconTarget{intern(s), static_cast<uint16_t>(s.size()),
                                      static_cast<uint16_t>(std::min(1.0f, -w) * 65535)});
    }
    entries.push_back(e);
    hashes.push_back(LexiconHash(k.lang, k.kind, k.key));
  }
  uint32_t table_size = 1024;
  while (table_size < entries.size() * 2) table_size *= 2;
  std::vector<uint32_t> table(table_size, 0);
  for (uint32_t i = 0; i < entries.size(); ++i) {
    uint32_t slot = hashes[i] & (table_size - 1);
    while (table[slot]) slot = (slot + 1) & (table_size - 1);
    table[slot] = i + 1;
  }
  LexiconHeader h{};
  std::memcpy(h.magic, kLexiconMagic, 8);
  h.entry_count = static_cast<uint32_t>(entries.size());
  h.target_count = static_cast<uint32_t>(targets.size());
  h.table_size = table_size;
  h.entries_offset = sizeof h;
  h.targets_offset = h.entries_offset + entries.size() * sizeof(LexiconEntry);
  h.table_offset = h.targets_offset + targets.size() * sizeof(LexiconTarget);
  h.strings_offset = h.table_offset + table.size() * sizeof(uint32_t);
  h.strings_size = strings.size();
  std::string tmp = path + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(&h), sizeof h);
  out.write(reinterpret_cast<const char*>(entries.data()), entries.size() * sizeof(LexiconEntry));
  out.write(reinterpret_cast<const char*>(targets.data()), targets.size() * sizeof(LexiconTarget));
  out.write(reinterpret_cast<const char*>(table.data()), table.size() * sizeof(uint32_t));
  out.write(strings.data(), strings.size());
  out.close();
  if (!out) return false;
  std::error_code ec;
  fs::rename(tmp, path, ec);
  return !ec;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out, dictd = "/usr/share/dictd", hunspell = "/usr/share/hunspell";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view a = argv[i];
    if (a == "--out") out = argv[i + 1];
    if (a == "--dictd") dictd = argv[i + 1];
    if (a == "--hunspell") hunspell = argv[i + 1];
  }
  if (out.empty()) {
    std::fprintf(stderr,
                 "usage: xling_lexicon_compiler --out FILE [--dictd DIR] [--hunspell DIR]\n");
    return 2;
  }
  Builder b;
  std::vector<fs::path> indexes;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dictd, ec))
    if (e.path().extension() == ".index") indexes.push_back(e.path());
  std::sort(indexes.begin(), indexes.end());
  for (const fs::path& p : indexes) ReadDictd(&b, p);
  for (const Lang& l : kLangs) ReadHunspell(&b, hunspell, l);
  if (!b.Write(out)) {
    std::fprintf(stderr, "xling_lexicon_compiler: cannot write %s\n", out.c_str());
    return 1;
  }
  std::fprintf(stderr, "xling_lexicon_compiler: %zu keys -> %s\n", b.size(), out.c_str());
  return 0;
}
