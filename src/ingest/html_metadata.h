// Text-level helpers for article metadata found in HTML: headline suffixes,
// byline names, datelines. Pure functions on strings; thread-safe.
#ifndef KHALDUN_INGEST_HTML_METADATA_H_
#define KHALDUN_INGEST_HTML_METADATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "ingest/byline_words.h"

namespace khaldun {

// `title` without a trailing site name: "Headline | Site", "Headline -
// Site", "Headline — Site", "Headline :: Site". The last segment is removed
// when it equals `site_name` (any case), or, when `site_name` is empty or
// absent from the title and `aggressive` is set, when it is short (at most
// four words) and shorter than what remains. Collapses white space.
std::string StripTitleSuffix(std::string_view title, std::string_view site_name,
                             bool aggressive);

// Author names in a byline: "By Jane Doe and John Roe" -> {"Jane Doe",
// "John Roe"}. Drops "By", separators (",", ";", "|", "and", "&"), dates,
// times, job titles and anything that does not look like a name (lower-case
// words other than name particles, more than six words, digits).
// `words` gives the markers, title words and name particles.
std::vector<std::string> SplitByline(std::string_view byline, const BylineWords& words);

// The place a news dateline opens `paragraph` with: "BAGHDAD (AP) — ..."
// -> "BAGHDAD"; "KYIV, Ukraine — ..." -> "KYIV, Ukraine"; "Gaza City, Aug
// 30 (Reuters) - ..." -> "Gaza City". Empty when the paragraph does not
// open with a dateline.
// `words` gives the lower-case particles a place name may hold.
std::string FindDateline(std::string_view paragraph, const BylineWords& words);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_HTML_METADATA_H_
