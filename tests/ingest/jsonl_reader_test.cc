// JSON Lines corpora: field mapping, error reporting per line, streaming.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/readers.h"
#include "ingest/readers_testing.h"

namespace khaldun {
namespace {

using testing::Collected;
using testing::ReadJsonl;

// One line in, one page (or one error) out.
struct LineCase {
  const char* name = "";
  std::string line = {};
  // Expected page; ignored when `error` is set.
  PageKind kind = PageKind::kCleanText;
  std::string body = {};
  std::string url = {};
  std::string title = {};
  std::string published = {};
  std::vector<std::string> authors = {};
  std::string error = {};  // message prefix of the reported error
};

std::vector<LineCase> LineCases() {
  std::vector<LineCase> cases;
  auto add = [&](LineCase c) { cases.push_back(std::move(c)); };
  add({.name = "MinimalText",
       .line = R"({"text": "Clashes in Omdurman."})",
       .body = "Clashes in Omdurman."});
  add({.name = "Escapes",
       .line =
           R"({"text": "He said \"no\".\nNext\tline \\ slash \/ \u00e9 \ud83d\ude00"})",
       .body = "He said \"no\".\nNext\tline \\ slash / é 😀"});
  add({.name = "RawUnicode",
       .line = R"({"text": "Харків, Ségou, الفاشر"})",
       .body = "Харків, Ségou, الفاشر"});
  add({.name = "NestedObjectsIgnored",
       .line =
           R"({"meta": {"text": "not this", "url": "x"}, "text": "this", "tags": [{"a": [1, {"b": null}]}]})",
       .body = "this"});
  add({.name = "ArticleAsObjectIsNoBody",
       .line = R"({"article": {"body": "x"}})",
       .error = "no text or html field"});
  add({.name = "AuthorsListOfStrings",
       .line =
           R"({"text": "t", "authors": ["Olena Marchenko", " Amadou Traoré ", "", "Olena Marchenko"]})",
       .body = "t",
       .authors = {"Olena Marchenko", "Amadou Traoré"}});
  add({.name = "AuthorsListOfObjects",
       .line =
           R"({"text": "t", "authors": [{"name": "Hiba Osman"}, {"id": 3}, 7, {"name": null}]})",
       .body = "t",
       .authors = {"Hiba Osman"}});
  add({.name = "AuthorSingleString",
       .line = R"({"text": "t", "author": "Claire Dubois"})",
       .body = "t",
       .authors = {"Claire Dubois"}});
  add({.name = "AuthorSingleObject",
       .line = R"({"text": "t", "author": {"name": "AFP"}})",
       .body = "t",
       .authors = {"AFP"}});
  add({.name = "AuthorsBeatsAuthor",
       .line = R"({"author": "Desk", "text": "t", "authors": ["Reporter"]})",
       .body = "t",
       .authors = {"Reporter"}});
  add({.name = "HtmlOnly",
       .line = R"({"html": "<p>Raid in Mali</p>", "url": "https://a"})",
       .kind = PageKind::kHtml,
       .body = "<p>Raid in Mali</p>",
       .url = "https://a"});
  add({.name = "RawHtml",
       .line = R"({"raw_html": "<p>x</p>"})",
       .kind = PageKind::kHtml,
       .body = "<p>x</p>"});
  add({.name = "TextPreferredOverHtml",
       .line = R"({"html": "<p>x</p>", "text": "x"})",
       .body = "x"});
  add({.name = "EmptyTextFallsBackToHtml",
       .line = R"({"text": "  ", "content_html": "<p>y</p>"})",
       .kind = PageKind::kHtml,
       .body = "<p>y</p>"});
  add({.name = "EmptyTextOnly",
       .line = R"({"text": "", "url": "https://a"})",
       .error = "empty text or html field"});
  add({.name = "NullTextIsAbsent",
       .line = R"({"text": null})",
       .error = "no text or html field"});
  add({.name = "NumberTextIsAbsent",
       .line = R"({"text": 12, "html": "<p>h</p>"})",
       .kind = PageKind::kHtml,
       .body = "<p>h</p>"});
  add({.name = "NoBodyField",
       .line = R"({"url": "https://a", "title": "Headline only"})",
       .error = "no text or html field"});
  add({.name = "EmptyObject", .line = "{}", .error = "no text or html field"});
  add({.name = "MaintextBeatsTextWhateverTheOrder",
       .line = R"({"text": "second choice", "maintext": "first choice"})",
       .body = "first choice"});
  add({.name = "BodyFieldNames",
       .line = R"({"body": "from body"})",
       .body = "from body"});
  add({.name = "ContentFieldName",
       .line = R"({"content": "from content"})",
       .body = "from content"});
  add({.name = "UrlBeatsLink",
       .line =
           R"({"link": "https://link", "text": "t", "url": " https://url "})",
       .body = "t",
       .url = "https://url"});
  add({.name = "SourceUrl",
       .line = R"({"source_url": "https://s", "text": "t"})",
       .body = "t",
       .url = "https://s"});
  add({.name = "PetrarchPeerUrl",
       .line =
           R"({"url": "peer:petrarch2_gsr/AFP0808020625_4", "title": "", "text": "The stopover came as the US leader prepared to attend the Beijing Olympics.", "date": "20080804"})",
       .body = "The stopover came as the US leader prepared to attend the "
               "Beijing Olympics.",
       .url = "peer:petrarch2_gsr/AFP0808020625_4",
       .published = "20080804"});
  add({.name = "HeadlineField",
       .line = R"({"headline": "Army and RSF clash", "text": "t"})",
       .body = "t",
       .title = "Army and RSF clash"});
  add({.name = "NullTitle",
       .line = R"({"title": null, "text": "t"})",
       .body = "t"});
  add({.name = "DatePublishBeatsDate",
       .line =
           R"({"date": "2024-01-02", "date_publish": "2024-01-01 10:00:00", "text": "t"})",
       .body = "t",
       .published = "2024-01-01 10:00:00"});
  add({.name = "NullDatePublishFallsBack",
       .line =
           R"({"date_publish": null, "datePublished": "2024-02-03", "text": "t"})",
       .body = "t",
       .published = "2024-02-03"});
  add({.name = "NumericDate",
       .line = R"({"pubdate": 20080804, "text": "t"})",
       .body = "t",
       .published = "20080804"});
  add({.name = "DuplicateKeyFirstWins",
       .line = R"({"text": "first", "text": "second"})",
       .body = "first"});
  add({.name = "NotAnObject",
       .line = R"([{"text": "t"}])",
       .error = "not a JSON object"});
  add({.name = "BareString",
       .line = R"("text")",
       .error = "not a JSON object"});
  add({.name = "TrailingComma",
       .line = R"({"text": "t",})",
       .error = "invalid JSON: "});
  add({.name = "UnterminatedString",
       .line = R"({"text": "t)",
       .error = "invalid JSON: "});
  add({.name = "TruncatedObject",
       .line = R"({"text": "Shelling in Kharkiv", "url": )",
       .error = "invalid JSON: "});
  add({.name = "InvalidUtf8InString",
       .line = "{\"text\": \"caf\xE9\"}",
       .error = "invalid JSON: "});
  add({.name = "TwoObjectsOnOneLine",
       .line = R"({"text": "a"} {"text": "b"})",
       .error = "invalid JSON: "});
  return cases;
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const LineCase& c, std::ostream* os) { *os << c.name; }

class JsonlLineTest : public ::testing::TestWithParam<LineCase> {};

TEST_P(JsonlLineTest, MapsFields) {
  const LineCase& c = GetParam();
  Collected out = ReadJsonl(c.line + "\n");
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  if (!c.error.empty()) {
    EXPECT_TRUE(out.pages.empty());
    ASSERT_EQ(out.errors.size(), 1u);
    EXPECT_EQ(out.errors[0].path, "in:1");
    EXPECT_EQ(out.errors[0].status.code(), StatusCode::kCorruption);
    EXPECT_EQ(out.errors[0].status.message().rfind(c.error, 0), 0u)
        << out.errors[0].status.message();
    return;
  }
  ASSERT_TRUE(out.errors.empty()) << out.errors[0].status.message();
  ASSERT_EQ(out.pages.size(), 1u);
  const Page& page = out.pages[0];
  EXPECT_EQ(page.kind, c.kind);
  EXPECT_EQ(page.body, c.body);
  EXPECT_EQ(page.url, c.url);
  EXPECT_EQ(page.title, c.title);
  EXPECT_EQ(page.published, c.published);
  EXPECT_EQ(page.authors, c.authors);
  EXPECT_EQ(page.source_file, "in");
  EXPECT_EQ(page.record, 1u);
}

INSTANTIATE_TEST_SUITE_P(Cases, JsonlLineTest, ::testing::ValuesIn(LineCases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(JsonlReaderTest, LanguageSectionDescription) {
  Collected out = ReadJsonl(
      R"({"text": "t", "lang": "en-GB", "category": "Africa", "summary": "Short."})");
  ASSERT_EQ(out.pages.size(), 1u);
  EXPECT_EQ(out.pages[0].language, "en-GB");
  EXPECT_EQ(out.pages[0].section, "Africa");
  EXPECT_EQ(out.pages[0].description, "Short.");
}

// Streams: how lines, blank lines and bad lines are numbered and reported.
struct StreamCase {
  const char* name;
  std::string input;
  size_t max_input_bytes;
  std::vector<uint64_t> page_records;
  std::vector<std::string> error_paths;
};

std::vector<StreamCase> StreamCases() {
  const std::string good = R"({"text": "Clashes in Omdurman."})";
  return {
      {"Empty", "", 1 << 20, {}, {}},
      {"WhitespaceOnlyLines", "  \n\t\n\r\n", 1 << 20, {}, {}},
      {"OneLineNoNewline", good, 1 << 20, {1}, {}},
      {"BadLineBetweenGoodOnes",
       good + "\n{\"text\": oops}\n" + good + "\n",
       1 << 20,
       {1, 3},
       {"in:2"}},
      {"CrlfLines", good + "\r\n" + good + "\r\n", 1 << 20, {1, 2}, {}},
      {"BlankLinesCounted",
       "\n" + good + "\n\n" + good + "\n",
       1 << 20,
       {2, 4},
       {}},
      {"BomOnFirstLine",
       "\xEF\xBB\xBF" + good + "\n" + good,
       1 << 20,
       {1, 2},
       {}},
      {"OversizeLineSkipped",
       good + "\n{\"text\": \"" + std::string(500, 'x') + "\"}\n" + good + "\n",
       100,
       {1, 3},
       {"in:2"}},
      {"GarbageLines",
       "not json\n" + good + "\n}{\n",
       1 << 20,
       {2},
       {"in:1", "in:3"}},
  };
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const StreamCase& c, std::ostream* os) { *os << c.name; }

class JsonlStreamTest : public ::testing::TestWithParam<StreamCase> {};

TEST_P(JsonlStreamTest, NumbersLinesAndReportsBadOnes) {
  const StreamCase& c = GetParam();
  IngestOptions options;
  options.max_input_bytes = c.max_input_bytes;
  Collected out = ReadJsonl(c.input, options);
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  std::vector<uint64_t> records;
  for (const Page& page : out.pages) records.push_back(page.record);
  EXPECT_EQ(records, c.page_records);
  std::vector<std::string> paths;
  for (const InputError& error : out.errors) paths.push_back(error.path);
  EXPECT_EQ(paths, c.error_paths);
}

INSTANTIATE_TEST_SUITE_P(Cases, JsonlStreamTest,
                         ::testing::ValuesIn(StreamCases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(JsonlReaderTest, OversizeLineMessageNamesTheBound) {
  IngestOptions options;
  options.max_input_bytes = 64;
  Collected out =
      ReadJsonl("{\"text\": \"" + std::string(100, 'x') + "\"}\n", options);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].status.code(), StatusCode::kTooLarge);
  EXPECT_EQ(out.errors[0].status.message(),
            "larger than the 64 bytes bound (--max-bytes)");
}

TEST(JsonlReaderTest, NewsPleaseFixture) {
  Collected out = testing::ReadInput(testing::ReadTestData("news_please.jsonl"),
                                     {}, "news_please.jsonl");
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  EXPECT_TRUE(out.errors.empty());
  ASSERT_EQ(out.pages.size(), 3u);
  const Page& kharkiv = out.pages[0];
  EXPECT_EQ(kharkiv.record, 1u);
  EXPECT_EQ(kharkiv.source_file, "news_please.jsonl");
  EXPECT_EQ(kharkiv.kind, PageKind::kCleanText);
  EXPECT_EQ(kharkiv.url,
            "https://example-news.org/world/2024/03/14/kharkiv-shelling");
  EXPECT_EQ(kharkiv.title, "Overnight shelling kills two in Kharkiv");
  EXPECT_EQ(kharkiv.published, "2024-03-14 07:55:00");
  EXPECT_EQ(kharkiv.authors, std::vector<std::string>{"Olena Marchenko"});
  EXPECT_EQ(kharkiv.language, "en");
  EXPECT_NE(kharkiv.body.find("killing two civilians"), std::string::npos);
  EXPECT_NE(kharkiv.body.find("\n\n"), std::string::npos);
  EXPECT_EQ(out.pages[1].authors,
            (std::vector<std::string>{"Amadou Traoré", "Claire Dubois"}));
  const Page& sudan = out.pages[2];
  EXPECT_EQ(sudan.record, 3u);
  EXPECT_TRUE(sudan.published.empty());  // date_publish: null
  EXPECT_TRUE(sudan.authors.empty());
  EXPECT_TRUE(sudan.description.empty());
}

TEST(JsonlReaderTest, CcNewsFixtureGzipped) {
  std::string gz = testing::Gzip(testing::ReadTestData("cc_news.jsonl"));
  Collected out = testing::ReadInput(gz);
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  ASSERT_EQ(out.pages.size(), 2u);
  EXPECT_EQ(out.pages[0].published, "2024-03-17 14:05:00");
  EXPECT_EQ(out.pages[0].url,
            "https://wire.example.com/2024/03/17/kharkiv-drone-depot");
  EXPECT_EQ(out.pages[0].description,
            "A drone struck a fuel depot near Kharkiv.");
  EXPECT_EQ(out.pages[1].title, "Mali junta extends curfew after attack");
}

TEST(JsonlReaderTest, ManyLinesStreamThroughOneParser) {
  std::string input;
  for (int i = 0; i < 5000; ++i) {
    input += R"({"url": "https://x/)" + std::to_string(i) + R"(", "text": ")" +
             std::string(static_cast<size_t>(i % 700) + 1, 'a') + "\"}\n";
  }
  Collected out = ReadJsonl(input);
  ASSERT_EQ(out.pages.size(), 5000u);
  EXPECT_EQ(out.pages[4999].url, "https://x/4999");
  EXPECT_EQ(out.pages[4999].body.size(), 4999u % 700 + 1);
}

}  // namespace
}  // namespace khaldun
