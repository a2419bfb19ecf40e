// Combining the SQLite stores of a sharded run into one (khaldun merge).
//
// Each shard is attached to the target's connection and its rows copied
// with INSERT ... SELECT, table by table, inside one transaction: no row
// crosses into C++, and the copied articles and sentences are indexed for
// full-text search before the commit, as Put() indexes its batches. Column lists are read from
// the target's schema, so a column added by a later migration is carried
// without touching this file (the shard must be at the same version).
#include <filesystem>
#include <set>

#include "store/store_impl.h"

namespace khaldun {

using store::Value;

namespace {

constexpr std::string_view kShardSchema = "khaldun_shard";

// The table's columns in `schema`, in order, without the auto-numbered
// `seq` (the target numbers its own rows).
Result<std::vector<std::string>> Columns(store::Backend& db, std::string_view schema,
                                         std::string_view table) {
  auto rows =
      db.Query("PRAGMA " + std::string(schema) + ".table_info(" + std::string(table) + ")", {});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> columns;
  for (const store::Row& r : *rows) {
    std::string name = store::AsText(r[1]);
    if (name != "seq") columns.push_back(name);
  }
  return columns;
}

Status CopyShard(store::Backend& db, const std::string& path, Store::CombineStats* stats) {
  const std::string s(kShardSchema);
  auto count = [&db](const std::string& sql) -> Result<std::int64_t> {
    auto rows = db.Query(sql, {});
    if (!rows.ok()) return rows.status();
    return store::AsInt((*rows)[0][0]);
  };
  // Same schema version on both sides, else the column lists may differ.
  auto target_version = count("SELECT coalesce(max(version), 0) FROM main.schema_migrations");
  if (!target_version.ok()) return target_version.status();
  auto shard_version = count("SELECT coalesce(max(version), 0) FROM " + s + ".schema_migrations");
  if (!shard_version.ok()) {
    return Status::InvalidArgument(path + ": not a khaldun store (" +
                                   shard_version.status().message() + ")");
  }
  if (*shard_version != *target_version) {
    return Status::InvalidArgument(path + ": schema version " + std::to_string(*shard_version) +
                                   ", the target has " + std::to_string(*target_version) +
                                   " (run 'khaldun db migrate --db' on the older one)");
  }

  // Which of the shard's articles to copy: new ones, and those stored
  // with another page hash (replaced, as Put() replaces them).
  for (const char* sql :
       {"CREATE TEMP TABLE IF NOT EXISTS combine_ids (id TEXT PRIMARY KEY, replace_it INTEGER "
        "NOT NULL)",
        "DELETE FROM temp.combine_ids"}) {
    if (Status st = db.Run(sql, {}); !st.ok()) return st;
  }
  if (Status st = db.Run(
          "INSERT INTO temp.combine_ids (id, replace_it) SELECT a.id, m.id IS NOT NULL FROM " + s +
              ".articles a LEFT JOIN main.articles m ON m.id = a.id WHERE m.id IS NULL OR "
              "m.page_hash <> a.page_hash",
          {});
      !st.ok()) {
    return st;
  }
  auto shard_articles = count("SELECT count(*) FROM " + s + ".articles");
  auto to_copy = count("SELECT count(*) FROM temp.combine_ids");
  auto to_replace = count("SELECT count(*) FROM temp.combine_ids WHERE replace_it = 1");
  for (const auto* r : {&shard_articles, &to_copy, &to_replace}) {
    if (!r->ok()) return r->status();
  }
  stats->added += *to_copy - *to_replace;
  stats->replaced += *to_replace;
  stats->unchanged += *shard_articles - *to_copy;
  if (*to_replace > 0) {
    // As Put(): reports merged into the replaced article's events become
    // their own again, and the old rows go (cascades; the FTS
    // delete triggers find every committed row indexed).
    for (const char* sql :
         {"UPDATE main.events SET merged_into = NULL WHERE merged_into IN (SELECT id FROM "
          "main.events WHERE article_id IN (SELECT id FROM temp.combine_ids WHERE replace_it = "
          "1))",
          "DELETE FROM main.articles WHERE id IN (SELECT id FROM temp.combine_ids WHERE "
          "replace_it = 1)"}) {
      if (Status st = db.Run(sql, {}); !st.ok()) return st;
    }
  }
  if (*to_copy == 0) return Status::Ok();
  // The first row numbers the copies will take (after the deletes above).
  auto unindexed = store::NextRows(db);
  if (!unindexed.ok()) return unindexed.status();

  const std::string articles = "(SELECT id FROM temp.combine_ids)";
  const std::string events =
      "(SELECT id FROM " + s + ".events WHERE article_id IN " + articles + ")";
  struct TableCopy {
    const char* table;
    std::string where;
    const char* order;
    bool ignore_existing;
  };
  const TableCopy tables[] = {
      {"articles", "id IN " + articles, "seq", false},
      {"sentences", "article_id IN " + articles, "seq", false},
      {"events", "article_id IN " + articles, "article_id, position", false},
      // Actors are shared by every article that names them.
      {"actors",
       "id IN (SELECT actor_id FROM " + s + ".event_actors WHERE event_id IN " + events + ")", "id",
       true},
      {"event_actors", "event_id IN " + events, "event_id, side, position", false},
      {"casualties", "event_id IN " + events, "event_id, position", false},
      {"evidence", "article_id IN " + articles, "event_id", false},
      {"quotes", "article_id IN " + articles, "article_id, position", false},
  };
  for (const TableCopy& t : tables) {
    auto target = Columns(db, "main", t.table);
    if (!target.ok()) return target.status();
    auto source = Columns(db, s, t.table);
    if (!source.ok()) return source.status();
    if (std::set<std::string>(target->begin(), target->end()) !=
        std::set<std::string>(source->begin(), source->end())) {
      return Status::InvalidArgument(path + ": table " + t.table +
                                     " has other columns than the target's");
    }
    std::string into, select;
    for (const std::string& c : *target) {
      if (!into.empty()) {
        into += ", ";
        select += ", ";
      }
      into += c;
      // The shard's own merge is dropped: the merge runs once over the
      // combined store.
      if (std::string_view(t.table) == "events" && c == "merged_into") {
        select += "NULL";
      } else if (std::string_view(t.table) == "events" &&
                 (c == "report_count" || c == "article_count" || c == "source_count")) {
        select += "1";
      } else {
        select += c;
      }
    }
    std::string sql = std::string(t.ignore_existing ? "INSERT OR IGNORE" : "INSERT") +
                      " INTO main." + t.table + " (" + into + ") SELECT " + select + " FROM " + s +
                      "." + t.table + " WHERE " + t.where + " ORDER BY " + t.order;
    if (Status st = db.Run(sql, {}); !st.ok()) {
      return Status(st.code(), st.message() + " (copying " + t.table + " from " + path + ")");
    }
  }
  return store::IndexNewRows(db, *unindexed);
}

}  // namespace

Result<Store::CombineStats> Store::Combine(std::span<const std::string> shard_paths) {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  if (db.dialect() != store::Dialect::kSqlite) {
    return Status::Unsupported(db.url() +
                               ": shards are combined into an SQLite store; with PostgreSQL, "
                               "let every shard write to it directly (docs/cluster.md)");
  }
  CombineStats stats;
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string own = db.url().starts_with("sqlite:") ? db.url().substr(7) : db.url();
  for (const std::string& path : shard_paths) {
    if (!fs::is_regular_file(path, ec)) return Status::NotFound(path + ": no such store");
    if (fs::equivalent(path, own, ec)) {
      return Status::InvalidArgument(path + ": is the target store itself");
    }
    Value params[] = {path};
    if (Status s = db.Run("ATTACH DATABASE $1 AS " + std::string(kShardSchema), params); !s.ok()) {
      return Status(s.code(), s.message() + " (attaching " + path + ")");
    }
    Status copied = db.Begin();
    if (copied.ok()) copied = CopyShard(db, path, &stats);
    if (copied.ok()) {
      copied = db.ExecScript("COMMIT");
    } else {
      (void)db.ExecScript("ROLLBACK");
    }
    Status detached = db.ExecScript("DETACH DATABASE " + std::string(kShardSchema));
    if (!copied.ok()) return copied;
    if (!detached.ok()) return detached;
    ++stats.shards;
  }
  return stats;
}

}  // namespace khaldun
