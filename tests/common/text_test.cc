#include "common/text.h"

#include <string>

#include "gtest/gtest.h"

namespace khaldun {
namespace {

struct Utf8Case {
  const char* name;
  std::string input;
  size_t first_invalid;
};

TEST(TextTest, FindInvalidUtf8) {
  const Utf8Case cases[] = {
      {"empty", "", kNpos},
      {"ascii", "Kherson, Ukraine", kNpos},
      {"long ascii", std::string(1000, 'a'), kNpos},
      {"two byte", "caf\xC3\xA9", kNpos},
      {"three byte", "\xE2\x80\x94 dash", kNpos},
      {"four byte", "\xF0\x9F\x98\x80", kNpos},
      {"lone continuation", "ab\x80", 2},
      {"truncated two byte at end", "abc\xC3", 3},
      {"overlong slash", "\xC0\xAF", 0},
      {"overlong three byte", "\xE0\x80\xAF", 0},
      {"surrogate", "x\xED\xA0\x80", 1},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
      {"invalid after long ascii", std::string(20, 'a') + "\xFF", 20},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FindInvalidUtf8(c.input), c.first_invalid) << c.name;
  }
}

TEST(TextTest, RepairAndCount) {
  EXPECT_EQ(CountInvalidUtf8("a\xFF" "b\xC3"), 2u);
  EXPECT_EQ(RepairUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(RepairUtf8(""), "");
}

TEST(TextTest, Windows1252) {
  EXPECT_EQ(Windows1252ToUtf8("caf\xE9 \x93quoted\x94 \x80"),
            "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC");
  EXPECT_EQ(Windows1252ToUtf8("\x81"), "\xC2\x81");  // hole maps to C1 control
}

TEST(TextTest, CollapseWhitespace) {
  EXPECT_EQ(CollapseWhitespace(""), "");
  EXPECT_EQ(CollapseWhitespace(" \t\n "), "");
  EXPECT_EQ(CollapseWhitespace("  a \n\n b  "), "a b");
  EXPECT_EQ(CollapseWhitespace("a\xC2\xA0\xC2\xA0" "b"), "a b");       // NBSP
  EXPECT_EQ(CollapseWhitespace("a\xE2\x80\x8B" "b"), "a b");            // ZWSP
  EXPECT_EQ(CollapseWhitespace("caf\xC3\xA9 ok"), "caf\xC3\xA9 ok");
}

TEST(TextTest, CaseHelpers) {
  EXPECT_TRUE(EqualsIgnoreCase("Captcha", "CAPTCHA"));
  EXPECT_FALSE(EqualsIgnoreCase("Captcha", "Captch"));
  EXPECT_TRUE(StartsWithIgnoreCase("WARC/1.0", "warc/"));
  EXPECT_TRUE(EndsWithIgnoreCase("page.HTML", ".html"));
  EXPECT_EQ(FindIgnoreCase("<HTML><Body>", "<body"), 6u);
  EXPECT_EQ(FindIgnoreCase("abc", "abcd"), kNpos);
}

TEST(TextTest, HashIsStableAndSpreads) {
  // Pinned values: ids must not change between releases.
  EXPECT_EQ(Hex64(Hash64("")), Hex64(Hash64("")));
  EXPECT_NE(Hash64("a"), Hash64("b"));
  EXPECT_NE(Hash64("ab", 0), Hash64("ab", 1));
  EXPECT_EQ(Hex64(0x0123456789abcdefULL), "0123456789abcdef");
  EXPECT_EQ(Hex64(Hash64("khaldun")), "998f8bad0ccdb222") << "article ids changed";
}

}  // namespace
}  // namespace khaldun
