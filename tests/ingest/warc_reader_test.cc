// WARC files: record framing, HTTP payloads, truncation and resync.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "ingest/readers.h"
#include "ingest/readers_testing.h"

namespace khaldun {
namespace {

using testing::Collected;
using testing::ReadWarc;

std::string Record(const std::string& type, const std::string& headers,
                   const std::string& block,
                   const std::string& version = "WARC/1.1") {
  return version + "\r\nWARC-Type: " + type + "\r\n" + headers +
         "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" +
         block + "\r\n\r\n";
}

std::string Response(const std::string& url, const std::string& http) {
  return Record("response",
                "WARC-Target-URI: " + url +
                    "\r\nContent-Type: application/http; msgtype=response\r\n",
                http);
}

std::string Http(const std::string& status, const std::string& headers,
                 const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

const std::string kHtml =
    "<html><body><p>Fierce clashes broke out in Omdurman on "
    "Saturday.</p></body></html>";

std::string Deflate(const std::string& data) {
  uLongf size = compressBound(data.size());
  std::string out(size, '\0');
  compress(reinterpret_cast<Bytef*>(out.data()), &size,
           reinterpret_cast<const Bytef*>(data.data()), data.size());
  out.resize(size);
  return out;
}

std::vector<uint64_t> Records(const Collected& out) {
  std::vector<uint64_t> records;
  for (const Page& page : out.pages) records.push_back(page.record);
  return records;
}

std::vector<std::string> ErrorPaths(const Collected& out) {
  std::vector<std::string> paths;
  for (const InputError& error : out.errors) paths.push_back(error.path);
  return paths;
}

TEST(WarcReaderTest, Fixture) {
  Collected out =
      testing::ReadInput(testing::ReadTestData("news.warc"), {}, "news.warc");
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  EXPECT_TRUE(out.errors.empty()) << out.errors[0].status.message();
  // warcinfo, request, metadata, 404 and image/png records give nothing.
  EXPECT_EQ(Records(out), (std::vector<uint64_t>{3, 7, 8, 9}));
  ASSERT_EQ(out.pages.size(), 4u);
  EXPECT_EQ(out.pages[0].url,
            "https://example-news.org/world/2024/03/14/kharkiv-shelling");
  EXPECT_EQ(out.pages[0].kind, PageKind::kHtml);
  EXPECT_EQ(out.pages[0].source_file, "news.warc");
  EXPECT_EQ(out.pages[0].body.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(out.pages[0].body.find("killing two civilians"), std::string::npos);
  // Chunked: the chunk sizes are gone.
  EXPECT_NE(out.pages[1].body.find("killing at least 11 people"),
            std::string::npos);
  EXPECT_EQ(out.pages[1].body.find("\r\n61\r\n"), std::string::npos);
  // Gzip-encoded windows-1252 body, decoded and transcoded.
  EXPECT_NE(out.pages[2].body.find("café owner"), std::string::npos);
  EXPECT_EQ(out.pages[3].url,
            "https://wire.example.com/2024/03/18/mali-curfew");
  EXPECT_NE(out.pages[3].body.find("Djenné"), std::string::npos);
}

TEST(WarcReaderTest, GzippedFixtureGivesTheSamePages) {
  Collected plain = testing::ReadInput(testing::ReadTestData("news.warc"));
  Collected gz = testing::ReadInput(testing::ReadTestData("news.warc.gz"));
  ASSERT_TRUE(gz.status.ok()) << gz.status.message();
  ASSERT_EQ(gz.pages.size(), plain.pages.size());
  for (size_t i = 0; i < gz.pages.size(); ++i) {
    EXPECT_EQ(gz.pages[i].record, plain.pages[i].record);
    EXPECT_EQ(gz.pages[i].url, plain.pages[i].url);
    EXPECT_EQ(gz.pages[i].body, plain.pages[i].body);
  }
}

TEST(WarcReaderTest, MultiMemberBuiltInCode) {
  std::string warc =
      testing::Gzip(Record("warcinfo", "", "software: test\r\n")) +
      testing::Gzip(
          Response("https://a/1",
                   Http("200 OK", "Content-Type: text/html\r\n", kHtml))) +
      testing::Gzip(Response(
          "https://a/2", Http("200 OK", "Content-Type: text/html\r\n", kHtml)));
  Collected out = testing::ReadInput(warc);
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  EXPECT_EQ(Records(out), (std::vector<uint64_t>{2, 3}));
}

struct WarcCase {
  const char* name;
  std::string warc;
  size_t max_input_bytes;
  std::vector<uint64_t> page_records;
  std::vector<std::string> error_paths;
  std::string first_error_prefix = "";
};

std::vector<WarcCase> Cases() {
  const std::string html_type = "Content-Type: text/html; charset=utf-8\r\n";
  const std::string ok =
      Response("https://a/ok", Http("200 OK", html_type, kHtml));
  const std::string big = Response(
      "https://a/big", Http("200 OK", html_type, std::string(5000, 'x')));
  std::string chunked_bad =
      Response("https://a/c",
               Http("200 OK", html_type + "Transfer-Encoding: chunked\r\n",
                    "zz\r\nabc\r\n0\r\n\r\n"));
  std::string truncated = ok + ok;
  truncated.resize(ok.size() + ok.size() / 2);
  std::string cut_header = ok + "WARC/1.1\r\nWARC-Type: response\r\nContent-Le";
  std::string deflated = Response(
      "https://a/d", Http("200 OK", html_type + "Content-Encoding: deflate\r\n",
                          Deflate(kHtml)));
  std::string gzipped = Response(
      "https://a/g", Http("200 OK", html_type + "Content-Encoding: gzip\r\n",
                          testing::Gzip(kHtml)));
  std::string gzip_corrupt = Response(
      "https://a/g", Http("200 OK", html_type + "Content-Encoding: gzip\r\n",
                          testing::Gzip(kHtml).substr(0, 20)));
  std::string lf_only =
      "WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: <https://a/lf>\n"
      "Content-Type: text/html\nContent-Length: " +
      std::to_string(kHtml.size()) + "\n\n" + kHtml + "\n\n";
  return {
      {"Empty", "", 1 << 20, {}, {}},
      {"OnlyWarcinfo",
       Record("warcinfo", "", "software: x\r\n"),
       1 << 20,
       {},
       {}},
      {"Status200Html", ok, 1 << 20, {1}, {}},
      {"Status404Skipped",
       Response("https://a/404", Http("404 Not Found", html_type, kHtml)) + ok,
       1 << 20,
       {2},
       {}},
      {"RedirectSkipped",
       Response("https://a/r", Http("301 Moved Permanently",
                                    "Location: https://a/ok\r\n", "")) +
           ok,
       1 << 20,
       {2},
       {}},
      {"ImageSkipped",
       Response("https://a/i.png",
                Http("200 OK", "Content-Type: image/png\r\n",
                     std::string("\x89PNG\r\n\x1a\n\0\0", 10))) +
           ok,
       1 << 20,
       {2},
       {}},
      {"XhtmlAccepted",
       Response(
           "https://a/x",
           Http("200 OK", "Content-Type: application/xhtml+xml\r\n", kHtml)),
       1 << 20,
       {1},
       {}},
      {"NoContentTypeSniffed",
       Response("https://a/n", Http("200 OK", "", kHtml)),
       1 << 20,
       {1},
       {}},
      {"NoContentTypeNotHtml",
       Response("https://a/n", Http("200 OK", "", "just text")),
       1 << 20,
       {},
       {}},
      {"Http2StatusLine",
       Response("https://a/h2", "HTTP/2 200\r\n" + html_type + "\r\n" + kHtml),
       1 << 20,
       {1},
       {}},
      {"RequestAndMetadataSkipped",
       Record("request", "WARC-Target-URI: https://a/ok\r\n",
              "GET / HTTP/1.1\r\n\r\n") +
           ok + Record("metadata", "", "fetchTimeMs: 1\r\n"),
       1 << 20,
       {2},
       {}},
      {"ResourceHtml",
       Record("resource", "WARC-Target-URI: https://a/res\r\n" + html_type,
              kHtml),
       1 << 20,
       {1},
       {}},
      {"ResourcePdfSkipped",
       Record("resource",
              "WARC-Target-URI: https://a/f.pdf\r\nContent-Type: "
              "application/pdf\r\n",
              "%PDF-1.4"),
       1 << 20,
       {},
       {}},
      {"DeflateEncoded", deflated, 1 << 20, {1}, {}},
      {"GzipEncoded", gzipped, 1 << 20, {1}, {}},
      {"GzipEncodedCorrupt",
       gzip_corrupt + ok,
       1 << 20,
       {2},
       {"in:1"},
       "truncated gzip stream"},
      {"BrotliUnsupported",
       Response(
           "https://a/b",
           Http("200 OK", html_type + "Content-Encoding: br\r\n", "\x1b\x03")) +
           ok,
       1 << 20,
       {2},
       {"in:1"},
       "unsupported Content-Encoding br"},
      {"ChunkedMalformed",
       chunked_bad + ok,
       1 << 20,
       {2},
       {"in:1"},
       "malformed chunk size"},
      {"BrokenUtf8Undeclared",
       Response("https://a/u", Http("200 OK", "Content-Type: text/html\r\n",
                                    "<p>caf\xE9</p>")) +
           ok,
       1 << 20,
       {2},
       {"in:1"},
       "invalid UTF-8 at byte 6"},
      {"OversizeRecordSkipped",
       ok + big + ok,
       1000,
       {1, 3},
       {"in:2"},
       "larger than the 1000 bytes bound (--max-bytes)"},
      {"OversizeUnwantedRecordSilent",
       Record("warcinfo", "", std::string(5000, 'i')) + ok,
       1000,
       {2},
       {}},
      {"TruncatedLastRecord",
       truncated,
       1 << 20,
       {1},
       {"in:2"},
       "truncated record: "},
      {"TruncatedHeader",
       cut_header,
       1 << 20,
       {1},
       {"in:2"},
       "truncated record header at byte "},
      {"GarbageBetweenRecordsResyncs",
       ok + "garbage line\r\nmore garbage\r\n" + ok,
       1 << 20,
       {1, 3},
       {"in:2"},
       "malformed WARC record header at byte "},
      {"MissingContentLength",
       "WARC/1.1\r\nWARC-Type: response\r\n\r\nstuff\r\n\r\n" + ok,
       1 << 20,
       {2},
       {"in:1"},
       "missing or invalid Content-Length"},
      {"LfOnlyLineEndingsAndBracketedUri", lf_only, 1 << 20, {1}, {}},
  };
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const WarcCase& c, std::ostream* os) { *os << c.name; }

class WarcCaseTest : public ::testing::TestWithParam<WarcCase> {};

TEST_P(WarcCaseTest, Reads) {
  const WarcCase& c = GetParam();
  IngestOptions options;
  options.max_input_bytes = c.max_input_bytes;
  Collected out = ReadWarc(c.warc, options);
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  EXPECT_EQ(Records(out), c.page_records);
  EXPECT_EQ(ErrorPaths(out), c.error_paths);
  if (!c.first_error_prefix.empty() && !out.errors.empty()) {
    EXPECT_EQ(out.errors[0].status.message().rfind(c.first_error_prefix, 0), 0u)
        << out.errors[0].status.message();
  }
  for (const Page& page : out.pages) {
    EXPECT_EQ(page.kind, PageKind::kHtml);
    EXPECT_FALSE(page.url.empty());
    EXPECT_EQ(page.url.find('<'), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, WarcCaseTest, ::testing::ValuesIn(Cases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(WarcReaderTest, CharsetFromHttpHeader) {
  Collected out = ReadWarc(
      Response("https://a/l",
               Http("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\n",
                    "<p>S\xE9gou</p>")));
  ASSERT_EQ(out.pages.size(), 1u);
  EXPECT_EQ(out.pages[0].body, "<p>Ségou</p>");
}

TEST(WarcReaderTest, TruncatedGzipWarcStopsWithAnError) {
  std::string gz = testing::Gzip(testing::ReadTestData("news.warc"));
  Collected out = testing::ReadInput(gz.substr(0, gz.size() / 2));
  EXPECT_EQ(out.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(out.status.message(), "truncated gzip stream");
}

}  // namespace
}  // namespace khaldun
