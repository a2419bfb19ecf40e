// The JSON API over a store: what `khaldun serve` answers, as a plain
// function from a request to a response so that it is tested without a
// socket (docs/api.md lists every route, parameter and field).
//
//   auto api = khaldun::Api::Open("khaldun.db", {});
//   ApiResponse r = (*api)->Handle({.method = "GET", .path = "/api/events",
//                                   .params = {{"country", "IRQ"}}});
//
// Every parameter is checked (names, dates, types, sizes) and a bad one is
// a 400 with a JSON error naming it; values reach the database only as
// bound parameters. Reads run on a small pool of store connections, each
// query under a time limit; writes (POST /api/articles) take the bearer
// token given in ApiOptions and are off without one. Handle() is
// thread-safe.
#ifndef KHALDUN_API_H_
#define KHALDUN_API_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "khaldun/status.h"

namespace khaldun {

struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/api/events/0a1b...", without the query string
  // Query parameters, URL-decoded, in order (a name may repeat).
  std::vector<std::pair<std::string, std::string>> params;
  std::string body;
  std::string content_type;
  std::string authorization;  // the Authorization header's value
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is this writer's output, streamed to the client
  // (exports of any size); `body` is then unused. It returns an error when
  // the store fails mid-stream (the client sees a truncated body).
  std::function<Status(std::ostream&)> stream;
};

struct ApiOptions {
  // The bearer token POST /api/articles needs; empty turns writes off
  // (405 with a JSON error).
  std::string token;
  // Largest request body accepted by POST /api/articles.
  std::size_t max_body_bytes = 8u << 20;
  // Longest one read query may run; longer ones answer 503.
  int query_timeout_ms = 5000;
  // Store connections kept open for reads.
  std::size_t read_connections = 8;
};

class Api {
 public:
  struct Impl;
  // Opens the store at `db_url` (as Store::Open) and, when writes are on,
  // loads the ingest and coding dictionaries.
  static Result<std::unique_ptr<Api>> Open(std::string_view db_url, const ApiOptions& options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  ApiResponse Handle(const ApiRequest& request) const;
  bool writes_enabled() const;
  // "sqlite" or "postgresql".
  std::string_view backend() const;

 private:
  explicit Api(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A JSON error body: {"error":{"status":400,"message":"..."}}.
ApiResponse ApiError(int status, std::string_view message);

// The HTTP status a Status maps to (400 invalid argument, 404 not found,
// 401 unauthenticated, 413 too large, 503 deadline exceeded, 500 else).
int HttpStatusOf(const Status& status);

}  // namespace khaldun

#endif  // KHALDUN_API_H_
