// Main-content extraction for scraped plain text (a page saved as text,
// chrome and all, like shared/seed/article.txt).
#ifndef KHALDUN_INGEST_TEXT_EXTRACT_H_
#define KHALDUN_INGEST_TEXT_EXTRACT_H_

#include "ingest/resources.h"
#include "khaldun/ingest.h"

namespace khaldun {

// Splits `page.body` into blocks (blank-line separated, or one per line
// when the text has no blank lines) and finds section, headline,
// standfirst, captions (repeated blocks, photo credits), byline, dateline
// and body paragraphs; chrome (phrases from the boilerplate lexicon, form
// prompts, page controls, calls to action, reader appeals, trailing
// short-line runs) is dropped. Fills every Article field
// it can except id, source_file, url and published-override, which the
// caller sets. Thread-safe.
Article ExtractTextArticle(const Page& page, const IngestResources::Impl& resources);

// For corpus records whose text is already the body (JSONL `text`):
// paragraphs split on blank lines or newlines, nothing removed but
// chrome lines the lexicon knows.
Article ExtractCleanTextArticle(const Page& page, const IngestResources::Impl& resources);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_TEXT_EXTRACT_H_
