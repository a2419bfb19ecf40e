#include "places/gazetteer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "testing/resources.h"

namespace khaldun::places {
namespace {

const Gazetteer& Gaz() { return ::khaldun::testing::Builtin<Gazetteer>(); }

// The first candidate of `kind` for `name`, or a Place with an empty name.
Place First(std::string_view name, PlaceKind kind) {
  for (const Place& p : Gaz().Lookup(name)) {
    if (p.kind == kind) return p;
  }
  return {};
}

TEST(GazetteerTest, LoadsBuiltinQuickly) {
  auto start = std::chrono::steady_clock::now();
  auto loaded = Gazetteer::LoadBuiltin();
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_GT(loaded->record_count(), 100000u);
  EXPECT_GT(loaded->name_count(), 200000u);
  // The budget is 2 ms; debug and sanitizer builds get slack.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 50);
}

TEST(GazetteerTest, Admin1FromCommonSpellings) {
  for (std::string_view name : {"Anbar", "Al Anbar", "al-Anbar", "AL ANBAR", "Al Anbār"}) {
    Place p = First(name, PlaceKind::kAdmin1);
    EXPECT_EQ(p.admin1_code, "IQ-AN") << name;
    EXPECT_EQ(p.iso3, "IRQ") << name;
    EXPECT_TRUE(p.has_coordinates) << name;
  }
  struct Case {
    std::string_view name, code;
  } cases[] = {
      {"Balochistan", "PK-BA"},  {"Baluchistan", "PK-BA"},  {"Khyber Pakhtunkhwa", "PK-KP"},
      {"KP", "PK-KP"},           {"North Kivu", "CD-NK"},   {"Nord-Kivu", "CD-NK"},
      {"Deir ez-Zor", "SY-DY"},  {"Deir al-Zour", "SY-DY"}, {"Dayr az Zawr", "SY-DY"},
      {"Donetsk", "UA-14"},      {"Cabo Delgado", "MZ-P"},  {"Borno", "NG-BO"},
      {"North Darfur", "SD-DN"}, {"Aleppo", "SY-HL"},       {"Idlib", "SY-ID"},
      {"Hodeidah", "YE-HU"},     {"Marib", "YE-MA"},        {"Kherson", "UA-65"},
      {"Ituri", "CD-IT"},        {"Tigray", "ET-TI"},       {"Sagaing", "MM-01"},
      {"Nineveh", "IQ-NI"},      {"Salahuddin", "IQ-SD"},   {"Michoacan", "MX-MIC"},
      {"Cauca", "CO-CAU"},       {"Zamfara", "NG-ZA"},      {"Lower Shabelle", "SO-SH"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(First(c.name, PlaceKind::kAdmin1).admin1_code, c.code) << c.name;
  }
}

TEST(GazetteerTest, CitiesCarryTheirAdmin1) {
  Place ramadi = First("Ramadi", PlaceKind::kCity);
  EXPECT_EQ(ramadi.iso3, "IRQ");
  EXPECT_EQ(ramadi.admin1_code, "IQ-AN");
  EXPECT_NEAR(ramadi.lat, 33.42, 0.05);
  EXPECT_NEAR(ramadi.lon, 43.31, 0.05);
  Place rutba = First("Rutba", PlaceKind::kCity);
  EXPECT_EQ(rutba.admin1_code, "IQ-AN");
  Place jabalia = First("Jabalia", PlaceKind::kCity);
  EXPECT_EQ(jabalia.admin1_code, "PS-NGZ");
  Place goma = First("Goma", PlaceKind::kCity);
  EXPECT_EQ(goma.iso3, "COD");  // the largest Goma
  EXPECT_EQ(goma.admin1_code, "CD-NK");
}

TEST(GazetteerTest, DiacriticsAndCaseFold) {
  std::string key;
  ASSERT_TRUE(Gaz().NormalizeKey("Al Anbār", key));
  EXPECT_EQ(key, "al anbar");
  ASSERT_TRUE(Gaz().NormalizeKey("  Ṣalāḥ ad-Dīn ", key));
  EXPECT_EQ(key, "salah ad din");
  ASSERT_TRUE(Gaz().NormalizeKey("Ma’rib", key));
  EXPECT_EQ(key, "marib");
  ASSERT_TRUE(Gaz().NormalizeKey("São Paulo", key));
  EXPECT_EQ(key, "sao paulo");
  EXPECT_FALSE(Gaz().NormalizeKey("بغداد", key));  // not Latin script
  EXPECT_FALSE(Gaz().NormalizeKey("", key));
  EXPECT_FALSE(Gaz().NormalizeKey(" - ", key));
  EXPECT_FALSE(Gaz().NormalizeKey("\xff\xfe", key));  // broken UTF-8
  EXPECT_EQ(First("ḨALAB", PlaceKind::kAdmin1).admin1_code, "SY-HL");
  EXPECT_EQ(First("Bogotá", PlaceKind::kCity).iso3, "COL");
}

TEST(GazetteerTest, AmbiguousNamesListEveryCandidateLargestFirst) {
  std::vector<Place> tripoli = Gaz().Lookup("Tripoli");
  ASSERT_GE(tripoli.size(), 2u);
  EXPECT_EQ(tripoli[0].iso3, "LBY");
  bool lebanon = false;
  for (const Place& p : tripoli) lebanon = lebanon || p.iso3 == "LBN";
  EXPECT_TRUE(lebanon);
  std::vector<Place> hyderabad;
  for (const Place& p : Gaz().Lookup("Hyderabad")) {
    if (p.kind == PlaceKind::kCity) hyderabad.push_back(p);
  }
  ASSERT_GE(hyderabad.size(), 2u);
  EXPECT_EQ(hyderabad[0].iso3, "IND");
  EXPECT_EQ(hyderabad[1].iso3, "PAK");
}

TEST(GazetteerTest, CountriesCapitalsAndSeats) {
  std::optional<Place> iraq = Gaz().Country("IRQ");
  ASSERT_TRUE(iraq);
  EXPECT_EQ(iraq->iso2, "IQ");
  EXPECT_EQ(iraq->name, "Iraq");
  EXPECT_EQ(Gaz().Country("IQ")->id, iraq->id);
  std::optional<Place> capital = Gaz().Capital(*iraq);
  ASSERT_TRUE(capital);
  EXPECT_EQ(capital->name, "Baghdad");
  EXPECT_NEAR(iraq->lat, capital->lat, 1e-9);  // a country sits at its capital

  std::optional<Place> anbar = Gaz().Admin1("IQ-AN");
  ASSERT_TRUE(anbar);
  std::optional<Place> seat = Gaz().Seat(*anbar);
  ASSERT_TRUE(seat);
  EXPECT_EQ(seat->name, "Ramadi");
  EXPECT_NEAR(anbar->lat, seat->lat, 1e-9);

  EXPECT_EQ(Gaz().Seat(*Gaz().Admin1("PS-NGZ"))->name, "Jabālyā");
  EXPECT_FALSE(Gaz().Country("XXX"));
  EXPECT_FALSE(Gaz().Country(""));
  EXPECT_FALSE(Gaz().Admin1("IQ-ZZ"));
  EXPECT_FALSE(Gaz().Capital(*anbar));
  EXPECT_FALSE(Gaz().Seat(*capital));
  for (std::string_view name : {"Syria", "Democratic Republic of the Congo", "DR Congo", "Myanmar",
                                "Burma", "Ivory Coast", "Palestine"}) {
    EXPECT_EQ(First(name, PlaceKind::kCountry).kind, PlaceKind::kCountry) << name;
    EXPECT_FALSE(First(name, PlaceKind::kCountry).name.empty()) << name;
  }
}

TEST(GazetteerTest, RegionsAndAliases) {
  Place gaza = First("Gaza Strip", PlaceKind::kRegion);
  EXPECT_EQ(gaza.iso3, "PSE");
  EXPECT_TRUE(gaza.has_coordinates);
  EXPECT_EQ(First("northern Gaza", PlaceKind::kAdmin1).admin1_code, "PS-NGZ");
  EXPECT_EQ(First("Iraq's western desert", PlaceKind::kAdmin1).admin1_code, "IQ-AN");
  EXPECT_EQ(First("Kurdistan region", PlaceKind::kRegion).iso3, "IRQ");
}

TEST(GazetteerTest, SecondLevelAreas) {
  EXPECT_EQ(PlaceKindName(PlaceKind::kAdmin2), "admin2");
  struct Case {
    std::string_view name, iso3, admin1_code;
    bool positioned;
  } cases[] = {
      {"Gwoza", "NGA", "NG-BO", true},
      {"Tsafe", "NGA", "NG-ZA", true},
      {"North Waziristan", "PAK", "PK-KP", true},
      {"Macomia", "MOZ", "MZ-P", true},
      {"Irumu", "COD", "CD-IT", false},
  };
  for (const Case& c : cases) {
    Place p = First(c.name, PlaceKind::kAdmin2);
    EXPECT_EQ(p.iso3, c.iso3) << c.name;
    EXPECT_EQ(p.admin1_code, c.admin1_code) << c.name;
    EXPECT_FALSE(p.admin1_common.empty()) << c.name;
    EXPECT_EQ(p.has_coordinates, c.positioned) << c.name;
    EXPECT_EQ(p.feature_code, "ADM2") << c.name;
    EXPECT_FALSE(Gaz().Seat(p)) << c.name;
  }
}

TEST(GazetteerTest, EnglishNamesOfAdmin1) {
  struct Case {
    std::string_view code, common;
  } cases[] = {
      {"SY-DY", "Deir ez-Zor"},
      {"SY-HI", "Homs"},
      {"SY-HL", "Aleppo"},
      {"IL-TA", "Tel Aviv"},
      {"HT-OU", "Ouest"},
      {"IQ-AN", "Anbar"},
      {"YE-SA", "Sanaa City"},
      {"SA-02", "Mecca"},
      {"UA-18", "Zhytomyr"},
      {"NG-BO", "Borno"},
      {"ET-AM", "Amhara"},
      {"SO-SH", "Lower Shabelle"},
      {"SA-04", "Eastern Province"},
  };
  for (const Case& c : cases) {
    std::optional<Place> a = Gaz().Admin1(c.code);
    ASSERT_TRUE(a) << c.code;
    EXPECT_EQ(a->admin1_common, c.common) << c.code;
  }
  // Places carry their admin1's English name; it is ASCII.
  EXPECT_EQ(First("Ramadi", PlaceKind::kCity).admin1_common, "Anbar");
  EXPECT_EQ(First("Jeddah", PlaceKind::kCity).admin1_code, "SA-02");
  for (const Place& p : Gaz().Lookup("Anbar")) {
    for (char c : p.admin1_common) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << p.name;
  }
}

TEST(GazetteerTest, CountryAdjectives) {
  EXPECT_EQ(Gaz().CountryByAdjective("Syrian")->iso3, "SYR");
  EXPECT_EQ(Gaz().CountryByAdjective("IRAQI")->iso3, "IRQ");
  EXPECT_EQ(Gaz().CountryByAdjective("Lebanese")->iso3, "LBN");
  EXPECT_FALSE(Gaz().CountryByAdjective("Syrians"));  // people, not a place
  EXPECT_FALSE(Gaz().CountryByAdjective("Northern"));
  EXPECT_FALSE(Gaz().CountryByAdjective(""));
  EXPECT_FALSE(Gaz().CountryByAdjective("\xff"));
}

TEST(GazetteerTest, WordListsFromNotPlaces) {
  EXPECT_TRUE(Gaz().IsNotPlace("March"));
  EXPECT_TRUE(Gaz().IsNotPlace("Islamic State"));
  EXPECT_FALSE(Gaz().IsNotPlace("Baghdad"));
  EXPECT_TRUE(Gaz().IsPersonTitle("President"));
  EXPECT_TRUE(Gaz().IsOrganisationWord("Party"));
  EXPECT_FALSE(Gaz().IsOrganisationWord("Mosul"));
}

TEST(GazetteerTest, RejectsMalformedBytes) {
  const std::string_view cases[] = {
      "",
      "hello",
      "#khaldun-gazetteer 2 fold=0000000000 records=0000000000 names=0000000000 end=0000000000\n",
      "#khaldun-gazetteer 2 fold=0000000099 records=0000000001 names=0000000000 end=0000000000\n",
      // Format version 1 (nine fields a record) is no longer read.
      "#khaldun-gazetteer 1 fold=0000000089 records=0000000097 names=0000000149 end=0000000149\n"
      "@fold 0\n@records 0\n@names 0\n@end\n",
  };
  for (std::string_view bytes : cases) {
    EXPECT_FALSE(Gazetteer::FromBytes(std::string(bytes)).ok()) << bytes;
  }
}

TEST(GazetteerTest, LoadsFromBytesLikeTheBuiltin) {
  // A tiny hand-made gazetteer: the format is readable text.
  std::string fold = "000e1\ta\n";
  std::string records = "C\tIQ\tIRQ\t33.3406\t44.4009\t100\tPCLI\t\tIraq\t\n";
  std::string names = "iraq\t000000\n~IQ\t000000\n~IRQ\t000000\n";
  std::string body_head = "@fold 1\n";
  auto line = [](std::size_t f, std::size_t r, std::size_t n, std::size_t e) {
    char buf[128];
    std::snprintf(buf, sizeof buf,
                  "#khaldun-gazetteer 2 fold=%010zu records=%010zu names=%010zu end=%010zu\n", f, r,
                  n, e);
    return std::string(buf);
  };
  std::size_t first = line(0, 0, 0, 0).size();
  std::size_t f = first + body_head.size();
  std::size_t r = f + fold.size() + std::string("@records 1\n").size();
  std::size_t n = r + records.size() + std::string("@names 3\n").size();
  std::size_t e = n + names.size();
  std::string bytes = line(f, r, n, e) + body_head + fold + "@records 1\n" + records +
                      "@names 3\n" + names + "@end\n";
  auto gaz = Gazetteer::FromBytes(bytes);
  ASSERT_TRUE(gaz.ok()) << gaz.status().ToString();
  std::vector<Place> found = gaz->Lookup("IRAQ");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].iso3, "IRQ");
  EXPECT_EQ(gaz->Country("IQ")->name, "Iraq");
  std::string key;
  ASSERT_TRUE(gaz->NormalizeKey("á", key));
  EXPECT_EQ(key, "a");
  EXPECT_TRUE(gaz->Lookup("Baghdad").empty());
}

// The built-in index without its "@hash" section: the header's hash field
// blanked (so no offset moves) and the file cut before the section.
// Such a file is read by binary search over the sorted name lines.
std::string WithoutHashTable(std::string_view bytes) {
  std::string out(bytes.substr(0, bytes.find('\n') + 1));
  auto field = [&](std::string_view name) {
    std::size_t at = out.find(name);
    EXPECT_NE(at, std::string::npos) << name;
    return at;
  };
  const std::size_t hash_field = field(" hash=");
  const std::size_t hash_at = std::stoul(out.substr(hash_field + 6, 10));
  // The "@hash N" line before the table: the names end there.
  const std::size_t marker = bytes.rfind('\n', hash_at - 2) + 1;
  EXPECT_EQ(bytes.substr(marker, 6), "@hash ");
  out.replace(hash_field, 16, std::string(16, ' '));
  const std::size_t end_field = field(" end=");
  char digits[16];
  std::snprintf(digits, sizeof digits, "%010zu", marker);
  out.replace(end_field + 5, 10, digits);
  out.append(bytes.substr(out.size(), marker - out.size()));
  out.append("@end\n");
  return out;
}

TEST(GazetteerTest, HashTableAndBinarySearchAgree) {
  const std::string_view bytes = GazetteerBytes();
  ASSERT_NE(bytes.find(" hash="), std::string_view::npos) << "the built-in index has a hash table";
  auto plain = Gazetteer::FromBytes(WithoutHashTable(bytes));
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  const Gazetteer& hashed = Gaz();
  // Every 250th key of the index, written as a name, and names that are
  // not keys or are in the word lists.
  std::vector<std::string> names = {
      "Baghdad", "al-Anbar", "Tripoli",  "Hyderabad", "Kyiv Oblast", "Deir ez-Zor", "Gwoza",
      "Xyzzyq",  "Monday",   "Party",    "President", "Islamic State", "Syrian",    "al-Rutba",
      "zzzz",    "a",        "Aachen",   "Zyryanovsk"};
  std::size_t names_at = std::stoul(std::string(bytes.substr(bytes.find(" names=") + 7, 10)));
  std::size_t hash_at = std::stoul(std::string(bytes.substr(bytes.find(" hash=") + 6, 10)));
  std::size_t line_no = 0;
  for (std::size_t pos = names_at; pos < hash_at; ++line_no) {
    std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos || bytes[pos] == '@') break;
    std::string_view key = bytes.substr(pos, bytes.find('\t', pos) - pos);
    if (line_no % 250 == 0) names.emplace_back(key);
    pos = nl + 1;
  }
  ASSERT_GT(names.size(), 1000u);
  std::size_t found = 0;
  for (const std::string& name : names) {
    std::vector<Place> a = hashed.Lookup(name);
    std::vector<Place> b = plain->Lookup(name);
    ASSERT_EQ(a.size(), b.size()) << name;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].id, b[i].id) << name;
      EXPECT_EQ(a[i].name, b[i].name) << name;
    }
    found += a.empty() ? 0 : 1;
    EXPECT_EQ(hashed.IsNotPlace(name), plain->IsNotPlace(name)) << name;
    EXPECT_EQ(hashed.IsOrganisationWord(name), plain->IsOrganisationWord(name)) << name;
    EXPECT_EQ(hashed.IsPersonTitle(name), plain->IsPersonTitle(name)) << name;
    EXPECT_EQ(hashed.CountryByAdjective(name).has_value(),
              plain->CountryByAdjective(name).has_value())
        << name;
  }
  EXPECT_GT(found, names.size() * 9 / 10);
  EXPECT_EQ(hashed.Admin1("IQ-AN")->id, plain->Admin1("IQ-AN")->id);
}

// A brief candidate (LookupBriefInto) is the full one without its position
// and admin1; Complete reads them.
TEST(GazetteerTest, BriefLookupCompletesToTheFullPlace) {
  for (std::string_view name : {"Ramadi", "Anbar", "Gaza Strip", "Gwoza", "Irumu", "Iraq"}) {
    std::vector<Place> full = Gaz().Lookup(name);
    std::vector<Place> brief;
    ASSERT_EQ(Gaz().LookupBriefInto(name, brief), full.size()) << name;
    ASSERT_FALSE(full.empty()) << name;
    for (std::size_t i = 0; i < full.size(); ++i) {
      EXPECT_TRUE(brief[i].brief);
      EXPECT_EQ(brief[i].id, full[i].id);
      EXPECT_EQ(brief[i].kind, full[i].kind);
      EXPECT_EQ(brief[i].iso3, full[i].iso3);
      EXPECT_EQ(brief[i].population, full[i].population);
      EXPECT_EQ(brief[i].feature_code, full[i].feature_code);
      const Place done = Gaz().Complete(brief[i]);
      EXPECT_FALSE(done.brief);
      EXPECT_EQ(done.name, full[i].name);
      EXPECT_EQ(done.admin1_code, full[i].admin1_code);
      EXPECT_EQ(done.admin1_common, full[i].admin1_common);
      EXPECT_EQ(done.has_coordinates, full[i].has_coordinates);
      EXPECT_EQ(done.lat, full[i].lat);
      EXPECT_EQ(done.lon, full[i].lon);
    }
  }
}

}  // namespace
}  // namespace khaldun::places
