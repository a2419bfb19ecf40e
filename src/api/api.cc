// The JSON API: routing, parameter checks, the store connection pool and
// the live ingest endpoint. JSON shapes are written in api_json.cc.
#include "khaldun/api.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "api/api_json.h"
#include "api/params.h"
#include "common/data_files.h"
#include "common/json_writer.h"
#include "khaldun/code.h"
#include "khaldun/ingest.h"
#include "khaldun/store.h"

namespace khaldun {
namespace {

// Largest pages of each listing: bounded so one request cannot ask the
// server to serialise the whole store (exports stream instead).
constexpr std::size_t kMaxEvents = 500;
constexpr std::size_t kMaxActors = 1000;
constexpr std::size_t kMaxEdges = 2000;
constexpr std::size_t kMaxPoints = 20000;
// Articles coded per POST; more is a batch job for `khaldun run`.
constexpr std::size_t kMaxPostArticles = 1000;

ApiResponse Json(std::string body) {
  ApiResponse r;
  r.body = std::move(body);
  return r;
}

ApiResponse FromStatus(const Status& status) {
  return ApiError(HttpStatusOf(status), status.message());
}

// Compares without an early exit, so response time does not tell how
// much of a guessed token was right.
bool SameToken(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

}  // namespace

ApiResponse ApiError(int status, std::string_view message) {
  ApiResponse r;
  r.status = status;
  JsonObjectWriter error(r.body);
  std::string inner;
  JsonObjectWriter e(inner);
  e.Number("status", status);
  e.String("message", message, false);
  e.Close();
  error.Raw("error", inner);
  error.Close();
  return r;
}

int HttpStatusOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kCorruption:
    case StatusCode::kUnsupported: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kTooLarge: return 413;
    case StatusCode::kDeadlineExceeded: return 503;
    case StatusCode::kIOError:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

struct Api::Impl {
  std::string url;
  ApiOptions options;
  std::string backend;
  std::string openapi;

  // Read connections: idle ones wait here; at most options.read_connections
  // exist, and a request waits for one when all are busy.
  mutable std::mutex pool_mutex;
  mutable std::condition_variable pool_ready;
  mutable std::vector<std::unique_ptr<Store>> idle;
  mutable std::size_t open_connections = 0;

  // The writer: one connection, one live ingest at a time.
  mutable std::mutex write_mutex;
  mutable std::unique_ptr<Store> writer;
  std::optional<IngestResources> ingest;
  std::optional<CodingResources> coding;

  // A read connection, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(const Impl* impl, std::unique_ptr<Store> store)
        : impl_(impl), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (!store_) return;
      std::lock_guard lock(impl_->pool_mutex);
      impl_->idle.push_back(std::move(store_));
      impl_->pool_ready.notify_one();
    }
    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_.get(); }

   private:
    const Impl* impl_;
    std::unique_ptr<Store> store_;
  };

  Result<std::shared_ptr<Lease>> Acquire() const {
    std::unique_lock lock(pool_mutex);
    pool_ready.wait(lock, [&] { return !idle.empty() || open_connections < options.read_connections; });
    if (!idle.empty()) {
      auto store = std::move(idle.back());
      idle.pop_back();
      return std::make_shared<Lease>(this, std::move(store));
    }
    ++open_connections;
    lock.unlock();
    StoreOptions store_options;
    store_options.query_timeout_ms = options.query_timeout_ms;
    auto store = Store::Open(url, store_options);
    if (!store.ok()) {
      std::lock_guard relock(pool_mutex);
      --open_connections;
      pool_ready.notify_one();
      return store.status();
    }
    return std::make_shared<Lease>(this, std::move(*store));
  }

  ApiResponse Health() const;
  ApiResponse Events(const api::Params& params) const;
  ApiResponse EventDetail(const api::Params& params, std::string_view id) const;
  ApiResponse ArticleDetail(const api::Params& params, std::string_view id) const;
  ApiResponse Summary(const api::Params& params) const;
  ApiResponse Timeline(const api::Params& params) const;
  ApiResponse Actors(const api::Params& params) const;
  ApiResponse Network(const api::Params& params) const;
  ApiResponse Map(const api::Params& params) const;
  ApiResponse Export(const api::Params& params) const;
  ApiResponse PostArticles(const ApiRequest& request, const api::Params& params) const;
};

Api::Api(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Api::~Api() = default;

Result<std::unique_ptr<Api>> Api::Open(std::string_view db_url, const ApiOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->url = std::string(db_url);
  impl->options = options;
  if (impl->options.read_connections == 0) impl->options.read_connections = 1;
  auto openapi = DataFiles::Default().Read("api/openapi.json");
  if (!openapi.ok()) return openapi.status();
  impl->openapi = std::move(*openapi);
  // The first connection creates or migrates the schema, and is the
  // writer when writes are on.
  StoreOptions writer_options;
  auto store = Store::Open(db_url, writer_options);
  if (!store.ok()) return store.status();
  impl->backend = std::string((*store)->backend());
  if (!options.token.empty()) {
    auto ingest = IngestResources::LoadBuiltin();
    if (!ingest.ok()) return ingest.status();
    auto coding = CodingResources::LoadBuiltin();
    if (!coding.ok()) return coding.status();
    impl->ingest = std::move(*ingest);
    impl->coding = std::move(*coding);
    impl->writer = std::move(*store);
  }
  return std::unique_ptr<Api>(new Api(std::move(impl)));
}

bool Api::writes_enabled() const { return !impl_->options.token.empty(); }
std::string_view Api::backend() const { return impl_->backend; }

ApiResponse Api::Handle(const ApiRequest& request) const {
  const std::string& path = request.path;
  const Impl& impl = *impl_;
  api::Params params(request.params);


  if (request.method == "POST" || request.method == "PUT" || request.method == "DELETE" ||
      request.method == "PATCH") {
    if (path != "/api/articles" || request.method != "POST") {
      return ApiError(405, "method " + request.method + " not allowed on " + path);
    }
    return impl.PostArticles(request, params);
  }
  if (request.method != "GET" && request.method != "HEAD") {
    return ApiError(405, "method " + request.method + " not allowed");
  }
  if (path == "/healthz") {
    if (Status s = params.Allow({}); !s.ok()) return FromStatus(s);
    return impl.Health();
  }
  if (path == "/api/openapi.json") {
    if (Status s = params.Allow({}); !s.ok()) return FromStatus(s);
    return Json(impl.openapi);
  }
  if (path == "/api/events") return impl.Events(params);
  if (path.starts_with("/api/events/")) {
    return impl.EventDetail(params, std::string_view(path).substr(12));
  }
  if (path.starts_with("/api/articles/")) {
    return impl.ArticleDetail(params, std::string_view(path).substr(14));
  }
  if (path == "/api/articles") return ApiError(405, "GET /api/articles/{id} reads one article; POST writes");
  if (path == "/api/stats/summary") return impl.Summary(params);
  if (path == "/api/stats/timeline") return impl.Timeline(params);
  if (path == "/api/actors") return impl.Actors(params);
  if (path == "/api/network") return impl.Network(params);
  if (path == "/api/map") return impl.Map(params);
  if (path == "/api/export") return impl.Export(params);
  return ApiError(404, "no such endpoint: " + path);
}

ApiResponse Api::Impl::Health() const {
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  auto version = (**lease)->SchemaVersion();
  if (!version.ok()) return FromStatus(version.status());
  std::string body;
  JsonObjectWriter w(body);
  w.String("status", "ok");
  w.String("backend", backend);
  w.Number("schema", *version);
  w.Bool("writes", !options.token.empty());
  w.Close();
  return Json(std::move(body));
}

ApiResponse Api::Impl::Events(const api::Params& params) const {
  auto filter = api::ReadFilter(params, {"limit", "cursor"});
  if (!filter.ok()) return FromStatus(filter.status());
  auto limit = params.Count("limit", 100, 1, kMaxEvents);
  if (!limit.ok()) return FromStatus(limit.status());
  if (Status s = api::ReadCursor(params, &*filter); !s.ok()) return FromStatus(s);
  filter->newest_first = true;
  // One more than asked tells whether there is a next page.
  filter->limit = *limit + 1;
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  auto events = (**lease)->Events(*filter);
  if (!events.ok()) return FromStatus(events.status());
  std::optional<std::string> next;
  if (events->size() > *limit) {
    events->resize(*limit);
    next = api::EncodeCursor(events->back());
  }
  return Json(api::EventListJson(*events, next));
}

ApiResponse Api::Impl::EventDetail(const api::Params& params, std::string_view id) const {
  if (Status s = params.Allow({}); !s.ok()) return FromStatus(s);
  if (!api::IsId(id)) return ApiError(400, "bad event id (expected 1-64 letters and digits)");
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  EventFilter one;
  one.event_id = std::string(id);
  auto found = (**lease)->Events(one);
  if (!found.ok()) return FromStatus(found.status());
  if (found->empty()) return ApiError(404, "no event " + std::string(id));
  // The canonical event of its group, and every report of the group.
  const StoredEvent& hit = found->front();
  const std::string canonical = hit.merged_into.empty() ? hit.event.id : hit.merged_into;
  std::vector<StoredEvent> head = std::move(*found);
  if (canonical != hit.event.id) {
    EventFilter top;
    top.event_id = canonical;
    auto c = (**lease)->Events(top);
    if (!c.ok()) return FromStatus(c.status());
    if (!c->empty()) head = std::move(*c);
  }
  EventFilter group;
  group.group_of = canonical;
  auto reports = (**lease)->Events(group);
  if (!reports.ok()) return FromStatus(reports.status());
  auto merges = (**lease)->Merges(canonical);
  if (!merges.ok()) return FromStatus(merges.status());
  return Json(api::EventDetailJson(head.front(), *reports, *merges));
}

ApiResponse Api::Impl::ArticleDetail(const api::Params& params, std::string_view id) const {
  if (Status s = params.Allow({}); !s.ok()) return FromStatus(s);
  if (!api::IsId(id)) return ApiError(400, "bad article id (expected 1-64 letters and digits)");
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  auto article = (**lease)->GetArticle(id);
  if (!article.ok()) return FromStatus(article.status());
  if (!article->has_value()) return ApiError(404, "no article " + std::string(id));
  EventFilter filter;
  filter.article_id = std::string(id);
  filter.include_merged = true;
  auto events = (**lease)->Events(filter);
  if (!events.ok()) return FromStatus(events.status());
  return Json(api::ArticleJson(**article, *events));
}

ApiResponse Api::Impl::Summary(const api::Params& params) const {
  auto filter = api::ReadFilter(params, {});
  if (!filter.ok()) return FromStatus(filter.status());
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  auto stats = (**lease)->Stats(*filter);
  if (!stats.ok()) return FromStatus(stats.status());
  return Json(api::StatsJson(*stats));
}

ApiResponse Api::Impl::Timeline(const api::Params& params) const {
  auto filter = api::ReadFilter(params, {"bucket"});
  if (!filter.ok()) return FromStatus(filter.status());
  const std::string bucket = params.Get("bucket", "day");
  if (bucket != "day" && bucket != "week") {
    return ApiError(400, "parameter 'bucket': expected day or week");
  }
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  auto bins = (**lease)->Timeline(*filter, bucket == "week" ? TimeBucket::kWeek : TimeBucket::kDay);
  if (!bins.ok()) return FromStatus(bins.status());
  return Json(api::TimelineJson(bucket, *bins));
}

ApiResponse Api::Impl::Actors(const api::Params& params) const {
  auto filter = api::ReadFilter(params, {"limit"});
  if (!filter.ok()) return FromStatus(filter.status());
  auto limit = params.Count("limit", 50, 1, kMaxActors);
  if (!limit.ok()) return FromStatus(limit.status());
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  auto actors = (**lease)->Actors(*filter, *limit);
  if (!actors.ok()) return FromStatus(actors.status());
  return Json(api::ActorsJson(*actors));
}

ApiResponse Api::Impl::Network(const api::Params& params) const {
  auto filter = api::ReadFilter(params, {"limit"});
  if (!filter.ok()) return FromStatus(filter.status());
  auto limit = params.Count("limit", 100, 1, kMaxEdges);
  if (!limit.ok()) return FromStatus(limit.status());
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  auto network = (**lease)->Network(*filter, *limit);
  if (!network.ok()) return FromStatus(network.status());
  return Json(api::NetworkJson(*network));
}

ApiResponse Api::Impl::Map(const api::Params& params) const {
  auto filter = api::ReadFilter(params, {"limit"});
  if (!filter.ok()) return FromStatus(filter.status());
  auto limit = params.Count("limit", 5000, 1, kMaxPoints);
  if (!limit.ok()) return FromStatus(limit.status());
  filter->limit = *limit;
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  auto points = (**lease)->Points(*filter);
  if (!points.ok()) return FromStatus(points.status());
  ApiResponse r = Json(api::PointsGeoJson(*points));
  r.content_type = "application/geo+json";
  return r;
}

ApiResponse Api::Impl::Export(const api::Params& params) const {
  auto filter = api::ReadFilter(params, {"format"});
  if (!filter.ok()) return FromStatus(filter.status());
  auto format = ParseExportFormat(params.Get("format", "csv"));
  if (!format.ok()) return ApiError(400, "parameter 'format': " + format.status().message());
  auto exporter = EventExporter::Create(*format);
  if (!exporter.ok()) return FromStatus(exporter.status());
  auto lease = Acquire();
  if (!lease.ok()) return FromStatus(lease.status());
  std::shared_ptr<Lease> held = std::move(*lease);
  ApiResponse r;
  r.content_type = std::string(EventExporter::ContentType(*format));
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"khaldun-events." +
                             std::string(EventExporter::Extension(*format)) + "\"");
  // Pages of events by keyset, so memory holds one page however large the
  // export; the connection stays leased until the stream ends.
  EventFilter page = *filter;
  r.stream = [held, page, exporter = *exporter](std::ostream& out) mutable -> Status {
    constexpr std::size_t kPage = 2000;
    page.limit = kPage;
    while (true) {
      auto events = (*held)->Events(page);
      if (!events.ok()) return events.status();
      if (Status s = exporter.Write(*events, out); !s.ok()) return s;
      if (events->size() < kPage) break;
      page.has_cursor = true;
      page.cursor_date = events->back().event_date;
      page.cursor_id = events->back().event.id;
    }
    return exporter.Finish(out);
  };
  return r;
}

ApiResponse Api::Impl::PostArticles(const ApiRequest& request, const api::Params& params) const {
  if (options.token.empty()) {
    return ApiError(405, "writes are off: start the server with --token-file or KHALDUN_API_TOKEN");
  }
  constexpr std::string_view kBearer = "Bearer ";
  if (!request.authorization.starts_with(kBearer) ||
      !SameToken(std::string_view(request.authorization).substr(kBearer.size()), options.token)) {
    ApiResponse r = ApiError(401, "missing or wrong bearer token");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  if (Status s = params.Allow({"published", "name"}); !s.ok()) return FromStatus(s);
  if (request.body.empty()) return ApiError(400, "empty body: send a page, a feed, JSON Lines or text");
  if (request.body.size() > options.max_body_bytes) {
    return ApiError(413, "body of " + std::to_string(request.body.size()) + " bytes is over the " +
                             std::to_string(options.max_body_bytes) + "-byte limit");
  }
  IngestOptions ingest_options;
  ingest_options.max_input_bytes = options.max_body_bytes;
  const std::string published = params.Get("published");
  if (!published.empty()) {
    if (!api::IsDate(published)) return ApiError(400, "parameter 'published': expected YYYY-MM-DD");
    ingest_options.published = published;
  }
  std::string name = params.Get("name", "upload");
  if (name.size() > 200 || !api::IsPrintable(name)) {
    return ApiError(400, "parameter 'name': at most 200 printable characters");
  }

  std::lock_guard lock(write_mutex);
  std::vector<api::PostedArticle> stored;
  std::vector<std::string> errors;
  Status failure;
  std::size_t seen = 0;
  IngestBytes(
      name, request.body, ingest_options, *ingest,
      [&](Article&& article) {
        if (!failure.ok()) return;
        if (++seen > kMaxPostArticles) {
          if (seen == kMaxPostArticles + 1) {
            errors.push_back("more than " + std::to_string(kMaxPostArticles) +
                             " articles in one request: the rest were not read (use khaldun run)");
          }
          return;
        }
        CodedArticle coded = CodeArticle(std::move(article), *coding, CodeOptions{});
        auto outcome = writer->Put(coded);
        if (!outcome.ok()) {
          failure = outcome.status();
          return;
        }
        stored.push_back({coded.article.id, coded.article.headline, *outcome, coded.events.size()});
      },
      [&](const InputError& error) { errors.push_back(error.path + ": " + error.status.message()); });
  if (!failure.ok()) return FromStatus(failure);
  if (Status s = writer->Flush(); !s.ok()) return FromStatus(s);
  if (stored.empty()) {
    return ApiError(400, errors.empty() ? std::string("no article found in the body")
                                        : errors.front());
  }
  ApiResponse r = Json(api::PostResultJson(stored, errors));
  r.status = 201;
  return r;
}

}  // namespace khaldun
