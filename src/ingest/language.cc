// STUB
#include "ingest/language.h"
namespace khaldun {
Result<LanguageIdentifier> LanguageIdentifier::Load(const DataFiles&) { return LanguageIdentifier(); }
std::string LanguageIdentifier::Identify(std::string_view) const { return ""; }
}  // namespace khaldun
