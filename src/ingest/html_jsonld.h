// schema.org metadata from <script type="application/ld+json"> blocks: the
// first NewsArticle / Article / ReportageNewsArticle / BlogPosting object,
// found at the top level, in an array or inside "@graph" / "mainEntity".
#ifndef KHALDUN_INGEST_HTML_JSONLD_H_
#define KHALDUN_INGEST_HTML_JSONLD_H_

#include <string>
#include <string_view>
#include <vector>

namespace khaldun {

struct JsonLdArticle {
  bool found = false;        // an article object was seen
  std::string headline;      // headline, else name
  std::string section;       // articleSection (the first when a list)
  std::vector<std::string> authors;  // author / creator names, as written
  std::string published;     // datePublished, else dateCreated
  std::string description;
  std::string body;          // articleBody, markup stripped, collapsed
  std::string language;      // inLanguage
};

// Reads one script body and fills the fields of `out` that are still
// empty, so that calling it on each script of a page in order keeps the
// first article's values. Returns false when the JSON is malformed (after
// tolerating raw control characters in strings, which pages often have);
// `out` is then unchanged. Never throws. Thread-safe.
bool ParseJsonLdArticle(std::string_view json, JsonLdArticle* out);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_HTML_JSONLD_H_
