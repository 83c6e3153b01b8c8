// The store reading its own files: any file at the store's path either opens (and then every
// read answers or fails with an error) or is refused with an error; nothing crashes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "newsweave/store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nf = newsweave::fuzz;
  const std::string path = nf::ScratchDir() + "/fuzz.db";
  for (const char* suffix : {"-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  nf::WriteScratchFile("fuzz.db", nf::AsView(data, size));
  auto store = newsweave::Store::Open(path);
  if (!store) return 0;
  newsweave::Store& s = **store;
  std::vector<std::string> ids;
  (void)s.ForEachArticle([&](newsweave::StoredArticle& a) {
    ids.push_back(a.article.id);
    return ids.size() < 20;
  });
  for (const auto& id : ids) {
    if (auto a = s.GetArticle(id); a) {
      (void)s.CopiesOf(id);
      if (!a->link.event.empty()) {
        (void)s.GetEvent(a->link.event);
        (void)s.EventArticles(a->link.event);
      }
      if (!a->link.story.empty()) {
        (void)s.GetStory(a->link.story);
        (void)s.StoryDays(a->link.story);
      }
    }
    (void)s.GetBrief(id);
  }
  std::int64_t total = 0;
  (void)s.ListStories(0, 20, &total);
  (void)s.Search("flood OR \"Elbe\" crue*", 10);
  (void)s.Counts();
  (void)s.ArticleCount();
  return 0;
}
