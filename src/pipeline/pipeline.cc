#include "newsweave/pipeline.h"

#include <malloc.h>

#include <chrono>
#include <memory>

#include "newsweave/parallel.h"

namespace newsweave {
namespace {

// The first line of the clean text, when it looks like a headline: shorter than 200
// characters and not ending like a sentence or a clause (. , ; : … 。). Cleaning runs
// first, so a chrome line ("Skip to main content") is never taken for the title.
std::string TitleFromCleanText(std::string_view text) {
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.empty()) return {};
  std::size_t chars = 0;
  for (char c : line) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  const char last = line.back();
  const bool sentence_end = last == '.' || last == ',' || last == ';' || last == ':' ||
                            line.ends_with("\xE2\x80\xA6") || line.ends_with("\xE3\x80\x82");
  return chars < 200 && !sentence_end ? std::string(line) : std::string();
}

}  // namespace

Result<PipelineStats> RunPipelineBatches(
    const std::vector<std::string>& paths, const PipelineOptions& options,
    const ArticleReader::DiagnosticSink& sink,
    const std::function<void(std::span<ProcessedArticle>)>& consumer, const ProgressFn& progress) {
  auto t0 = std::chrono::steady_clock::now();
  PipelineStats stats;
  uint64_t errors = 0;
  ArticleReader reader(paths, options.read, [&](const Diagnostic& d) {
    if (d.severity == Diagnostic::Severity::kError) ++errors;
    if (sink) sink(d);
  });
  Cleaner cleaner(options.clean);
  // The batch; its buffers stay warm from one batch to the next.
  std::vector<ProcessedArticle> batch(options.batch_size ? options.batch_size : 1);
  std::vector<LanguageGuess> languages(batch.size());
  SourceProfile profile;
  const int threads = ThreadCount(options.threads);
  // One analyzer per thread: they hold ICU break iterators and stemmers.
  std::vector<std::unique_ptr<Analyzer>> analyzers;
  for (int t = 0; t < (options.analyze_text ? threads : 0); ++t) {
    analyzers.push_back(std::make_unique<Analyzer>(options.analyze));
  }
  bool more = true;
  while (more) {
    size_t n = 0;
    size_t bytes = 0;
    while (n < batch.size() && bytes < options.batch_bytes &&
           (more = reader.Next(&batch[n].article))) {
      bytes += batch[n].article.text.size();
      ++n;
    }
    if (n == 0) break;
    // Stage by stage over the batch, so that each stage's code and tables stay in the CPU
    // caches: the source profile, cleaning, language, then sentences and words.
    profile.Clear();
    for (size_t i = 0; i < n; ++i) profile.Add(batch[i].article);
    ParallelFor(n, threads, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i)
        batch[i].clean = cleaner.Clean(batch[i].article, &profile);
    });
    ParallelFor(n, threads, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        languages[i] =
            options.identify_language || options.analyze_text
                ? IdentifyLanguage(batch[i].clean.text, batch[i].article.lang, options.analyze)
                : LanguageGuess();
      }
    });
    ParallelForSlices(n, threads, [&](size_t slice, size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        ProcessedArticle& p = batch[i];
        if (options.analyze_text) {
          analyzers[slice]->Segment(p.clean.text, languages[i].code, &p.analysis);
        } else {
          p.analysis.Clear();
        }
        p.analysis.language = std::move(languages[i]);
      }
    });
    for (size_t i = 0; i < n; ++i) {
      ProcessedArticle& p = batch[i];
      if (p.article.title.empty()) p.article.title = TitleFromCleanText(p.clean.text);
      stats.clean_bytes += p.clean.text.size();
      stats.removed_spans += p.clean.removed.size();
      if (p.clean.kept_over_span_limit > 0 && sink) {
        sink(Diagnostic{Diagnostic::Severity::kWarning, p.article.file, p.article.line,
                        "more than " + std::to_string(options.clean.max_removed_spans) +
                            " removed spans (max_removed_spans): " +
                            std::to_string(p.clean.kept_over_span_limit) +
                            " lines that would have been removed were kept"});
      }
      for (const RemovedSpan& r : p.clean.removed) stats.removed_bytes += r.end - r.start;
    }
    consumer(std::span<ProcessedArticle>(batch.data(), n));
    if (progress) progress(reader.stats().bytes, reader.total_bytes());
  }
  stats.read = reader.stats();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (stats.read.articles == 0 && stats.read.files == 0 && errors > 0) {
    return MakeError(ErrorCode::kNotFound, "no readable input");
  }
  return stats;
}

Result<PipelineStats> RunPipeline(const std::vector<std::string>& paths,
                                  const PipelineOptions& options,
                                  const ArticleReader::DiagnosticSink& sink,
                                  const std::function<void(const ProcessedArticle&)>& consumer,
                                  const ProgressFn& progress) {
  return RunPipelineBatches(
      paths, options, sink,
      [&](std::span<ProcessedArticle> batch) {
        for (const ProcessedArticle& p : batch) consumer(p);
      },
      progress);
}

void KeepFreedMemory() {
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
}

}  // namespace newsweave
