// Page-chrome phrases (share/subscribe/cookie/comment/captcha prompts,
// "Do you like this article?", "Related articles", "Advertisement"), kept
// as data in data/boilerplate/*.tsv and compiled once into a matcher.
// Used by both HTML and text extraction. Immutable after Load; thread-safe.
#ifndef KHALDUN_INGEST_BOILERPLATE_H_
#define KHALDUN_INGEST_BOILERPLATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/data_files.h"
#include "khaldun/status.h"

namespace khaldun {

class BoilerplateLexicon {
 public:
  static Result<BoilerplateLexicon> Load(const DataFiles& files);

  // True when `block` (one paragraph or line, any case and spacing) is page
  // chrome as a whole: it matches a whole-block phrase, or is short and
  // starts with a prompt phrase ("Share this", "Sign up for").
  bool IsChrome(std::string_view block) const;

  // True when `block` marks the end of the article body: what follows it is
  // comments, related links or footer ("Related articles", "Comments",
  // "More from"). Only meaningful for short blocks.
  bool IsEndMarker(std::string_view block) const;

 private:
  std::vector<std::string> whole_;    // normalised whole-block phrases
  std::vector<std::string> prefix_;   // normalised prompt prefixes
  std::vector<std::string> end_;      // normalised end-of-body markers
};

}  // namespace khaldun

#endif  // KHALDUN_INGEST_BOILERPLATE_H_
