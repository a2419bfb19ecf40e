// What IngestResources holds. Internal to the ingest stage.
#ifndef KHALDUN_INGEST_RESOURCES_H_
#define KHALDUN_INGEST_RESOURCES_H_

#include "ingest/boilerplate.h"
#include "ingest/byline_words.h"
#include "ingest/html_hints.h"
#include "ingest/language.h"
#include "khaldun/ingest.h"

namespace khaldun {

struct IngestResources::Impl {
  BoilerplateLexicon boilerplate;
  BylineWords byline_words;
  HtmlHints html_hints;
  LanguageIdentifier language;
};

}  // namespace khaldun

#endif  // KHALDUN_INGEST_RESOURCES_H_
