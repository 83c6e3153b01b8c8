// The main job on the sample corpus in data/sample: the events and stories of truth.json
// must come out exactly (as partitions of the articles; their ids may differ).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "newsweave/main_job.h"

namespace newsweave {
namespace {

// Checks that `found` (article -> group) and `truth` (article -> group) group the same
// articles together, whatever the groups are called.
void ExpectSamePartition(const std::map<std::string, std::string>& found,
                         const std::map<std::string, std::string>& truth, const char* what) {
  std::map<std::string, std::set<std::string>> found_to_truth, truth_to_found;
  for (const auto& [id, t] : truth) {
    auto it = found.find(id);
    ASSERT_NE(it, found.end()) << id << " has no " << what;
    found_to_truth[it->second].insert(t);
    truth_to_found[t].insert(it->second);
  }
  for (const auto& [f, ts] : found_to_truth) {
    EXPECT_EQ(ts.size(), 1u) << "found " << what << " " << f << " mixes " << ts.size()
                             << " true ones, e.g. " << *ts.begin() << " and " << *ts.rbegin();
  }
  for (const auto& [t, fs] : truth_to_found) {
    EXPECT_EQ(fs.size(), 1u) << "true " << what << " " << t << " is split in " << fs.size();
  }
}

TEST(SampleMainJobTest, EventsAndStoriesOfTheTruthFile) {
  const char* dir = std::getenv("NEWSWEAVE_SOURCE_DIR");
  const std::string root = std::string(dir ? dir : NEWSWEAVE_SOURCE_DIR) + "/data/sample";
  std::ifstream in(root + "/truth.json");
  nlohmann::json truth = nlohmann::json::parse(in);
  auto result = RunMainJob({root + "/txt", root + "/jsonl"}, MainJobOptions(),
                           [](const Diagnostic& d) { ADD_FAILURE() << FormatDiagnostic(d); });
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->articles.size(), truth["articles"].size());
  std::map<std::string, std::string> true_event, true_story, found_event, found_story;
  for (const auto& [id, a] : truth["articles"].items()) {
    true_event[id] = a["event"].get<std::string>();
    true_story[id] = a["story"].get<std::string>();
  }
  for (const JobArticle& a : result->articles) {
    ASSERT_GE(a.event, 0) << a.id;
    const EventSummary& e = result->events[static_cast<std::size_t>(a.event)];
    found_event[a.id] = e.id;
    found_story[a.id] = e.story;
  }
  EXPECT_EQ(result->events.size(), truth["events"].size());
  EXPECT_EQ(result->stories.size(), truth["stories"].size());
  ExpectSamePartition(found_event, true_event, "event");
  ExpectSamePartition(found_story, true_story, "story");
}

}  // namespace
}  // namespace newsweave
