// DetectFormat and DescribeBinary: content decides, never the extension.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/readers.h"

namespace khaldun {
namespace {

struct DetectCase {
  const char* name;
  std::string prefix;
  InputFormat expected;
};

std::vector<DetectCase> Cases() {
  using F = InputFormat;
  std::string warc_with_binary = "WARC/1.0\r\nWARC-Type: response\r\n\r\n";
  warc_with_binary += std::string("\x89PNG\0\0\0", 7);
  std::string long_comment =
      "<!-- " + std::string(3000, '-') + " -->\n<rss version=\"2.0\">";
  return {
      {"Empty", "", F::kUnknown},
      {"WhitespaceOnly", " \n\t\r\n", F::kText},
      {"OneByte", "a", F::kText},
      {"OneControlByte", "\x01", F::kBinary},
      {"PlainText", "Shelling hit Kharkiv overnight, officials said.\n",
       F::kText},
      {"TextWithOneStrayControl",
       std::string(200, 'a') + "\x08" + std::string(200, 'b'), F::kText},
      {"TextWithManyControls", "a\x01\x02\x03\x04 text", F::kBinary},
      {"NulByte", std::string("text\0more", 9), F::kBinary},
      {"BrokenUtf8IsStillText", "caf\xE9 au lait", F::kText},
      {"LessThanInText", "Casualties rose to < 10 and then > 20.", F::kText},
      {"Warc10", "WARC/1.0\r\nWARC-Type: warcinfo\r\n", F::kWarc},
      {"Warc11", "WARC/1.1\r\n", F::kWarc},
      {"WarcWithBinaryPayload", warc_with_binary, F::kWarc},
      {"NotQuiteWarc", "WARC/2.0\r\n", F::kText},
      {"JsonLine", "{\"url\": \"https://x\", \"text\": \"...\"}\n", F::kJsonl},
      {"JsonLineWithBomAndBlankLines", "\xEF\xBB\xBF\n\n  {\"title\":1}",
       F::kJsonl},
      {"EmptyJsonObject", "{}\n", F::kJsonl},
      {"TruncatedFirstJsonLine", "{\"maintext\": \"a very long article that",
       F::kJsonl},
      {"BraceText", "{Editor's note} Clashes continued.", F::kText},
      {"XmlDeclarationRss", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">",
       F::kFeed},
      {"RssWithoutDeclaration", "<rss version=\"2.0\"><channel>", F::kFeed},
      {"Atom",
       "<?xml version='1.0' encoding='utf-8'?><feed "
       "xmlns=\"http://www.w3.org/2005/Atom\">",
       F::kFeed},
      {"RdfRss1", "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">", F::kFeed},
      {"FeedAfterBomCommentAndDoctype",
       "\xEF\xBB\xBF <!-- generator --> <!DOCTYPE rss PUBLIC "
       "\"-//Netscape//DTD RSS 0.91//EN\" "
       "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss "
       "version=\"0.91\">",
       F::kFeed},
      {"DoctypeWithInternalSubset",
       "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"b\">]><rss>",
       F::kFeed},
      {"FeedAfterLongComment", long_comment, F::kFeed},
      {"OtherXmlIsForTheFeedReader", "<?xml version=\"1.0\"?><Sentences>",
       F::kFeed},
      {"XhtmlWithXmlDeclaration", "<?xml version=\"1.0\"?>\n<html xmlns=\"x\">",
       F::kHtml},
      {"Doctype", "<!DOCTYPE html>\n<html>", F::kHtml},
      {"DoctypeLowerCase", "<!doctype html><title>x</title>", F::kHtml},
      {"XhtmlDoctype",
       "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
       "\"x.dtd\"><html>",
       F::kHtml},
      {"HtmlTag", "<html lang=\"en\">", F::kHtml},
      {"HeadTag", "<head><title>x</title></head>", F::kHtml},
      {"BodyTag", "  <BODY>text</BODY>", F::kHtml},
      {"HtmlAfterJunk", "HTTP/1.1 200 OK\r\n\r\n<!DOCTYPE html><html>",
       F::kHtml},
      {"MarkupDenseFragment",
       "Headline\n<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>", F::kHtml},
      {"FragmentStartingWithATag", "<div class=\"story\">Clashes in Omdurman",
       F::kHtml},
      {"UnknownTagIsText", "<Reuters> reported clashes", F::kText},
      {"Png", std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16), F::kBinary},
      {"Jpeg", "\xFF\xD8\xFF\xE0 JFIF", F::kBinary},
      {"Pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", F::kBinary},
      {"Zip", "PK\x03\x04\x14\x00", F::kBinary},
      {"Elf",
       "\x7F"
       "ELF\x02\x01\x01",
       F::kBinary},
      {"GzipInsideGzip", "\x1F\x8B\x08\x00", F::kBinary},
      {"Utf16LeHtml", std::string("\xFF\xFE<\0h\0t\0m\0l\0>\0", 14), F::kHtml},
      {"Utf16LeText", std::string("\xFF\xFEK\0y\0i\0v\0", 10), F::kText},
  };
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const DetectCase& c, std::ostream* os) { *os << c.name; }

class DetectFormatTest : public ::testing::TestWithParam<DetectCase> {};

TEST_P(DetectFormatTest, Detects) {
  const DetectCase& c = GetParam();
  EXPECT_EQ(InputFormatName(DetectFormat(c.prefix)),
            InputFormatName(c.expected));
}

INSTANTIATE_TEST_SUITE_P(Cases, DetectFormatTest, ::testing::ValuesIn(Cases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(DescribeBinaryTest, NamesKnownSignatures) {
  EXPECT_EQ(DescribeBinary("%PDF-1.4"), "a PDF file");
  EXPECT_EQ(DescribeBinary("\x89PNG\r\n\x1a\n"), "a PNG image");
  EXPECT_EQ(DescribeBinary("\xFF\xD8\xFF\xDB"), "a JPEG image");
  EXPECT_EQ(DescribeBinary("PK\x03\x04"),
            "a ZIP archive (or an Office document)");
  EXPECT_EQ(DescribeBinary("\x7F"
                           "ELF"),
            "an ELF executable");
  EXPECT_EQ(DescribeBinary(std::string("\x01\x02\0", 3)), "binary data");
  EXPECT_EQ(DescribeBinary(""), "binary data");
}

TEST(InputFormatNameTest, EveryFormatHasAName) {
  for (InputFormat format :
       {InputFormat::kUnknown, InputFormat::kText, InputFormat::kHtml,
        InputFormat::kJsonl, InputFormat::kFeed, InputFormat::kWarc,
        InputFormat::kBinary}) {
    EXPECT_FALSE(InputFormatName(format).empty());
  }
}

}  // namespace
}  // namespace khaldun
