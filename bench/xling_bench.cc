// xling_bench: the cost of the cross-lingual layer against the analyze stage it follows.
//
//   xling_bench --csv train.csv [--passes N]
//
// Reads every article of the SemEval-2022 Task 8 CSV, cleans it once, then for each pass
// times, per article, the analyze stage (IdentifyLanguage + Analyzer::Segment, as
// src/pipeline runs it) and XlingAnalyzer::Represent, in CPU time of this thread (so that
// other processes on the machine do not count). Pass 1 runs with cold caches (pivot cache
// empty, lexicon pages not yet read); later passes show the steady state of a long run.
#include <time.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <unordered_set>
#include <vector>

#include "bench/corpus_text.h"
#include "newsweave/analysis.h"
#include "newsweave/cleaner.h"
#include "newsweave/xling.h"

namespace {

double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace newsweave;
  CLI::App app{"Cost of the cross-lingual layer per article"};
  std::string csv_path;
  int passes = 3;
  app.add_option("--csv", csv_path, "the SemEval-2022 Task 8 CSV")->required();
  app.add_option("--passes", passes, "passes over the articles (the first with cold caches)");
  CLI11_PARSE(app, argc, argv);
  std::string data;
  if (!bench::ReadFile(csv_path, &data)) {
    std::fprintf(stderr, "xling_bench: cannot read %s\n", csv_path.c_str());
    return 1;
  }
  bench::CsvReader csv(data);
  std::vector<std::string> row;
  csv.NextRow(&row);
  std::unordered_set<std::string> seen;
  std::vector<std::pair<std::string, std::string>> texts;  // declared language, clean text
  Cleaner cleaner;
  while (csv.NextRow(&row)) {
    if (row.size() < 6) continue;
    std::size_t us = row[1].find('_');
    std::string ids[2] = {row[1].substr(0, us), row[1].substr(us + 1)};
    for (int k = 0; k < 2; ++k) {
      if (!seen.insert(ids[k]).second) continue;
      Article a;
      a.text = row[4 + k];
      a.lang = row[2 + k];
      texts.emplace_back(a.lang, cleaner.Clean(a).text);
    }
  }
  auto lexicon = Lexicon::Open();
  if (!lexicon) {
    std::fprintf(stderr, "xling_bench: %s\n", lexicon.error().message.c_str());
    return 1;
  }
  Analyzer analyzer;
  XlingAnalyzer xling(lexicon->get());
  Analysis analysis;
  NeutralRepresentation rep;
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.second.size();
  std::printf("articles: %zu, %.0f bytes each on average\n", texts.size(),
              double(bytes) / texts.size());
  for (int p = 1; p <= passes; ++p) {
    double analyze = 0, represent = 0;
    for (const auto& [lang, text] : texts) {
      double t0 = ThreadSeconds();
      LanguageGuess g = IdentifyLanguage(text, lang);
      analyzer.Segment(text, g.code, &analysis);
      analysis.language = g;
      double t1 = ThreadSeconds();
      xling.Represent(text, analysis, "", &rep);
      double t2 = ThreadSeconds();
      analyze += t1 - t0;
      represent += t2 - t1;
    }
    const double n = static_cast<double>(texts.size());
    std::printf("pass %d%s: analyze %.1f us/article, xling %.1f us/article = %.0f%% of analyze\n",
                p, p == 1 ? " (cold)" : " (warm)", 1e6 * analyze / n, 1e6 * represent / n,
                100 * represent / analyze);
  }
  return 0;
}
