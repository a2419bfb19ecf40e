// The SQLite backend: the sqlite3 C API, one connection, a cache of
// prepared statements keyed by their SQL text.
#include <sqlite3.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include "store/backend.h"

namespace khaldun::store {

std::string AsText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* s = std::get_if<std::string_view>(&v)) return std::string(*s);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);
    return ec == std::errc() ? std::string(buffer, end) : std::string();
  }
  return {};
}

std::int64_t AsInt(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  if (const auto* s = std::get_if<std::string_view>(&v)) {
    std::int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double AsDouble(const Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  if (const auto* s = std::get_if<std::string_view>(&v))
    return std::strtod(std::string(*s).c_str(), nullptr);
  return 0.0;
}

bool IsNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }

namespace {

class SqliteBackend : public Backend {
 public:
  SqliteBackend(std::string url, sqlite3* db) : url_(std::move(url)), db_(db) {}
  ~SqliteBackend() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement.stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  const std::string& url() const override { return url_; }

  Status ExecScript(std::string_view sql) override {
    char* error = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errmsg(db_);
      sqlite3_free(error);
      return Status::IOError(url_ + ": " + message);
    }
    return Status::Ok();
  }

  Status Run(const std::string& sql, std::span<const Value> params) override {
    auto statement = Prepare(sql, params);
    if (!statement.ok()) return statement.status();
    sqlite3_stmt* stmt = *statement;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    Status status = rc == SQLITE_DONE ? Status::Ok() : Error("step");
    sqlite3_reset(stmt);
    return status;
  }

  Result<std::vector<Row>> Query(const std::string& sql, std::span<const Value> params) override {
    auto statement = Prepare(sql, params);
    if (!statement.ok()) return statement.status();
    sqlite3_stmt* stmt = *statement;
    std::vector<Row> rows;
    int columns = sqlite3_column_count(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      Row row;
      row.reserve(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            row.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)});
            break;
          case SQLITE_FLOAT:
            row.emplace_back(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_NULL:
            row.emplace_back(std::monostate{});
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.emplace_back(
                std::string(text ? text : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
          }
        }
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
      Status status = Error("step");
      sqlite3_reset(stmt);
      return status;
    }
    sqlite3_reset(stmt);
    return rows;
  }

  Status Begin() override { return ExecScript("BEGIN IMMEDIATE"); }

  Status SetStatementTimeout(int ms) override {
    timeout_ = std::chrono::milliseconds(ms > 0 ? ms : 0);
    // The handler runs every N virtual-machine steps (about a
    // millisecond's work), so a statement overruns its limit by little.
    if (ms > 0) {
      sqlite3_progress_handler(db_, 4000, &SqliteBackend::OnProgress, this);
    } else {
      sqlite3_progress_handler(db_, 0, nullptr, nullptr);
    }
    return Status::Ok();
  }

  Status EngineCheck() override {
    auto rows = Query("PRAGMA integrity_check", {});
    if (!rows.ok()) return rows.status();
    if (rows->size() != 1 || AsText((*rows)[0][0]) != "ok") {
      return Status::Corruption(
          url_ + ": integrity_check: " + (rows->empty() ? "no answer" : AsText((*rows)[0][0])));
    }
    auto fk = Query("PRAGMA foreign_key_check", {});
    if (!fk.ok()) return fk.status();
    if (!fk->empty()) {
      return Status::Corruption(url_ + ": foreign_key_check: " + std::to_string(fk->size()) +
                                " rows point at missing rows (first in table " +
                                AsText((*fk)[0][0]) + ")");
    }
    return Status::Ok();
  }

 private:
  struct Statement {
    sqlite3_stmt* stmt = nullptr;
    // SQLite parameter index (1-based) -> index into the params span, from
    // the "$N" names.
    std::vector<int> param_of;
  };

  Status Error(std::string_view what) {
    if (sqlite3_errcode(db_) == SQLITE_INTERRUPT && timeout_.count() > 0) {
      return Status::DeadlineExceeded(url_ + ": query cancelled after " +
                                      std::to_string(timeout_.count()) + " ms");
    }
    return Status::IOError(url_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
  }

  static int OnProgress(void* self) {
    auto* backend = static_cast<SqliteBackend*>(self);
    return std::chrono::steady_clock::now() > backend->deadline_ ? 1 : 0;
  }

  Result<sqlite3_stmt*> Prepare(const std::string& sql, std::span<const Value> params) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      Statement statement;
      if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &statement.stmt, nullptr) != SQLITE_OK) {
        return Error("prepare");
      }
      int count = sqlite3_bind_parameter_count(statement.stmt);
      statement.param_of.assign(static_cast<size_t>(count) + 1, -1);
      for (int i = 1; i <= count; ++i) {
        const char* name = sqlite3_bind_parameter_name(statement.stmt, i);
        if (name && name[0] == '$')
          statement.param_of[static_cast<size_t>(i)] = std::atoi(name + 1) - 1;
      }
      it = statements_.emplace(sql, std::move(statement)).first;
    }
    sqlite3_stmt* stmt = it->second.stmt;
    deadline_ = std::chrono::steady_clock::now() + timeout_;
    sqlite3_clear_bindings(stmt);
    const std::vector<int>& param_of = it->second.param_of;
    for (size_t i = 1; i < param_of.size(); ++i) {
      int p = param_of[i];
      if (p < 0 || static_cast<size_t>(p) >= params.size()) {
        return Status::Internal(url_ + ": statement parameter " + std::to_string(i) +
                                " has no value: " + sql.substr(0, 80));
      }
      const Value& v = params[static_cast<size_t>(p)];
      int index = static_cast<int>(i);
      int rc = SQLITE_OK;
      if (const auto* s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
      } else if (const auto* view = std::get_if<std::string_view>(&v)) {
        rc = sqlite3_bind_text(stmt, index, view->data(), static_cast<int>(view->size()),
                               SQLITE_STATIC);
      } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) return Error("bind");
    }
    return stmt;
  }

  std::string url_;
  sqlite3* db_;
  std::unordered_map<std::string, Statement> statements_;
  std::chrono::milliseconds timeout_{0};
  std::chrono::steady_clock::time_point deadline_{};
};

}  // namespace

Result<std::unique_ptr<Backend>> OpenSqlite(const std::string& url, int busy_timeout_ms,
                                            int wal_autocheckpoint_pages, int cache_mib) {
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  if (path.empty()) return Status::InvalidArgument(url + ": no database path");
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IOError(url + ": cannot open: " + message);
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  auto backend = std::make_unique<SqliteBackend>(url, db);
  // WAL: readers never block the writer nor it them. synchronous=NORMAL in
  // WAL mode keeps every committed transaction across a killed process
  // (only a power loss can drop the last commits), at a fraction of FULL's
  // fsyncs.
  // A page cache of `cache_mib` (64 MiB by default) and a memory map of up
  // to 1 GiB: the indexes on random-looking ids (events, actors, full
  // text) touch pages all over the file, and SQLite's 2 MiB default turned
  // most of a run's writes into pread() calls and copies. A batch of 1,000
  // articles dirties pages in every index; once they outgrow the cache,
  // SQLite spills them to the log mid-transaction and writes them again.
  const std::string cache = std::to_string(-1024LL * (cache_mib > 0 ? cache_mib : 64));
  if (Status s = backend->ExecScript(
          "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
          "PRAGMA cache_size=" +
          cache + "; PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY;");
      !s.ok()) {
    return s;
  }
  sqlite3_wal_autocheckpoint(db, wal_autocheckpoint_pages > 0 ? wal_autocheckpoint_pages : 0);
  // A file that is not a database fails on its first read, here.
  auto probe = backend->Query("SELECT count(*) FROM sqlite_master", {});
  if (!probe.ok()) return probe.status();
  return std::unique_ptr<Backend>(std::move(backend));
}

}  // namespace khaldun::store
