// khaldun serve: argument parsing, the token, signals; the server itself
// is server/http_server.cc and the API src/api/.
#include "serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "khaldun/api.h"
#include "server/http_server.h"

namespace khaldun::cli {
namespace {

constexpr std::string_view kServeUsage =
    "usage: khaldun serve [--db URL] [--host ADDR] [--port N] [--web-root DIR]\n"
    "                     [--token-file FILE] [--threads N] [--rate-limit R] [--max-body BYTES]\n"
    "                     [--query-timeout-ms MS] [--log]\n";

int Usage(std::string_view where, std::string_view what) {
  std::fprintf(stderr, "khaldun: %.*s: %.*s\n%.*s", static_cast<int>(where.size()), where.data(),
               static_cast<int>(what.size()), what.data(), static_cast<int>(kServeUsage.size()),
               kServeUsage.data());
  return 2;
}

bool ParseNumber(std::string_view text, long long low, long long high, long long* out) {
  if (text.empty() || text.size() > 12) return false;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < low || v > high) return false;
  *out = v;
  return true;
}

// The token: the file's first line, or $KHALDUN_API_TOKEN. Short tokens
// are refused: the write endpoint codes and stores whatever it is sent.
int ReadToken(const std::string& file, std::string* token) {
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return Usage(file, "cannot read the token file");
    std::getline(in, *token);
  } else if (const char* env = std::getenv("KHALDUN_API_TOKEN"); env != nullptr) {
    *token = env;
  }
  while (!token->empty() && (token->back() == '\r' || token->back() == ' ' || token->back() == '\t')) {
    token->pop_back();
  }
  if (!token->empty() && token->size() < 16) {
    return Usage(file.empty() ? "KHALDUN_API_TOKEN" : file,
                 "the token is shorter than 16 characters");
  }
  return 0;
}

// The dashboard's files: --web-root, $KHALDUN_WEB_ROOT, or web/dist of
// the source tree this binary was built from.
std::string DefaultWebRoot() {
  if (const char* env = std::getenv("KHALDUN_WEB_ROOT"); env != nullptr) return env;
#ifdef KHALDUN_WEB_ROOT
  std::error_code ec;
  if (std::filesystem::is_regular_file(std::filesystem::path(KHALDUN_WEB_ROOT) / "index.html", ec)) {
    return KHALDUN_WEB_ROOT;
  }
#endif
  return {};
}

}  // namespace

int RunServe(const std::vector<std::string_view>& args) {
  std::string db = "khaldun.db";
  std::string token_file;
  server::ServerOptions options;
  ApiOptions api_options;
  std::string web_root;
  bool web_root_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::string name(arg);
    std::string value;
    bool has_value = false;
    if (size_t eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = std::string(arg.substr(0, eq));
      value = std::string(arg.substr(eq + 1));
      has_value = true;
    }
    if (name == "--help" || name == "-h") {
      std::fwrite(kServeUsage.data(), 1, kServeUsage.size(), stdout);
      return 0;
    }
    if (name == "--log") {
      options.log_requests = true;
      continue;
    }
    static const std::string_view kValued[] = {"--db",      "--host",       "--port",
                                               "--web-root", "--token-file", "--threads",
                                               "--rate-limit", "--max-body", "--query-timeout-ms"};
    bool known = false;
    for (std::string_view k : kValued) known |= k == name;
    if (!known) return Usage(arg, "unknown option");
    if (!has_value) {
      if (i + 1 >= args.size()) return Usage(name, "needs a value");
      value = std::string(args[++i]);
    }
    long long n = 0;
    if (name == "--db") {
      db = value;
    } else if (name == "--host") {
      options.host = value;
    } else if (name == "--port") {
      if (!ParseNumber(value, 0, 65535, &n)) return Usage(name, "expected a port from 0 to 65535");
      options.port = static_cast<int>(n);
    } else if (name == "--web-root") {
      web_root = value;
      web_root_given = true;
    } else if (name == "--token-file") {
      token_file = value;
    } else if (name == "--threads") {
      if (!ParseNumber(value, 1, 256, &n)) return Usage(name, "expected 1 to 256");
      options.threads = static_cast<size_t>(n);
    } else if (name == "--rate-limit") {
      if (!ParseNumber(value, 0, 1000000, &n)) return Usage(name, "expected requests per second (0: off)");
      options.rate_per_second = static_cast<double>(n);
      options.rate_burst = static_cast<double>(n) * 4;
    } else if (name == "--max-body") {
      if (!ParseNumber(value, 1024, 1LL << 30, &n)) return Usage(name, "expected 1024 to 1073741824 bytes");
      options.max_body_bytes = static_cast<size_t>(n);
    } else if (name == "--query-timeout-ms") {
      if (!ParseNumber(value, 0, 3600000, &n)) return Usage(name, "expected milliseconds (0: none)");
      api_options.query_timeout_ms = static_cast<int>(n);
    }
  }
  if (int rc = ReadToken(token_file, &api_options.token); rc != 0) return rc;
  api_options.max_body_bytes = options.max_body_bytes;
  api_options.read_connections = options.threads;
  options.web_root = web_root_given ? web_root : DefaultWebRoot();

  // Signals go to a waiting thread, which stops the server: a handler
  // cannot safely call into it.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // Serving a database that is not there would create an empty one and
  // show an empty dashboard: a typo is better told.
  if (!db.starts_with("postgres")) {
    const std::string path = db.starts_with("sqlite:") ? db.substr(7) : db;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      std::fprintf(stderr, "khaldun: %s: no database here (khaldun run --db %s INPUTS... makes one)\n",
                   path.c_str(), db.c_str());
      return 1;
    }
  }
  auto api = Api::Open(db, api_options);
  if (!api.ok()) {
    std::fprintf(stderr, "khaldun: %s\n", api.status().message().c_str());
    return 1;
  }
  std::shared_ptr<const Api> shared_api(std::move(*api));
  auto http = server::HttpServer::Bind(shared_api, options);
  if (!http.ok()) {
    std::fprintf(stderr, "khaldun: %s\n", http.status().message().c_str());
    return 1;
  }
  server::HttpServer& server = **http;
  std::thread stopper([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    server.Stop();
  });
  std::fprintf(stderr, "khaldun: serving %s (%s) on http://%s:%d/%s%s\n", db.c_str(),
               std::string(shared_api->backend()).c_str(), options.host.c_str(), server.port(),
               options.web_root.empty() ? " (API only: no web root)" : "",
               shared_api->writes_enabled() ? " (writes on)" : "");
  std::fflush(stderr);
  Status status = server.Run();
  // A stop that did not come from a signal (a bind error): wake the waiter.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!status.ok()) {
    std::fprintf(stderr, "khaldun: serve: %s\n", status.message().c_str());
    return 1;
  }
  std::fprintf(stderr, "khaldun: server stopped\n");
  return 0;
}

}  // namespace khaldun::cli
