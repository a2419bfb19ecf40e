// Class/id/role hints for HTML extraction (data/boilerplate/class_hints.tsv):
// tokens such as "article", "story-body" that mark content and "share",
// "related", "newsletter" that mark chrome, plus the roles some tokens name
// (caption, byline, date, standfirst, breadcrumb, hidden, section). Immutable after
// Load; thread-safe.
//
// Matching is by words, not substrings, so that it stays linear in the
// attribute length however many hints there are: an attribute value is cut
// into words at every non-alphanumeric byte and at lower-to-upper case
// changes ("relatedStories sharebar" -> related, stories, sharebar), words are
// lower-cased, and a hint of one or two words matches one word or two
// adjacent words of the same class name joined by '-' ("story-body" matches
// "story_body", "storyBody" and "story-body-text"); a hint of three or more
// words matches only a whole class name ("screen-reader-text"). A hint
// counts once per attribute value. The "hidden" role applies only when the
// hint spans the whole class name: "hidden" hides, "submenu-hidden" does
// not.
#ifndef KHALDUN_INGEST_HTML_HINTS_H_
#define KHALDUN_INGEST_HTML_HINTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/data_files.h"
#include "khaldun/status.h"

namespace khaldun {

// What a matched hint says about an element beyond its weight. Bit flags.
enum HtmlHintRole : uint16_t {
  kHintRoleNone = 0,
  kHintRoleCaption = 1 << 0,     // image caption or credit
  kHintRoleByline = 1 << 1,      // author line
  kHintRoleDate = 1 << 2,        // publication date / timestamp
  kHintRoleStandfirst = 1 << 3,  // dek, summary under the headline
  kHintRoleBreadcrumb = 1 << 4,  // section trail
  kHintRoleHidden = 1 << 5,      // not shown to readers (sr-only, hidden)
  kHintRoleHeadline = 1 << 6,    // the article's title element
  kHintRoleBody = 1 << 7,        // names the article body itself
  kHintRoleSection = 1 << 8,     // section label above the headline ("kicker")
};

struct HtmlHint {
  int weight = 0;      // > 0 content-like, < 0 chrome-like, 0 neutral
  uint16_t roles = 0;  // HtmlHintRole bits
};

class HtmlHints {
 public:
  // Reads boilerplate/class_hints.tsv; Corruption on a malformed or
  // duplicate line.
  static Result<HtmlHints> Load(const DataFiles& files);
  // Parses the TSV text itself (tests, tools). `name` is used in errors.
  static Result<HtmlHints> Parse(std::string_view tsv, std::string_view name);

  // Weight of a class/id attribute value: > 0 content-like, < 0
  // chrome-like, 0 neutral.
  int Weigh(std::string_view class_or_id) const { return Classify(class_or_id).weight; }

  // Weight and roles of a class/id attribute value.
  HtmlHint Classify(std::string_view class_or_id) const;

  size_t size() const { return hints_.size(); }

 private:
  std::unordered_map<std::string, HtmlHint> hints_;
};

}  // namespace khaldun

#endif  // KHALDUN_INGEST_HTML_HINTS_H_
