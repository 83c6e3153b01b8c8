#include "ingest/input_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/test_util.h"

namespace newsweave::ingest {
namespace {

using testing_util::AppendGzipMember;
using testing_util::ScratchDir;
using testing_util::WriteFile;

std::unique_ptr<InputFile> OpenOrDie(const std::string& path) {
  Result<std::unique_ptr<InputFile>> in = InputFile::Open(path);
  EXPECT_TRUE(in.has_value()) << (in ? "" : in.error().message);
  return in ? std::move(*in) : nullptr;
}

TEST(InputFileTest, ReadsPlainAndMultiMemberGzip) {
  ScratchDir dir;
  WriteFile(dir / "plain.txt", "hello world");
  AppendGzipMember(dir / "multi.gz", "first member, ");
  AppendGzipMember(dir / "multi.gz", "second member");
  std::string s;
  ASSERT_TRUE(ReadAll(OpenOrDie(dir / "plain.txt").get(), 100, &s));
  EXPECT_EQ(s, "hello world");
  auto gz = OpenOrDie(dir / "multi.gz");
  ASSERT_TRUE(ReadAll(gz.get(), 100, &s));
  EXPECT_EQ(s, "first member, second member");
  EXPECT_TRUE(gz->compressed());
}

TEST(InputFileTest, ReadAllEnforcesLimit) {
  ScratchDir dir;
  WriteFile(dir / "f", std::string(1000, 'x'));
  std::string s;
  Status st = ReadAll(OpenOrDie(dir / "f").get(), 999, &s);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kTooLarge);
  EXPECT_TRUE(ReadAll(OpenOrDie(dir / "f").get(), 1000, &s, 1000));
  EXPECT_EQ(s.size(), 1000u);
}

TEST(InputFileTest, MissingFileIsNotFound) {
  Result<std::unique_ptr<InputFile>> in = InputFile::Open("/nonexistent/nw/file.txt");
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, ErrorCode::kNotFound);
}

TEST(InputFileTest, TruncatedGzipIsCorruption) {
  ScratchDir dir;
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i * 7919 % 10007) + "\n";
  AppendGzipMember(dir / "full.gz", text);
  std::string gz;
  ASSERT_TRUE(ReadAll(OpenOrDie(dir / "full.gz").get(), 1 << 20, &gz));  // sanity
  std::FILE* f = std::fopen((dir / "full.gz").c_str(), "rb");
  std::string raw(1 << 20, '\0');
  raw.resize(std::fread(raw.data(), 1, raw.size(), f));
  std::fclose(f);
  WriteFile(dir / "cut.gz", raw.substr(0, raw.size() / 2));
  std::string s;
  Status st = ReadAll(OpenOrDie(dir / "cut.gz").get(), 1 << 20, &s);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kCorruption);
}

// Splits `content` with a LineReader and returns "L:<line>" / "T" (too long) per result.
std::vector<std::string> Split(const std::string& content, std::size_t max_line,
                               std::size_t chunk) {
  ScratchDir dir;
  WriteFile(dir / "lines", content);
  auto in = OpenOrDie(dir / "lines");
  LineReader reader(in.get(), max_line, chunk);
  std::vector<std::string> out;
  std::string_view line;
  for (;;) {
    LineReader::Outcome r = reader.Next(&line);
    if (r == LineReader::Outcome::kEnd) break;
    EXPECT_NE(r, LineReader::Outcome::kError);
    if (r == LineReader::Outcome::kError) break;
    std::string tag = std::to_string(reader.line_number()) + ":";
    out.push_back(r == LineReader::Outcome::kTooLong ? tag + "T" : tag + std::string(line));
  }
  return out;
}

TEST(LineReaderTest, SplitsLinesAndSkipsLongOnes) {
  std::string a(9999, 'a'), b(10000, 'b'), c(10001, 'c'), d(50000, 'd');
  std::string content = "first\r\n\n" + a + "\n" + b + "\r\n" + c + "\n" + d + "\nlast";
  for (std::size_t chunk : {4096u, 8192u, 65536u, 1u << 20}) {
    std::vector<std::string> got = Split(content, 10000, chunk);
    ASSERT_EQ(got.size(), 7u) << chunk;
    EXPECT_EQ(got[0], "1:first");
    EXPECT_EQ(got[1], "2:");
    EXPECT_EQ(got[2], "3:" + a);
    EXPECT_EQ(got[3], "4:" + b);
    EXPECT_EQ(got[4], "5:T");
    EXPECT_EQ(got[5], "6:T");
    EXPECT_EQ(got[6], "7:last");
  }
}

TEST(LineReaderTest, LongLastLineWithoutNewline) {
  std::vector<std::string> got = Split("ok\n" + std::string(100000, 'x'), 1000, 4096);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], "1:ok");
  EXPECT_EQ(got[1], "2:T");
}

}  // namespace
}  // namespace newsweave::ingest
