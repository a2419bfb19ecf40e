// The HTTP server on a real loopback socket: security headers, JSON
// errors for what httplib rejects itself, request size and rate bounds,
// static files with no way out of the web root, streamed exports, and a
// clean stop.
#include "server/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <string>
#include <thread>


#include "khaldun/store.h"
#include "testing/raw_http.h"
#include "testing/run_cli.h"

namespace khaldun::server {
namespace {

using testing::TempDir;
using testing::WriteFile;

constexpr char kToken[] = "server-test-token-0123456789";

class HttpServerTest : public ::testing::Test {
 protected:
  void Start(ServerOptions options) {
    web_ = dir_.path() / "web";
    WriteFile(web_ / "index.html", "<!doctype html><title>khaldun</title>");
    WriteFile(web_ / "app" / "main.js", "console.log('ok');");
    WriteFile(web_ / ".secret", "hidden");
    WriteFile(dir_.path() / "outside.txt", "outside the root");
    std::filesystem::create_directory_symlink(dir_.path(), web_ / "link");
    db_ = (dir_.path() / "server.db").string();
    // A store with one coded article, through the CLI as a user would.
    auto run = testing::RunKhaldun(
        {"run", "--db", db_, std::string(KHALDUN_SOURCE_DIR) + "/examples/corpus"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    ApiOptions api_options;
    api_options.token = kToken;
    api_options.max_body_bytes = options.max_body_bytes;
    auto api = Api::Open(db_, api_options);
    ASSERT_TRUE(api.ok()) << api.status().message();
    options.host = "127.0.0.1";
    options.port = 0;
    options.web_root = web_.string();
    auto server = HttpServer::Bind(std::shared_ptr<const Api>(std::move(*api)), options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(*server);
    thread_ = std::thread([this] { status_ = server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_connection_timeout(5, 0);
    client_->set_read_timeout(30, 0);
    // Wait until it answers.
    for (int i = 0; i < 100 && !client_->Get("/healthz"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  void TearDown() override {
    if (server_) {
      server_->Stop();
      thread_.join();
      EXPECT_TRUE(status_.ok()) << status_.message();
    }
  }

  // A raw request line, for paths a client library would normalise.
  std::string Raw(const std::string& request) { return testing::RawHttp(server_->port(), request); }

  TempDir dir_;
  std::filesystem::path web_;
  std::string db_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  Status status_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(HttpServerTest, EveryResponseCarriesTheSecurityHeaders) {
  Start({});
  for (const char* path : {"/", "/api/events", "/api/nothing", "/missing.js"}) {
    auto r = client_->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->get_header_value("Content-Security-Policy"), kContentSecurityPolicy) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
  }
  auto r = client_->Get("/");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  r = client_->Get("/app/main.js");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  r = client_->Get("/api/events");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
}

TEST_F(HttpServerTest, StaticFilesNeverLeaveTheWebRoot) {
  Start({});
  for (const char* path :
       {"/../outside.txt", "/app/../../outside.txt", "/%2e%2e/outside.txt", "/%2e%2e%2foutside.txt",
        "/..%2foutside.txt", "/.secret", "/link/outside.txt", "/app/..%5c..%5coutside.txt",
        "//etc/passwd", "/%00index.html"}) {
    std::string response = Raw(std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(response.find("outside the root"), std::string::npos) << path;
    EXPECT_EQ(response.find("hidden"), std::string::npos) << path;
    EXPECT_TRUE(response.starts_with("HTTP/1.1 404") || response.starts_with("HTTP/1.1 400"))
        << path << ": " << response.substr(0, 40);
  }
}

TEST_F(HttpServerTest, OversizedBodiesAndBadMethodsGetJsonErrors) {
  ServerOptions options;
  options.max_body_bytes = 4096;
  Start(options);
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  auto r = client_->Post("/api/articles", auth, std::string(100000, 'x'), "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("\"status\":413"), std::string::npos) << r->body;
  r = client_->Post("/api/articles", "Rebels attacked a town.", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer");
  r = client_->Delete("/api/events");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  r = client_->Post("/index.html", "x", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  r = client_->Get("/api/events?since=not-a-date");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("since"), std::string::npos);
  // A URI over httplib's bound.
  r = client_->Get(("/api/events?q=" + std::string(20000, 'a')).c_str());
  ASSERT_TRUE(r);
  EXPECT_GE(r->status, 400);
  EXPECT_LT(r->status, 500);
}

TEST_F(HttpServerTest, ClientsOverTheRateGet429) {
  ServerOptions options;
  options.rate_per_second = 1;
  options.rate_burst = 5;
  Start(options);
  int ok = 0, limited = 0;
  for (int i = 0; i < 20; ++i) {
    auto r = client_->Get("/api/stats/summary");
    ASSERT_TRUE(r);
    if (r->status == 200) ++ok;
    if (r->status == 429) {
      ++limited;
      EXPECT_EQ(r->get_header_value("Retry-After"), "1");
      EXPECT_NE(r->body.find("\"status\":429"), std::string::npos);
    }
  }
  EXPECT_LE(ok, 7);  // the burst (the health check took one), plus refill
  EXPECT_GE(limited, 13);
}

TEST_F(HttpServerTest, ExportStreamsThroughHttp) {
  Start({});
  auto r = client_->Get("/api/export?format=acled-csv");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(r->get_header_value("Content-Disposition").find("khaldun-events.csv"),
            std::string::npos);
  EXPECT_TRUE(r->body.starts_with("event_id_cnty,"));
  auto store = Store::Open(db_, {});
  auto events = (*store)->Events({});
  size_t rows = 0;
  for (char c : r->body) rows += c == '\n';
  // One header line; a quoted field may hold a newline, so at least.
  EXPECT_GE(rows, events->size() + 1);
}

TEST_F(HttpServerTest, LiveIngestThroughHttpShowsInTheApi) {
  Start({});
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  auto r = client_->Post(
      "/api/articles?published=2025-06-02", auth,
      "Gunmen attacked a police station in Borno State, Nigeria, on Sunday, killing three "
      "police officers, police said.\n",
      "text/plain");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  r = client_->Get("/api/events?country=NGA&type=ASSAULT");
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("police station"), std::string::npos) << r->body.substr(0, 300);
}

}  // namespace
}  // namespace khaldun::server
