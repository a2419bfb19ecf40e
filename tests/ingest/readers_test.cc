// ReadPages: detection, dispatch and the whole-input errors.
#include "ingest/readers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/readers_testing.h"

namespace khaldun {
namespace {

using testing::Collected;
using testing::ReadInput;

struct InputCase {
  const char* name;
  std::string input;
  size_t max_input_bytes;
  StatusCode code;      // of ReadPages
  std::string message;  // exact, when code is not kOk
  size_t pages;
  PageKind kind;  // of the first page
};

std::vector<InputCase> Cases() {
  const size_t k16MiB = 16u << 20;
  const std::string text = "Shelling hit Kharkiv overnight, officials said.\n";
  const std::string html =
      "<!DOCTYPE html><html><body><p>Raid in Mali.</p></body></html>";
  const std::string binary_message =
      " (not text, HTML, JSON Lines, a feed or WARC)";
  return {
      {"Empty", "", k16MiB, StatusCode::kCorruption, "empty input", 0,
       PageKind::kText},
      {"EmptyGzip", testing::Gzip(""), k16MiB, StatusCode::kCorruption,
       "empty input", 0, PageKind::kText},
      {"WhitespaceOnly", " \r\n\t\n", k16MiB, StatusCode::kCorruption,
       "empty input (white space only)", 0, PageKind::kText},
      {"OneByte", "x", k16MiB, StatusCode::kOk, "", 1, PageKind::kText},
      {"Text", text, k16MiB, StatusCode::kOk, "", 1, PageKind::kText},
      {"GzippedText", testing::Gzip(text), k16MiB, StatusCode::kOk, "", 1,
       PageKind::kText},
      {"Html", html, k16MiB, StatusCode::kOk, "", 1, PageKind::kHtml},
      {"BrokenUtf8Text", "Kharkiv \xE9t\xE9 shelling", k16MiB,
       StatusCode::kCorruption, "invalid UTF-8 at byte 8", 0, PageKind::kText},
      {"Latin1HtmlDeclared",
       "<html><head><meta charset=\"latin1\"></head><p>\xE9</p></html>", k16MiB,
       StatusCode::kOk, "", 1, PageKind::kHtml},
      {"NulBytes", std::string("abc\0def", 7), k16MiB, StatusCode::kUnsupported,
       "binary data" + binary_message, 0, PageKind::kText},
      {"Pdf", "%PDF-1.7\n1 0 obj\n", k16MiB, StatusCode::kUnsupported,
       "a PDF file" + binary_message, 0, PageKind::kText},
      {"GzippedPng", testing::Gzip(std::string("\x89PNG\r\n\x1a\n\0\0", 10)),
       k16MiB, StatusCode::kUnsupported, "a PNG image" + binary_message, 0,
       PageKind::kText},
      {"ExactlyTheBound", std::string(1024, 'a'), 1024, StatusCode::kOk, "", 1,
       PageKind::kText},
      {"OverTheBound", std::string(1025, 'a'), 1024, StatusCode::kTooLarge,
       "larger than the 1 KiB bound (--max-bytes)", 0, PageKind::kText},
      {"TruncatedGzip", testing::Gzip(text).substr(0, 15), k16MiB,
       StatusCode::kCorruption, "truncated gzip stream", 0, PageKind::kText},
  };
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const InputCase& c, std::ostream* os) { *os << c.name; }

class ReadPagesTest : public ::testing::TestWithParam<InputCase> {};

TEST_P(ReadPagesTest, ReadsOrRejects) {
  const InputCase& c = GetParam();
  IngestOptions options;
  options.max_input_bytes = c.max_input_bytes;
  Collected out = ReadInput(c.input, options, "doc");
  EXPECT_EQ(out.status.code(), c.code) << out.status.message();
  if (c.code != StatusCode::kOk) {
    EXPECT_EQ(out.status.message(), c.message);
  }
  ASSERT_EQ(out.pages.size(), c.pages);
  if (c.pages > 0) {
    EXPECT_EQ(out.pages[0].kind, c.kind);
    EXPECT_EQ(out.pages[0].record, 0u);
    EXPECT_EQ(out.pages[0].source_file, "doc");
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ReadPagesTest, ::testing::ValuesIn(Cases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(ReadPagesTest, GzipBomb) {
  // A few MB of one letter compress about 1000:1; a ratio bound of 20 catches
  // them long before the size bound would.
  std::string bomb = testing::Gzip(std::string(4 << 20, 'a'), 9);
  IngestOptions options;
  options.max_gzip_ratio = 20;
  Collected out = ReadInput(bomb, options);
  EXPECT_EQ(out.status.code(), StatusCode::kTooLarge);
  EXPECT_EQ(out.status.message(),
            "gzip data expands more than 20 times (a decompression bomb?)");
}

TEST(ReadPagesTest, TranscodesDeclaredLatin1) {
  Collected out = ReadInput(
      "<html><head><meta charset=\"latin1\"></head><p>\xE9</p></html>");
  ASSERT_EQ(out.pages.size(), 1u);
  EXPECT_NE(out.pages[0].body.find("<p>é</p>"), std::string::npos);
}

TEST(ReadPagesTest, DispatchesEveryFixture) {
  struct Fixture {
    const char* file;
    size_t pages;
  };
  for (const Fixture& f :
       {Fixture{"news_please.jsonl", 3}, Fixture{"cc_news.jsonl", 2},
        Fixture{"rss2.xml", 3}, Fixture{"atom.xml", 2}, Fixture{"news.warc", 4},
        Fixture{"news.warc.gz", 4}}) {
    SCOPED_TRACE(f.file);
    Collected out = ReadInput(testing::ReadTestData(f.file));
    EXPECT_TRUE(out.status.ok()) << out.status.message();
    EXPECT_EQ(out.pages.size(), f.pages);
    EXPECT_TRUE(out.errors.empty());
  }
}

}  // namespace
}  // namespace khaldun
