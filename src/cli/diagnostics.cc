#include "cli/diagnostics.h"

#include <cstdio>

namespace newsweave::cli {

ArticleReader::DiagnosticSink DiagnosticPrinter::Sink() {
  return [this](const Diagnostic& d) {
    bool error = d.severity == Diagnostic::Severity::kError;
    (error ? errors_ : warnings_)++;
    if (quiet_) return;
    std::fprintf(stderr, "newsweave: %s%s\n",
                 error ? "" : "warning: ", FormatDiagnostic(d).c_str());
  };
}

}  // namespace newsweave::cli
