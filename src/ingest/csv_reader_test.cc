#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

namespace newsweave::ingest {
namespace {

TEST(CsvReaderTest, QuotedFieldsHoldCommasLineBreaksAndQuotes) {
  std::string data =
      "\xEF\xBB\xBFpair_id,text1,Overall\r\n"
      "1_2,\"Madrid, 3 mars.\nLe \"\"plan\"\" a \xC3\xA9t\xC3\xA9 adopt\xC3\xA9.\",1.5\n"
      "3_4,,4\n";
  CsvReader reader(data);
  std::vector<std::string> row;
  ASSERT_TRUE(reader.NextRow(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"pair_id", "text1", "Overall"}));
  ASSERT_TRUE(reader.NextRow(&row));
  ASSERT_EQ(row.size(), 3u);
  EXPECT_EQ(row[1], "Madrid, 3 mars.\nLe \"plan\" a \xC3\xA9t\xC3\xA9 adopt\xC3\xA9.");
  EXPECT_EQ(row[2], "1.5");
  ASSERT_TRUE(reader.NextRow(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"3_4", "", "4"}));
  EXPECT_FALSE(reader.NextRow(&row));
  EXPECT_TRUE(reader.error().empty());
}

TEST(CsvReaderTest, UnterminatedQuoteIsAnErrorWithItsLine) {
  std::string data = "a,b\n\"open,\nstill open";
  CsvReader reader(data);
  std::vector<std::string> row;
  ASSERT_TRUE(reader.NextRow(&row));
  EXPECT_FALSE(reader.NextRow(&row));
  EXPECT_EQ(reader.error(), "line 2: unterminated quoted field");
}

}  // namespace
}  // namespace newsweave::ingest
