// Exports: stored events in the column layouts analysts already use.
// Each format is a list of columns, each a name and how its value is made
// from a StoredEvent; docs/store.md has the same mapping in prose, with
// what does not carry over.
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>

#include "common/data_files.h"
#include "common/json_writer.h"
#include "common/text.h"
#include "khaldun/store.h"
#include "store/delimited.h"
#include "store/store_impl.h"

namespace khaldun {
namespace {

constexpr std::string_view kVersion = "khaldun 0.1.0";

struct CameoRoot {
  std::string goldstein;
  std::string quadclass;
};
struct PloverType {
  std::string quad;
  std::string acled_type;
  std::string disorder;
};
struct CountryInfo {
  std::string iso2;
  std::string name;
  std::string region;
};

// The lookup tables of data/store/ and the country names and regions of
// data/actors/countries.tsv, loaded once per export.
struct Tables {
  std::map<std::string, CameoRoot, std::less<>> cameo;
  std::map<std::string, PloverType, std::less<>> plover;
  std::map<std::string, CountryInfo, std::less<>> countries;

  const CountryInfo* Country(std::string_view iso3) const {
    auto it = countries.find(iso3);
    return it == countries.end() ? nullptr : &it->second;
  }
};

Result<Tables> LoadTables() {
  DataFiles files = DataFiles::Default();
  Tables tables;
  auto cameo = ReadTsvFile(files, "store/goldstein.tsv", 4, 4);
  if (!cameo.ok()) return cameo.status();
  for (const TsvRow& row : cameo->rows) {
    tables.cameo[std::string(row.fields[0])] = {std::string(row.fields[1]),
                                                std::string(row.fields[2])};
  }
  auto plover = ReadTsvFile(files, "store/plover_quad.tsv", 4, 4);
  if (!plover.ok()) return plover.status();
  for (const TsvRow& row : plover->rows) {
    tables.plover[std::string(row.fields[0])] = {
        std::string(row.fields[1]), std::string(row.fields[2]), std::string(row.fields[3])};
  }
  auto countries = ReadTsvFile(files, "actors/countries.tsv", 8, 8);
  if (!countries.ok()) return countries.status();
  auto field = [](std::string_view f) { return f == "-" ? std::string() : std::string(f); };
  for (const TsvRow& row : countries->rows) {
    tables.countries[std::string(row.fields[0])] = {field(row.fields[1]), field(row.fields[2]),
                                                    field(row.fields[7])};
  }
  return tables;
}

std::string Fixed(double v, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

std::string Label(const Actor& a) { return a.name.empty() ? a.text : a.name; }

// One field per actor of a side, joined: "|" in khaldun's CSV (positions
// kept, so the lists line up), "; " in the other formats.
std::string SideField(const std::vector<Actor>& side, std::string (*get)(const Actor&),
                      std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < side.size(); ++i) {
    if (i) out += separator;
    out += get(side[i]);
  }
  return out;
}
std::string ActorCode(const Actor& a) { return a.code; }
std::string ActorName(const Actor& a) { return a.name; }
std::string ActorLabel(const Actor& a) { return Label(a); }
std::string ActorCountry(const Actor& a) { return a.country; }
std::string ActorRole(const Actor& a) { return a.role; }
std::string ActorText(const Actor& a) { return a.text; }

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}


std::string Digits(std::string_view date) {
  std::string out;
  for (char c : date) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// "2024-09-05 12:00:00" -> seconds since the epoch (UTC).
std::string EpochSeconds(std::string_view stored_at) {
  std::int64_t days = 0;
  if (stored_at.size() < 19 || !store::DayNumber(stored_at.substr(0, 10), &days)) return "";
  int h = std::atoi(std::string(stored_at.substr(11, 2)).c_str());
  int m = std::atoi(std::string(stored_at.substr(14, 2)).c_str());
  int s = std::atoi(std::string(stored_at.substr(17, 2)).c_str());
  return std::to_string(days * 86400 + h * 3600 + m * 60 + s);
}

// The last day of the event's period: the month's or year's end for a
// month or year date, else the day itself.
std::string EndDate(const StoredEvent& s) {
  const std::string& d = s.event_date;
  if (d.size() != 10 || s.date_basis != "event") return d;
  if (s.event.date.precision == "year") return d.substr(0, 4) + "-12-31";
  if (s.event.date.precision == "month") {
    int year = std::atoi(d.substr(0, 4).c_str());
    int month = std::atoi(d.substr(5, 2).c_str());
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = kDays[month - 1];
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) last = 29;
    return d.substr(0, 8) + std::to_string(last);
  }
  return d;
}

std::string CameoRootOf(const std::string& cameo) {
  return cameo.size() >= 2 ? cameo.substr(0, 2) : "";
}

bool TargetsCivilians(const Event& e) {
  for (const Actor& a : e.target) {
    if (a.role == "CVL") return true;
  }
  return false;
}

bool ModeIn(const Event& e, std::initializer_list<std::string_view> modes) {
  for (auto m : modes) {
    if (e.mode == m) return true;
  }
  return false;
}

// ACLED event type and sub-event type (docs/store.md, "acled-csv").
std::pair<std::string, std::string> AcledType(const Tables& t, const Event& e) {
  if (e.type == "ASSAULT") {
    if (ModeIn(e, {"aerial", "drone"})) return {"Explosions/Remote violence", "Air/drone strike"};
    if (ModeIn(e, {"missile", "shelling", "artillery"})) {
      return {"Explosions/Remote violence", "Shelling/artillery/missile attack"};
    }
    if (ModeIn(e, {"explosives", "bombing"})) {
      return {"Explosions/Remote violence", "Remote explosive/landmine/IED"};
    }
    if (TargetsCivilians(e)) return {"Violence against civilians", "Attack"};
    return {"Battles", "Armed clash"};
  }
  if (e.type == "PROTEST") {
    if (ModeIn(e, {"riot", "violent"})) return {"Riots", "Violent demonstration"};
    return {"Protests", "Peaceful protest"};
  }
  if (e.type == "COERCE" && e.mode == "arrest") return {"Strategic developments", "Arrests"};
  if (e.type == "AGREE") return {"Strategic developments", "Agreement"};
  auto it = t.plover.find(e.type);
  return {it == t.plover.end() ? "Strategic developments" : it->second.acled_type, "Other"};
}

std::string AcledDisorder(const std::string& event_type) {
  if (event_type == "Protests" || event_type == "Riots") return "Demonstrations";
  if (event_type == "Strategic developments") return "Strategic developments";
  return "Political violence";
}

// ACLED's interaction codes, from the actor's role.
std::string AcledInter(const Event& e, const std::vector<Actor>& side, bool is_source) {
  if (side.empty()) return "";
  const std::string& role = side.front().role;
  if (is_source && e.type == "PROTEST") return ModeIn(e, {"riot", "violent"}) ? "5" : "6";
  if (role == "GOV" || role == "MIL") return "1";
  if (role == "REB") return "2";
  if (role == "INS" || role == "CRM") return "3";
  if (role == "CVL" || role == "MED" || role == "NGO" || role == "BUS" || role == "JUD" ||
      role == "LEG" || role == "POL" || role == "OPP") {
    return "7";
  }
  if (role == "IGO") return "8";
  return "";
}

std::string AcledGeoPrecision(const EventLocation& l) {
  if (l.precision == "exact") return "1";
  if (l.precision == "near") return "2";
  if (l.precision == "admin1" || l.precision == "country") return "3";
  return "";
}

std::string UcdpWherePrec(const EventLocation& l) {
  if (l.precision == "exact") return "1";
  if (l.precision == "near") return "2";
  if (l.precision == "admin1") return "4";
  if (l.precision == "country") return "6";
  return "7";
}

std::string UcdpDatePrec(const StoredEvent& s) {
  if (s.date_basis != "event") return "2";
  if (s.event.date.precision == "month") return "4";
  if (s.event.date.precision == "year") return "5";
  return "1";
}

bool IsState(const std::vector<Actor>& side) {
  for (const Actor& a : side) {
    if (a.role == "GOV" || a.role == "MIL") return true;
  }
  return false;
}

std::string UcdpTypeOfViolence(const Event& e) {
  if (e.type != "ASSAULT" && e.type != "COERCE") return "";
  if (TargetsCivilians(e)) return "3";
  if (IsState(e.source) || IsState(e.target)) return "1";
  return "2";
}

bool SameActor(const Actor& victim, const std::vector<Actor>& side) {
  for (const Actor& a : side) {
    if (!victim.code.empty() && victim.code == a.code) return true;
    if (victim.code.empty() && !victim.country.empty() && victim.country == a.country &&
        victim.role == a.role) {
      return true;
    }
  }
  return false;
}

struct Deaths {
  std::int64_t a = 0, b = 0, civilians = 0, unknown = 0, best = 0, low = 0, high = 0;
};

Deaths UcdpDeaths(const Event& e) {
  Deaths d;
  for (const CasualtyCount& c : e.casualties) {
    if (c.outcome != "killed") continue;
    d.best += c.best;
    d.low += c.low > 0 ? c.low : c.best;
    d.high += c.high > 0 ? c.high : c.best;
    if (c.has_victim && c.victim.role == "CVL") {
      d.civilians += c.best;
    } else if (c.has_victim && SameActor(c.victim, e.source)) {
      d.a += c.best;
    } else if (c.has_victim && SameActor(c.victim, e.target)) {
      d.b += c.best;
    } else {
      d.unknown += c.best;
    }
  }
  return d;
}

// GDELT ids are integers: the first 15 hex digits of khaldun's id (60
// bits, so the value fits a signed 64-bit column).
std::string NumericId(const std::string& id) {
  std::string hex = id.size() >= 15 ? id.substr(0, 15) : id;
  for (char c : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::to_string(Hash64(id) >> 4);
  }
  return std::to_string(std::strtoull(hex.c_str(), nullptr, 16));
}

std::string FractionDate(const std::string& date) {
  std::int64_t day = 0, jan1 = 0;
  if (!store::DayNumber(date, &day) || !store::DayNumber(date.substr(0, 4) + "-01-01", &jan1)) {
    return "";
  }
  double fraction = static_cast<double>(day - jan1 + 1) / 365.0;
  return Fixed(std::atoi(date.substr(0, 4).c_str()) + fraction, 4);
}

std::string GdeltGeoType(const EventLocation& l) {
  if (l.precision == "country") return "1";
  if (l.precision == "admin1") return "5";
  if (l.precision == "exact" || l.precision == "near") return "4";
  return l.country.empty() ? "0" : "1";
}

std::string FullPlace(const Tables& t, const EventLocation& l) {
  std::vector<std::string> parts;
  if (!l.place.empty()) parts.push_back(l.place);
  if (!l.admin1.empty()) parts.push_back(l.admin1);
  if (const CountryInfo* c = t.Country(l.country)) parts.push_back(c->name);
  return Join(parts, ", ");
}

using Getter = std::function<std::string(const Tables&, const StoredEvent&)>;
struct Column {
  std::string name;
  Getter get;
};

std::string Lat(const StoredEvent& s) {
  return s.event.location.has_coordinates ? Fixed(s.event.location.lat, 6) : "";
}
std::string Lon(const StoredEvent& s) {
  return s.event.location.has_coordinates ? Fixed(s.event.location.lon, 6) : "";
}
std::string CountryName(const Tables& t, const std::string& iso3) {
  const CountryInfo* c = t.Country(iso3);
  return c ? c->name : "";
}
std::string CountryRegion(const Tables& t, const std::string& iso3) {
  const CountryInfo* c = t.Country(iso3);
  return c ? c->region : "";
}
std::string Goldstein(const Tables& t, const Event& e) {
  auto it = t.cameo.find(CameoRootOf(e.cameo));
  return it == t.cameo.end() ? "" : it->second.goldstein;
}
std::string PloverQuad(const Tables& t, const Event& e) {
  auto it = t.plover.find(e.type);
  return it == t.plover.end() ? "" : it->second.quad;
}

std::string CasualtiesField(const Event& e) {
  std::vector<std::string> items;
  for (const CasualtyCount& c : e.casualties) {
    items.push_back(c.outcome + ":" + std::to_string(c.best) + ":" + std::to_string(c.low) + ":" +
                    std::to_string(c.high) + ":" + c.qualifier);
  }
  return Join(items, "|");
}

std::vector<Column> KhaldunColumns() {
  auto e = [](auto f) {
    return [f](const Tables&, const StoredEvent& s) -> std::string { return f(s.event); };
  };
  auto s = [](auto f) {
    return [f](const Tables&, const StoredEvent& st) -> std::string { return f(st); };
  };
  return {
      {"event_id", e([](const Event& v) { return v.id; })},
      {"article_id", s([](const StoredEvent& v) { return v.article_id; })},
      {"type", e([](const Event& v) { return v.type; })},
      {"cameo", e([](const Event& v) { return v.cameo; })},
      {"mode", e([](const Event& v) { return v.mode; })},
      {"factuality", e([](const Event& v) { return v.factuality; })},
      {"factuality_cue", e([](const Event& v) { return v.factuality_cue; })},
      {"confidence", e([](const Event& v) { return Fixed(v.confidence, 3); })},
      {"event_date", s([](const StoredEvent& v) { return v.event_date; })},
      {"date_basis", s([](const StoredEvent& v) { return v.date_basis; })},
      {"date_value", e([](const Event& v) { return v.date.value; })},
      {"date_precision", e([](const Event& v) { return v.date.precision; })},
      {"date_text", e([](const Event& v) { return v.date.text; })},
      {"source_codes", e([](const Event& v) { return SideField(v.source, ActorCode, "|"); })},
      {"source_names", e([](const Event& v) { return SideField(v.source, ActorName, "|"); })},
      {"source_countries",
       e([](const Event& v) { return SideField(v.source, ActorCountry, "|"); })},
      {"source_roles", e([](const Event& v) { return SideField(v.source, ActorRole, "|"); })},
      {"source_text", e([](const Event& v) { return SideField(v.source, ActorText, "|"); })},
      {"target_codes", e([](const Event& v) { return SideField(v.target, ActorCode, "|"); })},
      {"target_names", e([](const Event& v) { return SideField(v.target, ActorName, "|"); })},
      {"target_countries",
       e([](const Event& v) { return SideField(v.target, ActorCountry, "|"); })},
      {"target_roles", e([](const Event& v) { return SideField(v.target, ActorRole, "|"); })},
      {"target_text", e([](const Event& v) { return SideField(v.target, ActorText, "|"); })},
      {"country", e([](const Event& v) { return v.location.country; })},
      {"admin1", e([](const Event& v) { return v.location.admin1; })},
      {"admin1_code", e([](const Event& v) { return v.location.admin1_code; })},
      {"place", e([](const Event& v) { return v.location.place; })},
      {"latitude", s(Lat)},
      {"longitude", s(Lon)},
      {"location_precision", e([](const Event& v) { return v.location.precision; })},
      {"killed", e([](const Event& v) { return std::to_string(CasualtyTotal(v, "killed")); })},
      {"injured", e([](const Event& v) { return std::to_string(CasualtyTotal(v, "injured")); })},
      {"kidnapped", e([](const Event& v) { return std::to_string(CasualtyTotal(v, "kidnapped")); })},
      {"arrested", e([](const Event& v) { return std::to_string(CasualtyTotal(v, "arrested")); })},
      {"displaced", e([](const Event& v) { return std::to_string(CasualtyTotal(v, "displaced")); })},
      {"casualties", e(CasualtiesField)},
      {"reported_by", e([](const Event& v) { return Join(v.reported_by, "|"); })},
      {"sentence_index", e([](const Event& v) { return std::to_string(v.sentence.index); })},
      {"sentence", s([](const StoredEvent& v) { return v.sentence_text; })},
      {"rule", e([](const Event& v) { return v.rule; })},
      {"trigger", e([](const Event& v) { return v.trigger; })},
      {"report_count", s([](const StoredEvent& v) { return std::to_string(v.report_count); })},
      {"article_count", s([](const StoredEvent& v) { return std::to_string(v.article_count); })},
      {"source_count", s([](const StoredEvent& v) { return std::to_string(v.source_count); })},
      {"sources", s([](const StoredEvent& v) { return Join(v.sources, "|"); })},
      {"url", s([](const StoredEvent& v) { return v.url; })},
      {"source", s([](const StoredEvent& v) { return v.source; })},
      {"published", s([](const StoredEvent& v) { return v.published; })},
      {"headline", s([](const StoredEvent& v) { return v.headline; })},
      {"merged_into", s([](const StoredEvent& v) { return v.merged_into; })},
  };
}

std::vector<Column> AcledColumns() {
  auto first_label = [](const std::vector<Actor>& side) {
    return side.empty() ? std::string() : Label(side.front());
  };
  auto associated = [](const std::vector<Actor>& side) {
    std::vector<std::string> rest;
    for (size_t i = 1; i < side.size(); ++i) rest.push_back(Label(side[i]));
    return Join(rest, "; ");
  };
  return {
      {"event_id_cnty",
       [](const Tables&, const StoredEvent& s) {
         return (s.event.location.country.empty() ? std::string("XXX") : s.event.location.country) +
                s.event.id;
       }},
      {"event_date", [](const Tables&, const StoredEvent& s) { return s.event_date; }},
      {"year", [](const Tables&, const StoredEvent& s) { return s.event_date.substr(0, 4); }},
      {"time_precision",
       [](const Tables&, const StoredEvent& s) -> std::string {
         if (s.date_basis != "event") return "2";
         return s.event.date.precision == "day" || s.event.date.precision.empty() ? "1" : "3";
       }},
      {"disorder_type",
       [](const Tables& t, const StoredEvent& s) {
         return AcledDisorder(AcledType(t, s.event).first);
       }},
      {"event_type",
       [](const Tables& t, const StoredEvent& s) { return AcledType(t, s.event).first; }},
      {"sub_event_type",
       [](const Tables& t, const StoredEvent& s) { return AcledType(t, s.event).second; }},
      {"actor1",
       [first_label](const Tables&, const StoredEvent& s) { return first_label(s.event.source); }},
      {"assoc_actor_1",
       [associated](const Tables&, const StoredEvent& s) { return associated(s.event.source); }},
      {"inter1", [](const Tables&,
                    const StoredEvent& s) { return AcledInter(s.event, s.event.source, true); }},
      {"actor2",
       [first_label](const Tables&, const StoredEvent& s) { return first_label(s.event.target); }},
      {"assoc_actor_2",
       [associated](const Tables&, const StoredEvent& s) { return associated(s.event.target); }},
      {"inter2", [](const Tables&,
                    const StoredEvent& s) { return AcledInter(s.event, s.event.target, false); }},
      {"interaction",
       [](const Tables&, const StoredEvent& s) -> std::string {
         std::string a = AcledInter(s.event, s.event.source, true);
         std::string b = AcledInter(s.event, s.event.target, false);
         if (a.empty() && b.empty()) return "";
         if (a.empty()) a = "0";
         if (b.empty()) b = "0";
         if (a == "0" || (b != "0" && b < a)) std::swap(a, b);
         return a + b;
       }},
      {"civilian_targeting",
       [](const Tables&, const StoredEvent& s) -> std::string {
         bool violent = s.event.type == "ASSAULT" || s.event.type == "COERCE";
         return violent && TargetsCivilians(s.event) ? "Civilian targeting" : "";
       }},
      {"iso", [](const Tables&, const StoredEvent&) { return std::string(); }},
      {"region", [](const Tables& t,
                    const StoredEvent& s) { return CountryRegion(t, s.event.location.country); }},
      {"country", [](const Tables& t,
                     const StoredEvent& s) { return CountryName(t, s.event.location.country); }},
      {"admin1", [](const Tables&, const StoredEvent& s) { return s.event.location.admin1; }},
      {"admin2", [](const Tables&, const StoredEvent&) { return std::string(); }},
      {"admin3", [](const Tables&, const StoredEvent&) { return std::string(); }},
      {"location", [](const Tables&, const StoredEvent& s) { return s.event.location.place; }},
      {"latitude", [](const Tables&, const StoredEvent& s) { return Lat(s); }},
      {"longitude", [](const Tables&, const StoredEvent& s) { return Lon(s); }},
      {"geo_precision",
       [](const Tables&, const StoredEvent& s) { return AcledGeoPrecision(s.event.location); }},
      {"source", [](const Tables&, const StoredEvent& s) { return Join(s.sources, "; "); }},
      {"source_scale", [](const Tables&, const StoredEvent&) { return std::string(); }},
      {"notes", [](const Tables&, const StoredEvent& s) { return s.sentence_text; }},
      {"fatalities",
       [](const Tables&, const StoredEvent& s) {
         return std::to_string(CasualtyTotal(s.event, "killed"));
       }},
      {"tags",
       [](const Tables&, const StoredEvent& s) {
         return "khaldun: rule " + s.event.rule + "; factuality " + s.event.factuality +
                "; reports " + std::to_string(s.report_count);
       }},
      {"timestamp", [](const Tables&, const StoredEvent& s) { return EpochSeconds(s.stored_at); }},
  };
}

std::vector<Column> UcdpColumns() {
  auto empty = [](const Tables&, const StoredEvent&) { return std::string(); };
  auto side_a = [](const Tables&, const StoredEvent& s) {
    return SideField(s.event.source, ActorLabel, "; ");
  };
  auto side_b = [](const Tables&, const StoredEvent& s) {
    return SideField(s.event.target, ActorLabel, "; ");
  };
  auto deaths = [](std::int64_t Deaths::*member) {
    return [member](const Tables&, const StoredEvent& s) {
      return std::to_string(UcdpDeaths(s.event).*member);
    };
  };
  return {
      {"id", [](const Tables&, const StoredEvent& s) { return s.event.id; }},
      {"relid",
       [](const Tables&, const StoredEvent& s) { return s.article_id + ":" + s.event.id; }},
      {"year", [](const Tables&, const StoredEvent& s) { return s.event_date.substr(0, 4); }},
      {"active_year", empty},
      {"code_status", [](const Tables&, const StoredEvent&) { return std::string("khaldun"); }},
      {"type_of_violence",
       [](const Tables&, const StoredEvent& s) { return UcdpTypeOfViolence(s.event); }},
      {"conflict_dset_id", empty},
      {"conflict_new_id", empty},
      {"conflict_name", empty},
      {"dyad_dset_id", empty},
      {"dyad_new_id", empty},
      {"dyad_name",
       [side_a, side_b](const Tables& t, const StoredEvent& s) {
         std::string a = side_a(t, s), b = side_b(t, s);
         return a.empty() && b.empty() ? std::string() : a + " - " + b;
       }},
      {"side_a_dset_id", empty},
      {"side_a_new_id", empty},
      {"side_a", side_a},
      {"side_b_dset_id", empty},
      {"side_b_new_id", empty},
      {"side_b", side_b},
      {"number_of_sources",
       [](const Tables&, const StoredEvent& s) { return std::to_string(s.source_count); }},
      {"source_article", [](const Tables&, const StoredEvent& s) { return Join(s.urls, "; "); }},
      {"source_office", [](const Tables&, const StoredEvent& s) { return Join(s.sources, "; "); }},
      {"source_date", [](const Tables&, const StoredEvent& s) { return s.published; }},
      {"source_headline", [](const Tables&, const StoredEvent& s) { return s.headline; }},
      {"source_original",
       [](const Tables&, const StoredEvent& s) { return Join(s.event.reported_by, "; "); }},
      {"where_prec",
       [](const Tables&, const StoredEvent& s) { return UcdpWherePrec(s.event.location); }},
      {"where_coordinates",
       [](const Tables&, const StoredEvent& s) { return s.event.location.place; }},
      {"where_description",
       [](const Tables& t, const StoredEvent& s) { return FullPlace(t, s.event.location); }},
      {"adm_1", [](const Tables&, const StoredEvent& s) { return s.event.location.admin1; }},
      {"adm_2", empty},
      {"latitude", [](const Tables&, const StoredEvent& s) { return Lat(s); }},
      {"longitude", [](const Tables&, const StoredEvent& s) { return Lon(s); }},
      {"geom_wkt",
       [](const Tables&, const StoredEvent& s) {
         return s.event.location.has_coordinates ? "POINT (" + Lon(s) + " " + Lat(s) + ")"
                                                 : std::string();
       }},
      {"priogrid_gid", empty},
      {"country", [](const Tables& t,
                     const StoredEvent& s) { return CountryName(t, s.event.location.country); }},
      {"country_id", empty},
      {"region", [](const Tables& t,
                    const StoredEvent& s) { return CountryRegion(t, s.event.location.country); }},
      {"event_clarity",
       [](const Tables&, const StoredEvent& s) {
         return std::string(s.event.factuality == "asserted" ? "1" : "2");
       }},
      {"date_prec", [](const Tables&, const StoredEvent& s) { return UcdpDatePrec(s); }},
      {"date_start", [](const Tables&, const StoredEvent& s) { return s.event_date; }},
      {"date_end", [](const Tables&, const StoredEvent& s) { return EndDate(s); }},
      {"deaths_a", deaths(&Deaths::a)},
      {"deaths_b", deaths(&Deaths::b)},
      {"deaths_civilians", deaths(&Deaths::civilians)},
      {"deaths_unknown", deaths(&Deaths::unknown)},
      {"best", deaths(&Deaths::best)},
      {"high", deaths(&Deaths::high)},
      {"low", deaths(&Deaths::low)},
      {"gwnoa", empty},
      {"gwnob", empty},
  };
}

std::vector<Column> GdeltColumns() {
  auto empty = [](const Tables&, const StoredEvent&) { return std::string(); };
  std::vector<Column> columns = {
      {"GLOBALEVENTID", [](const Tables&, const StoredEvent& s) { return NumericId(s.event.id); }},
      {"SQLDATE", [](const Tables&, const StoredEvent& s) { return Digits(s.event_date); }},
      {"MonthYear",
       [](const Tables&, const StoredEvent& s) { return Digits(s.event_date).substr(0, 6); }},
      {"Year", [](const Tables&, const StoredEvent& s) { return s.event_date.substr(0, 4); }},
      {"FractionDate",
       [](const Tables&, const StoredEvent& s) { return FractionDate(s.event_date); }},
  };
  for (int side = 0; side < 2; ++side) {
    std::string p = side == 0 ? "Actor1" : "Actor2";
    auto first = [side](const StoredEvent& s) -> const Actor* {
      const auto& actors = side == 0 ? s.event.source : s.event.target;
      return actors.empty() ? nullptr : &actors.front();
    };
    auto field = [first](std::string (*get)(const Actor&)) {
      return [first, get](const Tables&, const StoredEvent& s) {
        const Actor* a = first(s);
        return a ? get(*a) : std::string();
      };
    };
    columns.push_back({p + "Code", field(ActorCode)});
    columns.push_back({p + "Name", field([](const Actor& a) {
                         std::string name = Label(a);
                         for (char& c : name) {
                           if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
                         }
                         return name;
                       })});
    columns.push_back({p + "CountryCode", field(ActorCountry)});
    columns.push_back({p + "KnownGroupCode", empty});
    columns.push_back({p + "EthnicCode", empty});
    columns.push_back({p + "Religion1Code", empty});
    columns.push_back({p + "Religion2Code", empty});
    columns.push_back({p + "Type1Code", field(ActorRole)});
    columns.push_back({p + "Type2Code", empty});
    columns.push_back({p + "Type3Code", empty});
  }
  std::vector<Column> action = {
      {"IsRootEvent",
       [](const Tables&, const StoredEvent& s) {
         return std::string(s.event.sentence.index == 0 ? "1" : "0");
       }},
      {"EventCode", [](const Tables&, const StoredEvent& s) { return s.event.cameo; }},
      {"EventBaseCode",
       [](const Tables&, const StoredEvent& s) { return s.event.cameo.substr(0, 3); }},
      {"EventRootCode",
       [](const Tables&, const StoredEvent& s) { return CameoRootOf(s.event.cameo); }},
      {"QuadClass",
       [](const Tables& t, const StoredEvent& s) {
         auto it = t.cameo.find(CameoRootOf(s.event.cameo));
         return it == t.cameo.end() ? std::string() : it->second.quadclass;
       }},
      {"GoldsteinScale",
       [](const Tables& t, const StoredEvent& s) { return Goldstein(t, s.event); }},
      {"NumMentions",
       [](const Tables&, const StoredEvent& s) { return std::to_string(s.report_count); }},
      {"NumSources",
       [](const Tables&, const StoredEvent& s) { return std::to_string(s.source_count); }},
      {"NumArticles",
       [](const Tables&, const StoredEvent& s) { return std::to_string(s.article_count); }},
      {"AvgTone", empty},
  };
  columns.insert(columns.end(), action.begin(), action.end());
  for (const char* geo : {"Actor1Geo", "Actor2Geo", "ActionGeo"}) {
    std::string p = geo;
    // khaldun places the event, not its actors: only ActionGeo is filled.
    bool filled = p == "ActionGeo";
    auto when = [filled](Getter g) -> Getter {
      if (!filled) return [](const Tables&, const StoredEvent&) { return std::string(); };
      return g;
    };
    columns.push_back({p + "_Type", when([](const Tables&, const StoredEvent& s) {
                         return GdeltGeoType(s.event.location);
                       })});
    columns.push_back({p + "_FullName", when([](const Tables& t, const StoredEvent& s) {
                         return FullPlace(t, s.event.location);
                       })});
    columns.push_back({p + "_CountryCode", when([](const Tables& t, const StoredEvent& s) {
                         const CountryInfo* c = t.Country(s.event.location.country);
                         return c ? c->iso2 : std::string();
                       })});
    columns.push_back({p + "_ADM1Code", when([](const Tables&, const StoredEvent& s) {
                         return s.event.location.admin1_code;
                       })});
    columns.push_back({p + "_ADM2Code", when(empty)});
    columns.push_back(
        {p + "_Lat", when([](const Tables&, const StoredEvent& s) { return Lat(s); })});
    columns.push_back(
        {p + "_Long", when([](const Tables&, const StoredEvent& s) { return Lon(s); })});
    columns.push_back({p + "_FeatureID", when(empty)});
  }
  columns.push_back(
      {"DATEADDED", [](const Tables&, const StoredEvent& s) { return Digits(s.stored_at); }});
  columns.push_back({"SOURCEURL", [](const Tables&, const StoredEvent& s) { return s.url; }});
  return columns;
}

std::vector<Column> PolecatColumns() {
  auto empty = [](const Tables&, const StoredEvent&) { return std::string(); };
  std::vector<Column> columns = {
      {"Event ID", [](const Tables&, const StoredEvent& s) { return s.event.id; }},
      {"Event Date", [](const Tables&, const StoredEvent& s) { return s.event_date; }},
      {"Event Type", [](const Tables&, const StoredEvent& s) { return s.event.type; }},
      {"Event Mode", [](const Tables&, const StoredEvent& s) { return s.event.mode; }},
      {"Event Intensity",
       [](const Tables& t, const StoredEvent& s) { return Goldstein(t, s.event); }},
      {"Quad Code", [](const Tables& t, const StoredEvent& s) { return PloverQuad(t, s.event); }},
      {"Contexts", empty},
  };
  for (int side = 0; side < 2; ++side) {
    std::string p = side == 0 ? "Actor" : "Recipient";
    auto of = [side](std::string (*get)(const Actor&)) {
      return [side, get](const Tables&, const StoredEvent& s) {
        return SideField(side == 0 ? s.event.source : s.event.target, get, "; ");
      };
    };
    columns.push_back({p + " Name", of(ActorLabel)});
    columns.push_back({p + " Country", of(ActorCountry)});
    columns.push_back({p + " COW", empty});
    columns.push_back({"Primary " + p + " Sector", [side](const Tables&, const StoredEvent& s) {
                         const auto& actors = side == 0 ? s.event.source : s.event.target;
                         return actors.empty() ? std::string() : actors.front().role;
                       }});
    columns.push_back({p + " Sectors", of(ActorRole)});
    columns.push_back({p + " Title", empty});
    columns.push_back({p + " Name Raw", of(ActorText)});
    columns.push_back({"Wikipedia " + p + " ID", empty});
  }
  std::vector<Column> rest = {
      {"Placename",
       [](const Tables& t, const StoredEvent& s) { return FullPlace(t, s.event.location); }},
      {"City",
       [](const Tables&, const StoredEvent& s) {
         const EventLocation& l = s.event.location;
         return l.precision == "exact" || l.precision == "near" ? l.place : std::string();
       }},
      {"District", empty},
      {"Province", [](const Tables&, const StoredEvent& s) { return s.event.location.admin1; }},
      {"Country", [](const Tables&, const StoredEvent& s) { return s.event.location.country; }},
      {"Latitude", [](const Tables&, const StoredEvent& s) { return Lat(s); }},
      {"Longitude", [](const Tables&, const StoredEvent& s) { return Lon(s); }},
      {"GeoNames ID", empty},
      {"Raw Placename", [](const Tables&, const StoredEvent& s) { return s.event.location.place; }},
      {"Feature Type",
       [](const Tables&, const StoredEvent& s) { return s.event.location.precision; }},
      {"Source", [](const Tables&, const StoredEvent& s) { return Join(s.sources, "; "); }},
      {"Publication Date", [](const Tables&, const StoredEvent& s) { return s.published; }},
      {"Story People", empty},
      {"Story Organizations", empty},
      {"Story Locations", empty},
      {"Language", [](const Tables&, const StoredEvent& s) { return s.language; }},
      {"Version", [](const Tables&, const StoredEvent&) { return std::string(kVersion); }},
  };
  columns.insert(columns.end(), rest.begin(), rest.end());
  return columns;
}

std::string Delimited(const Tables& t, std::span<const StoredEvent> events,
                      const std::vector<Column>& columns, bool tsv, bool header) {
  std::string out;
  std::vector<std::string> row;
  row.reserve(columns.size());
  if (header) {
    for (const Column& c : columns) row.push_back(c.name);
    tsv ? store::AppendTsvRow(out, row) : store::AppendCsvRow(out, row);
  }
  for (const StoredEvent& s : events) {
    row.clear();
    for (const Column& c : columns) row.push_back(c.get(t, s));
    tsv ? store::AppendTsvRow(out, row) : store::AppendCsvRow(out, row);
  }
  return out;
}

std::string NumberOrNull(bool present, const std::string& value) {
  return present && !value.empty() ? value : "null";
}

std::string PloverEntities(const std::vector<Actor>& side) {
  std::string out = "[";
  for (size_t i = 0; i < side.size(); ++i) {
    if (i) out += ',';
    const Actor& a = side[i];
    JsonObjectWriter w(out);
    w.String("code", a.code);
    w.String("sector", a.role);
    w.String("entity_text", a.text);
    w.Null("identifier_id");
    w.String("identifier_text", a.name);
    w.Null("religion");
    w.Null("ethnicity");
    w.Null("office");
    w.Null("gender");
    w.Null("age");
    w.Close();
  }
  return out + "]";
}

std::string PloverRecord(const Tables& t, const StoredEvent& s) {
  const Event& e = s.event;
  const EventLocation& l = e.location;
  std::string out;
  JsonObjectWriter w(out);
  w.String("id", e.id);
  w.Bool("has_event", e.factuality != "negated");
  w.String("date", s.event_date);
  w.Null("time");
  std::string end = EndDate(s);
  w.String("enddate", end == s.event_date ? std::string() : end);
  w.Null("endtime");
  w.Raw("actor", PloverEntities(e.source));
  w.Raw("recipient", PloverEntities(e.target));
  w.StringList("event", {e.type});
  {
    std::string loc;
    JsonObjectWriter lw(loc);
    lw.String("extracted_place", l.place);
    lw.String("resolved_place", FullPlace(t, l));
    lw.Null("geonameid");
    lw.Raw("lat", NumberOrNull(l.has_coordinates, Lat(s)));
    lw.Raw("lon", NumberOrNull(l.has_coordinates, Lon(s)));
    lw.String("city", l.precision == "exact" || l.precision == "near" ? l.place : std::string());
    lw.Null("district");
    lw.String("province", l.admin1);
    lw.String("country", CountryName(t, l.country));
    lw.String("country_code", l.country);
    lw.Null("feature_class");
    lw.Null("feature_code");
    int resolution = l.precision == "exact" || l.precision == "near"  ? 4
                     : l.precision == "admin1"                        ? 2
                     : l.precision == "country" || !l.country.empty() ? 1
                                                                      : 0;
    if (resolution) {
      lw.Number("resolution", resolution);
    } else {
      lw.Null("resolution");
    }
    lw.Close();
    w.Raw("event_loc", loc);
  }
  w.String("event_text", s.sentence_text);
  w.String("quad_code", PloverQuad(t, e));
  {
    std::string size;
    JsonObjectWriter sw(size);
    sw.Number("dead", CasualtyTotal(e, "killed"));
    sw.Number("injured", CasualtyTotal(e, "injured"));
    sw.Number("arrested", CasualtyTotal(e, "arrested"));
    sw.Close();
    w.Raw("event_scale", size);
  }
  w.StringList("mode",
               e.mode.empty() ? std::vector<std::string>{} : std::vector<std::string>{e.mode});
  w.StringList("context", {});
  w.String("link", s.url);
  w.Null("text");
  {
    std::string info;
    JsonObjectWriter iw(info);
    iw.Number("sequence", e.sentence.index);
    iw.Number("start", e.sentence.start);
    iw.Number("end", e.sentence.end);
    iw.String("text_story", s.article_id);
    iw.Close();
    w.Raw("text_info", info);
  }
  {
    std::string cite;
    JsonObjectWriter cw(cite);
    cw.String("corpus", "khaldun");
    cw.String("language", s.language);
    cw.String("publication", Join(s.sources, "; "));
    cw.Null("license");
    cw.Null("copyright");
    cw.String("coder", "khaldun");
    cw.String("codebook", "PLOVER");
    cw.String("version", kVersion);
    cw.Close();
    w.Raw("cite_info", cite);
  }
  w.String("coder", "khaldun");
  w.String("coded_date", s.stored_at.substr(0, 10));
  w.String("coded_time", s.stored_at.size() >= 19 ? s.stored_at.substr(11, 8) : std::string());
  w.String("comment", "rule " + e.rule + "; cameo " + e.cameo + "; factuality " + e.factuality +
                          "; reports " + std::to_string(s.report_count) + "; sources " +
                          std::to_string(s.source_count));
  w.Close();
  return out;
}

// The features of `events` that have coordinates; `*first` says whether
// none has been written before (no comma).
std::string GeoJsonFeatures(const Tables& t, std::span<const StoredEvent> events, bool* first) {
  std::string out;
  for (const StoredEvent& s : events) {
    const Event& e = s.event;
    if (!e.location.has_coordinates) continue;
    if (!*first) out += ",\n";
    *first = false;
    JsonObjectWriter f(out);
    f.String("type", "Feature");
    f.String("id", e.id);
    f.Raw("geometry", "{\"type\":\"Point\",\"coordinates\":[" + Lon(s) + "," + Lat(s) + "]}");
    std::string props;
    JsonObjectWriter p(props);
    p.String("event_id", e.id);
    p.String("event_date", s.event_date);
    p.String("type", e.type);
    p.String("cameo", e.cameo);
    p.String("factuality", e.factuality);
    p.String("source", SideField(e.source, ActorLabel, "; "));
    p.String("target", SideField(e.target, ActorLabel, "; "));
    p.String("country", e.location.country);
    p.String("admin1", e.location.admin1);
    p.String("place", FullPlace(t, e.location));
    p.String("precision", e.location.precision);
    p.Number("killed", CasualtyTotal(e, "killed"));
    p.Number("injured", CasualtyTotal(e, "injured"));
    p.Number("report_count", s.report_count);
    p.Number("source_count", s.source_count);
    p.String("sentence", s.sentence_text);
    p.String("url", s.url);
    p.Close();
    f.Raw("properties", props);
    f.Close();
  }
  return out;
}

constexpr std::string_view kGeoJsonOpen = "{\"type\":\"FeatureCollection\",\"features\":[";
constexpr std::string_view kGeoJsonClose = "]}\n";

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  static constexpr std::pair<std::string_view, ExportFormat> kFormats[] = {
      {"csv", ExportFormat::kCsv},
      {"acled-csv", ExportFormat::kAcledCsv},
      {"ucdp-csv", ExportFormat::kUcdpCsv},
      {"gdelt-tsv", ExportFormat::kGdeltTsv},
      {"plover-jsonl", ExportFormat::kPloverJsonl},
      {"polecat-tsv", ExportFormat::kPolecatTsv},
      {"geojson", ExportFormat::kGeoJson},
  };
  for (const auto& [n, f] : kFormats) {
    if (n == name) return f;
  }
  return Status::InvalidArgument(
      "unknown format '" + std::string(name) +
      "' (csv, acled-csv, ucdp-csv, gdelt-tsv, plover-jsonl, polecat-tsv, geojson)");
}

struct EventExporter::State {
  ExportFormat format;
  Tables tables;
  bool started = false;
  bool first_feature = true;
};

Result<EventExporter> EventExporter::Create(ExportFormat format) {
  auto tables = LoadTables();
  if (!tables.ok()) return tables.status();
  return EventExporter(std::make_shared<State>(State{format, std::move(*tables), false, true}));
}

Status EventExporter::Write(std::span<const StoredEvent> events, std::ostream& out) {
  State& st = *state_;
  const Tables& t = st.tables;
  const bool header = !st.started;
  st.started = true;
  // Written in slices so memory stays bounded by a slice, not the export.
  constexpr size_t kSlice = 2048;
  for (size_t from = 0; from == 0 || from < events.size(); from += kSlice) {
    std::span<const StoredEvent> slice =
        events.subspan(std::min(from, events.size()),
                       std::min(kSlice, events.size() - std::min(from, events.size())));
    const bool first_slice = header && from == 0;
    std::string text;
    switch (st.format) {
      case ExportFormat::kCsv:
        text = Delimited(t, slice, KhaldunColumns(), false, first_slice);
        break;
      case ExportFormat::kAcledCsv:
        text = Delimited(t, slice, AcledColumns(), false, first_slice);
        break;
      case ExportFormat::kUcdpCsv:
        text = Delimited(t, slice, UcdpColumns(), false, first_slice);
        break;
      case ExportFormat::kGdeltTsv:
        text = Delimited(t, slice, GdeltColumns(), true, false);
        break;
      case ExportFormat::kPolecatTsv:
        text = Delimited(t, slice, PolecatColumns(), true, first_slice);
        break;
      case ExportFormat::kPloverJsonl:
        for (const StoredEvent& e : slice) text += PloverRecord(t, e) + "\n";
        break;
      case ExportFormat::kGeoJson:
        if (first_slice) text = kGeoJsonOpen;
        text += GeoJsonFeatures(t, slice, &st.first_feature);
        break;
    }
    out << text;
    if (!out) return Status::IOError("write failed");
  }
  return Status::Ok();
}

Status EventExporter::Finish(std::ostream& out) {
  State& st = *state_;
  if (!st.started) {
    if (Status s = Write({}, out); !s.ok()) return s;
  }
  if (st.format == ExportFormat::kGeoJson) out << kGeoJsonClose;
  if (!out) return Status::IOError("write failed");
  return Status::Ok();
}

std::string_view EventExporter::ContentType(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv:
    case ExportFormat::kAcledCsv:
    case ExportFormat::kUcdpCsv:
      return "text/csv; charset=utf-8";
    case ExportFormat::kGdeltTsv:
    case ExportFormat::kPolecatTsv:
      return "text/tab-separated-values; charset=utf-8";
    case ExportFormat::kPloverJsonl:
      return "application/x-ndjson";
    case ExportFormat::kGeoJson:
      return "application/geo+json";
  }
  return "application/octet-stream";
}

std::string_view EventExporter::Extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv:
    case ExportFormat::kAcledCsv:
    case ExportFormat::kUcdpCsv:
      return "csv";
    case ExportFormat::kGdeltTsv:
    case ExportFormat::kPolecatTsv:
      return "tsv";
    case ExportFormat::kPloverJsonl:
      return "jsonl";
    case ExportFormat::kGeoJson:
      return "geojson";
  }
  return "txt";
}

Status ExportEvents(const std::vector<StoredEvent>& events, ExportFormat format,
                    std::ostream& out) {
  auto exporter = EventExporter::Create(format);
  if (!exporter.ok()) return exporter.status();
  if (Status s = exporter->Write(events, out); !s.ok()) return s;
  return exporter->Finish(out);
}

}  // namespace khaldun
