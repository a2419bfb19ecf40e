// Main-content extraction on the HtmlDocument model (html_document.h).
//
// 1. Score candidate containers the way reader modes do: every
//    paragraph-like block of real prose (25+ bytes, few links) gives points
//    for its length and commas to its container, half to the one above and
//    less further up; class/id hints and tags adjust a container's base, and
//    its link density scales the total.
// 2. Pick the best container, widen it to a common ancestor when several
//    near-best candidates share one (articles split by ads), or to what the
//    page's own markup (itemprop=articleBody) or its JSON-LD articleBody
//    says the body is.
// 3. Add siblings that continue the article, then walk the chosen subtrees
//    dropping chrome: nav/aside/footer/figure, negative hints (share bars,
//    related lists), link-heavy lists, headline/byline/date lines, chrome
//    phrases, duplicates, and everything after an end marker.
// 4. With no convincing container, classify every block on its own.
#include "ingest/html_extract.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_set>

#include "common/text.h"
#include "ingest/dates.h"
#include "ingest/html_document.h"
#include "ingest/html_jsonld.h"
#include "ingest/html_metadata.h"

namespace khaldun {
namespace {

// ---- metadata -------------------------------------------------------------

std::string_view FindMeta(const HtmlDocument& doc, std::string_view key) {
  for (const HtmlMeta& m : doc.metas) {
    if (m.key == key && !m.content.empty()) return m.content;
  }
  return {};
}

bool LooksLikeUrl(std::string_view s) {
  return StartsWithIgnoreCase(s, "http://") || StartsWithIgnoreCase(s, "https://") ||
         StartsWithIgnoreCase(s, "//") || StartsWithIgnoreCase(s, "www.");
}

void AddNames(std::vector<std::string>& out, std::string_view raw, const BylineWords& words) {
  if (raw.empty() || LooksLikeUrl(raw)) return;
  for (std::string& name : SplitByline(raw, words)) {
    if (std::find(out.begin(), out.end(), name) == out.end() && out.size() < 16) {
      out.push_back(std::move(name));
    }
  }
}

// ---- word shingles, for comparing blocks with JSON-LD articleBody ---------

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c >= 0x80;
}

// Hashes of the overlapping 4-word shingles of `text`, appended to `out`
// (one shingle of all words when there are fewer than four).
void AppendShingles(std::string_view text, std::vector<uint64_t>& out) {
  uint64_t words[4] = {0, 0, 0, 0};
  size_t count = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    uint64_t h = Hash64(text.substr(start, i - start));
    words[count % 4] = h;
    ++count;
    if (count >= 4) {
      uint64_t s = 0;
      for (size_t k = count - 4; k < count; ++k) s = s * 0x9E3779B97F4A7C15ull + words[k % 4];
      out.push_back(s);
    }
  }
  if (count > 0 && count < 4) {
    uint64_t s = 0;
    for (size_t k = 0; k < count; ++k) s = s * 0x9E3779B97F4A7C15ull + words[k];
    out.push_back(s);
  }
}

// ---- content selection ----------------------------------------------------

bool IsHeadingTag(HtmlTag t) { return t >= HtmlTag::kH1 && t <= HtmlTag::kH6; }

// Containers that never hold the article, whatever their text.
constexpr uint32_t kChromeAncestry = kNodeNav | kNodeAside | kNodeFooter | kNodeFigure |
                                     kNodeCaption | kNodeHead | kNodeDialog | kNodeHidden;

class ContentSelector {
 public:
  ContentSelector(const HtmlDocument& doc, const IngestResources::Impl& res,
                  std::string_view headline, std::string_view article_body)
      : doc_(doc), res_(res), headline_(headline), article_body_(article_body) {}

  void Run(Article& article) {
    ComputeAggregates();
    MatchArticleBody();
    int32_t top = ChooseContainer();
    std::vector<int32_t> roots;
    if (top >= 0) roots = WithSiblings(top);
    if (!roots.empty()) Collect(roots, article);
    if (article.paragraphs.empty()) {
      Fallback(article);
      if (!article.paragraphs.empty()) {
        article.diagnostics.push_back("no main content container; kept prose blocks");
      }
    }
    if (article.paragraphs.empty()) article.diagnostics.push_back("no main content found");
  }

 private:
  size_t n() const { return doc_.nodes.size(); }
  const HtmlNode& node(int32_t i) const { return doc_.nodes[i]; }
  bool Contains(int32_t outer, int32_t inner) const {
    return inner >= outer && static_cast<uint32_t>(inner) < node(outer).end;
  }
  double LinkDensity(int32_t i) const {
    return chars_[i] == 0 ? 0.0 : static_cast<double>(links_[i]) / chars_[i];
  }
  static double BlockLinkDensity(const HtmlBlock& b) {
    return b.chars == 0 ? 0.0 : static_cast<double>(b.link_chars) / b.chars;
  }

  // A block of running prose: what scores containers.
  bool IsProse(const HtmlBlock& b) const {
    if (b.node < 0 || b.chars < 25 || b.caption) return false;
    if (node(b.node).ancestry & kChromeAncestry) return false;
    switch (b.kind) {
      case HtmlTag::kH1: case HtmlTag::kH2: case HtmlTag::kH3: case HtmlTag::kH4:
      case HtmlTag::kH5: case HtmlTag::kH6: case HtmlTag::kLi: case HtmlTag::kDt:
      case HtmlTag::kTh: case HtmlTag::kCaption: case HtmlTag::kFigcaption:
      case HtmlTag::kOption: case HtmlTag::kButton: case HtmlTag::kSummary:
      case HtmlTag::kLegend: case HtmlTag::kAddress:
        return false;
      default: break;
    }
    return BlockLinkDensity(b) <= 0.5;
  }

  // Elements whose class or id says chrome (comments, sidebars, related
  // lists) and everything inside them take no part in scoring, as in reader
  // modes; unless that would leave almost no prose, which means the hint
  // sat on a page-wide wrapper.
  void MarkUnlikely() {
    unlikely_.assign(n(), 0);
    size_t prose = 0, unlikely_prose = 0;
    for (size_t i = 0; i < n(); ++i) {
      const HtmlNode& nd = doc_.nodes[i];
      bool self = nd.hint <= -40 && nd.tag != HtmlTag::kBody && nd.tag != HtmlTag::kHtml &&
                  nd.tag != HtmlTag::kMain && nd.tag != HtmlTag::kArticle &&
                  !(nd.flags & kNodeArticleBody);
      unlikely_[i] = self || (nd.parent >= 0 && unlikely_[nd.parent]);
    }
    for (const HtmlBlock& b : doc_.blocks) {
      if (!IsProse(b)) continue;
      prose += b.chars;
      if (unlikely_[b.node]) unlikely_prose += b.chars;
    }
    ignore_unlikely_ = unlikely_prose * 10 > prose * 8;
  }

  void ComputeAggregates() {
    MarkUnlikely();
    chars_.assign(n(), 0);
    links_.assign(n(), 0);
    commas_.assign(n(), 0);
    good_.assign(n(), 0);
    score_.assign(n(), 0.0);
    scored_.assign(n(), 0);
    for (const HtmlBlock& b : doc_.blocks) {
      if (b.node < 0) continue;
      chars_[b.node] += b.chars;
      links_[b.node] += b.link_chars;
      commas_[b.node] += b.commas;
      if (!IsProse(b)) continue;
      good_[b.node] += b.chars;
      if (!ignore_unlikely_ && unlikely_[b.node]) continue;
      double points = 1.0 + b.commas + std::min(b.chars / 100.0, 3.0);
      // Text sitting in a <p> scores the p's container; text directly in a
      // div scores the div itself (it is its own paragraph container).
      int32_t target = b.node;
      bool p_like = b.kind == HtmlTag::kP || b.kind == HtmlTag::kPre ||
                    b.kind == HtmlTag::kTd || b.kind == HtmlTag::kBlockquote ||
                    b.kind == HtmlTag::kDd;
      if (p_like && node(b.node).parent >= 0) target = node(b.node).parent;
      for (int level = 0; level < 5 && target >= 0; ++level) {
        Touch(target);
        double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        score_[target] += points / divider;
        target = node(target).parent;
      }
    }
    for (size_t i = n(); i-- > 1;) {
      int32_t p = doc_.nodes[i].parent;
      if (p < 0) continue;
      chars_[p] += chars_[i];
      links_[p] += links_[i];
      commas_[p] += commas_[i];
      good_[p] += good_[i];
    }
    for (size_t i = 0; i < n(); ++i) {
      if (scored_[i]) score_[i] *= 1.0 - LinkDensity(static_cast<int32_t>(i));
    }
  }

  void Touch(int32_t i) {
    if (scored_[i]) return;
    scored_[i] = 1;
    const HtmlNode& nd = node(i);
    double base = 0;
    switch (nd.tag) {
      case HtmlTag::kDiv: base = 5; break;
      case HtmlTag::kArticle: base = 10; break;
      case HtmlTag::kMain: case HtmlTag::kSection:
      case HtmlTag::kPre: case HtmlTag::kTd: case HtmlTag::kBlockquote: base = 3; break;
      case HtmlTag::kAddress: case HtmlTag::kOl: case HtmlTag::kUl: case HtmlTag::kDl:
      case HtmlTag::kDd: case HtmlTag::kDt: case HtmlTag::kLi: case HtmlTag::kForm:
        base = -3;
        break;
      case HtmlTag::kH1: case HtmlTag::kH2: case HtmlTag::kH3: case HtmlTag::kH4:
      case HtmlTag::kH5: case HtmlTag::kH6: case HtmlTag::kTh:
        base = -5;
        break;
      case HtmlTag::kBody: case HtmlTag::kHtml: base = -20; break;
      default: break;
    }
    base += std::clamp<int>(nd.hint, -50, 50);
    if (nd.flags & kNodeArticleBody) base += 30;
    if (nd.roles & kHintRoleBody) base += 10;
    score_[i] = base;
  }

  // Marks blocks whose shingles mostly occur in the JSON-LD articleBody.
  void MatchArticleBody() {
    body_match_.assign(doc_.blocks.size(), 0.0f);
    if (article_body_.size() < 200) return;
    std::vector<uint64_t> body;
    AppendShingles(article_body_, body);
    std::sort(body.begin(), body.end());
    body.erase(std::unique(body.begin(), body.end()), body.end());
    if (body.size() < 20) return;
    std::vector<uint64_t> shingles;
    size_t matched_total = 0;
    for (size_t i = 0; i < doc_.blocks.size(); ++i) {
      const HtmlBlock& b = doc_.blocks[i];
      if (b.node < 0 || (node(b.node).ancestry & (kNodeHead | kNodeHidden))) continue;
      shingles.clear();
      AppendShingles(doc_.BlockText(b), shingles);
      if (shingles.empty()) continue;
      size_t hits = 0;
      for (uint64_t s : shingles) hits += std::binary_search(body.begin(), body.end(), s);
      body_match_[i] = static_cast<float>(hits) / shingles.size();
      if (body_match_[i] >= 0.5f) matched_total += hits;
    }
    body_coverage_ = static_cast<double>(matched_total) / body.size();
    use_body_ = body_coverage_ >= 0.3;
  }

  int32_t ChooseContainer() {
    int32_t top = -1;
    for (size_t i = 0; i < n(); ++i) {
      if (!scored_[i] || (doc_.nodes[i].ancestry & kChromeAncestry)) continue;
      if (top < 0 || score_[i] > score_[top]) top = static_cast<int32_t>(i);
    }
    if (top >= 0 && score_[top] <= 0) top = -1;

    if (top >= 0) {
      // Several near-best candidates under one ancestor: the article is
      // split (ads, "read more" breaks) and the ancestor holds all of it.
      std::vector<int32_t> alternatives;
      for (size_t i = 0; i < n(); ++i) {
        int32_t c = static_cast<int32_t>(i);
        if (c == top || !scored_[i] || score_[i] < 0.75 * score_[top]) continue;
        if (Contains(c, top) || Contains(top, c)) continue;
        if (doc_.nodes[i].ancestry & kChromeAncestry) continue;
        alternatives.push_back(c);
      }
      if (!alternatives.empty()) {
        for (int32_t a = node(top).parent; a >= 0; a = node(a).parent) {
          size_t inside = 0;
          uint64_t inside_good = good_[top];
          for (int32_t c : alternatives) {
            if (Contains(a, c)) {
              ++inside;
              inside_good += good_[c];
            }
          }
          // Two halves of one article: the ancestor adds little prose of
          // its own beyond them.
          bool halves = inside >= 1 && good_[a] * 4 <= inside_good * 5;
          if ((inside >= 2 && inside * 2 >= alternatives.size()) || halves) {
            if (node(a).tag != HtmlTag::kBody && node(a).tag != HtmlTag::kHtml) top = a;
            break;
          }
          if (node(top).depth - node(a).depth > 4) break;
        }
      }
      // The page's own marking of the article body wins when it holds most
      // of the prose the scoring found.
      for (size_t i = 0; i < n(); ++i) {
        const HtmlNode& nd = doc_.nodes[i];
        if (!(nd.flags & kNodeArticleBody) || (nd.ancestry & kChromeAncestry)) continue;
        int32_t c = static_cast<int32_t>(i);
        if (Contains(c, top)) {
          if (good_[top] >= 0.5 * good_[c]) top = c;
          break;
        }
        if (good_[c] >= 0.6 * good_[top]) {
          top = c;
          break;
        }
      }
    }

    if (use_body_) {
      // The smallest element holding nearly all blocks that the JSON-LD
      // articleBody confirms.
      std::vector<uint32_t>& matched = matched_;
      matched.assign(n(), 0);
      uint64_t total = 0;
      for (size_t i = 0; i < doc_.blocks.size(); ++i) {
        const HtmlBlock& b = doc_.blocks[i];
        if (b.node < 0 || body_match_[i] < 0.5f) continue;
        if (node(b.node).ancestry & kChromeAncestry) continue;
        matched[b.node] += b.chars;
        total += b.chars;
      }
      for (size_t i = n(); i-- > 1;) {
        int32_t p = doc_.nodes[i].parent;
        if (p >= 0) matched[p] += matched[i];
      }
      int32_t best = -1;
      for (size_t i = 0; i < n(); ++i) {
        if (total > 0 && matched[i] >= 0.85 * total &&
            (best < 0 || doc_.nodes[i].depth > node(best).depth)) {
          best = static_cast<int32_t>(i);
        }
      }
      if (best >= 0) {
        // A single block is a paragraph, not a container.
        if (IsBlockOnly(best) && node(best).parent >= 0) best = node(best).parent;
        top = best;
      }
    }
    return top;
  }

  bool IsBlockOnly(int32_t i) const {
    HtmlTag t = node(i).tag;
    return t == HtmlTag::kP || IsHeadingTag(t) || t == HtmlTag::kLi ||
           t == HtmlTag::kBlockquote || t == HtmlTag::kPre;
  }

  // The top container plus siblings that continue the article.
  std::vector<int32_t> WithSiblings(int32_t top) {
    std::vector<int32_t> roots;
    int32_t parent = node(top).parent;
    double threshold = std::max(10.0, score_[top] * 0.2);
    // Top-level elements (a fragment without <html>) are siblings too.
    uint32_t first = parent < 0 ? 0 : static_cast<uint32_t>(parent) + 1;
    uint32_t last = parent < 0 ? static_cast<uint32_t>(n()) : node(parent).end;
    for (uint32_t c = first; c < last; c = node(static_cast<int32_t>(c)).end) {
      int32_t ci = static_cast<int32_t>(c);
      if (ci == top) {
        roots.push_back(ci);
        continue;
      }
      const HtmlNode& nd = node(ci);
      if (nd.ancestry & (kChromeAncestry | kNodeHeader)) continue;
      if (nd.hint <= -25 || (nd.roles & (kHintRoleCaption | kHintRoleByline |
                                         kHintRoleDate | kHintRoleBreadcrumb |
                                         kHintRoleStandfirst | kHintRoleSection))) {
        continue;
      }
      if (IsHeadingTag(nd.tag)) continue;
      // With a JSON-LD articleBody to go by, a sibling must share its text.
      if (use_body_ && !matched_.empty() && matched_[ci] == 0) continue;
      bool include = false;
      if (scored_[ci] && score_[ci] >= threshold) include = true;
      if (!include && chars_[ci] > 0 && good_[ci] * 10 >= chars_[ci] * 8) {
        double density = LinkDensity(ci);
        if (chars_[ci] > 80 && density < 0.25) include = true;
        if (!include && density == 0 && nd.end_block > nd.first_block) {
          std::string_view text = doc_.BlockText(doc_.blocks[nd.end_block - 1]);
          include = !text.empty() && text.back() == '.';
        }
      }
      if (include) roots.push_back(ci);
    }
    return roots;
  }

  // Whether a node inside a chosen container is chrome. `root_good` is the
  // prose inside the container: a wrapper holding most of it is never
  // dropped on its class name alone (class names lie more often than
  // paragraph counts).
  bool DropNode(int32_t i, uint32_t root_good) const {
    const HtmlNode& nd = node(i);
    if (nd.flags & (kNodeNav | kNodeAside | kNodeFooter | kNodeFigure | kNodeCaption |
                    kNodeHidden | kNodeDialog | kNodeByline | kNodeDate | kNodeAddress)) {
      return !(good_[i] * 2 > root_good && (nd.flags & (kNodeAside | kNodeFooter)) == 0 &&
               (nd.flags & (kNodeHidden | kNodeFigure | kNodeCaption)) == 0);
    }
    if (nd.tag == HtmlTag::kH1 || nd.tag == HtmlTag::kForm) {
      return nd.tag == HtmlTag::kH1 || good_[i] * 2 <= root_good;
    }
    bool big = good_[i] * 2 > root_good && good_[i] > 0;
    if (nd.flags & kNodeHeader) return !big;
    // A quotation is content by its tag; embedded posts carry social class
    // names ("twitter-tweet") that would otherwise drop them.
    if (nd.hint <= -25 && !big && nd.tag != HtmlTag::kBlockquote) return true;
    // A role element is dropped unless its class names also call it content
    // ("entry-content summary"); a single block is dropped regardless, since
    // BEM prefixes ("article-chapo", "story__summary") add content weight to
    // what is plainly a dek, byline or kicker line.
    if ((nd.roles & (kHintRoleCaption | kHintRoleByline | kHintRoleDate |
                     kHintRoleBreadcrumb | kHintRoleHeadline | kHintRoleStandfirst |
                     kHintRoleSection)) &&
        !big && (nd.hint <= 0 || nd.end_block - nd.first_block <= 1)) {
      return true;
    }
    // Link-heavy containers and lists: related stories, tag clouds.
    // Prose with many commas is kept whatever its links (annotated lists).
    if (chars_[i] > 0 && !IsBlockOnly(i) && nd.tag != HtmlTag::kA && commas_[i] < 10) {
      double density = LinkDensity(i);
      bool list = nd.tag == HtmlTag::kUl || nd.tag == HtmlTag::kOl || nd.tag == HtmlTag::kDl;
      if (list && density > 0.35 && !big) return true;
      if (density > 0.5 && !big && good_[i] < 200) return true;
    }
    return false;
  }

  bool IsBylineLine(std::string_view text) const {
    if (text.size() > 120) return false;
    if (!StartsWithIgnoreCase(text, "by ")) return false;
    return !SplitByline(text, res_.byline_words).empty();
  }

  bool IsDateLine(std::string_view text) const {
    if (text.size() > 80) return false;
    return !FindDateInText(text).empty() && text.find(". ") == std::string_view::npos;
  }

  // A block too short and bare to be prose: "Advertisement", "Photo",
  // "Share", a lone name. Headings are judged separately.
  static bool IsFragment(const HtmlBlock& b, std::string_view text) {
    if (b.chars >= 40) return false;
    char last = text.empty() ? ' ' : text.back();
    bool punct = last == '.' || last == '!' || last == '?' || last == '"' || last == ':' ||
                 static_cast<unsigned char>(last) >= 0x80;
    size_t words = 1;
    for (char c : text) words += c == ' ';
    return !punct && words < 4;
  }

  void Collect(const std::vector<int32_t>& roots, Article& article) {
    std::vector<uint8_t> keep(n(), 0);
    uint32_t total_good = 0;
    for (int32_t r : roots) total_good += good_[r];
    struct Candidate {
      size_t block;
      std::string_view text;
    };
    std::vector<Candidate> out;
    for (int32_t r : roots) {
      keep[r] = 1;
      for (uint32_t i = static_cast<uint32_t>(r) + 1; i < node(r).end; ++i) {
        int32_t p = doc_.nodes[i].parent;
        keep[i] = (p >= 0 && keep[p] && !DropNode(static_cast<int32_t>(i), good_[r])) ? 1 : 0;
      }
      const HtmlNode& rn = node(r);
      for (uint32_t bi = rn.first_block; bi < rn.end_block; ++bi) {
        const HtmlBlock& b = doc_.blocks[bi];
        if (b.node < 0 || !Contains(r, b.node) || !keep[b.node]) continue;
        out.push_back(Candidate{bi, doc_.BlockText(b)});
      }
    }

    // Only a complete articleBody may veto blocks: publishers often put a
    // teaser or the first paragraphs there ("..." at the end).
    std::string_view body = TrimAscii(article_body_);
    bool truncated = EndsWithIgnoreCase(body, "...") || EndsWithIgnoreCase(body, "…");
    bool confirm = use_body_ && body_coverage_ >= 0.8 && !truncated &&
                   body.size() >= 0.9 * total_good;
    std::unordered_set<std::string_view> seen;
    uint32_t kept_chars = 0;
    for (size_t k = 0; k < out.size(); ++k) {
      const HtmlBlock& b = doc_.blocks[out[k].block];
      std::string_view text = out[k].text;
      bool confirmed = body_match_[out[k].block] >= 0.5f;
      bool heading = IsHeadingTag(b.kind);
      if (b.kind == HtmlTag::kH1 || b.caption) continue;
      if (!headline_.empty() && EqualsIgnoreCase(text, headline_)) continue;
      if (!confirmed) {
        if (confirm && !heading) continue;
        if (BlockLinkDensity(b) > 0.5) continue;
        if (res_.boilerplate.IsEndMarker(text) && kept_chars * 3 >= total_good) break;
        if (res_.boilerplate.IsChrome(text)) continue;
        if (IsBylineLine(text) || IsDateLine(text)) continue;
        if (!heading && IsFragment(b, text)) continue;
      }
      if (!seen.insert(text).second) continue;
      kept_chars += b.chars;
      article.paragraphs.emplace_back(text);
    }
    // Trailing headings introduce nothing.
    while (!article.paragraphs.empty()) {
      std::string_view last = article.paragraphs.back();
      bool trailing_heading = false;
      for (size_t k = out.size(); k-- > 0;) {
        if (out[k].text == last) {
          trailing_heading = IsHeadingTag(doc_.blocks[out[k].block].kind);
          break;
        }
      }
      if (!trailing_heading) break;
      article.paragraphs.pop_back();
    }
  }

  void Fallback(Article& article) {
    std::unordered_set<std::string_view> seen;
    for (const HtmlBlock& b : doc_.blocks) {
      // Text outside any element (a fragment without markup) counts too.
      if (b.node >= 0 && (!IsProse(b) || (node(b.node).ancestry & kNodeHeader))) continue;
      if (b.chars < 25 || b.caption || BlockLinkDensity(b) > 0.3) continue;
      if (b.sentences == 0 && b.commas == 0) continue;
      std::string_view text = doc_.BlockText(b);
      if (res_.boilerplate.IsChrome(text)) continue;
      if (!seen.insert(text).second) continue;
      article.paragraphs.emplace_back(text);
    }
  }

  const HtmlDocument& doc_;
  const IngestResources::Impl& res_;
  std::string_view headline_;
  std::string_view article_body_;
  std::vector<uint32_t> chars_, links_, good_, commas_;
  std::vector<double> score_;
  std::vector<uint8_t> scored_;
  std::vector<uint8_t> unlikely_;
  bool ignore_unlikely_ = true;
  std::vector<float> body_match_;
  std::vector<uint32_t> matched_;  // per node: prose confirmed by articleBody
  double body_coverage_ = 0;
  bool use_body_ = false;
};

// Page chrome that never holds the article's own metadata.
constexpr uint32_t kChromeMeta = kNodeNav | kNodeFooter | kNodeAside | kNodeHidden;

// A section label as printed: short, no sentence, not the headline. A
// leading "Section:" label is dropped (Drupal prints field labels).
std::string CleanSection(std::string_view text, std::string_view headline) {
  std::string s = CollapseWhitespace(text);
  size_t colon = s.find(':');
  if (colon != std::string::npos && CountWords(std::string_view(s).substr(0, colon)) <= 2) {
    s = std::string(TrimAscii(std::string_view(s).substr(colon + 1)));
  }
  if (s.empty() || s.size() > 40 || CountWords(s) > 4) return "";
  if (EqualsIgnoreCase(s, headline) || EqualsIgnoreCase(s, "home")) return "";
  for (char c : s) {
    if (c == '.' || c == '!' || c == '?' || c == '|' || (c >= '0' && c <= '9')) return "";
  }
  return s;
}

// The first role text carrying `flag` (a node flag) or `hint` (a hint
// role) outside page chrome that reads as a section label.
std::string FindSection(const HtmlDocument& doc, std::string_view headline, uint32_t flag,
                        uint16_t hint) {
  for (const HtmlRoleText& r : doc.role_texts) {
    if (!((r.roles & flag) || (r.hint_roles & hint))) continue;
    if (doc.nodes[r.node].ancestry & kChromeMeta) continue;
    std::string s = CleanSection(r.text, headline);
    if (!s.empty()) return s;
  }
  return "";
}

// The most specific level of the page's first breadcrumb trail ("Home >
// World > Africa" -> "Africa"): its last link that is not the article
// itself. Trails sit in <nav> often, so chrome is not excluded here.
std::string FindBreadcrumbSection(const HtmlDocument& doc, std::string_view headline) {
  int32_t root = -1;
  std::string best;
  for (const HtmlRoleText& r : doc.role_texts) {
    if (!(r.roles & kNodeBreadcrumb) || r.node < 0) continue;
    if (root < 0) {
      root = r.node;
      while (root >= 0 && !(doc.nodes[root].flags & kNodeBreadcrumb)) root = doc.nodes[root].parent;
      if (root < 0) return "";
    } else if (static_cast<uint32_t>(r.node) >= doc.nodes[root].end) {
      break;
    }
    std::string s = CleanSection(r.text, headline);
    if (!s.empty()) best = std::move(s);
  }
  return best;
}

// A date printed on its own short line between the headline and the body
// ("Updated: April 14, 2025", "Published 5 March 2025, 14:30 GMT"), for
// pages that mark neither the line nor the date.
std::string FindDateLineNearHeadline(const HtmlDocument& doc) {
  int32_t h1 = -1;
  for (const HtmlRoleText& r : doc.role_texts) {
    if (doc.nodes[r.node].tag == HtmlTag::kH1 && !r.text.empty()) {
      h1 = r.node;
      break;
    }
  }
  if (h1 < 0) return "";
  uint32_t after = doc.nodes[h1].end;
  int seen = 0;
  for (const HtmlBlock& b : doc.blocks) {
    if (b.node < 0 || static_cast<uint32_t>(b.node) < after) continue;
    if (doc.nodes[b.node].ancestry & kChromeMeta) continue;
    std::string_view text = doc.BlockText(b);
    // The body has begun: a date further down is a date in the story.
    if (b.chars >= 150 || ++seen > 6) break;
    if (text.size() > 100) continue;
    std::string date = FindDateInText(text);
    if (!date.empty()) return date;
  }
  return "";
}

void FillMetadata(const HtmlDocument& doc, const JsonLdArticle& ld, const BylineWords& words,
                  Article& a) {
  std::string_view site = FindMeta(doc, "og:site_name");
  std::string_view og_title = FindMeta(doc, "og:title");
  if (og_title.empty()) og_title = FindMeta(doc, "twitter:title");
  std::string h1;
  for (const HtmlRoleText& r : doc.role_texts) {
    if (doc.nodes[r.node].tag == HtmlTag::kH1 && !r.text.empty()) {
      h1 = r.text;
      break;
    }
  }
  if (!og_title.empty()) {
    a.headline = StripTitleSuffix(og_title, site, /*aggressive=*/false);
  } else if (!ld.headline.empty()) {
    a.headline = ld.headline;
  } else if (!h1.empty()) {
    a.headline = h1;
  } else {
    a.headline = StripTitleSuffix(doc.title, site, /*aggressive=*/true);
  }

  a.section = std::string(FindMeta(doc, "article:section"));
  if (a.section.empty()) a.section = ld.section;
  if (a.section.empty()) a.section = std::string(FindMeta(doc, "articlesection"));
  if (a.section.empty()) a.section = FindSection(doc, a.headline, kNodeSection, 0);
  if (a.section.empty()) a.section = FindBreadcrumbSection(doc, a.headline);
  if (a.section.empty()) a.section = FindSection(doc, a.headline, 0, kHintRoleSection);

  for (std::string_view key : {"author", "article:author", "byl", "parsely-author",
                               "dc.creator", "sailthru.author"}) {
    if (!ld.authors.empty()) break;
    AddNames(a.byline, FindMeta(doc, key), words);
    if (!a.byline.empty()) break;
  }
  if (a.byline.empty()) {
    for (const std::string& name : ld.authors) AddNames(a.byline, name, words);
  }
  if (a.byline.empty()) {
    for (const std::string& link : doc.author_links) AddNames(a.byline, link, words);
  }
  if (a.byline.empty()) {
    for (const HtmlRoleText& r : doc.role_texts) {
      if (((r.roles & kNodeByline) || (r.hint_roles & kHintRoleByline)) && r.text.size() < 200) {
        AddNames(a.byline, r.text, words);
        if (!a.byline.empty()) break;
      }
    }
  }
  if (a.byline.empty()) {
    // Links to author pages: the first outside page chrome, and the links
    // beside it ("Par <a>A</a> et <a>B</a>"); later ones belong to teasers.
    int32_t parent = -2;
    for (const HtmlRoleText& r : doc.role_texts) {
      if (!(r.roles & kNodeAuthorHref) || (doc.nodes[r.node].ancestry & kChromeMeta)) continue;
      if (parent != -2 && doc.nodes[r.node].parent != parent) break;
      size_t before = a.byline.size();
      AddNames(a.byline, r.text, words);
      if (parent == -2 && a.byline.size() > before) parent = doc.nodes[r.node].parent;
    }
  }

  for (std::string_view key : {"article:published_time", "og:article:published_time",
                               "datepublished", "date", "pubdate", "publishdate",
                               "dc.date.issued", "dc.date", "sailthru.date",
                               "parsely-pub-date", "article.published"}) {
    std::string_view v = FindMeta(doc, key);
    if (!v.empty()) {
      a.published = std::string(v);
      break;
    }
  }
  if (a.published.empty()) a.published = ld.published;
  if (a.published.empty()) {
    for (const HtmlRoleText& r : doc.role_texts) {
      if ((r.roles & kNodeDate) && !r.datetime.empty()) {
        a.published = r.datetime;
        break;
      }
    }
  }
  if (a.published.empty()) {
    for (const HtmlRoleText& r : doc.role_texts) {
      if (((r.roles & (kNodeDate | kNodeByline)) ||
           (r.hint_roles & (kHintRoleDate | kHintRoleByline))) &&
          !r.text.empty()) {
        std::string date = FindDateInText(r.text);
        if (!date.empty()) {
          a.published = date;
          break;
        }
      }
    }
  }

  if (a.published.empty()) a.published = FindDateLineNearHeadline(doc);

  for (std::string_view key : {"og:description", "description", "twitter:description"}) {
    std::string_view v = FindMeta(doc, key);
    if (!v.empty()) {
      a.standfirst = std::string(v);
      break;
    }
  }
  if (a.standfirst.empty()) a.standfirst = ld.description;
  if (a.standfirst.empty()) {
    for (const HtmlRoleText& r : doc.role_texts) {
      if ((r.hint_roles & kHintRoleStandfirst) && r.text.size() >= 20) {
        a.standfirst = r.text;
        break;
      }
    }
  }

  a.language = doc.lang;
  if (a.language.empty()) a.language = ld.language;
  if (a.language.empty()) a.language = std::string(FindMeta(doc, "og:locale"));

  for (const HtmlRoleText& r : doc.role_texts) {
    bool caption = (r.roles & kNodeCaption) || (r.hint_roles & kHintRoleCaption);
    if (!caption || r.text.empty() || a.captions.size() >= 64) continue;
    if (std::find(a.captions.begin(), a.captions.end(), r.text) == a.captions.end()) {
      a.captions.push_back(r.text);
    }
  }
  // A credit marked inside a caption ("<figcaption>... <span class=credit>")
  // is part of that caption, not another one.
  std::vector<std::string> whole;
  for (const std::string& c : a.captions) {
    bool inside = false;
    for (const std::string& other : a.captions) {
      inside |= other.size() > c.size() && other.find(c) != std::string::npos;
    }
    if (!inside) whole.push_back(c);
  }
  a.captions = std::move(whole);
}

}  // namespace

Article ExtractHtmlArticle(const Page& page, const IngestResources::Impl& resources) {
  Article article;
  HtmlDocument doc = BuildHtmlDocument(page.body, resources.html_hints);
  JsonLdArticle ld;
  size_t malformed = 0;
  for (const std::string& script : doc.json_ld) {
    if (!ParseJsonLdArticle(script, &ld)) ++malformed;
  }
  if (malformed > 0) article.diagnostics.push_back("malformed JSON-LD ignored");
  if (doc.truncated) article.diagnostics.push_back("page too large; extraction truncated");
  FillMetadata(doc, ld, resources.byline_words, article);

  ContentSelector selector(doc, resources, article.headline, ld.body);
  selector.Run(article);
  if (!article.paragraphs.empty()) article.dateline = FindDateline(article.paragraphs.front(), resources.byline_words);
  return article;
}

}  // namespace khaldun
