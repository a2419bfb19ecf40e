// STUB
#include "ingest/dates.h"
namespace khaldun {
std::string NormalizeDate(std::string_view) { return ""; }
std::string DateFromUrl(std::string_view) { return ""; }
std::string FindDateInText(std::string_view) { return ""; }
}  // namespace khaldun
