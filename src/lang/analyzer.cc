#include "newsweave/analysis.h"
#include "text/segmenter.h"

namespace newsweave {

struct Analyzer::Impl {
  AnalyzeOptions options;
  text::Segmenter segmenter;
};

Analyzer::Analyzer(AnalyzeOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}

Analyzer::~Analyzer() = default;

void Analyzer::Analyze(std::string_view text, std::string_view declared, Analysis* out) {
  out->Clear();
  out->language = IdentifyLanguage(text, declared, impl_->options);
  impl_->segmenter.Segment(text, out->language.code, impl_->options.stems, out);
}

void Analyzer::Segment(std::string_view text, std::string_view lang, Analysis* out) {
  out->sentences.clear();
  out->tokens.clear();
  out->terms.clear();
  impl_->segmenter.Segment(text, lang, impl_->options.stems, out);
}

}  // namespace newsweave
