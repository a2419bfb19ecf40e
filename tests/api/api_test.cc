// The JSON API over a real SQLite store built from the seed page and the
// development gold articles: every route's shape and meaning, pagination,
// filters, evidence highlights, live ingest behind the token, and bad
// requests answered with 4xx JSON errors that change nothing.
#include "khaldun/api.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "khaldun/code.h"
#include "khaldun/ingest.h"
#include "khaldun/store.h"
#include "store/store_testing.h"
#include "testing/run_cli.h"

namespace khaldun {
namespace {

using testing::TempDir;

constexpr char kToken[] = "test-token-0123456789abcdef";

std::string SeedPath() { return std::string(KHALDUN_SHARED_DIR) + "/seed/article.txt"; }

// Builds the database once for the suite: the seed page (when ../shared is
// there) and every development gold article, coded and merged.
class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "api.db").string();
    auto ingest = IngestResources::LoadBuiltin();
    auto coding = CodingResources::LoadBuiltin();
    ASSERT_TRUE(ingest.ok() && coding.ok());
    auto store = Store::Open(db_, {});
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto put_all = [&](const std::string& path, const IngestOptions& options) {
      const std::string paths[] = {path};
      IngestPaths(
          paths, options, *ingest,
          [&](Article&& article) {
            // News only: not the gold files nor the set's README.
            if (article.source_file.ends_with(".json") || article.source_file.ends_with(".md")) return;
            auto put = (*store)->Put(CodeArticle(std::move(article), *coding, CodeOptions{}));
            ASSERT_TRUE(put.ok()) << put.status().message();
          },
          [](const InputError&) {});
    };
    put_all(std::string(KHALDUN_SOURCE_DIR) + "/tests/gold", IngestOptions{});
    if (std::filesystem::exists(SeedPath())) {
      IngestOptions seed;
      seed.published = "2024-09-05";  // the seed's gold publication date
      put_all(SeedPath(), seed);
    }
    ASSERT_TRUE((*store)->Flush().ok());
    ASSERT_TRUE((*store)->Merge({}).ok());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    ApiOptions options;
    options.token = kToken;
    auto api = Api::Open(db_, options);
    ASSERT_TRUE(api.ok()) << api.status().message();
    api_ = std::move(*api);
  }

  ApiResponse Get(const std::string& path,
                  std::vector<std::pair<std::string, std::string>> params = {}) const {
    ApiRequest request;
    request.method = "GET";
    request.path = path;
    request.params = std::move(params);
    return api_->Handle(request);
  }

  // Parses a JSON body (kept alive in the parser's document).
  simdjson::dom::element Parse(const std::string& body) {
    parsers_.emplace_back(std::make_unique<simdjson::dom::parser>());
    simdjson::dom::element doc;
    auto error = parsers_.back()->parse(body).get(doc);
    EXPECT_FALSE(error) << "not JSON: " << body.substr(0, 200);
    return doc;
  }

  std::vector<std::string> EventIds(std::vector<std::pair<std::string, std::string>> params) {
    ApiResponse r = Get("/api/events", std::move(params));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> ids;
    for (simdjson::dom::element e : Parse(r.body)["events"].get_array()) {
      ids.emplace_back(std::string_view(e["id"].get_string()));
    }
    return ids;
  }

  std::string Count(const std::string& table) {
    auto store = Store::Open(db_, {});
    auto counts = (*store)->Counts();
    std::ostringstream out;
    out << counts->articles << "/" << counts->events << "/" << counts->merges << "/"
        << counts->quotes << "/" << table;
    return out.str();
  }

  static TempDir* dir_;
  static std::string db_;
  std::unique_ptr<Api> api_;
  std::vector<std::unique_ptr<simdjson::dom::parser>> parsers_;
};

TempDir* ApiTest::dir_ = nullptr;
std::string ApiTest::db_;

TEST_F(ApiTest, HealthSaysBackendAndSchema) {
  ApiResponse r = Get("/healthz");
  ASSERT_EQ(r.status, 200);
  auto doc = Parse(r.body);
  EXPECT_EQ(std::string_view(doc["status"].get_string()), "ok");
  EXPECT_EQ(std::string_view(doc["backend"].get_string()), "sqlite");
  EXPECT_EQ(int64_t(doc["schema"].get_int64()), Store::LatestSchemaVersion());
  EXPECT_TRUE(bool(doc["writes"].get_bool()));
}

TEST_F(ApiTest, OpenApiDescribesEveryRoute) {
  ApiResponse r = Get("/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto paths = Parse(r.body)["paths"];
  for (const char* route :
       {"/healthz", "/api/events", "/api/events/{id}", "/api/articles/{id}", "/api/actors",
        "/api/stats/summary", "/api/stats/timeline", "/api/network", "/api/map", "/api/export",
        "/api/articles", "/api/openapi.json"}) {
    EXPECT_FALSE(paths[route].error()) << route;
  }
}

TEST_F(ApiTest, EventsPageByCursorExactlyOnceNewestFirst) {
  std::vector<std::string> all = EventIds({{"limit", "500"}});
  ASSERT_GT(all.size(), 20u);
  std::vector<std::string> paged;
  std::string cursor;
  std::string last_date = "9999";
  for (int page = 0; page < 200; ++page) {
    std::vector<std::pair<std::string, std::string>> params = {{"limit", "7"}};
    if (!cursor.empty()) params.emplace_back("cursor", cursor);
    ApiResponse r = Get("/api/events", params);
    ASSERT_EQ(r.status, 200) << r.body;
    auto doc = Parse(r.body);
    for (simdjson::dom::element e : doc["events"].get_array()) {
      paged.emplace_back(std::string_view(e["id"].get_string()));
      std::string_view date;
      if (!e["date"].get_string().get(date)) {
        EXPECT_LE(std::string(date), last_date) << "not newest first";
        last_date = std::string(date);
      }
    }
    if (doc["next_cursor"].is_null()) break;
    cursor = std::string(std::string_view(doc["next_cursor"].get_string()));
  }
  EXPECT_EQ(paged, all);
  EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), paged.size());
}

TEST_F(ApiTest, FiltersNarrowToMatchingEvents) {
  ApiResponse r = Get("/api/events", {{"type", "ASSAULT"}, {"country", "IRQ"}, {"limit", "500"}});
  ASSERT_EQ(r.status, 200);
  size_t n = 0;
  for (simdjson::dom::element e : Parse(r.body)["events"].get_array()) {
    EXPECT_EQ(std::string_view(e["type"].get_string()), "ASSAULT");
    EXPECT_EQ(std::string_view(e["country"].get_string()), "IRQ");
    ++n;
  }
  EXPECT_GT(n, 0u);

  r = Get("/api/events", {{"since", "2024-08-29"}, {"until", "2024-08-29"}, {"limit", "500"}});
  ASSERT_EQ(r.status, 200);
  for (simdjson::dom::element e : Parse(r.body)["events"].get_array()) {
    EXPECT_EQ(std::string_view(e["date"].get_string()), "2024-08-29");
  }
  for (const char* f : {"asserted", "possible", "negated"}) {
    r = Get("/api/events", {{"factuality", f}, {"limit", "500"}});
    ASSERT_EQ(r.status, 200);
    for (simdjson::dom::element e : Parse(r.body)["events"].get_array()) {
      EXPECT_EQ(std::string_view(e["factuality"].get_string()), f);
    }
  }
  // Full-text search: only articles with the word.
  r = Get("/api/events", {{"q", "drones"}, {"limit", "500"}});
  ASSERT_EQ(r.status, 200);
  auto found = Parse(r.body)["events"].get_array();
  EXPECT_GT(found.size(), 0u);
  // Stemmed: "drones" finds articles that say "drone"; each hit's article
  // has the word.
  for (simdjson::dom::element e : found) {
    ApiResponse a = Get("/api/articles/" + std::string(std::string_view(e["article_id"].get_string())));
    std::string text(std::string_view(Parse(a.body)["text"].get_string()));
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_NE(text.find("drone"), std::string::npos);
  }
  // An actor filter: every event has it on a side.
  r = Get("/api/events", {{"actor", "USAMIL"}, {"limit", "500"}});
  ASSERT_EQ(r.status, 200);
  for (simdjson::dom::element e : Parse(r.body)["events"].get_array()) {
    bool has = false;
    for (const char* side : {"source", "target"}) {
      for (simdjson::dom::element a : e[side].get_array()) {
        std::string_view code;
        if (!a["code"].get_string().get(code)) has |= code == "USAMIL";
      }
    }
    EXPECT_TRUE(has) << std::string_view(e["id"].get_string());
  }
  EXPECT_TRUE(EventIds({{"min_sources", "50"}}).empty());
}

TEST_F(ApiTest, SeedJointOperationHasEvidenceWithHighlights) {
  if (!std::filesystem::exists(SeedPath())) GTEST_SKIP() << "no ../shared seed";
  ApiResponse r = Get("/api/events", {{"type", "ASSAULT"}, {"q", "Shammari"}, {"limit", "500"}});
  ASSERT_EQ(r.status, 200);
  std::string joint;
  for (simdjson::dom::element e : Parse(r.body)["events"].get_array()) {
    if (int64_t(e["killed"].get_int64()) == 15) joint = std::string(std::string_view(e["id"].get_string()));
  }
  ASSERT_FALSE(joint.empty()) << r.body.substr(0, 500);
  r = Get("/api/events/" + joint);
  ASSERT_EQ(r.status, 200) << r.body;
  auto doc = Parse(r.body);
  auto event = doc["event"];
  EXPECT_EQ(std::string_view(event["country"].get_string()), "IRQ");
  EXPECT_EQ(std::string_view(event["date"].get_string()), "2024-08-29");
  EXPECT_EQ(int64_t(event["injured"].get_int64()), 7);
  auto reports = doc["reports"].get_array();
  ASSERT_GE(reports.size(), 1u);
  for (simdjson::dom::element report : reports) {
    std::string joined;
    std::set<std::string> marks;
    for (simdjson::dom::element s : report["segments"].get_array()) {
      joined += std::string_view(s["text"].get_string());
      std::string_view mark;
      if (!s["mark"].get_string().get(mark)) marks.emplace(mark);
    }
    EXPECT_EQ(joined, std::string_view(report["sentence"].get_string()));
    EXPECT_TRUE(marks.count("trigger")) << joined;
    EXPECT_TRUE(marks.count("source") || marks.count("target")) << joined;
    EXPECT_FALSE(std::string_view(report["rule"].get_string()).empty());
  }
  // Its article, with the analyst's quotes.
  std::string article(std::string_view(event["article_id"].get_string()));
  r = Get("/api/articles/" + article);
  ASSERT_EQ(r.status, 200);
  auto a = Parse(r.body);
  size_t shammari = 0;
  for (simdjson::dom::element q : a["quotes"].get_array()) {
    std::string_view speaker;
    if (!q["speaker"].get_string().get(speaker) && speaker.find("Shammari") != speaker.npos) {
      ++shammari;
    }
  }
  EXPECT_GE(shammari, 5u);  // the gold has five; the coder may split a quote
  EXPECT_GT(a["events"].get_array().size(), 1u);
}

TEST_F(ApiTest, AggregatesAgreeWithTheEventList) {
  std::vector<std::string> assaults = EventIds({{"type", "ASSAULT"}, {"limit", "500"}});
  ApiResponse r = Get("/api/stats/summary", {{"type", "ASSAULT"}});
  ASSERT_EQ(r.status, 200);
  auto stats = Parse(r.body);
  EXPECT_EQ(size_t(int64_t(stats["events"].get_int64())), assaults.size());
  auto types = stats["types"].get_array();
  ASSERT_EQ(types.size(), 1u);

  r = Get("/api/stats/timeline", {{"type", "ASSAULT"}});
  ASSERT_EQ(r.status, 200);
  int64_t dated = 0;
  for (simdjson::dom::element b : Parse(r.body)["series"].get_array()) dated += int64_t(b["count"].get_int64());
  EXPECT_GT(dated, 0);
  EXPECT_LE(dated, int64_t(assaults.size()));

  r = Get("/api/stats/timeline", {{"type", "ASSAULT"}, {"bucket", "week"}});
  ASSERT_EQ(r.status, 200);
  int64_t weekly = 0;
  for (simdjson::dom::element b : Parse(r.body)["series"].get_array()) {
    weekly += int64_t(b["count"].get_int64());
    std::string period(std::string_view(b["period"].get_string()));
    std::tm tm{};
    ASSERT_TRUE(strptime(period.c_str(), "%Y-%m-%d", &tm));
    std::mktime(&tm);
    EXPECT_EQ(tm.tm_wday, 1) << period << " is not a Monday";
  }
  EXPECT_EQ(weekly, dated);

  r = Get("/api/actors", {{"limit", "5"}});
  ASSERT_EQ(r.status, 200);
  auto actors = Parse(r.body)["actors"].get_array();
  ASSERT_EQ(actors.size(), 5u);
  int64_t previous = INT64_MAX;
  for (simdjson::dom::element a : actors) {
    int64_t events = a["events"].get_int64();
    EXPECT_LE(events, previous);
    previous = events;
    EXPECT_LE(events, int64_t(a["as_source"].get_int64()) + int64_t(a["as_target"].get_int64()));
  }

  r = Get("/api/network", {{"limit", "20"}});
  ASSERT_EQ(r.status, 200);
  auto network = Parse(r.body);
  std::set<std::string> nodes;
  for (simdjson::dom::element n : network["nodes"].get_array()) {
    nodes.emplace(std::string_view(n["id"].get_string()));
  }
  auto edges = network["edges"].get_array();
  ASSERT_GT(edges.size(), 0u);
  for (simdjson::dom::element e : edges) {
    EXPECT_TRUE(nodes.count(std::string(std::string_view(e["source"].get_string()))));
    EXPECT_TRUE(nodes.count(std::string(std::string_view(e["target"].get_string()))));
    EXPECT_GE(int64_t(e["weight"].get_int64()), 1);
  }

  r = Get("/api/map", {{"country", "IRQ"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/geo+json");
  auto features = Parse(r.body)["features"].get_array();
  ASSERT_GT(features.size(), 0u);
  for (simdjson::dom::element f : features) {
    EXPECT_EQ(std::string_view(f["properties"]["country"].get_string()), "IRQ");
    double lon = f["geometry"]["coordinates"].at(0).get_double();
    double lat = f["geometry"]["coordinates"].at(1).get_double();
    EXPECT_TRUE(lat > 28 && lat < 38 && lon > 38 && lon < 49) << lat << "," << lon;
  }
}

TEST_F(ApiTest, ExportStreamsEveryFormat) {
  for (const char* format : {"csv", "acled-csv", "ucdp-csv", "gdelt-tsv", "plover-jsonl",
                             "polecat-tsv", "geojson"}) {
    ApiResponse r = Get("/api/export", {{"format", format}, {"country", "IRQ"}});
    ASSERT_EQ(r.status, 200) << format << r.body;
    ASSERT_TRUE(r.stream) << format;
    std::ostringstream out;
    ASSERT_TRUE(r.stream(out).ok()) << format;
    EXPECT_GT(out.str().size(), 100u) << format;
    if (std::string_view(format) == "geojson") Parse(out.str());
    if (std::string_view(format) == "acled-csv") {
      EXPECT_TRUE(out.str().starts_with("event_id_cnty,")) << out.str().substr(0, 80);
    }
  }
}

TEST_F(ApiTest, BadRequestsGetJsonErrorsAndChangeNothing) {
  const std::string before = Count("");
  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>
      bad = {
          {"/api/events", {{"colour", "red"}}},
          {"/api/events", {{"type", "ASSAULT"}, {"type", "AGREE"}}},
          {"/api/events", {{"since", "2024-02-30"}}},
          {"/api/events", {{"since", "yesterday"}}},
          {"/api/events", {{"since", "2024-09-02"}, {"until", "2024-09-01"}}},
          {"/api/events", {{"type", "ASSAULT' OR '1'='1"}}},
          {"/api/events", {{"country", "IRQ'; DROP TABLE events; --"}}},
          {"/api/events", {{"factuality", "true OR 1=1"}}},
          {"/api/events", {{"min_sources", "1 OR 1=1"}}},
          {"/api/events", {{"limit", "100000"}}},
          {"/api/events", {{"limit", "-1"}}},
          {"/api/events", {{"cursor", "2024-01-01.x' OR 1=1 --"}}},
          {"/api/events", {{"actor", std::string(300, 'a')}}},
          {"/api/events", {{"q", "a\x01" "b"}}},
          {"/api/events", {{"admin1", "\xff\xfe"}}},
          {"/api/stats/timeline", {{"bucket", "month"}}},
          {"/api/export", {{"format", "xlsx"}}},
          {"/api/events/..%2F..%2Fetc%2Fpasswd", {}},
          {"/api/events/<script>", {}},
          {"/api/articles/1 OR 1=1", {}},
      };
  for (const auto& [path, params] : bad) {
    ApiResponse r = Get(path, params);
    EXPECT_EQ(r.status, 400) << path << " " << (params.empty() ? "" : params[0].second);
    auto doc = Parse(r.body);
    EXPECT_EQ(int64_t(doc["error"]["status"].get_int64()), 400);
    EXPECT_FALSE(std::string_view(doc["error"]["message"].get_string()).empty());
  }
  // Free-text parameters take any text: injection strings are names no
  // actor or region has, and words to search for (FTS operators are plain
  // words: "OR" finds articles with the word "or").
  const std::vector<std::string> hostile = {
      "'; DROP TABLE events; --", "\" OR 1=1 --", "<script>alert(1)</script>",
      "x) UNION SELECT * FROM articles --", "NEAR(a b)", "*", "abc\"def"};
  for (const char* name : {"q", "actor", "admin1"}) {
    for (const std::string& value : hostile) {
      ApiResponse r = Get("/api/events", {{name, value}});
      EXPECT_EQ(r.status, 200) << name << "=" << value << " " << r.body;
      if (std::string_view(name) != "q") {
        EXPECT_EQ(Parse(r.body)["events"].get_array().size(), 0u) << name << "=" << value;
      }
    }
  }
  EXPECT_EQ(Parse(Get("/api/events", {{"q", "<script>alert(1)</script>"}}).body)["events"]
                .get_array()
                .size(),
            0u);
  EXPECT_EQ(Get("/api/nothing").status, 404);
  EXPECT_EQ(Get("/api/events/ffffffffffffffff").status, 404);
  EXPECT_EQ(Get("/api/articles/ffffffffffffffff").status, 404);
  ApiRequest del;
  del.method = "DELETE";
  del.path = "/api/events";
  EXPECT_EQ(api_->Handle(del).status, 405);
  EXPECT_EQ(Count(""), before);
}

TEST_F(ApiTest, PostArticlesNeedsTheTokenAndCodesLive) {
  const std::string page =
      "<html><head><title>Rebels attack army post in Mali</title></head><body><article>"
      "<h1>Rebels attack army post in Mali</h1><p>BAMAKO, March 3 (Reuters) - Separatist "
      "rebels attacked an army post near Kidal in northern Mali on Sunday, killing four "
      "soldiers, the army said.</p><p>The army said it repelled the assault.</p>"
      "</article></body></html>";
  ApiRequest post;
  post.method = "POST";
  post.path = "/api/articles";
  post.body = page;
  post.params = {{"published", "2025-03-04"}, {"name", "mali.html"}};
  const std::string before = Count("");

  EXPECT_EQ(api_->Handle(post).status, 401);
  post.authorization = "Bearer wrong-token-0123456789abcdef";
  EXPECT_EQ(api_->Handle(post).status, 401);
  post.authorization = std::string("Basic ") + kToken;
  EXPECT_EQ(api_->Handle(post).status, 401);
  EXPECT_EQ(Count(""), before);

  post.authorization = std::string("Bearer ") + kToken;
  ApiRequest empty = post;
  empty.body.clear();
  EXPECT_EQ(api_->Handle(empty).status, 400);
  ApiRequest binary = post;
  binary.body = std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16) + std::string(200, '\0');
  EXPECT_EQ(api_->Handle(binary).status, 400);
  ApiRequest bad_param = post;
  bad_param.params = {{"published", "soon"}};
  EXPECT_EQ(api_->Handle(bad_param).status, 400);
  EXPECT_EQ(Count(""), before);

  ApiResponse r = api_->Handle(post);
  ASSERT_EQ(r.status, 201) << r.body;
  auto doc = Parse(r.body);
  auto articles = doc["articles"].get_array();
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(std::string_view(articles.at(0)["outcome"].get_string()), "added");
  EXPECT_GE(int64_t(articles.at(0)["events"].get_int64()), 1);
  std::vector<std::string> mali = EventIds({{"country", "MLI"}, {"type", "ASSAULT"}});
  EXPECT_FALSE(mali.empty());
  // The same page again changes nothing.
  r = api_->Handle(post);
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(std::string_view(Parse(r.body)["articles"].at(0)["outcome"].get_string()), "unchanged");
  EXPECT_EQ(EventIds({{"country", "MLI"}, {"type", "ASSAULT"}}), mali);

  ApiOptions small;
  small.token = kToken;
  small.max_body_bytes = 1024;
  auto limited = Api::Open(db_, small);
  ASSERT_TRUE(limited.ok());
  ApiRequest big = post;
  big.body = std::string(4096, 'a');
  EXPECT_EQ((*limited)->Handle(big).status, 413);
}

TEST_F(ApiTest, WritesAreOffWithoutAToken) {
  auto api = Api::Open(db_, ApiOptions{});
  ASSERT_TRUE(api.ok());
  EXPECT_FALSE((*api)->writes_enabled());
  ApiRequest post;
  post.method = "POST";
  post.path = "/api/articles";
  post.body = "Rebels attacked a village.";
  post.authorization = std::string("Bearer ") + kToken;
  EXPECT_EQ((*api)->Handle(post).status, 405);
}

// The same routes over PostgreSQL give the same answers as over SQLite:
// the filter, cursor and aggregate SQL is shared, so a dialect slip (NULL
// ordering, a type, a full-text operator) shows up as a difference here.
TEST(ApiPostgresTest, AnswersMatchSqlite) {
  TempDir dir;
  std::string skip;
  const std::string pg = testing::FreshDatabase("postgresql", dir, &skip);
  if (pg.empty()) GTEST_SKIP() << skip;
  const std::string lite = (dir.path() / "lite.db").string();
  auto ingest = IngestResources::LoadBuiltin();
  auto coding = CodingResources::LoadBuiltin();
  ASSERT_TRUE(ingest.ok() && coding.ok());
  std::vector<CodedArticle> coded;
  const std::string gold[] = {std::string(KHALDUN_SOURCE_DIR) + "/tests/gold"};
  IngestPaths(
      gold, IngestOptions{}, *ingest,
      [&](Article&& a) {
        // News only: not the gold files nor the set's README (whose
        // "killed/injured" PostgreSQL's parser reads as one file-path token).
        if (!a.source_file.ends_with(".json") && !a.source_file.ends_with(".md")) {
          coded.push_back(CodeArticle(std::move(a), *coding, CodeOptions{}));
        }
      },
      [](const InputError&) {});
  ASSERT_GT(coded.size(), 10u);
  for (const std::string& url : {pg, lite}) {
    auto store = Store::Open(url, {});
    ASSERT_TRUE(store.ok()) << store.status().message();
    for (const CodedArticle& c : coded) ASSERT_TRUE((*store)->Put(c).ok());
    ASSERT_TRUE((*store)->Flush().ok());
    ASSERT_TRUE((*store)->Merge({}).ok());
  }
  auto pg_api = Api::Open(pg, {});
  auto lite_api = Api::Open(lite, {});
  ASSERT_TRUE(pg_api.ok() && lite_api.ok());
  using Params = std::vector<std::pair<std::string, std::string>>;
  auto get = [](const Api& api, const std::string& path, Params params) {
    ApiRequest request;
    request.method = "GET";
    request.path = path;
    request.params = std::move(params);
    return api.Handle(request);
  };
  // Paged event ids, in order, over both.
  auto ids = [&](const Api& api, Params filter) {
    std::vector<std::string> out;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      Params params = filter;
      params.emplace_back("limit", "9");
      if (!cursor.empty()) params.emplace_back("cursor", cursor);
      ApiResponse r = get(api, "/api/events", params);
      EXPECT_EQ(r.status, 200) << r.body;
      simdjson::dom::parser parser;
      simdjson::dom::element doc = parser.parse(r.body);
      for (simdjson::dom::element e : doc["events"].get_array()) {
        out.emplace_back(std::string_view(e["id"].get_string()));
      }
      if (doc["next_cursor"].is_null()) break;
      cursor = std::string(std::string_view(doc["next_cursor"].get_string()));
    }
    return out;
  };
  for (const Params& filter : {Params{}, Params{{"type", "ASSAULT"}}, Params{{"q", "killed"}},
                               Params{{"country", "IRQ"}, {"factuality", "asserted"}}}) {
    std::vector<std::string> from_pg = ids(**pg_api, filter);
    std::vector<std::string> from_lite = ids(**lite_api, filter);
    EXPECT_FALSE(from_pg.empty());
    std::string only_pg, only_lite;
    for (const auto& id : from_pg) {
      if (std::find(from_lite.begin(), from_lite.end(), id) == from_lite.end()) only_pg += id + " ";
    }
    for (const auto& id : from_lite) {
      if (std::find(from_pg.begin(), from_pg.end(), id) == from_pg.end()) only_lite += id + " ";
    }
    EXPECT_EQ(from_pg, from_lite) << (filter.empty() ? "" : filter[0].second)
                                  << ": only PostgreSQL: " << only_pg
                                  << "; only SQLite: " << only_lite;
  }
  for (const char* path : {"/api/stats/summary", "/api/stats/timeline", "/api/actors",
                           "/api/network", "/api/map"}) {
    ApiResponse a = get(**pg_api, path, {});
    ApiResponse b = get(**lite_api, path, {});
    ASSERT_EQ(a.status, 200) << path << a.body;
    EXPECT_EQ(a.body, b.body) << path;
  }
}

TEST(ApiStatus, MapsStatusCodesToHttp) {
  EXPECT_EQ(HttpStatusOf(Status::InvalidArgument("x")), 400);
  EXPECT_EQ(HttpStatusOf(Status::NotFound("x")), 404);
  EXPECT_EQ(HttpStatusOf(Status::Unauthenticated("x")), 401);
  EXPECT_EQ(HttpStatusOf(Status::TooLarge("x")), 413);
  EXPECT_EQ(HttpStatusOf(Status::DeadlineExceeded("x")), 503);
  EXPECT_EQ(HttpStatusOf(Status::IOError("x")), 500);
}

}  // namespace
}  // namespace khaldun
