// STUB
#include "ingest/boilerplate.h"
namespace khaldun {
Result<BoilerplateLexicon> BoilerplateLexicon::Load(const DataFiles&) { return BoilerplateLexicon(); }
bool BoilerplateLexicon::IsChrome(std::string_view) const { return false; }
bool BoilerplateLexicon::IsEndMarker(std::string_view) const { return false; }
}  // namespace khaldun
