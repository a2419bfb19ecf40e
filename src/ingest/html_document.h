// A compact, one-pass model of an HTML page for main-content extraction:
// a table of element nodes (tag, parent, subtree range, class/id hint) and
// a list of text blocks (paragraph-like runs of text, each owned by its
// nearest block-level element), plus the metadata the page carries in its
// head (title, meta tags, JSON-LD, <html lang>) and in role-marked elements
// (bylines, dates, captions).
//
// It is built from HtmlTokenizer tokens with a tolerant subset of the HTML
// tree-construction rules: implied end tags (p, li, dt/dd, tr/td/th, h1-h6,
// a), end tags that close the nearest open element of their name, stray end
// tags ignored. No DOM, no recursion: nodes are stored in document order
// (pre-order), so a node's subtree is the index range [node, node.end) and
// every pass over the tree is a loop. Deeply nested or broken markup costs
// linear time.
//
// Not thread-safe to build; the result is an immutable value.
#ifndef KHALDUN_INGEST_HTML_DOCUMENT_H_
#define KHALDUN_INGEST_HTML_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/html_hints.h"

namespace khaldun {

// The elements extraction treats specially; everything else is kOther.
enum class HtmlTag : uint8_t {
  kOther, kHtml, kHead, kBody, kTitle, kMeta, kLink, kBase, kScript, kStyle,
  kNoscript, kTemplate, kSvg, kMath, kIframe, kObject, kEmbed, kCanvas, kVideo,
  kAudio, kPicture, kSource, kSelect, kOption, kButton, kTextarea, kInput, kForm,
  kLabel, kNav, kAside, kHeader, kFooter, kMain, kArticle, kSection, kDiv, kP, kH1,
  kH2, kH3, kH4, kH5, kH6, kHgroup, kUl, kOl, kLi, kDl, kDt, kDd, kMenu,
  kBlockquote, kPre, kTable, kThead, kTbody, kTfoot, kTr, kTd, kTh, kCaption,
  kFigure, kFigcaption, kBr, kHr, kImg, kA, kTime, kAddress, kCenter, kDetails,
  kSummary, kDialog, kFieldset, kLegend, kSpan, kWbr, kArea, kCol, kParam, kTrack,
  kCount
};

// Flags a node has by itself (HtmlNode::flags) or through an ancestor
// (HtmlNode::ancestry).
enum HtmlNodeFlag : uint32_t {
  kNodeHidden = 1u << 0,        // hidden attribute, display:none, aria-hidden
  kNodeNav = 1u << 1,           // <nav>, role=navigation/menu/menubar
  kNodeAside = 1u << 2,         // <aside>, role=complementary
  kNodeHeader = 1u << 3,        // <header>, role=banner
  kNodeFooter = 1u << 4,        // <footer>, role=contentinfo
  kNodeFigure = 1u << 5,        // <figure>
  kNodeCaption = 1u << 6,       // <figcaption>
  kNodeArticleBody = 1u << 7,   // itemprop=articleBody
  kNodeMain = 1u << 8,          // <main>, role=main
  kNodeArticle = 1u << 9,       // <article>, itemtype *Article
  kNodeHead = 1u << 10,         // <head>
  kNodeForm = 1u << 11,         // <form>
  kNodeByline = 1u << 12,       // itemprop=author, rel=author, byline hint
  kNodeDate = 1u << 13,         // itemprop=datePublished, <time>, date hint
  kNodeList = 1u << 14,         // <ul>/<ol>/<dl>/<menu>
  kNodeTable = 1u << 15,        // <table>
  kNodeBlockquote = 1u << 16,   // <blockquote>
  kNodeAddress = 1u << 17,      // <address>
  kNodeDialog = 1u << 18,       // <dialog>, role=dialog/alertdialog
  kNodeCaptionHint = 1u << 19,  // class/id names a caption or credit
  kNodeSection = 1u << 20,      // itemprop=articleSection, <a rel=category>
  kNodeBreadcrumb = 1u << 21,   // breadcrumb trail (hint, aria-label, BreadcrumbList);
                                // on a role text: one link of the trail
  kNodeAuthorHref = 1u << 22,   // <a href> to an author page ("/author/jane-doe")
};

struct HtmlNode {
  int32_t parent = -1;  // -1 for a top-level element
  uint32_t end = 0;     // one past the last node of the subtree
  uint32_t depth = 0;
  HtmlTag tag = HtmlTag::kOther;
  int16_t hint = 0;     // class + id weight from HtmlHints
  uint16_t roles = 0;   // HtmlHintRole bits from class/id
  uint32_t flags = 0;   // HtmlNodeFlag bits of this element
  uint32_t ancestry = 0;  // flags of this element and all its ancestors
  uint32_t first_block = 0;  // blocks of the subtree: [first_block, end_block)
  uint32_t end_block = 0;
};

// A paragraph-like run of text.
struct HtmlBlock {
  uint32_t text_begin = 0;  // into HtmlDocument::text
  uint32_t text_size = 0;
  int32_t node = -1;        // nearest block-level element (-1: none)
  HtmlTag kind = HtmlTag::kOther;  // that element's tag
  uint32_t chars = 0;       // non-space bytes
  uint32_t link_chars = 0;  // non-space bytes inside <a href>
  uint16_t commas = 0;
  uint16_t sentences = 0;   // '.', '!', '?' followed by space or end
  bool caption = false;     // mostly text of caption-marked inline elements
};

// Text of an element with a metadata role, captured as the page is read.
struct HtmlRoleText {
  uint32_t roles = 0;   // HtmlNodeFlag (kNodeByline, kNodeDate, kNodeCaption,
                        // kNodeSection, kNodeBreadcrumb, kNodeAuthorHref)
                        // or HtmlHintRole in hint_roles
  uint16_t hint_roles = 0;
  int32_t node = -1;
  std::string text;     // whitespace collapsed, at most kMaxRoleText bytes
  std::string datetime; // <time datetime> / content attribute, if any
};

struct HtmlMeta {
  std::string key;      // lower-cased name, property or itemprop
  std::string content;
};

struct HtmlDocument {
  std::vector<HtmlNode> nodes;
  std::vector<HtmlBlock> blocks;
  std::string text;     // arena of block texts
  std::string title;    // <title>, collapsed
  std::string lang;     // <html lang>
  std::vector<HtmlMeta> metas;
  std::vector<std::string> json_ld;  // bodies of ld+json scripts
  std::vector<HtmlRoleText> role_texts;
  std::vector<std::string> author_links;  // text of <a rel=author>
  bool truncated = false;  // node or block limits were reached

  std::string_view BlockText(const HtmlBlock& b) const {
    return std::string_view(text).substr(b.text_begin, b.text_size);
  }
};

// Limits that keep one hostile page from exhausting memory; far above any
// real news page (which has a few thousand elements).
inline constexpr size_t kMaxHtmlNodes = 1u << 20;
inline constexpr size_t kMaxRoleText = 400;

// Builds the model of `html`. `hints` weighs class and id attributes.
HtmlDocument BuildHtmlDocument(std::string_view html, const HtmlHints& hints);

// True for the elements that break text into separate blocks.
bool IsBlockLevel(HtmlTag tag);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_HTML_DOCUMENT_H_
