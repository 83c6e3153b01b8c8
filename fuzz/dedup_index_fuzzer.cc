// The dedup index loader: any file either loads (and then groups, saves and reloads to the
// same groups) or is refused with an error; it never crashes or allocates without bound.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "newsweave/dedup.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nf = newsweave::fuzz;
  const std::string path = nf::WriteScratchFile("index.nwdedup", nf::AsView(data, size));
  newsweave::Deduplicator dedup;
  if (!dedup.Load(path)) return 0;
  dedup.Add("fuzz-extra", "A short text added after loading, to group with the loaded ones.",
            "2024-05-01");
  const auto groups = dedup.Groups();
  const std::string copy = nf::ScratchDir() + "/copy.nwdedup";
  nf::Check(static_cast<bool>(dedup.Save(copy)), "a loaded index cannot be saved");
  newsweave::Deduplicator again;
  nf::Check(static_cast<bool>(again.Load(copy)), "a saved index cannot be loaded");
  nf::Check(again.Groups().size() == groups.size(), "save and load changed the groups");
  return 0;
}
