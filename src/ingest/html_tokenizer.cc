// The tokenizer follows the WHATWG tokenization states, but runs the states
// that only accumulate bytes (text, raw text, attribute values, comments) as
// memchr scans instead of one byte at a time: that is what makes it fast,
// and the state names in comments below say which spec states a scan
// stands for.
//
// Deliberate deviations from the spec's input stream, chosen to keep
// zero-copy views into the input:
//  - CR and CRLF are not normalized to LF; CR counts as whitespace wherever
//    the spec tests for LF, so tokens split exactly where a browser's would,
//    and the difference vanishes once whitespace is collapsed.
//  - Invalid UTF-8 is passed through rather than replaced by U+FFFD.
//  - NUL in the data state becomes U+FFFD (the spec emits it and the tree
//    builder drops it), so no token ever carries a NUL byte.
#include "ingest/html_tokenizer.h"

#include "common/text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>

namespace khaldun {
namespace {

struct NamedReference {
  std::string_view name;  // without the '&'; ends with ';' unless legacy
  std::string_view utf8;
};

// Sorted bytewise by name, which the longest-match search relies on.
constexpr NamedReference kNamedReferences[] = {
#include "html_entities.inc"
};
constexpr size_t kNumNamedReferences = std::size(kNamedReferences);

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Character classes, one bit each, looked up through kClass.
enum : uint8_t {
  kSpace = 1,      // \t \n \f \r ' ' (CR: see the top of the file)
  kUpper = 2,      // A-Z
  kLower = 4,      // a-z
  kDigit = 8,      // 0-9
  kNul = 16,       // needs U+FFFD
  kSlashGt = 32,   // '/' '>': end a tag or attribute name
  kEquals = 64,    // '=': ends an attribute name
  kHexAlpha = 128  // a-f A-F
};

constexpr std::array<uint8_t, 256> MakeClassTable() {
  std::array<uint8_t, 256> t{};
  for (char c : {'\t', '\n', '\f', '\r', ' '})
    t[static_cast<uint8_t>(c)] |= kSpace;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= kUpper;
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kLower;
  for (int c = '0'; c <= '9'; ++c) t[c] |= kDigit;
  for (int c = 'a'; c <= 'f'; ++c) t[c] |= kHexAlpha;
  for (int c = 'A'; c <= 'F'; ++c) t[c] |= kHexAlpha;
  t[0] |= kNul;
  t['/'] |= kSlashGt;
  t['>'] |= kSlashGt;
  t['='] |= kEquals;
  return t;
}
constexpr std::array<uint8_t, 256> kClass = MakeClassTable();

constexpr unsigned kTagNameStop = kSpace | kSlashGt;
constexpr unsigned kAttributeNameStop = kSpace | kSlashGt | kEquals;

inline uint8_t Class(char c) { return kClass[static_cast<uint8_t>(c)]; }
inline bool IsSpace(char c) { return Class(c) & kSpace; }
inline bool IsAlpha(char c) { return Class(c) & (kUpper | kLower); }
inline bool IsAlnum(char c) { return Class(c) & (kUpper | kLower | kDigit); }
inline char ToLower(char c) {
  return (Class(c) & kUpper) ? static_cast<char>(c + ('a' - 'A')) : c;
}

bool Contains(std::string_view text, char c) {
  return !text.empty() && std::memchr(text.data(), c, text.size()) != nullptr;
}

// The "numeric character reference end state": code points a reference
// may not produce are replaced, and C1 controls are read as windows-1252,
// which is what the pages that write them meant.
uint32_t NumericReplacement(uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  if (cp >= 0x80 && cp <= 0x9F) {
    static constexpr uint16_t kWindows1252[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  //
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  //
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  //
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    return kWindows1252[cp - 0x80];
  }
  return cp;
}

// The longest name in the table that prefixes `text`, or nullptr. Each
// step narrows [lo, hi) to the names that share the first k + 1 bytes of
// `text`; in a bytewise-sorted table a name equal to the prefix sorts first
// in that range, so one probe per step finds every candidate.
const NamedReference* LongestNamedReference(std::string_view text) {
  size_t lo = 0;
  size_t hi = kNumNamedReferences;
  const NamedReference* best = nullptr;
  for (size_t k = 0; k < text.size(); ++k) {
    const auto c = static_cast<uint8_t>(text[k]);
    if (!IsAlnum(text[k]) && c != ';') break;
    const NamedReference* first = std::partition_point(
        kNamedReferences + lo, kNamedReferences + hi,
        [&](const NamedReference& r) {
          return r.name.size() <= k || static_cast<uint8_t>(r.name[k]) < c;
        });
    const NamedReference* last = std::partition_point(
        first, kNamedReferences + hi, [&](const NamedReference& r) {
          return static_cast<uint8_t>(r.name[k]) == c;
        });
    lo = static_cast<size_t>(first - kNamedReferences);
    hi = static_cast<size_t>(last - kNamedReferences);
    if (lo == hi) break;
    if (first->name.size() == k + 1) best = first;
    if (c == ';') break;
  }
  return best;
}

// Decodes the character reference at raw[amp] == '&' ("character reference
// state" and the states after it), appending the result to `out`; returns
// the index just past what it consumed. Unrecognized references are copied
// through as text.
size_t DecodeReference(std::string_view raw, size_t amp, bool in_attribute,
                       std::string& out) {
  const size_t n = raw.size();
  size_t p = amp + 1;
  if (p < n && raw[p] == '#') {
    size_t q = p + 1;
    const bool hex = q < n && (raw[q] == 'x' || raw[q] == 'X');
    if (hex) ++q;
    const size_t digits_begin = q;
    uint32_t cp = 0;
    for (; q < n; ++q) {
      const uint8_t k = Class(raw[q]);
      uint32_t digit;
      if (k & kDigit) {
        digit = static_cast<uint32_t>(raw[q] - '0');
      } else if (hex && (k & kHexAlpha)) {
        digit = static_cast<uint32_t>(ToLower(raw[q]) - 'a' + 10);
      } else {
        break;
      }
      // Saturate: anything past U+10FFFF becomes U+FFFD anyway, and long
      // digit runs must not overflow.
      cp = std::min<uint32_t>(cp * (hex ? 16 : 10) + digit, 0x110000);
    }
    if (q == digits_begin) {  // "absence of digits": "&#" / "&#x" stay text
      out.append(raw.substr(amp, q - amp));
      return q;
    }
    if (q < n && raw[q] == ';') ++q;
    AppendUtf8(out, NumericReplacement(cp));
    return q;
  }
  const NamedReference* ref =
      p < n && IsAlnum(raw[p]) ? LongestNamedReference(raw.substr(p)) : nullptr;
  if (ref == nullptr) {  // a lone '&' or the "ambiguous ampersand" state
    out += '&';
    return p;
  }
  const size_t after = p + ref->name.size();
  // In attribute values a legacy name without ';' followed by '=' or an
  // alphanumeric is left alone: "?a=1&copy=2" is a URL, not "©=2".
  if (in_attribute && ref->name.back() != ';' && after < n &&
      (raw[after] == '=' || IsAlnum(raw[after]))) {
    out.append(raw.substr(amp, after - amp));
    return after;
  }
  out.append(ref->utf8);
  return after;
}

// Appends `raw` with every NUL replaced by U+FFFD.
void AppendReplacingNul(std::string_view raw, std::string& out) {
  size_t i = 0;
  while (i < raw.size()) {
    const void* nul = std::memchr(raw.data() + i, '\0', raw.size() - i);
    const size_t j =
        nul ? static_cast<size_t>(static_cast<const char*>(nul) - raw.data())
            : raw.size();
    out.append(raw.data() + i, j - i);
    if (j == raw.size()) break;
    out.append(kReplacement);
    i = j + 1;
  }
}

// Appends `raw`, lower-cased, with NUL replaced by U+FFFD: tag, attribute
// and doctype names.
void AppendName(std::string_view raw, std::string& out) {
  for (char c : raw) {
    if (c == '\0') {
      out.append(kReplacement);
    } else {
      out += ToLower(c);
    }
  }
}

bool IsOneOf(std::string_view name,
             std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// HTML start tags that end foreign content ("in foreign content", "A start
// tag whose tag name is one of ...").
bool BreaksOutOfForeignContent(const HtmlToken& token) {
  static constexpr std::string_view kBreakout[] = {
      "b",      "big",    "blockquote", "body",    "br",    "center", "code",
      "dd",     "div",    "dl",         "dt",      "em",    "embed",  "h1",
      "h2",     "h3",     "h4",         "h5",      "h6",    "head",   "hr",
      "i",      "img",    "li",         "listing", "menu",  "meta",   "nobr",
      "ol",     "p",      "pre",        "ruby",    "s",     "small",  "span",
      "strong", "strike", "sub",        "sup",     "table", "tt",     "u",
      "ul",     "var"};
  if (std::find(std::begin(kBreakout), std::end(kBreakout), token.name) !=
      std::end(kBreakout)) {
    return true;
  }
  if (token.name != "font") return false;
  for (const HtmlAttribute& a : token.attributes) {
    if (a.name == "color" || a.name == "face" || a.name == "size") return true;
  }
  return false;
}

// Past this depth elements in foreign content are not tracked, so hostile
// input cannot grow the stack without bound; real SVG is far shallower.
constexpr size_t kMaxOpenElements = 512;

// HTML elements that have no end tag, so are never open.
bool IsVoidElement(std::string_view name) {
  return IsOneOf(
      name, {"area", "base", "basefont", "bgsound", "br", "col", "embed",
             "frame", "hr", "img", "image", "input", "keygen", "link", "meta",
             "param", "source", "track", "wbr"});
}

}  // namespace

void AppendDecodedHtml(std::string_view raw, bool in_attribute,
                       std::string& out) {
  size_t i = 0;
  const size_t n = raw.size();
  while (i < n) {
    size_t j = i;
    while (j < n && raw[j] != '&' && raw[j] != '\0') ++j;
    out.append(raw.data() + i, j - i);
    if (j == n) break;
    if (raw[j] == '\0') {
      out.append(kReplacement);
      i = j + 1;
    } else {
      i = DecodeReference(raw, j, in_attribute, out);
    }
  }
}

HtmlTokenizer::HtmlTokenizer(std::string_view html) : input_(html) {}

std::string_view HtmlTokenizer::Attribute(const HtmlToken& token,
                                          std::string_view name) {
  for (const HtmlAttribute& a : token.attributes) {
    if (a.name == name) return a.value;
  }
  return {};
}

std::string_view HtmlTokenizer::Resolve(const Piece& piece) const {
  return piece.in_scratch
             ? std::string_view(scratch_).substr(piece.begin, piece.size)
             : input_.substr(piece.begin, piece.size);
}

const HtmlToken& HtmlTokenizer::EmitEof() {
  pos_ = input_.size();
  token_ = HtmlToken();
  token_.begin = token_.end = input_.size();
  return token_;
}

const HtmlToken& HtmlTokenizer::EmitText(size_t begin, size_t end,
                                         bool decode_references) {
  const std::string_view raw = input_.substr(begin, end - begin);
  token_ = HtmlToken();
  token_.type = HtmlTokenType::kText;
  token_.begin = begin;
  token_.end = end;
  if (decode_references && Contains(raw, '&')) {
    scratch_.clear();
    AppendDecodedHtml(raw, /*in_attribute=*/false, scratch_);
    token_.text = scratch_;
  } else if (Contains(raw, '\0')) {
    scratch_.clear();
    AppendReplacingNul(raw, scratch_);
    token_.text = scratch_;
  } else {
    token_.text = raw;
  }
  pos_ = end;
  return token_;
}

const HtmlToken& HtmlTokenizer::EmitComment(size_t begin, size_t data_begin,
                                            size_t data_end, size_t end) {
  const std::string_view raw = input_.substr(data_begin, data_end - data_begin);
  token_ = HtmlToken();
  token_.type = HtmlTokenType::kComment;
  token_.begin = begin;
  token_.end = end;
  if (Contains(raw, '\0')) {
    scratch_.clear();
    AppendReplacingNul(raw, scratch_);
    token_.text = scratch_;
  } else {
    token_.text = raw;
  }
  pos_ = end;
  return token_;
}

const HtmlToken& HtmlTokenizer::Next() {
  const size_t n = input_.size();
  const char* in = input_.data();
  while (pos_ < n) {
    switch (mode_) {
      case Mode::kData:
        break;
      case Mode::kPlaintext:
        return EmitText(pos_, n, /*decode_references=*/false);
      case Mode::kRcData:
      case Mode::kRawText:
      case Mode::kScriptData: {
        // The text runs up to the appropriate end tag, which the data
        // state then reads as an ordinary end tag.
        const size_t end =
            mode_ == Mode::kScriptData ? FindScriptDataEnd() : FindRawTextEnd();
        const bool decode = mode_ == Mode::kRcData;
        mode_ = Mode::kData;
        if (end > pos_) return EmitText(pos_, end, decode);
        continue;
      }
    }
    const size_t lt = pos_;
    if (in[lt] == '<' && lt + 1 < n) {  // "tag open state"
      const char c = in[lt + 1];
      if (IsAlpha(c)) {
        if (!ParseTag(lt, lt + 1, /*end_tag=*/false)) return EmitEof();
        AfterStartTag();
        return token_;
      }
      if (c == '/' && lt + 2 < n) {  // "end tag open state"
        const char d = in[lt + 2];
        if (IsAlpha(d)) {
          if (!ParseTag(lt, lt + 2, /*end_tag=*/true)) return EmitEof();
          AfterEndTag();
          return token_;
        }
        if (d == '>') {  // "</>" is dropped entirely
          pos_ = lt + 3;
          continue;
        }
        return BogusComment(lt, lt + 2);
      }
      if (c == '!') {
        if (const HtmlToken* token = MarkupDeclaration(lt)) return *token;
        continue;  // an empty CDATA section yields no token
      }
      if (c == '?') return BogusComment(lt, lt + 1);
    }
    // Text: this byte (a '<' that opens no markup, or anything else) and
    // everything up to the next '<' that does.
    return EmitText(lt, FindTextEnd(lt + 1), /*decode_references=*/true);
  }
  return EmitEof();
}

size_t HtmlTokenizer::FindTextEnd(size_t from) const {
  const size_t n = input_.size();
  const char* in = input_.data();
  while (from < n) {
    const void* hit = std::memchr(in + from, '<', n - from);
    if (hit == nullptr) return n;
    const size_t lt = static_cast<size_t>(static_cast<const char*>(hit) - in);
    if (lt + 1 < n) {
      const char c = in[lt + 1];
      if (IsAlpha(c) || c == '!' || c == '?' || (c == '/' && lt + 2 < n))
        return lt;
    }
    from = lt + 1;
  }
  return n;
}

HtmlTokenizer::Piece HtmlTokenizer::ScanName(size_t begin, size_t& p,
                                             unsigned stop_mask) {
  const size_t n = input_.size();
  const char* in = input_.data();
  unsigned seen = 0;
  for (size_t i = begin; i < p; ++i) seen |= Class(in[i]);
  while (p < n) {
    const uint8_t k = Class(in[p]);
    if (k & stop_mask) break;
    seen |= k;
    ++p;
  }
  if ((seen & (kUpper | kNul)) == 0) return Piece{begin, p - begin, false};
  const size_t start = scratch_.size();
  AppendName(input_.substr(begin, p - begin), scratch_);
  return Piece{start, scratch_.size() - start, true};
}

HtmlTokenizer::Piece HtmlTokenizer::ValuePiece(size_t begin, size_t end) {
  const std::string_view raw = input_.substr(begin, end - begin);
  if (!Contains(raw, '&') && !Contains(raw, '\0'))
    return Piece{begin, end - begin, false};
  const size_t start = scratch_.size();
  AppendDecodedHtml(raw, /*in_attribute=*/true, scratch_);
  return Piece{start, scratch_.size() - start, true};
}

// Runs the states from "tag name" through "after attribute value" and
// "self-closing start tag" for the tag whose '<' is at `lt`. Returns false
// when the input ends inside the tag: the spec then drops the tag.
bool HtmlTokenizer::ParseTag(size_t lt, size_t name_begin, bool end_tag) {
  const size_t n = input_.size();
  const char* in = input_.data();
  scratch_.clear();
  pending_.clear();
  size_t p = name_begin;
  const Piece name = ScanName(name_begin, p, kTagNameStop);
  bool self_closing = false;
  for (;;) {
    // "before attribute name state"
    while (p < n && IsSpace(in[p])) ++p;
    if (p >= n) return false;
    if (in[p] == '>') {
      ++p;
      break;
    }
    if (in[p] == '/') {  // "self-closing start tag state"
      ++p;
      if (p >= n) return false;
      if (in[p] == '>') {
        self_closing = true;
        ++p;
        break;
      }
      continue;  // "/" not before ">" is ignored
    }
    // "attribute name state"; a leading '=' is part of the name.
    const size_t attribute_begin = p;
    if (in[p] == '=') ++p;
    PendingAttribute attribute;
    attribute.name = ScanName(attribute_begin, p, kAttributeNameStop);
    // "after attribute name state"
    while (p < n && IsSpace(in[p])) ++p;
    if (p >= n) return false;
    if (in[p] != '=') {
      if (!end_tag) pending_.push_back(attribute);
      continue;
    }
    // "before attribute value state"
    ++p;
    while (p < n && IsSpace(in[p])) ++p;
    if (p >= n) return false;
    const char quote = in[p];
    if (quote == '"' || quote == '\'') {
      const void* close = std::memchr(in + p + 1, quote, n - p - 1);
      if (close == nullptr) return false;
      const size_t value_end =
          static_cast<size_t>(static_cast<const char*>(close) - in);
      if (!end_tag) attribute.value = ValuePiece(p + 1, value_end);
      p = value_end + 1;
    } else if (quote != '>') {  // "attribute value (unquoted) state"
      const size_t value_begin = p;
      while (p < n && !IsSpace(in[p]) && in[p] != '>') ++p;
      if (p >= n) return false;
      if (!end_tag) attribute.value = ValuePiece(value_begin, p);
    }  // else: "missing attribute value", the '>' ends the tag next round
    if (!end_tag) pending_.push_back(attribute);
  }

  token_ = HtmlToken();
  token_.type = end_tag ? HtmlTokenType::kEndTag : HtmlTokenType::kStartTag;
  token_.name = Resolve(name);
  token_.begin = lt;
  token_.end = p;
  attributes_.clear();
  if (!end_tag) {
    token_.self_closing = self_closing;
    for (const PendingAttribute& a : pending_) {
      attributes_.push_back(HtmlAttribute{Resolve(a.name), Resolve(a.value)});
    }
    DropDuplicateAttributes();
  }
  token_.attributes = attributes_;
  pos_ = p;
  return true;
}

// The spec drops an attribute whose name repeats an earlier one on the same
// tag. A quadratic scan is fastest for real tags; tags with hundreds of
// attributes (hostile input) are sorted instead so the cost stays n log n.
void HtmlTokenizer::DropDuplicateAttributes() {
  const size_t n = attributes_.size();
  if (n < 2) return;
  size_t kept = 0;
  if (n <= 32) {
    for (size_t i = 0; i < n; ++i) {
      bool duplicate = false;
      for (size_t j = 0; j < kept && !duplicate; ++j) {
        duplicate = attributes_[j].name == attributes_[i].name;
      }
      if (!duplicate) attributes_[kept++] = attributes_[i];
    }
  } else {
    order_.resize(n);
    for (size_t i = 0; i < n; ++i) order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
      return attributes_[a].name < attributes_[b].name;
    });
    // Equal names are now adjacent, in input order (the sort is stable),
    // so all but the first of each run are dropped. Names are never empty,
    // so an empty name marks a dropped duplicate.
    std::string_view previous;
    for (size_t i = 0; i < n; ++i) {
      HtmlAttribute& a = attributes_[order_[i]];
      if (i > 0 && a.name == previous) {
        a.name = {};
      } else {
        previous = a.name;
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (!attributes_[i].name.empty()) attributes_[kept++] = attributes_[i];
    }
  }
  attributes_.resize(kept);
}

bool HtmlTokenizer::CurrentNodeIsForeign() const {
  return !open_.empty() && open_.back().kind != ElementKind::kHtml;
}

// Whether a start tag is processed by the HTML insertion modes, which may
// switch the tokenizer to raw text, rather than by "in foreign content".
bool HtmlTokenizer::HtmlRulesApply() const {
  return open_.empty() || open_.back().kind != ElementKind::kForeign;
}

void HtmlTokenizer::PushOpenElement(std::string_view name, ElementKind kind,
                                    bool svg) {
  if (open_.size() < kMaxOpenElements)
    open_.push_back(OpenElement{std::string(name), kind, svg});
}

// What the tree builder would tell the tokenizer after a start tag: whether
// it enters or leaves foreign content, and which raw text mode follows.
void HtmlTokenizer::AfterStartTag() {
  const std::string_view name = token_.name;
  if (!HtmlRulesApply()) {
    if (!BreaksOutOfForeignContent(token_)) {
      // "Any other start tag": a foreign element in its parent's namespace
      // (an <svg> under MathML's annotation-xml starts SVG).
      if (token_.self_closing) return;
      const OpenElement& parent = open_.back();
      const bool svg =
          parent.svg || (name == "svg" && parent.name == "annotation-xml");
      bool integration_point;
      if (svg) {
        integration_point = IsOneOf(name, {"foreignobject", "desc", "title"});
      } else {
        const std::string_view encoding = Attribute(token_, "encoding");
        integration_point =
            IsOneOf(name, {"mi", "mo", "mn", "ms", "mtext"}) ||
            (name == "annotation-xml" &&
             (EqualsIgnoreCase(encoding, "text/html") ||
              EqualsIgnoreCase(encoding, "application/xhtml+xml")));
      }
      PushOpenElement(name,
                      integration_point ? ElementKind::kIntegrationPoint
                                        : ElementKind::kForeign,
                      svg);
      return;
    }
    while (!HtmlRulesApply()) open_.pop_back();
  }
  if (name == "svg" || name == "math") {
    if (!token_.self_closing)
      PushOpenElement(name, ElementKind::kForeign, name == "svg");
    return;
  }
  // MathML text integration points keep <mglyph> and <malignmark> MathML.
  if (!open_.empty() && !open_.back().svg &&
      open_.back().kind == ElementKind::kIntegrationPoint &&
      (name == "mglyph" || name == "malignmark")) {
    if (!token_.self_closing)
      PushOpenElement(name, ElementKind::kForeign, false);
    return;
  }
  if (!open_.empty() && !IsVoidElement(name))
    PushOpenElement(name, ElementKind::kHtml, false);
  // The HTML self-closing flag is ignored here, as the tree builder
  // ignores it: "<script/>" still starts a script.
  if (name == "script") {
    mode_ = Mode::kScriptData;
  } else if (IsOneOf(name, {"style", "xmp", "iframe", "noembed", "noframes"})) {
    mode_ = Mode::kRawText;
  } else if (name == "title" || name == "textarea") {
    mode_ = Mode::kRcData;
  } else if (name == "plaintext") {
    mode_ = Mode::kPlaintext;
  } else {
    return;
  }
  // Point at a string that outlives the token: the name may be in scratch_.
  static constexpr std::string_view kRawTextNames[] = {
      "script",  "style",    "xmp",   "iframe",
      "noembed", "noframes", "title", "textarea"};
  for (std::string_view raw_name : kRawTextNames) {
    if (raw_name == name) raw_end_tag_ = raw_name;
  }
}

// An end tag closes the innermost open element of its name. One that
// matches nothing while the current node is foreign is an HTML end tag the
// tree builder would use to close HTML elements around the SVG or MathML
// (or a </p> or </br>, which break out), so the foreign elements are
// closed. A wrong guess only affects <![CDATA[ and raw text.
void HtmlTokenizer::AfterEndTag() {
  for (size_t i = open_.size(); i-- > 0;) {
    if (open_[i].name == token_.name) {
      open_.resize(i);
      return;
    }
  }
  while (!HtmlRulesApply()) open_.pop_back();
}

// "markup declaration open state", at "<!". Returns nullptr when it
// consumed input without producing a token.
const HtmlToken* HtmlTokenizer::MarkupDeclaration(size_t lt) {
  const std::string_view rest = input_.substr(lt + 2);
  if (rest.starts_with("--")) return &Comment(lt, lt + 4);
  if (rest.size() >= 7 && EqualsIgnoreCase(rest.substr(0, 7), "doctype")) {
    return &Doctype(lt, lt + 9);
  }
  if (rest.starts_with("[CDATA[") && CurrentNodeIsForeign())
    return CdataSection(lt, lt + 9);
  return &BogusComment(lt, lt + 2);  // a CDATA comment keeps "[CDATA["
}

// "bogus comment state": everything up to the next '>'.
const HtmlToken& HtmlTokenizer::BogusComment(size_t lt, size_t data_begin) {
  const size_t n = input_.size();
  const void* gt = std::memchr(input_.data() + data_begin, '>', n - data_begin);
  if (gt == nullptr) return EmitComment(lt, data_begin, n, n);
  const size_t data_end =
      static_cast<size_t>(static_cast<const char*>(gt) - input_.data());
  return EmitComment(lt, data_begin, data_end, data_end + 1);
}

// "comment start state" through "comment end bang state". Those states only
// differ in which parse errors they report, except for where the comment
// ends: at "<!-->" or "<!--->", else at the first "-->" or "--!>". At EOF
// the states that hold back "-", "--" or "--!" drop those bytes.
const HtmlToken& HtmlTokenizer::Comment(size_t lt, size_t data_begin) {
  const std::string_view in = input_;
  const size_t n = in.size();
  if (data_begin < n && in[data_begin] == '>') {
    return EmitComment(lt, data_begin, data_begin, data_begin + 1);
  }
  if (data_begin + 1 < n && in[data_begin] == '-' &&
      in[data_begin + 1] == '>') {
    return EmitComment(lt, data_begin, data_begin, data_begin + 2);
  }
  size_t from = data_begin;
  for (;;) {
    const size_t dashes = in.find("--", from);
    if (dashes == std::string_view::npos) break;
    if (dashes + 2 < n && in[dashes + 2] == '>') {
      return EmitComment(lt, data_begin, dashes, dashes + 3);
    }
    if (dashes + 3 < n && in[dashes + 2] == '!' && in[dashes + 3] == '>') {
      return EmitComment(lt, data_begin, dashes, dashes + 4);
    }
    from = dashes + 1;
  }
  std::string_view data = in.substr(data_begin);
  if (data.ends_with("--!")) {
    data.remove_suffix(3);
  } else if (data.ends_with("--")) {
    data.remove_suffix(2);
  } else if (data.ends_with("-")) {
    data.remove_suffix(1);
  }
  return EmitComment(lt, data_begin, data_begin + data.size(), n);
}

// "DOCTYPE state" onwards. Only the name is kept. Every DOCTYPE state ends
// the token at '>', even inside a quoted identifier, so the token ends at
// the first '>' or EOF.
const HtmlToken& HtmlTokenizer::Doctype(size_t lt, size_t p) {
  const size_t n = input_.size();
  const char* in = input_.data();
  const void* gt = std::memchr(in + p, '>', n - p);
  const size_t limit =
      gt ? static_cast<size_t>(static_cast<const char*>(gt) - in) : n;
  while (p < limit && IsSpace(in[p])) ++p;
  const size_t name_begin = p;
  while (p < limit && !IsSpace(in[p])) ++p;
  scratch_.clear();
  pending_.clear();
  attributes_.clear();
  const std::string_view raw_name = input_.substr(name_begin, p - name_begin);
  token_ = HtmlToken();
  token_.type = HtmlTokenType::kDoctype;
  bool copy = false;
  for (char c : raw_name) copy |= (Class(c) & (kUpper | kNul)) != 0;
  if (copy) {
    AppendName(raw_name, scratch_);
    token_.name = scratch_;
  } else {
    token_.name = raw_name;
  }
  token_.begin = lt;
  token_.end = gt ? limit + 1 : n;
  pos_ = token_.end;
  return token_;
}

// "CDATA section state" (foreign content only): text up to "]]>", or
// nullptr when the section is empty, as text tokens never are.
const HtmlToken* HtmlTokenizer::CdataSection(size_t lt, size_t data_begin) {
  const size_t close = input_.find("]]>", data_begin);
  const size_t data_end =
      close == std::string_view::npos ? input_.size() : close;
  const size_t end =
      close == std::string_view::npos ? input_.size() : close + 3;
  if (data_end == data_begin) {
    pos_ = end;
    return nullptr;
  }
  EmitText(data_begin, data_end, /*decode_references=*/false);
  token_.begin = lt;
  token_.end = end;
  pos_ = end;
  return &token_;
}

// Whether "</" + raw_end_tag_ + (whitespace, '/' or '>') starts at `lt`:
// the "appropriate end tag" test of the RCDATA / RAWTEXT / script data end
// tag name states. At EOF the name is not followed by one of those, so
// the bytes stay text.
bool HtmlTokenizer::AppropriateEndTagAt(size_t lt) const {
  const size_t name_begin = lt + 2;
  const size_t after = name_begin + raw_end_tag_.size();
  if (after >= input_.size() || input_[lt + 1] != '/') return false;
  const uint8_t k = Class(input_[after]);
  return (k & (kSpace | kSlashGt)) &&
         EqualsIgnoreCase(input_.substr(name_begin, raw_end_tag_.size()),
                          raw_end_tag_);
}

size_t HtmlTokenizer::FindRawTextEnd() const {
  const size_t n = input_.size();
  const char* in = input_.data();
  size_t from = pos_;
  while (from < n) {
    const void* hit = std::memchr(in + from, '<', n - from);
    if (hit == nullptr) return n;
    const size_t lt = static_cast<size_t>(static_cast<const char*>(hit) - in);
    if (AppropriateEndTagAt(lt)) return lt;
    from = lt + 1;
  }
  return n;
}

// The script data states, escaped and double-escaped included. In script
// data only "</script" ends the script. "<!--" enters the escaped states,
// which "-->" leaves (the dashes of "<!--" count, so "<!-->" leaves at
// once); there "<script" followed by whitespace, '/' or '>' enters the
// double-escaped states, where "</script" does not end the script but
// returns to escaped, and "-->" again returns to script data.
size_t HtmlTokenizer::FindScriptDataEnd() const {
  enum { kScript, kEscaped, kDoubleEscaped } state = kScript;
  const std::string_view in = input_;
  const size_t n = in.size();
  auto tag_at = [&](size_t at, std::string_view prefix) {
    // prefix is "<script" or "</script"
    const size_t after = at + prefix.size();
    return after < n && (Class(in[after]) & (kSpace | kSlashGt)) &&
           EqualsIgnoreCase(in.substr(at, prefix.size()), prefix);
  };
  constexpr size_t kUnknown = std::string_view::npos - 1;
  size_t close = kUnknown;  // position of the next "-->", or npos if none
  size_t from = pos_;
  while (from < n) {
    if (state == kScript) {
      const size_t lt = in.find('<', from);
      if (lt == std::string_view::npos) return n;
      if (AppropriateEndTagAt(lt)) return lt;
      if (in.substr(lt, 4) == "<!--") {
        state = kEscaped;
        from = lt + 2;
      } else {
        from = lt + 1;
      }
      continue;
    }
    // The next "-->" is searched for once and kept: input that flips
    // between escaped and double-escaped many times before a distant (or
    // missing) "-->" must not search to it again at every flip.
    if (close < from || close == kUnknown) close = in.find("-->", from);
    const size_t limit = close == std::string_view::npos ? n : close;
    bool switched = false;
    for (size_t lt = in.find('<', from); lt < limit;
         lt = in.find('<', lt + 1)) {
      if (state == kEscaped) {
        if (AppropriateEndTagAt(lt)) return lt;
        if (tag_at(lt, "<script")) {
          state = kDoubleEscaped;
          from = lt + 7;
          switched = true;
          break;
        }
      } else if (tag_at(lt, "</script")) {
        state = kEscaped;
        from = lt + 8;
        switched = true;
        break;
      }
    }
    if (switched) continue;
    if (close == std::string_view::npos) return n;
    state = kScript;
    from = close + 3;
  }
  return n;
}

}  // namespace khaldun
