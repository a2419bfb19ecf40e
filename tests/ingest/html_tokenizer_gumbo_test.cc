// Differential test: HtmlTokenizer against gumbo (a complete HTML5 parser)
// as the oracle, on the 161 pages of the Zyte article extraction benchmark
// and on synthetic pages made to be tricky.
//
// A tokenizer and a tree builder need not produce the same thing, so the
// test compares only what must agree between them:
//  (a) the visible text: text tokens outside the excluded elements, in
//      source order, against gumbo's text nodes outside the same elements
//      (sorted by source offset, since the tree builder moves text), both
//      whitespace-collapsed;
//  (b) the start tags: every element gumbo built from a start tag in the
//      source must be a start tag of the tokenizer at the same byte offset,
//      with the same name and attributes (names lower-cased);
//  (c) the comments: gumbo's comment nodes against the tokenizer's comment
//      tokens, by byte offset.
//
// Exclusions, each inherent to tree building rather than tokenizing:
//  - Elements the parser inserted or copied are skipped (parse_flags
//    BY_PARSER, IMPLIED, RECONSTRUCTED_FORMATTING_ELEMENT, ADOPTION_AGENCY_
//    CLONED, CONVERTED_FROM_END_TAG, FROM_IMAGE, FROM_ISINDEX): they have no
//    start tag of their own, or have a renamed one (<image> -> <img>).
//  - Text inside script, style, noscript, template, title, iframe, noembed
//    and noframes is not visible text. noscript in particular is parsed as
//    raw text or markup depending on the scripting flag, and template
//    content lives in a separate fragment.
//  - Start tags the tree builder ignores (a second <html>/<body>/<head>,
//    <frame> in a body, table parts outside a table, nested <form>, ...)
//    appear only in the tokenizer's output; they are counted, not failed.
//    Conversely gumbo merges the attributes of a repeated <html>/<body> into
//    the first one, so those two are compared for the tokenizer's
//    attributes being a subset.
//  - The tokenizer leaves CR as is and passes invalid UTF-8 through, where
//    gumbo normalizes CR to LF and replaces invalid UTF-8 with U+FFFD: the
//    comparison applies the same normalization to the tokenizer's side.
#include <gtest/gtest.h>
#include <gumbo.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/html_tokenizer.h"
#include "testing/page_files.h"

namespace khaldun {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool IsExcludedElement(std::string_view name) {
  static const std::set<std::string_view> kExcluded = {
      "script", "style",  "noscript", "template",
      "title",  "iframe", "noembed",  "noframes"};
  return kExcluded.count(name) > 0;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Length of the UTF-8 sequence at s[i] and whether it is valid. An invalid
// one is the longest prefix of a valid sequence (at least one byte), which
// the WHATWG decoder gumbo follows replaces with a single U+FFFD.
std::pair<size_t, bool> Utf8Sequence(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {1, true};
  size_t len;
  unsigned char lower = 0x80;
  unsigned char upper = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    if (b == 0xE0) lower = 0xA0;
    if (b == 0xED) upper = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    if (b == 0xF0) lower = 0x90;
    if (b == 0xF4) upper = 0x8F;
  } else {
    return {1, false};
  }
  for (size_t k = 1; k < len; ++k) {
    if (i + k >= s.size()) return {k, false};
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (c < lower || c > upper) return {k, false};
    lower = 0x80;
    upper = 0xBF;
  }
  return {len, true};
}

// Replaces each invalid byte with U+FFFD and CR / CRLF with LF, as gumbo's
// input stream does.
std::string NormalizeLikeGumbo(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\r') {
      out += '\n';
      i += (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    const auto [len, valid] = Utf8Sequence(s, i);
    if (valid) {
      out.append(s.substr(i, len));
    } else {
      out += kReplacement;
    }
    i += len;
  }
  return out;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
};

std::string Describe(const Tag& tag) {
  std::string out = "<" + tag.name;
  for (const auto& [name, value] : tag.attributes)
    out += " " + name + "=\"" + value + "\"";
  return out + ">";
}

// What the comparison looks at, from either side.
struct PageView {
  std::string text;            // visible text, whitespace-collapsed
  std::map<size_t, Tag> tags;  // start tags by byte offset of their '<'
  std::map<size_t, std::string> comments;  // comment text by offset
};

PageView TokenizerView(std::string_view html) {
  PageView view;
  std::string text;
  int excluded_depth = 0;
  HtmlTokenizer tokenizer(html);
  for (const HtmlToken* t = &tokenizer.Next(); t->type != HtmlTokenType::kEof;
       t = &tokenizer.Next()) {
    switch (t->type) {
      case HtmlTokenType::kText:
        if (excluded_depth == 0) text += t->text;
        break;
      case HtmlTokenType::kStartTag: {
        if (IsExcludedElement(t->name)) ++excluded_depth;
        Tag tag{std::string(t->name), {}};
        for (const HtmlAttribute& a : t->attributes) {
          tag.attributes.emplace_back(Lower(a.name),
                                      NormalizeLikeGumbo(a.value));
        }
        view.tags[t->begin] = std::move(tag);
        break;
      }
      case HtmlTokenType::kEndTag:
        if (IsExcludedElement(t->name) && excluded_depth > 0) --excluded_depth;
        break;
      case HtmlTokenType::kComment:
        view.comments[t->begin] = NormalizeLikeGumbo(t->text);
        break;
      default:
        break;
    }
  }
  view.text = CollapseWhitespace(NormalizeLikeGumbo(text));
  return view;
}

constexpr unsigned kSyntheticElement =
    GUMBO_INSERTION_BY_PARSER | GUMBO_INSERTION_IMPLIED |
    GUMBO_INSERTION_RECONSTRUCTED_FORMATTING_ELEMENT |
    GUMBO_INSERTION_ADOPTION_AGENCY_CLONED |
    GUMBO_INSERTION_CONVERTED_FROM_END_TAG | GUMBO_INSERTION_FROM_IMAGE |
    GUMBO_INSERTION_FROM_ISINDEX;

std::string GumboTagName(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN)
    return Lower(gumbo_normalized_tagname(element.tag));
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  return Lower(std::string_view(piece.data, piece.length));
}

void CollectGumbo(const GumboNode* node, bool excluded,
                  std::vector<std::pair<size_t, std::string>>& texts,
                  PageView& view) {
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      if (!excluded)
        texts.emplace_back(node->v.text.start_pos.offset, node->v.text.text);
      return;
    case GUMBO_NODE_COMMENT:
      view.comments[node->v.text.start_pos.offset] = node->v.text.text;
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: {
      const GumboElement& element = node->v.element;
      const std::string name = GumboTagName(element);
      if ((node->parse_flags & kSyntheticElement) == 0 &&
          element.original_tag.length > 0) {
        Tag tag{name, {}};
        for (unsigned i = 0; i < element.attributes.length; ++i) {
          const auto* a =
              static_cast<const GumboAttribute*>(element.attributes.data[i]);
          // gumbo strips the prefix of namespaced foreign attributes
          // ("xlink:href" -> "href" in the XLink namespace); put it back.
          std::string attribute_name = Lower(a->name);
          if (a->attr_namespace == GUMBO_ATTR_NAMESPACE_XLINK) {
            attribute_name = "xlink:" + attribute_name;
          } else if (a->attr_namespace == GUMBO_ATTR_NAMESPACE_XML) {
            attribute_name = "xml:" + attribute_name;
          } else if (a->attr_namespace == GUMBO_ATTR_NAMESPACE_XMLNS &&
                     attribute_name != "xmlns") {
            attribute_name = "xmlns:" + attribute_name;
          }
          tag.attributes.emplace_back(std::move(attribute_name), a->value);
        }
        view.tags[element.start_pos.offset] = std::move(tag);
      }
      const bool child_excluded = excluded || IsExcludedElement(name);
      for (unsigned i = 0; i < element.children.length; ++i) {
        CollectGumbo(static_cast<const GumboNode*>(element.children.data[i]),
                     child_excluded, texts, view);
      }
      return;
    }
    case GUMBO_NODE_DOCUMENT:
      for (unsigned i = 0; i < node->v.document.children.length; ++i) {
        CollectGumbo(
            static_cast<const GumboNode*>(node->v.document.children.data[i]),
            excluded, texts, view);
      }
      return;
    default:
      return;
  }
}

PageView GumboView(std::string_view html) {
  PageView view;
  GumboOutput* output =
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::vector<std::pair<size_t, std::string>> texts;
  CollectGumbo(output->document, false, texts, view);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  // Source order: foster parenting moves table text before the table.
  std::stable_sort(
      texts.begin(), texts.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string text;
  for (const auto& t : texts) text += t.second;
  view.text = CollapseWhitespace(text);
  return view;
}

// Start tags the tree builder may ignore, so the tokenizer alone sees them.
bool TreeBuilderMayIgnore(std::string_view name) {
  static const std::set<std::string_view> kIgnorable = {
      "html",    "head", "body",     "frameset", "frame",  "form",
      "caption", "col",  "colgroup", "tbody",    "thead",  "tfoot",
      "tr",      "td",   "th",       "select",   "option", "optgroup"};
  return kIgnorable.count(name) > 0;
}

struct Totals {
  size_t ignored = 0;  // tokenizer-only start tags the tree builder may drop
  size_t tags_compared = 0;  // gumbo elements checked against the tokenizer
  size_t text_bytes = 0;     // visible text compared, after collapsing
  size_t comments_compared = 0;
};

// Compares the two views; returns one line per difference (at most a few
// of each kind), empty when they agree.
std::vector<std::string> Compare(std::string_view html, Totals& totals) {
  const PageView mine = TokenizerView(html);
  const PageView gumbo = GumboView(html);
  totals.tags_compared += gumbo.tags.size();
  totals.text_bytes += gumbo.text.size();
  std::vector<std::string> problems;
  totals.comments_compared += gumbo.comments.size();
  if (mine.comments != gumbo.comments) {
    auto a = mine.comments.begin();
    auto b = gumbo.comments.begin();
    while (a != mine.comments.end() && b != gumbo.comments.end() && *a == *b) {
      ++a;
      ++b;
    }
    auto describe = [](const auto& it, const auto& end) {
      return it == end ? std::string("(none)")
                       : std::to_string(it->first) + " <!--" +
                             it->second.substr(0, 100) + "-->";
    };
    problems.push_back(
        "first differing comment:\n      tokenizer: " +
        describe(a, mine.comments.end()) +
        "\n      gumbo:     " + describe(b, gumbo.comments.end()));
  }
  if (mine.text != gumbo.text) {
    size_t i = 0;
    while (i < mine.text.size() && i < gumbo.text.size() &&
           mine.text[i] == gumbo.text[i])
      ++i;
    const size_t from = i < 60 ? 0 : i - 60;
    problems.push_back("text differs at " + std::to_string(i) +
                       ":\n      tokenizer: ..." + mine.text.substr(from, 140) +
                       "\n      gumbo:     ..." + gumbo.text.substr(from, 140));
  }
  int reported = 0;
  for (const auto& [offset, tag] : gumbo.tags) {
    auto it = mine.tags.find(offset);
    std::string problem;
    if (it == mine.tags.end()) {
      problem = "gumbo start tag missing from tokenizer at " +
                std::to_string(offset) + ": " + Describe(tag);
    } else if (it->second.name != tag.name) {
      problem = "tag name at " + std::to_string(offset) + ": tokenizer " +
                Describe(it->second) + " gumbo " + Describe(tag);
    } else if (it->second.attributes != tag.attributes) {
      bool subset = tag.name == "html" || tag.name == "body";
      for (const auto& a : it->second.attributes) {
        subset = subset &&
                 std::find(tag.attributes.begin(), tag.attributes.end(), a) !=
                     tag.attributes.end();
      }
      if (!subset) {
        problem = "attributes at " + std::to_string(offset) +
                  ":\n      tokenizer: " + Describe(it->second) +
                  "\n      gumbo:     " + Describe(tag);
      }
    }
    if (!problem.empty() && reported++ < 5) problems.push_back(problem);
  }
  for (const auto& [offset, tag] : mine.tags) {
    if (gumbo.tags.count(offset)) continue;
    if (TreeBuilderMayIgnore(tag.name)) {
      ++totals.ignored;
    } else if (reported++ < 5) {
      problems.push_back("tokenizer start tag not in gumbo at " +
                         std::to_string(offset) + ": " + Describe(tag));
    }
  }
  return problems;
}

TEST(HtmlTokenizerGumboTest, BenchmarkPages) {
  const std::filesystem::path dir = std::filesystem::path(KHALDUN_SHARED_DIR) /
                                    "peer/extraction/scrapinghub-aeb/html";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    GTEST_SKIP() << "no benchmark pages at " << dir;
  const std::vector<std::filesystem::path> pages = testing::SortedFiles(dir, ".html.gz");
  ASSERT_FALSE(pages.empty());
  size_t matched = 0;
  Totals totals;
  for (const auto& page : pages) {
    const std::string html = testing::ReadGzipFile(page);
    ASSERT_FALSE(html.empty()) << page;
    const std::vector<std::string> problems = Compare(html, totals);
    if (problems.empty()) {
      ++matched;
      continue;
    }
    std::string report;
    for (const std::string& p : problems) report += "\n    " + p;
    ADD_FAILURE() << page.filename().string() << ":" << report;
  }
  std::printf(
      "gumbo differential: %zu/%zu pages match; compared %zu start tags, %zu "
      "comments and %zu bytes of visible text; %zu start tags seen only by "
      "the tokenizer\n",
      matched, pages.size(), totals.tags_compared, totals.comments_compared,
      totals.text_bytes, totals.ignored);
  EXPECT_EQ(matched, pages.size());
}

struct SyntheticPage {
  const char* name;
  const char* html;
};

const SyntheticPage kSyntheticPages[] = {
    {"entities in text and attributes",
     "<p title='&copy=1 &copy; &amp &notit; &#x80;&#0;'>&copy=1 &notit; &AMP; "
     "&#x41;&#xD800;"
     "&nbsp;&#150;&bogus; &#x110000; &#65</p>"},
    {"legacy names before alnum in attributes",
     "<a href='?x=1&ampy=2&lt=3&gt;'>a</a><img alt='&ltb &lt;b'>"},
    {"comment edge cases",
     "<p>a<!-->b<!--->c<!---->d<!-- x --!>e<!-- y --->f<!--a-- >b-->g</p>"},
    {"bogus comments", "<p>a<?xml x?>b<!x>c</ d>e<![CDATA[f]]>g</p>"},
    {"script escapes",
     "<script><!--<script>x</script>y-->z</script><p>after</p>"
     "<script><!--</script><p>t</p><script>a</scr b</script ><p>u</p>"},
    {"raw text elements",
     "<style>p<b>{}</style><xmp><b>x&amp;</xmp><textarea><b>&amp;</textarea>"
     "<title>t&amp;<b></title><p>v</p>"},
    {"foster parented table text",
     "<table>a<tr><td>b</td>c</tr>d</table>e<table><tr><td>x<b>y</table>z"},
    {"adoption agency",
     "<p><b>1<i>2</p>3</b>4</i>5<a href=x>6<div>7</a>8</div>"},
    {"noscript and template",
     "<noscript><img src=a></noscript><template><p>t</p></template><p>vis</p>"},
    {"svg with cdata and title",
     "<svg><title>Icon &amp;</title><style>.a{}</style><![CDATA[raw<b>]]>"
     "<foreignObject><p>fo</p></foreignObject><text>t</text></svg><p>x</p>"},
    {"math with text integration point",
     "<math><mi>x</mi><mo>+</mo></math><p>after</p>"},
    {"cdata at foreignObject and in html below it",
     "<svg><foreignObject><![CDATA[a]]><p><![CDATA[b]]></p><style>c<b>d</style>"
     "</foreignObject><style>e<g>f</g></style></svg><math><mi><![CDATA[g]]></"
     "mi></math>"
     "<p>h</p>"},
    {"svg never closed",
     "<div><svg><g><path></div><style>a<b>c</style><p>d</p>"},
    {"broken tags",
     "<p <b>x</p><a href=\"y\" title='z>w</a><div =a b=c=d>t</div>"},
    {"upper case and duplicates",
     "<DIV ID=A id=b CLASS='C' Class=d>x</DIV><P STYLE=x>y</P>"},
    {"repeated body and html",
     "<html a=1><body b=2><p>x</p><body c=3><html d=4>"},
    {"nul and invalid utf-8",
     "<p>a\xff"
     "b\xc3</p><p title='\xe2\x82'>c</p>"},
    {"crlf in attributes and text", "<p title=\"a\r\nb\rc\">x\r\ny\rz</p>"},
    {"unclosed comment at eof", "<p>text</p><!-- never closed <p>gone</p>"},
    {"plaintext", "<p>a</p><plaintext><b>&amp;</b>"},
    {"eof in tag", "<p>x</p><a href='y"},
    {"self-closing and void",
     "<br/><img src=a/><div/>x</div><input value=a /><p/>y"},
};

TEST(HtmlTokenizerGumboTest, SyntheticPages) {
  for (const SyntheticPage& page : kSyntheticPages) {
    Totals totals;
    const std::vector<std::string> problems = Compare(page.html, totals);
    std::string report;
    for (const std::string& p : problems) report += "\n    " + p;
    EXPECT_TRUE(problems.empty()) << page.name << ":" << report;
  }
}

}  // namespace
}  // namespace khaldun
