// Class/id/role hints for HTML extraction (data/boilerplate/class_hints.tsv):
// tokens such as "article", "story-body" that mark content and "share",
// "related", "newsletter" that mark chrome. Immutable after Load.
#ifndef KHALDUN_INGEST_HTML_HINTS_H_
#define KHALDUN_INGEST_HTML_HINTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/data_files.h"
#include "khaldun/status.h"

namespace khaldun {

class HtmlHints {
 public:
  static Result<HtmlHints> Load(const DataFiles& files);

  // Weight of a class/id attribute value: > 0 content-like, < 0 chrome-like,
  // 0 neutral.
  int Weigh(std::string_view class_or_id) const;

 private:
  struct Hint {
    std::string token;
    int weight = 0;
  };
  std::vector<Hint> hints_;
};

}  // namespace khaldun

#endif  // KHALDUN_INGEST_HTML_HINTS_H_
