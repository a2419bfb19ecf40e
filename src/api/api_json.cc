#include "api/api_json.h"

#include <algorithm>
#include <cstdio>

#include "common/json_writer.h"

namespace khaldun::api {
namespace {

std::string Fixed(double v, int decimals) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}


std::string ActorJson(const Actor& a) {
  std::string out;
  JsonObjectWriter w(out);
  w.String("text", a.text);
  w.String("code", a.code);
  w.String("name", a.name);
  w.String("country", a.country);
  w.String("role", a.role);
  w.String("aligned_with", a.aligned_with);
  w.Close();
  return out;
}

std::string ActorListJson(const std::vector<Actor>& actors) {
  std::string out = "[";
  for (size_t i = 0; i < actors.size(); ++i) {
    if (i) out += ',';
    out += ActorJson(actors[i]);
  }
  return out + "]";
}

std::string KeyCountsJson(const std::vector<KeyCount>& counts, std::string_view key_name) {
  std::string out = "[";
  for (size_t i = 0; i < counts.size(); ++i) {
    if (i) out += ',';
    JsonObjectWriter w(out);
    w.String(key_name, counts[i].key, false);
    w.Number("count", counts[i].count);
    w.Close();
  }
  return out + "]";
}

// The summary fields, written into an open object so the detail view can
// add to them.
void WriteSummary(JsonObjectWriter& w, const StoredEvent& s) {
  const Event& e = s.event;
  w.String("id", e.id);
  w.String("type", e.type);
  w.String("cameo", e.cameo);
  w.String("mode", e.mode);
  w.String("factuality", e.factuality);
  w.String("factuality_cue", e.factuality_cue);
  w.String("date", s.event_date);
  w.String("date_basis", s.date_basis);
  w.String("date_precision", e.date.precision);
  w.String("country", e.location.country);
  w.String("admin1", e.location.admin1);
  w.String("admin1_code", e.location.admin1_code);
  w.String("place", e.location.place);
  if (e.location.has_coordinates) {
    w.Raw("lat", Fixed(e.location.lat, 5));
    w.Raw("lon", Fixed(e.location.lon, 5));
  } else {
    w.Null("lat");
    w.Null("lon");
  }
  w.String("location_precision", e.location.precision);
  w.Number("killed", CasualtyTotal(e, "killed"));
  w.Number("injured", CasualtyTotal(e, "injured"));
  w.Raw("source", ActorListJson(e.source));
  w.Raw("target", ActorListJson(e.target));
  w.String("trigger", e.trigger);
  w.String("rule", e.rule);
  w.String("sentence", s.sentence_text, false);
  w.Raw("confidence", Fixed(e.confidence, 3));
  w.Number("report_count", s.report_count);
  w.Number("source_count", s.source_count);
  w.StringList("sources", s.sources);
  w.StringList("reported_by", e.reported_by);
  w.String("article_id", s.article_id);
  w.String("headline", s.headline);
  w.String("url", s.url);
  w.String("published", s.published);
  w.String("merged_into", s.merged_into);
}

std::string CasualtiesJson(const std::vector<CasualtyCount>& casualties) {
  std::string out = "[";
  for (size_t i = 0; i < casualties.size(); ++i) {
    const CasualtyCount& c = casualties[i];
    if (i) out += ',';
    JsonObjectWriter w(out);
    w.String("outcome", c.outcome);
    w.Number("best", c.best);
    w.Number("low", c.low);
    w.Number("high", c.high);
    w.String("qualifier", c.qualifier);
    w.String("victim", c.has_victim ? (c.victim.text.empty() ? c.victim.code : c.victim.text) : "");
    w.String("text", c.text);
    w.String("rule", c.rule);
    w.Close();
  }
  return out + "]";
}

std::string SegmentsJson(const std::vector<Segment>& segments) {
  std::string out = "[";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i) out += ',';
    JsonObjectWriter w(out);
    w.String("text", segments[i].text, false);
    w.String("mark", segments[i].mark);
    w.Close();
  }
  return out + "]";
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::vector<Segment> SentenceSegments(const StoredEvent& s) {
  const Event& e = s.event;
  const std::string& text = s.sentence_text;
  const std::uint32_t base = e.sentence.start;
  struct Mark {
    std::uint32_t start, end;
    std::string_view mark;
    int priority;
  };
  std::vector<Mark> candidates;
  // Offsets are bytes of the article text; the stored sentence is its
  // [sentence.start, sentence.end) slice. A span outside it, or cutting a
  // UTF-8 sequence, is not shown.
  const bool aligned = e.sentence.end >= base && e.sentence.end - base == text.size();
  auto add = [&](std::uint32_t start, std::uint32_t end, std::string_view mark, int priority) {
    if (!aligned || end <= start || start < base || end - base > text.size()) return;
    const std::uint32_t from = start - base, to = end - base;
    if (IsContinuation(text[from]) || (to < text.size() && IsContinuation(text[to]))) return;
    candidates.push_back({from, to, mark, priority});
  };
  for (const Span& span : e.spans) {
    if (span.role == "trigger") add(span.start, span.end, "trigger", 0);
  }
  for (const Actor& a : e.source) add(a.start, a.end, "source", 1);
  for (const Actor& a : e.target) add(a.start, a.end, "target", 2);
  for (const CasualtyCount& c : e.casualties) add(c.start, c.end, "casualty", 3);
  add(e.location.start, e.location.end, "place", 4);
  add(e.date.start, e.date.end, "date", 5);

  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Mark& x, const Mark& y) { return x.priority < y.priority; });
  std::vector<Mark> kept;
  for (const Mark& m : candidates) {
    bool overlaps = false;
    for (const Mark& k : kept) overlaps |= m.start < k.end && k.start < m.end;
    if (!overlaps) kept.push_back(m);
  }
  std::sort(kept.begin(), kept.end(), [](const Mark& x, const Mark& y) { return x.start < y.start; });
  std::vector<Segment> segments;
  std::uint32_t at = 0;
  for (const Mark& m : kept) {
    if (m.start > at) segments.push_back({text.substr(at, m.start - at), ""});
    segments.push_back({text.substr(m.start, m.end - m.start), std::string(m.mark)});
    at = m.end;
  }
  if (at < text.size() || segments.empty()) segments.push_back({text.substr(at), ""});
  return segments;
}

std::string EventSummaryJson(const StoredEvent& s) {
  std::string out;
  JsonObjectWriter w(out);
  WriteSummary(w, s);
  w.Close();
  return out;
}

std::string EventListJson(const std::vector<StoredEvent>& events,
                          const std::optional<std::string>& next_cursor) {
  std::string list = "[";
  for (size_t i = 0; i < events.size(); ++i) {
    if (i) list += ",\n";
    list += EventSummaryJson(events[i]);
  }
  list += "]";
  std::string out;
  JsonObjectWriter w(out);
  w.Raw("events", list);
  if (next_cursor) {
    w.String("next_cursor", *next_cursor);
  } else {
    w.Null("next_cursor");
  }
  w.Close();
  return out;
}

std::string EventDetailJson(const StoredEvent& event, const std::vector<StoredEvent>& reports,
                            const std::vector<MergeRecord>& merges) {
  std::string head;
  JsonObjectWriter h(head);
  WriteSummary(h, event);
  h.Raw("casualties", CasualtiesJson(event.event.casualties));
  h.String("date_text", event.event.date.text);
  h.String("date_rule", event.event.date.rule);
  h.String("location_rule", event.event.location.rule);
  h.Close();

  std::string list = "[";
  for (size_t i = 0; i < reports.size(); ++i) {
    const StoredEvent& r = reports[i];
    if (i) list += ",\n";
    JsonObjectWriter w(list);
    w.String("event_id", r.event.id);
    w.String("article_id", r.article_id);
    w.String("headline", r.headline);
    w.String("url", r.url);
    w.String("source", r.source);
    w.String("published", r.published);
    w.String("sentence", r.sentence_text, false);
    w.Raw("segments", SegmentsJson(SentenceSegments(r)));
    w.String("rule", r.event.rule);
    w.String("trigger", r.event.trigger);
    w.String("factuality", r.event.factuality);
    w.String("factuality_cue", r.event.factuality_cue);
    w.StringList("reported_by", r.event.reported_by);
    w.String("date", r.event_date);
    w.String("place", r.event.location.place);
    w.Raw("casualties", CasualtiesJson(r.event.casualties));
    std::string reason;
    for (const MergeRecord& m : merges) {
      if (m.event_id == r.event.id) reason = m.reason;
    }
    w.String("merge_reason", reason);
    w.Close();
  }
  list += "]";
  std::string out;
  JsonObjectWriter w(out);
  w.Raw("event", head);
  w.Raw("reports", list);
  w.Close();
  return out;
}

std::string ArticleJson(const StoredArticle& a, const std::vector<StoredEvent>& events) {
  std::string out;
  JsonObjectWriter w(out);
  w.String("id", a.id);
  w.String("url", a.url);
  w.String("source", a.source);
  w.String("headline", a.headline);
  w.String("standfirst", a.standfirst);
  w.String("byline", a.byline);
  w.String("published", a.published);
  w.String("dateline", a.dateline);
  w.String("language", a.language);
  w.String("text", a.text, false);
  w.String("stored_at", a.stored_at);
  std::string list = "[";
  for (size_t i = 0; i < events.size(); ++i) {
    if (i) list += ",\n";
    list += EventSummaryJson(events[i]);
  }
  w.Raw("events", list + "]");
  std::string quotes = "[";
  for (size_t i = 0; i < a.quotes.size(); ++i) {
    if (i) quotes += ',';
    JsonObjectWriter q(quotes);
    q.String("speaker", a.quotes[i].speaker);
    q.String("speaker_role", a.quotes[i].speaker_role);
    q.String("text", a.quotes[i].text, false);
    q.Close();
  }
  w.Raw("quotes", quotes + "]");
  w.Close();
  return out;
}

std::string StatsJson(const EventStats& stats) {
  std::string out;
  JsonObjectWriter w(out);
  w.Number("events", stats.events);
  w.Number("articles", stats.articles);
  w.String("date_min", stats.date_min);
  w.String("date_max", stats.date_max);
  w.Raw("types", KeyCountsJson(stats.types, "type"));
  w.Raw("countries", KeyCountsJson(stats.countries, "country"));
  w.Raw("factualities", KeyCountsJson(stats.factualities, "factuality"));
  w.Close();
  return out;
}

std::string TimelineJson(const std::string& bucket, const std::vector<TimelineBin>& bins) {
  std::string series = "[";
  for (size_t i = 0; i < bins.size(); ++i) {
    if (i) series += ',';
    JsonObjectWriter b(series);
    b.String("period", bins[i].period, false);
    b.String("type", bins[i].type, false);
    b.Number("count", bins[i].count);
    b.Close();
  }
  std::string out;
  JsonObjectWriter w(out);
  w.String("bucket", bucket);
  w.Raw("series", series + "]");
  w.Close();
  return out;
}

namespace {
void WriteActor(JsonObjectWriter& w, const ActorStat& a) {
  w.String("code", a.code);
  w.String("name", a.name);
  w.String("country", a.country);
  w.String("role", a.role);
  w.String("aligned_with", a.aligned_with);
}

// What a person reads for an actor: its name, else its code.
std::string Label(const ActorStat& a) {
  if (!a.name.empty()) return a.name;
  if (!a.code.empty()) return a.code;
  return a.country.empty() ? std::string("unknown") : a.country;
}
}  // namespace

std::string ActorsJson(const std::vector<ActorStat>& actors) {
  std::string list = "[";
  for (size_t i = 0; i < actors.size(); ++i) {
    if (i) list += ',';
    JsonObjectWriter a(list);
    a.String("key", actors[i].key);
    a.String("label", Label(actors[i]));
    WriteActor(a, actors[i]);
    a.Number("as_source", actors[i].as_source);
    a.Number("as_target", actors[i].as_target);
    a.Number("events", actors[i].events);
    a.Close();
  }
  std::string out;
  JsonObjectWriter w(out);
  w.Raw("actors", list + "]");
  w.Close();
  return out;
}

std::string NetworkJson(const ActorNetwork& network) {
  std::string nodes = "[";
  for (size_t i = 0; i < network.nodes.size(); ++i) {
    if (i) nodes += ',';
    JsonObjectWriter n(nodes);
    n.String("id", network.nodes[i].key);
    n.String("label", Label(network.nodes[i]));
    WriteActor(n, network.nodes[i]);
    n.Number("events", network.nodes[i].events);
    n.Close();
  }
  std::string edges = "[";
  for (size_t i = 0; i < network.edges.size(); ++i) {
    const ActorEdge& e = network.edges[i];
    if (i) edges += ',';
    JsonObjectWriter j(edges);
    j.String("source", e.source_key);
    j.String("target", e.target_key);
    j.Number("weight", e.weight);
    std::string types;
    JsonObjectWriter t(types);
    for (const KeyCount& k : e.types) t.Number(k.key, k.count);
    t.Close();
    j.Raw("types", types);
    j.Close();
  }
  std::string out;
  JsonObjectWriter w(out);
  w.Raw("nodes", nodes + "]");
  w.Raw("edges", edges + "]");
  w.Close();
  return out;
}

std::string PointsGeoJson(const std::vector<EventPoint>& points) {
  std::string out = "{\"type\":\"FeatureCollection\",\"features\":[";
  for (size_t i = 0; i < points.size(); ++i) {
    const EventPoint& p = points[i];
    if (i) out += ",\n";
    JsonObjectWriter f(out);
    f.String("type", "Feature");
    f.String("id", p.id);
    f.Raw("geometry", "{\"type\":\"Point\",\"coordinates\":[" + Fixed(p.lon, 5) + "," +
                          Fixed(p.lat, 5) + "]}");
    std::string props;
    JsonObjectWriter q(props);
    q.String("id", p.id);
    q.String("type", p.type);
    q.String("date", p.date);
    q.String("factuality", p.factuality);
    q.String("place", p.place);
    q.String("country", p.country);
    q.String("admin1", p.admin1);
    q.String("precision", p.precision);
    q.Number("killed", p.killed);
    q.Number("injured", p.injured);
    q.Close();
    f.Raw("properties", props);
    f.Close();
  }
  return out + "]}";
}

std::string PostResultJson(const std::vector<PostedArticle>& articles,
                           const std::vector<std::string>& errors) {
  std::string list = "[";
  for (size_t i = 0; i < articles.size(); ++i) {
    if (i) list += ',';
    JsonObjectWriter a(list);
    a.String("id", articles[i].id);
    a.String("headline", articles[i].headline);
    a.String("outcome", articles[i].outcome == PutOutcome::kAdded       ? "added"
                        : articles[i].outcome == PutOutcome::kReplaced ? "replaced"
                                                                        : "unchanged");
    a.Number("events", static_cast<long long>(articles[i].events));
    a.Close();
  }
  std::string out;
  JsonObjectWriter w(out);
  w.Raw("articles", list + "]");
  w.StringList("errors", errors);
  w.Close();
  return out;
}

}  // namespace khaldun::api
