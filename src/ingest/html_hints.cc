// STUB
#include "ingest/html_hints.h"
namespace khaldun {
Result<HtmlHints> HtmlHints::Load(const DataFiles&) { return HtmlHints(); }
int HtmlHints::Weigh(std::string_view) const { return 0; }
}  // namespace khaldun
