// Merging repeated reports: events told by several articles (or twice in
// one) become one canonical event with several evidence rows.
//
// Reports are grouped by PLOVER type and factuality, ordered by event date
// (then confidence, then id), and each joins the first open group whose
// canonical report it matches: dates within the window, no conflicting
// place (country, region, distance), and a shared actor on the same side.
// Comparing with the canonical report only, not with any member, keeps
// chains of daily strikes by the same force from collapsing into one
// event, which single-linkage clustering would do.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "store/store_impl.h"

namespace khaldun::store {
namespace {

struct Report {
  std::string id;
  std::string article_id;
  std::string type;
  std::string factuality;
  std::string date;
  std::int64_t day = 0;
  bool has_day = false;
  std::string country;
  std::string admin1;
  bool has_coordinates = false;
  double lat = 0, lon = 0;
  double confidence = 0;
  std::string source;
  std::set<std::string> actors[2];  // source side, target side
};

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad;
  double dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

std::string JoinSet(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ",";
    out += item;
  }
  return out;
}

// Why `r` tells the same event as `canonical`, or empty when it does not.
std::string MatchReason(const Report& canonical, const Report& r, const MergeOptions& options) {
  std::int64_t gap = std::llabs(r.day - canonical.day);
  if (gap > options.window_days) return {};
  if (!canonical.country.empty() && !r.country.empty() && canonical.country != r.country) return {};
  if (!canonical.admin1.empty() && !r.admin1.empty() && canonical.admin1 != r.admin1) return {};
  double km = -1;
  if (canonical.has_coordinates && r.has_coordinates) {
    km = DistanceKm(canonical.lat, canonical.lon, r.lat, r.lon);
    if (km > options.max_km) return {};
  }
  std::set<std::string> shared[2];
  for (int side = 0; side < 2; ++side) {
    std::set_intersection(canonical.actors[side].begin(), canonical.actors[side].end(),
                          r.actors[side].begin(), r.actors[side].end(),
                          std::inserter(shared[side], shared[side].end()));
  }
  if (options.require_actor_overlap && shared[0].empty() && shared[1].empty()) return {};

  std::string reason = "same type " + r.type + " (" + r.factuality + ")";
  reason += "; dates " + canonical.date + " and " + r.date + " (" + std::to_string(gap) +
            " days apart, window " + std::to_string(options.window_days) + ")";
  if (!canonical.country.empty() || !r.country.empty()) {
    auto place = [](const Report& x) {
      std::string p = x.country.empty() ? "?" : x.country;
      if (!x.admin1.empty()) p += "/" + x.admin1;
      return p;
    };
    reason += "; place " + place(canonical) + " and " + place(r);
  } else {
    reason += "; no place on either";
  }
  if (km >= 0) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, " (%.1f km apart)", km);
    reason += buffer;
  }
  if (!shared[0].empty()) reason += "; shared source " + JoinSet(shared[0]);
  if (!shared[1].empty()) reason += "; shared target " + JoinSet(shared[1]);
  if (canonical.article_id == r.article_id) reason += "; same article";
  return reason;
}

}  // namespace

namespace {

// A group in the making: its canonical report, the reports merged into
// it with their reasons, and the articles and sources that tell it.
struct OpenGroup {
  Report canonical;
  std::vector<std::pair<std::string, std::string>> members;  // id, reason
  std::set<std::string> articles, sources;
};

// One pass of the merge inside the caller's transaction.
class MergeWriter {
 public:
  MergeWriter(Backend& db, const MergeOptions& options, Value run_id)
      : db_(db), options_(options), run_id_(std::move(run_id)) {}

  // Every report of one type and factuality, in (day, confidence
  // descending, id) order, read chunk by chunk; each joins the first open
  // group whose canonical report it matches or opens one. A group whose
  // canonical report is older than the window can gain no one and is
  // written at once.
  Status Partition(const std::string& type, const std::string& factuality) {
    std::vector<OpenGroup> open;
    const bool sqlite = db_.dialect() == Dialect::kSqlite;
    const std::string by_id = sqlite ? "e.id" : "e.id COLLATE \"C\"";
    const std::string in_partition = " WHERE e.type = $1 AND e.factuality = $2 ";
    auto first = db_.Query("SELECT min(e.event_date) FROM events e" + in_partition,
                           Params(type, factuality));
    if (!first.ok()) return first.status();
    if (IsNull((*first)[0][0])) return Status::Ok();
    std::string from = AsText((*first)[0][0]);
    while (true) {
      // This chunk: whole days from `from` to the date chunk_rows rows on
      // (or to the end); a day with more rows than that is one chunk.
      Value params[] = {type, factuality, from,
                        Int(std::max<std::int64_t>(1, options_.chunk_rows))};
      auto next = db_.Query("SELECT e.event_date FROM events e" + in_partition +
                                "AND e.event_date >= $3 ORDER BY e.event_date LIMIT 1 OFFSET $4",
                            params);
      if (!next.ok()) return next.status();
      std::string to;  // empty: to the end
      if (!next->empty()) {
        to = AsText((*next)[0][0]);
        if (to == from) {
          Value after[] = {type, factuality, from};
          auto later = db_.Query(
              "SELECT min(e.event_date) FROM events e" + in_partition + "AND e.event_date > $3",
              after);
          if (!later.ok()) return later.status();
          to = IsNull((*later)[0][0]) ? std::string() : AsText((*later)[0][0]);
        }
      }
      std::string range = "AND e.event_date >= $3";
      std::vector<Value> chunk_params = {type, factuality, from};
      if (!to.empty()) {
        range += " AND e.event_date < $4";
        chunk_params.push_back(to);
      }
      auto rows = db_.Query(
          "SELECT e.id, e.article_id, e.event_date, e.country, e.admin1, e.lat, e.lon, "
          "e.confidence, a.source FROM events e JOIN articles a ON a.id = e.article_id" +
              in_partition + range + " ORDER BY e.event_date, e.confidence DESC, " + by_id,
          chunk_params);
      if (!rows.ok()) return rows.status();
      auto actor_rows = db_.Query(
          "SELECT ea.event_id, ea.side, coalesce(ac.code, ac.name) FROM events e "
          "JOIN event_actors ea ON ea.event_id = e.id JOIN actors ac ON ac.id = ea.actor_id" +
              in_partition + range + " AND (ac.code IS NOT NULL OR ac.name IS NOT NULL)",
          chunk_params);
      if (!actor_rows.ok()) return actor_rows.status();
      std::vector<Report> reports;
      reports.reserve(rows->size());
      std::map<std::string, size_t> index_of;
      for (const Row& r : *rows) {
        Report report;
        report.id = AsText(r[0]);
        report.article_id = AsText(r[1]);
        report.type = type;
        report.factuality = factuality;
        report.date = AsText(r[2]);
        report.has_day = DayNumber(report.date, &report.day);
        report.country = AsText(r[3]);
        report.admin1 = AsText(r[4]);
        report.has_coordinates = !IsNull(r[5]) && !IsNull(r[6]);
        report.lat = AsDouble(r[5]);
        report.lon = AsDouble(r[6]);
        report.confidence = AsDouble(r[7]);
        report.source = AsText(r[8]);
        index_of[report.id] = reports.size();
        reports.push_back(std::move(report));
      }
      for (const Row& r : *actor_rows) {
        auto it = index_of.find(AsText(r[0]));
        if (it == index_of.end()) continue;
        reports[it->second].actors[AsText(r[1]) == "source" ? 0 : 1].insert(AsText(r[2]));
      }
      for (Report& r : reports) {
        if (!r.has_day) continue;  // no date at all: nothing to compare
        // Canonicals older than the window can never match again.
        for (size_t g = 0; g < open.size();) {
          if (r.day - open[g].canonical.day > options_.window_days) {
            if (Status s = Write(open[g]); !s.ok()) return s;
            open.erase(open.begin() + static_cast<std::ptrdiff_t>(g));
          } else {
            ++g;
          }
        }
        bool joined = false;
        for (OpenGroup& group : open) {
          std::string reason = MatchReason(group.canonical, r, options_);
          if (reason.empty()) continue;
          group.members.emplace_back(r.id, std::move(reason));
          group.articles.insert(r.article_id);
          group.sources.insert(r.source);
          joined = true;
          break;
        }
        if (!joined) {
          OpenGroup group;
          group.articles.insert(r.article_id);
          group.sources.insert(r.source);
          group.canonical = std::move(r);
          open.push_back(std::move(group));
        }
      }
      if (to.empty()) break;
      from = to;
    }
    for (const OpenGroup& group : open) {
      if (Status s = Write(group); !s.ok()) return s;
    }
    return Status::Ok();
  }

  std::int64_t merged() const { return merged_; }
  std::int64_t groups() const { return groups_; }

 private:
  static std::vector<Value> Params(const std::string& type, const std::string& factuality) {
    return {type, factuality};
  }

  Status Write(const OpenGroup& group) {
    if (group.members.empty()) return Status::Ok();
    const std::string& into = group.canonical.id;
    for (const auto& [id, reason] : group.members) {
      Value update[] = {into, id};
      if (Status s = db_.Run("UPDATE events SET merged_into = $1 WHERE id = $2", update); !s.ok()) {
        return s;
      }
      Value record[] = {id, into, run_id_, reason};
      if (Status s = db_.Run(
              "INSERT INTO merges (event_id, into_id, run_id, reason) VALUES ($1, $2, $3, $4)",
              record);
          !s.ok()) {
        return s;
      }
    }
    Value counts[] = {Int(static_cast<std::int64_t>(group.members.size() + 1)),
                      Int(static_cast<std::int64_t>(group.articles.size())),
                      Int(static_cast<std::int64_t>(group.sources.size())), into};
    if (Status s =
            db_.Run("UPDATE events SET report_count = $1, article_count = $2, source_count = $3 "
                    "WHERE id = $4",
                    counts);
        !s.ok()) {
      return s;
    }
    merged_ += static_cast<std::int64_t>(group.members.size());
    ++groups_;
    return Status::Ok();
  }

  Backend& db_;
  const MergeOptions& options_;
  Value run_id_;
  std::int64_t merged_ = 0, groups_ = 0;
};

}  // namespace

// Reports only ever join a group of their own type and factuality, so the
// merge runs partition by partition, each read in date order a chunk at a
// time: memory holds one chunk and the groups open within the window,
// however large the store (it had held every event, about 2 KB each).
Result<MergeStats> RunMerge(Backend& db, const MergeOptions& options) {
  if (Status s = db.Begin(); !s.ok()) return s;
  auto fail = [&db](Status s) -> Result<MergeStats> {
    (void)db.ExecScript("ROLLBACK");
    return s;
  };
  MergeStats stats;
  auto count = db.Query("SELECT count(*) FROM events", {});
  if (!count.ok()) return fail(count.status());
  stats.reports = AsInt((*count)[0][0]);
  if (Status s = db.Run("DELETE FROM merges", {}); !s.ok()) return fail(s);
  if (Status s =
          db.Run("UPDATE events SET merged_into = NULL, report_count = 1, article_count = 1, "
                 "source_count = 1 WHERE merged_into IS NOT NULL OR report_count <> 1 OR "
                 "article_count <> 1 OR source_count <> 1",
                 {});
      !s.ok()) {
    return fail(s);
  }
  Value run_params[] = {UtcNow(),
                        Int(options.enabled ? 1 : 0),
                        Int(options.window_days),
                        Value(options.max_km),
                        Int(options.require_actor_overlap ? 1 : 0),
                        Int(stats.reports),
                        Int(0)};
  auto run = db.Query(
      "INSERT INTO merge_runs (ran_at, enabled, window_days, max_km, require_actor_overlap, "
      "reports, merged) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      run_params);
  if (!run.ok()) return fail(run.status());
  Value run_id = Int(AsInt((*run)[0][0]));
  MergeWriter writer(db, options, run_id);
  if (options.enabled) {
    auto partitions =
        db.Query("SELECT DISTINCT type, factuality FROM events ORDER BY type, factuality", {});
    if (!partitions.ok()) return fail(partitions.status());
    for (const Row& p : *partitions) {
      if (Status s = writer.Partition(AsText(p[0]), AsText(p[1])); !s.ok()) return fail(s);
    }
  }
  Value totals[] = {Int(writer.merged()), run_id};
  if (Status s = db.Run("UPDATE merge_runs SET merged = $1 WHERE id = $2", totals); !s.ok()) {
    return fail(s);
  }
  if (Status s = db.ExecScript("COMMIT"); !s.ok()) return fail(s);
  stats.merged = writer.merged();
  stats.groups = writer.groups();
  return stats;
}

Result<std::vector<MergeRecord>> ReadMerges(Backend& db, std::string_view into_id) {
  Result<std::vector<Row>> rows = Status::Internal("unset");
  if (into_id.empty()) {
    rows = db.Query("SELECT event_id, into_id, reason FROM merges ORDER BY into_id, event_id", {});
  } else {
    Value params[] = {std::string(into_id)};
    rows = db.Query(
        "SELECT event_id, into_id, reason FROM merges WHERE into_id = $1 ORDER BY event_id",
        params);
  }
  if (!rows.ok()) return rows.status();
  std::vector<MergeRecord> out;
  for (const Row& r : *rows) out.push_back({AsText(r[0]), AsText(r[1]), AsText(r[2])});
  return out;
}

}  // namespace khaldun::store
