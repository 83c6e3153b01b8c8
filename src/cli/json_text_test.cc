#include "cli/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace newsweave::cli {
namespace {

TEST(JsonTextTest, RoundTripsThroughAJsonParser) {
  const std::string samples[] = {"plain",
                                 "quote \" and backslash \\",
                                 "line\nbreak\ttab\rcr",
                                 std::string("nul\0byte", 8),
                                 "control \x01\x1f",
                                 "Élysée – “quotes” 北京 😀",
                                 ""};
  for (const std::string& s : samples) {
    std::string out;
    AppendJsonString(s, &out);
    nlohmann::json parsed = nlohmann::json::parse(out);
    EXPECT_EQ(parsed.get<std::string>(), s) << out;
  }
}

TEST(JsonTextTest, EscapesOnlyWhatItMust) {
  std::string out;
  AppendJsonString("a\"b\nc é", &out);
  EXPECT_EQ(out, "\"a\\\"b\\nc é\"");
}

}  // namespace
}  // namespace newsweave::cli
