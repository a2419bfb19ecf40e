// Code: from a clean article to event records an analyst can trust.
//
// The stage reads an Article (see ingest.h), splits its body into
// sentences and tokens, recognises actors (countries, roles, named groups
// and people from the dictionaries under data/actors/), finds event
// triggers (the verb and noun patterns under data/events/, in the pattern
// language of docs/patterns.md), fills each trigger's source and target
// from the actors around it, and writes PLOVER events with CAMEO codes,
// each carrying its sentence and the rule that produced it. Quotes with
// their speakers come out beside the events.
//
//   auto resources = khaldun::CodingResources::LoadBuiltin();
//   if (!resources.ok()) return Fail(resources.status());
//   khaldun::CodedArticle coded = khaldun::CodeArticle(article, *resources, {});
//   for (const auto& event : coded.events) Print(khaldun::EventToJson(coded, event));
//
// Everything here is immutable after loading and thread-safe; coding one
// article allocates in proportion to that article only.
#ifndef KHALDUN_CODE_H_
#define KHALDUN_CODE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "khaldun/ingest.h"
#include "khaldun/status.h"

namespace khaldun {

// A byte range of the article text (`Article::text`), with what it is.
struct Span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::string role;  // "source", "target", "trigger", "modifier", ...
};

// One actor as a side of an event. Strings are empty when unknown (null in
// JSON).
struct Actor {
  std::string text;          // the words in the sentence
  std::string name;          // canonical name of a named group or person
  std::string country;       // ISO 3166-1 alpha-3
  std::string role;          // GOV MIL POL REB INS CVL MED JUD LEG OPP IGO NGO BUS CRM
  std::string aligned_with;  // ISO3 of a stated or known backer
  std::string code;          // CAMEO-style actor code ("USAMIL", "IRQINSNUJ")
  std::uint32_t start = 0;   // the words' byte range in the article text
  std::uint32_t end = 0;
  std::string entry;         // the dictionary entries that matched, for explain
  bool resolved = false;     // taken from an earlier mention ("the group")
  bool country_inferred = false;  // country from the article's focus, not the words
};

struct EventSentence {
  std::uint32_t index = 0;  // 0-based index among the body's sentences
  std::uint32_t start = 0;  // byte range in the article text
  std::uint32_t end = 0;
};

// When the event happened, as the text says it. `value` is empty (null in
// JSON) when the text gives no date for the event; the publication date is
// never copied here.
struct EventDate {
  std::string value;      // "YYYY-MM-DD", "YYYY-MM" or "YYYY"
  std::string precision;  // "day", "month" or "year"
  std::string text;       // the words that gave it ("on Thursday", "Aug. 29")
  std::uint32_t start = 0;  // the words' byte range in the article text
  std::uint32_t end = 0;
  std::string rule;       // how it was read: "explicit", "weekday", "relative", ...
};

// Where the event happened. Strings empty and has_coordinates false when
// unknown.
struct EventLocation {
  std::string country;      // ISO 3166-1 alpha-3
  std::string admin1;       // first-level region name ("Al Anbar")
  std::string admin1_code;  // ISO 3166-2 ("IQ-AN")
  std::string place;        // the words ("near Rutba", "Iraq's western desert")
  bool has_coordinates = false;
  double lat = 0.0;
  double lon = 0.0;
  // "exact" (the place itself), "near" (near a named place), "admin1"
  // (only the region is known), "country" (only the country).
  std::string precision;
  std::uint32_t start = 0;  // the words' byte range in the article text
  std::uint32_t end = 0;
  std::string rule;  // "in-place", "near-place", "dateline", "paragraph", ...
};

// One stated count of people harmed: "at least 15 fighters were killed".
struct CasualtyCount {
  // "killed", "injured", "kidnapped", "arrested" or "displaced".
  std::string outcome;
  std::int64_t best = 0;  // the figure to use (low end of "at least N")
  std::int64_t low = 0;   // a range's bounds; equal to best when exact
  std::int64_t high = 0;  // 0 when open ("more than 100")
  std::string qualifier;  // "", "at least", "more than", "about", "up to", "between", "dozens", ...
  bool has_victim = false;
  Actor victim;           // who it happened to, when the text says
  std::string text;       // the words ("killing 15 ISIS fighters")
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::string rule;       // which casualty pattern read it
};

struct Event {
  std::string id;    // stable: article id + sentence + trigger offset
  std::string type;  // PLOVER type
  std::string cameo;
  std::string mode;  // PLOVER mode, or empty
  std::vector<Actor> source;
  std::vector<Actor> target;
  std::string factuality = "asserted";  // asserted | negated | possible
  std::vector<std::string> reported_by;  // outlets the sentence cites ("AFP")
  std::string factuality_cue;  // the words behind a non-asserted factuality
  EventDate date;
  EventLocation location;
  std::vector<CasualtyCount> casualties;
  EventSentence sentence;
  std::string rule;     // the pattern id that fired
  std::string trigger;  // the trigger words as written
  std::vector<Span> spans;
  double confidence = 0.0;
};

struct QuoteRecord {
  std::string speaker;
  std::string speaker_role;
  std::string text;
  std::uint32_t sentence_index = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

// An article with what coding found in it. Offsets are into article.text.
struct CodedArticle {
  // A byte range [start, end) of article.text.
  struct TextRange {
    std::uint32_t start = 0, end = 0;
  };
  Article article;
  std::vector<Event> events;
  std::vector<QuoteRecord> quotes;
  std::uint32_t sentence_count = 0;
  // The body's sentences as the coder split them (Event::sentence.index
  // counts these), so storing need not split the text again. Empty when
  // the article was not coded by CodeArticle; Store::Put then splits.
  std::vector<TextRange> sentences;
};

// Dictionaries and patterns, loaded once and shared read-only. Copying is
// cheap (shared immutable state).
class CodingResources {
 public:
  struct Impl;
  // The data files compiled into the binary, or those under
  // $KHALDUN_DATA_DIR when it is set.
  static Result<CodingResources> LoadBuiltin();
  static Result<CodingResources> LoadFromDirectory(const std::string& data_dir);
  const Impl& impl() const { return *impl_; }

 private:
  explicit CodingResources(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

struct CodeOptions {
  // Events below this confidence are dropped.
  double min_confidence = 0.0;
  // Dates, places and casualty counts (the attributes stage). Off, events
  // keep them empty: for runs that need only who did what to whom.
  bool attributes = true;
};

// Codes one article. Never fails: what cannot be read is not coded.
CodedArticle CodeArticle(Article article, const CodingResources& resources,
                         const CodeOptions& options);

// The sum of the best figures of `event`'s casualty counts with this
// outcome ("killed", "injured", ...): the event's toll as exports and the
// API give it.
std::int64_t CasualtyTotal(const Event& event, std::string_view outcome);

// One JSON object, no newline: the `event` and `quote` records of
// docs/records.md.
std::string EventToJson(const CodedArticle& coded, const Event& event);
std::string QuoteToJson(const CodedArticle& coded, const QuoteRecord& quote);

// A readable multi-line report of how one sentence is coded: its tokens,
// the actors found with their dictionary entries, every rule that matched
// and the events. For `khaldun explain`.
std::string ExplainSentence(std::string_view sentence, const CodingResources& resources,
                            std::string_view published);

}  // namespace khaldun

#endif  // KHALDUN_CODE_H_
