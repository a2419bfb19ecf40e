// Internals of khaldun::Store shared by its source files (store.cc,
// merge.cc).
#ifndef KHALDUN_STORE_STORE_IMPL_H_
#define KHALDUN_STORE_STORE_IMPL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "khaldun/store.h"
#include "store/backend.h"
#include "text/sentences.h"

namespace khaldun {

struct Store::Impl {
  std::unique_ptr<store::Backend> db;
  StoreOptions options;
  text::SentenceSplitter splitter;
  bool in_batch = false;
  std::size_t batch_articles = 0;    // articles put in the open batch
  std::int64_t pending_written = 0;  // of which added or replaced
  std::int64_t committed = 0;
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
