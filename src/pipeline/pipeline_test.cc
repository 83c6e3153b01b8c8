#include "newsweave/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace newsweave {
namespace {

namespace fs = std::filesystem;

class PipelineTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(testing::TempDir()) / ("nw_pipeline_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const fs::path& rel, const std::string& content) {
    std::ofstream(dir_ / rel, std::ios::binary) << content;
  }
  fs::path dir_;
};

TEST_F(PipelineTest, ReadsCleansAndAnalyzesMixedInputInOrder) {
  Write("sub/en-story.txt",
        "Skip to main content\n"
        "Storm cuts power to 40,000 homes in Galway\n"
        "A storm cut power to about 40,000 homes across County Galway on Sunday night, the "
        "electricity supplier said, as winds reached 130 km/h along the coast.\n"
        "Crews expect to restore most connections by Tuesday.\n"
        "Advertisement\n");
  Write(
      "batch.jsonl",
      "{\"id\": \"fr1\", \"source\": \"exemple.fr\", \"text\": \"Publicité\\nLa tempête a privé "
      "d'électricité quelque 40 000 foyers dans le comté de Galway dimanche soir, selon le "
      "fournisseur.\\nLes équipes espèrent rétablir le courant d'ici mardi.\"}\n"
      "{not json}\n"
      "{\"id\": \"de1\", \"lang\": \"de\", \"maintext\": \"Ein Sturm hat am Sonntagabend rund "
      "40.000 Haushalte in der irischen Grafschaft Galway von der Stromversorgung getrennt.\"}\n");
  std::vector<std::string> ids, langs;
  std::map<std::string, std::string> texts;
  std::vector<Diagnostic> problems;
  PipelineOptions options;
  auto stats = RunPipeline(
      {dir_.string()}, options, [&](const Diagnostic& d) { problems.push_back(d); },
      [&](const ProcessedArticle& p) {
        ids.push_back(p.article.id);
        langs.push_back(p.analysis.language.code);
        texts[p.article.id] = p.clean.text;
        EXPECT_FALSE(p.analysis.tokens.empty()) << p.article.id;
      });
  ASSERT_TRUE(stats.has_value());
  // Directory entries in sorted order: batch.jsonl before sub/.
  EXPECT_EQ(ids, (std::vector<std::string>{"fr1", "de1", "en-story"}));
  EXPECT_EQ(langs, (std::vector<std::string>{"fr", "de", "en"}));
  EXPECT_EQ(texts["fr1"].find("Publicité"), std::string::npos);
  EXPECT_EQ(texts["en-story"].find("Skip to main content"), std::string::npos);
  EXPECT_EQ(texts["en-story"].find("Advertisement"), std::string::npos);
  EXPECT_NE(texts["en-story"].find("Storm cuts power"), std::string::npos);
  // The malformed line is reported with its file and line, and the others still read.
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2u);
  EXPECT_NE(problems[0].file.find("batch.jsonl"), std::string::npos);
  EXPECT_EQ(stats->read.articles, 3u);
  EXPECT_EQ(stats->removed_spans, 3u);
}

TEST_F(PipelineTest, TitleOfATextFileIsItsFirstCleanLineWhenItLooksLikeOne) {
  Write("a.txt",
        "Skip to main content\n  Storm hits the coast  \nWinds of 150 km/h were measured.");
  Write("b.txt", "This first line is a sentence.\nMore text follows here.");
  Write("c.txt", std::string(250, 'w') + "\nlong first line");
  std::map<std::string, std::string> titles;
  auto stats =
      RunPipeline({dir_.string()}, PipelineOptions(), nullptr,
                  [&](const ProcessedArticle& p) { titles[p.article.id] = p.article.title; });
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(titles["a"], "Storm hits the coast");  // the chrome line above is not the title
  EXPECT_EQ(titles["b"], "");                      // ends with a period
  EXPECT_EQ(titles["c"], "");                      // too long
}

TEST_F(PipelineTest, FailsOnlyWhenNothingIsReadable) {
  auto stats = RunPipeline({(dir_ / "missing.txt").string()}, PipelineOptions(), nullptr,
                           [](const ProcessedArticle&) {});
  EXPECT_FALSE(stats.has_value());
}

}  // namespace
}  // namespace newsweave
