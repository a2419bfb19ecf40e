// Language identification from stop-word frequencies and script, with the
// stop-word lists in data/language/stopwords.tsv. Good enough to tell the
// major news languages apart on a paragraph or more; returns "" when
// unsure. Immutable after Load; thread-safe.
#ifndef KHALDUN_INGEST_LANGUAGE_H_
#define KHALDUN_INGEST_LANGUAGE_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/data_files.h"
#include "khaldun/status.h"

namespace khaldun {

class LanguageIdentifier {
 public:
  static Result<LanguageIdentifier> Load(const DataFiles& files);

  // ISO 639-1 code ("en", "fr", "ar", ...) of `text`, or "" when unsure.
  std::string Identify(std::string_view text) const;

 private:
  // stop word -> indexes of the languages whose list holds it
  std::unordered_map<std::string, std::vector<int>> words_;
  std::vector<std::string> languages_;
};

}  // namespace khaldun

#endif  // KHALDUN_INGEST_LANGUAGE_H_
