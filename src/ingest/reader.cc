// ArticleReader: expands paths, picks a format per file and streams the articles.
#include "newsweave/reader.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <set>
#include <utility>

#include "ingest/encoding.h"
#include "ingest/html.h"
#include "ingest/input_file.h"
#include "ingest/json_article.h"
#include "ingest/json_file.h"
#include "ingest/source.h"
#include "ingest/util.h"
#include "ingest/warc.h"
#include "text/utf8.h"

namespace newsweave {

namespace {

using ingest::InputFile;

enum class Format { kText, kHtml, kJsonLines, kJson, kWarc, kSniff, kUnknown };

// One input file, found when the reader is built.
struct Entry {
  std::string path;
  Format format = Format::kUnknown;
  std::uint64_t size = 0;
  std::string error;  // non-empty: report this instead of reading
};

Format FormatOfExtension(std::string_view path) {
  bool gz = false;
  std::string ext = ingest::ExtensionOf(path, &gz);
  if (ext == "txt") return Format::kText;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::kHtml;
  if (ext == "jsonl" || ext == "ndjson") return Format::kJsonLines;
  if (ext == "json") return Format::kJson;
  if (ext == "warc") return Format::kWarc;
  return Format::kUnknown;
}

// Picks a format from the first (decompressed) bytes of a file.
Format SniffFormat(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  if (head.starts_with("WARC/")) return Format::kWarc;
  head = ingest::TrimAscii(head);
  if (head.starts_with('<')) return Format::kHtml;
  if (head.starts_with('{') || head.starts_with('[')) return Format::kJson;
  return Format::kText;
}

}  // namespace

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string s = d.file;
  if (d.line > 0) {
    s += ':';
    s += std::to_string(d.line);
  }
  s += ": ";
  s += d.message;
  return s;
}

struct ArticleReader::Impl {
  Impl(ReadOptions opts, DiagnosticSink s)
      : options(opts), sink(std::move(s)), parser(opts.max_json_depth) {
    reporter = [this](const Diagnostic& d) {
      if (d.severity == Diagnostic::Severity::kError) ++stats.skipped;
      if (sink) sink(d);
    };
  }

  void Report(Diagnostic::Severity severity, const std::string& file, std::string message) {
    reporter(Diagnostic{severity, file, 0, std::move(message)});
  }
  void Error(const std::string& file, std::string message) {
    Report(Diagnostic::Severity::kError, file, std::move(message));
  }

  void Expand(const std::string& path);
  void Walk(const std::string& root);
  // Opens the next file: either produces its single article in *out (returns true) or sets
  // `source` for a multi-article file.
  bool Open(const Entry& e, Article* out);
  bool ReadSingle(const Entry& e, Format format, InputFile* in, Article* out);

  ReadOptions options;
  DiagnosticSink sink;
  ingest::Reporter reporter;
  ingest::JsonArticleParser parser;
  std::vector<Entry> entries;
  std::size_t next = 0;
  std::unique_ptr<ingest::ArticleSource> source;
  std::uint64_t source_size = 0;
  std::uint64_t done_bytes = 0;
  std::uint64_t total = 0;
  ReadStats stats;
};

void ArticleReader::Impl::Expand(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    entries.push_back({path, Format::kUnknown, 0, std::strerror(errno)});
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    Walk(path);
    return;
  }
  Format f = FormatOfExtension(path);
  entries.push_back({path, f == Format::kUnknown ? Format::kSniff : f,
                     static_cast<std::uint64_t>(st.st_size), std::string()});
}

// Depth-first walk with each directory's entries sorted by name; hidden entries and files of
// unknown formats are skipped; directory cycles through symlinks are not followed twice.
void ArticleReader::Impl::Walk(const std::string& root) {
  struct Child {
    std::string name;
    bool dir;
  };
  struct Frame {
    std::string path;
    std::vector<Child> children;
    std::size_t next = 0;
  };
  std::set<std::pair<dev_t, ino_t>> visited;
  std::vector<Frame> stack;
  auto push = [&](const std::string& dir) {
    struct stat st;
    if (::stat(dir.c_str(), &st) != 0 || !visited.insert({st.st_dev, st.st_ino}).second) return;
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
      entries.push_back({dir, Format::kUnknown, 0,
                         std::string("cannot read directory: ") + std::strerror(errno)});
      return;
    }
    Frame frame{dir, {}, 0};
    while (const dirent* de = ::readdir(d)) {
      if (de->d_name[0] == '.') continue;  // hidden, "." and ".."
      std::string name = de->d_name;
      bool dir_hint = de->d_type == DT_DIR;
      if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
        struct stat cst;
        std::string full = dir + "/" + name;
        dir_hint = ::stat(full.c_str(), &cst) == 0 && S_ISDIR(cst.st_mode);
      }
      if (!dir_hint && FormatOfExtension(name) == Format::kUnknown) continue;
      frame.children.push_back({std::move(name), dir_hint});
    }
    ::closedir(d);
    std::sort(frame.children.begin(), frame.children.end(),
              [](const Child& a, const Child& b) { return a.name < b.name; });
    stack.push_back(std::move(frame));
  };
  push(root.size() > 1 && root.ends_with('/') ? root.substr(0, root.size() - 1) : root);
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.children.size()) {
      stack.pop_back();
      continue;
    }
    const Child& child = top.children[top.next++];
    std::string full = top.path + "/" + child.name;
    if (child.dir) {
      push(full);  // invalidates `top`
      continue;
    }
    struct stat st;
    if (::stat(full.c_str(), &st) != 0) {
      entries.push_back({full, Format::kUnknown, 0, std::strerror(errno)});
    } else if (S_ISREG(st.st_mode)) {
      entries.push_back(
          {full, FormatOfExtension(full), static_cast<std::uint64_t>(st.st_size), std::string()});
    }
  }
}

bool ArticleReader::Impl::Open(const Entry& e, Article* out) {
  if (!e.error.empty()) {
    Error(e.path, e.error);
    return false;
  }
  ++stats.files;
  Format format = e.format;
  const bool single = format == Format::kText || format == Format::kHtml;
  if (single && e.size > options.max_article_bytes) {
    Error(e.path, "file too large (" + std::to_string(e.size) + " bytes > limit " +
                      std::to_string(options.max_article_bytes) + "), skipped");
    return false;
  }
  Result<std::unique_ptr<InputFile>> in = InputFile::Open(e.path);
  if (!in) {
    Error(e.path, "cannot open: " + in.error().message);
    return false;
  }
  if (format == Format::kSniff) {
    char head[512];
    Result<std::size_t> got = (*in)->ReadFull(head, sizeof(head));
    Status rewound = got ? (*in)->Rewind() : Status(std::unexpected(got.error()));
    if (!rewound) {
      Error(e.path, rewound.error().message + ", skipped");
      return false;
    }
    format = SniffFormat(std::string_view(head, *got));
  }
  switch (format) {
    case Format::kJsonLines:
    case Format::kJson:
      source = std::make_unique<ingest::JsonFileReader>(std::move(*in),
                                                        format == Format::kJson
                                                            ? ingest::JsonFileReader::Kind::kAuto
                                                            : ingest::JsonFileReader::Kind::kLines,
                                                        options, &parser, &reporter);
      return false;
    case Format::kWarc:
      source = std::make_unique<ingest::WarcReader>(std::move(*in), options, &reporter);
      return false;
    default:
      return ReadSingle(e, format, in->get(), out);
  }
}

bool ArticleReader::Impl::ReadSingle(const Entry& e, Format format, InputFile* in, Article* out) {
  std::string bytes;
  if (Status st = ingest::ReadAll(in, options.max_article_bytes, &bytes, e.size); !st) {
    if (st.error().code == ErrorCode::kTooLarge) {
      Error(e.path, "file too large (more than limit " + std::to_string(options.max_article_bytes) +
                        " bytes), skipped");
    } else {
      Error(e.path, st.error().message + ", skipped");
    }
    return false;
  }
  if (ingest::IsBlank(bytes)) {
    Report(Diagnostic::Severity::kWarning, e.path, "empty file");
    return false;
  }
  if (!ingest::HasUtf16Or32Bom(bytes) && text::LooksBinary(bytes)) {
    Error(e.path, "binary file, skipped");
    return false;
  }
  out->id.assign(ingest::StemName(e.path));
  out->file = e.path;
  out->line = 0;
  if (format == Format::kHtml) {
    ingest::HtmlOptions html_options;
    html_options.max_depth = options.max_html_depth;
    html_options.extract.max_elements = options.max_html_elements;
    ingest::HtmlDocument doc = ingest::ExtractHtml(bytes, {}, html_options);
    if (doc.elements_cut) {
      Report(Diagnostic::Severity::kWarning, e.path, ingest::ElementsCutMessage(options));
    }
    if (ingest::IsBlank(doc.text)) {
      Error(e.path, "no text in the page, skipped");
      return false;
    }
    out->url = std::move(doc.url);
    out->source = std::move(doc.source);
    if (out->source.empty()) ingest::UrlHost(out->url, &out->source);
    out->title = std::move(doc.title);
    out->text = std::move(doc.text);
    out->published = std::move(doc.published);
    out->lang = std::move(doc.lang);
    out->author = std::move(doc.author);
    out->dropped = std::move(doc.removed);
    out->encoding = std::move(doc.encoding);
    out->replaced_bytes =
        static_cast<std::uint32_t>(std::min<std::size_t>(doc.replaced, UINT32_MAX));
    return true;
  }
  ingest::DecodedText decoded = ingest::DecodeOwnedToUtf8(std::move(bytes));
  if (ingest::IsBlank(decoded.text)) {
    Report(Diagnostic::Severity::kWarning, e.path, "empty file");
    return false;
  }
  out->text = std::move(decoded.text);
  out->dropped.clear();
  out->author.clear();
  out->title.clear();  // the pipeline takes it from the first line of the clean text
  out->url.clear();
  out->source.clear();
  out->published.clear();
  out->lang.clear();
  out->encoding = std::move(decoded.encoding);
  out->replaced_bytes =
      static_cast<std::uint32_t>(std::min<std::size_t>(decoded.replaced, UINT32_MAX));
  return true;
}

ArticleReader::ArticleReader(std::vector<std::string> paths, ReadOptions options,
                             DiagnosticSink sink)
    : impl_(std::make_unique<Impl>(options, std::move(sink))) {
  for (const std::string& p : paths) impl_->Expand(p);
  for (const Entry& e : impl_->entries) impl_->total += e.size;
}

ArticleReader::~ArticleReader() = default;

bool ArticleReader::Next(Article* out) {
  Impl& m = *impl_;
  for (;;) {
    bool got = false;
    if (m.source) {
      try {
        got = m.source->Next(out);
      } catch (const std::exception& ex) {  // e.g. std::bad_alloc: lose the file, not the batch
        m.Error(m.entries[m.next - 1].path,
                std::string("internal error: ") + ex.what() + "; rest of file skipped");
      }
      if (!got) {
        m.source.reset();
        m.done_bytes += m.source_size;
        m.stats.bytes = m.done_bytes;
        continue;
      }
      m.stats.bytes = m.done_bytes + std::min(m.source->raw_offset(), m.source_size);
    } else {
      if (m.next >= m.entries.size()) return false;
      const Entry& e = m.entries[m.next++];
      try {
        got = m.Open(e, out);
      } catch (const std::exception& ex) {
        m.source.reset();
        m.Error(e.path, std::string("internal error: ") + ex.what() + "; file skipped");
      }
      if (m.source) {
        m.source_size = e.size;
        continue;
      }
      m.done_bytes += e.size;
      m.stats.bytes = m.done_bytes;
      if (!got) continue;
    }
    if (std::size_t was = ingest::CutText(m.options.max_text_bytes, out); was > 0) {
      m.reporter(Diagnostic{Diagnostic::Severity::kWarning, out->file, out->line,
                            "text of " + std::to_string(was) + " bytes cut to " +
                                std::to_string(out->text.size()) + " (max_text_bytes " +
                                std::to_string(m.options.max_text_bytes) + ")"});
    }
    ++m.stats.articles;
    m.stats.replaced_bytes += out->replaced_bytes;
    if (out->replaced_bytes > 0) {
      m.reporter(Diagnostic{Diagnostic::Severity::kWarning, out->file, out->line,
                            std::to_string(out->replaced_bytes) +
                                " invalid byte sequences replaced by U+FFFD (" + out->encoding +
                                ")"});
    }
    return true;
  }
}

const ReadStats& ArticleReader::stats() const { return impl_->stats; }

std::uint64_t ArticleReader::total_bytes() const { return impl_->total; }

}  // namespace newsweave
