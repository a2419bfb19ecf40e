#include "store/schema.h"

#include <string>
#include <string_view>

namespace khaldun::store {
namespace {

// The tables are written once with two type words that differ between the
// engines: {SEQ} (an auto-numbered primary key) and {REAL}.
constexpr std::string_view kCoreTables = R"sql(
CREATE TABLE articles (
  seq {SEQ},
  id TEXT NOT NULL UNIQUE,
  page_hash TEXT NOT NULL,
  url TEXT,
  source TEXT NOT NULL,
  source_file TEXT,
  record BIGINT NOT NULL DEFAULT 0,
  section TEXT,
  headline TEXT,
  standfirst TEXT,
  byline TEXT,
  published TEXT,
  dateline TEXT,
  language TEXT,
  text TEXT NOT NULL,
  sentence_count INTEGER NOT NULL,
  event_count INTEGER NOT NULL,
  quote_count INTEGER NOT NULL,
  stored_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source ON articles (source);

CREATE TABLE sentences (
  seq {SEQ},
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (article_id, idx)
);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  cameo TEXT,
  mode TEXT,
  factuality TEXT NOT NULL,
  factuality_cue TEXT,
  reported_by TEXT,
  event_date TEXT,
  date_basis TEXT NOT NULL,
  date_value TEXT,
  date_precision TEXT,
  date_text TEXT,
  date_rule TEXT,
  date_start INTEGER,
  date_end INTEGER,
  country TEXT,
  admin1 TEXT,
  admin1_code TEXT,
  place TEXT,
  lat {REAL},
  lon {REAL},
  location_precision TEXT,
  location_rule TEXT,
  location_start INTEGER,
  location_end INTEGER,
  killed BIGINT NOT NULL DEFAULT 0,
  injured BIGINT NOT NULL DEFAULT 0,
  sentence_index INTEGER NOT NULL,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  rule TEXT,
  trigger_text TEXT,
  spans TEXT,
  confidence {REAL} NOT NULL
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (event_date);
CREATE INDEX events_type_date ON events (type, event_date);
CREATE INDEX events_country_date ON events (country, event_date);

CREATE TABLE actors (
  id TEXT PRIMARY KEY,
  code TEXT,
  name TEXT,
  country TEXT,
  role TEXT,
  aligned_with TEXT
);
CREATE INDEX actors_code ON actors (code);
CREATE INDEX actors_name ON actors (name);

CREATE TABLE event_actors (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  side TEXT NOT NULL,
  position INTEGER NOT NULL,
  actor_id TEXT NOT NULL REFERENCES actors (id),
  text TEXT,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  entry TEXT,
  resolved INTEGER NOT NULL,
  country_inferred INTEGER NOT NULL,
  PRIMARY KEY (event_id, side, position)
);
CREATE INDEX event_actors_actor ON event_actors (actor_id);

CREATE TABLE casualties (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  best BIGINT NOT NULL,
  low BIGINT NOT NULL,
  high BIGINT NOT NULL,
  qualifier TEXT,
  victim_text TEXT,
  victim_code TEXT,
  victim_country TEXT,
  victim_role TEXT,
  text TEXT,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  rule TEXT,
  PRIMARY KEY (event_id, position)
);

CREATE TABLE evidence (
  event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  sentence_index INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  sentence TEXT NOT NULL,
  rule TEXT,
  trigger_text TEXT
);
CREATE INDEX evidence_article ON evidence (article_id);

CREATE TABLE quotes (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  speaker TEXT,
  speaker_role TEXT,
  text TEXT NOT NULL,
  sentence_index INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  PRIMARY KEY (article_id, position)
);
)sql";

// SQLite: external-content FTS5 tables (the text is stored once, in the
// base table) kept in step by triggers, which also fire on the cascade
// deletes that replace an article.
constexpr std::string_view kSqliteSearch = R"sql(
CREATE VIRTUAL TABLE articles_fts USING fts5(headline, text, content='articles', content_rowid='seq');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, headline, text) VALUES (new.seq, new.headline, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, headline, text)
  VALUES ('delete', old.seq, old.headline, old.text);
END;
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='seq');
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
  INSERT INTO sentences_fts (rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;
)sql";

// PostgreSQL: generated tsvector columns with GIN indexes.
constexpr std::string_view kPostgresSearch = R"sql(
ALTER TABLE articles ADD COLUMN tsv tsvector
  GENERATED ALWAYS AS (to_tsvector('english', coalesce(headline, '') || ' ' || text)) STORED;
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
ALTER TABLE sentences ADD COLUMN tsv tsvector
  GENERATED ALWAYS AS (to_tsvector('english', text)) STORED;
CREATE INDEX sentences_tsv ON sentences USING GIN (tsv);
)sql";

// Merging: the canonical event of each report, the counts the dashboard
// shows, every run's thresholds and each merge's reason.
constexpr std::string_view kMergeTables = R"sql(
ALTER TABLE events ADD COLUMN merged_into TEXT;
ALTER TABLE events ADD COLUMN report_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN article_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN source_count INTEGER NOT NULL DEFAULT 1;
CREATE INDEX events_merged_into ON events (merged_into);
CREATE TABLE merge_runs (
  id {SEQ},
  ran_at TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  window_days INTEGER NOT NULL,
  max_km {REAL} NOT NULL,
  require_actor_overlap INTEGER NOT NULL,
  reports BIGINT NOT NULL,
  merged BIGINT NOT NULL
);
CREATE TABLE merges (
  event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  into_id TEXT NOT NULL,
  run_id BIGINT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX merges_into ON merges (into_id);
)sql";

// Following live sources (khaldun run --follow, docs/cluster.md): each
// file's size and modification time when last read, and the items of
// feeds and corpus files already read, so a restart reads only what is new.
constexpr std::string_view kFollowTables = R"sql(
CREATE TABLE follow_files (
  path TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  mtime_ns BIGINT NOT NULL,
  read_at TEXT NOT NULL
);
CREATE TABLE follow_items (
  feed TEXT NOT NULL,
  item TEXT NOT NULL,
  article_id TEXT,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (feed, item)
);
)sql";

// Reading for display (src/store/query.cc, the server): listings, counts
// and the timeline read only canonical events (merged_into IS NULL), so
// partial indexes over those rows let them scan in order and stop at the
// page's end, or count from the index alone. The index on merged_into
// itself is kept for the other rows (a group's reports), so a planner
// never picks it to find the canonical ones.
constexpr std::string_view kDisplayIndexes = R"sql(
DROP INDEX events_merged_into;
CREATE INDEX events_merged_into ON events (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX events_canonical_date ON events (event_date, id) WHERE merged_into IS NULL;
CREATE INDEX events_canonical_type ON events (type, event_date, article_id)
  WHERE merged_into IS NULL;
CREATE INDEX events_canonical_cover ON events (event_date, type, country, factuality, article_id)
  WHERE merged_into IS NULL;
)sql";

// Full-text search with stemming on SQLite too ("killed" finds
// "killing"), as PostgreSQL's english configuration already does: the
// FTS5 tables are rebuilt with the porter tokenizer. Their triggers name
// the tables, not the tokenizer, and stay.
constexpr std::string_view kSqliteStemming = R"sql(
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(headline, text, content='articles',
  content_rowid='seq', tokenize='porter unicode61');
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
DROP TABLE sentences_fts;
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='seq',
  tokenize='porter unicode61');
INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild');
)sql";

// Full-text indexing by batch on SQLite: a row trigger wrote each new
// article and sentence into FTS5 inside its statement, and FTS5 writes its
// pending terms to disk at every statement savepoint, so each article left
// a few tiny index segments to merge later; it was over half of a run's
// storing time. The writer now indexes its transaction's new rows with one
// INSERT ... SELECT per table just before COMMIT (store::IndexNewRows).
// The delete triggers stay: every row present when a DELETE runs is
// indexed, because the writer indexes its pending rows first.
constexpr std::string_view kSqliteBatchIndexing = R"sql(
DROP TRIGGER articles_fts_insert;
DROP TRIGGER sentences_fts_insert;
)sql";

std::string ForDialect(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  auto replace_all = [&out](std::string_view from, std::string_view to) {
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) {
      out.replace(at, from.size(), to);
    }
  };
  bool sqlite = dialect == Dialect::kSqlite;
  replace_all("{SEQ}", sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY");
  replace_all("{REAL}", sqlite ? "REAL" : "DOUBLE PRECISION");
  return out;
}

}  // namespace

std::vector<Migration> Migrations(Dialect dialect) {
  return {
      {1, "core tables", ForDialect(kCoreTables, dialect)},
      {2, "full-text search",
       std::string(dialect == Dialect::kSqlite ? kSqliteSearch : kPostgresSearch)},
      {3, "merging", ForDialect(kMergeTables, dialect)},
      {4, "follow state", std::string(kFollowTables)},
      {5, "display indexes", std::string(kDisplayIndexes)},
      {6, "stemmed full-text search",
       std::string(dialect == Dialect::kSqlite ? kSqliteStemming : "SELECT 1;")},
      {7, "full-text indexing by batch",
       std::string(dialect == Dialect::kSqlite ? kSqliteBatchIndexing : "SELECT 1;")},
  };
}

Result<int> CurrentVersion(Backend& backend) {
  auto rows = backend.Query("SELECT coalesce(max(version), 0) FROM schema_migrations", {});
  if (!rows.ok()) return rows.status();
  return static_cast<int>(AsInt((*rows)[0][0]));
}

Status ApplyMigrations(Backend& backend) {
  // A store that is up to date is opened without any write: readers (the
  // dashboard, an export) must open while a run holds the write lock.
  const int latest = Migrations(backend.dialect()).back().version;
  if (auto version = CurrentVersion(backend); version.ok() && *version >= latest) {
    return Status::Ok();
  }
  // PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a second
  // process creating the same table (the shards of a cluster run opening a
  // fresh store at once fail on pg_type's unique index): it runs under the
  // migrations' advisory lock.
  const bool postgres = backend.dialect() == Dialect::kPostgres;
  if (Status s = backend.ExecScript(
          std::string(postgres ? "BEGIN; SELECT pg_advisory_xact_lock(727118); " : "") +
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at TEXT NOT NULL)" +
          (postgres ? "; COMMIT" : ""));
      !s.ok()) {
    if (postgres) (void)backend.ExecScript("ROLLBACK");
    return s;
  }
  for (const Migration& migration : Migrations(backend.dialect())) {
    if (Status s = backend.Begin(); !s.ok()) return s;
    auto rollback = [&backend](Status s) {
      (void)backend.ExecScript("ROLLBACK");
      return s;
    };
    if (backend.dialect() == Dialect::kPostgres) {
      // Held to the end of the transaction: a second migrating process
      // waits here, then sees the version the first one recorded.
      if (Status s = backend.Run("SELECT pg_advisory_xact_lock(727118)", {}); !s.ok()) {
        return rollback(s);
      }
    }
    auto version = CurrentVersion(backend);
    if (!version.ok()) return rollback(version.status());
    if (*version >= migration.version) {
      if (Status s = backend.ExecScript("COMMIT"); !s.ok()) return s;
      continue;
    }
    if (Status s = backend.ExecScript(migration.sql); !s.ok()) {
      return rollback(
          Status(s.code(), s.message() + " (migration " + std::to_string(migration.version) + ")"));
    }
    Value params[] = {std::int64_t{migration.version}, migration.name};
    if (Status s =
            backend.Run("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, "
                        "CAST(CURRENT_TIMESTAMP AS TEXT))",
                        params);
        !s.ok()) {
      return rollback(s);
    }
    if (Status s = backend.ExecScript("COMMIT"); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace khaldun::store
