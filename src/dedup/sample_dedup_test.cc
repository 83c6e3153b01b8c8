// The sample corpus's copies (data/sample/truth.json) found by the Deduplicator after the
// read and clean stages.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "newsweave/dedup.h"
#include "newsweave/pipeline.h"

namespace newsweave {
namespace {

TEST(SampleDedupTest, CopiesInTheTruthAreGroupedWithTheRightRelation) {
  const char* dir = std::getenv("NEWSWEAVE_SOURCE_DIR");
  std::string root = std::string(dir ? dir : NEWSWEAVE_SOURCE_DIR) + "/data/sample";
  std::ifstream in(root + "/truth.json");
  nlohmann::json truth = nlohmann::json::parse(in);
  Deduplicator dedup;
  PipelineOptions options;
  options.analyze_text = false;
  options.identify_language = false;
  auto stats = RunPipeline(
      {root + "/txt", root + "/jsonl"}, options, nullptr, [&](const ProcessedArticle& p) {
        dedup.Add(p.article.id, ComparedBody(p.clean.text, p.article.title), p.article.published);
      });
  ASSERT_TRUE(stats.has_value());
  std::map<std::string, int> group_of;
  std::map<std::string, std::string> relation;
  auto groups = dedup.Groups();
  for (size_t g = 0; g < groups.size(); ++g) {
    for (const DedupMember& m : groups[g].members) {
      group_of[m.id] = static_cast<int>(g);
      relation[m.id] = m.relation;
    }
  }
  int copies = 0;
  for (const auto& [id, a] : truth["articles"].items()) {
    if (a["relation"].is_null()) continue;
    std::string rel = a["relation"];
    if (rel == "translation") continue;  // the cross-lingual layer's job
    ++copies;
    std::string original = a["duplicate_of"];
    ASSERT_TRUE(group_of.count(id)) << id << " not in any group";
    ASSERT_TRUE(group_of.count(original)) << original << " not in any group";
    EXPECT_EQ(group_of[id], group_of[original]) << id << " and " << original;
    // The relation names how the pair differs, whichever of the two represents the group.
    std::string got = relation[id].empty() ? relation[original] : relation[id];
    EXPECT_EQ(got, rel) << id;
  }
  EXPECT_GE(copies, 9);
  // Articles of different events are never grouped.
  for (const DedupGroup& g : groups) {
    for (const DedupMember& m : g.members) {
      EXPECT_EQ(truth["articles"][m.id]["event"], truth["articles"][g.members[0].id]["event"])
          << m.id;
    }
  }
}

}  // namespace
}  // namespace newsweave
