// RSS 2.0, RSS 1.0 and Atom feeds, and hostile XML.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/readers.h"
#include "ingest/readers_testing.h"

namespace khaldun {
namespace {

using testing::Collected;
using testing::ReadFeed;

std::string Rss(const std::string& items, const std::string& prolog = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + prolog +
         "<rss version=\"2.0\" "
         "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>T</"
         "title>" +
         items + "</channel></rss>\n";
}

TEST(FeedReaderTest, Rss2Fixture) {
  Collected out =
      testing::ReadInput(testing::ReadTestData("rss2.xml"), {}, "rss2.xml");
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  EXPECT_TRUE(out.errors.empty());
  ASSERT_EQ(out.pages.size(), 3u);

  const Page& kharkiv = out.pages[0];
  EXPECT_EQ(kharkiv.source_file, "rss2.xml");
  EXPECT_EQ(kharkiv.record, 1u);
  EXPECT_EQ(kharkiv.kind, PageKind::kHtml);
  EXPECT_EQ(kharkiv.body.rfind("<p>KHARKIV, Ukraine", 0), 0u) << kharkiv.body;
  EXPECT_EQ(kharkiv.url,
            "https://example-news.org/world/2024/03/14/kharkiv-shelling");
  EXPECT_EQ(kharkiv.title, "Overnight shelling kills two in Kharkiv");
  EXPECT_EQ(kharkiv.published, "Thu, 14 Mar 2024 07:55:00 GMT");
  EXPECT_EQ(kharkiv.authors, std::vector<std::string>{"Olena Marchenko"});
  EXPECT_EQ(kharkiv.section, "Europe");
  EXPECT_EQ(kharkiv.language, "en-gb");
  EXPECT_EQ(kharkiv.description,
            "Russian shelling hit a residential district of Kharkiv overnight, "
            "regional "
            "officials said.");

  const Page& mali = out.pages[1];
  EXPECT_EQ(mali.authors,
            std::vector<std::string>{"Amadou Traoré"});  // "desk@... (Name)"
  EXPECT_NE(mali.body.find("Ségou-Koura"), std::string::npos);
  EXPECT_TRUE(
      mali.description.empty());  // an HTML description is not a standfirst

  const Page& sudan = out.pages[2];
  EXPECT_EQ(sudan.kind, PageKind::kCleanText);  // description only, no markup
  EXPECT_EQ(sudan.body.rfind("Fierce clashes", 0), 0u);
}

TEST(FeedReaderTest, AtomFixture) {
  Collected out = testing::ReadInput(testing::ReadTestData("atom.xml"));
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  ASSERT_EQ(out.pages.size(), 2u);

  const Page& kharkiv = out.pages[0];
  EXPECT_EQ(kharkiv.kind, PageKind::kHtml);
  EXPECT_NE(kharkiv.body.find("<p>KHARKIV"), std::string::npos) << kharkiv.body;
  EXPECT_EQ(kharkiv.url,
            "https://monitor.example.net/2024/03/18/kharkiv-north");
  EXPECT_EQ(kharkiv.published, "2024-03-18T09:30:00Z");
  EXPECT_EQ(kharkiv.authors, std::vector<std::string>{"Olena Marchenko"});
  EXPECT_EQ(kharkiv.section, "Europe");
  EXPECT_EQ(kharkiv.description,
            "Artillery fire hit Kharkiv's northern suburbs on Monday morning.");
  EXPECT_EQ(kharkiv.language, "en");

  const Page& fasher = out.pages[1];
  EXPECT_EQ(fasher.kind, PageKind::kHtml);
  EXPECT_EQ(fasher.body.rfind("<p>EL FASHER, Sudan", 0), 0u) << fasher.body;
  EXPECT_EQ(fasher.url, "https://monitor.example.net/2024/03/18/el-fasher");
  EXPECT_EQ(fasher.published, "2024-03-18T11:15:00Z");  // updated, no published
  EXPECT_EQ(fasher.authors,
            (std::vector<std::string>{"Hiba Osman", "Monitor staff"}));
}

struct FeedCase {
  const char* name;
  std::string xml;
  size_t pages;
  PageKind kind;     // of the first page
  std::string body;  // the first page's body (exact)
  std::vector<std::string> error_paths = {};
};

std::vector<FeedCase> FeedCases() {
  const std::string text = "Gunmen raided a village in central Mali.";
  return {
      {"PlainDescription",
       Rss("<item><description>" + text + "</description></item>"), 1,
       PageKind::kCleanText, text},
      {"CdataHtmlDescription",
       Rss("<item><description><![CDATA[<p>" + text +
           "</p>]]></description></item>"),
       1, PageKind::kHtml, "<p>" + text + "</p>"},
      {"EntityEscapedHtml",
       Rss("<item><description>&lt;p&gt;" + text +
           "&lt;/p&gt;</description></item>"),
       1, PageKind::kHtml, "<p>" + text + "</p>"},
      {"DoublyEscapedHtml",
       Rss("<item><description>&amp;lt;p&amp;gt;Raid &amp;amp; "
           "fire&amp;lt;/p&amp;gt;"
           "</description></item>"),
       1, PageKind::kHtml, "<p>Raid & fire</p>"},
      {"UnescapedHtmlChildren",
       Rss("<item><description><p>One.</p><p>Two &amp; "
           "three.</p></description></item>"),
       1, PageKind::kHtml, "<p>One.</p><p>Two &amp; three.</p>"},
      {"ContentEncodedBeatsDescription",
       Rss("<item><description>Short.</description><content:encoded>Long text, "
           "no "
           "markup.</content:encoded></item>"),
       1, PageKind::kHtml, "Long text, no markup."},
      {"EmptyContentEncodedFallsBack",
       Rss("<item><content:encoded>  "
           "</content:encoded><description>Short.</description></item>"),
       1, PageKind::kCleanText, "Short."},
      {"UndeclaredContentPrefix",
       "<rss "
       "version=\"2.0\"><channel><item><content:encoded><![CDATA[<p>x</p>]]>"
       "</content:encoded></item></channel></rss>",
       1, PageKind::kHtml, "<p>x</p>"},
      {"ItemWithoutBodyReported",
       Rss("<item><description>a</description></item><item><title>Only a "
           "title</title></item>"
           "<item><description>c</description></item>"),
       2,
       PageKind::kCleanText,
       "a",
       {"in:2"}},
      {"EmptyChannel", Rss(""), 0, PageKind::kCleanText, ""},
      {"Rss091UndeclaredNbsp",
       "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape "
       "Communications//DTD RSS 0.91//EN\" "
       "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">"
       "<rss version=\"0.91\"><channel><item><description>Kharkiv&nbsp;"
       "region &mdash; shelling</description></item></channel></rss>",
       1, PageKind::kCleanText, "Kharkiv\xC2\xA0region \xE2\x80\x94 shelling"},
      // Undeclared HTML references are rewritten as numeric ones before
      // parsing; libxml2 would drop them otherwise.
      {"UndeclaredHtmlEntityWithoutDoctypeKept",
       "<rss><channel><item><description>Kharkiv&nbsp;region &eacute;t&eacute; "
       "&amp; more</description></item></channel></rss>",
       1, PageKind::kCleanText, "Kharkiv\xC2\xA0region \xC3\xA9t\xC3\xA9 & more"},
      {"UnknownEntityStillDropped",
       "<rss><channel><item><description>a&notanentityname;b</description></"
       "item></channel></rss>",
       1, PageKind::kCleanText, "ab"},
      {"EntityInCdataLeftAlone",
       "<rss><channel><item><description><![CDATA[Tom &nbsp; Jerry]]>"
       "</description></item></channel></rss>",
       1, PageKind::kCleanText, "Tom &nbsp; Jerry"},
      {"InternalEntityInlinedOnce",
       Rss("<item><description>&city; was shelled.</description></item>",
           "<!DOCTYPE rss [<!ENTITY city \"Kharkiv\">]>"),
       1, PageKind::kCleanText, "Kharkiv was shelled."},
      {"Latin1Declared",
       "<?xml version=\"1.0\" "
       "encoding=\"ISO-8859-1\"?><rss><channel><item><description>S\xE9gou"
       "</description></item></channel></rss>",
       1, PageKind::kCleanText, "Ségou"},
      {"RecoversFromBareAmpersand",
       Rss("<item><title>Q&A</title><description>Clashes & "
           "fires</description></item>"),
       1, PageKind::kCleanText, "Clashes  fires"},
      {"RecoversFromTruncation",
       "<?xml "
       "version=\"1.0\"?><rss><channel><item><description>First.</"
       "description></item>"
       "<item><description>Second, cut off",
       2, PageKind::kCleanText, "First."},
      {"Rss10Rdf",
       "<?xml version=\"1.0\"?><rdf:RDF "
       "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
       "xmlns=\"http://purl.org/rss/1.0/\" "
       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
       "<channel rdf:about=\"https://x/\"><title>T</title></channel>"
       "<item rdf:about=\"https://x/1\"><title>A</title><description>" +
           text +
           "</description><dc:date>2024-03-15</dc:date></item></rdf:RDF>",
       1, PageKind::kCleanText, text},
      {"AtomContentSrcFallsBackToSummary",
       "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content "
       "src=\"https://x/1\"/>"
       "<summary>" +
           text + "</summary></entry></feed>",
       1, PageKind::kCleanText, text},
      {"AtomTextContentWithLessThan",
       "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content "
       "type=\"text\">Toll rose "
       "to &lt; 10</content></entry></feed>",
       1, PageKind::kCleanText, "Toll rose to < 10"},
      {"AtomEntryWithoutContent",
       "<feed "
       "xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>x</title></entry></"
       "feed>",
       0,
       PageKind::kCleanText,
       "",
       {"in:1"}},
  };
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const FeedCase& c, std::ostream* os) { *os << c.name; }

class FeedCaseTest : public ::testing::TestWithParam<FeedCase> {};

TEST_P(FeedCaseTest, Reads) {
  const FeedCase& c = GetParam();
  Collected out = ReadFeed(c.xml);
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  ASSERT_EQ(out.pages.size(), c.pages);
  if (c.pages > 0) {
    EXPECT_EQ(out.pages[0].kind, c.kind);
    EXPECT_EQ(out.pages[0].body, c.body);
  }
  std::vector<std::string> paths;
  for (const InputError& error : out.errors) paths.push_back(error.path);
  EXPECT_EQ(paths, c.error_paths);
}

INSTANTIATE_TEST_SUITE_P(Cases, FeedCaseTest, ::testing::ValuesIn(FeedCases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(FeedReaderTest, Rss10Metadata) {
  Collected out = ReadFeed(
      "<?xml version=\"1.0\"?><rdf:RDF "
      "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns=\"http://purl.org/rss/1.0/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<item "
      "rdf:about=\"https://x/1\"><title>A</title><description>d</description>"
      "<dc:date>2024-03-15</dc:date><dc:creator>Hiba Osman</dc:creator>"
      "<dc:subject>Sudan</dc:subject></item></rdf:RDF>");
  ASSERT_EQ(out.pages.size(), 1u);
  EXPECT_EQ(out.pages[0].url, "https://x/1");
  EXPECT_EQ(out.pages[0].published, "2024-03-15");
  EXPECT_EQ(out.pages[0].authors, std::vector<std::string>{"Hiba Osman"});
  EXPECT_EQ(out.pages[0].section, "Sudan");
}

TEST(FeedReaderTest, GuidAsUrlOnlyWhenPermalink) {
  Collected out = ReadFeed(
      Rss("<item><guid>https://x/a</guid><description>a</description></item>"
          "<item><guid "
          "isPermaLink=\"false\">https://x/b</guid><description>b</"
          "description></item>"));
  ASSERT_EQ(out.pages.size(), 2u);
  EXPECT_EQ(out.pages[0].url, "https://x/a");
  EXPECT_EQ(out.pages[1].url, "");
}

struct RejectCase {
  const char* name;
  std::string xml;
  StatusCode code;
  std::string message_prefix;
};

std::vector<RejectCase> RejectCases() {
  return {
      {"WhitespaceOnly", "  \n ", StatusCode::kCorruption, "empty input"},
      {"DeclarationOnly", "<?xml version=\"1.0\"?>", StatusCode::kCorruption,
       "malformed XML: "},
      {"NoElement", "<?xml version=\"1.0\"?>\n\n<<<>>>",
       StatusCode::kCorruption, "malformed XML: "},
      {"NotAFeed",
       "<?xml version=\"1.0\"?><Sentences><Sentence id=\"1\"/></Sentences>",
       StatusCode::kUnsupported,
       "an XML document with root <Sentences>, not an RSS or Atom feed"},
  };
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const RejectCase& c, std::ostream* os) { *os << c.name; }

class FeedRejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(FeedRejectTest, Rejects) {
  const RejectCase& c = GetParam();
  Collected out = ReadFeed(c.xml);
  EXPECT_EQ(out.status.code(), c.code) << out.status.message();
  EXPECT_EQ(out.status.message().rfind(c.message_prefix, 0), 0u)
      << out.status.message();
  EXPECT_TRUE(out.pages.empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, FeedRejectTest,
                         ::testing::ValuesIn(RejectCases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(FeedReaderTest, MalformedMessageNamesTheLine) {
  Collected out = ReadFeed("<?xml version=\"1.0\"?>\n\n<");
  ASSERT_EQ(out.status.code(), StatusCode::kCorruption);
  EXPECT_NE(out.status.message().find(" at line 3"), std::string::npos)
      << out.status.message();
}

TEST(FeedReaderTest, XhtmlDocumentFallsBackToHtml) {
  std::string xhtml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html "
      "xmlns=\"http://www.w3.org/1999/xhtml\">"
      "<body><p>Clashes in Omdurman.</p></body></html>";
  Collected out = testing::ReadInput(xhtml);
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  ASSERT_EQ(out.pages.size(), 1u);
  EXPECT_EQ(out.pages[0].kind, PageKind::kHtml);
  EXPECT_EQ(out.pages[0].record, 0u);
  EXPECT_EQ(out.pages[0].body, xhtml);
}

TEST(FeedReaderTest, OversizeFeed) {
  IngestOptions options;
  options.max_input_bytes = 1024;
  std::string xml = Rss("<item><description>" + std::string(2000, 'x') +
                        "</description></item>");
  Collected out = testing::ReadInput(xml, options);
  EXPECT_EQ(out.status.code(), StatusCode::kTooLarge);
  EXPECT_EQ(out.status.message(), "larger than the 1 KiB bound (--max-bytes)");
  Collected direct = ReadFeed(xml, options);
  EXPECT_EQ(direct.status.code(), StatusCode::kTooLarge);
}

// ---- Hostile XML: nothing is fetched or read, nothing explodes. ------------

std::string AllBodies(const Collected& out) {
  std::string all;
  for (const Page& page : out.pages) all += page.body + page.title + "\n";
  return all;
}

TEST(FeedReaderTest, ExternalEntityIsNotRead) {
  // XXE: a general external entity naming a local file.
  Collected out = ReadFeed(
      Rss("<item><title>&xxe;</title><description>before &xxe; "
          "after</description></item>",
          "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"));
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  ASSERT_EQ(out.pages.size(), 1u);
  EXPECT_EQ(out.pages[0].body, "before  after");
  EXPECT_EQ(AllBodies(out).find("root:"), std::string::npos);
}

TEST(FeedReaderTest, ParameterEntityAndExternalDtdAreNotLoaded) {
  Collected out =
      ReadFeed(Rss("<item><description>safe &ext;</description></item>",
                   "<!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/evil.dtd\" "
                   "[<!ENTITY % p SYSTEM "
                   "\"file:///etc/passwd\"> %p; <!ENTITY ext SYSTEM "
                   "\"http://127.0.0.1:9/x\">]>"));
  EXPECT_EQ(AllBodies(out).find("root:"), std::string::npos);
}

TEST(FeedReaderTest, BillionLaughsDoesNotExpand) {
  std::string dtd = "<!DOCTYPE rss [<!ENTITY lol \"lol\">";
  std::string previous = "lol";
  for (int level = 1; level <= 9; ++level) {
    std::string name = "lol" + std::to_string(level);
    dtd += "<!ENTITY " + name + " \"";
    for (int i = 0; i < 10; ++i) dtd += "&" + previous + ";";
    dtd += "\">";
    previous = name;
  }
  dtd += "]>";
  Collected out = ReadFeed(Rss(
      "<item><title>&lol9;</title><description>x &lol9; y</description></item>",
      dtd));
  EXPECT_LT(AllBodies(out).size(), 10000u);
}

TEST(FeedReaderTest, ManyReferencesToALargeEntityStayLinear) {
  // Quadratic blowup: no nesting, just one 20 KB entity referenced often.
  std::string dtd =
      "<!DOCTYPE rss [<!ENTITY big \"" + std::string(20000, 'a') + "\">]>";
  std::string items;
  for (int i = 0; i < 2000; ++i)
    items += "<item><description>&big;</description></item>";
  std::string xml = Rss(items, dtd);
  Collected out = ReadFeed(xml);
  size_t total = 0;
  for (const Page& page : out.pages) total += page.body.size();
  EXPECT_LE(total, xml.size());
}

}  // namespace
}  // namespace khaldun
