#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "newsweave/dedup.h"

namespace newsweave {
namespace {

const char* kStory =
    "Farmers and residents of a remote valley blocked construction of a dam on Saturday, "
    "parking 60 tractors across the only access road to the site. About 1,200 people joined "
    "the protest, which organisers said would continue until the regional government "
    "suspends the works. The reservoir would flood the village of Santa Orosia, home to 146 "
    "people and a twelfth-century church. The regional water authority said the dam was "
    "needed to irrigate 22,000 hectares and that work would resume on Monday. Police "
    "monitored the blockade but made no arrests, a spokesman said.";

std::map<std::string, DedupMember> ById(const std::vector<DedupGroup>& groups) {
  std::map<std::string, DedupMember> out;
  for (const DedupGroup& g : groups) {
    for (const DedupMember& m : g.members) out[m.id] = m;
  }
  return out;
}

TEST(DeduplicatorTest, ExactAndNearCopiesAreGroupedUnderTheLongest) {
  std::string story = kStory;
  std::string exact = "FARMERS and residents of a remote valley   blocked construction of a dam " +
                      story.substr(story.find("on Saturday"));
  std::string near = story;
  near.replace(near.find("Police monitored"), 16, "Officers watched");
  std::string longer = story + " The next hearing in the case is set for 3 June.";
  Deduplicator d;
  d.Add("original", story, "2026-03-14T09:00:00Z");
  d.Add("unrelated",
        "A storm cut power to 40,000 homes in Galway on Sunday night, the "
        "supplier said, as winds reached 130 km/h along the coast.",
        "");
  d.Add("exact", exact, "2026-03-14T08:00:00Z");
  d.Add("near", near, "");
  d.Add("longer", longer, "");
  auto groups = d.Groups();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members[0].id, "longer");  // the longest clean text
  auto m = ById(groups);
  EXPECT_EQ(m.count("unrelated"), 0u);
  EXPECT_EQ(m["original"].relation, "near-duplicate");
  EXPECT_EQ(m["near"].relation, "near-duplicate");
  EXPECT_EQ(m["near"].duplicate_of, "longer");
  EXPECT_EQ(d.stats().exact, 1u);
}

TEST(DeduplicatorTest, TiesGoToTheEarliestDateThenTheId) {
  Deduplicator d;
  d.Add("b", kStory, "2026-03-15");
  d.Add("c", kStory, "");
  d.Add("a", kStory, "2026-03-14");
  auto groups = d.Groups();
  ASSERT_EQ(groups.size(), 1u);
  ASSERT_EQ(groups[0].members.size(), 3u);
  EXPECT_EQ(groups[0].members[0].id, "a");
  EXPECT_EQ(groups[0].members[0].relation, "");
  EXPECT_EQ(groups[0].members[1].relation, "exact");
  EXPECT_EQ(groups[0].members[1].duplicate_of, "a");
  Deduplicator undated;
  undated.Add("y", kStory, "");
  undated.Add("x", kStory, "");
  EXPECT_EQ(undated.Groups()[0].members[0].id, "x");
}

TEST(DeduplicatorTest, DifferentStoriesOnOneEventStayApart) {
  Deduplicator d;
  d.Add("a", kStory, "");
  d.Add("b",
        "Hundreds of farmers with tractors blocked access to the construction site of a "
        "disputed dam in a Pyrenean valley on Saturday, demanding that the regional "
        "government halt the project, which would submit a village and its medieval church.",
        "");
  EXPECT_TRUE(d.Groups().empty());
}

}  // namespace
}  // namespace newsweave
