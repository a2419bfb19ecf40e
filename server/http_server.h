// `khaldun serve`: the HTTP server over the JSON API (include/khaldun/api.h)
// and the dashboard's static files (web/dist). It owns only what HTTP
// adds: sockets and threads, per-client rate and request size bounds,
// security headers, safe static serving and shutdown.
#ifndef KHALDUN_SERVER_HTTP_SERVER_H_
#define KHALDUN_SERVER_HTTP_SERVER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "khaldun/api.h"
#include "khaldun/status.h"

namespace khaldun::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see HttpServer::port())
  // The dashboard's files; empty serves the API only.
  std::string web_root;
  std::size_t threads = 8;
  // Largest request body (POST /api/articles); larger ones get 413.
  std::size_t max_body_bytes = 8u << 20;
  // Requests per second each client address may make on average, with
  // bursts of `rate_burst`; 0 turns the limit off (benchmarks).
  double rate_per_second = 100;
  double rate_burst = 400;
  // Seconds a connection may take to send its request.
  int read_timeout_s = 10;
  // Access log lines on standard error.
  bool log_requests = false;
};

// The Content-Security-Policy sent with every response: only the
// server's own scripts, styles and data; no inline code, no framing.
extern const char kContentSecurityPolicy[];

class HttpServer {
 public:
  struct Impl;
  // Binds the port (so port() is known) without serving yet.
  static Result<std::unique_ptr<HttpServer>> Bind(std::shared_ptr<const Api> api,
                                                  const ServerOptions& options);
  ~HttpServer();
  int port() const;
  // Serves until Stop(); returns when the server has stopped.
  Status Run();
  // Thread-safe; Run() returns soon after.
  void Stop();

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace khaldun::server

#endif  // KHALDUN_SERVER_HTTP_SERVER_H_
