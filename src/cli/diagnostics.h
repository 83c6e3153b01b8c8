// Printing reader diagnostics on stderr and counting them.
#ifndef NEWSWEAVE_CLI_DIAGNOSTICS_H_
#define NEWSWEAVE_CLI_DIAGNOSTICS_H_

#include <cstdint>

#include "newsweave/reader.h"

namespace newsweave::cli {

class DiagnosticPrinter {
 public:
  explicit DiagnosticPrinter(bool quiet) : quiet_(quiet) {}

  // A sink for ArticleReader: prints "newsweave: file:line: message" unless quiet.
  ArticleReader::DiagnosticSink Sink();

  std::uint64_t errors() const { return errors_; }
  std::uint64_t warnings() const { return warnings_; }

 private:
  bool quiet_;
  std::uint64_t errors_ = 0;
  std::uint64_t warnings_ = 0;
};

}  // namespace newsweave::cli

#endif  // NEWSWEAVE_CLI_DIAGNOSTICS_H_
