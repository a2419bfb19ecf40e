#include "ingest/html_document.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "common/text.h"
#include "ingest/html_tokenizer.h"

namespace khaldun {
namespace {

struct TagName {
  std::string_view name;
  HtmlTag tag;
};

// Sorted by name for binary search.
constexpr TagName kTagNames[] = {
    {"a", HtmlTag::kA},
    {"address", HtmlTag::kAddress},
    {"area", HtmlTag::kArea},
    {"article", HtmlTag::kArticle},
    {"aside", HtmlTag::kAside},
    {"audio", HtmlTag::kAudio},
    {"base", HtmlTag::kBase},
    {"blockquote", HtmlTag::kBlockquote},
    {"body", HtmlTag::kBody},
    {"br", HtmlTag::kBr},
    {"button", HtmlTag::kButton},
    {"canvas", HtmlTag::kCanvas},
    {"caption", HtmlTag::kCaption},
    {"center", HtmlTag::kCenter},
    {"col", HtmlTag::kCol},
    {"dd", HtmlTag::kDd},
    {"details", HtmlTag::kDetails},
    {"dialog", HtmlTag::kDialog},
    {"div", HtmlTag::kDiv},
    {"dl", HtmlTag::kDl},
    {"dt", HtmlTag::kDt},
    {"embed", HtmlTag::kEmbed},
    {"fieldset", HtmlTag::kFieldset},
    {"figcaption", HtmlTag::kFigcaption},
    {"figure", HtmlTag::kFigure},
    {"footer", HtmlTag::kFooter},
    {"form", HtmlTag::kForm},
    {"h1", HtmlTag::kH1},
    {"h2", HtmlTag::kH2},
    {"h3", HtmlTag::kH3},
    {"h4", HtmlTag::kH4},
    {"h5", HtmlTag::kH5},
    {"h6", HtmlTag::kH6},
    {"head", HtmlTag::kHead},
    {"header", HtmlTag::kHeader},
    {"hgroup", HtmlTag::kHgroup},
    {"hr", HtmlTag::kHr},
    {"html", HtmlTag::kHtml},
    {"iframe", HtmlTag::kIframe},
    {"img", HtmlTag::kImg},
    {"input", HtmlTag::kInput},
    {"label", HtmlTag::kLabel},
    {"legend", HtmlTag::kLegend},
    {"li", HtmlTag::kLi},
    {"link", HtmlTag::kLink},
    {"main", HtmlTag::kMain},
    {"math", HtmlTag::kMath},
    {"menu", HtmlTag::kMenu},
    {"meta", HtmlTag::kMeta},
    {"nav", HtmlTag::kNav},
    {"noscript", HtmlTag::kNoscript},
    {"object", HtmlTag::kObject},
    {"ol", HtmlTag::kOl},
    {"option", HtmlTag::kOption},
    {"p", HtmlTag::kP},
    {"param", HtmlTag::kParam},
    {"picture", HtmlTag::kPicture},
    {"pre", HtmlTag::kPre},
    {"script", HtmlTag::kScript},
    {"section", HtmlTag::kSection},
    {"select", HtmlTag::kSelect},
    {"source", HtmlTag::kSource},
    {"span", HtmlTag::kSpan},
    {"style", HtmlTag::kStyle},
    {"summary", HtmlTag::kSummary},
    {"svg", HtmlTag::kSvg},
    {"table", HtmlTag::kTable},
    {"tbody", HtmlTag::kTbody},
    {"td", HtmlTag::kTd},
    {"template", HtmlTag::kTemplate},
    {"textarea", HtmlTag::kTextarea},
    {"tfoot", HtmlTag::kTfoot},
    {"th", HtmlTag::kTh},
    {"thead", HtmlTag::kThead},
    {"time", HtmlTag::kTime},
    {"title", HtmlTag::kTitle},
    {"tr", HtmlTag::kTr},
    {"track", HtmlTag::kTrack},
    {"ul", HtmlTag::kUl},
    {"video", HtmlTag::kVideo},
    {"wbr", HtmlTag::kWbr},
};

HtmlTag LookupTag(std::string_view name) {
  const TagName* begin = std::begin(kTagNames);
  const TagName* end = std::end(kTagNames);
  const TagName* it = std::lower_bound(
      begin, end, name, [](const TagName& t, std::string_view n) { return t.name < n; });
  return (it != end && it->name == name) ? it->tag : HtmlTag::kOther;
}

constexpr size_t kTagCount = static_cast<size_t>(HtmlTag::kCount);

using TagSet = std::array<bool, kTagCount>;

constexpr TagSet MakeSet(std::initializer_list<HtmlTag> tags) {
  TagSet set{};
  for (HtmlTag t : tags) set[static_cast<size_t>(t)] = true;
  return set;
}

constexpr TagSet kBlockLevel = MakeSet({
    HtmlTag::kHtml, HtmlTag::kHead, HtmlTag::kBody, HtmlTag::kNav, HtmlTag::kAside,
    HtmlTag::kHeader, HtmlTag::kFooter, HtmlTag::kMain, HtmlTag::kArticle,
    HtmlTag::kSection, HtmlTag::kDiv, HtmlTag::kP, HtmlTag::kH1, HtmlTag::kH2,
    HtmlTag::kH3, HtmlTag::kH4, HtmlTag::kH5, HtmlTag::kH6, HtmlTag::kHgroup,
    HtmlTag::kUl, HtmlTag::kOl, HtmlTag::kLi, HtmlTag::kDl, HtmlTag::kDt, HtmlTag::kDd,
    HtmlTag::kMenu, HtmlTag::kBlockquote, HtmlTag::kPre, HtmlTag::kTable,
    HtmlTag::kThead, HtmlTag::kTbody, HtmlTag::kTfoot, HtmlTag::kTr, HtmlTag::kTd,
    HtmlTag::kTh, HtmlTag::kCaption, HtmlTag::kFigure, HtmlTag::kFigcaption,
    HtmlTag::kHr, HtmlTag::kAddress, HtmlTag::kCenter, HtmlTag::kDetails,
    HtmlTag::kSummary, HtmlTag::kDialog, HtmlTag::kFieldset, HtmlTag::kLegend,
    HtmlTag::kForm, HtmlTag::kOption, HtmlTag::kSelect, HtmlTag::kButton,
    HtmlTag::kIframe, HtmlTag::kVideo, HtmlTag::kAudio, HtmlTag::kObject,
    HtmlTag::kCanvas,
});

constexpr TagSet kVoid = MakeSet({
    HtmlTag::kArea, HtmlTag::kBase, HtmlTag::kBr, HtmlTag::kCol, HtmlTag::kEmbed,
    HtmlTag::kHr, HtmlTag::kImg, HtmlTag::kInput, HtmlTag::kLink, HtmlTag::kMeta,
    HtmlTag::kParam, HtmlTag::kSource, HtmlTag::kTrack, HtmlTag::kWbr,
});

// Elements whose whole content is skipped: code, styles, foreign content,
// embedded documents and fallback text ("Your browser does not support").
constexpr TagSet kSkipped = MakeSet({
    HtmlTag::kScript, HtmlTag::kStyle, HtmlTag::kNoscript, HtmlTag::kTemplate,
    HtmlTag::kSvg, HtmlTag::kMath, HtmlTag::kIframe, HtmlTag::kObject,
    HtmlTag::kCanvas, HtmlTag::kVideo, HtmlTag::kAudio, HtmlTag::kTextarea,
    HtmlTag::kTitle,
});

// Start tags that close an open <p> (the spec's "close a p element in
// button scope").
constexpr TagSet kClosesP = MakeSet({
    HtmlTag::kAddress, HtmlTag::kArticle, HtmlTag::kAside, HtmlTag::kBlockquote,
    HtmlTag::kCenter, HtmlTag::kDetails, HtmlTag::kDialog, HtmlTag::kDiv,
    HtmlTag::kDl, HtmlTag::kFieldset, HtmlTag::kFigcaption, HtmlTag::kFigure,
    HtmlTag::kFooter, HtmlTag::kForm, HtmlTag::kH1, HtmlTag::kH2, HtmlTag::kH3,
    HtmlTag::kH4, HtmlTag::kH5, HtmlTag::kH6, HtmlTag::kHeader, HtmlTag::kHgroup,
    HtmlTag::kHr, HtmlTag::kMain, HtmlTag::kMenu, HtmlTag::kNav, HtmlTag::kOl,
    HtmlTag::kP, HtmlTag::kPre, HtmlTag::kSection, HtmlTag::kSummary,
    HtmlTag::kTable, HtmlTag::kUl, HtmlTag::kLi, HtmlTag::kDd, HtmlTag::kDt,
});

// Where the search for an element to close implicitly stops (the spec's
// scope boundaries, simplified).
constexpr TagSet kScopeBoundary = MakeSet({
    HtmlTag::kHtml, HtmlTag::kBody, HtmlTag::kTable, HtmlTag::kTd, HtmlTag::kTh,
    HtmlTag::kCaption, HtmlTag::kButton, HtmlTag::kTemplate, HtmlTag::kObject,
});

constexpr TagSet kHeadContent = MakeSet({
    HtmlTag::kTitle, HtmlTag::kMeta, HtmlTag::kLink, HtmlTag::kBase,
    HtmlTag::kScript, HtmlTag::kStyle, HtmlTag::kNoscript, HtmlTag::kTemplate,
});

bool In(const TagSet& set, HtmlTag tag) { return set[static_cast<size_t>(tag)]; }

bool IsHeading(HtmlTag t) { return t >= HtmlTag::kH1 && t <= HtmlTag::kH6; }

// Element names that are not in the table are told apart by a hash, so
// that </my-widget> closes <my-widget> without storing names.
uint32_t NameHash(std::string_view name) {
  return static_cast<uint32_t>(Hash64(name));
}

// An href to an author's page: a path segment naming authors ("/author/
// jane-doe", "/auteurs/awa-traore"), as CMSes build profile URLs.
bool IsAuthorHref(std::string_view href) {
  for (std::string_view seg :
       {"/author/", "/authors/", "/auteur/", "/auteurs/", "/autor/", "/autores/",
        "/autoren/", "/journalist/", "/journalists/", "/reporter/", "/reporters/",
        "/writer/", "/writers/", "/contributor/", "/contributors/"}) {
    if (FindIgnoreCase(href, seg) != kNpos) return true;
  }
  return false;
}

// Whether a space-separated RDFa `property` value names a publication
// date ("dc:date dc:created", "schema:datePublished").
bool IsDateProperty(std::string_view v) {
  for (std::string_view p : {"dc:date", "dc:created", "dc:issued", "dcterms:created",
                             "dcterms:issued", "datePublished"}) {
    if (FindIgnoreCase(v, p) != kNpos) return true;
  }
  return false;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

// Scans of the open-element stack stop after this many entries: real pages
// close what they open near the top, and the cap keeps pathological nesting
// linear.
constexpr size_t kMaxScopeScan = 256;

// Caps on metadata captures; pages with thousands of <time> elements exist
// (archives), and only the first few matter.
constexpr size_t kMaxRoleTexts = 256;
constexpr size_t kMaxJsonLdBytes = 4u << 20;

class Builder {
 public:
  Builder(std::string_view html, const HtmlHints& hints) : html_(html), hints_(hints) {
    doc_.nodes.reserve(html.size() / 64 + 16);
    doc_.blocks.reserve(html.size() / 512 + 16);
    doc_.text.reserve(html.size() / 4 + 16);
  }

  HtmlDocument Build() {
    HtmlTokenizer tokenizer(html_);
    for (const HtmlToken* t = &tokenizer.Next(); t->type != HtmlTokenType::kEof;
         t = &tokenizer.Next()) {
      switch (t->type) {
        case HtmlTokenType::kStartTag: OnStart(*t); break;
        case HtmlTokenType::kEndTag: OnEnd(*t); break;
        case HtmlTokenType::kText: OnText(t->text); break;
        default: break;
      }
    }
    if (skip_ != HtmlTag::kOther) EndSkip();
    if (!stack_.empty()) PopTo(0);
    Flush();
    doc_.title = CollapseWhitespace(title_);
    return std::move(doc_);
  }

 private:
  struct Entry {
    int32_t node;
    int32_t block_owner;  // nearest block-level element, self included
    uint32_t name_hash;   // for kOther elements
    HtmlTag tag;
  };

  // ---- skipped content --------------------------------------------------
  void BeginSkip(HtmlTag tag, const HtmlToken& t) {
    skip_ = tag;
    skip_nesting_ = 1;
    capture_json_ = false;
    if (tag == HtmlTag::kScript) {
      std::string_view type = HtmlTokenizer::Attribute(t, "type");
      if (FindIgnoreCase(type, "ld+json") != kNpos) {
        capture_json_ = true;
        json_.clear();
      }
    } else if (tag == HtmlTag::kTitle) {
      capture_title_ = title_.empty() && !(top_ancestry() & kNodeHidden);
    }
  }

  void EndSkip() {
    if (capture_json_ && !json_.empty()) doc_.json_ld.push_back(std::move(json_));
    json_.clear();
    capture_json_ = false;
    capture_title_ = false;
    skip_ = HtmlTag::kOther;
    skip_nesting_ = 0;
  }

  // ---- the open-element stack --------------------------------------------
  uint32_t top_ancestry() const {
    return stack_.empty() ? 0 : doc_.nodes[stack_.back().node].ancestry;
  }

  void Push(HtmlTag tag, const HtmlToken& t) {
    if (doc_.nodes.size() >= kMaxHtmlNodes) {
      doc_.truncated = true;
      return;
    }
    HtmlNode node;
    node.tag = tag;
    node.depth = static_cast<uint32_t>(stack_.size());
    node.first_block = static_cast<uint32_t>(doc_.blocks.size());
    uint32_t parent_ancestry = 0;
    if (!stack_.empty()) {
      node.parent = stack_.back().node;
      parent_ancestry = doc_.nodes[node.parent].ancestry;
    }
    ReadAttributes(tag, t, node);
    node.ancestry = parent_ancestry | node.flags;
    int32_t index = static_cast<int32_t>(doc_.nodes.size());
    doc_.nodes.push_back(node);
    int32_t owner = In(kBlockLevel, tag) || stack_.empty() ? index : stack_.back().block_owner;
    stack_.push_back(Entry{index, owner, tag == HtmlTag::kOther ? NameHash(t.name) : 0, tag});
    ++open_[static_cast<size_t>(tag)];
    MaybeBeginCapture(index, t);
  }

  void ReadAttributes(HtmlTag tag, const HtmlToken& t, HtmlNode& node) {
    int weight = 0;
    uint16_t roles = 0;
    uint32_t flags = 0;
    switch (tag) {
      case HtmlTag::kNav: flags |= kNodeNav; break;
      case HtmlTag::kAside: flags |= kNodeAside; break;
      case HtmlTag::kHeader: flags |= kNodeHeader; break;
      case HtmlTag::kFooter: flags |= kNodeFooter; break;
      case HtmlTag::kFigure: flags |= kNodeFigure; break;
      case HtmlTag::kFigcaption: flags |= kNodeCaption; break;
      case HtmlTag::kMain: flags |= kNodeMain; break;
      case HtmlTag::kArticle: flags |= kNodeArticle; break;
      case HtmlTag::kHead: flags |= kNodeHead; break;
      case HtmlTag::kForm: flags |= kNodeForm; break;
      case HtmlTag::kTime: flags |= kNodeDate; break;
      case HtmlTag::kUl: case HtmlTag::kOl: case HtmlTag::kDl: case HtmlTag::kMenu:
        flags |= kNodeList;
        break;
      case HtmlTag::kTable: flags |= kNodeTable; break;
      case HtmlTag::kBlockquote: flags |= kNodeBlockquote; break;
      case HtmlTag::kAddress: flags |= kNodeAddress; break;
      case HtmlTag::kDialog: flags |= kNodeDialog; break;
      // Form controls and option lists never hold article text.
      case HtmlTag::kButton: case HtmlTag::kSelect: case HtmlTag::kOption:
      case HtmlTag::kLabel:
        flags |= kNodeHidden;
        break;
      default: break;
    }
    for (const HtmlAttribute& a : t.attributes) {
      std::string_view name = a.name;
      std::string_view v = a.value;
      if (name == "class" || name == "id") {
        // Page-wide classes on <html>/<body> describe the page type or
        // theme ("single-post", "has-sidebar"), never the element.
        if (v.empty() || tag == HtmlTag::kHtml || tag == HtmlTag::kBody) continue;
        HtmlHint h = hints_.Classify(v);
        weight += h.weight;
        roles |= h.roles;
      } else if (name == "data-testid" || name == "data-component" || name == "data-qa") {
        // Test and component ids name what an element is ("byline-block",
        // "timestamp") on sites with hashed class names; they give roles,
        // never weight, since they also name layout wrappers.
        roles |= hints_.Classify(v).roles &
                 (kHintRoleByline | kHintRoleDate | kHintRoleStandfirst | kHintRoleHeadline |
                  kHintRoleSection | kHintRoleBreadcrumb);
      } else if (name == "aria-label") {
        if (FindIgnoreCase(v, "breadcrumb") != kNpos) flags |= kNodeBreadcrumb;
      } else if (name == "property") {
        if (tag != HtmlTag::kMeta && IsDateProperty(v)) flags |= kNodeDate;
      } else if (name == "href") {
        if (tag == HtmlTag::kA && IsAuthorHref(v)) flags |= kNodeAuthorHref;
      } else if (name == "role") {
        if (EqualsIgnoreCase(v, "navigation") || EqualsIgnoreCase(v, "menu") ||
            EqualsIgnoreCase(v, "menubar") || EqualsIgnoreCase(v, "search")) {
          flags |= kNodeNav;
        } else if (EqualsIgnoreCase(v, "complementary")) {
          flags |= kNodeAside;
        } else if (EqualsIgnoreCase(v, "banner")) {
          flags |= kNodeHeader;
        } else if (EqualsIgnoreCase(v, "contentinfo")) {
          flags |= kNodeFooter;
        } else if (EqualsIgnoreCase(v, "main")) {
          flags |= kNodeMain;
        } else if (EqualsIgnoreCase(v, "article")) {
          flags |= kNodeArticle;
        } else if (EqualsIgnoreCase(v, "dialog") || EqualsIgnoreCase(v, "alertdialog")) {
          flags |= kNodeDialog;
        }
      } else if (name == "itemprop") {
        if (FindIgnoreCase(v, "articleBody") != kNpos) flags |= kNodeArticleBody;
        if (FindIgnoreCase(v, "author") != kNpos || FindIgnoreCase(v, "creator") != kNpos) {
          flags |= kNodeByline;
        }
        if (FindIgnoreCase(v, "datePublished") != kNpos) flags |= kNodeDate;
        if (FindIgnoreCase(v, "articleSection") != kNpos) flags |= kNodeSection;
      } else if (name == "itemtype") {
        if (FindIgnoreCase(v, "BreadcrumbList") != kNpos) {
          flags |= kNodeBreadcrumb;
        } else if (FindIgnoreCase(v, "Article") != kNpos ||
                   FindIgnoreCase(v, "BlogPosting") != kNpos) {
          flags |= kNodeArticle;
        }
      } else if (name == "hidden") {
        flags |= kNodeHidden;
      } else if (name == "aria-hidden") {
        if (EqualsIgnoreCase(TrimAscii(v), "true")) flags |= kNodeHidden;
      } else if (name == "style") {
        if (IsHiddenStyle(v)) flags |= kNodeHidden;
      } else if (name == "rel") {
        if (tag == HtmlTag::kA && FindIgnoreCase(v, "author") != kNpos) flags |= kNodeByline;
        // WordPress marks a post's categories rel="category tag".
        if (tag == HtmlTag::kA && FindIgnoreCase(v, "category") != kNpos) flags |= kNodeSection;
      } else if (name == "lang") {
        if (tag == HtmlTag::kHtml && doc_.lang.empty()) doc_.lang = std::string(TrimAscii(v));
      }
    }
    if (roles & kHintRoleHidden) flags |= kNodeHidden;
    if (roles & kHintRoleBreadcrumb) flags |= kNodeBreadcrumb;
    if (roles & kHintRoleCaption) flags |= kNodeCaptionHint;
    node.hint = static_cast<int16_t>(std::clamp(weight, -200, 200));
    node.roles = roles;
    node.flags = flags;
  }

  static bool IsHiddenStyle(std::string_view style) {
    // "display : none" with any spacing, "visibility:hidden".
    for (std::string_view prop : {std::string_view("display"), std::string_view("visibility")}) {
      size_t at = FindIgnoreCase(style, prop);
      while (at != kNpos) {
        size_t i = at + prop.size();
        while (i < style.size() && IsAsciiSpace(style[i])) ++i;
        if (i < style.size() && style[i] == ':') {
          ++i;
          while (i < style.size() && IsAsciiSpace(style[i])) ++i;
          std::string_view rest = style.substr(i);
          if (StartsWithIgnoreCase(rest, "none") || StartsWithIgnoreCase(rest, "hidden")) {
            return true;
          }
        }
        at = FindIgnoreCase(style, prop, at + prop.size());
      }
    }
    return false;
  }

  // Pops stack entries [index, end).
  void PopTo(size_t index) {
    if (index >= stack_.size()) return;
    bool block_level = false;
    for (size_t i = index; i < stack_.size() && !block_level; ++i) {
      block_level = In(kBlockLevel, stack_[i].tag);
    }
    if (block_level) Flush();
    while (stack_.size() > index) {
      const Entry e = stack_.back();
      stack_.pop_back();
      HtmlNode& node = doc_.nodes[e.node];
      node.end = static_cast<uint32_t>(doc_.nodes.size());
      node.end_block = static_cast<uint32_t>(doc_.blocks.size());
      --open_[static_cast<size_t>(e.tag)];
      EndCapture(e.node);
    }
  }

  bool IsOpen(HtmlTag tag) const { return open_[static_cast<size_t>(tag)] > 0; }

  // Closes the nearest open element in `targets`, searching down from the
  // top of the stack and stopping at any element in `stop`.
  void CloseNearest(const TagSet& targets, const TagSet& stop) {
    size_t scanned = 0;
    for (size_t i = stack_.size(); i-- > 0 && scanned < kMaxScopeScan; ++scanned) {
      HtmlTag tag = stack_[i].tag;
      if (In(targets, tag)) {
        PopTo(i);
        return;
      }
      if (In(stop, tag)) return;
    }
  }

  void ImplyEndTags(HtmlTag tag) {
    static constexpr TagSet kP = MakeSet({HtmlTag::kP});
    static constexpr TagSet kLi = MakeSet({HtmlTag::kLi});
    static constexpr TagSet kLiStop =
        MakeSet({HtmlTag::kUl, HtmlTag::kOl, HtmlTag::kMenu, HtmlTag::kTable, HtmlTag::kTd,
                 HtmlTag::kTh, HtmlTag::kBody, HtmlTag::kHtml, HtmlTag::kButton,
                 HtmlTag::kObject, HtmlTag::kTemplate});
    static constexpr TagSet kDtDd = MakeSet({HtmlTag::kDt, HtmlTag::kDd});
    static constexpr TagSet kDlStop =
        MakeSet({HtmlTag::kDl, HtmlTag::kTable, HtmlTag::kTd, HtmlTag::kTh, HtmlTag::kBody,
                 HtmlTag::kHtml, HtmlTag::kButton, HtmlTag::kObject, HtmlTag::kTemplate});
    static constexpr TagSet kRowParts = MakeSet({HtmlTag::kTr, HtmlTag::kTd, HtmlTag::kTh});
    static constexpr TagSet kCells = MakeSet({HtmlTag::kTd, HtmlTag::kTh});
    static constexpr TagSet kSections =
        MakeSet({HtmlTag::kThead, HtmlTag::kTbody, HtmlTag::kTfoot, HtmlTag::kTr,
                 HtmlTag::kTd, HtmlTag::kTh});
    static constexpr TagSet kTableStop = MakeSet({HtmlTag::kTable, HtmlTag::kHtml,
                                                  HtmlTag::kBody, HtmlTag::kTemplate});
    static constexpr TagSet kRowStop =
        MakeSet({HtmlTag::kTr, HtmlTag::kTable, HtmlTag::kHtml, HtmlTag::kBody,
                 HtmlTag::kTemplate});
    static constexpr TagSet kA = MakeSet({HtmlTag::kA});
    static constexpr TagSet kOption = MakeSet({HtmlTag::kOption});
    static constexpr TagSet kNone{};

    if (IsOpen(HtmlTag::kHead) && !In(kHeadContent, tag) && tag != HtmlTag::kHead) {
      CloseNearest(MakeSet({HtmlTag::kHead}), kNone);
    }
    if (In(kClosesP, tag) && IsOpen(HtmlTag::kP)) CloseNearest(kP, kScopeBoundary);
    switch (tag) {
      case HtmlTag::kLi:
        if (IsOpen(HtmlTag::kLi)) CloseNearest(kLi, kLiStop);
        break;
      case HtmlTag::kDt: case HtmlTag::kDd:
        if (IsOpen(HtmlTag::kDt) || IsOpen(HtmlTag::kDd)) CloseNearest(kDtDd, kDlStop);
        break;
      case HtmlTag::kTr:
        if (IsOpen(HtmlTag::kTr) || IsOpen(HtmlTag::kTd) || IsOpen(HtmlTag::kTh)) {
          CloseNearest(kRowParts, kTableStop);
        }
        break;
      case HtmlTag::kTd: case HtmlTag::kTh:
        if (IsOpen(HtmlTag::kTd) || IsOpen(HtmlTag::kTh)) CloseNearest(kCells, kRowStop);
        break;
      case HtmlTag::kThead: case HtmlTag::kTbody: case HtmlTag::kTfoot:
        if (IsOpen(HtmlTag::kTr) || IsOpen(HtmlTag::kTd) || IsOpen(HtmlTag::kTh) ||
            IsOpen(HtmlTag::kThead) || IsOpen(HtmlTag::kTbody) || IsOpen(HtmlTag::kTfoot)) {
          CloseNearest(kSections, kTableStop);
        }
        break;
      case HtmlTag::kH1: case HtmlTag::kH2: case HtmlTag::kH3:
      case HtmlTag::kH4: case HtmlTag::kH5: case HtmlTag::kH6:
        if (!stack_.empty() && IsHeading(stack_.back().tag)) PopTo(stack_.size() - 1);
        break;
      case HtmlTag::kA:
        // Links do not nest; a new <a> ends the previous one.
        if (IsOpen(HtmlTag::kA)) CloseNearest(kA, kNone);
        break;
      case HtmlTag::kOption:
        if (IsOpen(HtmlTag::kOption)) CloseNearest(kOption, kScopeBoundary);
        break;
      default: break;
    }
  }

  // ---- tokens -----------------------------------------------------------
  void OnStart(const HtmlToken& t) {
    if (skip_ != HtmlTag::kOther) {
      // Only the same element nests inside a skipped one (raw text states
      // end at the first matching end tag anyway).
      if (LookupTag(t.name) == skip_ && !t.self_closing) ++skip_nesting_;
      return;
    }
    HtmlTag tag = LookupTag(t.name);
    if (tag == HtmlTag::kHtml) {
      if (doc_.lang.empty()) {
        doc_.lang = std::string(TrimAscii(HtmlTokenizer::Attribute(t, "lang")));
      }
      if (!doc_.nodes.empty()) return;
    } else if (tag == HtmlTag::kBody || tag == HtmlTag::kHead) {
      if (IsOpen(tag)) return;
    }
    if (In(kSkipped, tag)) {
      if (t.self_closing && (tag == HtmlTag::kSvg || tag == HtmlTag::kMath)) return;
      if (tag != HtmlTag::kTitle) ImplyEndTags(tag);
      BeginSkip(tag, t);
      return;
    }
    ImplyEndTags(tag);
    if (tag == HtmlTag::kBr) {
      OnBreak();
      return;
    }
    if (In(kBlockLevel, tag)) Flush();
    if (tag == HtmlTag::kMeta) {
      OnMeta(t);
      return;
    }
    if (In(kVoid, tag)) return;
    Push(tag, t);
  }

  void OnEnd(const HtmlToken& t) {
    HtmlTag tag = LookupTag(t.name);
    if (skip_ != HtmlTag::kOther) {
      if (tag == skip_ && --skip_nesting_ == 0) EndSkip();
      return;
    }
    switch (tag) {
      case HtmlTag::kBr: OnBreak(); return;
      case HtmlTag::kHtml: case HtmlTag::kBody: return;  // content after still counts
      case HtmlTag::kP:
        if (!IsOpen(HtmlTag::kP)) {
          Flush();  // a stray </p> still separates paragraphs
          return;
        }
        break;
      default:
        if (In(kVoid, tag)) return;
        break;
    }
    if (tag != HtmlTag::kOther && !IsOpen(tag)) return;
    uint32_t hash = tag == HtmlTag::kOther ? NameHash(t.name) : 0;
    bool inline_end = !In(kBlockLevel, tag);
    size_t scanned = 0;
    for (size_t i = stack_.size(); i-- > 0 && scanned < kMaxScopeScan; ++scanned) {
      const Entry& e = stack_[i];
      if (e.tag == tag && e.name_hash == hash) {
        PopTo(i);
        return;
      }
      // An inline end tag never closes the blocks opened inside it.
      if (inline_end && In(kBlockLevel, e.tag)) return;
    }
  }

  void OnMeta(const HtmlToken& t) {
    std::string_view key = HtmlTokenizer::Attribute(t, "property");
    if (key.empty()) key = HtmlTokenizer::Attribute(t, "name");
    if (key.empty()) key = HtmlTokenizer::Attribute(t, "itemprop");
    if (key.empty()) return;
    std::string_view content = HtmlTokenizer::Attribute(t, "content");
    if (content.empty() || doc_.metas.size() >= 512) return;
    doc_.metas.push_back(HtmlMeta{AsciiLowerCopy(TrimAscii(key)), CollapseWhitespace(content)});
  }

  void OnBreak() {
    // One <br> is a line break inside a paragraph; two in a row (with only
    // white space between) separate paragraphs, as they do on screen.
    if (saw_break_ && cur_chars_ > 0) {
      Flush();
      return;
    }
    if (cur_chars_ > 0) {
      cur_.push_back('\n');
      saw_break_ = true;
    }
  }

  void OnText(std::string_view text) {
    if (skip_ != HtmlTag::kOther) {
      if (capture_json_) {
        if (json_.size() + text.size() <= kMaxJsonLdBytes) json_.append(text);
      } else if (capture_title_ && title_.size() < 4096) {
        title_.append(text);
      }
      return;
    }
    uint32_t ancestry = top_ancestry();
    if (ancestry & kNodeHidden) return;
    size_t non_space = 0;
    for (char c : text) non_space += !IsAsciiSpace(c);
    if (non_space == 0) {
      if (!cur_.empty()) cur_.push_back(' ');
      return;
    }
    if (IsOpen(HtmlTag::kHead)) {
      // Text is not head content: the body has begun.
      CloseNearest(MakeSet({HtmlTag::kHead}), TagSet{});
      ancestry = top_ancestry();
    }
    saw_break_ = false;
    cur_.append(text);
    cur_chars_ += non_space;
    if (IsOpen(HtmlTag::kA)) cur_link_chars_ += non_space;
    if (ancestry & (kNodeCaptionHint | kNodeCaption)) cur_caption_chars_ += non_space;
    for (size_t index : active_captures_) {
      std::string& s = doc_.role_texts[index].text;
      if (s.size() < kMaxRoleText) {
        s.append(text.substr(0, kMaxRoleText - s.size()));
      }
    }
    if (!author_link_open_.empty()) {
      std::string& s = doc_.author_links.back();
      if (s.size() < kMaxRoleText) s.append(text.substr(0, kMaxRoleText - s.size()));
    }
  }

  // ---- role captures ----------------------------------------------------
  void MaybeBeginCapture(int32_t index, const HtmlToken& t) {
    const HtmlNode& node = doc_.nodes[index];
    if (node.ancestry & kNodeHidden) return;
    constexpr uint16_t kCapturedRoles = kHintRoleCaption | kHintRoleByline | kHintRoleDate |
                                        kHintRoleStandfirst | kHintRoleBreadcrumb |
                                        kHintRoleHeadline | kHintRoleSection;
    uint32_t roles = node.flags & (kNodeByline | kNodeDate | kNodeCaption | kNodeSection |
                                   kNodeAuthorHref);
    // Each link of a breadcrumb trail is one item: the trail's own text
    // runs the items together.
    if (node.tag == HtmlTag::kA && (node.ancestry & kNodeBreadcrumb)) roles |= kNodeBreadcrumb;
    uint16_t hint_roles = node.roles & kCapturedRoles;
    if (node.tag == HtmlTag::kA && (node.flags & kNodeByline)) {
      if (doc_.author_links.size() < 64) {
        doc_.author_links.emplace_back();
        author_link_open_.push_back(index);
      }
    }
    if (roles == 0 && hint_roles == 0 && node.tag != HtmlTag::kH1) return;
    if (doc_.role_texts.size() >= kMaxRoleTexts) return;
    HtmlRoleText r;
    r.roles = roles;
    r.hint_roles = hint_roles;
    r.node = index;
    if (roles & kNodeDate) {
      std::string_view dt = HtmlTokenizer::Attribute(t, "datetime");
      if (dt.empty()) dt = HtmlTokenizer::Attribute(t, "content");
      r.datetime = std::string(TrimAscii(dt.substr(0, 64)));
    }
    doc_.role_texts.push_back(std::move(r));
    active_captures_.push_back(doc_.role_texts.size() - 1);
    capture_nodes_.push_back(index);
  }

  void EndCapture(int32_t node) {
    if (!capture_nodes_.empty() && capture_nodes_.back() == node) {
      std::string& s = doc_.role_texts[active_captures_.back()].text;
      s = CollapseWhitespace(s);
      active_captures_.pop_back();
      capture_nodes_.pop_back();
    }
    if (!author_link_open_.empty() && author_link_open_.back() == node) {
      doc_.author_links.back() = CollapseWhitespace(doc_.author_links.back());
      author_link_open_.pop_back();
    }
  }

  // ---- blocks -----------------------------------------------------------
  void Flush() {
    saw_break_ = false;
    if (cur_chars_ == 0 || doc_.blocks.size() >= kMaxHtmlNodes) {
      cur_.clear();
      cur_chars_ = cur_link_chars_ = cur_caption_chars_ = 0;
      return;
    }
    std::string collapsed = CollapseWhitespace(cur_);
    HtmlBlock b;
    b.text_begin = static_cast<uint32_t>(doc_.text.size());
    b.text_size = static_cast<uint32_t>(collapsed.size());
    b.node = stack_.empty() ? -1 : stack_.back().block_owner;
    b.kind = b.node < 0 ? HtmlTag::kOther : doc_.nodes[b.node].tag;
    b.chars = static_cast<uint32_t>(cur_chars_);
    b.link_chars = static_cast<uint32_t>(std::min(cur_link_chars_, cur_chars_));
    b.caption = cur_caption_chars_ * 10 >= cur_chars_ * 8;
    uint32_t commas = 0, sentences = 0;
    for (size_t i = 0; i < collapsed.size(); ++i) {
      char c = collapsed[i];
      if (c == ',') {
        ++commas;
      } else if ((c == '.' || c == '!' || c == '?') &&
                 (i + 1 == collapsed.size() || collapsed[i + 1] == ' ' ||
                  collapsed[i + 1] == '"' || collapsed[i + 1] == '\'')) {
        ++sentences;
      }
    }
    b.commas = static_cast<uint16_t>(std::min<uint32_t>(commas, 65535));
    b.sentences = static_cast<uint16_t>(std::min<uint32_t>(sentences, 65535));
    doc_.text.append(collapsed);
    doc_.blocks.push_back(b);
    cur_.clear();
    cur_chars_ = cur_link_chars_ = cur_caption_chars_ = 0;
  }

  std::string_view html_;
  const HtmlHints& hints_;
  HtmlDocument doc_;
  std::vector<Entry> stack_;
  std::array<uint32_t, kTagCount> open_{};
  HtmlTag skip_ = HtmlTag::kOther;
  int skip_nesting_ = 0;
  bool capture_json_ = false;
  bool capture_title_ = false;
  std::string json_;
  std::string title_;
  std::string cur_;
  size_t cur_chars_ = 0;
  size_t cur_link_chars_ = 0;
  size_t cur_caption_chars_ = 0;
  bool saw_break_ = false;
  std::vector<size_t> active_captures_;
  std::vector<int32_t> capture_nodes_;
  std::vector<int32_t> author_link_open_;
};

}  // namespace

bool IsBlockLevel(HtmlTag tag) { return In(kBlockLevel, tag); }

HtmlDocument BuildHtmlDocument(std::string_view html, const HtmlHints& hints) {
  return Builder(html, hints).Build();
}

}  // namespace khaldun
