// The store's schema as numbered migrations (docs/store.md, "Schema").
// Each migration is SQL text applied once, in order, in its own
// transaction; schema_migrations records which are applied. A released
// migration is never edited: changes come as a new one.
#ifndef KHALDUN_STORE_SCHEMA_H_
#define KHALDUN_STORE_SCHEMA_H_

#include <string>
#include <vector>

#include "store/backend.h"

namespace khaldun::store {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // for the backend's dialect
};

// Every migration, oldest first, in `dialect`'s SQL.
std::vector<Migration> Migrations(Dialect dialect);

// Applies the migrations newer than the database's version. Concurrent
// callers serialise on a lock (SQLite's write lock, a PostgreSQL advisory
// lock), so each migration runs once.
Status ApplyMigrations(Backend& backend);

// The newest applied version; 0 for an empty database.
Result<int> CurrentVersion(Backend& backend);

}  // namespace khaldun::store

#endif  // KHALDUN_STORE_SCHEMA_H_
