// The PostgreSQL backend: libpqxx 6.4 on one connection. libpqxx throws;
// every call is wrapped here and its exception becomes a Status naming the
// URL (with the password removed), so nothing escapes the public API.
//
// Transactions are issued as SQL (BEGIN, SAVEPOINT, COMMIT) through a
// pqxx::nontransaction, so the store drives them the same way on both
// backends. Statements are prepared once per connection, keyed by text.
#include <pqxx/pqxx>
#include <string>
#include <unordered_map>

#include "store/backend.h"

namespace khaldun::store {
namespace {

// The URL without its password, for messages.
std::string RedactUrl(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

std::string FirstLine(const char* what) {
  std::string s = what;
  if (size_t nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  return s;
}

class PostgresBackend : public Backend {
 public:
  PostgresBackend(std::string url, std::unique_ptr<pqxx::connection> conn)
      : url_(std::move(url)), conn_(std::move(conn)), tx_(*conn_) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  const std::string& url() const override { return url_; }

  Status ExecScript(std::string_view sql) override {
    try {
      tx_.exec(std::string(sql));
      return Status::Ok();
    } catch (const std::exception& e) {
      return Status::IOError(url_ + ": " + FirstLine(e.what()));
    }
  }

  Status Run(const std::string& sql, std::span<const Value> params) override {
    auto rows = Execute(sql, params);
    return rows.ok() ? Status::Ok() : rows.status();
  }

  Result<std::vector<Row>> Query(const std::string& sql, std::span<const Value> params) override {
    auto result = Execute(sql, params);
    if (!result.ok()) return result.status();
    std::vector<Row> rows;
    rows.reserve(result->size());
    for (const auto& r : *result) {
      Row row;
      row.reserve(r.size());
      for (const auto& field : r) {
        if (field.is_null()) {
          row.emplace_back(std::monostate{});
        } else {
          row.emplace_back(std::string(field.c_str(), field.size()));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Status Begin() override { return ExecScript("BEGIN"); }

  Status SetStatementTimeout(int ms) override {
    timeout_ms_ = ms > 0 ? ms : 0;
    return ExecScript("SET statement_timeout = " + std::to_string(timeout_ms_));
  }

  Status EngineCheck() override {
    // PostgreSQL has no cheap whole-database check (amcheck is an
    // extension); a read of the catalogue confirms the connection and the
    // schema, and the store's own row checks follow.
    auto rows = Query("SELECT count(*) FROM schema_migrations", {});
    return rows.ok() ? Status::Ok() : rows.status();
  }

 private:
  Result<pqxx::result> Execute(const std::string& sql, std::span<const Value> params) {
    try {
      auto it = prepared_.find(sql);
      if (it == prepared_.end()) {
        std::string name = "k" + std::to_string(prepared_.size());
        conn_->prepare(name, sql);
        it = prepared_.emplace(sql, name).first;
      }
      std::vector<std::string> texts(params.size());
      std::vector<const char*> values(params.size());
      for (size_t i = 0; i < params.size(); ++i) {
        if (IsNull(params[i])) {
          values[i] = nullptr;
          continue;
        }
        texts[i] = AsText(params[i]);
        values[i] = texts[i].c_str();
      }
      return tx_.exec_prepared(it->second, pqxx::prepare::make_dynamic_params(values));
    } catch (const pqxx::sql_error& e) {
      // 57014: query_canceled, which statement_timeout raises.
      if (timeout_ms_ > 0 && e.sqlstate() == "57014") {
        return Status::DeadlineExceeded(url_ + ": query cancelled after " +
                                        std::to_string(timeout_ms_) + " ms");
      }
      return Status::IOError(url_ + ": " + FirstLine(e.what()));
    } catch (const std::exception& e) {
      return Status::IOError(url_ + ": " + FirstLine(e.what()));
    }
  }

  std::string url_;
  std::unique_ptr<pqxx::connection> conn_;
  pqxx::nontransaction tx_;
  std::unordered_map<std::string, std::string> prepared_;
  int timeout_ms_ = 0;
};

}  // namespace

Result<std::unique_ptr<Backend>> OpenPostgres(const std::string& url) {
  std::string shown = RedactUrl(url);
  try {
    auto conn = std::make_unique<pqxx::connection>(url);
    auto backend = std::make_unique<PostgresBackend>(shown, std::move(conn));
    // Notices ("relation already exists, skipping") are not errors.
    if (Status s = backend->ExecScript("SET client_min_messages = warning"); !s.ok()) return s;
    return std::unique_ptr<Backend>(std::move(backend));
  } catch (const std::exception& e) {
    return Status::IOError(shown + ": cannot connect: " + FirstLine(e.what()));
  }
}

}  // namespace khaldun::store
