#include "ingest/html_tokenizer.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace khaldun {
namespace {

// Renders the token stream compactly: S(name;attr=value/) for start tags
// ("/" when self-closing), E(name), T(text), C(comment), D(doctype name).
// Adjacent text tokens are merged, since where text splits is unspecified.
std::string Dump(std::string_view html) {
  HtmlTokenizer tokenizer(html);
  std::string out;
  std::string text;
  bool in_text = false;
  for (const HtmlToken* t = &tokenizer.Next(); t->type != HtmlTokenType::kEof;
       t = &tokenizer.Next()) {
    if (t->type == HtmlTokenType::kText) {
      if (!in_text) text.clear();
      text += t->text;
      in_text = true;
      continue;
    }
    if (in_text) out += "T(" + text + ")";
    in_text = false;
    switch (t->type) {
      case HtmlTokenType::kStartTag:
        out += "S(" + std::string(t->name);
        for (const HtmlAttribute& a : t->attributes) {
          out += ";" + std::string(a.name) + "=" + std::string(a.value);
        }
        if (t->self_closing) out += "/";
        out += ")";
        break;
      case HtmlTokenType::kEndTag:
        out += "E(" + std::string(t->name) + ")";
        break;
      case HtmlTokenType::kComment:
        out += "C(" + std::string(t->text) + ")";
        break;
      case HtmlTokenType::kDoctype:
        out += "D(" + std::string(t->name) + ")";
        break;
      default:
        break;
    }
  }
  if (in_text) out += "T(" + text + ")";
  return out;
}

struct Case {
  const char* name;
  std::string_view html;
  std::string_view expected;
};

// std::string_view literals, so cases can hold NUL bytes.
using namespace std::literals;

const Case kCases[] = {
    // Edges of the input.
    {"empty input", ""sv, ""sv},
    {"whitespace only", " \n\t\r "sv, "T( \n\t\r )"sv},
    {"plain text", "hello"sv, "T(hello)"sv},
    {"invalid utf-8 passed through", "\xff\xfe<p>\xc3"sv,
     "T(\xff\xfe)S(p)T(\xc3)"sv},
    {"nul in text", "a\0b"sv,
     "T(a\xEF\xBF\xBD"
     "b)"sv},

    // Tags and attributes.
    {"simple element", "<p>hi</p>"sv, "S(p)T(hi)E(p)"sv},
    {"all quoting styles", "<a href=\"x\" title='y z' data-k=v checked>"sv,
     "S(a;href=x;title=y z;data-k=v;checked=)"sv},
    {"upper case names lowered, values kept", "<DIV CLASS=X>t</DIV>"sv,
     "S(div;class=X)T(t)E(div)"sv},
    {"mixed case tag", "<sPaN>x</SpAn>"sv, "S(span)T(x)E(span)"sv},
    {"self-closing", "<br/>"sv, "S(br/)"sv},
    {"self-closing after attribute", "<img src=\"a\"/>"sv, "S(img;src=a/)"sv},
    {"slash in unquoted value is not self-closing", "<img src=a/>"sv,
     "S(img;src=a/)"sv},
    {"stray slash between attributes", "<a/b>"sv, "S(a;b=)"sv},
    {"whitespace around equals", "<a x = 'y' >"sv, "S(a;x=y)"sv},
    {"newline and cr separate attributes", "<a\nx=1\ry=2\f>"sv,
     "S(a;x=1;y=2)"sv},
    {"missing attribute value", "<a x=>"sv, "S(a;x=)"sv},
    {"leading equals starts attribute name", "<a =b>"sv, "S(a;=b=)"sv},
    {"missing space after quoted value", "<a x=\"1\"y=2>"sv, "S(a;x=1;y=2)"sv},
    {"quote inside unquoted value", "<a x=a\"b'c>"sv, "S(a;x=a\"b'c)"sv},
    {"gt inside quoted value", "<a title=\"a>b\">c"sv, "S(a;title=a>b)T(c)"sv},
    {"duplicate attributes, first wins", "<a x=1 X=2 y=3 x=4>"sv,
     "S(a;x=1;y=3)"sv},
    {"end tag attributes dropped", "</p class=x>"sv, "E(p)"sv},
    {"end tag self-closing ignored", "</p/>"sv, "E(p)"sv},
    {"nul in tag and attribute names", "<a\0b c\0=\0>"sv,
     "S(a\xEF\xBF\xBD"
     "b;c\xEF\xBF\xBD=\xEF\xBF\xBD)"sv},

    // Broken markup.
    {"tag inside tag", "<p <b>"sv, "S(p;<b=)"sv},
    {"unterminated quoted value drops tag", "x<a href=\"x>"sv, "T(x)"sv},
    {"lone lt is text", "a < b"sv, "T(a < b)"sv},
    {"lt before digit is text", "1<2"sv, "T(1<2)"sv},
    {"empty end tag dropped", "a</>b"sv, "T(ab)"sv},
    {"end tag with non-letter is bogus comment", "</ x>y"sv, "C( x)T(y)"sv},
    {"processing instruction is bogus comment", "<?xml v?>"sv, "C(?xml v?)"sv},
    {"bang is bogus comment", "<!foo>"sv, "C(foo)"sv},
    {"cdata outside foreign content is bogus comment", "<![CDATA[x]]>y"sv,
     "C([CDATA[x]])T(y)"sv},
    {"cdata in svg is text", "<svg><![CDATA[a<b&amp;]]></svg>"sv,
     "S(svg)T(a<b&amp;)E(svg)"sv},
    {"cdata directly in foreignObject is cdata",
     "<svg><foreignObject><![CDATA[x]]>"sv, "S(svg)S(foreignobject)T(x)"sv},
    {"cdata in html under foreignObject is bogus comment",
     "<svg><foreignObject><p><![CDATA[x]]></p><![CDATA[y]]>"sv,
     "S(svg)S(foreignobject)S(p)C([CDATA[x]])E(p)T(y)"sv},
    {"style in html under foreignObject is raw text",
     "<svg><foreignObject><style><b></style></foreignObject><style><b></style>"sv,
     "S(svg)S(foreignobject)S(style)T(<b>)E(style)E(foreignobject)S(style)S(b)E(style)"sv},
    {"cdata in mathml text integration point",
     "<math><mi><![CDATA[x]]></mi></math>"sv, "S(math)S(mi)T(x)E(mi)E(math)"sv},
    {"unmatched end tag leaves svg", "<div><svg><g></div><style><b></style>"sv,
     "S(div)S(svg)S(g)E(div)S(style)T(<b>)E(style)"sv},
    {"style in svg is not raw text", "<svg><style><b>x</b></style></svg>"sv,
     "S(svg)S(style)S(b)T(x)E(b)E(style)E(svg)"sv},
    {"html breaks out of svg", "<svg><p><style><b></style>"sv,
     "S(svg)S(p)S(style)T(<b>)E(style)"sv},
    {"self-closing svg is not foreign content", "<svg/><style><b></style>"sv,
     "S(svg/)S(style)T(<b>)E(style)"sv},

    // Comments.
    {"comment", "<!-- a -->"sv, "C( a )"sv},
    {"abrupt empty comment", "<!-->x"sv, "C()T(x)"sv},
    {"abrupt empty comment with dash", "<!--->x"sv, "C()T(x)"sv},
    {"empty comment", "<!---->x"sv, "C()T(x)"sv},
    {"comment closed by bang", "<!-- a --!>x"sv, "C( a )T(x)"sv},
    {"comment with extra dash", "<!-- a --->"sv, "C( a -)"sv},
    {"double dash inside comment", "<!--a-- >b-->"sv, "C(a-- >b)"sv},
    {"nested comment opener", "<!-- <!-- x -->"sv, "C( <!-- x )"sv},
    {"nul in comment", "<!--\0-->"sv, "C(\xEF\xBF\xBD)"sv},

    // Doctype.
    {"doctype", "<!DOCTYPE html>"sv, "D(html)"sv},
    {"doctype upper name", "<!doctype HTML PUBLIC \"-//W3C\">x"sv,
     "D(html)T(x)"sv},
    {"doctype gt in identifier ends it", "<!DOCTYPE html PUBLIC \"a>b\">"sv,
     "D(html)T(b\">)"sv},
    {"doctype without name", "<!DOCTYPE>"sv, "D()"sv},
    {"doctype without space", "<!DOCTYPEhtml>"sv, "D(html)"sv},

    // Character references in text.
    {"amp", "&amp;"sv, "T(&)"sv},
    {"amp without semicolon", "&amp"sv, "T(&)"sv},
    {"legacy prefix of longer name", "&notit;"sv,
     "T(\xC2\xAC"
     "it;)"sv},
    {"longest match", "&notin;"sv, "T(\xE2\x88\x89)"sv},
    {"upper case AMP", "&AMP;"sv, "T(&)"sv},
    {"hex reference", "&#x41;"sv, "T(A)"sv},
    {"hex upper X", "&#X41;"sv, "T(A)"sv},
    {"decimal without semicolon", "&#65x"sv, "T(Ax)"sv},
    {"zero becomes replacement", "&#0;"sv, "T(\xEF\xBF\xBD)"sv},
    {"c1 control as windows-1252", "&#x80;&#150;"sv,
     "T(\xE2\x82\xAC\xE2\x80\x93)"sv},
    {"unmapped c1 control kept", "&#x81;"sv, "T(\xC2\x81)"sv},
    {"surrogate becomes replacement", "&#xD800;"sv, "T(\xEF\xBF\xBD)"sv},
    {"beyond unicode becomes replacement", "&#x110000;&#99999999999999;"sv,
     "T(\xEF\xBF\xBD\xEF\xBF\xBD)"sv},
    {"astral hex", "&#x1F600;"sv, "T(\xF0\x9F\x98\x80)"sv},
    {"nbsp", "&nbsp;"sv, "T(\xC2\xA0)"sv},
    {"two code point reference", "&NotEqualTilde;"sv,
     "T(\xE2\x89\x82\xCC\xB8)"sv},
    {"unknown name kept", "&bogus; &"sv, "T(&bogus; &)"sv},
    {"no digits kept", "&#; &#x; &#xg"sv, "T(&#; &#x; &#xg)"sv},
    {"reference not decoded twice", "&amp;amp;"sv, "T(&amp;)"sv},
    {"reference at text end before tag", "a&amp<b>"sv, "T(a&)S(b)"sv},

    // Character references in attribute values.
    {"attribute amp", "<a t=\"&amp;&amp\">"sv, "S(a;t=&&)"sv},
    {"attribute legacy before equals", "<a href=\"?a=1&copy=2\">"sv,
     "S(a;href=?a=1&copy=2)"sv},
    {"attribute legacy before alnum", "<a t='&notit;'>"sv, "S(a;t=&notit;)"sv},
    {"attribute legacy at end", "<a t=&copy>"sv, "S(a;t=\xC2\xA9)"sv},
    {"attribute semicolon name before equals", "<a t=\"&copy;=\">"sv,
     "S(a;t=\xC2\xA9=)"sv},
    {"attribute nbsp and numeric", "<a t='&nbsp;&#x41;&#x80;'>"sv,
     "S(a;t=\xC2\xA0"
     "A\xE2\x82\xAC)"sv},
    {"attribute zero", "<a t=&#0;>"sv, "S(a;t=\xEF\xBF\xBD)"sv},

    // Raw text, RCDATA, script data, PLAINTEXT.
    {"script with partial end tag", "<script>if (a</scr) x</script >y"sv,
     "S(script)T(if (a</scr) x)E(script)T(y)"sv},
    {"script end tag with attributes", "<script>a</script foo='>'>b"sv,
     "S(script)T(a)E(script)T(b)"sv},
    {"script end tag upper case", "<SCRIPT>x</ScRiPt>"sv,
     "S(script)T(x)E(script)"sv},
    {"script end tag needs delimiter", "<script></scripts></script>"sv,
     "S(script)T(</scripts>)E(script)"sv},
    {"script references not decoded", "<script>a&amp;b</script>"sv,
     "S(script)T(a&amp;b)E(script)"sv},
    {"self-closing script still script", "<script/><b></script>"sv,
     "S(script/)T(<b>)E(script)"sv},
    {"script escaped ends at end tag", "<script><!--</script>x"sv,
     "S(script)T(<!--)E(script)T(x)"sv},
    {"script double escaped", "<script><!--<script>x</script>y-->z</script>w"sv,
     "S(script)T(<!--<script>x</script>y-->z)E(script)T(w)"sv},
    {"script double escaped then escaped",
     "<script><!--<script></script></script>"sv,
     "S(script)T(<!--<script></script>)E(script)"sv},
    {"script escape closed at once", "<script><!-->x</script>"sv,
     "S(script)T(<!-->x)E(script)"sv},
    {"script nul", "<script>\0</script>"sv,
     "S(script)T(\xEF\xBF\xBD)E(script)"sv},
    {"style raw text", "<style>a<b>c&amp;</style>"sv,
     "S(style)T(a<b>c&amp;)E(style)"sv},
    {"xmp iframe noembed noframes",
     "<xmp><b></xmp><iframe><b></iframe><noembed><b></noembed><noframes><b></noframes>"sv,
     "S(xmp)T(<b>)E(xmp)S(iframe)T(<b>)E(iframe)S(noembed)T(<b>)E(noembed)S(noframes)T(<b>)E(noframes)"sv},
    {"title rcdata decodes references", "<title>a&amp;<b></title>"sv,
     "S(title)T(a&<b>)E(title)"sv},
    {"textarea rcdata", "<textarea></p>&lt;</TEXTAREA>"sv,
     "S(textarea)T(</p><)E(textarea)"sv},
    {"plaintext never ends", "<plaintext></plaintext>x"sv,
     "S(plaintext)T(</plaintext>x)"sv},
    {"empty script", "<script></script>"sv, "S(script)E(script)"sv},

    // EOF in every state.
    {"eof after lt", "<"sv, "T(<)"sv},
    {"eof after end tag open", "</"sv, "T(</)"sv},
    {"eof in tag name", "x<ab"sv, "T(x)"sv},
    {"eof before attribute name", "<a "sv, ""sv},
    {"eof in attribute name", "<a b"sv, ""sv},
    {"eof before attribute value", "<a b="sv, ""sv},
    {"eof in single quoted value", "<a b='x"sv, ""sv},
    {"eof in unquoted value", "<a b=c"sv, ""sv},
    {"eof in self-closing", "<a/"sv, ""sv},
    {"eof in end tag", "</ab"sv, ""sv},
    {"eof after markup declaration open", "<!"sv, "C()"sv},
    {"eof after one dash", "<!-"sv, "C(-)"sv},
    {"eof in comment start", "<!--"sv, "C()"sv},
    {"eof in comment start dash", "<!---"sv, "C()"sv},
    {"eof in comment end", "<!----"sv, "C()"sv},
    {"eof in comment", "<!-- abc"sv, "C( abc)"sv},
    {"eof in comment end dash", "<!-- x -"sv, "C( x )"sv},
    {"eof in comment end bang", "<!-- x --!"sv, "C( x )"sv},
    {"eof in comment after extra dash", "<!-- x ---"sv, "C( x -)"sv},
    {"eof in bogus comment", "<?php"sv, "C(?php)"sv},
    {"eof in doctype", "<!DOCTYPE"sv, "D()"sv},
    {"eof in doctype name", "<!DOCTYPE h"sv, "D(h)"sv},
    {"eof in rcdata", "<title>x"sv, "S(title)T(x)"sv},
    {"eof in rcdata end tag name", "<title>x</title"sv,
     "S(title)T(x</title)"sv},
    {"eof in script", "<script>a"sv, "S(script)T(a)"sv},
    {"eof in script end tag name", "<script>a</script"sv,
     "S(script)T(a</script)"sv},
    {"eof in script escaped", "<script><!--"sv, "S(script)T(<!--)"sv},
    {"eof in script double escaped", "<script><!--<script>"sv,
     "S(script)T(<!--<script>)"sv},
    {"eof in cdata", "<svg><![CDATA[x"sv, "S(svg)T(x)"sv},
    {"eof right after cdata open", "<svg><![CDATA["sv, "S(svg)"sv},
    {"empty cdata yields no token", "<svg><![CDATA[]]>x"sv, "S(svg)T(x)"sv},
    {"eof in character reference", "&"sv, "T(&)"sv},
    {"eof in numeric reference", "&#x"sv, "T(&#x)"sv},
    {"eof in named reference", "&am"sv, "T(&am)"sv},
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class HtmlTokenizerCaseTest : public testing::TestWithParam<Case> {};

TEST_P(HtmlTokenizerCaseTest, Tokens) {
  const Case& c = GetParam();
  EXPECT_EQ(Dump(c.html), c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HtmlTokenizerCaseTest, testing::ValuesIn(kCases),
    [](const testing::TestParamInfo<Case>& param_info) {
      std::string name;
      for (const char* p = param_info.param.name; *p; ++p) {
        name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
      }
      return name;
    });

TEST(HtmlTokenizerTest, OffsetsCoverInputInOrder) {
  const std::string_view html =
      "<!DOCTYPE html><p class=a>x&amp;y<!--c--></p><script>s</script>t";
  HtmlTokenizer tokenizer(html);
  size_t previous_end = 0;
  std::vector<std::string_view> raw;
  for (const HtmlToken* t = &tokenizer.Next(); t->type != HtmlTokenType::kEof;
       t = &tokenizer.Next()) {
    EXPECT_EQ(t->begin, previous_end);
    EXPECT_LT(t->begin, t->end);
    previous_end = t->end;
    raw.push_back(html.substr(t->begin, t->end - t->begin));
  }
  EXPECT_EQ(previous_end, html.size());
  const std::vector<std::string_view> expected = {
      "<!DOCTYPE html>", "<p class=a>", "x&amp;y",   "<!--c-->", "</p>",
      "<script>",        "s",           "</script>", "t"};
  EXPECT_EQ(raw, expected);
}

TEST(HtmlTokenizerTest, EofRepeats) {
  HtmlTokenizer tokenizer("<p>");
  EXPECT_EQ(tokenizer.Next().type, HtmlTokenType::kStartTag);
  for (int i = 0; i < 3; ++i) {
    const HtmlToken& t = tokenizer.Next();
    EXPECT_EQ(t.type, HtmlTokenType::kEof);
    EXPECT_EQ(t.begin, 3u);
  }
}

TEST(HtmlTokenizerTest, ZeroCopyWhenNothingToDecode) {
  const std::string_view html = "<a href=\"x\">text</a><!--c-->";
  HtmlTokenizer tokenizer(html);
  auto inside = [&](std::string_view v) {
    return v.data() >= html.data() &&
           v.data() + v.size() <= html.data() + html.size();
  };
  const HtmlToken& a = tokenizer.Next();
  EXPECT_TRUE(inside(a.name));
  EXPECT_TRUE(inside(a.attributes[0].name));
  EXPECT_TRUE(inside(a.attributes[0].value));
  EXPECT_TRUE(inside(tokenizer.Next().text));
  EXPECT_TRUE(inside(tokenizer.Next().name));
  EXPECT_TRUE(inside(tokenizer.Next().text));
}

TEST(HtmlTokenizerTest, HugeAttributeCount) {
  // Enough attributes to take the sorting path, with duplicates scattered
  // through it; the first occurrence of each name must win, in order.
  std::string html = "<div";
  std::string expected = "S(div";
  for (int i = 0; i < 5000; ++i) {
    html += " a" + std::to_string(i % 1000) + "=" + std::to_string(i);
    if (i < 1000)
      expected += ";a" + std::to_string(i) + "=" + std::to_string(i);
  }
  html += ">";
  expected += ")";
  EXPECT_EQ(Dump(html), expected);
}

TEST(HtmlTokenizerTest, ManyDistinctAttributesKept) {
  std::string html = "<div";
  for (int i = 0; i < 100; ++i) html += " A" + std::to_string(i);
  html += ">";
  HtmlTokenizer tokenizer(html);
  const HtmlToken& t = tokenizer.Next();
  ASSERT_EQ(t.attributes.size(), 100u);
  EXPECT_EQ(t.attributes[42].name, "a42");
  EXPECT_EQ(HtmlTokenizer::Attribute(t, "a99"), "");
  EXPECT_EQ(t.attributes[99].name, "a99");
}

// Escaped and double-escaped script states that flip many times before a
// distant "-->" must stay linear (a rescan per flip made this quadratic).
TEST(HtmlTokenizerTest, ScriptEscapeFlipsAreLinear) {
  std::string html = "<script><!--";
  for (int i = 0; i < 100000; ++i) html += "<script></script>";
  html += "x";
  HtmlTokenizer tokenizer(html);
  EXPECT_EQ(tokenizer.Next().type, HtmlTokenType::kStartTag);
  const HtmlToken& text = tokenizer.Next();
  EXPECT_EQ(text.type, HtmlTokenType::kText);
  EXPECT_EQ(text.end, html.size());
  EXPECT_EQ(tokenizer.Next().type, HtmlTokenType::kEof);
}

TEST(HtmlTokenizerTest, AttributeLookup) {
  HtmlTokenizer tokenizer("<meta NAME=description content='a &amp; b'>");
  const HtmlToken& t = tokenizer.Next();
  EXPECT_EQ(HtmlTokenizer::Attribute(t, "name"), "description");
  EXPECT_EQ(HtmlTokenizer::Attribute(t, "content"), "a & b");
  EXPECT_EQ(HtmlTokenizer::Attribute(t, "missing"), "");
}

std::string ToHex(unsigned value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%X", value);
  return buffer;
}

struct DecodeCase {
  const char* name;
  std::string_view raw;
  bool in_attribute;
  std::string_view expected;
};

// Every name in data/html/entities.tsv decodes to its code points, which
// checks the generated table and the longest-match search together.
TEST(AppendDecodedHtmlTest, EveryNamedReferenceInTheTable) {
  std::ifstream tsv(std::string(KHALDUN_SOURCE_DIR) +
                    "/data/html/entities.tsv");
  ASSERT_TRUE(tsv.is_open());
  std::string line;
  int checked = 0;
  while (std::getline(tsv, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    std::string expected;
    std::istringstream code_points(line.substr(tab + 1));
    unsigned cp;
    while (code_points >> std::hex >> cp) {
      AppendDecodedHtml("&#x" + ToHex(cp) + ";", false, expected);
    }
    std::string out;
    AppendDecodedHtml("&" + line.substr(0, tab), /*in_attribute=*/false, out);
    EXPECT_EQ(out, expected) << line;
    ++checked;
  }
  EXPECT_EQ(checked, 2231);  // the WHATWG table's size
}

TEST(AppendDecodedHtmlTest, Cases) {
  const DecodeCase cases[] = {
      {"empty", "", false, ""},
      {"appends", "&lt;", false, "<"},
      {"text decodes legacy before equals", "&copy=", false, "\xC2\xA9="},
      {"attribute keeps legacy before equals", "&copy=", true, "&copy="},
      {"attribute keeps legacy before alnum", "&ampx", true, "&ampx"},
      {"attribute decodes with semicolon", "&amp;x", true, "&x"},
      {"nul replaced", std::string_view("a\0", 2), false, "a\xEF\xBF\xBD"},
      {"longest legacy match", "&ltx", false, "<x"},
  };
  for (const DecodeCase& c : cases) {
    std::string out = "prefix:";
    AppendDecodedHtml(c.raw, c.in_attribute, out);
    EXPECT_EQ(out, "prefix:" + std::string(c.expected)) << c.name;
  }
}

}  // namespace
}  // namespace khaldun
