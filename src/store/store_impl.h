// Internals of khaldun::Store shared by its source files (store.cc,
// merge.cc).
#ifndef KHALDUN_STORE_STORE_IMPL_H_
#define KHALDUN_STORE_STORE_IMPL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "khaldun/store.h"
#include "store/backend.h"
#include "text/sentences.h"

namespace khaldun {

namespace store {

// SQLite's full-text indexes are written by batch (migration 7): the
// first `seq` of the articles and sentences a write transaction has added
// and not yet indexed. Every row below them is indexed; rows at or above
// them are this transaction's own (SQLite numbers a new row one past the
// largest present).
struct UnindexedRows {
  std::int64_t article_from = 0;
  std::int64_t sentence_from = 0;
};

// The first seq each table will give its next row; call inside the write
// transaction, before adding rows and after any delete.
Result<UnindexedRows> NextRows(Backend& db);
// Indexes the rows at or above `from` in articles_fts and sentences_fts
// (one INSERT ... SELECT each); NextRows() then gives the new starting
// point. On PostgreSQL (generated tsvector columns) it does nothing.
Status IndexNewRows(Backend& db, const UnindexedRows& from);

}  // namespace store

struct Store::Impl {
  Impl(std::unique_ptr<store::Backend> backend, const StoreOptions& store_options,
       text::SentenceSplitter sentence_splitter)
      : db(std::move(backend)), options(store_options), splitter(std::move(sentence_splitter)) {}
  std::unique_ptr<store::Backend> db;
  StoreOptions options;
  text::SentenceSplitter splitter;
  bool in_batch = false;
  std::size_t batch_articles = 0;    // articles put in the open batch
  std::int64_t pending_written = 0;  // of which added or replaced
  std::int64_t committed = 0;
  // SQLite: the open batch's rows not yet in the full-text indexes.
  store::UnindexedRows unindexed;
  // SQLite: the open batch's articles, put again if a later one fails
  // and rolls the batch back (Store::RedoBatch).
  std::vector<CodedArticle> batch;
  // Actor ids known to be stored: committed, added by the open batch, and
  // added by the article being put. Most articles name actors already
  // stored, whose INSERT ... ON CONFLICT DO NOTHING was a wasted index
  // probe each.
  std::unordered_set<std::string> committed_actors, batch_actors;
  std::vector<std::string> article_actors;
};

namespace store {

inline Value Int(std::int64_t v) { return Value(v); }

// "YYYY-MM-DD HH:MM:SS", UTC.
std::string UtcNow();

// Merging over every stored event (merge.cc). Runs in its own transaction;
// the caller has flushed any open batch.
Result<MergeStats> RunMerge(Backend& db, const MergeOptions& options);
Result<std::vector<MergeRecord>> ReadMerges(Backend& db, std::string_view into_id);

// Days since 1970-01-01 of a "YYYY-MM-DD" date; false when it is not one.
bool DayNumber(std::string_view date, std::int64_t* days);

// Pieces of a list stored as one text column ("a; b").
std::vector<std::string> Split(std::string_view text, std::string_view separator);
// Event spans as stored ("start:end:role;...").
std::vector<Span> ParseSpans(std::string_view text);
// User words as an FTS5 query: each word quoted, so operators and
// punctuation are plain text.
std::string Fts5Query(std::string_view text);

// The conditions of `filter` over `events e JOIN articles a`, appended to
// `sql` as " AND ..." with their values in `params` ($N placeholders
// continue from params' size). Ignores the filter's order and limit.
void AppendFilter(const EventFilter& filter, Dialect dialect, std::string* sql,
                  std::vector<Value>* params);
// " ORDER BY ..." for the filter's order, matching its cursor.
std::string OrderBy(const EventFilter& filter);

}  // namespace store
}  // namespace khaldun

#endif  // KHALDUN_STORE_STORE_IMPL_H_
