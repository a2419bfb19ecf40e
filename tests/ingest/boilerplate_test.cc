#include "ingest/boilerplate.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace khaldun {
namespace {

const BoilerplateLexicon& Lexicon() {
  static const BoilerplateLexicon* lexicon = [] {
    auto loaded = BoilerplateLexicon::Load(DataFiles::Directory(KHALDUN_SOURCE_DIR "/data"));
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new BoilerplateLexicon(loaded.ok() ? std::move(*loaded) : BoilerplateLexicon());
  }();
  return *lexicon;
}

struct BlockCase {
  const char* name;
  const char* block;
  bool chrome;
  bool end;
};

std::string CaseName(const ::testing::TestParamInfo<BlockCase>& case_info) {
  return case_info.param.name;
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const BlockCase& c, std::ostream* os) { *os << c.name; }

class BoilerplateTest : public ::testing::TestWithParam<BlockCase> {};

TEST_P(BoilerplateTest, Classifies) {
  const BlockCase& c = GetParam();
  EXPECT_EQ(Lexicon().IsChrome(c.block), c.chrome) << c.block;
  EXPECT_EQ(Lexicon().IsEndMarker(c.block), c.end) << c.block;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BoilerplateTest,
    ::testing::Values(
        BlockCase{"empty", "", false, false},
        BlockCase{"whitespace_only", " \t \u00a0 ", false, false},
        BlockCase{"question_prompt", "Do you like this article?", true, false},
        BlockCase{"captcha_form_star", "Captcha *", true, false},
        BlockCase{"upper_case_and_spacing", "  ADVERTISEMENT  ", true, false},
        BlockCase{"bracketed", "[Advertisement]", true, false},
        BlockCase{"curly_apostrophe", "Don\u2019t miss our daily briefing", true, false},
        BlockCase{"share_prefix", "Share on Facebook", true, false},
        BlockCase{"share_prefix_colon", "Share on: WhatsApp", true, false},
        BlockCase{"bullet_prefix", "\u2022 Follow us on Telegram", true, false},
        BlockCase{"cookie_banner", "We use cookies to improve your experience.", true, false},
        BlockCase{"copyright_line", "\u00a9 2024 Sahel Daily Media. All rights reserved.", true, false},
        BlockCase{"helpful", "Was this article helpful?", true, false},
        BlockCase{"listen", "Listen to this article", true, false},
        BlockCase{"reading_time", "5 min read", true, false},
        BlockCase{"french_ad", "Publicit\u00e9", true, false},
        BlockCase{"cyrillic_case", "\u0420\u0435\u043a\u043b\u0430\u043c\u0430", true, false},
        BlockCase{"related_marker", "Related articles", false, true},
        BlockCase{"related_colon", "Related:", false, true},
        BlockCase{"more_from", "More from Reuters", false, true},
        BlockCase{"comment_count", "3 Comments", false, true},
        BlockCase{"comment_count_brackets", "Comments (12)", false, true},
        BlockCase{"recommended", "Recommended", false, true},
        BlockCase{"sentence_starting_like_marker", "Comments by the minister drew anger.", false,
                  false},
        BlockCase{"long_block_never_prefix_chrome",
                  "Share this with everyone you know, the governor told a crowd of displaced "
                  "families in the camp on Sunday",
                  false, false},
        BlockCase{"real_sentence", "Gunmen killed 22 villagers on Wednesday.", false, false},
        BlockCase{"section_label", "Security", false, false},
        BlockCase{"broken_utf8", "Share \xff\xfe on Facebook", false, false},
        BlockCase{"broken_utf8_whole", "Advertisement\xff", false, false}),
    CaseName);

TEST(BoilerplateNormalizeTest, FoldsDecorations) {
  EXPECT_EQ(BoilerplateLexicon::Normalize("  Read   MORE \u00bb "), "read more");
  EXPECT_EQ(BoilerplateLexicon::Normalize("Comments (3)"), "comments");
  EXPECT_EQ(BoilerplateLexicon::Normalize("12 comments"), "comments");
  EXPECT_EQ(BoilerplateLexicon::Normalize("Name *"), "name");
  EXPECT_EQ(BoilerplateLexicon::Normalize(""), "");
}

// Writes `contents` as data/boilerplate/phrases.tsv under a fresh temporary
// directory and loads it.
Status LoadFromText(const std::string& contents) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("khaldun_boilerplate_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "boilerplate");
  {
    std::ofstream out(dir / "boilerplate" / "phrases.tsv", std::ios::binary);
    out << contents;
  }
  auto loaded = BoilerplateLexicon::Load(DataFiles::Directory(dir.string()));
  std::filesystem::remove_all(dir);
  return loaded.ok() ? Status::Ok() : loaded.status();
}

TEST(BoilerplateLoadTest, RejectsMalformedFiles) {
  struct LoadCase {
    const char* name;
    const char* contents;
    const char* message_part;  // empty: must load
  };
  const LoadCase cases[] = {
      {"header_only", "# nothing\n", ""},
      {"good", "# h\nwhole\tshare\nend\trelated\n", ""},
      {"crlf", "# h\r\nwhole\tshare\r\n", ""},
      {"one_field", "# h\nwhole share\n", "phrases.tsv:2"},
      {"three_fields", "whole\tshare\textra\n", "phrases.tsv:1"},
      {"unknown_kind", "# h\n\nsuffix\tshare\n", "phrases.tsv:3"},
      {"empty_phrase", "whole\t ?! \n", "phrases.tsv:1"},
      {"duplicate_after_normalising", "whole\tShare\nwhole\tshare:\n", "phrases.tsv:2"},
  };
  for (const LoadCase& c : cases) {
    Status status = LoadFromText(c.contents);
    if (std::string(c.message_part).empty()) {
      EXPECT_TRUE(status.ok()) << c.name << ": " << status.ToString();
    } else {
      EXPECT_EQ(status.code(), StatusCode::kCorruption) << c.name;
      EXPECT_NE(status.message().find(c.message_part), std::string::npos)
          << c.name << ": " << status.message();
    }
  }
}

TEST(BoilerplateLoadTest, MissingFileIsNotFound) {
  auto loaded = BoilerplateLexicon::Load(DataFiles::Directory("/nonexistent/khaldun"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
}

TEST(BoilerplateLoadTest, EmbeddedCopyLoads) {
  auto loaded = BoilerplateLexicon::Load(DataFiles::Embedded());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(loaded->IsChrome("Advertisement"));
}

}  // namespace
}  // namespace khaldun
