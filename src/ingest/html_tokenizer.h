// A streaming HTML tokenizer after the WHATWG tokenization algorithm
// (https://html.spec.whatwg.org/multipage/parsing.html#tokenization),
// without a tree: it turns bytes into start tags, end tags, text, comments
// and doctypes, in one pass, with no allocation per token beyond reused
// buffers.
//
// Like a browser it never fails: broken markup still yields tokens. It
// switches to the RAWTEXT / RCDATA / script-data / PLAINTEXT states after
// the start tags that call for them (script, style, xmp, iframe, noembed,
// noframes, textarea, title, plaintext) by itself, as streaming rewriters
// do, since there is no tree builder to tell it. Character references are
// decoded in text and attribute values (named, decimal, hex, with the
// spec's legacy no-semicolon and numeric replacement rules). NUL bytes
// become U+FFFD.
//
//   HtmlTokenizer tokenizer(html);
//   for (const HtmlToken* t = &tokenizer.Next(); t->type != HtmlTokenType::kEof;
//        t = &tokenizer.Next()) { ... }
//
// Views in a token are valid until the next call to Next(). Not
// thread-safe; use one tokenizer per thread. The input must outlive it.
#ifndef KHALDUN_INGEST_HTML_TOKENIZER_H_
#define KHALDUN_INGEST_HTML_TOKENIZER_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace khaldun {

enum class HtmlTokenType { kStartTag, kEndTag, kText, kComment, kDoctype, kEof };

struct HtmlAttribute {
  std::string_view name;   // lower-cased
  std::string_view value;  // character references decoded
};

struct HtmlToken {
  HtmlTokenType type = HtmlTokenType::kEof;
  std::string_view name;  // tags: lower-cased tag name; doctype: its name
  std::span<const HtmlAttribute> attributes;  // start tags; duplicates dropped
  bool self_closing = false;
  std::string_view text;  // text (decoded) or comment contents
  size_t begin = 0;       // byte offsets of the token in the input
  size_t end = 0;
};

class HtmlTokenizer {
 public:
  explicit HtmlTokenizer(std::string_view html);
  HtmlTokenizer(const HtmlTokenizer&) = delete;
  HtmlTokenizer& operator=(const HtmlTokenizer&) = delete;

  // The next token; kEof at the end (and on every call after it). Adjacent
  // text is delivered as one or more kText tokens; consumers must not rely
  // on text being split or merged at any particular point.
  const HtmlToken& Next();

  // The value of attribute `name` (lower-case) on `token`, or empty.
  static std::string_view Attribute(const HtmlToken& token, std::string_view name);

 private:
  struct State;
  std::string_view input_;
  size_t pos_ = 0;
  int state_ = 0;
  std::string raw_end_tag_;  // tag name that ends the current raw text state
  HtmlToken token_;
  std::vector<HtmlAttribute> attributes_;
  std::string text_buffer_;       // decoded text when references occur
  std::string attribute_buffer_;  // decoded attribute values
  std::vector<std::pair<size_t, size_t>> attribute_spans_;
  std::string name_buffer_;       // lower-cased names with upper case input
};

// Decodes character references in `raw` as the spec does for text
// (in_attribute = false) or attribute values (true), appending to `out`.
void AppendDecodedHtml(std::string_view raw, bool in_attribute, std::string& out);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_HTML_TOKENIZER_H_
