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

// Lower case for the scripts the stop-word lists and the boilerplate
// lexicon use: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
// Other code points come back unchanged. A table-free stand-in for full
// Unicode case folding, which these comparisons do not need.
char32_t SimpleFoldCase(char32_t cp);

// `s` lower-cased with SimpleFoldCase (invalid UTF-8 becomes U+FFFD).
std::string FoldCaseUtf8(std::string_view s);

class LanguageIdentifier {
 public:
  static Result<LanguageIdentifier> Load(const DataFiles& files);

  // ISO 639-1 code ("en", "fr", "ar", ...) of `text`, or "" when unsure.
  std::string Identify(std::string_view text) const;

  // Texts with fewer words than this (or, for scripts written without
  // spaces, fewer letters) are too short to call: a headline's worth of
  // words shares too many stop words between related languages.
  static constexpr int kMinWords = 20;

  // The languages with a stop-word list, in file order.
  const std::vector<std::string>& languages() const { return languages_; }

 private:
  // stop word -> indexes of the languages whose list holds it
  std::unordered_map<std::string, std::vector<int>> words_;
  std::vector<std::string> languages_;
  std::vector<int> scripts_;  // per language: the script its words use
};

}  // namespace khaldun

#endif  // KHALDUN_INGEST_LANGUAGE_H_
