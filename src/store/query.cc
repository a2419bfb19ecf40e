// Reading the store for display: the shared event filter, one article,
// counts, the timeline, actors, the actor network and map points. Every
// statement is parameterised; the filter's SQL text depends only on which
// fields are set, so the backends' statement caches stay small.
//
// The actor queries say CROSS JOIN: SQLite then reads the (filtered,
// canonical) events first and looks their actors up by key, instead of
// scanning every actor link of the store and probing events (10x slower
// on 100k events). PostgreSQL treats it as an inner join and plans freely.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "store/store_impl.h"

namespace khaldun {

using store::AsDouble;
using store::AsInt;
using store::AsText;
using store::Value;

namespace store {
namespace {

// Appends " AND condition" with every '?' in it bound to one new
// parameter.
void AddCondition(std::string_view condition, Value value, std::string* sql,
                  std::vector<Value>* params) {
  params->push_back(std::move(value));
  const std::string placeholder = "$" + std::to_string(params->size());
  *sql += " AND ";
  for (char c : condition) {
    if (c == '?') {
      *sql += placeholder;
    } else {
      *sql += c;
    }
  }
}

// The ISO date of a day number (days since 1970-01-01).
std::string DateOfDay(std::int64_t days) {
  const std::chrono::year_month_day ymd{
      std::chrono::sys_days{std::chrono::days{static_cast<int>(days)}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

// The Monday that starts the week of `date`; the date itself when it is
// not a YYYY-MM-DD date.
std::string WeekOf(const std::string& date) {
  std::int64_t days = 0;
  if (!DayNumber(date, &days)) return date;
  // 1970-01-01 was a Thursday: (days + 3) mod 7 counts days since Monday.
  const std::int64_t since_monday = ((days + 3) % 7 + 7) % 7;
  return DateOfDay(days - since_monday);
}

// The aggregates read events alone: AppendFilter's conditions need no
// other table.
// An actor's columns as the actor queries select them first: id, code,
// name, country, role, aligned_with.
ActorStat ActorFromRow(const Row& r) {
  ActorStat a;
  a.key = AsText(r[0]);
  a.code = AsText(r[1]);
  a.name = AsText(r[2]);
  a.country = AsText(r[3]);
  a.role = AsText(r[4]);
  a.aligned_with = AsText(r[5]);
  return a;
}

constexpr std::string_view kFromEvents = " FROM events e WHERE 1 = 1";

}  // namespace

void AppendFilter(const EventFilter& filter, Dialect dialect, std::string* sql,
                  std::vector<Value>* params) {
  auto add = [&](std::string_view condition, Value value) {
    AddCondition(condition, std::move(value), sql, params);
  };
  const bool one_group = !filter.group_of.empty() || !filter.event_id.empty();
  if (!filter.include_merged && !one_group) *sql += " AND e.merged_into IS NULL";
  if (!filter.event_id.empty()) add("e.id = ?", filter.event_id);
  if (!filter.group_of.empty()) add("(e.id = ? OR e.merged_into = ?)", filter.group_of);
  if (!filter.since.empty()) add("e.event_date >= ?", filter.since);
  if (!filter.until.empty()) add("e.event_date <= ?", filter.until);
  if (!filter.country.empty()) add("e.country = ?", filter.country);
  if (!filter.admin1.empty()) add("(e.admin1 = ? OR e.admin1_code = ?)", filter.admin1);
  if (!filter.type.empty()) add("e.type = ?", filter.type);
  if (!filter.factuality.empty()) add("e.factuality = ?", filter.factuality);
  if (filter.min_sources > 1) add("e.source_count >= ?", Int(filter.min_sources));
  if (!filter.article_id.empty()) add("e.article_id = ?", filter.article_id);
  if (!filter.actor.empty()) {
    add("EXISTS (SELECT 1 FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id "
        "WHERE ea.event_id = e.id AND (ac.code = ? OR ac.name = ? OR ac.id = ?))",
        filter.actor);
  }
  // Search through the event's article id, so the condition needs no join
  // with articles (the aggregates read events alone). SQLite: the FTS hits
  // are listed once; "a.seq IN (SELECT rowid ... MATCH)" on the joined
  // row re-ran the full-text query per event (seconds on 100k events).
  if (!filter.search.empty()) {
    if (dialect == Dialect::kSqlite) {
      add("e.article_id IN (SELECT id FROM articles WHERE seq IN "
          "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))",
          Fts5Query(filter.search));
    } else {
      add("e.article_id IN (SELECT id FROM articles WHERE tsv @@ plainto_tsquery('english', ?))",
          filter.search);
    }
  }
  if (filter.has_cursor) {
    // Events without a date sort after every dated one when newest come
    // first, before them otherwise (OrderBy says NULLS LAST / FIRST).
    params->emplace_back(filter.cursor_id);
    const std::string id = "$" + std::to_string(params->size());
    const bool newest = filter.newest_first;
    const char* later = newest ? " < " : " > ";
    if (filter.cursor_date.empty()) {
      *sql += newest ? " AND (e.event_date IS NULL AND e.id < " + id + ")"
                     : " AND (e.event_date IS NOT NULL OR e.id > " + id + ")";
    } else {
      params->emplace_back(filter.cursor_date);
      const std::string date = "$" + std::to_string(params->size());
      *sql += " AND (e.event_date" + std::string(later) + date +
              (newest ? " OR e.event_date IS NULL" : "") + " OR (e.event_date = " + date +
              " AND e.id" + later + id + "))";
    }
  }
}

std::string OrderBy(const EventFilter& filter) {
  return filter.newest_first ? " ORDER BY e.event_date DESC NULLS LAST, e.id DESC"
                             : " ORDER BY e.event_date ASC NULLS FIRST, e.id ASC";
}

}  // namespace store

Result<std::optional<StoredArticle>> Store::GetArticle(std::string_view id) {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  const Value key[] = {std::string(id)};
  auto rows = db.Query(
      "SELECT id, url, source, source_file, headline, standfirst, byline, published, dateline, "
      "language, text, stored_at FROM articles WHERE id = $1",
      key);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StoredArticle>();
  const store::Row& r = rows->front();
  StoredArticle a;
  a.id = AsText(r[0]);
  a.url = AsText(r[1]);
  a.source = AsText(r[2]);
  a.source_file = AsText(r[3]);
  a.headline = AsText(r[4]);
  a.standfirst = AsText(r[5]);
  a.byline = AsText(r[6]);
  a.published = AsText(r[7]);
  a.dateline = AsText(r[8]);
  a.language = AsText(r[9]);
  a.text = AsText(r[10]);
  a.stored_at = AsText(r[11]);
  auto quotes = db.Query(
      "SELECT speaker, speaker_role, text, sentence_index, start_byte, end_byte FROM quotes "
      "WHERE article_id = $1 ORDER BY position",
      key);
  if (!quotes.ok()) return quotes.status();
  for (const store::Row& q : *quotes) {
    QuoteRecord quote;
    quote.speaker = AsText(q[0]);
    quote.speaker_role = AsText(q[1]);
    quote.text = AsText(q[2]);
    quote.sentence_index = static_cast<std::uint32_t>(AsInt(q[3]));
    quote.start = static_cast<std::uint32_t>(AsInt(q[4]));
    quote.end = static_cast<std::uint32_t>(AsInt(q[5]));
    a.quotes.push_back(std::move(quote));
  }
  return std::optional<StoredArticle>(std::move(a));
}

Result<EventStats> Store::Stats(const EventFilter& filter) {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  std::string where;
  std::vector<Value> params;
  store::AppendFilter(filter, db.dialect(), &where, &params);
  EventStats stats;
  auto totals = db.Query("SELECT count(*), count(DISTINCT e.article_id), min(e.event_date), "
                         "max(e.event_date)" +
                             std::string(store::kFromEvents) + where,
                         params);
  if (!totals.ok()) return totals.status();
  if (!totals->empty()) {
    const store::Row& r = totals->front();
    stats.events = AsInt(r[0]);
    stats.articles = AsInt(r[1]);
    stats.date_min = AsText(r[2]);
    stats.date_max = AsText(r[3]);
  }
  auto count_by = [&](std::string_view column, std::vector<KeyCount>* out) -> Status {
    const std::string c(column);
    auto rows = db.Query("SELECT " + c + ", count(*)" + std::string(store::kFromEvents) + where +
                             " AND " + c + " IS NOT NULL GROUP BY " + c +
                             " ORDER BY count(*) DESC, " + c,
                         params);
    if (!rows.ok()) return rows.status();
    for (const store::Row& r : *rows) out->push_back({AsText(r[0]), AsInt(r[1])});
    return Status::Ok();
  };
  if (Status s = count_by("e.type", &stats.types); !s.ok()) return s;
  if (Status s = count_by("e.country", &stats.countries); !s.ok()) return s;
  if (Status s = count_by("e.factuality", &stats.factualities); !s.ok()) return s;
  return stats;
}

Result<std::vector<TimelineBin>> Store::Timeline(const EventFilter& filter, TimeBucket bucket) {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  std::string sql = "SELECT e.event_date, e.type, count(*)" + std::string(store::kFromEvents);
  std::vector<Value> params;
  store::AppendFilter(filter, db.dialect(), &sql, &params);
  sql += " AND e.event_date IS NOT NULL GROUP BY e.event_date, e.type ORDER BY e.event_date, e.type";
  auto rows = db.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<TimelineBin> bins;
  if (bucket == TimeBucket::kDay) {
    bins.reserve(rows->size());
    for (const store::Row& r : *rows) bins.push_back({AsText(r[0]), AsText(r[1]), AsInt(r[2])});
    return bins;
  }
  std::map<std::pair<std::string, std::string>, std::int64_t> weeks;
  for (const store::Row& r : *rows) weeks[{store::WeekOf(AsText(r[0])), AsText(r[1])}] += AsInt(r[2]);
  bins.reserve(weeks.size());
  for (const auto& [key, count] : weeks) bins.push_back({key.first, key.second, count});
  return bins;
}

Result<std::vector<ActorStat>> Store::Actors(const EventFilter& filter, std::size_t limit) {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  std::string sql =
      "SELECT ac.id, ac.code, ac.name, ac.country, ac.role, ac.aligned_with, "
      "sum(CASE WHEN ea.side = 'source' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN ea.side = 'target' THEN 1 ELSE 0 END), count(DISTINCT e.id) "
      "FROM events e CROSS JOIN event_actors ea CROSS JOIN actors ac "
      "WHERE ea.event_id = e.id AND ac.id = ea.actor_id";
  std::vector<Value> params;
  store::AppendFilter(filter, db.dialect(), &sql, &params);
  sql += " GROUP BY ac.id, ac.code, ac.name, ac.country, ac.role, ac.aligned_with "
         "ORDER BY count(DISTINCT e.id) DESC, ac.id LIMIT " +
         std::to_string(limit == 0 ? 100 : limit);
  auto rows = db.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<ActorStat> actors;
  actors.reserve(rows->size());
  for (const store::Row& r : *rows) {
    ActorStat a = store::ActorFromRow(r);
    a.as_source = AsInt(r[6]);
    a.as_target = AsInt(r[7]);
    a.events = AsInt(r[8]);
    actors.push_back(std::move(a));
  }
  return actors;
}

Result<ActorNetwork> Store::Network(const EventFilter& filter, std::size_t limit) {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  std::string sql =
      "SELECT s.actor_id, t.actor_id, e.type, count(DISTINCT e.id) "
      "FROM events e CROSS JOIN event_actors s CROSS JOIN event_actors t "
      "WHERE s.event_id = e.id AND s.side = 'source' AND t.event_id = e.id AND t.side = 'target'";
  std::vector<Value> params;
  store::AppendFilter(filter, db.dialect(), &sql, &params);
  sql += " GROUP BY s.actor_id, t.actor_id, e.type";
  auto rows = db.Query(sql, params);
  if (!rows.ok()) return rows.status();

  std::map<std::pair<std::string, std::string>, ActorEdge> by_pair;
  for (const store::Row& r : *rows) {
    ActorEdge& edge = by_pair[{AsText(r[0]), AsText(r[1])}];
    edge.source_key = AsText(r[0]);
    edge.target_key = AsText(r[1]);
    edge.weight += AsInt(r[3]);
    edge.types.push_back({AsText(r[2]), AsInt(r[3])});
  }
  ActorNetwork network;
  network.edges.reserve(by_pair.size());
  for (auto& [pair, edge] : by_pair) {
    std::sort(edge.types.begin(), edge.types.end(), [](const KeyCount& x, const KeyCount& y) {
      return x.count != y.count ? x.count > y.count : x.key < y.key;
    });
    network.edges.push_back(std::move(edge));
  }
  std::stable_sort(network.edges.begin(), network.edges.end(),
                   [](const ActorEdge& x, const ActorEdge& y) { return x.weight > y.weight; });
  const size_t keep = limit == 0 ? 200 : limit;
  if (network.edges.size() > keep) network.edges.resize(keep);

  // The nodes: every actor on a kept edge, with its details.
  std::map<std::string, std::int64_t> weight_of;
  for (const ActorEdge& edge : network.edges) {
    weight_of[edge.source_key] += edge.weight;
    if (edge.target_key != edge.source_key) weight_of[edge.target_key] += edge.weight;
  }
  std::vector<std::string> keys;
  keys.reserve(weight_of.size());
  for (const auto& [key, weight] : weight_of) keys.push_back(key);
  constexpr size_t kChunk = 64;
  std::string list = "(";
  for (size_t i = 0; i < kChunk; ++i) list += (i ? ", $" : "$") + std::to_string(i + 1);
  list += ")";
  const std::string actor_sql =
      "SELECT id, code, name, country, role, aligned_with FROM actors WHERE id IN " + list;
  for (size_t from = 0; from < keys.size(); from += kChunk) {
    std::vector<Value> chunk;
    for (size_t i = from; i < from + kChunk; ++i) {
      chunk.emplace_back(i < keys.size() ? keys[i] : std::string());
    }
    auto actors = db.Query(actor_sql, chunk);
    if (!actors.ok()) return actors.status();
    for (const store::Row& r : *actors) {
      ActorStat a = store::ActorFromRow(r);
      a.events = weight_of[a.key];
      network.nodes.push_back(std::move(a));
    }
  }
  std::sort(network.nodes.begin(), network.nodes.end(), [](const ActorStat& x, const ActorStat& y) {
    return x.events != y.events ? x.events > y.events : x.key < y.key;
  });
  return network;
}

Result<std::vector<EventPoint>> Store::Points(const EventFilter& filter) {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  std::string sql =
      "SELECT e.id, e.type, e.event_date, e.factuality, e.place, e.country, e.admin1, "
      "e.location_precision, e.lat, e.lon, e.killed, e.injured" +
      std::string(store::kFromEvents) + " AND e.lat IS NOT NULL AND e.lon IS NOT NULL";
  std::vector<Value> params;
  EventFilter newest = filter;
  newest.newest_first = true;
  store::AppendFilter(newest, db.dialect(), &sql, &params);
  sql += store::OrderBy(newest);
  sql += " LIMIT " + std::to_string(filter.limit == 0 ? 5000 : filter.limit);
  auto rows = db.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<EventPoint> points;
  points.reserve(rows->size());
  for (const store::Row& r : *rows) {
    EventPoint p;
    p.id = AsText(r[0]);
    p.type = AsText(r[1]);
    p.date = AsText(r[2]);
    p.factuality = AsText(r[3]);
    p.place = AsText(r[4]);
    p.country = AsText(r[5]);
    p.admin1 = AsText(r[6]);
    p.precision = AsText(r[7]);
    p.lat = AsDouble(r[8]);
    p.lon = AsDouble(r[9]);
    p.killed = AsInt(r[10]);
    p.injured = AsInt(r[11]);
    points.push_back(std::move(p));
  }
  return points;
}

}  // namespace khaldun
