#include "newsweave/html_extractor.h"

#include <gtest/gtest.h>

namespace newsweave {
namespace {

TEST(HtmlExtractorTest, Placeholder) {
  ExtractedPage p = HtmlExtractor().Extract("<p>x</p>");
  EXPECT_EQ(p.blocks.size(), 1u);
}

}  // namespace
}  // namespace newsweave
