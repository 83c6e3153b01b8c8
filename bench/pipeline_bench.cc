// pipeline_bench: throughput of read -> clean -> analyze (newsweave::RunPipeline) on one
// thread, and with --stages the share of each stage measured on the same in-memory articles.
//
//   pipeline_bench [--no-analyze] [--batch N] [--stages] [--repeat K] FILE...
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "newsweave/analysis.h"
#include "newsweave/article.h"
#include "newsweave/cleaner.h"
#include "newsweave/pipeline.h"
#include "newsweave/reader.h"

namespace {

using newsweave::Analysis;
using newsweave::Analyzer;
using newsweave::Article;
using newsweave::ArticleReader;
using newsweave::Cleaner;
using newsweave::CleanText;
using newsweave::Diagnostic;
using newsweave::PipelineOptions;
using newsweave::PipelineStats;
using newsweave::ProcessedArticle;
using newsweave::SourceProfile;

struct BenchOptions {
  std::vector<std::string> paths;
  PipelineOptions pipeline;
  bool stages = false;
  int repeat = 1;
};

// Wall-clock and CPU (user + system) seconds of one measurement.
struct Timing {
  double wall = 0;
  double cpu = 0;
  // Adds the wall and CPU seconds of `o`.
  Timing& operator+=(const Timing& o) {
    wall += o.wall;
    cpu += o.cpu;
    return *this;
  }
};

// Returns the CPU time (user + system) this process has used so far, in seconds.
double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

// Returns the peak resident set size of this process so far, in MB (10^6 bytes).
double PeakRssMb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) * 1024.0 / 1e6;  // ru_maxrss is in KiB on Linux
}

// Measures wall and CPU time from construction (or Restart) to Elapsed().
class Stopwatch {
 public:
  Stopwatch() { Restart(); }

  // Starts measuring anew.
  void Restart() {
    wall0_ = std::chrono::steady_clock::now();
    cpu0_ = CpuSeconds();
  }

  // Returns the time since the start.
  Timing Elapsed() const {
    return Timing{std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0_).count(),
                  CpuSeconds() - cpu0_};
  }

 private:
  std::chrono::steady_clock::time_point wall0_;
  double cpu0_ = 0;
};

// Reads every regular file under `paths` once, so that timed runs find them in the page
// cache. Returns their total size in bytes.
std::uint64_t WarmCache(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::uint64_t total = 0;
  std::vector<char> buf(1 << 20);
  auto slurp = [&](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
      total += static_cast<std::uint64_t>(in.gcount());
    }
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(path, ec)) {
        if (e.is_regular_file(ec)) slurp(e.path());
      }
    } else {
      slurp(path);
    }
  }
  return total;
}

// Counts the reader's diagnostics and prints the first few to stderr.
class DiagnosticCounter {
 public:
  // Records `d`; prints it when fewer than five were printed.
  void operator()(const Diagnostic& d) {
    ++(d.severity == Diagnostic::Severity::kError ? errors_ : warnings_);
    if (printed_ < 5) {
      std::fprintf(stderr, "pipeline_bench: %s\n", newsweave::FormatDiagnostic(d).c_str());
      if (++printed_ == 5)
        std::fprintf(stderr, "pipeline_bench: (further diagnostics not shown)\n");
    }
  }
  // Number of error diagnostics so far.
  std::uint64_t errors() const { return errors_; }
  // Number of warnings so far.
  std::uint64_t warnings() const { return warnings_; }

 private:
  std::uint64_t errors_ = 0, warnings_ = 0;
  int printed_ = 0;
};

// What one RunPipeline pass produced.
struct PipelineRun {
  Timing time;
  PipelineStats stats;
  std::uint64_t articles = 0;  // articles the consumer saw
  std::uint64_t tokens = 0;    // sum of analysis.tokens.size()
  std::uint64_t checksum = 0;  // touches the results so that nothing is optimized away
};

// Runs the pipeline once over the inputs. Returns false (after a message) when it fails.
bool RunPipelineOnce(const BenchOptions& opt, DiagnosticCounter* diags, PipelineRun* run) {
  *run = PipelineRun();
  auto consumer = [run](const ProcessedArticle& p) {
    ++run->articles;
    run->tokens += p.analysis.tokens.size();
    run->checksum += p.clean.text.size() + p.analysis.sentences.size() + p.analysis.terms.size() +
                     p.analysis.language.code.size();
  };
  auto sink = [diags](const Diagnostic& d) { (*diags)(d); };
  Stopwatch sw;
  auto result = newsweave::RunPipeline(opt.paths, opt.pipeline, sink, consumer);
  run->time = sw.Elapsed();
  if (!result) {
    std::fprintf(stderr, "pipeline_bench: %s: %s\n", newsweave::ErrorCodeName(result.error().code),
                 result.error().message.c_str());
    return false;
  }
  run->stats = *result;
  return true;
}

// Divides, returning 0 when the divisor is 0.
double Ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

// Prints the figures of the best pipeline run.
void PrintPipeline(const BenchOptions& opt, const PipelineRun& run, std::uint64_t file_bytes) {
  const double mb =
      static_cast<double>(run.stats.read.bytes ? run.stats.read.bytes : file_bytes) / 1e6;
  const double n = static_cast<double>(run.articles);
  std::printf("pipeline (RunPipeline: read -> clean -> %s), batch %zu, best of %d\n",
              opt.pipeline.analyze_text ? "analyze" : "language id", opt.pipeline.batch_size,
              opt.repeat);
  std::printf("  articles            %12llu\n", static_cast<unsigned long long>(run.articles));
  std::printf("  input MB            %12.2f\n", mb);
  std::printf("  seconds (wall)      %12.3f\n", run.time.wall);
  std::printf("  seconds (CPU)       %12.3f\n", run.time.cpu);
  std::printf("  articles/s          %12.0f\n", Ratio(n, run.time.wall));
  std::printf("  MB/s                %12.2f\n", Ratio(mb, run.time.wall));
  std::printf("  peak RSS MB         %12.1f\n", PeakRssMb());
  std::printf("  tokens/article      %12.1f\n", Ratio(static_cast<double>(run.tokens), n));
  std::printf("  clean MB            %12.2f\n", static_cast<double>(run.stats.clean_bytes) / 1e6);
  std::printf("  removed spans/art.  %12.2f\n",
              Ratio(static_cast<double>(run.stats.removed_spans), n));
  std::printf("  removed MB          %12.2f\n", static_cast<double>(run.stats.removed_bytes) / 1e6);
  std::printf("  skipped records     %12llu\n",
              static_cast<unsigned long long>(run.stats.read.skipped));
  std::printf("  checksum            %12llu\n", static_cast<unsigned long long>(run.checksum));
}

// Keeps the faster of *best and `t` (by wall time) in *best.
void KeepBest(Timing* best, const Timing& t) {
  if (best->wall == 0 || t.wall < best->wall) *best = t;
}

// The best time of each stage over the repeats, measured on the same in-memory articles.
struct StageTimes {
  Timing read, profile, clean, analyze, langid;
  std::uint64_t articles = 0, bytes = 0, tokens = 0, checksum = 0;
};

// Reads all articles into *articles (reusing its elements, as the pipeline reuses a batch).
// Returns the time taken and the bytes read.
Timing ReadAll(const BenchOptions& opt, DiagnosticCounter* diags, std::vector<Article>* articles,
               std::uint64_t* bytes) {
  Stopwatch sw;
  ArticleReader reader(opt.paths, opt.pipeline.read, [diags](const Diagnostic& d) { (*diags)(d); });
  std::size_t n = 0;
  while (true) {
    if (n == articles->size()) articles->emplace_back();
    if (!reader.Next(&(*articles)[n])) break;
    ++n;
  }
  articles->resize(n);
  *bytes = reader.stats().bytes;
  return sw.Elapsed();
}

// Cleans `articles` batch by batch as RunPipeline does: a SourceProfile per batch, then
// Cleaner::Clean. Adds the profile and cleaning times to *profile_time and *clean_time.
void CleanAll(const BenchOptions& opt, const std::vector<Article>& articles,
              std::vector<CleanText>* cleaned, Timing* profile_time, Timing* clean_time) {
  Cleaner cleaner(opt.pipeline.clean);
  SourceProfile profile;
  const std::size_t batch = opt.pipeline.batch_size ? opt.pipeline.batch_size : 1;
  cleaned->resize(articles.size());
  *profile_time = Timing();
  *clean_time = Timing();
  for (std::size_t start = 0; start < articles.size(); start += batch) {
    const std::size_t end = std::min(articles.size(), start + batch);
    Stopwatch sw;
    profile.Clear();
    for (std::size_t i = start; i < end; ++i) profile.Add(articles[i]);
    *profile_time += sw.Elapsed();
    sw.Restart();
    for (std::size_t i = start; i < end; ++i) (*cleaned)[i] = cleaner.Clean(articles[i], &profile);
    *clean_time += sw.Elapsed();
  }
}

// Runs each stage `opt.repeat` times over the same articles and keeps the best times.
StageTimes RunStages(const BenchOptions& opt, DiagnosticCounter* diags) {
  StageTimes st;
  std::vector<Article> articles;
  std::vector<CleanText> cleaned;
  for (int r = 0; r < opt.repeat; ++r)
    KeepBest(&st.read, ReadAll(opt, diags, &articles, &st.bytes));
  st.articles = articles.size();

  for (int r = 0; r < opt.repeat; ++r) {
    Timing profile, clean;
    CleanAll(opt, articles, &cleaned, &profile, &clean);
    if (st.clean.wall == 0 || profile.wall + clean.wall < st.profile.wall + st.clean.wall) {
      st.profile = profile;
      st.clean = clean;
    }
  }

  // Analysis: the whole of Analyzer::Analyze (or language id only with --no-analyze).
  const newsweave::AnalyzeOptions& aopt = opt.pipeline.analyze;
  Analyzer analyzer(aopt);
  Analysis analysis;
  for (int r = 0; r < opt.repeat; ++r) {
    st.tokens = 0;
    Stopwatch sw;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      if (opt.pipeline.analyze_text) {
        analyzer.Analyze(cleaned[i].text, articles[i].lang, &analysis);
        st.tokens += analysis.tokens.size();
        st.checksum += analysis.terms.size() + analysis.sentences.size();
      } else {
        st.checksum +=
            newsweave::IdentifyLanguage(cleaned[i].text, articles[i].lang, aopt).code.size();
      }
    }
    KeepBest(&st.analyze, sw.Elapsed());
  }
  // Of which language identification: a separate pass, not part of the sum.
  if (opt.pipeline.analyze_text) {
    for (int r = 0; r < opt.repeat; ++r) {
      Stopwatch sw;
      for (std::size_t i = 0; i < articles.size(); ++i) {
        st.checksum +=
            newsweave::IdentifyLanguage(cleaned[i].text, articles[i].lang, aopt).code.size();
      }
      KeepBest(&st.langid, sw.Elapsed());
    }
  }
  return st;
}

// Prints one stage line: seconds, share of the total, articles/s and microseconds per article.
void PrintStage(const char* name, const Timing& t, double total, double articles) {
  std::printf("  %-22s %8.3f s  %5.1f%%  %10.0f art/s  %8.1f us/art  (CPU %.3f s)\n", name, t.wall,
              100.0 * Ratio(t.wall, total), Ratio(articles, t.wall), 1e6 * Ratio(t.wall, articles),
              t.cpu);
}

// Prints the stage split.
void PrintStages(const BenchOptions& opt, const StageTimes& st) {
  const double n = static_cast<double>(st.articles);
  const double total = st.read.wall + st.profile.wall + st.clean.wall + st.analyze.wall;
  std::printf("\nstages (each on the same in-memory articles, best of %d)\n", opt.repeat);
  PrintStage("read", st.read, total, n);
  PrintStage("clean: source profile", st.profile, total, n);
  PrintStage("clean: Cleaner::Clean", st.clean, total, n);
  PrintStage(opt.pipeline.analyze_text ? "analyze" : "language id", st.analyze, total, n);
  Timing sum = st.read;
  sum += st.profile;
  sum += st.clean;
  sum += st.analyze;
  PrintStage("sum", sum, total, n);
  if (opt.pipeline.analyze_text) {
    std::printf("  of analyze, language id alone (separate pass):\n");
    PrintStage("  IdentifyLanguage", st.langid, total, n);
    Timing seg{st.analyze.wall - st.langid.wall, st.analyze.cpu - st.langid.cpu};
    PrintStage("  rest (segment, stem)", seg, total, n);
  }
  std::printf("  articles %llu, input MB %.2f, tokens/article %.1f, checksum %llu\n",
              static_cast<unsigned long long>(st.articles), static_cast<double>(st.bytes) / 1e6,
              Ratio(static_cast<double>(st.tokens), n),
              static_cast<unsigned long long>(st.checksum));
  std::printf("  peak RSS MB (all articles held in memory) %.1f\n", PeakRssMb());
}

}  // namespace

// Parses the command line, warms the page cache, times the pipeline and optionally the stages.
int main(int argc, char** argv) {
  newsweave::KeepFreedMemory();
  CLI::App app{"Throughput of newsweave's read -> clean -> analyze stages on one thread."};
  BenchOptions opt;
  bool no_analyze = false;
  app.add_option("FILE", opt.paths, "input files or directories (JSONL, txt, HTML, WARC)")
      ->required();
  app.add_flag("--no-analyze", no_analyze, "clean only (language is still identified)");
  app.add_option("--batch", opt.pipeline.batch_size, "articles per batch (default 2000)")
      ->check(CLI::PositiveNumber);
  app.add_flag("--stages", opt.stages, "also time read, clean and analyze separately");
  app.add_option("--repeat", opt.repeat, "runs per measurement; the best is reported")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);
  opt.pipeline.analyze_text = !no_analyze;

  const std::uint64_t file_bytes = WarmCache(opt.paths);
  DiagnosticCounter diags;
  PipelineRun best, run;
  for (int r = 0; r < opt.repeat; ++r) {
    if (!RunPipelineOnce(opt, &diags, &run)) return 1;
    if (r == 0 || run.time.wall < best.time.wall) best = run;
  }
  PrintPipeline(opt, best, file_bytes);
  if (opt.stages) PrintStages(opt, RunStages(opt, &diags));
  std::printf("  diagnostics: %llu errors, %llu warnings (all runs)\n",
              static_cast<unsigned long long>(diags.errors()),
              static_cast<unsigned long long>(diags.warnings()));
  return 0;
}
