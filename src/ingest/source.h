// The interface of the per-file readers behind ArticleReader.
#ifndef NEWSWEAVE_INGEST_SOURCE_H_
#define NEWSWEAVE_INGEST_SOURCE_H_

#include <cstdint>
#include <functional>

#include "newsweave/article.h"
#include "newsweave/reader.h"

namespace newsweave::ingest {

// Receives the diagnostics of a per-file reader.
using Reporter = std::function<void(const Diagnostic&)>;

// A stream of the articles of one file.
class ArticleSource {
 public:
  virtual ~ArticleSource() = default;

  // Stores the next article in *out and returns true; returns false when the file is done.
  // Bad records are reported and skipped, never returned.
  virtual bool Next(Article* out) = 0;

  // Bytes of the file consumed so far (on disk: compressed bytes for gzip files).
  virtual std::uint64_t raw_offset() const = 0;
};

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_SOURCE_H_
