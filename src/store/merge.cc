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
  std::string group;  // type + factuality
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

Result<MergeStats> RunMerge(Backend& db, const MergeOptions& options) {
  auto rows = db.Query(
      "SELECT e.id, e.article_id, e.type, e.factuality, e.event_date, e.country, e.admin1, "
      "e.lat, e.lon, e.confidence, a.source FROM events e JOIN articles a ON a.id = e.article_id",
      {});
  if (!rows.ok()) return rows.status();
  std::vector<Report> reports;
  reports.reserve(rows->size());
  std::map<std::string, size_t> index_of;
  for (const Row& r : *rows) {
    Report report;
    report.id = AsText(r[0]);
    report.article_id = AsText(r[1]);
    report.type = AsText(r[2]);
    report.factuality = AsText(r[3]);
    report.group = report.type + "\x1f" + report.factuality;
    report.date = AsText(r[4]);
    report.has_day = DayNumber(report.date, &report.day);
    report.country = AsText(r[5]);
    report.admin1 = AsText(r[6]);
    report.has_coordinates = !IsNull(r[7]) && !IsNull(r[8]);
    report.lat = AsDouble(r[7]);
    report.lon = AsDouble(r[8]);
    report.confidence = AsDouble(r[9]);
    report.source = AsText(r[10]);
    index_of[report.id] = reports.size();
    reports.push_back(std::move(report));
  }
  auto actor_rows = db.Query(
      "SELECT ea.event_id, ea.side, coalesce(ac.code, ac.name) FROM event_actors ea "
      "JOIN actors ac ON ac.id = ea.actor_id WHERE ac.code IS NOT NULL OR ac.name IS NOT NULL",
      {});
  if (!actor_rows.ok()) return actor_rows.status();
  for (const Row& r : *actor_rows) {
    auto it = index_of.find(AsText(r[0]));
    if (it == index_of.end()) continue;
    reports[it->second].actors[AsText(r[1]) == "source" ? 0 : 1].insert(AsText(r[2]));
  }

  // canonical index -> member indexes (canonical first) and reasons.
  std::map<size_t, std::vector<std::pair<size_t, std::string>>> groups;
  if (options.enabled) {
    std::vector<size_t> order(reports.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const Report& x = reports[a];
      const Report& y = reports[b];
      if (x.group != y.group) return x.group < y.group;
      if (x.day != y.day) return x.day < y.day;
      if (x.confidence != y.confidence) return x.confidence > y.confidence;
      return x.id < y.id;
    });
    std::vector<size_t> open;  // canonical reports of the current type, by date
    std::string current_group;
    for (size_t i : order) {
      const Report& r = reports[i];
      if (!r.has_day) continue;  // no date at all: nothing to compare
      if (r.group != current_group) {
        open.clear();
        current_group = r.group;
      }
      // Canonicals older than the window can never match again.
      open.erase(
          std::remove_if(open.begin(), open.end(),
                         [&](size_t c) { return r.day - reports[c].day > options.window_days; }),
          open.end());
      bool joined = false;
      for (size_t c : open) {
        std::string reason = MatchReason(reports[c], r, options);
        if (reason.empty()) continue;
        groups[c].emplace_back(i, std::move(reason));
        joined = true;
        break;
      }
      if (!joined) open.push_back(i);
    }
  }

  MergeStats stats;
  stats.reports = static_cast<std::int64_t>(reports.size());
  if (Status s = db.Begin(); !s.ok()) return s;
  auto fail = [&db](Status s) -> Result<MergeStats> {
    (void)db.ExecScript("ROLLBACK");
    return s;
  };
  if (Status s = db.Run("DELETE FROM merges", {}); !s.ok()) return fail(s);
  if (Status s =
          db.Run("UPDATE events SET merged_into = NULL, report_count = 1, article_count = 1, "
                 "source_count = 1 WHERE merged_into IS NOT NULL OR report_count <> 1 OR "
                 "article_count <> 1 OR source_count <> 1",
                 {});
      !s.ok()) {
    return fail(s);
  }
  std::int64_t merged = 0;
  for (const auto& [c, members] : groups) merged += static_cast<std::int64_t>(members.size());
  Value run_params[] = {UtcNow(),
                        Int(options.enabled ? 1 : 0),
                        Int(options.window_days),
                        Value(options.max_km),
                        Int(options.require_actor_overlap ? 1 : 0),
                        Int(stats.reports),
                        Int(merged)};
  auto run = db.Query(
      "INSERT INTO merge_runs (ran_at, enabled, window_days, max_km, require_actor_overlap, "
      "reports, merged) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      run_params);
  if (!run.ok()) return fail(run.status());
  Value run_id = Int(AsInt((*run)[0][0]));
  for (const auto& [c, members] : groups) {
    const Report& canonical = reports[c];
    std::set<std::string> articles{canonical.article_id};
    std::set<std::string> sources{canonical.source};
    for (const auto& [m, reason] : members) {
      const Report& r = reports[m];
      articles.insert(r.article_id);
      sources.insert(r.source);
      Value update[] = {canonical.id, r.id};
      if (Status s = db.Run("UPDATE events SET merged_into = $1 WHERE id = $2", update); !s.ok()) {
        return fail(s);
      }
      Value record[] = {r.id, canonical.id, run_id, reason};
      if (Status s = db.Run(
              "INSERT INTO merges (event_id, into_id, run_id, reason) VALUES ($1, $2, $3, $4)",
              record);
          !s.ok()) {
        return fail(s);
      }
    }
    Value counts[] = {Int(static_cast<std::int64_t>(members.size() + 1)),
                      Int(static_cast<std::int64_t>(articles.size())),
                      Int(static_cast<std::int64_t>(sources.size())), canonical.id};
    if (Status s =
            db.Run("UPDATE events SET report_count = $1, article_count = $2, source_count = $3 "
                   "WHERE id = $4",
                   counts);
        !s.ok()) {
      return fail(s);
    }
  }
  if (Status s = db.ExecScript("COMMIT"); !s.ok()) return fail(s);
  stats.merged = merged;
  stats.groups = static_cast<std::int64_t>(groups.size());
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
