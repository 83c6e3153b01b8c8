#include "text/stemmer.h"

#include <libstemmer.h>

#include <string>

namespace newsweave::text {

Stemmer::Stemmer(std::string_view lang) {
  // libstemmer knows ISO 639-1 codes as aliases ("en", "fr", "de", ...).
  std::string code(lang);
  if (code.empty() || code == "und") return;
  stemmer_ = sb_stemmer_new(code.c_str(), "UTF_8");
}

Stemmer::~Stemmer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

std::string_view Stemmer::Stem(std::string_view lower) {
  if (!stemmer_ || lower.empty()) return lower;
  const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(lower.data()),
                                       static_cast<int>(lower.size()));
  if (!s) return lower;
  return std::string_view(reinterpret_cast<const char*>(s),
                          static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace newsweave::text
