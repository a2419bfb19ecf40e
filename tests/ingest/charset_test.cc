// ToUtf8: strict UTF-8, declared single-byte charsets transcoded, UTF-16
// by BOM.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/readers.h"

namespace khaldun {
namespace {

struct CharsetCase {
  const char* name;
  std::string input;
  std::string content_type;
  std::string expected;  // when error is empty
  std::string error;     // the exact Corruption message, or empty
};

std::vector<CharsetCase> Cases() {
  return {
      {"Empty", "", "", "", ""},
      {"WhitespaceOnly", " \n\t", "", " \n\t", ""},
      {"OneByte", "x", "", "x", ""},
      {"Ascii", "Clashes in Omdurman", "", "Clashes in Omdurman", ""},
      {"ValidUtf8PassesThrough", "Харків — Ségou", "", "Харків — Ségou", ""},
      {"NulBytesAreValidUtf8", std::string("a\0b", 3), "",
       std::string("a\0b", 3), ""},
      {"Utf8BomRemoved", "\xEF\xBB\xBFKharkiv", "", "Kharkiv", ""},
      {"OnlyABom", "\xEF\xBB\xBF", "", "", ""},
      {"BrokenUtf8Undeclared", "caf\xE9 au lait", "", "",
       "invalid UTF-8 at byte 3"},
      {"OneBadByteLateInValidText",
       std::string(1000, 'a') + "Київ" + "\xFF" + "tail", "", "",
       "invalid UTF-8 at byte 1008"},
      {"OffsetCountsTheBom",
       "\xEF\xBB\xBF"
       "ab\xC3",
       "", "", "invalid UTF-8 at byte 5"},
      {"TruncatedSequenceAtEnd", "Київ\xD0", "", "", "invalid UTF-8 at byte 8"},
      {"OverlongSlash", "a\xC0\xAF", "", "", "invalid UTF-8 at byte 1"},
      {"EncodedSurrogate", "\xED\xA0\x80", "", "", "invalid UTF-8 at byte 0"},
      {"AboveUnicodeRange", "\xF4\x90\x80\x80", "", "",
       "invalid UTF-8 at byte 0"},
      {"ContentTypeWindows1252", "caf\xE9 \x93quoted\x94",
       "text/html; charset=windows-1252", "café “quoted”", ""},
      {"ContentTypeQuotedLabel", "caf\xE9", "text/html; charset=\"ISO-8859-1\"",
       "café", ""},
      {"MetaCharset",
       "<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xE9", "",
       "<html><head><meta charset=\"iso-8859-1\"></head><body>café", ""},
      {"MetaHttpEquiv",
       "<meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=windows-1252\">\x96",
       "",
       "<meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=windows-1252\">–",
       ""},
      {"XmlDeclaration",
       "<?xml version=\"1.0\" encoding=\"latin1\"?><p>\xE9</p>", "",
       "<?xml version=\"1.0\" encoding=\"latin1\"?><p>é</p>", ""},
      {"UsAsciiMeansWindows1252", "\xE9t\xE9", "text/plain; charset=us-ascii",
       "été", ""},
      {"HttpHeaderBeatsMeta", "<meta charset=\"utf-8\">\xE9",
       "text/html; charset=latin1", "<meta charset=\"utf-8\">é", ""},
      {"DeclaredUtf8ButBroken", "<meta charset=\"utf-8\">\xE9", "", "",
       "invalid UTF-8 at byte 22"},
      {"UnsupportedDeclaredCharset", "\x82\xA0", "text/html; charset=shift_jis",
       "", "invalid UTF-8 at byte 0"},
      {"MislabelledButValidUtf8", "Ségou", "text/html; charset=iso-8859-1",
       "Ségou", ""},
      {"BomBeatsDeclaration", "\xEF\xBB\xBF\xE9",
       "text/html; charset=windows-1252", "", "invalid UTF-8 at byte 3"},
      {"Utf16LittleEndian",
       std::string("\xFF\xFE"
                   "K\0y\0i\0v\0",
                   10),
       "", "Kyiv", ""},
      {"Utf16BigEndian", std::string("\xFE\xFF\0K\0y\x04\x56", 8), "", "Kyі",
       ""},
      {"Utf16SurrogatePair", std::string("\xFF\xFE\x3D\xD8\x00\xDE", 6), "",
       "\xF0\x9F\x98\x80", ""},
      {"Utf16OddLength", std::string("\xFF\xFEK\0y", 5), "", "",
       "invalid UTF-16 at byte 4 (odd number of bytes)"},
      {"Utf16LoneSurrogate", std::string("\xFF\xFE\x00\xDC", 4), "", "",
       "invalid UTF-16 at byte 2"},
  };
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const CharsetCase& c, std::ostream* os) { *os << c.name; }

class ToUtf8Test : public ::testing::TestWithParam<CharsetCase> {};

TEST_P(ToUtf8Test, ConvertsOrReports) {
  const CharsetCase& c = GetParam();
  Result<std::string> out = ToUtf8(c.input, c.content_type);
  if (c.error.empty()) {
    ASSERT_TRUE(out.ok()) << out.status().message();
    EXPECT_EQ(*out, c.expected);
  } else {
    ASSERT_FALSE(out.ok()) << *out;
    EXPECT_EQ(out.status().code(), StatusCode::kCorruption);
    EXPECT_EQ(out.status().message(), c.error);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ToUtf8Test, ::testing::ValuesIn(Cases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace khaldun
