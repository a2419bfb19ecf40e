// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one Page per item or entry.
//
// libxml2 parses the whole feed (feeds are small and bounded by
// max_input_bytes) in recovery mode, so a feed with a stray '&' still
// yields its items. Security: no XML_PARSE_NOENT and no DTD loading, so
// external entities (XXE) are never fetched or read, and the text walk
// below never expands a user-defined entity more than once per reference
// and never past a byte budget, so billion-laughs payloads stay small.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <array>
#include <climits>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "ingest/html_tokenizer.h"
#include "ingest/reader_util.h"
#include "ingest/readers.h"

namespace khaldun {
namespace {

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kContentNs =
    "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDublinCoreNs = "http://purl.org/dc/elements/1.1/";

// Deeper markup than this inside one feed element is not an article.
constexpr int kMaxDepth = 64;

// HTML entities RSS 0.91 feeds use without declaring them (their DTD is
// never loaded). Undeclared, libxml2 keeps them as references.
struct NamedEntity {
  std::string_view name;
  std::string_view utf8;
};
constexpr std::array<NamedEntity, 14> kHtmlEntities = {{
    {"nbsp", "\xC2\xA0"},
    {"ndash", "\xE2\x80\x93"},
    {"mdash", "\xE2\x80\x94"},
    {"lsquo", "\xE2\x80\x98"},
    {"rsquo", "\xE2\x80\x99"},
    {"ldquo", "\xE2\x80\x9C"},
    {"rdquo", "\xE2\x80\x9D"},
    {"hellip", "\xE2\x80\xA6"},
    {"copy", "\xC2\xA9"},
    {"reg", "\xC2\xAE"},
    {"trade", "\xE2\x84\xA2"},
    {"eacute", "\xC3\xA9"},
    {"laquo", "\xC2\xAB"},
    {"raquo", "\xC2\xBB"},
}};

std::string_view View(const xmlChar* s) {
  return s == nullptr ? std::string_view()
                      : std::string_view(reinterpret_cast<const char*>(s));
}

// The local part of an element name. Without a namespace declaration,
// libxml2 keeps "content:encoded" whole; with one, name is the local part.
std::string_view LocalName(const xmlNode* node) {
  std::string_view name = View(node->name);
  size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view Prefix(const xmlNode* node) {
  if (node->ns != nullptr) return View(node->ns->prefix);
  std::string_view name = View(node->name);
  size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? std::string_view()
                                         : name.substr(0, colon);
}

std::string_view NamespaceUri(const xmlNode* node) {
  return node->ns == nullptr ? std::string_view() : View(node->ns->href);
}

bool IsElement(const xmlNode* node, std::string_view local) {
  return node->type == XML_ELEMENT_NODE && LocalName(node) == local;
}

// An element of the feed's own vocabulary: no prefix (RSS), or Atom's
// namespace under any prefix.
bool IsCore(const xmlNode* node, std::string_view local) {
  return IsElement(node, local) &&
         (Prefix(node).empty() || NamespaceUri(node) == kAtomNs);
}

// An element of an extension namespace, known by URI or usual prefix.
bool IsExtension(const xmlNode* node, std::string_view local,
                 std::string_view ns, std::string_view usual_prefix) {
  return IsElement(node, local) &&
         (NamespaceUri(node) == ns || Prefix(node) == usual_prefix);
}

std::string Attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "";
  std::string out(View(value));
  xmlFree(value);
  return out;
}

// Text of an entity reference that is safe to inline: a known HTML entity,
// or an internal entity whose replacement text is plain (no further
// references, no markup), charged to `budget`.
void AppendEntity(const xmlNode* node, std::string& out, size_t& budget) {
  std::string_view name = View(node->name);
  const auto* entity = reinterpret_cast<const xmlEntity*>(node->children);
  if (entity != nullptr && entity->type == XML_ENTITY_DECL &&
      entity->etype == XML_INTERNAL_GENERAL_ENTITY) {
    std::string_view text = View(entity->content);
    if (text.find_first_of("&<") == std::string_view::npos &&
        text.size() <= budget) {
      out += text;
      budget -= text.size();
    }
    return;
  }
  for (const NamedEntity& known : kHtmlEntities) {
    if (name == known.name) {
      out += known.utf8;
      return;
    }
  }
}

void AppendText(const xmlNode* parent, std::string& out, size_t& budget,
                int depth) {
  for (const xmlNode* node = parent->children; node != nullptr;
       node = node->next) {
    switch (node->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        out += View(node->content);
        break;
      case XML_ENTITY_REF_NODE:
        AppendEntity(node, out, budget);
        break;
      case XML_ELEMENT_NODE:
        if (depth < kMaxDepth) AppendText(node, out, budget, depth + 1);
        break;
      default:
        break;
    }
  }
}

// `budget` is shared by every field of a feed: each reference is short,
// but a feed of many references to one large entity must still stay
// linear in its size.
std::string TextOf(const xmlNode* node, size_t* budget) {
  std::string out;
  AppendText(node, out, *budget, 0);
  return out;
}

bool HasElementChild(const xmlNode* node) {
  for (const xmlNode* child = node->children; child != nullptr;
       child = child->next) {
    if (child->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

// The children of `node` as markup: Atom xhtml content, or HTML a feed
// put into <description> unescaped. xmlNodeDump writes entity references
// as "&name;", never their expansion.
std::string InnerMarkup(xmlDoc* doc, xmlNode* node) {
  std::string out;
  xmlBuffer* buffer = xmlBufferCreate();
  if (buffer == nullptr) return out;
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    xmlBufferEmpty(buffer);
    if (xmlNodeDump(buffer, doc, child, 0, 0) >= 0) {
      out += View(xmlBufferContent(buffer));
    }
  }
  xmlBufferFree(buffer);
  return out;
}

// Whether `s` is HTML escaped once more than it should be ("&lt;p&gt;"
// after XML decoding): some feeds escape their description twice.
bool LooksDoublyEscaped(std::string_view s) {
  size_t at = s.find("&lt;");
  if (at == std::string_view::npos) return false;
  std::string unescaped = "<" + std::string(s.substr(at + 4, 16));
  size_t gt = unescaped.find("&gt;");
  if (gt != std::string::npos) unescaped.replace(gt, 4, ">");
  return ContainsHtmlMarkup(unescaped);
}

std::string UnescapeOnce(std::string_view s) {
  static constexpr std::array<NamedEntity, 5> kXmlEntities = {{{"&lt;", "<"},
                                                               {"&gt;", ">"},
                                                               {"&quot;", "\""},
                                                               {"&#39;", "'"},
                                                               {"&amp;", "&"}}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&') {
      for (const NamedEntity& entity : kXmlEntities) {
        if (s.substr(i, entity.name.size()) == entity.name) {
          out += entity.utf8;
          i += entity.name.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

struct Body {
  std::string text;
  bool html = false;
};

// The body of a content-bearing element (content:encoded, description,
// Atom content or summary).
Body BodyOf(xmlDoc* doc, xmlNode* node, size_t* budget) {
  Body body;
  std::string type = AsciiLowerCopy(Attribute(node, "type"));
  if (type == "xhtml" || HasElementChild(node)) {
    body.text = InnerMarkup(doc, node);
    body.html = true;
    return body;
  }
  body.text = TextOf(node, budget);
  if (type == "html" || type == "text/html" || ContainsHtmlMarkup(body.text)) {
    body.html = true;
  } else if (LooksDoublyEscaped(body.text)) {
    body.text = UnescapeOnce(body.text);
    body.html = true;
  }
  return body;
}

// "jane@example.org (Jane Doe)", RSS 2.0's author form, to "Jane Doe".
std::string AuthorName(std::string_view author) {
  author = TrimAscii(author);
  size_t open = author.find('(');
  size_t close = author.rfind(')');
  if (author.find('@') != std::string_view::npos &&
      open != std::string_view::npos && close != std::string_view::npos &&
      close > open) {
    return std::string(TrimAscii(author.substr(open + 1, close - open - 1)));
  }
  return std::string(author);
}

void AddAuthor(std::string name, std::vector<std::string>& authors) {
  name = CollapseWhitespace(name);
  if (name.empty()) return;
  for (const std::string& seen : authors) {
    if (seen == name) return;
  }
  authors.push_back(std::move(name));
}

struct ItemContext {
  xmlDoc* doc;
  std::string language;  // the channel's or feed's, when the item has none
  size_t* budget;        // bytes of entity text the whole feed may add
};

// An RSS 2.0 or RSS 1.0 item. Returns false when it has no body.
bool RssItemToPage(xmlNode* item, const ItemContext& context, Page& page) {
  Body encoded, description;
  std::string guid, dc_date, pub_date, dc_subject;
  bool guid_is_link = true;
  for (xmlNode* node = item->children; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (IsCore(node, "title") && page.title.empty()) {
      page.title = TextOf(node, context.budget);
    } else if (IsCore(node, "link") && page.url.empty()) {
      page.url = std::string(TrimAscii(TextOf(node, context.budget)));
      if (page.url.empty()) page.url = Attribute(node, "href");
    } else if (IsCore(node, "guid")) {
      guid = std::string(TrimAscii(TextOf(node, context.budget)));
      guid_is_link = AsciiLowerCopy(Attribute(node, "isPermaLink")) != "false";
    } else if (IsCore(node, "pubDate")) {
      pub_date = TextOf(node, context.budget);
    } else if (IsCore(node, "author")) {
      AddAuthor(AuthorName(TextOf(node, context.budget)), page.authors);
    } else if (IsCore(node, "category") && page.section.empty()) {
      page.section = TextOf(node, context.budget);
    } else if (IsCore(node, "description") && description.text.empty()) {
      description = BodyOf(context.doc, node, context.budget);
    } else if (IsExtension(node, "encoded", kContentNs, "content") &&
               encoded.text.empty()) {
      encoded = BodyOf(context.doc, node, context.budget);
      // content:encoded is HTML by definition, markup or not.
      encoded.html = true;
    } else if (IsExtension(node, "creator", kDublinCoreNs, "dc")) {
      AddAuthor(TextOf(node, context.budget), page.authors);
    } else if (IsExtension(node, "date", kDublinCoreNs, "dc")) {
      dc_date = TextOf(node, context.budget);
    } else if (IsExtension(node, "subject", kDublinCoreNs, "dc") &&
               dc_subject.empty()) {
      dc_subject = TextOf(node, context.budget);
    } else if (IsExtension(node, "language", kDublinCoreNs, "dc")) {
      page.language = TextOf(node, context.budget);
    }
  }
  if (page.url.empty() && guid_is_link &&
      (StartsWithIgnoreCase(guid, "http://") ||
       StartsWithIgnoreCase(guid, "https://"))) {
    page.url = guid;
  }
  if (page.url.empty())
    page.url = Attribute(item, "about");  // RSS 1.0 rdf:about
  page.published = !pub_date.empty() ? pub_date : dc_date;
  if (page.section.empty()) page.section = dc_subject;
  if (page.language.empty()) page.language = context.language;

  Body* body = !TrimAscii(encoded.text).empty() ? &encoded : &description;
  if (TrimAscii(body->text).empty()) return false;
  if (body == &encoded && !description.html)
    page.description = description.text;
  page.body = std::move(body->text);
  page.kind = body->html ? PageKind::kHtml : PageKind::kCleanText;
  return true;
}

// An Atom entry. Returns false when it has no body.
bool AtomEntryToPage(xmlNode* entry, const ItemContext& context, Page& page) {
  Body content, summary;
  std::string published, updated, first_link;
  for (xmlNode* node = entry->children; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (IsCore(node, "title") && page.title.empty()) {
      page.title = TextOf(node, context.budget);
    } else if (IsCore(node, "link")) {
      std::string rel = Attribute(node, "rel");
      std::string href = std::string(TrimAscii(Attribute(node, "href")));
      if (first_link.empty()) first_link = href;
      if ((rel.empty() || rel == "alternate") && page.url.empty())
        page.url = href;
    } else if (IsCore(node, "published")) {
      published = TextOf(node, context.budget);
    } else if (IsCore(node, "updated")) {
      updated = TextOf(node, context.budget);
    } else if (IsCore(node, "author")) {
      for (xmlNode* part = node->children; part != nullptr; part = part->next) {
        if (IsCore(part, "name"))
          AddAuthor(TextOf(part, context.budget), page.authors);
      }
    } else if (IsCore(node, "category") && page.section.empty()) {
      page.section = Attribute(node, "label");
      if (page.section.empty()) page.section = Attribute(node, "term");
    } else if (IsCore(node, "content") && content.text.empty()) {
      // Out-of-line content (src=) has nothing to read here.
      if (Attribute(node, "src").empty())
        content = BodyOf(context.doc, node, context.budget);
    } else if (IsCore(node, "summary") && summary.text.empty()) {
      summary = BodyOf(context.doc, node, context.budget);
    }
  }
  if (page.url.empty()) page.url = first_link;
  page.published = !published.empty() ? published : updated;
  page.language = Attribute(entry, "lang");  // xml:lang
  if (page.language.empty()) page.language = context.language;

  Body* body = !TrimAscii(content.text).empty() ? &content : &summary;
  if (TrimAscii(body->text).empty()) return false;
  if (body == &content && !summary.html) page.description = summary.text;
  page.body = std::move(body->text);
  page.kind = body->html ? PageKind::kHtml : PageKind::kCleanText;
  return true;
}

// The first libxml2 error, which names the real problem; later ones in
// recovery mode are consequences.
struct FirstError {
  bool seen = false;
  std::string message;
  int line = 0;
};

void RecordError(void* user_data, xmlErrorPtr error) {
  // libxml2 passes the parser context as user data for parser errors.
  auto* context = static_cast<xmlParserCtxt*>(user_data);
  if (context == nullptr || context->_private == nullptr || error == nullptr)
    return;
  auto* first = static_cast<FirstError*>(context->_private);
  if (first->seen || error->level < XML_ERR_ERROR) return;
  first->seen = true;
  first->message = std::string(
      TrimAscii(View(reinterpret_cast<const xmlChar*>(error->message))));
  first->line = error->line;
}

Status MalformedXml(const FirstError& error) {
  if (!error.seen) return Status::Corruption("malformed XML: no root element");
  return Status::Corruption("malformed XML: " + error.message + " at line " +
                            std::to_string(error.line));
}

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ContextDeleter {
  void operator()(xmlParserCtxt* context) const { xmlFreeParserCtxt(context); }
};

// Items of an unknown root, for recovered documents whose root got lost.
void FindItems(xmlNode* parent, int depth, std::vector<xmlNode*>& items) {
  for (xmlNode* node = parent->children; node != nullptr; node = node->next) {
    if (IsElement(node, "item") || IsElement(node, "entry")) {
      items.push_back(node);
    } else if (node->type == XML_ELEMENT_NODE && depth < 3) {
      FindItems(node, depth + 1, items);
    }
  }
}

// Feeds routinely use HTML's named references (&nbsp;, &mdash;, &eacute;)
// without declaring them, which XML forbids: libxml2 then drops them and
// "Kharkiv&nbsp;region" would read "Kharkivregion". Before parsing, every
// reference to a name that is neither one of XML's five nor declared in
// the internal DTD subset, but is an HTML named reference, is rewritten as
// numeric references. CDATA sections, comments and the doctype are left
// alone. Returns false (and leaves *out alone) when nothing needs it.
bool RewriteHtmlEntities(std::string_view xml, std::string* out) {
  static constexpr std::string_view kXmlNames[] = {"lt", "gt", "amp", "quot", "apos"};
  std::vector<std::string_view> declared;
  size_t copied = 0;
  bool changed = false;
  size_t i = 0;
  while (i < xml.size()) {
    size_t next = xml.find_first_of("&<", i);
    if (next == std::string_view::npos) break;
    i = next;
    if (xml[i] == '<') {
      std::string_view rest = xml.substr(i);
      std::string_view close;
      if (rest.substr(0, 9) == "<![CDATA[") {
        close = "]]>";
      } else if (rest.substr(0, 4) == "<!--") {
        close = "-->";
      } else if (StartsWithIgnoreCase(rest, "<!doctype")) {
        // The internal subset may declare entities: remember their names.
        size_t end = rest.find(']');
        size_t gt = rest.find('>');
        size_t subset = rest.find('[');
        if (subset != std::string_view::npos && subset < gt && end != std::string_view::npos) {
          std::string_view body = rest.substr(subset, end - subset);
          for (size_t e = body.find("<!ENTITY"); e != std::string_view::npos;
               e = body.find("<!ENTITY", e + 8)) {
            size_t name_begin = body.find_first_not_of(" \t\r\n%", e + 8);
            if (name_begin == std::string_view::npos) break;
            size_t name_end = body.find_first_of(" \t\r\n", name_begin);
            declared.push_back(body.substr(name_begin, name_end - name_begin));
          }
          gt = rest.find('>', end);
        }
        i = gt == std::string_view::npos ? xml.size() : i + gt + 1;
        continue;
      } else {
        ++i;
        continue;
      }
      size_t end = rest.find(close);
      i = end == std::string_view::npos ? xml.size() : i + end + close.size();
      continue;
    }
    // A reference: '&' name ';'.
    size_t name_end = i + 1;
    while (name_end < xml.size() && name_end - i <= 32 &&
           ((xml[name_end] >= 'a' && xml[name_end] <= 'z') ||
            (xml[name_end] >= 'A' && xml[name_end] <= 'Z') ||
            (xml[name_end] >= '0' && xml[name_end] <= '9' && name_end > i + 1))) {
      ++name_end;
    }
    if (name_end == i + 1 || name_end >= xml.size() || xml[name_end] != ';') {
      ++i;
      continue;
    }
    std::string_view name = xml.substr(i + 1, name_end - i - 1);
    bool keep = false;
    for (std::string_view known : kXmlNames) keep = keep || name == known;
    for (std::string_view known : declared) keep = keep || name == known;
    std::string decoded;
    if (!keep) AppendDecodedHtml(xml.substr(i, name_end + 1 - i), false, decoded);
    // Only a reference the table knows whole counts: "&notit;" decodes by
    // HTML's legacy prefix rule to U+00AC + "it;", which XML would not do.
    bool whole_match = !decoded.empty() && decoded[0] != '&' &&
                       !(decoded.size() > 1 && decoded.back() == ';');
    if (keep || !whole_match) {
      i = name_end + 1;
      continue;
    }
    if (!changed) {
      out->clear();
      out->reserve(xml.size() + 64);
      changed = true;
    }
    out->append(xml.data() + copied, i - copied);
    for (size_t pos = 0; pos < decoded.size();) {
      char32_t cp = NextCodePoint(decoded, &pos);
      char hex[16];
      std::snprintf(hex, sizeof hex, "&#x%X;", static_cast<unsigned>(cp));
      out->append(hex);
    }
    i = name_end + 1;
    copied = i;
  }
  if (changed) out->append(xml.data() + copied, xml.size() - copied);
  return changed;
}

}  // namespace

Status ReadFeedPages(const std::string& path, std::string_view xml,
                     const IngestOptions& options, const PageCallback& on_page,
                     const ErrorCallback& on_error) {
  if (xml.size() > options.max_input_bytes ||
      xml.size() > static_cast<size_t>(INT_MAX)) {
    return Status::TooLarge(LargerThanBoundMessage(options.max_input_bytes));
  }
  // White space before the XML declaration is a fatal error to libxml2
  // and a common scraper artefact.
  std::string_view trimmed = xml;
  if (trimmed.substr(0, 3) == "\xEF\xBB\xBF") trimmed.remove_prefix(3);
  while (!trimmed.empty() &&
         (trimmed.front() == ' ' || trimmed.front() == '\t' ||
          trimmed.front() == '\r' || trimmed.front() == '\n')) {
    trimmed.remove_prefix(1);
  }
  if (trimmed.empty()) return Status::Corruption("empty input");
  if (xml.substr(0, 2) == "\xFF\xFE" || xml.substr(0, 2) == "\xFE\xFF")
    trimmed = xml;

  std::string rewritten;
  if (RewriteHtmlEntities(trimmed, &rewritten)) trimmed = rewritten;

  static std::once_flag init_once;
  std::call_once(init_once, [] { xmlInitParser(); });

  std::unique_ptr<xmlParserCtxt, ContextDeleter> context(xmlNewParserCtxt());
  if (context == nullptr)
    return Status::Internal("libxml2 could not allocate a parser");
  FirstError first_error;
  context->_private = &first_error;
  context->sax->serror = RecordError;
  // No XML_PARSE_NOENT (entity substitution), XML_PARSE_DTDLOAD or
  // XML_PARSE_HUGE: see the file comment.
  const int parse_options = XML_PARSE_RECOVER | XML_PARSE_NONET |
                            XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                            XML_PARSE_NOCDATA;
  std::unique_ptr<xmlDoc, DocDeleter> doc(xmlCtxtReadMemory(
      context.get(), trimmed.data(), static_cast<int>(trimmed.size()), nullptr,
      nullptr, parse_options));
  xmlNode* root = doc == nullptr ? nullptr : xmlDocGetRootElement(doc.get());
  if (root == nullptr) return MalformedXml(first_error);

  std::string_view root_name = LocalName(root);
  if (EqualsIgnoreCase(root_name, "html")) {
    // Detected as XML (an XHTML page with an XML declaration): a page.
    Result<std::string> utf8 = ToUtf8(std::string(xml), "");
    if (!utf8.ok()) return utf8.status();
    Page page;
    page.source_file = path;
    page.kind = PageKind::kHtml;
    page.body = std::move(*utf8);
    on_page(std::move(page));
    return Status::Ok();
  }

  std::vector<xmlNode*> items;
  std::string language;
  size_t no_entities = 0;
  bool atom = false;
  if (root_name == "rss") {
    for (xmlNode* node = root->children; node != nullptr; node = node->next) {
      if (!IsElement(node, "channel")) continue;
      for (xmlNode* child = node->children; child != nullptr;
           child = child->next) {
        if (IsCore(child, "item")) items.push_back(child);
        if (IsCore(child, "language") && language.empty())
          language = TextOf(child, &no_entities);
      }
    }
    // RSS 0.9x variants put items next to the channel.
    for (xmlNode* node = root->children; node != nullptr; node = node->next) {
      if (IsCore(node, "item")) items.push_back(node);
    }
  } else if (root_name == "RDF") {
    for (xmlNode* node = root->children; node != nullptr; node = node->next) {
      if (IsElement(node, "item")) items.push_back(node);
      if (IsElement(node, "channel")) {
        for (xmlNode* child = node->children; child != nullptr;
             child = child->next) {
          if (IsExtension(child, "language", kDublinCoreNs, "dc"))
            language = TextOf(child, &no_entities);
        }
      }
    }
  } else if (root_name == "feed") {
    atom = true;
    language = Attribute(root, "lang");
    for (xmlNode* node = root->children; node != nullptr; node = node->next) {
      if (IsCore(node, "entry")) items.push_back(node);
    }
  } else {
    FindItems(root, 0, items);
    if (items.empty()) {
      if (first_error.seen) return MalformedXml(first_error);
      return Status::Unsupported("an XML document with root <" +
                                 std::string(root_name) +
                                 ">, not an RSS or Atom feed");
    }
    atom = IsElement(items.front(), "entry");
  }
  if (items.empty() && first_error.seen) return MalformedXml(first_error);

  // Entity text one field may add: at most the size of the feed itself.
  size_t entity_budget = xml.size();
  ItemContext item_context{doc.get(), std::string(TrimAscii(language)),
                           &entity_budget};
  uint64_t number = 0;
  for (xmlNode* item : items) {
    ++number;
    Page page;
    bool has_body = atom || IsElement(item, "entry")
                        ? AtomEntryToPage(item, item_context, page)
                        : RssItemToPage(item, item_context, page);
    if (!has_body) {
      on_error(InputError{
          RecordPath(path, number),
          Status::Corruption(atom ? "entry has no content or summary"
                                  : "item has no content or description")});
      continue;
    }
    // libxml2 emits UTF-8 whatever the input encoding; recovery from
    // encoding errors can still leave odd bytes in attribute values.
    if (FindInvalidUtf8(page.body) != kNpos) page.body = RepairUtf8(page.body);
    page.source_file = path;
    page.record = number;
    on_page(std::move(page));
  }
  return Status::Ok();
}

}  // namespace khaldun
