#include "api/params.h"

#include <array>
#include <charconv>

#include "common/text.h"
#include "store/store_impl.h"

namespace khaldun::api {
namespace {

// Bounds on free-text values: long enough for any real name or query,
// short enough that no parameter is a payload.
constexpr std::size_t kMaxText = 200;

// The PLOVER ontology's sixteen event types.
constexpr std::array<std::string_view, 16> kPloverTypes = {
    "AGREE",  "CONSULT", "SUPPORT",  "CONCEDE",  "COOPERATE", "AID",      "RETREAT", "REQUEST",
    "ACCUSE", "REJECT",  "THREATEN", "PROTEST",  "SANCTION",  "MOBILIZE", "COERCE",  "ASSAULT"};

Status Bad(std::string_view name, std::string_view what) {
  return Status::InvalidArgument("parameter '" + std::string(name) + "': " + std::string(what));
}

bool IsCountryCode(std::string_view s) {
  if (s.size() != 3) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// Free text: valid UTF-8, no control characters, bounded.
Status CheckText(std::string_view name, std::string_view value) {
  if (value.size() > kMaxText) {
    return Bad(name, "longer than " + std::to_string(kMaxText) + " bytes");
  }
  if (FindInvalidUtf8(value) != std::string_view::npos) return Bad(name, "not valid UTF-8");
  if (!IsPrintable(value)) return Bad(name, "contains control characters");
  return Status::Ok();
}

}  // namespace

Status Params::Allow(std::initializer_list<std::string_view> allowed) const {
  return Allow(std::vector<std::string_view>(allowed));
}

Status Params::Allow(const std::vector<std::string_view>& allowed) const {
  for (size_t i = 0; i < params_.size(); ++i) {
    const std::string& name = params_[i].first;
    bool known = false;
    for (std::string_view a : allowed) known |= a == name;
    if (!known) {
      std::string shown = name.size() > 40 ? name.substr(0, 40) + "..." : name;
      if (FindInvalidUtf8(shown) != std::string::npos || !IsPrintable(shown)) shown = "?";
      return Status::InvalidArgument("unknown parameter '" + shown + "'");
    }
    for (size_t j = 0; j < i; ++j) {
      if (params_[j].first == name) return Bad(name, "given more than once");
    }
  }
  return Status::Ok();
}

std::string Params::Get(std::string_view name, std::string_view fallback) const {
  for (const auto& [key, value] : params_) {
    if (key == name) return value;
  }
  return std::string(fallback);
}

bool Params::Has(std::string_view name) const {
  for (const auto& [key, value] : params_) {
    if (key == name) return true;
  }
  return false;
}

Result<std::size_t> Params::Count(std::string_view name, std::size_t fallback, std::size_t low,
                                  std::size_t high) const {
  if (!Has(name)) return fallback;
  const std::string value = Get(name);
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n < low ||
      n > high) {
    return Bad(name, "expected an integer from " + std::to_string(low) + " to " +
                         std::to_string(high));
  }
  return n;
}

bool IsDate(std::string_view text) {
  std::int64_t days = 0;
  if (!store::DayNumber(text, &days)) return false;
  // DayNumber accepts day 31 of any month; a real date round-trips.
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  const int day = (text[8] - '0') * 10 + (text[9] - '0');
  const int year = std::stoi(std::string(text.substr(0, 4)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = month == 2 && leap ? 29 : kDays[month - 1];
  return day <= last;
}

bool IsId(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool IsPrintable(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

Result<EventFilter> ReadFilter(const Params& params,
                               std::initializer_list<std::string_view> extra) {
  std::vector<std::string_view> allowed = {"since",      "until", "type", "country",
                                           "admin1",     "actor", "q",    "factuality",
                                           "min_sources"};
  allowed.insert(allowed.end(), extra.begin(), extra.end());
  if (Status s = params.Allow(allowed); !s.ok()) return s;
  EventFilter filter;
  for (std::string_view name : {"since", "until"}) {
    if (!params.Has(name)) continue;
    std::string value = params.Get(name);
    if (!IsDate(value)) return Bad(name, "expected a date written YYYY-MM-DD");
    (name == "since" ? filter.since : filter.until) = std::move(value);
  }
  if (!filter.since.empty() && !filter.until.empty() && filter.since > filter.until) {
    return Status::InvalidArgument("parameters 'since' and 'until': since is after until");
  }
  if (params.Has("type")) {
    filter.type = params.Get("type");
    bool known = false;
    for (std::string_view t : kPloverTypes) known |= t == filter.type;
    if (!known) return Bad("type", "not a PLOVER event type (AGREE, ASSAULT, COERCE, ...)");
  }
  if (params.Has("country")) {
    filter.country = params.Get("country");
    if (!IsCountryCode(filter.country)) {
      return Bad("country", "expected an ISO 3166-1 alpha-3 code such as IRQ");
    }
  }
  for (auto [name, field] : {std::pair{"admin1", &filter.admin1}, {"actor", &filter.actor},
                             {"q", &filter.search}}) {
    if (!params.Has(name)) continue;
    *field = params.Get(name);
    if (field->empty()) return Bad(name, "empty");
    if (Status s = CheckText(name, *field); !s.ok()) return s;
  }
  if (params.Has("factuality")) {
    filter.factuality = params.Get("factuality");
    if (filter.factuality != "asserted" && filter.factuality != "negated" &&
        filter.factuality != "possible") {
      return Bad("factuality", "expected asserted, negated or possible");
    }
  }
  auto min_sources = params.Count("min_sources", 0, 1, 10000);
  if (!min_sources.ok()) return min_sources.status();
  filter.min_sources = static_cast<std::int64_t>(*min_sources);
  return filter;
}

// A cursor is "DATE.ID" (DATE empty for an event without one): opaque to
// clients, checked here like any other value.
std::string EncodeCursor(const StoredEvent& last) {
  return last.event_date + "." + last.event.id;
}

Status ReadCursor(const Params& params, EventFilter* filter) {
  if (!params.Has("cursor")) return Status::Ok();
  const std::string value = params.Get("cursor");
  const size_t dot = value.find('.');
  if (dot == std::string::npos) return Bad("cursor", "not a cursor this server gave");
  std::string date = value.substr(0, dot);
  std::string id = value.substr(dot + 1);
  if ((!date.empty() && !IsDate(date)) || !IsId(id)) {
    return Bad("cursor", "not a cursor this server gave");
  }
  filter->has_cursor = true;
  filter->cursor_date = std::move(date);
  filter->cursor_id = std::move(id);
  return Status::Ok();
}

}  // namespace khaldun::api
