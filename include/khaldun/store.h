// Store: coded articles kept in a database, merged, queried and exported.
//
// A store is an embedded SQLite file (the default) or a PostgreSQL
// database, both holding the same schema (docs/store.md): articles with
// their page hash and source, sentences, events, actors, event-actor
// links, casualties, evidence (each report of an event: article, sentence,
// rule), quotes, and the merge table that says which reports were judged
// to tell the same event and why.
//
//   auto store = khaldun::Store::Open("khaldun.db", {});
//   if (!store.ok()) return Fail(store.status());
//   for (const CodedArticle& coded : articles) {
//     auto put = (*store)->Put(coded);   // batched; idempotent
//     if (!put.ok()) return Fail(put.status());
//   }
//   if (auto s = (*store)->Flush(); !s.ok()) return Fail(s);   // committed
//   auto merged = (*store)->Merge({});
//   auto events = (*store)->Events({.country = "IRQ"});
//
// Writes go into a transaction that is committed every
// StoreOptions::batch_articles articles and by Flush(); an article is
// stored whole or not at all (a Put() that fails leaves the batch as it
// was before it), so a process killed at any moment leaves only whole
// articles, and every
// article counted by committed_articles() survives it. Put() of an article
// already stored with the same page hash changes nothing.
//
// A Store is not thread-safe: use one per thread. Several processes may
// read while one writes (SQLite WAL; PostgreSQL MVCC). Every statement is
// parameterised.
#ifndef KHALDUN_STORE_H_
#define KHALDUN_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "khaldun/code.h"
#include "khaldun/status.h"

namespace khaldun {

struct StoreOptions {
  // Articles per transaction. A commit costs a WAL sync (SQLite) or a
  // round trip and a flush (PostgreSQL), and on SQLite each batch's new
  // rows are indexed for full-text search together; 1,000 articles write
  // a tenth less than 200 did, while a crash re-does at most a few
  // seconds of coding.
  std::size_t batch_articles = 1000;
  // How long a writer waits for another writer's lock before failing.
  // Readers never wait for writers in WAL mode.
  int busy_timeout_ms = 30000;
  // Longest one query may run before it is cancelled with
  // kDeadlineExceeded; 0: no limit. The server sets it so one expensive filter cannot hold a
  // connection.
  int query_timeout_ms = 0;
  // SQLite: once a commit leaves more than this many pages in the
  // write-ahead log, the committing thread copies the log into the
  // database file (SQLite's automatic checkpoint). A writer that calls
  // Checkpoint() from another connection on a thread of its own (as
  // RunInputs does with several jobs) raises it, so the copying leaves
  // the writing thread; it stays a bound on the log's size.
  int wal_autocheckpoint_pages = 1000;
  // SQLite: the connection's page cache, at most, in MiB. Writing a large
  // store wants more (khaldun run uses 256: past a few thousand articles
  // a batch's changed index pages outgrow 64 MiB and are written twice).
  int cache_mib = 64;
};

// What Put() did with an article.
enum class PutOutcome {
  kAdded,      // new article
  kUnchanged,  // already stored with the same page hash: nothing written
  kReplaced,   // stored before with a different page hash: rows replaced
};

// The page hash the store keeps for an article: 16 hex digits over the
// URL, headline, publication date and body text that ingest produced. The
// article id already hashes the raw page bytes; this second hash tells a
// re-extracted page (new ingest rules) from the same one.
std::string PageHash(const Article& article);

// Rows per table, for summaries and the crash test.
struct StoreCounts {
  std::int64_t articles = 0;
  std::int64_t sentences = 0;
  std::int64_t events = 0;         // coded reports
  std::int64_t merged_events = 0;  // events after merging (canonical)
  std::int64_t actors = 0;
  std::int64_t event_actors = 0;
  std::int64_t evidence = 0;
  std::int64_t casualties = 0;
  std::int64_t quotes = 0;
  std::int64_t merges = 0;  // reports merged into another event
};

// Filters for Events(); empty fields do not filter.
struct EventFilter {
  std::string since;    // YYYY-MM-DD, inclusive, on StoredEvent::event_date
  std::string until;    // YYYY-MM-DD, inclusive
  std::string country;  // ISO3 of the event's place
  std::string type;     // PLOVER type
  std::string actor;    // an actor code or canonical name on either side
  std::string search;   // full-text query over article headlines and bodies
  std::string article_id;
  std::string admin1;            // first-level region: English name or ISO 3166-2 code
  std::string factuality;        // asserted, negated or possible
  std::int64_t min_sources = 0;  // events told by at least this many sources
  std::string event_id;          // one event
  // An event and every report merged into it (sets include_merged).
  std::string group_of;
  // Also list reports merged into another event (normally only the
  // canonical event of each merged group is listed).
  bool include_merged = false;
  // Order: oldest first by event date then id, or newest first.
  bool newest_first = false;
  // Keyset pagination: only events after this one in the order asked,
  // given by its event date (empty when it had none) and id; see
  // EventCursor().
  bool has_cursor = false;
  std::string cursor_date;
  std::string cursor_id;
  std::size_t limit = 0;  // 0: no limit
};

// One event as read back: the coded event with its actors, attributes and
// casualties, the article that reported it and, after merging, how many
// reports and sources tell it.
struct StoredEvent {
  Event event;
  std::string article_id;
  std::string url;
  std::string source;     // the outlet: URL host, or the input file
  std::string published;  // the article's publication date
  std::string headline;
  std::string language;
  std::string sentence_text;
  // The day the event is filed under: the coded date (a month or year
  // value expanded to its first day) or, when the text gives none, the
  // publication date. `date_basis` says which: "event" or "published".
  std::string event_date;
  std::string date_basis;
  std::string stored_at;             // UTC, "YYYY-MM-DD HH:MM:SS"
  std::string merged_into;           // empty for a canonical event
  std::int64_t report_count = 1;     // reports of this event, itself included
  std::int64_t article_count = 1;    // distinct articles among them
  std::int64_t source_count = 1;     // distinct sources among them
  std::vector<std::string> sources;  // those sources, sorted
  std::vector<std::string> urls;     // their articles' URLs, sorted
};

// A full-text hit on a sentence.
struct SentenceHit {
  std::string article_id;
  std::uint32_t index = 0;
  std::string text;
  std::string headline;
};

// An article as read back for display.
struct StoredArticle {
  std::string id;
  std::string url;
  std::string source;
  std::string source_file;
  std::string headline;
  std::string standfirst;
  std::string byline;
  std::string published;
  std::string dateline;
  std::string language;
  std::string text;
  std::string stored_at;
  std::vector<QuoteRecord> quotes;
};

struct KeyCount {
  std::string key;
  std::int64_t count = 0;
};

struct EventStats {
  std::int64_t events = 0;
  std::int64_t articles = 0;
  std::string date_min;  // event dates
  std::string date_max;
  std::vector<KeyCount> types;  // most frequent first
  std::vector<KeyCount> countries;
  std::vector<KeyCount> factualities;
};

enum class TimeBucket { kDay, kWeek };

struct TimelineBin {
  std::string period;  // the day, or the Monday that starts the week
  std::string type;
  std::int64_t count = 0;
};

// An actor as the store keys it (code, name, country, role and backer
// together) with its counts over some events.
struct ActorStat {
  std::string key;
  std::string code;
  std::string name;
  std::string country;
  std::string role;
  std::string aligned_with;
  std::int64_t as_source = 0;
  std::int64_t as_target = 0;
  std::int64_t events = 0;
};

struct ActorEdge {
  std::string source_key;
  std::string target_key;
  std::int64_t weight = 0;  // events
  std::vector<KeyCount> types;
};

// Nodes are the actors on the edges; a node's `events` is the weight of
// its edges.
struct ActorNetwork {
  std::vector<ActorStat> nodes;
  std::vector<ActorEdge> edges;
};

struct EventPoint {
  std::string id;
  std::string type;
  std::string date;
  std::string factuality;
  std::string place;
  std::string country;
  std::string admin1;
  std::string precision;
  double lat = 0;
  double lon = 0;
  std::int64_t killed = 0;
  std::int64_t injured = 0;
};

// Thresholds for merging repeated reports (docs/store.md, "Merging").
struct MergeOptions {
  // false: undo every merge; each report is its own event again.
  bool enabled = true;
  // Largest gap between two reports' event dates, in days.
  int window_days = 2;
  // Largest distance between two reports' coordinates when both have
  // them; farther reports are different events.
  double max_km = 50.0;
  // Whether the reports must share an actor on the same side (by code,
  // else name). Without it, type, date and place alone decide.
  bool require_actor_overlap = true;
  // Reports read per query. The merge runs type by type and factuality by
  // factuality, each in date order a chunk of whole days at a time, so
  // memory holds one chunk and the groups still open, not the store; the
  // result does not depend on it.
  std::int64_t chunk_rows = 20000;
};

struct MergeStats {
  std::int64_t reports = 0;  // events considered
  std::int64_t merged = 0;   // reports merged into another
  std::int64_t groups = 0;   // events with more than one report
};

// One row of the merge table: `event_id` was merged into `into_id`.
struct MergeRecord {
  std::string event_id;
  std::string into_id;
  std::string reason;  // "same type ASSAULT; dates 2024-09-05/2024-09-06 ..."
};

class Store {
 public:
  struct Impl;

  // Opens (creating when missing) the store at `url`: a file path or
  // "sqlite:PATH" for SQLite, "postgresql://..." or "postgres://..." for
  // PostgreSQL, and brings its schema up to date (Migrate()). Errors name
  // the URL.
  static Result<std::unique_ptr<Store>> Open(std::string_view url, const StoreOptions& options);
  // Commits pending work (errors are lost: call Flush() to see them).
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // "sqlite" or "postgresql".
  std::string_view backend() const;
  // Applies the migrations not yet applied, each in its own transaction.
  // Safe to call concurrently from several processes.
  Status Migrate();
  // The newest migration applied, and the newest this build knows.
  Result<int> SchemaVersion();
  static int LatestSchemaVersion();

  // True when the article is stored with the same page hash, so coding it
  // again can be skipped.
  Result<bool> Contains(const Article& article);
  // Stores one coded article, its sentences, events, actors, casualties,
  // evidence and quotes, in the current batch. Not yet durable: see
  // Flush() and committed_articles().
  Result<PutOutcome> Put(const CodedArticle& coded);
  // The same, keeping `coded` for the batch's lifetime without a copy
  // (SQLite keeps each article of the open batch, to put it again should
  // a later one fail). `coded` is left moved-from only when Put succeeds.
  Result<PutOutcome> Put(CodedArticle&& coded);
  // Commits the current batch.
  Status Flush();
  // SQLite: copies the committed part of the write-ahead log into the
  // database file without waiting for readers or the writer (a passive
  // checkpoint), from this connection; PostgreSQL: nothing to do.
  Status Checkpoint();
  // Articles added or replaced whose batch is committed, since Open().
  std::int64_t committed_articles() const;

  Result<StoreCounts> Counts();
  // Integrity: the engine's own check (SQLite integrity_check and
  // foreign_key_check), then that every article has exactly the sentences,
  // events, evidence and quotes it was stored with (no half-stored article).
  Status Check();

  // Events matching `filter`, ordered by event date then id.
  Result<std::vector<StoredEvent>> Events(const EventFilter& filter);
  // Sentences matching a full-text query, at most `limit`.
  Result<std::vector<SentenceHit>> SearchSentences(std::string_view query, std::size_t limit);

  // One article as stored, with its quotes; nullopt when there is none.
  Result<std::optional<StoredArticle>> GetArticle(std::string_view id);
  // Counts over the events matching `filter` (its limit, order and cursor
  // are ignored): the dashboard's filter bar and headline numbers.
  Result<EventStats> Stats(const EventFilter& filter);
  // Events per period and type.
  Result<std::vector<TimelineBin>> Timeline(const EventFilter& filter, TimeBucket bucket);
  // Actors of the matching events with how often they act and are acted
  // on, most active first, at most `limit` (0: 100).
  Result<std::vector<ActorStat>> Actors(const EventFilter& filter, std::size_t limit);
  // Source -> target actor pairs of the matching events, heaviest first,
  // at most `limit` pairs (0: 200), with the actors they join.
  Result<ActorNetwork> Network(const EventFilter& filter, std::size_t limit);
  // The matching events with coordinates, newest first, at most the
  // filter's limit (0: 5000): the map's points, lighter than Events().
  Result<std::vector<EventPoint>> Points(const EventFilter& filter);

  // Re-runs merging over every stored event with `options` (replacing the
  // previous merge), and records the run and each merge with its reason.
  Result<MergeStats> Merge(const MergeOptions& options);
  // The merge table: every report merged into `into_id`, or all when empty.
  Result<std::vector<MergeRecord>> Merges(std::string_view into_id);

  // Copies into this store every article of the SQLite stores at
  // `shard_paths` (written by sharded runs), with its sentences, events,
  // actors, casualties, evidence and quotes, as Put() would: an article
  // stored with the same page hash is left alone, one with another page
  // hash is replaced. Each shard is copied in one transaction; their merge
  // tables are not (run Merge() over the whole store afterwards). This
  // store must be SQLite; a shard must not be written to meanwhile.
  struct CombineStats {
    std::int64_t shards = 0;
    std::int64_t added = 0;      // articles new to the store
    std::int64_t unchanged = 0;  // already there with the same page hash
    std::int64_t replaced = 0;   // there with another page hash: replaced
  };
  Result<CombineStats> Combine(std::span<const std::string> shard_paths);

  // What `khaldun run --follow` has read, kept in the store so a restart
  // re-reads nothing unchanged (docs/cluster.md). The marks are written in
  // the current batch, so they commit with the articles read from them.
  // True when the file at `path` was read with this size and modification
  // time (nanoseconds since the epoch).
  Result<bool> FileUnchanged(std::string_view path, std::int64_t size, std::int64_t mtime_ns);
  Status MarkFile(std::string_view path, std::int64_t size, std::int64_t mtime_ns);
  // True when the item (a feed item's link, or a record's content hash)
  // of the file `feed` was read before.
  Result<bool> ItemSeen(std::string_view feed, std::string_view item);
  Status MarkItem(std::string_view feed, std::string_view item, std::string_view article_id);

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  // Put()'s parts: opening a batch, writing one article's rows, and on
  // SQLite, after a failed article, rolling the batch back and putting its
  // earlier articles again.
  Status BeginBatch();
  Result<PutOutcome> PutOne(const CodedArticle& coded, CodedArticle* owned);
  Result<PutOutcome> PutRows(const CodedArticle& coded);
  Status RedoBatch(Status failed);
  std::unique_ptr<Impl> impl_;
};

// Export formats (docs/store.md maps each column).
enum class ExportFormat {
  kCsv,          // khaldun's own: one row per event, every field
  kAcledCsv,     // ACLED's 31 columns
  kUcdpCsv,      // UCDP GED's 49 columns
  kGdeltTsv,     // GDELT 2.0's 61 event columns, no header (as GDELT ships)
  kPloverJsonl,  // PLOVER records, one JSON object per line
  kPolecatTsv,   // POLECAT's 40 columns, with header
  kGeoJson,      // a FeatureCollection of the events with coordinates
};

// "csv", "acled-csv", "ucdp-csv", "gdelt-tsv", "plover-jsonl",
// "polecat-tsv", "geojson"; InvalidArgument naming the choices otherwise.
Result<ExportFormat> ParseExportFormat(std::string_view name);

// An export written in pieces, so a stream of any size needs memory for
// one slice only: Write() each slice in order (the first also writes the
// format's header), then Finish() (GeoJSON's closing brackets).
class EventExporter {
 public:
  struct State;
  // Fails only when the format's lookup tables cannot be loaded.
  static Result<EventExporter> Create(ExportFormat format);
  Status Write(std::span<const StoredEvent> events, std::ostream& out);
  Status Finish(std::ostream& out);
  // The MIME type of the format ("text/csv", "application/geo+json"...).
  static std::string_view ContentType(ExportFormat format);
  // A file name extension for the format ("csv", "tsv", "jsonl", "geojson").
  static std::string_view Extension(ExportFormat format);

 private:
  explicit EventExporter(std::shared_ptr<State> state) : state_(std::move(state)) {}
  std::shared_ptr<State> state_;
};

// Writes `events` in `format` to `out`. Fails only when the format's
// lookup tables (data/store/) cannot be loaded or `out` fails.
Status ExportEvents(const std::vector<StoredEvent>& events, ExportFormat format, std::ostream& out);

// ---- Sharding, combining and following (docs/cluster.md) ----

// One part of a run split over several processes: shard `index` of
// `count`, numbered from 0 as MPI ranks and srun task ids are.
struct Shard {
  std::uint32_t index = 0;
  std::uint32_t count = 1;
  // Where it came from, for messages: "--shard", "SLURM_ARRAY_TASK_ID",
  // "SLURM_PROCID", "OMPI_COMM_WORLD_RANK", "PMI_RANK"; empty for the
  // whole input.
  std::string origin;
};

// "K/N" with 0 <= K < N (e.g. "0/4" ... "3/4").
Result<Shard> ParseShard(std::string_view text);

// The shard a launcher gave this process through the environment:
// a Slurm job array (SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT), an srun
// step (SLURM_PROCID of SLURM_NTASKS, only inside a step: SLURM_STEP_ID
// set, so a batch script's own shell is not taken for task 0), Open MPI
// (OMPI_COMM_WORLD_RANK/_SIZE) or a PMI launcher (PMI_RANK/PMI_SIZE:
// MPICH, Intel MPI). An array task that itself runs several ranks gets
// shard array_index * ranks + rank of array_count * ranks. No launcher:
// shard 0 of 1. `getenv` is std::getenv outside tests.
Result<Shard> ShardFromEnvironment(const std::function<const char*(const char*)>& getenv);

// Whether record `record` (0 for a single-document file) of the input
// `path` belongs to `shard`. `path` is relative to the input argument it
// was found under, so shards agree wherever the corpus is mounted. Every
// (path, record) belongs to exactly one shard of a given count: a stable
// hash, so the split does not depend on the machine or the run.
bool InShard(const Shard& shard, std::string_view path, std::uint64_t record);

// Options of RunInputs() and FollowInputs().
struct RunOptions {
  IngestOptions ingest;
  CodeOptions code;
  Shard shard;
  // Threads at work on articles, the calling thread included. The store
  // is written by the calling thread alone, in input order, so the
  // database is the same as with one job (rows in the same order, same
  // ids); with N > 1, N - 1 threads extract and code, and the calling
  // thread codes too whenever the next article to write is not ready.
  unsigned jobs = 1;
};

// Counts of one RunInputs() call or one FollowInputs() scan.
struct RunStats {
  std::int64_t pages = 0;         // pages of this shard read
  std::int64_t other_shards = 0;  // pages left to the other shards
  std::int64_t coded = 0;         // articles coded
  std::int64_t added = 0;         // articles stored for the first time
  std::int64_t replaced = 0;      // stored with another page hash: replaced
  std::int64_t skipped = 0;       // already stored, or an item already seen
  std::int64_t events = 0;        // events of the added and replaced articles
  std::int64_t input_errors = 0;
  std::int64_t files = 0;  // files read (FollowInputs: changed files)
};

// Called on the writing thread after each article with the counts so far
// and the article's input file.
using RunProgress = std::function<void(const RunStats&, const std::string& source_file)>;

// Ingests, codes and stores `paths` into `store` (`khaldun run`): the
// pages of `options.shard` only, articles already stored with the same
// page hash not coded again, everything committed on return (no merge:
// the caller merges once every shard is stored). `url` is the store's
// URL: each coding thread opens its own read connection to skip stored
// articles. Input errors go to `on_error` (on the calling thread) and
// reading goes on; a store error stops the run and is returned.
Result<RunStats> RunInputs(Store& store, std::string_view url, std::span<const std::string> paths,
                           const RunOptions& options, const IngestResources& ingest,
                           const CodingResources& coding, const ErrorCallback& on_error,
                           const RunProgress& on_progress);

struct FollowOptions {
  // Seconds between scans of the followed paths.
  double poll_seconds = 2.0;
  // A file modified less than this many seconds ago is left for the next
  // scan: it may still be being written (drop files by rename to avoid
  // the wait).
  double settle_seconds = 1.0;
  // Merge repeated reports after each scan that stored articles, so the
  // dashboard's views show them merged.
  bool merge = true;
  MergeOptions merge_options;
};

// Follows `paths` (directories, walked recursively, and files such as RSS
// or Atom feeds) until `stop()` returns true (`khaldun run --follow`): each
// scan reads the files that are new or changed since they were last read
// (size or modification time, remembered in the store), and of a corpus or
// feed file only the items not seen before (by link, else by content), so
// a restart re-codes nothing. Returns soon after `stop()` turns true (it is
// polled between pages and while waiting), with everything read committed and no article half
// stored. `on_scan` is called after each scan that read a file.
Result<RunStats> FollowInputs(Store& store, std::string_view url,
                              std::span<const std::string> paths, const RunOptions& options,
                              const FollowOptions& follow, const IngestResources& ingest,
                              const CodingResources& coding, const std::function<bool()>& stop,
                              const ErrorCallback& on_error, const RunProgress& on_progress,
                              const std::function<void(const RunStats&)>& on_scan);

}  // namespace khaldun

#endif  // KHALDUN_STORE_H_
