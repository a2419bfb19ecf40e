// Every export format, read back: the header is the format's published
// column list, each row has every column, and the values are the stored
// events'. Runs on both backends, since the rows come from the database.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "khaldun/store.h"
#include "store/delimited.h"
#include "store/store_testing.h"

namespace khaldun {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// From ../shared/formats.md.
const std::vector<std::string> kAcled = {
    "event_id_cnty", "event_date",     "year",     "time_precision", "disorder_type",
    "event_type",    "sub_event_type", "actor1",   "assoc_actor_1",  "inter1",
    "actor2",        "assoc_actor_2",  "inter2",   "interaction",    "civilian_targeting",
    "iso",           "region",         "country",  "admin1",         "admin2",
    "admin3",        "location",       "latitude", "longitude",      "geo_precision",
    "source",        "source_scale",   "notes",    "fatalities",     "tags",
    "timestamp"};
const std::vector<std::string> kUcdp = {"id",
                                        "relid",
                                        "year",
                                        "active_year",
                                        "code_status",
                                        "type_of_violence",
                                        "conflict_dset_id",
                                        "conflict_new_id",
                                        "conflict_name",
                                        "dyad_dset_id",
                                        "dyad_new_id",
                                        "dyad_name",
                                        "side_a_dset_id",
                                        "side_a_new_id",
                                        "side_a",
                                        "side_b_dset_id",
                                        "side_b_new_id",
                                        "side_b",
                                        "number_of_sources",
                                        "source_article",
                                        "source_office",
                                        "source_date",
                                        "source_headline",
                                        "source_original",
                                        "where_prec",
                                        "where_coordinates",
                                        "where_description",
                                        "adm_1",
                                        "adm_2",
                                        "latitude",
                                        "longitude",
                                        "geom_wkt",
                                        "priogrid_gid",
                                        "country",
                                        "country_id",
                                        "region",
                                        "event_clarity",
                                        "date_prec",
                                        "date_start",
                                        "date_end",
                                        "deaths_a",
                                        "deaths_b",
                                        "deaths_civilians",
                                        "deaths_unknown",
                                        "best",
                                        "high",
                                        "low",
                                        "gwnoa",
                                        "gwnob"};
const std::vector<std::string> kPolecat = {"Event ID",
                                           "Event Date",
                                           "Event Type",
                                           "Event Mode",
                                           "Event Intensity",
                                           "Quad Code",
                                           "Contexts",
                                           "Actor Name",
                                           "Actor Country",
                                           "Actor COW",
                                           "Primary Actor Sector",
                                           "Actor Sectors",
                                           "Actor Title",
                                           "Actor Name Raw",
                                           "Wikipedia Actor ID",
                                           "Recipient Name",
                                           "Recipient Country",
                                           "Recipient COW",
                                           "Primary Recipient Sector",
                                           "Recipient Sectors",
                                           "Recipient Title",
                                           "Recipient Name Raw",
                                           "Wikipedia Recipient ID",
                                           "Placename",
                                           "City",
                                           "District",
                                           "Province",
                                           "Country",
                                           "Latitude",
                                           "Longitude",
                                           "GeoNames ID",
                                           "Raw Placename",
                                           "Feature Type",
                                           "Source",
                                           "Publication Date",
                                           "Story People",
                                           "Story Organizations",
                                           "Story Locations",
                                           "Language",
                                           "Version"};

constexpr const char* kRaid = "a000000000000001e0";
constexpr const char* kTalks = "a000000000000001e2";

class ExportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    std::string url = testing::FreshDatabase(GetParam(), dir_, &skip);
    if (url.empty()) GTEST_SKIP() << skip;
    auto store = Store::Open(url, {});
    ASSERT_TRUE(store.ok()) << store.status().message();
    for (const auto& a : testing::RaidCorpus()) ASSERT_TRUE((*store)->Put(a).ok());
    ASSERT_TRUE((*store)->Merge({}).ok());
    auto events = (*store)->Events({});
    ASSERT_TRUE(events.ok());
    events_ = *events;
    ASSERT_EQ(events_.size(), 3u);
  }

  std::string Export(std::string_view format) {
    auto f = ParseExportFormat(format);
    EXPECT_TRUE(f.ok());
    std::ostringstream out;
    EXPECT_TRUE(ExportEvents(events_, *f, out).ok());
    return out.str();
  }

  // Rows keyed by the value of column `key`; checks every row's width.
  std::map<std::string, std::map<std::string, std::string>> Keyed(
      const Rows& rows, const std::vector<std::string>& header, const std::string& key) {
    std::map<std::string, std::map<std::string, std::string>> out;
    for (const auto& row : rows) {
      EXPECT_EQ(row.size(), header.size());
      std::map<std::string, std::string> fields;
      for (size_t i = 0; i < header.size() && i < row.size(); ++i) fields[header[i]] = row[i];
      out[fields[key]] = fields;
    }
    return out;
  }

  testing::TempDir dir_;
  std::vector<StoredEvent> events_;
};

TEST_P(ExportTest, KhaldunCsvHasEveryFieldOfEveryEvent) {
  Rows rows = store::ParseDelimited(Export("csv"), false);
  ASSERT_EQ(rows.size(), 4u);
  std::vector<std::string> header = rows[0];
  rows.erase(rows.begin());
  auto by_id = Keyed(rows, header, "event_id");
  for (const StoredEvent& s : events_) {
    ASSERT_TRUE(by_id.count(s.event.id)) << s.event.id;
    auto& r = by_id[s.event.id];
    EXPECT_EQ(r["type"], s.event.type);
    EXPECT_EQ(r["cameo"], s.event.cameo);
    EXPECT_EQ(r["event_date"], s.event_date);
    EXPECT_EQ(r["sentence"], s.sentence_text);
    EXPECT_EQ(r["url"], s.url);
    EXPECT_EQ(r["headline"], s.headline);
  }
  auto& raid = by_id[kRaid];
  EXPECT_EQ(raid["article_id"], "a000000000000001");
  EXPECT_EQ(raid["factuality"], "asserted");
  EXPECT_EQ(raid["confidence"], "0.750");
  EXPECT_EQ(raid["date_basis"], "event");
  EXPECT_EQ(raid["date_precision"], "day");
  EXPECT_EQ(raid["source_codes"], "USAMIL");
  EXPECT_EQ(raid["source_text"], "US forces");
  EXPECT_EQ(raid["target_names"], "Islamic State");
  EXPECT_EQ(raid["target_roles"], "INS");
  EXPECT_EQ(raid["country"], "IRQ");
  EXPECT_EQ(raid["admin1"], "Al Anbar");
  EXPECT_EQ(raid["admin1_code"], "IQ-AN");
  EXPECT_EQ(raid["latitude"], "33.050000");
  EXPECT_EQ(raid["longitude"], "40.280000");
  EXPECT_EQ(raid["killed"], "15");
  EXPECT_EQ(raid["injured"], "2");
  EXPECT_EQ(raid["casualties"], "killed:15:15:20:at least|injured:2:2:2:");
  EXPECT_EQ(raid["reported_by"], "AFP");
  EXPECT_EQ(raid["report_count"], "3");
  EXPECT_EQ(raid["article_count"], "2");
  EXPECT_EQ(raid["source_count"], "2");
  EXPECT_EQ(raid["sources"], "example.com|news.example.org");
  EXPECT_EQ(raid["merged_into"], "");
  EXPECT_EQ(by_id[kTalks]["latitude"], "");
  EXPECT_EQ(by_id[kTalks]["source_codes"], "USAGOV");
}

TEST_P(ExportTest, AcledCsvHasAcledsColumns) {
  Rows rows = store::ParseDelimited(Export("acled-csv"), false);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], kAcled);
  rows.erase(rows.begin());
  auto by_id = Keyed(rows, kAcled, "event_id_cnty");
  ASSERT_TRUE(by_id.count(std::string("IRQ") + kRaid));
  auto& raid = by_id[std::string("IRQ") + kRaid];
  EXPECT_EQ(raid["event_date"], "2024-08-29");
  EXPECT_EQ(raid["year"], "2024");
  EXPECT_EQ(raid["time_precision"], "1");
  EXPECT_EQ(raid["disorder_type"], "Political violence");
  EXPECT_EQ(raid["event_type"], "Battles");
  EXPECT_EQ(raid["sub_event_type"], "Armed clash");
  EXPECT_EQ(raid["actor1"], "US forces");
  EXPECT_EQ(raid["actor2"], "Islamic State");
  EXPECT_EQ(raid["inter1"], "1");
  EXPECT_EQ(raid["inter2"], "3");
  EXPECT_EQ(raid["interaction"], "13");
  EXPECT_EQ(raid["country"], "Iraq");
  EXPECT_FALSE(raid["region"].empty());
  EXPECT_EQ(raid["admin1"], "Al Anbar");
  EXPECT_EQ(raid["location"], "near Rutba");
  EXPECT_EQ(raid["latitude"], "33.050000");
  EXPECT_EQ(raid["longitude"], "40.280000");
  EXPECT_EQ(raid["geo_precision"], "2");
  EXPECT_EQ(raid["source"], "example.com; news.example.org");
  EXPECT_EQ(raid["fatalities"], "15");
  EXPECT_EQ(raid["notes"], "US forces killed 15 ISIS fighters in a raid near Rutba on Thursday.");
  EXPECT_FALSE(raid["timestamp"].empty());
  auto& talks = by_id[std::string("IRQ") + kTalks];
  EXPECT_EQ(talks["event_type"], "Strategic developments");
  EXPECT_EQ(talks["fatalities"], "0");
}

TEST_P(ExportTest, UcdpCsvHasGedsColumnsAndDeathFigures) {
  Rows rows = store::ParseDelimited(Export("ucdp-csv"), false);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], kUcdp);
  rows.erase(rows.begin());
  auto by_id = Keyed(rows, kUcdp, "id");
  auto& raid = by_id[kRaid];
  EXPECT_EQ(raid["year"], "2024");
  EXPECT_EQ(raid["type_of_violence"], "1");
  EXPECT_EQ(raid["side_a"], "US forces");
  EXPECT_EQ(raid["side_b"], "Islamic State");
  EXPECT_EQ(raid["dyad_name"], "US forces - Islamic State");
  EXPECT_EQ(raid["number_of_sources"], "2");
  EXPECT_EQ(raid["source_office"], "example.com; news.example.org");
  EXPECT_EQ(raid["where_prec"], "2");
  EXPECT_EQ(raid["adm_1"], "Al Anbar");
  EXPECT_EQ(raid["geom_wkt"], "POINT (40.280000 33.050000)");
  EXPECT_EQ(raid["country"], "Iraq");
  EXPECT_EQ(raid["event_clarity"], "1");
  EXPECT_EQ(raid["date_prec"], "1");
  EXPECT_EQ(raid["date_start"], "2024-08-29");
  EXPECT_EQ(raid["date_end"], "2024-08-29");
  EXPECT_EQ(raid["deaths_a"], "0");
  EXPECT_EQ(raid["deaths_b"], "15");
  EXPECT_EQ(raid["deaths_civilians"], "0");
  EXPECT_EQ(raid["deaths_unknown"], "0");
  EXPECT_EQ(raid["best"], "15");
  EXPECT_EQ(raid["low"], "15");
  EXPECT_EQ(raid["high"], "20");
  EXPECT_EQ(by_id[kTalks]["type_of_violence"], "");
  EXPECT_EQ(by_id[kTalks]["best"], "0");
}

TEST_P(ExportTest, GdeltTsvHas61ColumnsWithCameoQuadClassAndGoldstein) {
  Rows rows = store::ParseDelimited(Export("gdelt-tsv"), true);
  ASSERT_EQ(rows.size(), 3u);  // GDELT files have no header
  // Keyed by EventCode and SQLDATE.
  std::map<std::string, std::vector<std::string>> by_code;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 61u);
    by_code[row[26] + " " + row[1]] = row;
  }
  ASSERT_TRUE(by_code.count("190 20240829"));
  const auto& raid = by_code["190 20240829"];
  EXPECT_FALSE(raid[0].empty());
  EXPECT_EQ(raid[0].find_first_not_of("0123456789"), std::string::npos);  // GLOBALEVENTID
  EXPECT_EQ(raid[5], "USAMIL");                                           // Actor1Code
  EXPECT_EQ(raid[6], "US FORCES");                                        // Actor1Name
  EXPECT_EQ(raid[7], "USA");                                              // Actor1CountryCode
  EXPECT_EQ(raid[12], "MIL");                                             // Actor1Type1Code
  EXPECT_EQ(raid[15], "IMGINSISI");                                       // Actor2Code
  EXPECT_EQ(raid[16], "ISLAMIC STATE");
  EXPECT_EQ(raid[25], "1");      // IsRootEvent: the first sentence
  EXPECT_EQ(raid[27], "190");    // EventBaseCode
  EXPECT_EQ(raid[28], "19");     // EventRootCode
  EXPECT_EQ(raid[29], "4");      // QuadClass: material conflict
  EXPECT_EQ(raid[30], "-10.0");  // GoldsteinScale
  EXPECT_EQ(raid[31], "3");      // NumMentions
  EXPECT_EQ(raid[32], "2");      // NumSources
  EXPECT_EQ(raid[33], "2");      // NumArticles
  EXPECT_EQ(raid[51], "4");      // ActionGeo_Type: a place
  EXPECT_EQ(raid[52], "near Rutba, Al Anbar, Iraq");
  EXPECT_EQ(raid[53], "IQ");
  EXPECT_EQ(raid[54], "IQ-AN");
  EXPECT_EQ(raid[56], "33.050000");
  EXPECT_EQ(raid[57], "40.280000");
  EXPECT_EQ(raid[59].size(), 14u);  // DATEADDED YYYYMMDDHHMMSS
  EXPECT_EQ(raid[60], "https://www.example.com/raid");
  const auto& talks = by_code["040 20240829"];
  ASSERT_EQ(talks.size(), 61u);
  EXPECT_EQ(talks[1], "20240829");
  EXPECT_EQ(talks[2], "202408");
  EXPECT_EQ(talks[3], "2024");
  EXPECT_EQ(talks[4].substr(0, 5), "2024.");
  EXPECT_EQ(talks[25], "0");  // third sentence: not the lead
  EXPECT_EQ(talks[28], "04");
  EXPECT_EQ(talks[29], "1");  // verbal cooperation
  EXPECT_EQ(talks[30], "1.0");
}

TEST_P(ExportTest, PolecatTsvHasItsColumns) {
  Rows rows = store::ParseDelimited(Export("polecat-tsv"), true);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], kPolecat);
  rows.erase(rows.begin());
  auto by_id = Keyed(rows, kPolecat, "Event ID");
  auto& raid = by_id[kRaid];
  EXPECT_EQ(raid["Event Date"], "2024-08-29");
  EXPECT_EQ(raid["Event Type"], "ASSAULT");
  EXPECT_EQ(raid["Event Intensity"], "-10.0");
  EXPECT_EQ(raid["Quad Code"], "M-CONF");
  EXPECT_EQ(raid["Actor Name"], "US forces");
  EXPECT_EQ(raid["Actor Country"], "USA");
  EXPECT_EQ(raid["Primary Actor Sector"], "MIL");
  EXPECT_EQ(raid["Recipient Name"], "Islamic State");
  EXPECT_EQ(raid["Recipient Name Raw"], "ISIS fighters");
  EXPECT_EQ(raid["Province"], "Al Anbar");
  EXPECT_EQ(raid["Country"], "IRQ");
  EXPECT_EQ(raid["Latitude"], "33.050000");
  EXPECT_EQ(raid["Source"], "example.com; news.example.org");
  EXPECT_EQ(raid["Publication Date"], "2024-08-30");
  EXPECT_EQ(raid["Language"], "en");
  EXPECT_EQ(by_id[kTalks]["Quad Code"], "V-COOP");
}

std::string Str(simdjson::simdjson_result<simdjson::dom::element> e) {
  std::string_view v;
  return e.get(v) == simdjson::SUCCESS ? std::string(v) : std::string("<absent>");
}

TEST_P(ExportTest, PloverJsonlHasTheRecordFields) {
  std::string text = Export("plover-jsonl");
  simdjson::dom::parser parser;
  int records = 0;
  for (const auto& line : testing::Lines(text)) {
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
    ++records;
    for (const char* field :
         {"id",          "has_event", "date",       "time",       "enddate",    "endtime",
          "actor",       "recipient", "event",      "event_loc",  "event_text", "quad_code",
          "event_scale", "mode",      "context",    "link",       "text",       "text_info",
          "cite_info",   "coder",     "coded_date", "coded_time", "comment"}) {
      EXPECT_EQ(doc[field].error(), simdjson::SUCCESS) << field;
    }
    if (Str(doc["id"]) != kRaid) continue;
    EXPECT_EQ(Str(doc["date"]), "2024-08-29");
    EXPECT_EQ(Str(doc["event"].at(0)), "ASSAULT");
    EXPECT_EQ(Str(doc["actor"].at(0)["code"]), "USAMIL");
    EXPECT_EQ(Str(doc["actor"].at(0)["sector"]), "MIL");
    EXPECT_EQ(Str(doc["recipient"].at(0)["identifier_text"]), "Islamic State");
    EXPECT_EQ(Str(doc["event_loc"]["country_code"]), "IRQ");
    EXPECT_EQ(Str(doc["event_loc"]["province"]), "Al Anbar");
    double lat = 0;
    ASSERT_EQ(doc["event_loc"]["lat"].get(lat), simdjson::SUCCESS);
    EXPECT_DOUBLE_EQ(lat, 33.05);
    EXPECT_EQ(Str(doc["quad_code"]), "M-CONF");
    int64_t dead = 0;
    ASSERT_EQ(doc["event_scale"]["dead"].get(dead), simdjson::SUCCESS);
    EXPECT_EQ(dead, 15);
    EXPECT_EQ(Str(doc["link"]), "https://www.example.com/raid");
    EXPECT_EQ(Str(doc["event_text"]),
              "US forces killed 15 ISIS fighters in a raid near Rutba on Thursday.");
    EXPECT_EQ(Str(doc["cite_info"]["codebook"]), "PLOVER");
  }
  EXPECT_EQ(records, 3);
}

TEST_P(ExportTest, GeoJsonHasTheEventsWithCoordinates) {
  std::string text = Export("geojson");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(Str(doc["type"]), "FeatureCollection");
  simdjson::dom::array features;
  ASSERT_EQ(doc["features"].get(features), simdjson::SUCCESS);
  EXPECT_EQ(features.size(), 2u);  // the talks have no coordinates
  for (auto f : features) {
    EXPECT_EQ(Str(f["geometry"]["type"]), "Point");
    double lon = 0, lat = 0;
    ASSERT_EQ(f["geometry"]["coordinates"].at(0).get(lon), simdjson::SUCCESS);
    ASSERT_EQ(f["geometry"]["coordinates"].at(1).get(lat), simdjson::SUCCESS);
    EXPECT_DOUBLE_EQ(lon, 40.28);
    EXPECT_DOUBLE_EQ(lat, 33.05);
    EXPECT_EQ(Str(f["properties"]["type"]), "ASSAULT");
  }
}

TEST(ExportFormatTest, UnknownFormatNamesTheChoices) {
  auto f = ParseExportFormat("xlsx");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("'xlsx'"), std::string::npos);
  EXPECT_NE(f.status().message().find("gdelt-tsv"), std::string::npos);
}

TEST(DelimitedTest, QuotedFieldsRoundTrip) {
  std::vector<std::string> row = {"plain", "with, comma", "with \"quotes\"", "two\nlines", ""};
  std::string csv;
  store::AppendCsvRow(csv, row);
  store::AppendCsvRow(csv, {"a", "b"});
  Rows rows = store::ParseDelimited(csv, false);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], row);
  std::string tsv;
  store::AppendTsvRow(tsv, {"a\tb", "c\nd", ""});
  Rows t = store::ParseDelimited(tsv, true);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0], (std::vector<std::string>{"a b", "c d", ""}));
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace khaldun
