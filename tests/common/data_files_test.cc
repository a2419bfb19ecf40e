// Every data file must say where its facts come from and be well formed:
// this test loads each embedded file and checks it.
#include "common/data_files.h"

#include <simdjson.h>

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace khaldun {
namespace {

TEST(DataFilesTest, EveryFileHasAProvenanceHeaderAndNoDuplicateLines) {
  ASSERT_FALSE(EmbeddedDataFiles().empty());
  for (const EmbeddedFile& file : EmbeddedDataFiles()) {
    SCOPED_TRACE(std::string(file.path));
    std::string_view text = file.contents;
    ASSERT_FALSE(text.empty());
    if (std::string_view(file.path).ends_with(".json")) {
      // JSON has no comments: its provenance is a top-level "x-source".
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      ASSERT_FALSE(parser.parse(text.data(), text.size()).get(doc)) << "not valid JSON";
      std::string_view source;
      EXPECT_FALSE(doc["x-source"].get_string().get(source)) << "no top-level x-source";
      EXPECT_NE(source.find("ource"), std::string_view::npos) << "x-source names its source";
      continue;
    }
    EXPECT_EQ(text.front(), '#') << "a data file opens with its '#' header";
    size_t header_end = 0;
    while (header_end < text.size() && text[header_end] == '#') {
      header_end = text.find('\n', header_end);
      if (header_end == std::string_view::npos) break;
      ++header_end;
    }
    std::string header(text.substr(0, header_end));
    EXPECT_NE(header.find("ource"), std::string::npos) << "header names its source";
    auto rows = ParseTsv(text, file.path, 1, 64);
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    std::set<std::string> seen;
    for (const TsvRow& row : *rows) {
      std::string joined;
      for (auto f : row.fields) joined.append(f).push_back('\t');
      EXPECT_TRUE(seen.insert(joined).second) << "duplicate line " << row.line;
    }
  }
}

TEST(DataFilesTest, ReadEmbeddedAndMissing) {
  DataFiles files = DataFiles::Embedded();
  auto entities = files.Read("html/entities.tsv");
  ASSERT_TRUE(entities.ok());
  EXPECT_NE(entities->find("amp;"), std::string::npos);
  auto missing = files.Read("no/such.tsv");
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto from_dir = DataFiles::Directory(KHALDUN_SOURCE_DIR "/data").Read("html/entities.tsv");
  ASSERT_TRUE(from_dir.ok());
  EXPECT_EQ(*from_dir, *entities);
}

struct TsvCase {
  const char* name;
  const char* text;
  bool ok;
  size_t rows;
};

TEST(DataFilesTest, ParseTsv) {
  const TsvCase cases[] = {
      {"empty", "", true, 0},
      {"comments only", "# a\n# b\n", true, 0},
      {"blank lines skipped", "\n\na\tb\n\n", true, 1},
      {"crlf", "a\tb\r\nc\td\r\n", true, 2},
      {"no final newline", "a\tb", true, 1},
      {"too few fields", "a\n", false, 0},
      {"too many fields", "a\tb\tc\n", false, 0},
  };
  for (const auto& c : cases) {
    auto rows = ParseTsv(c.text, "t.tsv", 2, 2);
    EXPECT_EQ(rows.ok(), c.ok) << c.name;
    if (rows.ok()) {
      EXPECT_EQ(rows->size(), c.rows) << c.name;
    }
  }
  auto bad = ParseTsv("a\tb\nc\n", "t.tsv", 2, 2);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "t.tsv:2: expected 2 tab-separated fields, found 1");
}

}  // namespace
}  // namespace khaldun
