#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "newsweave/xling.h"

namespace newsweave {
namespace {

bool Has(const std::vector<PivotTranslation>& tr, std::string_view english) {
  return std::any_of(tr.begin(), tr.end(), [&](const auto& t) { return t.english == english; });
}

class LexiconTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = Lexicon::Open();
    ASSERT_TRUE(r) << r.error().message;
    lex_ = std::move(*r);
  }
  std::unique_ptr<Lexicon> lex_;
};

TEST_F(LexiconTest, CompiledFromFreeDictAndHunspell) {
  EXPECT_GT(lex_->size(), 500000u);
  EXPECT_FALSE(lex_->path().empty());
}

TEST_F(LexiconTest, TranslatesByFoldedForm) {
  EXPECT_TRUE(Has(lex_->Translate("fr", "guerre", "guerr"), "war"));
  EXPECT_TRUE(Has(lex_->Translate("de", "krieg", "krieg"), "war"));
  EXPECT_TRUE(Has(lex_->Translate("es", "guerra", "guerr"), "war"));
  // Accents folded: "église" is looked up as "eglise".
  EXPECT_TRUE(Has(lex_->Translate("fr", "eglise", "eglis"), "church"));
}

TEST_F(LexiconTest, TranslatesByStemWhenTheFormIsMissing) {
  // A plural form the dictionary does not list, found through its Snowball stem.
  auto tr = lex_->Translate("fr", "eglisesxyz", "églis");
  EXPECT_TRUE(Has(tr, "church"));
}

TEST_F(LexiconTest, SeveralWeightedTranslationsFirstSenseFirst) {
  auto tr = lex_->Translate("de", "haus", "haus");
  ASSERT_GE(tr.size(), 1u);
  for (std::size_t i = 1; i < tr.size(); ++i) EXPECT_GE(tr[i - 1].weight, tr[i].weight);
  EXPECT_TRUE(Has(tr, "hous"));  // English stem of "house"
}

TEST_F(LexiconTest, UnknownWordsHaveNoTranslation) {
  EXPECT_TRUE(lex_->Translate("fr", "zelensky", "zelensky").empty());
}

TEST_F(LexiconTest, CommonWordsAndNames) {
  EXPECT_TRUE(lex_->IsCommonWord("en", "house", "hous"));
  EXPECT_TRUE(lex_->IsCommonWord("fr", "maison", "maison"));
  EXPECT_TRUE(lex_->IsCommonWord("de", "haus", "haus"));
  EXPECT_TRUE(lex_->IsCommonWord("es", "casa", "cas"));
  EXPECT_FALSE(lex_->IsCommonWord("en", "zelensky", "zelenski"));
  EXPECT_FALSE(lex_->IsCommonWord("fr", "zelensky", "zelensky"));
  EXPECT_TRUE(lex_->IsKnownName("en", "london"));
}

TEST_F(LexiconTest, AnswersDoNotDependOnEarlierLookups) {
  // Lookups are cached per thread. The lexicon's hash of a short key collides across kinds:
  // "joe" as a form and "job" as a stem hash alike, yet each must get its own entry.
  auto cold = Lexicon::Open();  // a lexicon of its own: nothing of lex_'s cached for it
  ASSERT_TRUE(cold) << cold.error().message;
  const bool job_is_common = (*cold)->IsCommonWord("en", "qqqq", "job");
  EXPECT_TRUE(job_is_common);
  EXPECT_FALSE(lex_->IsCommonWord("en", "joe", ""));
  EXPECT_EQ(lex_->IsCommonWord("en", "qqqq", "job"), job_is_common);
  // Asked again in the other order, and on several words, the answers stay the same.
  for (const char* w : {"house", "maison", "guerre", "joe", "job", "zelensky"}) {
    const auto first = lex_->Translate("fr", w, w).size();
    EXPECT_EQ(lex_->Translate("fr", w, w).size(), first) << w;
    EXPECT_EQ(lex_->Translate("fr", w, w).size(), (*cold)->Translate("fr", w, w).size()) << w;
  }
}

TEST_F(LexiconTest, UserEntriesInBothForms) {
  auto n = lex_->AddUserEntries("fr", "# my words\ncessez-le-feu\tceasefire\n\nsdf @ sans-abri\n");
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(*n, 2);
  EXPECT_TRUE(Has(lex_->Translate("fr", "cessez-le-feu", ""), "ceasefir"));
  EXPECT_TRUE(Has(lex_->Translate("fr", "sans-abri", ""), "sdf"));
  // User entries come before the compiled ones.
  ASSERT_TRUE(lex_->AddUserEntries("de", "Krieg\tconflict"));
  EXPECT_EQ(lex_->Translate("de", "krieg", "krieg")[0].english, "conflict");
}

TEST_F(LexiconTest, UserLexiconFileAndErrors) {
  const std::string path = ::testing::TempDir() + "/user_lexicon.txt";
  std::ofstream(path) << "waffenruhe\tceasefire\n";
  auto n = lex_->AddUserLexicon("de", path);
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_TRUE(Has(lex_->Translate("de", "waffenruhe", ""), "ceasefir"));
  auto bad = lex_->AddUserEntries("es", "alto el fuego\tceasefire\nno separator here\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kCorruption);
  EXPECT_NE(bad.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(lex_->AddUserLexicon("de", path + ".missing"));
  std::remove(path.c_str());
}

TEST_F(LexiconTest, UserLexiconLanguageFromTheFileName) {
  const std::string path = ::testing::TempDir() + "/es-en.txt";
  std::ofstream(path) << "ceasefire @ alto-el-fuego\n";
  auto n = lex_->AddUserLexicon("", path);
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_TRUE(Has(lex_->Translate("es", "alto-el-fuego", ""), "ceasefir"));
  const std::string unnamed = ::testing::TempDir() + "/words.txt";
  std::ofstream(unnamed) << "a\tb\n";
  EXPECT_FALSE(lex_->AddUserLexicon("", unnamed));
  std::remove(path.c_str());
  std::remove(unnamed.c_str());
}

TEST(LexiconOpenTest, RejectsFilesThatAreNotLexicons) {
  const std::string path = ::testing::TempDir() + "/not_a_lexicon.lex";
  std::ofstream(path) << std::string(100, 'x');
  auto r = Lexicon::Open({path});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kCorruption);
  EXPECT_FALSE(Lexicon::Open({path + ".missing"}));
  std::remove(path.c_str());
}

// A header whose ranges fit the file but whose table points at entries with strings and
// targets far outside it (what fuzzing found): opened, and every lookup finds nothing.
TEST(LexiconOpenTest, CorruptEntriesReadAsUnknownWords) {
  const std::string path = ::testing::TempDir() + "/corrupt.lex";
  std::string file(256, '\0');
  auto put32 = [&](std::size_t at, std::uint32_t v) { std::memcpy(&file[at], &v, 4); };
  auto put64 = [&](std::size_t at, std::uint64_t v) { std::memcpy(&file[at], &v, 8); };
  std::memcpy(&file[0], "NWXLEX01", 8);
  put32(8, 2);     // entries
  put32(12, 1);    // targets
  put32(16, 4);    // table slots
  put64(24, 64);   // entries at 64 (2 x 16 bytes)
  put64(32, 96);   // targets at 96 (8 bytes)
  put64(40, 112);  // table at 112 (4 x 4 bytes)
  put64(48, 128);  // strings at 128
  put64(56, 16);   // 16 bytes of strings
  for (int slot = 0; slot < 4; ++slot) put32(112 + 4 * slot, 1 + slot % 2);  // no empty slot
  for (int e = 0; e < 2; ++e) {
    put32(64 + 16 * e, 0xfffffff0u);  // key far past the strings
    file[64 + 16 * e + 4] = 2;        // key length
    file[64 + 16 * e + 6] = 'f';
    file[64 + 16 * e + 7] = 'r';
    put32(64 + 16 * e + 8, 0);                        // first target
    file[64 + 16 * e + 12] = static_cast<char>(200);  // 200 targets of 1
  }
  std::ofstream(path, std::ios::binary) << file;
  auto r = Lexicon::Open({path});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE((*r)->Translate("fr", "ab", "ab").empty());
  EXPECT_FALSE((*r)->IsCommonWord("fr", "maison", "maison"));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace newsweave
