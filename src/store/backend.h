// The database under a Store: a narrow interface that SQLite and
// PostgreSQL both implement, so the store's logic (schema, idempotence,
// merging, reading back) is written once.
//
// Statements use PostgreSQL's "$1, $2, ..." placeholders on both backends
// (SQLite accepts "$NAME" parameters and binds them by name). Values are
// never spliced into SQL text.
#ifndef KHALDUN_STORE_BACKEND_H_
#define KHALDUN_STORE_BACKEND_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "khaldun/status.h"

namespace khaldun::store {

// A parameter or column value. Empty strings are bound as they are; use
// Null() or TextOrNull() for SQL NULL. A string_view (parameters only,
// never in result rows) binds text without copying it: the text must
// outlive the statement's run (Put() binds an article's body and
// sentences this way).
using Value = std::variant<std::monostate, std::int64_t, double, std::string, std::string_view>;
using Row = std::vector<Value>;

inline Value Null() { return std::monostate{}; }
inline Value TextOrNull(std::string_view s) {
  return s.empty() ? Value(std::monostate{}) : Value(std::string(s));
}
// Text bound without a copy (see Value).
inline Value TextView(std::string_view s) { return Value(std::in_place_type<std::string_view>, s); }
inline Value TextViewOrNull(std::string_view s) {
  return s.empty() ? Value(std::monostate{}) : TextView(s);
}

// Column accessors tolerant of NULL and of the backend's native type
// (PostgreSQL results arrive as text).
std::string AsText(const Value& v);
std::int64_t AsInt(const Value& v);
double AsDouble(const Value& v);
bool IsNull(const Value& v);

enum class Dialect { kSqlite, kPostgres };

// One connection. Not thread-safe.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual Dialect dialect() const = 0;
  // The URL it was opened with, for error messages.
  virtual const std::string& url() const = 0;
  // Runs a script of statements without parameters (migrations, BEGIN).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Runs one statement; its result rows, if any, are discarded.
  virtual Status Run(const std::string& sql, std::span<const Value> params) = 0;
  // Runs one statement and returns its rows.
  virtual Result<std::vector<Row>> Query(const std::string& sql, std::span<const Value> params) = 0;
  // Starts a write transaction. SQLite takes the write lock at once
  // (BEGIN IMMEDIATE), so two writers queue on the busy timeout instead of
  // failing on a lock upgrade.
  virtual Status Begin() = 0;
  // Integrity check of the engine itself; OK when it finds nothing.
  virtual Status EngineCheck() = 0;
  // Cancels any later statement that runs longer than `ms` (0: never)
  // with kDeadlineExceeded.
  virtual Status SetStatementTimeout(int ms) = 0;
};

// "PATH" or "sqlite:PATH". WAL, busy timeout, foreign keys on, the
// automatic checkpoint after `wal_autocheckpoint_pages` pages of log, a
// page cache of up to `cache_mib` MiB.
Result<std::unique_ptr<Backend>> OpenSqlite(const std::string& url, int busy_timeout_ms,
                                            int wal_autocheckpoint_pages, int cache_mib);
// "postgresql://..." / "postgres://..." (libpq connection URI).
Result<std::unique_ptr<Backend>> OpenPostgres(const std::string& url);

}  // namespace khaldun::store

#endif  // KHALDUN_STORE_BACKEND_H_
