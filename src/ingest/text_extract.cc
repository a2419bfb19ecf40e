// STUB
#include "ingest/text_extract.h"
namespace khaldun {
Article ExtractTextArticle(const Page& page, const IngestResources::Impl&) {
  Article a; a.paragraphs.push_back(page.body); return a;
}
Article ExtractCleanTextArticle(const Page& page, const IngestResources::Impl&) {
  Article a; a.paragraphs.push_back(page.body); return a;
}
}  // namespace khaldun
