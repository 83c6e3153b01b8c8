#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/diagnostics.h"
#include "cli/json_text.h"
#include "cli/progress.h"
#include "newsweave/pipeline.h"

namespace newsweave::cli {
namespace {

// One line per article, written span by span (an article can have millions of spans).
void PrintJson(const ProcessedArticle& p) {
  thread_local std::string line;
  line.clear();
  line.append("{\"id\":");
  AppendJsonString(p.article.id, &line);
  line.append(",\"lang\":");
  AppendJsonString(p.analysis.language.code, &line);
  line.append(",\"text\":");
  AppendJsonString(p.clean.text, &line);
  line.append(",\"removed\":[");
  for (size_t k = 0; k < p.clean.removed.size(); ++k) {
    const RemovedSpan& r = p.clean.removed[k];
    if (k) line.push_back(',');
    line.append("{\"start\":").append(std::to_string(r.start));
    line.append(",\"end\":").append(std::to_string(r.end));
    line.append(",\"reason\":");
    AppendJsonString(r.reason, &line);
    line.append(",\"text\":");
    AppendJsonString(std::string_view(p.article.text).substr(r.start, r.end - r.start), &line);
    line.push_back('}');
    if (line.size() > (1u << 20)) {
      std::cout << line;
      line.clear();
    }
  }
  line.append("]}\n");
  std::cout << line;
  if (line.capacity() > (4u << 20)) std::string().swap(line);
}

void PrintText(const ProcessedArticle& p) {
  const LanguageGuess& g = p.analysis.language;
  std::cout << "=== " << p.article.id << "  [" << g.code;
  std::cout << (g.from_declared ? ", declared" : "") << "]  " << p.article.file;
  if (p.article.line) std::cout << ':' << p.article.line;
  std::cout << '\n' << p.clean.text << '\n';
  if (!p.clean.removed.empty()) {
    std::cout << "--- removed " << p.clean.removed.size() << " span"
              << (p.clean.removed.size() == 1 ? "" : "s") << ":\n";
    for (const RemovedSpan& r : p.clean.removed) {
      std::cout << "  " << r.start << '-' << r.end << ' ' << r.reason << ": "
                << p.article.text.substr(r.start, r.end - r.start) << '\n';
    }
  }
  std::cout << '\n';
}

}  // namespace

int RunClean(const CommonFlags& flags) {
  std::ios::sync_with_stdio(false);
  DiagnosticPrinter diagnostics(flags.quiet);
  ProgressBar bar("cleaning");
  PipelineOptions options;
  options.analyze_text = false;
  auto stats = RunPipeline(
      flags.paths, options, diagnostics.Sink(),
      [&](const ProcessedArticle& p) { flags.json ? PrintJson(p) : PrintText(p); },
      [&](uint64_t done, uint64_t total) { bar.Update(done, total); });
  bar.Finish();
  std::cout.flush();
  if (!stats) {
    std::fprintf(stderr, "newsweave clean: %s\n", stats.error().message.c_str());
    return 1;
  }
  return stats->read.articles == 0 && diagnostics.errors() > 0 ? 1 : 0;
}

}  // namespace newsweave::cli
