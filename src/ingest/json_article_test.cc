#include "ingest/json_article.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsweave::ingest {
namespace {

// Parses `json` as a line of file "dir/feed.jsonl".
class JsonArticleTest : public ::testing::Test {
 protected:
  Status Parse(const std::string& json, std::uint64_t line = 7) {
    buffer_ = json + std::string(JsonArticleParser::kPadding, ' ');
    article_ = Article();
    article_.file = "dir/feed.jsonl";
    article_.line = line;
    warnings_.clear();
    return parser_.Parse(std::string_view(buffer_.data(), json.size()), line, &article_,
                         &warnings_);
  }

  JsonArticleParser parser_{64};
  std::string buffer_;
  Article article_;
  std::vector<std::string> warnings_;
};

TEST_F(JsonArticleTest, ContractFields) {
  ASSERT_TRUE(
      Parse(R"({"id":"a1","url":"https://x.org/1","source":"X News","title":" T ",)"
            R"("text":"  Body\ntext ","published":"2024-01-02T03:04:05Z","lang":"en-GB"})"));
  EXPECT_EQ(article_.id, "a1");
  EXPECT_EQ(article_.url, "https://x.org/1");
  EXPECT_EQ(article_.source, "X News");
  EXPECT_EQ(article_.title, "T");
  EXPECT_EQ(article_.text, "  Body\ntext ");  // raw text is kept as given
  EXPECT_EQ(article_.published, "2024-01-02T03:04:05Z");
  EXPECT_EQ(article_.lang, "en");
  EXPECT_EQ(article_.line, 7u);
  EXPECT_TRUE(warnings_.empty());
}

TEST_F(JsonArticleTest, NewsPleaseFields) {
  ASSERT_TRUE(Parse(R"({"authors":["A"],"date_download":"2024-01-03 10:00:00",)"
                    R"("date_publish":"2024-01-02 09:00:00","description":"d","language":"de",)"
                    R"("maintext":"Der Text.","source_domain":"www.zeit.de","text":null,)"
                    R"("title":"Titel","url":"https://www.zeit.de/a"})"));
  EXPECT_EQ(article_.id, "https://www.zeit.de/a");
  EXPECT_EQ(article_.text, "Der Text.");
  EXPECT_EQ(article_.published, "2024-01-02 09:00:00");
  EXPECT_EQ(article_.lang, "de");
  EXPECT_EQ(article_.source, "www.zeit.de");
  EXPECT_EQ(article_.title, "Titel");
}

TEST_F(JsonArticleTest, Newspaper3kFields) {
  ASSERT_TRUE(Parse(R"({"title":"Headline","text":"Story.","publish_date":"2023-05-06",)"
                    R"("meta_lang":"es","url":"http://elpais.com/x","authors":[]})"));
  EXPECT_EQ(article_.text, "Story.");
  EXPECT_EQ(article_.published, "2023-05-06");
  EXPECT_EQ(article_.lang, "es");
  EXPECT_EQ(article_.source, "elpais.com");  // host of the url
}

TEST_F(JsonArticleTest, TrafilaturaFields) {
  ASSERT_TRUE(Parse(R"({"title":"T","raw_text":"Raw body.","date":"2022-02-02",)"
                    R"("hostname":"lemonde.fr","language":"fr","fingerprint":"abc"})"));
  EXPECT_EQ(article_.text, "Raw body.");
  EXPECT_EQ(article_.published, "2022-02-02");
  EXPECT_EQ(article_.source, "lemonde.fr");
  EXPECT_EQ(article_.lang, "fr");
  EXPECT_EQ(article_.id, "feed.jsonl:7");  // no id, no url
  // With both, trafilatura's "text" wins over "raw_text".
  ASSERT_TRUE(Parse(R"({"raw_text":"raw","text":"formatted"})"));
  EXPECT_EQ(article_.text, "formatted");
}

TEST_F(JsonArticleTest, PrecedenceIgnoresNullAndEmpty) {
  ASSERT_TRUE(Parse(R"({"text":"","maintext":null,"raw_text":"third","date":"d",)"
                    R"("published":null,"publish_date":"p","lang":null,"meta_lang":"it"})"));
  EXPECT_EQ(article_.text, "third");
  EXPECT_EQ(article_.published, "p");
  EXPECT_EQ(article_.lang, "it");
}

TEST_F(JsonArticleTest, NumbersAreConvertedOtherTypesWarned) {
  ASSERT_TRUE(Parse(R"({"id":12345,"text":"t","title":true,"source":["a"],"published":1.5e9,)"
                    R"("url":{"x":1}})"));
  EXPECT_EQ(article_.id, "12345");
  EXPECT_EQ(article_.published, "1500000000");
  EXPECT_EQ(article_.title, "");
  EXPECT_EQ(article_.source, "");
  ASSERT_EQ(warnings_.size(), 3u);
  EXPECT_EQ(warnings_[0], "field \"title\" is a boolean, not a string; ignored");
  EXPECT_EQ(warnings_[1], "field \"source\" is an array, not a string; ignored");
  EXPECT_EQ(warnings_[2], "field \"url\" is an object, not a string; ignored");
  ASSERT_TRUE(Parse(R"({"id":-3,"text":18446744073709551615})"));
  EXPECT_EQ(article_.id, "-3");
  EXPECT_EQ(article_.text, "18446744073709551615");
}

TEST_F(JsonArticleTest, MissingTextIsAnError) {
  Status st = Parse(R"({"title":"T","text":null,"maintext":null})");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message, "no text field (looked for text, maintext, raw_text)");
  st = Parse(R"({"text":"   "})");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message, "empty text (text, maintext and raw_text are blank)");
}

TEST_F(JsonArticleTest, MalformedAndNonObjects) {
  Status st = Parse(R"({"text": "unterminated)");
  ASSERT_FALSE(st);
  EXPECT_TRUE(st.error().message.starts_with("malformed JSON (")) << st.error().message;
  st = Parse(R"(["text"])");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message, "not a JSON object");
  st = Parse(R"({"text":"a"} trailing)");
  EXPECT_FALSE(st);
}

TEST_F(JsonArticleTest, InvalidUtf8IsRepaired) {
  ASSERT_TRUE(Parse("{\"text\":\"caf\xe9 ok\",\"title\":\"\xff\"}"));
  EXPECT_EQ(article_.text, "caf\xEF\xBF\xBD ok");
  EXPECT_EQ(article_.title, "\xEF\xBF\xBD");
  EXPECT_EQ(article_.replaced_bytes, 2u);
  ASSERT_TRUE(Parse(R"({"text":"fine"})"));
  EXPECT_EQ(article_.replaced_bytes, 0u);
}

TEST_F(JsonArticleTest, DeepNestingIsRejected) {
  std::string deep =
      "{\"text\":\"x\",\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  Status st = Parse(deep);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(st.error().message, "JSON nested deeper than 64 levels (max_json_depth)");
  std::string unbalanced(100000, '{');
  EXPECT_FALSE(Parse(unbalanced));
  ASSERT_TRUE(Parse(R"({"text":"still works"})"));
  EXPECT_EQ(article_.text, "still works");
}

TEST_F(JsonArticleTest, DocumentArray) {
  std::string json = R"([{"id":"a","text":"one"},{"title":"no text"},{"text":"three"}])";
  std::string buffer = json + std::string(JsonArticleParser::kPadding, ' ');
  bool is_array = false;
  ASSERT_TRUE(parser_.ParseDocument(std::string_view(buffer.data(), json.size()), &is_array));
  EXPECT_TRUE(is_array);
  std::vector<std::string> ids, errors;
  Article a;
  a.file = "x/list.json";
  Status st;
  for (std::uint64_t i = 1; parser_.NextDocumentArticle(i, &a, &st, nullptr); ++i) {
    if (st) {
      ids.push_back(a.id + "=" + a.text);
    } else {
      errors.push_back(st.error().message);
    }
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a=one", "list.json:3=three"}));
  EXPECT_EQ(errors.size(), 1u);

  json = R"({"text":"single","title":"S"})";
  buffer = json + std::string(JsonArticleParser::kPadding, ' ');
  ASSERT_TRUE(parser_.ParseDocument(std::string_view(buffer.data(), json.size()), &is_array));
  EXPECT_FALSE(is_array);
  ASSERT_TRUE(parser_.NextDocumentArticle(0, &a, &st, nullptr));
  ASSERT_TRUE(st);
  EXPECT_EQ(a.id, "list");  // the file name without extension
  EXPECT_FALSE(parser_.NextDocumentArticle(0, &a, &st, nullptr));
}

TEST(JsonArticleParserTest, LoneSurrogateEscapesAreReplacedNotFatal) {
  JsonArticleParser parser(64);
  Article a;
  std::vector<std::string> warnings;
  // A high surrogate cut from its pair, a lone low one, a proper pair, an escaped backslash.
  std::string line =
      R"({"id":"s1","text":"cut \ud83d here, low \udc00 too, pair \ud83d\ude00, path C:\\ud800"})";
  ASSERT_TRUE(parser.Parse(line, 1, &a, &warnings).has_value());
  EXPECT_EQ(a.text, "cut \xEF\xBF\xBD here, low \xEF\xBF\xBD too, pair 😀, path C:\\ud800");
  EXPECT_EQ(a.replaced_bytes, 2u);
}

}  // namespace
}  // namespace newsweave::ingest
