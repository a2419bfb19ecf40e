#include "common/json_writer.h"

#include <simdjson.h>

#include <string>

#include "gtest/gtest.h"

namespace khaldun {
namespace {

std::string Quote(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

TEST(JsonWriterTest, Escapes) {
  EXPECT_EQ(Quote(""), "\"\"");
  EXPECT_EQ(Quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Quote("line\nnext\ttab\r"), "\"line\\nnext\\ttab\\r\"");
  EXPECT_EQ(Quote(std::string("nul\0x", 5)), "\"nul\\u0000x\"");
  EXPECT_EQ(Quote("\x1f\x7f"), "\"\\u001f\\u007f\"");
  EXPECT_EQ(Quote("</script>"), "\"<\\/script>\"");
  EXPECT_EQ(Quote("a/b"), "\"a/b\"");
  EXPECT_EQ(Quote("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
  EXPECT_EQ(Quote("bad\xFF"), "\"bad\\ufffd\"");
  EXPECT_EQ(Quote("\xE2\x80\xA8"), "\"\\u2028\"");
}

TEST(JsonWriterTest, ObjectRoundTripsThroughAParser) {
  std::string out;
  JsonObjectWriter json(out);
  json.String("record", "article");
  json.String("url", "");
  json.String("text", "", false);
  json.Number("n", -42);
  json.Bool("b", true);
  json.StringList("list", {"x", "y\"z"});
  json.Close();
  EXPECT_EQ(out,
            "{\"record\":\"article\",\"url\":null,\"text\":\"\",\"n\":-42,\"b\":true,"
            "\"list\":[\"x\",\"y\\\"z\"]}");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out).get(doc), simdjson::SUCCESS);
}

}  // namespace
}  // namespace khaldun
