// Byline and caption vocabulary (data/boilerplate/byline_words.tsv): news
// agencies, byline roles and job-title words, name particles, "By"
// markers, photo-credit words and phrases, caption labels and the verbs of
// wire contributor lines. Text and HTML extraction both read it, so the
// words are kept as data rather than in either extractor. Immutable after
// Load; thread-safe.
#ifndef KHALDUN_INGEST_BYLINE_WORDS_H_
#define KHALDUN_INGEST_BYLINE_WORDS_H_

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/data_files.h"
#include "khaldun/status.h"

namespace khaldun {

class BylineWords {
 public:
  enum Kind {
    kAgency,        // "reuters": a byline piece that credits a wire
    kRole,          // "staff writer": a byline piece that is a job title
    kTitleWord,     // "senior": a word that starts a title or time stamp
    kParticle,      // "al", "van": lower-case words inside names
    kMarker,        // "by", "written by": byline openers
    kCredit,        // "photo", "getty": credit words in a caption bracket
    kCreditPhrase,  // "photo:", "/afp": phrases only captions carry
    kCaptionLabel,  // "image caption": a label before a caption
    kContributor,   // "reported from": contributor lines after the body
    kKindCount,
  };

  static Result<BylineWords> Load(const DataFiles& files);

  // True when `phrase` (any ASCII case) is listed under `kind`.
  bool Is(Kind kind, std::string_view phrase) const;

  // The phrases of `kind` in file order, lower case.
  const std::vector<std::string>& List(Kind kind) const { return lists_[kind]; }

 private:
  std::vector<std::string> lists_[kKindCount];
  std::unordered_set<std::string> sets_[kKindCount];
};

}  // namespace khaldun

#endif  // KHALDUN_INGEST_BYLINE_WORDS_H_
