#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "newsweave/cleaner.h"
#include "newsweave/dedup.h"
#include "newsweave/parallel.h"

namespace newsweave {
namespace {

const char* kStory =
    "Farmers and residents of a remote valley blocked construction of a dam on Saturday, "
    "parking 60 tractors across the only access road to the site. About 1,200 people joined "
    "the protest, which organisers said would continue until the regional government "
    "suspends the works. The reservoir would flood the village of Santa Orosia, home to 146 "
    "people and a twelfth-century church. The regional water authority said the dam was "
    "needed to irrigate 22,000 hectares and that work would resume on Monday. Police "
    "monitored the blockade but made no arrests, a spokesman said. The mayor of Santa Orosia, "
    "who walked at the head of the march, told reporters that the village had not been "
    "consulted and that its residents would refuse any offer to move them to new houses "
    "downstream. Farmers from four neighbouring districts brought food and blankets for the "
    "night, and a second convoy of tractors was expected to arrive from the north on Sunday.";

std::map<std::string, DedupMember> ById(const std::vector<DedupGroup>& groups) {
  std::map<std::string, DedupMember> out;
  for (const DedupGroup& g : groups) {
    for (const DedupMember& m : g.members) out[m.id] = m;
  }
  return out;
}

TEST(DeduplicatorTest, ExactAndNearCopiesAreGroupedUnderTheLongest) {
  std::string story = kStory;
  // Case, spacing and punctuation changed (two more bytes of spaces: the longest).
  std::string exact = "FARMERS and residents of a remote valley   blocked construction of a dam, " +
                      story.substr(story.find("on Saturday"));
  std::string near = story;
  near.replace(near.find("Police monitored"), 16, "Officers watched");
  Deduplicator d;
  d.Add("original", story, "2026-03-14T09:00:00Z");
  d.Add("unrelated",
        "A storm cut power to 40,000 homes in Galway on Sunday night, the "
        "supplier said, as winds reached 130 km/h along the coast.",
        "");
  d.Add("exact", exact, "2026-03-14T08:00:00Z");
  d.Add("near", near, "");
  auto groups = d.Groups();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members[0].id, "exact");  // the longest clean text
  auto m = ById(groups);
  EXPECT_EQ(m.count("unrelated"), 0u);
  EXPECT_EQ(m["original"].relation, "exact");
  EXPECT_EQ(m["original"].duplicate_of, "exact");
  EXPECT_EQ(m["near"].relation, "near-duplicate");
  EXPECT_EQ(d.stats().exact, 1u);
  EXPECT_EQ(d.stats().near, 1u);
}

TEST(DeduplicatorTest, ShorterAndLongerVersionsAreContained) {
  std::string story = kStory;
  std::string extended =
      story +
      "\n\nThe dispute over the dam began in 2019, when the project was first approved by the "
      "regional parliament despite objections from three municipalities in the valley.\n\n"
      "Environmental groups have filed two appeals against the permit, and a ruling from the "
      "high court is expected before the end of the year, according to their lawyers.\n\n"
      "The construction company said it had already spent 41 million euros on the site.";
  std::string cut = story.substr(0, story.find("The mayor of Santa Orosia"));
  Deduplicator d;
  d.Add("original", story, "");
  d.Add("extended", extended, "");
  d.Add("cut", cut, "");
  auto groups = d.Groups();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members[0].id, "extended");
  auto m = ById(groups);
  EXPECT_EQ(m["original"].relation, "contained");
  EXPECT_EQ(m["cut"].relation, "contained");
  EXPECT_EQ(m["cut"].duplicate_of, "extended");
  EXPECT_GE(d.stats().contained, 1u);
}

TEST(DeduplicatorTest, EmptyAndTinyTextsAreNotCopiesByChance) {
  Deduplicator d;
  d.Add("empty1", "", "");
  d.Add("empty2", " ... ", "");
  d.Add("tiny1", "Breaking news", "");
  d.Add("tiny2", "Breaking news", "");  // the same words: still an exact copy
  d.Add("tiny3", "Breaking", "");
  d.Add("story", kStory, "");
  auto groups = d.Groups();
  ASSERT_EQ(groups.size(), 1u);
  auto m = ById(groups);
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m["tiny2"].relation, "exact");
  EXPECT_EQ(m.count("empty1"), 0u);
  EXPECT_EQ(m.count("tiny3"), 0u);
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

TEST(DeduplicatorTest, PreparedOnThreadsGivesTheSameGroups) {
  std::string story = kStory;
  std::vector<std::string> texts;
  for (int i = 0; i < 64; ++i) {
    std::string t = story;
    if (i % 3 == 1) t.replace(t.find("Police"), 6, "Guards");
    if (i % 3 == 2)
      t = "Story number " + std::to_string(i) + " about something else entirely, " +
          "with words of its own that no other story in this test shares at all.";
    texts.push_back(t);
  }
  auto run = [&](int threads) {
    Deduplicator d;
    std::vector<PreparedArticle> prepared(texts.size());
    ParallelFor(texts.size(), threads, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) d.Prepare(texts[i], &prepared[i]);
    });
    for (size_t i = 0; i < texts.size(); ++i) {
      d.Add("a" + std::to_string(i), "", texts[i].size(), prepared[i]);
    }
    std::vector<std::string> flat;
    for (const DedupGroup& g : d.Groups()) {
      for (const DedupMember& m : g.members) flat.push_back(m.id + ":" + m.relation);
      flat.push_back("|");
    }
    return flat;
  };
  auto one = run(1);
  EXPECT_EQ(one, run(2));
  EXPECT_EQ(one, run(4));
  EXPECT_FALSE(one.empty());
}

TEST(DeduplicatorTest, CopiesWithTypicalEditsJoinTheirOriginal) {
  const std::string title = "Farmers block dam works in remote valley\n\n";
  const std::string body = std::string(kStory) +
                           "\n\nThe regional president said on Sunday that he would meet the "
                           "protesters' representatives next week in the capital, but insisted "
                           "that the project was of general interest and would not be abandoned."
                           "\n\nEnvironmental groups said they would appeal to the European "
                           "Commission, arguing that the valley is a protected habitat for "
                           "several species of birds and that no alternative was studied.";
  Cleaner cleaner;
  auto clean = [&](const std::string& text) {
    Article a;
    a.text = text;
    return cleaner.Clean(a).text;
  };
  std::string headline = "Tractors stop construction of disputed reservoir\n\n" + body;
  std::string dropped = title + body.substr(0, body.rfind("\n\n"));
  std::string recased = title + body;
  for (char& c : recased) {
    if (c == ',') c = ';';
  }
  recased[title.size()] = 'f';
  std::string chrome = "Advertisement\n" + title + body + "\nShare on Facebook Share on Twitter";
  Deduplicator d;
  d.Add("original", clean(title + body), "");
  d.Add("headline", clean(headline), "");
  d.Add("dropped", clean(dropped), "");
  d.Add("recased", clean(recased), "");
  d.Add("chrome", clean(chrome), "");
  auto groups = d.Groups();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members.size(), 5u);
  // With the chrome cleaned away, and case and punctuation aside, two are exact copies of
  // the original (their relation names how they differ from the group's representative).
  EXPECT_EQ(d.stats().exact, 2u);
  auto m = ById(groups);
  EXPECT_EQ(m["chrome"].relation, m["original"].relation);
  EXPECT_EQ(m["recased"].relation, m["original"].relation);
}

std::vector<std::string> Flat(const Deduplicator& d) {
  std::vector<std::string> flat;
  for (const DedupGroup& g : d.Groups()) {
    for (const DedupMember& m : g.members) flat.push_back(m.id + ":" + m.relation);
    flat.push_back("|");
  }
  return flat;
}

TEST(DeduplicatorTest, SaveLoadAndExtendGiveTheGroupsOfOneRun) {
  std::string story = kStory;
  std::string near = story;
  near.replace(near.find("Police"), 6, "Guards");
  std::string path = testing::TempDir() + "/nw_dedup_index_" + std::to_string(::getpid());
  Deduplicator first;
  first.Add("a", story, "2026-03-14");
  first.Add("b", story, "2026-03-15");  // exact copy: stored without a signature
  first.Add("x", "Unrelated text about a storm in Galway that cut power to 40,000 homes.", "");
  ASSERT_TRUE(first.Save(path).has_value());

  Deduplicator second;
  ASSERT_TRUE(second.Load(path).has_value());
  second.Add("c", near, "");
  Deduplicator all_at_once;
  all_at_once.Add("a", story, "2026-03-14");
  all_at_once.Add("b", story, "2026-03-15");
  all_at_once.Add("x", "Unrelated text about a storm in Galway that cut power to 40,000 homes.",
                  "");
  all_at_once.Add("c", near, "");
  EXPECT_EQ(Flat(second), Flat(all_at_once));
  EXPECT_EQ(second.stats().articles, 4u);

  // Other options, a damaged file and a missing one are clear errors.
  DedupOptions other;
  other.threshold = 0.7;
  Deduplicator mismatched(other);
  auto st = mismatched.Load(path);
  ASSERT_FALSE(st.has_value());
  EXPECT_NE(st.error().message.find("other options"), std::string::npos);
  {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() - 7);
  }
  Deduplicator truncated;
  st = truncated.Load(path);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kCorruption);
  std::remove(path.c_str());
  EXPECT_EQ(Deduplicator().Load(path).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace newsweave

namespace newsweave {
namespace {

TEST(DeduplicatorTest, TranslationLinksJoinGroupsWithTheirOwnRelation) {
  const std::string fr =
      "Des agriculteurs et des habitants d'une vallée isolée ont bloqué samedi la construction "
      "d'un barrage en garant 60 tracteurs sur la seule route d'accès au chantier. Environ 1 200 "
      "personnes ont rejoint la manifestation, qui se poursuivra selon les organisateurs.";
  Deduplicator d;
  d.Add("en", kStory, "");
  d.Add("fr", fr, "");
  d.Add("fr-copy", fr, "");
  d.Add("other", "A storm cut power to 40,000 homes in Galway on Sunday night.", "");
  EXPECT_EQ(d.Groups().size(), 1u);  // only the exact French copy so far
  d.AddTranslation(0, 1);
  d.AddTranslation(1, 0);   // the same link again changes nothing
  d.AddTranslation(0, 99);  // unknown index: ignored
  auto groups = d.Groups();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members[0].id, "en");  // the longest text
  auto m = ById(groups);
  EXPECT_EQ(m["fr"].relation, "translation");
  EXPECT_EQ(m["fr-copy"].relation, "translation");
  EXPECT_EQ(m["fr"].duplicate_of, "en");
  EXPECT_EQ(m.count("other"), 0u);
  EXPECT_EQ(d.stats().translations, 1u);
}

}  // namespace
}  // namespace newsweave
