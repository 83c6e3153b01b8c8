// The sample corpus in data/sample against its truth file: language identification and
// cleaning (what must stay, what must go, doubled bodies and captions).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "newsweave/pipeline.h"

namespace newsweave {
namespace {

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

class SampleCorpusTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* dir = std::getenv("NEWSWEAVE_SOURCE_DIR");
    root_ = std::string(dir ? dir : NEWSWEAVE_SOURCE_DIR) + "/data/sample";
    std::ifstream in(root_ + "/truth.json");
    truth_ = nlohmann::json::parse(in);
    auto stats = RunPipeline(
        {root_ + "/txt", root_ + "/jsonl"}, PipelineOptions(),
        [](const Diagnostic& d) { ADD_FAILURE() << FormatDiagnostic(d); },
        [](const ProcessedArticle& p) {
          results_[p.article.id] = {p.analysis.language.code, p.clean.text,
                                    IdentifyLanguage(p.clean.text, "").code};
        });
    ASSERT_TRUE(stats.has_value());
  }

  struct Result {
    std::string lang;
    std::string text;
    std::string detected;  // language found ignoring any declaration
  };
  static std::string root_;
  static nlohmann::json truth_;
  static std::map<std::string, Result> results_;
};

std::string SampleCorpusTest::root_;
nlohmann::json SampleCorpusTest::truth_;
std::map<std::string, SampleCorpusTest::Result> SampleCorpusTest::results_;

TEST_F(SampleCorpusTest, EveryArticleIsReadOnce) {
  EXPECT_EQ(results_.size(), truth_["articles"].size());
  for (const auto& [id, _] : truth_["articles"].items()) {
    EXPECT_TRUE(results_.count(id)) << "not read: " << id;
  }
}

TEST_F(SampleCorpusTest, LanguageIsRightOnEveryArticle) {
  for (const auto& [id, a] : truth_["articles"].items()) {
    EXPECT_EQ(results_[id].lang, a["lang"].get<std::string>()) << id;
    EXPECT_EQ(results_[id].detected, a["lang"].get<std::string>()) << id << " (undeclared)";
  }
}

TEST_F(SampleCorpusTest, ContentStaysAndChromeGoes) {
  int kept = 0, dropped = 0;
  for (const auto& [id, a] : truth_["articles"].items()) {
    const std::string& text = results_[id].text;
    for (const auto& s : a["keep"]) {
      EXPECT_EQ(Count(text, s.get<std::string>()), 1u)
          << id << ": content '" << s.get<std::string>() << "' not kept exactly once";
      ++kept;
    }
    for (const auto& s : a["drop"]) {
      EXPECT_EQ(Count(text, s.get<std::string>()), 0u)
          << id << ": chrome '" << s.get<std::string>() << "' kept";
      ++dropped;
    }
    if (a.contains("doubled_caption")) {
      EXPECT_LE(Count(text, a["doubled_caption"].get<std::string>()), 1u) << id;
    }
  }
  EXPECT_GT(kept, 100);
  EXPECT_GT(dropped, 100);
}

}  // namespace
}  // namespace newsweave
