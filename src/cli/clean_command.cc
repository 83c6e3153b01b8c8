#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/diagnostics.h"
#include "cli/progress.h"
#include "newsweave/pipeline.h"

namespace newsweave::cli {
namespace {

void PrintJson(const ProcessedArticle& p) {
  nlohmann::ordered_json removed = nlohmann::ordered_json::array();
  for (const RemovedSpan& r : p.clean.removed) {
    removed.push_back({{"start", r.start},
                       {"end", r.end},
                       {"reason", r.reason},
                       {"text", p.article.text.substr(r.start, r.end - r.start)}});
  }
  nlohmann::ordered_json line = {{"id", p.article.id},
                                 {"lang", p.analysis.language.code},
                                 {"text", p.clean.text},
                                 {"removed", std::move(removed)}};
  std::cout << line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
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
