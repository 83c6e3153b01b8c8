#include "ingest/encoding.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "text/utf8.h"

namespace newsweave::ingest {
namespace {

TEST(EncodingTest, ValidUtf8IsKept) {
  DecodedText d = DecodeToUtf8("Déjà vu, 東京", "windows-1252");
  EXPECT_EQ(d.text, "Déjà vu, 東京");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.replaced, 0u);
}

TEST(EncodingTest, Utf8BomIsStripped) {
  DecodedText d = DecodeToUtf8(
      "\xEF\xBB\xBF"
      "café");
  EXPECT_EQ(d.text, "café");
  EXPECT_EQ(d.encoding, "UTF-8");
  d =
      DecodeOwnedToUtf8(std::string("\xEF\xBB\xBF"
                                    "abc"));
  EXPECT_EQ(d.text, "abc");
}

TEST(EncodingTest, Utf16Boms) {
  std::string le(
      "\xFF\xFE"
      "c\0a\0f\0\xE9\0 \0\xAC\x20",
      14);
  DecodedText d = DecodeToUtf8(le);
  EXPECT_EQ(d.text, "café €");
  EXPECT_EQ(d.encoding, "UTF-16LE");
  std::string be("\xFE\xFF\0O\0K", 6);
  EXPECT_EQ(DecodeToUtf8(be).text, "OK");
  // An unpaired surrogate is replaced and counted.
  std::string bad(
      "\xFF\xFE"
      "a\0\x00\xD8"
      "b\0",
      8);
  d = DecodeToUtf8(bad);
  EXPECT_EQ(d.text,
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(d.replaced, 1u);
}

TEST(EncodingTest, Latin1FrenchWithoutDeclaration) {
  std::string latin1 =
      "Un caf\xe9 cr\xe8me \xe0 la gare, c'est l'\xe9t\xe9 \xe0 Paris. Le gar\xe7on a "
      "apport\xe9 deux cr\xeapes et une th\xe9i\xe8re.";
  DecodedText d = DecodeToUtf8(latin1);
  EXPECT_EQ(d.text,
            "Un café crème à la gare, c'est l'été à Paris. Le garçon a apporté deux crêpes et "
            "une théière.");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.replaced, 0u);
}

TEST(EncodingTest, Windows1252SpecialsWithoutDeclaration) {
  std::string cp1252 =
      "Le prix est de 5 \x80 par personne et il a dit \x93"
      "bonjour\x94 \x96 puis il est "
      "parti\x85 C\x92"
      "est l'\xe9t\xe9.";
  DecodedText d = DecodeToUtf8(cp1252);
  EXPECT_EQ(d.text,
            "Le prix est de 5 € par personne et il a dit “bonjour” – puis il est parti… "
            "C’est l'été.");
  EXPECT_EQ(d.encoding, "windows-1252");
}

TEST(EncodingTest, DeclaredCharsetIsUsed) {
  // 0xB1 is "ą" in ISO-8859-2 and "±" in windows-1252.
  DecodedText d = DecodeToUtf8("Wroc\xb3\x61w, \xb1", "ISO-8859-2");
  EXPECT_EQ(d.text, "Wrocław, ą");
  EXPECT_EQ(d.encoding, "ISO-8859-2");
  // iso-8859-1 as declared is read as windows-1252, as browsers do.
  d = DecodeToUtf8("5 \x80", "\"iso-8859-1\"");
  EXPECT_EQ(d.text, "5 €");
  EXPECT_EQ(d.encoding, "windows-1252");
  d = DecodeToUtf8("\xcf\xf0\xe8\xe2\xe5\xf2", "windows-1251");
  EXPECT_EQ(d.text, "Привет");
  // An unknown label falls through to detection.
  d = DecodeToUtf8("Un caf\xe9 cr\xe8me \xe0 la gare, c'est l'\xe9t\xe9.", "no-such-charset");
  EXPECT_EQ(d.text, "Un café crème à la gare, c'est l'été.");
}

TEST(EncodingTest, MostlyUtf8IsRepairedAndCounted) {
  DecodedText d = DecodeToUtf8("Déjà vu \xff et café \xc3 fin", "windows-1252");
  EXPECT_EQ(d.text, "Déjà vu \xEF\xBF\xBD et café \xEF\xBF\xBD fin");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.replaced, 2u);
}

TEST(EncodingTest, GarbageNeverCrashesAndIsValidUtf8) {
  std::mt19937 rng(42);
  for (int len : {0, 1, 2, 3, 4, 7, 64, 1000, 70000}) {
    for (int round = 0; round < (len > 1000 ? 2 : 20); ++round) {
      std::string bytes(len, '\0');
      for (char& c : bytes) c = static_cast<char>(rng());
      for (const char* declared : {"", "utf-8", "windows-1252", "shift_jis", "utf-16", "bogus"}) {
        DecodedText d = DecodeToUtf8(bytes, declared);
        ASSERT_TRUE(text::IsValidUtf8(d.text)) << len << " " << declared;
        EXPECT_FALSE(d.encoding.empty());
      }
    }
  }
}

TEST(EncodingTest, CharsetFromContentType) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=ISO-8859-1"), "ISO-8859-1");
  EXPECT_EQ(CharsetFromContentType("text/html;charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html; Charset = 'koi8-r' ; q=1"), "koi8-r");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_EQ(CharsetFromContentType("text/html; format=flowed"), "");
}

}  // namespace
}  // namespace newsweave::ingest
