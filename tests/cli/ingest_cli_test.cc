// End-to-end tests of `khaldun ingest`, run as a user runs it: the real
// binary, real files, exit codes and stderr lines.
#include <zlib.h>

#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/run_cli.h"

namespace khaldun {
namespace {

using ::khaldun::testing::CliResult;
using ::khaldun::testing::Lines;
using ::khaldun::testing::ParseArticles;
using ::khaldun::testing::ReadFile;
using ::khaldun::testing::RunKhaldun;
using ::khaldun::testing::TempDir;
using ::khaldun::testing::WriteFile;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kSeed = std::string(KHALDUN_SHARED_DIR) + "/seed/article.txt";
const std::string kFixtures = std::string(KHALDUN_SOURCE_DIR) + "/tests/data";

constexpr char kHtmlPage[] =
    "<!doctype html><html lang=en><head><title>Drone strike hits fuel depot in "
    "Kherson | Example News</title>"
    "<meta property=\"article:published_time\" content=\"2025-03-04T08:00:00Z\">"
    "<meta name=\"author\" content=\"Olena Petrenko\"></head><body>"
    "<nav><a href=/>Home</a> <a href=/world>World</a> <a href=/ukraine>Ukraine</a></nav>"
    "<article><h1>Drone strike hits fuel depot in Kherson</h1>"
    "<p>A Russian drone struck a fuel depot on the outskirts of Kherson early on Tuesday, "
    "starting a fire that burned for several hours, the regional governor said.</p>"
    "<p>Two workers were injured and taken to hospital, according to emergency services, "
    "who said the blaze had been contained by mid-morning.</p>"
    "<p>Ukrainian air defences shot down eleven of fourteen drones launched overnight, "
    "the air force said in a statement on its Telegram channel.</p>"
    "</article><footer><p>Share this article</p><p>Copyright 2025 Example News. All rights "
    "reserved.</p></footer></body></html>";

std::string Gzip(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, data.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

TEST(IngestCliTest, SeedPageGivesSectionHeadlineBylineCaptionAndNoChrome) {
  if (!std::filesystem::exists(kSeed)) GTEST_SKIP() << "no " << kSeed;
  CliResult r = RunKhaldun({"ingest", kSeed});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto articles = ParseArticles(r.out);
  ASSERT_EQ(articles.size(), 1u);
  const auto& a = articles[0];
  ASSERT_TRUE(a.ok);
  EXPECT_EQ(a.Get("record"), "article");
  EXPECT_EQ(a.Get("section"), "Security");
  EXPECT_EQ(a.Get("headline"),
            "Iranian regime's proxies seek to harm Baghdad-Washington strategic partnership");
  EXPECT_THAT(a.List("byline"), ::testing::ElementsAre("Anas al-Bar"));
  EXPECT_EQ(a.List("captions").size(), 1u);
  EXPECT_THAT(a.Get("text"), Not(HasSubstr("Do you like this article?")));
  EXPECT_THAT(a.Get("text"), Not(HasSubstr("Captcha")));
  EXPECT_THAT(a.Get("text"), Not(HasSubstr("Photo circulated")));
  EXPECT_THAT(a.Get("text"), HasSubstr("killing 15 ISIS fighters"));
  EXPECT_THAT(a.Get("text"), HasSubstr("Long-term relationship"));
  EXPECT_EQ(a.Get("language"), "en");
  EXPECT_EQ(a.Get("id").size(), 16u);
}

TEST(IngestCliTest, SameInputGivesSameId) {
  TempDir dir;
  WriteFile(dir.path() / "a.html", kHtmlPage);
  WriteFile(dir.path() / "b.html", kHtmlPage);
  WriteFile(dir.path() / "c.html", std::string(kHtmlPage) + " ");
  CliResult r = RunKhaldun({"ingest", dir.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto articles = ParseArticles(r.out);
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0].Get("id"), articles[1].Get("id"));
  EXPECT_NE(articles[0].Get("id"), articles[2].Get("id"));
  CliResult again = RunKhaldun({"ingest", (dir.path() / "a.html").string()});
  EXPECT_EQ(ParseArticles(again.out)[0].Get("id"), articles[0].Get("id"));
}

TEST(IngestCliTest, HtmlPageMetadataAndBody) {
  TempDir dir;
  WriteFile(dir.path() / "page.html", kHtmlPage);
  CliResult r = RunKhaldun({"ingest", (dir.path() / "page.html").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto articles = ParseArticles(r.out);
  ASSERT_EQ(articles.size(), 1u);
  const auto& a = articles[0];
  EXPECT_EQ(a.Get("headline"), "Drone strike hits fuel depot in Kherson");
  EXPECT_EQ(a.Get("published"), "2025-03-04");
  EXPECT_THAT(a.List("byline"), ::testing::ElementsAre("Olena Petrenko"));
  ASSERT_EQ(a.List("paragraphs").size(), 3u);
  EXPECT_THAT(a.Get("text"), Not(HasSubstr("Share this article")));
  EXPECT_THAT(a.Get("text"), Not(HasSubstr("Home")));
}

TEST(IngestCliTest, DatedDatelineGivesPublishedWhenNothingElseDoes) {
  const std::string page =
      "World\n\nShelling hits power plant in Kharkiv region\n\n"
      "KYIV, March 3, 2025 \xE2\x80\x94 Russian shelling struck a thermal power plant in "
      "the Kharkiv region overnight, cutting heating to thousands of homes, the regional "
      "governor said on Monday.\n\n"
      "Repair crews were working to restore supplies, he said, adding that no one was hurt "
      "in the attack, which came after a week of strikes on energy sites.\n";
  CliResult r = RunKhaldun({"ingest", "-"}, page);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto articles = ParseArticles(r.out);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].Get("dateline"), "KYIV");
  EXPECT_EQ(articles[0].Get("published"), "2025-03-03");
  // A date later in the story is not a publication date.
  const std::string undated =
      "Shelling hits power plant\n\nRussian shelling struck a thermal power plant in the "
      "Kharkiv region, officials said, recalling an attack on March 3, 2024 that cut power "
      "to the city for a week.\n\nRepair crews were working to restore supplies, he said, "
      "adding that no one was hurt in the overnight attack on the plant.\n";
  CliResult u = RunKhaldun({"ingest", "-"}, undated);
  ASSERT_EQ(u.exit_code, 0) << u.err;
  EXPECT_EQ(ParseArticles(u.out)[0].Get("published"), "");
}

TEST(IngestCliTest, PublishedOverride) {
  TempDir dir;
  WriteFile(dir.path() / "page.html", kHtmlPage);
  CliResult r =
      RunKhaldun({"ingest", "--published", "2025-03-05", (dir.path() / "page.html").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ParseArticles(r.out)[0].Get("published"), "2025-03-05");
  CliResult bad = RunKhaldun({"ingest", "--published", "2025-13-05", "-"}, kHtmlPage);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("khaldun: --published:"));
}

TEST(IngestCliTest, StandardInputAndTextFormat) {
  CliResult r = RunKhaldun({"ingest", "--format", "text", "-"}, kHtmlPage);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("A Russian drone struck a fuel depot"));
  EXPECT_THAT(r.out, HasSubstr("\n\nTwo workers were injured"));
  EXPECT_THAT(r.out, Not(HasSubstr("{")));
  EXPECT_THAT(r.out, Not(HasSubstr("Drone strike hits fuel depot in Kherson")));
}

TEST(IngestCliTest, GzipDetectedByContentNotExtension) {
  TempDir dir;
  WriteFile(dir.path() / "page.bin", Gzip(kHtmlPage));
  CliResult r = RunKhaldun({"ingest", (dir.path() / "page.bin").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto articles = ParseArticles(r.out);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].Get("headline"), "Drone strike hits fuel depot in Kherson");
}

// Each bad input gets one stderr line naming it; the good input between
// them is still processed; the exit status is 1.
TEST(IngestCliTest, BadInputsReportedOthersProcessed) {
  TempDir dir;
  const auto& d = dir.path();
  WriteFile(d / "empty.txt", "");
  WriteFile(d / "binary.dat", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16) +
                                  std::string(4000, '\0'));
  WriteFile(d / "broken.txt", "Fighting resumed in the north \xC3\x28 of the country.\n");
  WriteFile(d / "big.html", std::string(kHtmlPage) + std::string(4000, ' '));
  WriteFile(d / "good.html", kHtmlPage);
  WriteFile(d / "bad.jsonl",
            "{\"url\":\"https://example.org/1\",\"title\":\"One\",\"text\":\"Clashes "
            "erupted in the capital on Monday, witnesses said.\"}\n"
            "{\"url\": broken\n"
            "{\"url\":\"https://example.org/3\",\"title\":\"Three\",\"text\":\"Police arrested "
            "twelve protesters outside parliament, a spokesman said.\"}\n");
  const std::string missing = (d / "missing.html").string();
  CliResult r = RunKhaldun({"ingest", "--max-bytes", "3K", (d / "empty.txt").string(),
                            (d / "binary.dat").string(), (d / "broken.txt").string(),
                            (d / "big.html").string(), missing, (d / "good.html").string(),
                            (d / "bad.jsonl").string()});
  EXPECT_EQ(r.exit_code, 1);
  auto articles = ParseArticles(r.out);
  ASSERT_EQ(articles.size(), 3u) << r.out << r.err;
  EXPECT_EQ(articles[0].Get("headline"), "Drone strike hits fuel depot in Kherson");
  EXPECT_EQ(articles[1].Get("url"), "https://example.org/1");
  EXPECT_EQ(articles[2].Get("url"), "https://example.org/3");
  auto errors = Lines(r.err);
  ASSERT_EQ(errors.size(), 6u) << r.err;
  EXPECT_THAT(errors[0], HasSubstr("khaldun: " + (d / "empty.txt").string() + ": "));
  EXPECT_THAT(errors[0], HasSubstr("empty"));
  EXPECT_THAT(errors[1], HasSubstr((d / "binary.dat").string() + ": "));
  EXPECT_THAT(errors[2], HasSubstr((d / "broken.txt").string() + ": invalid UTF-8 at byte 30"));
  EXPECT_THAT(errors[3], HasSubstr((d / "big.html").string() + ": "));
  EXPECT_THAT(errors[4], HasSubstr(missing + ": no such file"));
  EXPECT_THAT(errors[5], HasSubstr((d / "bad.jsonl").string() + ":2: "));
  for (const auto& line : errors) EXPECT_EQ(line.rfind("khaldun: ", 0), 0u) << line;
}

TEST(IngestCliTest, UsageErrors) {
  CliResult unknown = RunKhaldun({"ingest", "--frobnicate", "x"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("khaldun: --frobnicate: unknown option"));
  CliResult format = RunKhaldun({"ingest", "--format", "xml", "x"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_THAT(format.err, HasSubstr("khaldun: --format: unknown format"));
  CliResult none = RunKhaldun({"ingest"});
  EXPECT_EQ(none.exit_code, 2);
  CliResult command = RunKhaldun({"frobnicate"});
  EXPECT_EQ(command.exit_code, 2);
  EXPECT_THAT(command.err, HasSubstr("unknown command"));
  CliResult help = RunKhaldun({"help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("ingest"));
}

TEST(IngestCliTest, DirectoryOfEveryFormatIsWalkedInSortedOrder) {
  const std::string dir = kFixtures + "/ingest";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no fixtures yet";
  CliResult r = RunKhaldun({"ingest", dir});
  auto articles = ParseArticles(r.out);
  EXPECT_GE(articles.size(), 8u) << r.err;
  std::string previous;
  for (const auto& a : articles) {
    ASSERT_TRUE(a.ok);
    EXPECT_GE(a.Get("source_file"), previous);
    previous = a.Get("source_file");
  }
}

}  // namespace
}  // namespace khaldun
