#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "newsweave/xling.h"
#include "text/stemmer.h"
#include "text/unicode.h"
#include "xling/lexicon_format.h"

namespace newsweave {

using xling::LexiconEntry;
using xling::LexiconHash;
using xling::LexiconHeader;
using xling::LexiconTarget;

struct Lexicon::Impl {
  std::string path;
  const char* base = nullptr;
  std::size_t size = 0;
  const LexiconHeader* header = nullptr;
  const LexiconEntry* entries = nullptr;
  const LexiconTarget* targets = nullptr;
  const std::uint32_t* table = nullptr;
  const char* strings = nullptr;
  // User entries: "lang\x1ffolded" -> translations (strings owned here).
  std::unordered_map<std::string, std::vector<std::pair<std::string, float>>> user;

  // Tells this lexicon's entries apart in the threads' caches (an address could be reused).
  const std::uint64_t serial = NextSerial();
  static std::uint64_t NextSerial() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
  }

  ~Impl() {
    if (base) munmap(const_cast<char*>(base), size);
  }

  // Find()'s recent answers on this thread, by hash: the table is tens of megabytes, so a
  // lookup there costs a few cache misses, and the same words are looked up again and again.
  // The key is kept and compared: LexiconHash of short keys collides across kinds.
  struct CachedFind {
    std::uint64_t serial = 0;  // 0: empty
    const LexiconEntry* entry = nullptr;
    char lang[2] = {};
    std::uint8_t kind = 0;
    std::uint8_t length = 0;
    char key[20] = {};
  };
  static_assert(sizeof(CachedFind) == 40);

  // The entry for (lang, kind, key), or null.
  const LexiconEntry* Find(std::string_view lang, std::uint8_t kind, std::string_view key) const {
    if (!header || lang.size() != 2 || key.empty()) return nullptr;
    const std::uint64_t hash = LexiconHash(lang, kind, key);
    if (key.size() > sizeof(CachedFind::key)) return FindInTable(lang, kind, key, hash);
    thread_local std::array<CachedFind, 4096> cache;
    CachedFind& c = cache[hash & (cache.size() - 1)];
    if (c.serial == serial && c.kind == kind && c.length == key.size() && c.lang[0] == lang[0] &&
        c.lang[1] == lang[1] && std::memcmp(c.key, key.data(), key.size()) == 0) {
      return c.entry;
    }
    c.serial = serial;
    c.entry = FindInTable(lang, kind, key, hash);
    c.lang[0] = lang[0];
    c.lang[1] = lang[1];
    c.kind = kind;
    c.length = static_cast<std::uint8_t>(key.size());
    std::memcpy(c.key, key.data(), key.size());
    return c.entry;
  }

  // Find() in the file's table. A corrupt file (found by fuzzing) cannot make it read outside
  // the mapping or probe forever: every index and string is checked against the header's
  // counts before it is used, and a bad one reads as "not found".
  const LexiconEntry* FindInTable(std::string_view lang, std::uint8_t kind, std::string_view key,
                                  std::uint64_t hash) const {
    const std::uint32_t mask = header->table_size - 1;
    std::uint32_t slot = hash & mask;
    for (std::uint64_t probes = 0; probes <= mask; ++probes) {
      std::uint32_t v = table[slot];
      if (v == 0 || v > header->entry_count) return nullptr;
      const LexiconEntry& e = entries[v - 1];
      if (e.kind == kind && e.key_length == key.size() && e.lang[0] == lang[0] &&
          e.lang[1] == lang[1] && InStrings(e.key_offset, e.key_length) &&
          std::memcmp(strings + e.key_offset, key.data(), key.size()) == 0) {
        const bool targets_ok = e.first_target <= header->target_count &&
                                e.target_count <= header->target_count - e.first_target;
        return targets_ok ? &e : nullptr;
      }
      slot = (slot + 1) & mask;
    }
    return nullptr;
  }

  // True when [offset, offset + length) lies inside the string pool.
  bool InStrings(std::uint64_t offset, std::uint64_t length) const {
    return offset <= header->strings_size && length <= header->strings_size - offset;
  }
};

namespace {

std::string FindLexiconPath() {
  std::vector<std::string> candidates;
  if (const char* p = std::getenv("NEWSWEAVE_LEXICON"); p && *p) candidates.push_back(p);
  if (const char* d = std::getenv("NEWSWEAVE_DATA"); d && *d)
    candidates.push_back(std::string(d) + "/xling.lex");
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back((exe.parent_path() / "xling.lex").string());
    candidates.push_back((exe.parent_path() / "data" / "xling.lex").string());
    candidates.push_back((exe.parent_path().parent_path() / "data" / "xling.lex").string());
  }
#ifdef NEWSWEAVE_XLING_LEXICON_DEFAULT
  candidates.push_back(NEWSWEAVE_XLING_LEXICON_DEFAULT);
#endif
  for (const std::string& c : candidates)
    if (std::filesystem::is_regular_file(c, ec)) return c;
  return {};
}

// True when `count` items of `width` bytes from `offset` lie inside `size` bytes (no overflow).
bool Fits(std::uint64_t offset, std::uint64_t count, std::uint64_t width, std::uint64_t size) {
  return offset <= size && count <= (size - offset) / width;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Lexicon::Lexicon() : impl_(std::make_unique<Impl>()) {}
Lexicon::~Lexicon() = default;

Result<std::unique_ptr<Lexicon>> Lexicon::Open(const LexiconOptions& options) {
  std::string path = options.path.empty() ? FindLexiconPath() : options.path;
  if (path.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     "xling lexicon not found (build target xling_lexicon, or set "
                     "NEWSWEAVE_LEXICON / NEWSWEAVE_DATA)");
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return MakeError(ErrorCode::kIOError, path + ": cannot open");
  struct stat st;
  if (fstat(fd, &st) != 0 || static_cast<std::size_t>(st.st_size) < sizeof(LexiconHeader)) {
    ::close(fd);
    return MakeError(ErrorCode::kCorruption, path + ": too short for a lexicon");
  }
  void* m = mmap(nullptr, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return MakeError(ErrorCode::kIOError, path + ": cannot map");
  std::unique_ptr<Lexicon> lex(new Lexicon());
  Impl& im = *lex->impl_;
  im.path = path;
  im.base = static_cast<const char*>(m);
  im.size = st.st_size;
  const auto* h = reinterpret_cast<const LexiconHeader*>(im.base);
  if (std::memcmp(h->magic, xling::kLexiconMagic, 8) != 0 ||
      (h->table_size & (h->table_size - 1)) != 0 || h->table_size == 0 ||
      !Fits(h->entries_offset, h->entry_count, sizeof(LexiconEntry), im.size) ||
      !Fits(h->strings_offset, h->strings_size, 1, im.size) ||
      !Fits(h->table_offset, h->table_size, sizeof(std::uint32_t), im.size) ||
      !Fits(h->targets_offset, h->target_count, sizeof(LexiconTarget), im.size) ||
      h->entries_offset % alignof(LexiconEntry) != 0 ||
      h->targets_offset % alignof(LexiconTarget) != 0 ||
      h->table_offset % alignof(std::uint32_t) != 0) {
    return MakeError(ErrorCode::kCorruption, path + ": not a newsweave lexicon (NWXLEX01)");
  }
  im.header = h;
  im.entries = reinterpret_cast<const LexiconEntry*>(im.base + h->entries_offset);
  im.targets = reinterpret_cast<const LexiconTarget*>(im.base + h->targets_offset);
  im.table = reinterpret_cast<const std::uint32_t*>(im.base + h->table_offset);
  im.strings = im.base + h->strings_offset;
  madvise(const_cast<char*>(im.base), im.size, MADV_RANDOM);
  return lex;
}

const Lexicon* Lexicon::Default() {
  static const Lexicon* lexicon = [] {
    auto r = Open();
    return r ? r->release() : nullptr;
  }();
  return lexicon;
}

std::vector<PivotTranslation> Lexicon::Translate(std::string_view lang, std::string_view folded,
                                                 std::string_view stem) const {
  std::vector<PivotTranslation> out;
  if (!impl_->user.empty()) {
    std::string key = std::string(lang) + '\x1f' + std::string(folded);
    if (auto it = impl_->user.find(key); it != impl_->user.end()) {
      for (const auto& [s, w] : it->second) out.push_back({s, w});
      return out;
    }
  }
  const LexiconEntry* e = impl_->Find(lang, xling::kKeyFolded, folded);
  if (!e || e->target_count == 0) e = impl_->Find(lang, xling::kKeyStem, stem);
  if (!e) return out;
  for (std::uint32_t i = 0; i < e->target_count; ++i) {
    const LexiconTarget& t = impl_->targets[e->first_target + i];
    if (!impl_->InStrings(t.offset, t.length)) continue;  // corrupt file
    out.push_back({std::string_view(impl_->strings + t.offset, t.length), t.weight / 65535.0f});
  }
  return out;
}

bool Lexicon::IsCommonWord(std::string_view lang, std::string_view folded,
                           std::string_view stem) const {
  const LexiconEntry* e = impl_->Find(lang, xling::kKeyFolded, folded);
  if (e && (e->flags & xling::kFlagCommon)) return true;
  if (!stem.empty()) {
    e = impl_->Find(lang, xling::kKeyStem, stem);
    if (e && (e->flags & xling::kFlagCommon)) return true;
  }
  return false;
}

bool Lexicon::IsKnownName(std::string_view lang, std::string_view folded) const {
  const LexiconEntry* e = impl_->Find(lang, xling::kKeyFolded, folded);
  return e && (e->flags & xling::kFlagName) && !(e->flags & xling::kFlagCommon);
}

Result<int> Lexicon::AddUserEntries(std::string_view lang, std::string_view text) {
  text::Folder folder;
  text::Stemmer english("en");
  int count = 0, line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = TrimView(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') {
      if (end == text.size()) break;
      continue;
    }
    std::string_view source, target;
    if (std::size_t at = line.find(" @ "); at != std::string_view::npos) {
      target = TrimView(line.substr(0, at));  // MUSE: target @ source
      source = TrimView(line.substr(at + 3));
    } else if (std::size_t tab = line.find('\t'); tab != std::string_view::npos) {
      source = TrimView(line.substr(0, tab));
      target = TrimView(line.substr(tab + 1));
    }
    if (source.empty() || target.empty()) {
      return MakeError(ErrorCode::kCorruption,
                       "user lexicon line " + std::to_string(line_no) +
                           ": expected 'source<TAB>target' or 'target @ source'");
    }
    std::string key = std::string(lang) + '\x1f' + folder.FoldUtf8(source);
    std::string pivot(english.Stem(folder.FoldUtf8(target)));
    auto& v = impl_->user[key];
    v.emplace_back(std::move(pivot), v.empty() ? 1.0f : 0.7f);
    ++count;
    if (end == text.size()) break;
  }
  return count;
}

Result<int> Lexicon::AddUserLexicon(std::string_view lang, const std::string& path) {
  std::string inferred;
  if (lang.empty()) {
    // "fr-en.txt", "de_en.tsv", "es.tsv": the source language leads the file name.
    std::string name = std::filesystem::path(path).filename().string();
    if (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) &&
        std::isalpha(static_cast<unsigned char>(name[1])) &&
        (name.size() == 2 || name[2] == '-' || name[2] == '_' || name[2] == '.')) {
      inferred = {static_cast<char>(std::tolower(name[0])),
                  static_cast<char>(std::tolower(name[1]))};
    }
    if (inferred.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       path + ": no language given and none in the file name (fr-en.txt)");
    }
    lang = inferred;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = AddUserEntries(lang, ss.str());
  if (!r) return MakeError(r.error().code, path + ": " + r.error().message);
  return r;
}

std::size_t Lexicon::size() const { return impl_->header ? impl_->header->entry_count : 0; }
const std::string& Lexicon::path() const { return impl_->path; }

}  // namespace newsweave
