#include "text/utf8.h"

#include <gtest/gtest.h>

namespace newsweave::text {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII text that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("Élysée, Straße, año, Київ, 北京, 😀"));
}

TEST(Utf8Test, RejectsIllFormedSequences) {
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));           // Latin-1 é
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));       // truncated at end
}

TEST(Utf8Test, RepairReplacesEachIllFormedSubpart) {
  std::string out;
  EXPECT_EQ(RepairUtf8("caf\xE9 cr\xE8me", &out), 2u);
  EXPECT_EQ(out, "caf\xEF\xBF\xBD cr\xEF\xBF\xBDme");
  out.clear();
  // A truncated 3-byte sequence is one subpart, replaced once.
  EXPECT_EQ(RepairUtf8("a\xE2\x82z", &out), 1u);
  EXPECT_EQ(out, "a\xEF\xBF\xBDz");
  out.clear();
  EXPECT_EQ(RepairUtf8("intact é", &out), 0u);
  EXPECT_EQ(out, "intact é");
  EXPECT_TRUE(IsValidUtf8(out));
}

TEST(Utf8Test, DetectsBinary) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_TRUE(LooksBinary(png));
  EXPECT_FALSE(LooksBinary("An ordinary line of news.\nAnother one.\n"));
  EXPECT_FALSE(LooksBinary(""));
}

}  // namespace
}  // namespace newsweave::text
