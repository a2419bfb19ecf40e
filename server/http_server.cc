#include "server/http_server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace khaldun::server {

const char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

namespace {

// Largest static file served: the dashboard's biggest asset (a world
// basemap) is a few hundred kilobytes.
constexpr std::uintmax_t kMaxStaticBytes = 32u << 20;

std::string_view ReasonOf(int status) {
  switch (status) {
    case 400: return "bad request";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 408: return "request timeout";
    case 413: return "request body too large";
    case 414: return "request URI too long";
    case 429: return "too many requests";
    case 431: return "request headers too large";
    case 500: return "internal server error";
    case 503: return "service unavailable";
    default: return "error";
  }
}

std::string_view ContentTypeOf(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// A token bucket per client address. The table is bounded: past its size
// it forgets every full bucket, which only forgives idle clients.
class RateLimiter {
 public:
  RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(burst) {}
  bool Allow(const std::string& client) {
    if (per_second_ <= 0) return true;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (buckets_.size() > 10000) Forget(now);
    auto [it, added] = buckets_.try_emplace(client, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!added) {
      const double elapsed = std::chrono::duration<double>(now - b.last).count();
      b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
      b.last = now;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  void Forget(std::chrono::steady_clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      const double elapsed = std::chrono::duration<double>(now - it->second.last).count();
      if (it->second.tokens + elapsed * per_second_ >= burst_) {
        it = buckets_.erase(it);
      } else {
        ++it;
      }
    }
  }
  double per_second_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

void SetJsonError(httplib::Response& res, int status, std::string_view message) {
  ApiResponse error = ApiError(status, message);
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(error.body, "application/json");
}

}  // namespace

struct HttpServer::Impl {
  std::shared_ptr<const Api> api;
  ServerOptions options;
  std::filesystem::path web_root;  // canonical, or empty
  httplib::Server http;
  RateLimiter limiter;
  int port = 0;

  Impl(std::shared_ptr<const Api> a, const ServerOptions& o)
      : api(std::move(a)), options(o), limiter(o.rate_per_second, o.rate_burst) {}

  void ServeApi(const httplib::Request& req, httplib::Response& res) const;
  void ServeStatic(const httplib::Request& req, httplib::Response& res) const;
};

void HttpServer::Impl::ServeApi(const httplib::Request& req, httplib::Response& res) const {
  ApiRequest request;
  request.method = req.method;
  request.path = req.path;
  request.params.assign(req.params.begin(), req.params.end());
  request.body = req.body;
  request.content_type = req.get_header_value("Content-Type");
  request.authorization = req.get_header_value("Authorization");
  ApiResponse response = api->Handle(request);
  res.status = response.status;
  res.set_header("Cache-Control", "no-store");
  for (const auto& [name, value] : response.headers) res.set_header(name.c_str(), value);
  if (!response.stream) {
    res.set_content(response.body, response.content_type.c_str());
    return;
  }
  auto stream = std::move(response.stream);
  res.set_chunked_content_provider(
      response.content_type, [stream](size_t, httplib::DataSink& sink) {
        Status s = stream(sink.os);
        if (!s.ok()) {
          std::fprintf(stderr, "khaldun: serve: export stopped: %s\n", s.message().c_str());
          return false;  // drops the connection: the client sees a cut stream
        }
        sink.done();
        return true;
      });
}

void HttpServer::Impl::ServeStatic(const httplib::Request& req, httplib::Response& res) const {
  if (web_root.empty()) {
    SetJsonError(res, 404, "no dashboard: start the server with --web-root");
    return;
  }
  std::string_view path = req.path;
  if (path == "/") path = "/index.html";
  // Refuse anything that could climb out of the root before touching the
  // file system: "..", hidden files, back-slashes, NUL, absolute parts.
  if (path.empty() || path[0] != '/' || path.find('\0') != std::string_view::npos ||
      path.find('\\') != std::string_view::npos || path.find("/.") != std::string_view::npos ||
      path.find("//") != std::string_view::npos || path.size() > 512) {
    SetJsonError(res, 404, "not found");
    return;
  }
  std::error_code ec;
  const std::filesystem::path file =
      std::filesystem::weakly_canonical(web_root / std::filesystem::path(path.substr(1)), ec);
  const std::string root = web_root.string() + "/";
  if (ec || !file.string().starts_with(root) || !std::filesystem::is_regular_file(file, ec)) {
    SetJsonError(res, 404, "not found");
    return;
  }
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxStaticBytes) {
    SetJsonError(res, 404, "not found");
    return;
  }
  std::ifstream in(file, std::ios::binary);
  std::string body(static_cast<size_t>(size), '\0');
  if (!in.read(body.data(), static_cast<std::streamsize>(size))) {
    SetJsonError(res, 500, "cannot read a dashboard file");
    return;
  }
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::move(body), std::string(ContentTypeOf(file)).c_str());
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;

Result<std::unique_ptr<HttpServer>> HttpServer::Bind(std::shared_ptr<const Api> api,
                                                     const ServerOptions& options) {
  auto impl = std::make_unique<Impl>(std::move(api), options);
  if (!options.web_root.empty()) {
    std::error_code ec;
    impl->web_root = std::filesystem::canonical(options.web_root, ec);
    if (ec || !std::filesystem::is_regular_file(impl->web_root / "index.html", ec)) {
      return Status::NotFound(options.web_root +
                              ": no dashboard here (index.html missing: run scripts/setup.sh, "
                              "which builds web/dist)");
    }
  }
  Impl& s = *impl;
  httplib::Server& http = s.http;
  const size_t threads = options.threads == 0 ? 1 : options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.read_timeout_s, 0);
  http.set_write_timeout(30, 0);
  http.set_keep_alive_max_count(1000);
  http.set_default_headers({
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
  });
  http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
    if (!s.limiter.Allow(req.remote_addr)) {
      SetJsonError(res, 429, "too many requests: slow down");
      res.set_header("Retry-After", "1");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto handler = [&s](const httplib::Request& req, httplib::Response& res) {
    const bool api_path = req.path == "/healthz" || req.path.starts_with("/api/") ||
                          req.path == "/api";
    if (api_path) {
      s.ServeApi(req, res);
    } else if (req.method == "GET" || req.method == "HEAD") {
      s.ServeStatic(req, res);
    } else {
      SetJsonError(res, 405, "method " + req.method + " not allowed on " + req.path);
    }
  };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Delete(".*", handler);
  http.Patch(".*", handler);
  http.Options(".*", [](const httplib::Request&, httplib::Response& res) {
    SetJsonError(res, 405, "method OPTIONS not allowed (the API takes no cross-origin requests)");
  });
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    // Errors httplib raises itself (413, 414, 400 on a malformed request)
    // come without a body; give them the API's JSON shape.
    if (res.body.empty() && !res.is_chunked_content_provider_) {
      SetJsonError(res, res.status, ReasonOf(res.status));
    }
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        std::string what = "unexpected error";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "khaldun: serve: %s\n", what.c_str());
        SetJsonError(res, 500, "internal server error");
      });
  if (options.log_requests) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s %s %s %d %zu\n", req.remote_addr.c_str(), req.method.c_str(),
                   req.path.c_str(), res.status, res.body.size());
    });
  }
  if (options.port == 0) {
    s.port = http.bind_to_any_port(options.host);
    if (s.port < 0) return Status::IOError(options.host + ": cannot bind any port");
  } else {
    if (!http.bind_to_port(options.host, options.port)) {
      return Status::IOError(options.host + ":" + std::to_string(options.port) +
                             ": cannot listen (in use, or not an address of this machine)");
    }
    s.port = options.port;
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

int HttpServer::port() const { return impl_->port; }

Status HttpServer::Run() {
  if (!impl_->http.listen_after_bind()) {
    return Status::IOError("serving stopped on an error");
  }
  return Status::Ok();
}

void HttpServer::Stop() { impl_->http.stop(); }

}  // namespace khaldun::server
