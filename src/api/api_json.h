// The API's JSON shapes (docs/api.md). Every string goes through the JSON
// writer, which escapes it and never emits "</", so article text is text
// wherever a client puts it.
#ifndef KHALDUN_API_API_JSON_H_
#define KHALDUN_API_API_JSON_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "khaldun/store.h"

namespace khaldun::api {

// {"events":[summary...],"next_cursor":...}
std::string EventListJson(const std::vector<StoredEvent>& events,
                          const std::optional<std::string>& next_cursor);
// One event object of the list.
std::string EventSummaryJson(const StoredEvent& s);
// {"event":{summary + casualties},"reports":[...]}: each report with its
// sentence cut into highlighted segments.
std::string EventDetailJson(const StoredEvent& event, const std::vector<StoredEvent>& reports,
                            const std::vector<MergeRecord>& merges);
std::string ArticleJson(const StoredArticle& article, const std::vector<StoredEvent>& events);
std::string StatsJson(const EventStats& stats);
std::string TimelineJson(const std::string& bucket, const std::vector<TimelineBin>& bins);
std::string ActorsJson(const std::vector<ActorStat>& actors);
std::string NetworkJson(const ActorNetwork& network);
std::string PointsGeoJson(const std::vector<EventPoint>& points);

struct PostedArticle {
  std::string id;
  std::string headline;
  PutOutcome outcome = PutOutcome::kAdded;
  std::size_t events = 0;
};
std::string PostResultJson(const std::vector<PostedArticle>& articles,
                           const std::vector<std::string>& errors);

// A sentence cut at its highlighted spans: (text, mark) pieces whose texts
// concatenate to the sentence. Marks: trigger, source, target, date,
// place, casualty; empty for plain text.
struct Segment {
  std::string text;
  std::string mark;
};
std::vector<Segment> SentenceSegments(const StoredEvent& s);

}  // namespace khaldun::api

#endif  // KHALDUN_API_API_JSON_H_
