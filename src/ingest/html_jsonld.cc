#include "ingest/html_jsonld.h"

#include <utility>
#include <vector>

#include <simdjson.h>

#include "common/text.h"
#include "ingest/html_tokenizer.h"

namespace khaldun {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// JSON-LD on real pages nests a few levels (@graph > article > author);
// anything deeper is not worth following.
constexpr int kMaxDepth = 12;

bool IsArticleType(std::string_view type) {
  // schema.org: Article and its subtypes (NewsArticle, ReportageNewsArticle,
  // AnalysisNewsArticle, OpinionNewsArticle, ...), BlogPosting and
  // LiveBlogPosting. Types may be prefixed ("schema:NewsArticle").
  return EndsWithIgnoreCase(type, "Article") || EndsWithIgnoreCase(type, "BlogPosting") ||
         EndsWithIgnoreCase(type, "Report");
}

bool HasArticleType(const object& obj) {
  element type;
  if (obj["@type"].get(type) != simdjson::SUCCESS) return false;
  std::string_view s;
  if (type.get_string().get(s) == simdjson::SUCCESS) return IsArticleType(s);
  array types;
  if (type.get_array().get(types) == simdjson::SUCCESS) {
    for (element t : types) {
      if (t.get_string().get(s) == simdjson::SUCCESS && IsArticleType(s)) return true;
    }
  }
  return false;
}

// A string value, or the first string of an array, or an object's "name".
std::string_view StringOf(element e, int depth = 0) {
  std::string_view s;
  if (e.get_string().get(s) == simdjson::SUCCESS) return s;
  if (depth > 2) return {};
  array a;
  if (e.get_array().get(a) == simdjson::SUCCESS) {
    for (element x : a) {
      std::string_view v = StringOf(x, depth + 1);
      if (!v.empty()) return v;
    }
    return {};
  }
  object o;
  element name;
  if (e.get_object().get(o) == simdjson::SUCCESS &&
      o["name"].get(name) == simdjson::SUCCESS) {
    return StringOf(name, depth + 1);
  }
  return {};
}

void SetIfEmpty(std::string& field, std::string_view value) {
  if (field.empty()) field = CollapseWhitespace(value);
}

// JSON strings sometimes carry markup or entities ("&amp;", "<p>"):
// decoded and stripped so that the text compares with the page's.
std::string PlainText(std::string_view s) {
  std::string stripped;
  if (s.find('<') != std::string_view::npos) {
    stripped.reserve(s.size());
    bool in_tag = false;
    for (char c : s) {
      if (c == '<') {
        in_tag = true;
        stripped.push_back(' ');
      } else if (c == '>' && in_tag) {
        in_tag = false;
      } else if (!in_tag) {
        stripped.push_back(c);
      }
    }
    s = stripped;
  }
  if (s.find('&') != std::string_view::npos) {
    std::string decoded;
    AppendDecodedHtml(s, false, decoded);
    return CollapseWhitespace(decoded);
  }
  return CollapseWhitespace(s);
}

// "@id" -> "name" of the named nodes of one script: Yoast-style @graph
// pages give the article's author as a reference ({"@id": "#/person/1"})
// to a Person node elsewhere in the graph.
using NodeNames = std::vector<std::pair<std::string_view, std::string_view>>;

void CollectNames(element e, NodeNames* names, int depth) {
  if (depth > kMaxDepth || names->size() >= 256) return;
  array a;
  if (e.get_array().get(a) == simdjson::SUCCESS) {
    for (element x : a) CollectNames(x, names, depth + 1);
    return;
  }
  object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS) return;
  std::string_view id;
  element name;
  if (obj["@id"].get_string().get(id) == simdjson::SUCCESS &&
      obj["name"].get(name) == simdjson::SUCCESS) {
    std::string_view s = StringOf(name);
    if (!s.empty()) names->emplace_back(id, s);
  }
  element child;
  if (obj["@graph"].get(child) == simdjson::SUCCESS) CollectNames(child, names, depth + 1);
}

void AddAuthors(element e, const NodeNames& names, JsonLdArticle* out, int depth) {
  if (depth > 3 || out->authors.size() >= 16) return;
  array a;
  if (e.get_array().get(a) == simdjson::SUCCESS) {
    for (element x : a) AddAuthors(x, names, out, depth + 1);
    return;
  }
  std::string_view name = StringOf(e);
  object obj;
  std::string_view id;
  if (name.empty() && e.get_object().get(obj) == simdjson::SUCCESS &&
      obj["@id"].get_string().get(id) == simdjson::SUCCESS) {
    for (const auto& [node_id, node_name] : names) {
      if (node_id == id) {
        name = node_name;
        break;
      }
    }
  }
  std::string clean = CollapseWhitespace(name);
  if (!clean.empty()) out->authors.push_back(std::move(clean));
}

void TakeArticle(const object& obj, const NodeNames& names, JsonLdArticle* out) {
  out->found = true;
  element v;
  if (out->headline.empty()) {
    if (obj["headline"].get(v) == simdjson::SUCCESS ||
        obj["name"].get(v) == simdjson::SUCCESS) {
      out->headline = PlainText(StringOf(v));
    }
  }
  if (out->section.empty() && obj["articleSection"].get(v) == simdjson::SUCCESS) {
    SetIfEmpty(out->section, StringOf(v));
  }
  if (out->authors.empty()) {
    if (obj["author"].get(v) == simdjson::SUCCESS ||
        obj["creator"].get(v) == simdjson::SUCCESS) {
      AddAuthors(v, names, out, 0);
    }
  }
  if (out->published.empty()) {
    if (obj["datePublished"].get(v) == simdjson::SUCCESS ||
        obj["dateCreated"].get(v) == simdjson::SUCCESS) {
      SetIfEmpty(out->published, StringOf(v));
    }
  }
  if (out->description.empty() && obj["description"].get(v) == simdjson::SUCCESS) {
    out->description = PlainText(StringOf(v));
  }
  if (out->body.empty() && obj["articleBody"].get(v) == simdjson::SUCCESS) {
    out->body = PlainText(StringOf(v));
  }
  if (out->language.empty() && obj["inLanguage"].get(v) == simdjson::SUCCESS) {
    SetIfEmpty(out->language, StringOf(v));
  }
}

void Visit(element e, const NodeNames& names, JsonLdArticle* out, int depth) {
  if (depth > kMaxDepth) return;
  array a;
  if (e.get_array().get(a) == simdjson::SUCCESS) {
    for (element x : a) Visit(x, names, out, depth + 1);
    return;
  }
  object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS) return;
  if (HasArticleType(obj)) TakeArticle(obj, names, out);
  element child;
  if (obj["@graph"].get(child) == simdjson::SUCCESS) Visit(child, names, out, depth + 1);
  if (obj["mainEntity"].get(child) == simdjson::SUCCESS) Visit(child, names, out, depth + 1);
}

}  // namespace

bool ParseJsonLdArticle(std::string_view json, JsonLdArticle* out) {
  // Raw newlines and tabs inside strings are invalid JSON but common in
  // hand-built JSON-LD; outside strings they are white space anyway, so
  // replacing every control byte with a space is safe.
  simdjson::padded_string padded(json.size());
  char* data = padded.data();
  for (size_t i = 0; i < json.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(json[i]);
    data[i] = c < 0x20 ? ' ' : static_cast<char>(c);
  }
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) return false;
  JsonLdArticle result = *out;
  NodeNames names;
  CollectNames(root, &names, 0);
  Visit(root, names, &result, 0);
  *out = std::move(result);
  return true;
}

}  // namespace khaldun
