// Main-content extraction for HTML pages, on the streaming tokenizer.
#ifndef KHALDUN_INGEST_HTML_EXTRACT_H_
#define KHALDUN_INGEST_HTML_EXTRACT_H_

#include "ingest/resources.h"
#include "khaldun/ingest.h"

namespace khaldun {

// Finds the article in an HTML page or fragment: metadata (headline,
// section, byline, published, standfirst, language) from meta tags,
// JSON-LD and markup; captions from figures; body paragraphs, sub-headings,
// quotes and list items of the main content in document order, chrome
// dropped. Fills every Article field it can except id, source_file, url
// and published-override, which the caller sets. Thread-safe.
Article ExtractHtmlArticle(const Page& page, const IngestResources::Impl& resources);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_HTML_EXTRACT_H_
