// khaldun run as a library: read the inputs (one shard of them), extract
// and code each article on one or several threads, and store the results
// on the calling thread in input order; and --follow, which repeats that
// over whatever is new in watched directories and feeds.
//
// The pipeline: a reader (the caller's thread with one job, else a thread
// of its own) turns inputs into numbered work items; coding threads
// extract and code them, each asking its own read connection whether the
// article is stored already; the caller's thread takes the results in
// number order and writes them. Only one thread ever writes, so rows land
// in the same order as with one job and SQLite never sees two writers.
//
// Storing an article costs about as much as coding it, so the writer is
// the busiest thread. With N jobs there are N - 1 coding threads and the
// writer codes too while the next result it must write is not ready: on
// N cores no thread waits on a busy writer's core (with N coders beside
// it the writer got only N/(N+1) of a core and the others idled).
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "khaldun/store.h"

namespace khaldun {
namespace {

// One item of input, numbered in input order by the pipeline.
struct Work {
  enum class Kind { kPage, kError, kFileDone };
  Kind kind = Kind::kPage;
  Page page;
  InputError error;
  // kFileDone: the file every page of which has been handed on.
  std::string file;
  std::int64_t size = 0, mtime_ns = 0;
  // Following: the feed or corpus file and the item's key; empty when
  // the item is not remembered (single documents and plain runs).
  std::string feed, item;
};

// A work item after extraction and coding.
struct Done {
  Work work;
  Status status;  // a store error from the reading connection
  bool skipped = false;
  CodedArticle coded;
};

struct Context {
  const RunOptions& options;
  const IngestResources& ingest;
  const CodingResources& coding;
  const ErrorCallback& on_error;
  const RunProgress& on_progress;
  bool recheck_items = false;  // items may have been marked by the writer since
};

// Extracts and codes one page, unless `reader` says it is stored already.
Done Process(Store& reader, Work&& work, const Context& cx) {
  Done done;
  if (work.kind == Work::Kind::kPage) {
    if (!work.item.empty()) {
      auto seen = reader.ItemSeen(work.feed, work.item);
      if (!seen.ok()) {
        done.status = seen.status();
      } else if (*seen) {
        done.skipped = true;
      }
    }
    if (done.status.ok() && !done.skipped) {
      Article article = ExtractArticle(work.page, cx.ingest, cx.options.ingest);
      auto contains = reader.Contains(article);
      if (!contains.ok()) {
        done.status = contains.status();
      } else if (*contains) {
        done.skipped = true;
        done.coded.article.id = std::move(article.id);
      } else {
        done.coded = CodeArticle(std::move(article), cx.coding, cx.options.code);
      }
    }
    // The page's bytes are not needed any more; its file name and item
    // key are.
    work.page.body = std::string();
  }
  done.work = std::move(work);
  return done;
}

// Errors two writers of one PostgreSQL store can meet: both inserting the
// same new actor (or the same article, from two copies of one page) in
// open transactions. The loser's article was rolled back to its savepoint.
bool IsWriteConflict(const Status& status) {
  const std::string& m = status.message();
  return m.find("deadlock detected") != std::string::npos ||
         m.find("could not serialize") != std::string::npos ||
         m.find("duplicate key value") != std::string::npos;
}

// Writes one result; the caller's thread only.
Status Write(Store& store, Done&& done, RunStats& stats, const Context& cx) {
  Work& w = done.work;
  switch (w.kind) {
    case Work::Kind::kError:
      ++stats.input_errors;
      cx.on_error(w.error);
      return Status::Ok();
    case Work::Kind::kFileDone:
      ++stats.files;
      return store.MarkFile(w.file, w.size, w.mtime_ns);
    case Work::Kind::kPage:
      break;
  }
  if (!done.status.ok()) return done.status;
  ++stats.pages;
  if (!done.skipped && !w.item.empty() && cx.recheck_items) {
    // Another coding thread may have read the same item earlier in this
    // scan; the writer's own connection sees its marks.
    auto seen = store.ItemSeen(w.feed, w.item);
    if (!seen.ok()) return seen.status();
    done.skipped = *seen;
  }
  const std::string article_id = done.coded.article.id;
  if (done.skipped) {
    ++stats.skipped;
  } else {
    ++stats.coded;
    // Put() takes the coded article over when it succeeds.
    const auto events = static_cast<std::int64_t>(done.coded.events.size());
    Result<PutOutcome> put = Status::Internal("unset");
    for (int attempt = 0;; ++attempt) {
      put = store.Put(std::move(done.coded));
      if (put.ok() || attempt >= 8 || !IsWriteConflict(put.status())) break;
      // Commit the batch so far: the other writer may be waiting on rows
      // this one holds, and retrying inside the same transaction would
      // only meet it again.
      if (Status s = store.Flush(); !s.ok()) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(20 * (attempt + 1)));
    }
    if (!put.ok()) return put.status();
    switch (*put) {
      case PutOutcome::kAdded:
        ++stats.added;
        stats.events += events;
        break;
      case PutOutcome::kReplaced:
        ++stats.replaced;
        stats.events += events;
        break;
      case PutOutcome::kUnchanged:
        ++stats.skipped;
        break;
    }
  }
  if (!w.item.empty()) {
    if (Status s = store.MarkItem(w.feed, w.item, article_id); !s.ok()) return s;
  }
  if (cx.on_progress) cx.on_progress(stats, w.page.source_file);
  return Status::Ok();
}

// Hands work items to `emit` in input order; stops early when it returns
// false.
using Emit = std::function<bool(Work&&)>;
using Producer = std::function<void(const Emit&)>;

// Runs `producer` through the coding threads into `store`; everything
// written is committed on return.
Status Pipeline(Store& store, std::string_view url, const Producer& producer, RunStats& stats,
                const Context& cx) {
  const unsigned jobs = std::max(1u, cx.options.jobs);
  if (jobs == 1) {
    Status failed;
    producer([&](Work&& w) {
      if (!failed.ok()) return false;
      failed = Write(store, Process(store, std::move(w), cx), stats, cx);
      return failed.ok();
    });
    Status flushed = store.Flush();
    return failed.ok() ? flushed : failed;
  }

  // One read connection per coding thread (a Store is not thread-safe);
  // the writer codes with its own.
  const unsigned coders = jobs - 1;
  std::vector<std::unique_ptr<Store>> readers;
  for (unsigned i = 0; i < coders; ++i) {
    auto reader = Store::Open(url, StoreOptions{});
    if (!reader.ok()) return reader.status();
    readers.push_back(std::move(*reader));
  }
  // SQLite: a thread of its own copies the write-ahead log into the
  // database file while the writer goes on (the writer's connection was
  // opened with a high automatic-checkpoint bound for that; see
  // StoreOptions::wal_autocheckpoint_pages).
  std::unique_ptr<Store> checkpointer;
  if (store.backend() == "sqlite") {
    auto opened = Store::Open(url, StoreOptions{});
    if (!opened.ok()) return opened.status();
    checkpointer = std::move(*opened);
  }
  std::mutex mu;
  std::condition_variable work_ready, done_ready, space_ready;
  std::deque<std::pair<std::uint64_t, Work>> queue;
  std::map<std::uint64_t, Done> finished;
  std::uint64_t produced = 0, written = 0;
  bool producer_done = false, abort = false;
  // Items in flight (queued, being coded, or waiting for their turn to be
  // written) are bounded, so memory does not grow with the input.
  // The writer stops for a while at each commit (indexing the batch for
  // search, writing the log): a few hundred articles of slack let the
  // coding threads go on meanwhile instead of waiting for room (with 4N+4
  // they idled a fifth of the run). About 50 KB each once coded.
  const std::uint64_t capacity = 256 + 16 * static_cast<std::uint64_t>(jobs);

  std::mutex checkpoint_mu;
  std::condition_variable checkpoint_stop;
  bool stopping = false;
  std::thread checkpoint_thread;
  if (checkpointer) {
    checkpoint_thread = std::thread([&] {
      std::unique_lock lock(checkpoint_mu);
      while (!checkpoint_stop.wait_for(lock, std::chrono::milliseconds(100),
                                       [&] { return stopping; })) {
        lock.unlock();
        // Failing to copy now only leaves more for the next time or for
        // the writer's own bound; it loses nothing.
        (void)checkpointer->Checkpoint();
        lock.lock();
      }
    });
  }
  std::thread reader_thread([&] {
    producer([&](Work&& w) {
      std::unique_lock lock(mu);
      space_ready.wait(lock, [&] { return abort || produced - written < capacity; });
      if (abort) return false;
      queue.emplace_back(produced++, std::move(w));
      work_ready.notify_one();
      done_ready.notify_all();  // the writer may code it
      return true;
    });
    std::lock_guard lock(mu);
    producer_done = true;
    work_ready.notify_all();
    done_ready.notify_all();
  });
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < coders; ++i) {
    workers.emplace_back([&, i] {
      while (true) {
        std::pair<std::uint64_t, Work> item;
        {
          std::unique_lock lock(mu);
          work_ready.wait(lock, [&] { return abort || producer_done || !queue.empty(); });
          if (abort || queue.empty()) return;
          item = std::move(queue.front());
          queue.pop_front();
        }
        Done done = Process(*readers[i], std::move(item.second), cx);
        std::lock_guard lock(mu);
        finished.emplace(item.first, std::move(done));
        done_ready.notify_all();
      }
    });
  }
  Status failed;
  while (true) {
    Done next;
    std::pair<std::uint64_t, Work> to_code;
    bool coding = false;
    {
      std::unique_lock lock(mu);
      done_ready.wait(lock, [&] {
        return finished.count(written) > 0 || !queue.empty() ||
               (producer_done && written == produced);
      });
      auto it = finished.find(written);
      if (it != finished.end()) {
        next = std::move(it->second);
        finished.erase(it);
      } else if (!queue.empty()) {
        to_code = std::move(queue.front());
        queue.pop_front();
        coding = true;
      } else {
        break;  // everything produced is written
      }
    }
    if (coding) {
      // The writer's connection reads its own uncommitted rows too, so its
      // Contains() answer is at least as fresh as a coder's.
      Done done = Process(store, std::move(to_code.second), cx);
      std::lock_guard lock(mu);
      finished.emplace(to_code.first, std::move(done));
      continue;
    }
    failed = Write(store, std::move(next), stats, cx);
    std::lock_guard lock(mu);
    ++written;
    space_ready.notify_all();
    if (!failed.ok()) {
      abort = true;
      work_ready.notify_all();
      break;
    }
  }
  reader_thread.join();
  for (auto& t : workers) t.join();
  Status flushed = store.Flush();
  if (checkpoint_thread.joinable()) {
    {
      std::lock_guard lock(checkpoint_mu);
      stopping = true;
    }
    checkpoint_stop.notify_all();
    checkpoint_thread.join();
  }
  return failed.ok() ? flushed : failed;
}

// The path of an input file relative to the argument it was found under:
// the shard key, the same wherever the corpus is mounted.
std::string ShardKey(const std::string& file, const std::string& root) {
  if (file == root) return std::filesystem::path(file).filename().string();
  if (file.size() > root.size() && file.compare(0, root.size(), root) == 0) {
    size_t from = root.size();
    while (from < file.size() && file[from] == '/') ++from;
    return file.substr(from);
  }
  return file;
}

// Reads one path argument (a file, a directory, or "-") for the shard,
// emitting its pages and errors; `item_keys` names each record of a corpus
// or feed for --follow.
bool EmitPath(const std::string& path, const std::string& root, const RunOptions& options,
              const Emit& emit, bool item_keys, const std::function<bool()>& stop,
              std::int64_t* other_shards) {
  bool go_on = true;
  const std::string paths[] = {path};
  (void)ReadPaths(
      paths, options.ingest,
      [&](Page&& page) {
        if (!go_on) return;
        if (stop && stop()) {
          go_on = false;
          return;
        }
        if (!InShard(options.shard, ShardKey(page.source_file, root), page.record)) {
          ++*other_shards;
          return;
        }
        Work w;
        if (item_keys && page.record > 0) {
          w.feed = page.source_file;
          w.item = page.url.empty() ? "body:" + ArticleId("", page.body) : page.url;
        }
        w.page = std::move(page);
        go_on = emit(std::move(w));
      },
      [&](const InputError& error) {
        if (!go_on) return;
        Work w;
        w.kind = Work::Kind::kError;
        w.error = error;
        go_on = emit(std::move(w));
      });
  return go_on;
}

// A regular file's size and modification time; false when it is gone.
bool Stat(const std::string& path, std::int64_t* size, std::int64_t* mtime_ns) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  *size = static_cast<std::int64_t>(st.st_size);
  *mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

// Every regular file under `root` (itself when it is a file), sorted,
// hidden names skipped as ingest skips them.
void ListFiles(const std::string& root, std::vector<std::string>* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    if (fs::is_regular_file(root, ec)) out->push_back(root);
    return;
  }
  std::vector<std::string> found;
  auto it = fs::recursive_directory_iterator(root, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  out->insert(out->end(), found.begin(), found.end());
}

}  // namespace

Result<RunStats> RunInputs(Store& store, std::string_view url, std::span<const std::string> paths,
                           const RunOptions& options, const IngestResources& ingest,
                           const CodingResources& coding, const ErrorCallback& on_error,
                           const RunProgress& on_progress) {
  RunStats stats;
  Context cx{options, ingest, coding, on_error, on_progress};
  std::int64_t other_shards = 0;
  Status s = Pipeline(
      store, url,
      [&](const Emit& emit) {
        for (const std::string& path : paths) {
          if (!EmitPath(path, path, options, emit, false, nullptr, &other_shards)) return;
        }
      },
      stats, cx);
  if (!s.ok()) return s;
  stats.other_shards = other_shards;
  return stats;
}

Result<RunStats> FollowInputs(Store& store, std::string_view url,
                              std::span<const std::string> paths, const RunOptions& options,
                              const FollowOptions& follow, const IngestResources& ingest,
                              const CodingResources& coding, const std::function<bool()>& stop,
                              const ErrorCallback& on_error, const RunProgress& on_progress,
                              const std::function<void(const RunStats&)>& on_scan) {
  RunStats total;
  Context cx{options, ingest, coding, on_error, on_progress, options.jobs > 1};
  auto stopped = [&] { return stop && stop(); };
  // Files known read, with the size and modification time they had: a
  // scan asks the store only about files it has not seen so, so watching
  // a directory of many thousand files costs a stat() each, not a query.
  std::unordered_map<std::string, std::pair<std::int64_t, std::int64_t>> known_read;
  while (!stopped()) {
    // Which files are new or changed since they were last read, decided
    // on this thread with the writer's connection.
    struct Changed {
      std::string file, root;
      std::int64_t size, mtime_ns;
    };
    std::vector<Changed> changed;
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const std::int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
    for (const std::string& root : paths) {
      std::vector<std::string> files;
      ListFiles(root, &files);
      for (const std::string& file : files) {
        std::int64_t size = 0, mtime_ns = 0;
        if (!Stat(file, &size, &mtime_ns)) continue;
        if (static_cast<double>(now_ns - mtime_ns) < follow.settle_seconds * 1e9) continue;
        if (auto it = known_read.find(file);
            it != known_read.end() && it->second == std::pair(size, mtime_ns)) {
          continue;
        }
        auto unchanged = store.FileUnchanged(file, size, mtime_ns);
        if (!unchanged.ok()) return unchanged.status();
        if (*unchanged) {
          known_read[file] = {size, mtime_ns};
        } else {
          changed.push_back({file, root, size, mtime_ns});
        }
      }
    }
    if (!changed.empty()) {
      RunStats scan;
      std::int64_t other_shards = 0;
      Status s = Pipeline(
          store, url,
          [&](const Emit& emit) {
            for (const Changed& c : changed) {
              if (stopped()) return;
              // A file is marked read only when all its pages went through;
              // one cut short by a stop is read again after a restart.
              if (!EmitPath(c.file, c.root, options, emit, true, stop, &other_shards)) return;
              if (stopped()) return;
              Work done;
              done.kind = Work::Kind::kFileDone;
              done.file = c.file;
              done.size = c.size;
              done.mtime_ns = c.mtime_ns;
              if (!emit(std::move(done))) return;
            }
          },
          scan, cx);
      if (!s.ok()) return s;
      scan.other_shards = other_shards;
      if (follow.merge && scan.added + scan.replaced > 0) {
        auto merged = store.Merge(follow.merge_options);
        if (!merged.ok()) return merged.status();
      }
      total.pages += scan.pages;
      total.other_shards += scan.other_shards;
      total.coded += scan.coded;
      total.added += scan.added;
      total.replaced += scan.replaced;
      total.skipped += scan.skipped;
      total.events += scan.events;
      total.input_errors += scan.input_errors;
      total.files += scan.files;
      if (on_scan) on_scan(scan);
    }
    const auto deadline =
        std::chrono::steady_clock::now() +
        std::chrono::milliseconds(static_cast<std::int64_t>(follow.poll_seconds * 1000));
    while (!stopped() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  return total;
}

}  // namespace khaldun
