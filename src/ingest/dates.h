// Publication dates as pages and feeds write them, normalised to ISO 8601.
#ifndef KHALDUN_INGEST_DATES_H_
#define KHALDUN_INGEST_DATES_H_

#include <string>
#include <string_view>

namespace khaldun {

// "YYYY-MM-DD" for a date written in any common form: ISO 8601 with or
// without time and zone ("2024-08-29T10:00:00+03:00"), RFC 822/1123 as RSS
// uses ("Thu, 29 Aug 2024 10:00:00 GMT"), "August 29, 2024", "Aug. 29,
// 2024", "29 August 2024", "2024/08/29", "20240829". Empty when `raw` holds
// no valid calendar date (month and day checked, years 1900-2100).
std::string NormalizeDate(std::string_view raw);

// Finds a date in a URL path ("/2024/08/29/", "/2024-08-29/",
// "/20240829/"); "YYYY-MM-DD" or empty.
std::string DateFromUrl(std::string_view url);

// Finds the first full date written in running text ("August 29, 2024",
// "29 Aug 2024", "2024-08-29"); "YYYY-MM-DD" or empty. For byline and
// dateline lines, not for event dates.
std::string FindDateInText(std::string_view text);

// 1-12 when `word` is a month name or abbreviation ("August", "Aug",
// "Sept", "août", "agosto"; ASCII case ignored, one '.' allowed after it),
// else 0.
int MonthFromName(std::string_view word);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_DATES_H_
