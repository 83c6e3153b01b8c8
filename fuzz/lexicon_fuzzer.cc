// The lexicon loaders: a compiled lexicon file (mapped, not parsed) is either refused or
// answers lookups without reading outside the file; user lexicon text adds entries or names
// its first bad line.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_util.h"
#include "newsweave/xling.h"

namespace {

void LookUp(const newsweave::Lexicon& lexicon) {
  static const char* const kWords[][3] = {{"fr", "election", "elect"},
                                          {"de", "hochwasser", "hochwass"},
                                          {"es", "presa", "pres"},
                                          {"fr", "a", "a"},
                                          {"it", "", ""},
                                          {"xx", "zz", "z"}};
  for (const auto& w : kWords) {
    (void)lexicon.Translate(w[0], w[1], w[2]);
    (void)lexicon.IsCommonWord(w[0], w[1], w[2]);
    (void)lexicon.IsKnownName(w[0], w[1]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nf = newsweave::fuzz;
  const std::string_view in = nf::AsView(data, size);
  newsweave::LexiconOptions options;
  options.path = nf::WriteScratchFile("fuzz.lex", in);
  if (auto lexicon = newsweave::Lexicon::Open(options); lexicon) {
    LookUp(**lexicon);
    (void)(*lexicon)->AddUserEntries("fr", in);
    LookUp(**lexicon);
  }
  // The same bytes as a user lexicon on top of the real one.
  if (const newsweave::Lexicon* real = newsweave::Lexicon::Default(); real != nullptr) {
    newsweave::LexiconOptions same;
    same.path = real->path();
    if (auto lexicon = newsweave::Lexicon::Open(same); lexicon) {
      (void)(*lexicon)->AddUserEntries("de", in);
      LookUp(**lexicon);
    }
  }
  return 0;
}
