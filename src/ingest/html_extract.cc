// STUB: replaced by the real extractor.
#include "ingest/html_extract.h"
namespace khaldun {
Article ExtractHtmlArticle(const Page& page, const IngestResources::Impl&) {
  Article a; a.headline = page.title; return a;
}
}  // namespace khaldun
