// The first stages end to end: read -> clean -> analyze, streamed in batches.
#ifndef NEWSWEAVE_PIPELINE_H_
#define NEWSWEAVE_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "newsweave/analysis.h"
#include "newsweave/article.h"
#include "newsweave/cleaner.h"
#include "newsweave/reader.h"
#include "newsweave/status.h"

namespace newsweave {

struct PipelineOptions {
  ReadOptions read;
  CleanOptions clean;
  AnalyzeOptions analyze;
  // Articles held in memory at once. Lines repeated across a source are learned per batch,
  // so a batch should hold several articles of each source.
  std::size_t batch_size = 2000;
  // A batch also ends once it holds this many bytes of raw text, so that a run of huge
  // articles cannot take the memory of 2,000 of them.
  std::size_t batch_bytes = 64u << 20;
  bool analyze_text = true;       // false: no sentences or words
  bool identify_language = true;  // false: language stays "und" (with analyze_text false)
  // Threads for cleaning, language identification and analysis (0: one per core). The results are
  // the same for any number; the consumer is always called on the calling thread, in input order.
  int threads = 1;
};

// One article after the first stages. `analysis.tokens` is empty when analyze_text is false.
struct ProcessedArticle {
  Article article;
  CleanText clean;
  Analysis analysis;
};

struct PipelineStats {
  ReadStats read;
  std::uint64_t clean_bytes = 0;  // bytes of clean text
  std::uint64_t removed_spans = 0;
  std::uint64_t removed_bytes = 0;
  double seconds = 0;
};

// Progress: bytes read so far and in total.
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Reads `paths` and passes each article, cleaned and analyzed, to `consumer`, in input
// order, holding at most one batch in memory. Bad input is reported to `sink` and skipped; an
// article that reached CleanOptions::max_removed_spans gets a warning there too.
// Returns the counters; fails only when no path could be read at all.
Result<PipelineStats> RunPipeline(const std::vector<std::string>& paths,
                                  const PipelineOptions& options,
                                  const ArticleReader::DiagnosticSink& sink,
                                  const std::function<void(const ProcessedArticle&)>& consumer,
                                  const ProgressFn& progress = nullptr);

// As RunPipeline, handing over each batch at once (up to `batch_size` articles, in input
// order), for consumers that work on a batch on several threads. The articles' buffers are
// reused for the next batch: the consumer may move out of them or swap them.
Result<PipelineStats> RunPipelineBatches(
    const std::vector<std::string>& paths, const PipelineOptions& options,
    const ArticleReader::DiagnosticSink& sink,
    const std::function<void(std::span<ProcessedArticle>)>& consumer,
    const ProgressFn& progress = nullptr);

// Asks the C library to keep freed memory in the process rather than hand it back to the
// kernel at once. CLD2 allocates and frees large scoring buffers on every call; without this,
// language identification runs about three times slower. Call once, at program start.
void KeepFreedMemory();

}  // namespace newsweave

#endif  // NEWSWEAVE_PIPELINE_H_
