// Query parameters of the API, checked before anything reaches the store:
// known names only, each given once, each value of its expected shape and
// size. The messages name the parameter.
#ifndef KHALDUN_API_PARAMS_H_
#define KHALDUN_API_PARAMS_H_

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "khaldun/status.h"
#include "khaldun/store.h"

namespace khaldun::api {

class Params {
 public:
  explicit Params(const std::vector<std::pair<std::string, std::string>>& params)
      : params_(params) {}
  // InvalidArgument for a name not in `allowed` or given twice.
  Status Allow(std::initializer_list<std::string_view> allowed) const;
  Status Allow(const std::vector<std::string_view>& allowed) const;
  // The value, or `fallback` when absent.
  std::string Get(std::string_view name, std::string_view fallback = "") const;
  bool Has(std::string_view name) const;
  // An integer in [low, high], or `fallback` when absent.
  Result<std::size_t> Count(std::string_view name, std::size_t fallback, std::size_t low,
                            std::size_t high) const;

 private:
  const std::vector<std::pair<std::string, std::string>>& params_;
};

// The event filter's parameters (since, until, type, country, admin1,
// actor, q, factuality, min_sources) plus `extra` names the endpoint
// reads itself; every value checked.
Result<EventFilter> ReadFilter(const Params& params, std::initializer_list<std::string_view> extra);

// "cursor": the last event of the previous page, as EncodeCursor wrote it.
Status ReadCursor(const Params& params, EventFilter* filter);
std::string EncodeCursor(const StoredEvent& last);

// A real calendar date written YYYY-MM-DD.
bool IsDate(std::string_view text);
// An event or article id: 1-64 ASCII letters, digits, '-' or '_'.
bool IsId(std::string_view text);
// No control characters (valid UTF-8 is checked separately).
bool IsPrintable(std::string_view text);

}  // namespace khaldun::api

#endif  // KHALDUN_API_PARAMS_H_
