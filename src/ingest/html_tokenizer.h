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
// become U+FFFD. It tracks just enough of SVG and MathML nesting to treat
// <![CDATA[ and <style>/<script>/<title> there as the tree builder would.
//
// As the spec says, a tag cut off by the end of the input is dropped, and
// an unclosed comment runs to the end. Unlike the spec, CR and CRLF are
// passed through (not turned into LF) and so is invalid UTF-8 (not replaced
// by U+FFFD), so that views can point into the input: CR vanishes once
// whitespace is collapsed and separates tokens as LF does, and bad bytes
// are left to the caller's charset handling.
//
// Speed: text, raw text, attribute values and comments are scanned with
// memchr, and strings are views into the input unless something had to be
// decoded or lower-cased; those go to a buffer reused across tokens, so
// tokenizing does not allocate per token.
//
//   HtmlTokenizer tokenizer(html);
//   for (const HtmlToken* t = &tokenizer.Next(); t->type !=
//   HtmlTokenType::kEof;
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

enum class HtmlTokenType {
  kStartTag,
  kEndTag,
  kText,
  kComment,
  kDoctype,
  kEof
};

struct HtmlAttribute {
  std::string_view name;   // lower-cased
  std::string_view value;  // character references decoded
};

struct HtmlToken {
  HtmlTokenType type = HtmlTokenType::kEof;
  std::string_view name;  // tags: lower-cased tag name; doctype: its name
  std::span<const HtmlAttribute> attributes;  // start tags; duplicates dropped
  bool self_closing = false;                  // start tags ending in "/>"
  std::string_view text;  // text (decoded; never empty) or comment contents
  size_t begin = 0;       // byte offsets of the token's source in the
  size_t end = 0;         // input, increasing; kEof is at input.size()
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
  static std::string_view Attribute(const HtmlToken& token,
                                    std::string_view name);

 private:
  // The tokenizer states that decide how text is scanned. The tag, comment
  // and doctype states run to completion inside one call to Next(), so
  // they need no entry here.
  enum class Mode { kData, kRcData, kRawText, kScriptData, kPlaintext };

  // A string of the token under construction: either a view into the
  // input or a range of scratch_. Views are resolved only once the token
  // is complete, because scratch_ may reallocate while it is being built.
  struct Piece {
    size_t begin = 0;
    size_t size = 0;
    bool in_scratch = false;
  };
  struct PendingAttribute {
    Piece name;
    Piece value;
  };
  // An element open inside foreign content. The tokenizer has no tree, but
  // it must know whether the current node is foreign: then <![CDATA[ is
  // text and <style>/<title>/<script> do not switch to raw text. Outside
  // SVG and MathML nothing is tracked; inside, HTML elements under an
  // integration point are tracked too, so that the current node is known.
  enum class ElementKind : unsigned char {
    kForeign,           // SVG or MathML
    kIntegrationPoint,  // foreign, but its content is parsed as HTML
    kHtml,              // HTML element below an integration point
  };
  struct OpenElement {
    std::string name;
    ElementKind kind = ElementKind::kForeign;
    bool svg = false;  // namespace of foreign elements: SVG or MathML
  };

  const HtmlToken& EmitEof();
  const HtmlToken& EmitText(size_t begin, size_t end, bool decode_references);
  const HtmlToken& EmitComment(size_t begin, size_t data_begin, size_t data_end,
                               size_t end);
  const HtmlToken* MarkupDeclaration(size_t lt);
  const HtmlToken& BogusComment(size_t lt, size_t data_begin);
  const HtmlToken& Comment(size_t lt, size_t data_begin);
  const HtmlToken& Doctype(size_t lt, size_t p);
  const HtmlToken* CdataSection(size_t lt, size_t data_begin);
  bool ParseTag(size_t lt, size_t name_begin, bool end_tag);
  Piece ScanName(size_t begin, size_t& p, unsigned stop_mask);
  Piece ValuePiece(size_t begin, size_t end);
  std::string_view Resolve(const Piece& piece) const;
  void DropDuplicateAttributes();
  void AfterStartTag();
  void AfterEndTag();
  bool CurrentNodeIsForeign() const;
  bool HtmlRulesApply() const;
  void PushOpenElement(std::string_view name, ElementKind kind, bool svg);
  size_t FindTextEnd(size_t from) const;
  size_t FindRawTextEnd() const;
  size_t FindScriptDataEnd() const;
  bool AppropriateEndTagAt(size_t lt) const;

  std::string_view input_;
  size_t pos_ = 0;
  Mode mode_ = Mode::kData;
  std::string_view
      raw_end_tag_;  // tag name that ends the current raw text mode
  HtmlToken token_;
  std::vector<PendingAttribute> pending_;
  std::vector<HtmlAttribute> attributes_;
  std::vector<size_t> order_;  // sort scratch for tags with many attributes
  std::string scratch_;  // decoded or lower-cased bytes of the current token
  std::vector<OpenElement> open_;  // empty outside SVG and MathML
};

// Decodes character references in `raw` as the spec does for text
// (in_attribute = false) or attribute values (true), appending to `out`.
void AppendDecodedHtml(std::string_view raw, bool in_attribute,
                       std::string& out);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_HTML_TOKENIZER_H_
