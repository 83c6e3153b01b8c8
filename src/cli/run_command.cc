#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/diagnostics.h"
#include "cli/json_text.h"
#include "cli/progress.h"
#include "newsweave/pipeline.h"

namespace newsweave::cli {
namespace {

struct Row {
  std::string id, lang, title;
  double confidence = 0;
  bool declared = false;
  size_t kept = 0, removed = 0;
};

std::string Bytes(uint64_t n) {
  char buf[32];
  if (n < 10000) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(n));
  } else if (n < 10000000) {
    std::snprintf(buf, sizeof buf, "%.1f KB", n / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", n / 1e6);
  }
  return buf;
}

// Cuts UTF-8 text to at most `max` bytes on a character boundary, adding "…" when cut.
std::string Shorten(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

}  // namespace

int RunMain(const CommonFlags& flags, const std::string& db) {
  if (!db.empty()) {
    std::fprintf(stderr, "newsweave run: --db is not built yet (the store comes with issue 6)\n");
    return 2;
  }
  std::ios::sync_with_stdio(false);
  DiagnosticPrinter diagnostics(flags.quiet);
  ProgressBar bar("reading");
  // Memory stays flat however large the input: JSON is written as articles arrive, and the
  // digest keeps counters and its first kMaxRows rows.
  constexpr size_t kMaxRows = 200;
  std::vector<Row> rows;
  std::map<std::string, int> languages;
  std::map<std::string, int> reasons;
  uint64_t raw_total = 0;
  bool first_json = true;
  if (flags.json) std::cout << "{\"articles\":[";
  PipelineOptions options;
  options.analyze_text = false;
  auto stats = RunPipeline(
      flags.paths, options, diagnostics.Sink(),
      [&](const ProcessedArticle& p) {
        for (const RemovedSpan& s : p.clean.removed) reasons[s.reason]++;
        languages[p.analysis.language.code]++;
        raw_total += p.article.text.size();
        if (flags.json) {
          std::string a = first_json ? "{\"id\":" : ",{\"id\":";
          AppendJsonString(p.article.id, &a);
          a.append(",\"lang\":");
          AppendJsonString(p.analysis.language.code, &a);
          a.append(",\"title\":");
          AppendJsonString(p.article.title, &a);
          a.append(",\"event\":null,\"story\":null,\"duplicate_of\":null,\"relation\":null}");
          std::cout << a;
          first_json = false;
          return;
        }
        if (rows.size() >= kMaxRows) return;
        Row r;
        r.id = p.article.id;
        r.lang = p.analysis.language.code;
        r.confidence = p.analysis.language.confidence;
        r.declared = p.analysis.language.from_declared;
        r.title = p.article.title;
        r.kept = p.clean.text.size();
        r.removed = p.clean.removed.size();
        rows.push_back(std::move(r));
      },
      [&](uint64_t done, uint64_t total) { bar.Update(done, total); });
  bar.Finish();
  if (flags.json) std::cout << "],\"events\":[],\"stories\":[]}\n" << std::flush;
  if (!stats) {
    std::fprintf(stderr, "newsweave run: %s\n", stats.error().message.c_str());
    return 1;
  }
  if (flags.json) return 0;

  const PipelineStats& s = *stats;
  std::printf("newsweave run: %llu articles from %llu files (%s) in %.2f s\n\n",
              static_cast<unsigned long long>(s.read.articles),
              static_cast<unsigned long long>(s.read.files), Bytes(s.read.bytes).c_str(),
              s.seconds);
  std::printf("Languages  ");
  for (const auto& [lang, n] : languages) std::printf(" %s %d", lang.c_str(), n);
  std::printf("\nCleaning    removed %llu spans, %.1f%% of the raw text:",
              static_cast<unsigned long long>(s.removed_spans),
              raw_total ? 100.0 * s.removed_bytes / raw_total : 0.0);
  const char* sep = " ";
  for (const auto& [reason, n] : reasons) {
    std::printf("%s%s %d", sep, reason.c_str(), n);
    sep = ", ";
  }
  std::printf("\nProblems    %llu errors, %llu warnings%s\n\n",
              static_cast<unsigned long long>(diagnostics.errors()),
              static_cast<unsigned long long>(diagnostics.warnings()),
              diagnostics.errors() + diagnostics.warnings() ? " (printed above)" : "");
  std::printf("%-34s %-4s %5s %9s %8s  %s\n", "ARTICLE", "LANG", "CONF", "KEPT", "REMOVED",
              "TITLE");
  for (const Row& r : rows) {
    char conf[16];
    if (r.declared) {
      std::snprintf(conf, sizeof conf, "decl");
    } else {
      std::snprintf(conf, sizeof conf, "%.2f", r.confidence);
    }
    std::printf("%-34s %-4s %5s %9s %8zu  %s\n", Shorten(r.id, 34).c_str(), r.lang.c_str(), conf,
                Bytes(r.kept).c_str(), r.removed, Shorten(r.title, 60).c_str());
  }
  if (s.read.articles > rows.size()) {
    std::printf("... and %llu more\n",
                static_cast<unsigned long long>(s.read.articles - rows.size()));
  }

  std::printf(
      "\nDuplicates, events and stories are not built yet: this run reads, cleans and "
      "identifies languages.\n");
  return 0;
}

}  // namespace newsweave::cli
