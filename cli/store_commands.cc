// khaldun run / db / export / query: argument parsing and printing over
// the store library (include/khaldun/store.h).
#include "store_commands.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>

#include "khaldun/code.h"
#include "khaldun/ingest.h"
#include "khaldun/store.h"

namespace khaldun::cli {
namespace {

constexpr std::string_view kDefaultDb = "khaldun.db";

void PrintError(std::string_view where, std::string_view what) {
  std::fprintf(stderr, "khaldun: %.*s: %.*s\n", static_cast<int>(where.size()), where.data(),
               static_cast<int>(what.size()), what.data());
}

// Store errors already name the database (its URL with any password
// removed), so they are printed as they are.
void PrintStoreError(const Status& status) {
  std::fprintf(stderr, "khaldun: %s\n", status.message().c_str());
}

int UsageError(std::string_view where, std::string_view what) {
  PrintError(where, what);
  std::fprintf(stderr, "khaldun: run 'khaldun help' for usage\n");
  return 2;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

bool ParseCount(std::string_view text, long long* out) {
  if (text.empty() || text.size() > 12) return false;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// Options shared by the commands: "--name value" or "--name=value";
// positional arguments are kept in order.
class Args {
 public:
  // `flags` take no value; every other "--x" takes one.
  Args(const std::vector<std::string_view>& args, std::vector<std::string_view> flags)
      : flags_(std::move(flags)) {
    bool options_done = false;
    for (size_t i = 0; i < args.size() && error_.empty(); ++i) {
      std::string_view arg = args[i];
      if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
        positional_.emplace_back(arg);
        continue;
      }
      if (arg == "--") {
        options_done = true;
        continue;
      }
      std::string name(arg);
      std::optional<std::string> value;
      if (size_t eq = arg.find('='); eq != std::string_view::npos) {
        name = arg.substr(0, eq);
        value = std::string(arg.substr(eq + 1));
      }
      bool flag = false;
      for (auto f : flags_) flag |= f == name;
      if (flag) {
        values_[name] = "1";
        continue;
      }
      if (!value) {
        if (i + 1 >= args.size()) {
          error_ = name;
          break;
        }
        value = std::string(args[++i]);
      }
      values_[name] = *value;
    }
  }
  // The option lacking its value, if any.
  const std::string& missing_value() const { return error_; }
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name, std::string_view fallback = "") const {
    auto it = values_.find(name);
    return it == values_.end() ? std::string(fallback) : it->second;
  }
  // The first option not in `known`, or empty.
  std::string Unknown(std::initializer_list<std::string_view> known) const {
    for (const auto& [name, value] : values_) {
      bool ok = false;
      for (auto k : known) ok |= k == name;
      if (!ok) return name;
    }
    return {};
  }
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::vector<std::string_view> flags_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
  std::string error_;
};

// `cache_mib`: SQLite's page cache; commands that write much use more.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, int cache_mib = 64) {
  StoreOptions options;
  options.cache_mib = cache_mib;
  return Store::Open(url, options);
}

// Event filters from --since/--until/--country/--type/--actor/--search.
std::optional<int> ReadFilter(const Args& args, EventFilter* filter) {
  filter->since = args.Get("--since");
  filter->until = args.Get("--until");
  for (const auto& [name, value] :
       {std::pair{"--since", filter->since}, {"--until", filter->until}}) {
    if (!value.empty() && !IsIsoDate(value)) {
      return UsageError(name, "'" + value + "' is not a YYYY-MM-DD date");
    }
  }
  filter->country = args.Get("--country");
  if (!filter->country.empty() && filter->country.size() != 3) {
    return UsageError("--country", "'" + filter->country + "' is not an ISO 3166-1 alpha-3 code");
  }
  filter->type = args.Get("--type");
  for (char& c : filter->type) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  filter->actor = args.Get("--actor");
  filter->search = args.Get("--search");
  filter->article_id = args.Get("--article");
  filter->include_merged = args.Has("--all-reports");
  if (args.Has("--limit")) {
    long long limit = 0;
    if (!ParseCount(args.Get("--limit"), &limit)) {
      return UsageError("--limit", "'" + args.Get("--limit") + "' is not a count");
    }
    filter->limit = static_cast<std::size_t>(limit);
  }
  return std::nullopt;
}

// Progress on a terminal: articles/s, events, stored, and an ETA from the
// bytes of the input files finished so far.
class Progress {
 public:
  Progress(bool enabled, const std::vector<std::string>& paths) : enabled_(enabled) {
    start_ = std::chrono::steady_clock::now();
    if (!enabled_) return;
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& p : paths) {
      if (p == "-") continue;
      if (fs::is_directory(p, ec)) {
        for (auto it = fs::recursive_directory_iterator(p, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
          if (it->is_regular_file(ec)) sizes_[it->path().string()] = it->file_size(ec);
        }
      } else if (fs::is_regular_file(p, ec)) {
        sizes_[p] = fs::file_size(p, ec);
      }
    }
    for (const auto& [path, size] : sizes_) total_bytes_ += size;
  }

  void Update(const std::string& source_file, std::int64_t articles, std::int64_t events,
              std::int64_t stored, std::int64_t skipped) {
    if (!enabled_) return;
    if (source_file != current_file_) {
      if (auto it = sizes_.find(current_file_); it != sizes_.end()) done_bytes_ += it->second;
      current_file_ = source_file;
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::string eta = "?";
    if (done_bytes_ > 0 && total_bytes_ > done_bytes_) {
      double left = seconds * static_cast<double>(total_bytes_ - done_bytes_) /
                    static_cast<double>(done_bytes_);
      eta = std::to_string(static_cast<long long>(left)) + "s";
    }
    int width = 24;
    int filled = total_bytes_ ? static_cast<int>(width * static_cast<double>(done_bytes_) /
                                                 static_cast<double>(total_bytes_))
                              : 0;
    std::fprintf(
        stderr, "\r[%s%s] %lld articles  %.0f/s  %lld events  %lld stored  %lld skipped  ETA %s   ",
        std::string(static_cast<size_t>(filled), '#').c_str(),
        std::string(static_cast<size_t>(width - filled), '.').c_str(),
        static_cast<long long>(articles), seconds > 0 ? articles / seconds : 0.0,
        static_cast<long long>(events), static_cast<long long>(stored),
        static_cast<long long>(skipped), eta.c_str());
  }

  void Clear() {
    if (enabled_) std::fprintf(stderr, "\r%*s\r", 110, "");
  }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_;
  std::map<std::string, std::uintmax_t> sizes_;
  std::uintmax_t total_bytes_ = 0, done_bytes_ = 0;
  std::string current_file_;
};

std::string Sides(const std::vector<Actor>& side) {
  std::string s;
  for (const auto& a : side) {
    if (!s.empty()) s += "+";
    s += a.code.empty() ? (a.name.empty() ? a.text : a.name) : a.code;
  }
  return s.empty() ? "-" : s;
}

std::string Clip(std::string s, size_t width) {
  size_t cps = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++cps > width) {
      s.resize(i);
      return s + "…";
    }
  }
  return s;
}

std::string Pad(std::string s, size_t width) {
  size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  if (cps < width) s.append(width - cps, ' ');
  return s;
}

}  // namespace

int RunStoreRun(const std::vector<std::string_view>& raw) {
  Args args(raw, {"--no-merge", "--progress-lines", "--follow", "--help", "-h"});
  if (!args.missing_value().empty()) return UsageError(args.missing_value(), "needs a value");
  if (std::string unknown = args.Unknown(
          {"--db", "--published", "--max-bytes", "--batch", "--window-days", "--no-merge",
           "--progress-lines", "--shard", "--jobs", "--follow", "--poll", "--help", "-h"});
      !unknown.empty()) {
    return UsageError(unknown, "unknown option");
  }
  if (args.positional().empty())
    return UsageError("run", "no input (give paths, or - for standard input)");
  const bool follow = args.Has("--follow");
  RunOptions run_options;
  IngestOptions& ingest_options = run_options.ingest;
  if (args.Has("--published")) {
    ingest_options.published = args.Get("--published");
    if (!IsIsoDate(ingest_options.published)) {
      return UsageError("--published",
                        "'" + ingest_options.published + "' is not a YYYY-MM-DD date");
    }
  }
  if (args.Has("--max-bytes")) {
    long long bytes = 0;
    if (!ParseCount(args.Get("--max-bytes"), &bytes) || bytes == 0) {
      return UsageError("--max-bytes", "'" + args.Get("--max-bytes") + "' is not a byte count");
    }
    ingest_options.max_input_bytes = static_cast<std::size_t>(bytes);
  }
  StoreOptions store_options;
  store_options.cache_mib = 256;  // one writer filling a large store
  if (args.Has("--batch")) {
    long long batch = 0;
    if (!ParseCount(args.Get("--batch"), &batch) || batch == 0) {
      return UsageError("--batch", "'" + args.Get("--batch") + "' is not a count");
    }
    store_options.batch_articles = static_cast<std::size_t>(batch);
  }
  MergeOptions merge_options;
  if (args.Has("--window-days")) {
    long long days = 0;
    if (!ParseCount(args.Get("--window-days"), &days)) {
      return UsageError("--window-days", "'" + args.Get("--window-days") + "' is not a count");
    }
    merge_options.window_days = static_cast<int>(days);
  }
  if (args.Has("--jobs")) {
    long long jobs = 0;
    if (!ParseCount(args.Get("--jobs"), &jobs) || jobs == 0 || jobs > 256) {
      return UsageError("--jobs", "'" + args.Get("--jobs") + "' is not a thread count (1-256)");
    }
    run_options.jobs = static_cast<unsigned>(jobs);
    // With several jobs a thread of its own checkpoints the write-ahead
    // log (RunInputs); the writer's own checkpoint is only a bound, at
    // 64 MiB of log.
    if (jobs > 1) store_options.wal_autocheckpoint_pages = 16384;
  }
  FollowOptions follow_options;
  if (args.Has("--poll")) {
    char* end = nullptr;
    std::string poll = args.Get("--poll");
    follow_options.poll_seconds = std::strtod(poll.c_str(), &end);
    if (poll.empty() || *end != '\0' || !(follow_options.poll_seconds > 0)) {
      return UsageError("--poll", "'" + poll + "' is not a number of seconds");
    }
    // A test (or an impatient user) polling fast also wants files read
    // as soon as they land.
    follow_options.settle_seconds =
        std::min(follow_options.settle_seconds, follow_options.poll_seconds / 2);
  }
  // The shard: --shard K/N, else what a launcher (Slurm, mpirun) says.
  if (args.Has("--shard")) {
    auto shard = ParseShard(args.Get("--shard"));
    if (!shard.ok()) return UsageError("--shard", shard.status().message());
    run_options.shard = *shard;
  } else {
    auto shard = ShardFromEnvironment([](const char* name) { return std::getenv(name); });
    if (!shard.ok()) return UsageError("environment", shard.status().message());
    run_options.shard = *shard;
  }
  const Shard& shard = run_options.shard;
  // "--db parts/part-{shard}.db": one SQLite file per shard, the same
  // command line for every rank.
  std::string url = args.Get("--db", kDefaultDb);
  for (auto [key, value] :
       {std::pair<std::string, std::uint32_t>{"{shard}", shard.index}, {"{shards}", shard.count}}) {
    for (size_t at = url.find(key); at != std::string::npos; at = url.find(key, at)) {
      url.replace(at, key.size(), std::to_string(value));
    }
  }
  auto store = Store::Open(url, store_options);
  if (!store.ok()) {
    PrintStoreError(store.status());
    return 1;
  }
  auto ingest = IngestResources::LoadBuiltin();
  if (!ingest.ok()) {
    PrintError("data", ingest.status().message());
    return 1;
  }
  auto coding = CodingResources::LoadBuiltin();
  if (!coding.ok()) {
    PrintError("data", coding.status().message());
    return 1;
  }
  const bool tty = isatty(STDERR_FILENO);
  const bool progress_lines = args.Has("--progress-lines");
  Progress progress(tty && !follow, args.positional());
  std::int64_t reported = 0;
  auto report_committed = [&]() {
    // Printed only once the batch is committed, so a line seen is a
    // promise that survives kill -9.
    std::int64_t committed = (*store)->committed_articles();
    if (progress_lines && committed != reported) {
      std::printf("stored %lld\n", static_cast<long long>(committed));
      std::fflush(stdout);
    }
    reported = committed;
  };
  auto on_progress = [&](const RunStats& st, const std::string& source_file) {
    report_committed();
    progress.Update(source_file, st.pages, st.events, (*store)->committed_articles(), st.skipped);
  };
  auto on_error = [&](const InputError& error) {
    progress.Clear();
    PrintError(error.path, error.status.message());
  };
  const std::vector<std::string>& paths = args.positional();
  // A sharded run does not merge: the other shards are still writing. The
  // merge runs once over the whole store (khaldun merge, khaldun db merge).
  const bool merge = !args.Has("--no-merge") && shard.count == 1;
  std::string shard_note;
  if (shard.count > 1) {
    shard_note = ", shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count) +
                 " (" + shard.origin + ")";
  }
  Result<RunStats> result = RunStats{};
  if (follow) {
    if (std::find(paths.begin(), paths.end(), "-") != paths.end()) {
      return UsageError("--follow", "follows directories and files, not standard input");
    }
    static std::atomic<bool> stop_requested{false};
    struct sigaction action {};
    action.sa_handler = [](int) { stop_requested = true; };
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    follow_options.merge = merge;
    follow_options.merge_options = merge_options;
    if (tty) {
      std::fprintf(stderr, "khaldun: following %zu path(s) into %s%s; Ctrl-C stops\n", paths.size(),
                   url.c_str(), shard_note.c_str());
    }
    result = FollowInputs(
        **store, url, paths, run_options, follow_options, *ingest, *coding,
        [] { return stop_requested.load(); }, on_error, on_progress,
        [&](const RunStats& scan) {
          report_committed();
          if (progress_lines || tty) {
            std::fprintf(progress_lines ? stdout : stderr,
                         "scan files %lld coded %lld added %lld replaced %lld skipped %lld "
                         "events %lld errors %lld\n",
                         static_cast<long long>(scan.files), static_cast<long long>(scan.coded),
                         static_cast<long long>(scan.added), static_cast<long long>(scan.replaced),
                         static_cast<long long>(scan.skipped), static_cast<long long>(scan.events),
                         static_cast<long long>(scan.input_errors));
            std::fflush(progress_lines ? stdout : stderr);
          }
        });
  } else {
    result = RunInputs(**store, url, paths, run_options, *ingest, *coding, on_error, on_progress);
  }
  report_committed();
  progress.Clear();
  if (!result.ok()) {
    PrintStoreError(result.status());
    return 1;
  }
  const RunStats& stats = *result;
  std::optional<MergeStats> merged;
  if (merge && !follow) {
    auto m = (*store)->Merge(merge_options);
    if (!m.ok()) {
      PrintStoreError(m.status());
      return 1;
    }
    merged = *m;
  }
  if (follow && progress_lines) {
    std::printf("stopped\n");
    std::fflush(stdout);
  }
  if (tty) {
    double seconds = progress.Seconds();
    std::fprintf(stderr,
                 "khaldun: %lld articles (%lld stored, %lld already stored, %lld replaced), %lld "
                 "events in %.1f s (%.0f articles/s), %lld input errors -> %s%s\n",
                 static_cast<long long>(stats.pages), static_cast<long long>(stats.added),
                 static_cast<long long>(stats.skipped), static_cast<long long>(stats.replaced),
                 static_cast<long long>(stats.events), seconds,
                 seconds > 0 ? static_cast<double>(stats.pages) / seconds : 0.0,
                 static_cast<long long>(stats.input_errors), url.c_str(), shard_note.c_str());
    if (merged) {
      std::fprintf(stderr,
                   "khaldun: merged %lld of %lld reports into %lld events with several reports\n",
                   static_cast<long long>(merged->merged), static_cast<long long>(merged->reports),
                   static_cast<long long>(merged->groups));
    } else if (shard.count > 1 && !follow) {
      std::fprintf(stderr,
                   "khaldun: not merged (shard %u of %u): once every shard is done, run "
                   "'khaldun merge OUT.db SHARD.db...' or 'khaldun db merge --db URL'\n",
                   shard.index, shard.count);
    }
  }
  return stats.input_errors > 0 ? 1 : 0;
}

int RunMerge(const std::vector<std::string_view>& raw) {
  Args args(raw, {"--no-merge"});
  if (!args.missing_value().empty()) return UsageError(args.missing_value(), "needs a value");
  if (std::string unknown = args.Unknown({"--window-days", "--no-merge"}); !unknown.empty()) {
    return UsageError(unknown, "unknown option");
  }
  if (args.positional().size() < 2) {
    return UsageError("merge",
                      "needs the output store and at least one shard (OUT.db SHARD.db...)");
  }
  MergeOptions merge_options;
  if (args.Has("--window-days")) {
    long long days = 0;
    if (!ParseCount(args.Get("--window-days"), &days)) {
      return UsageError("--window-days", "'" + args.Get("--window-days") + "' is not a count");
    }
    merge_options.window_days = static_cast<int>(days);
  }
  const std::string& url = args.positional().front();
  std::vector<std::string> shards(args.positional().begin() + 1, args.positional().end());
  auto start = std::chrono::steady_clock::now();
  auto store = OpenStore(url, 256);  // combining writes every shard's rows
  if (!store.ok()) {
    PrintStoreError(store.status());
    return 1;
  }
  auto combined = (*store)->Combine(shards);
  if (!combined.ok()) {
    PrintStoreError(combined.status());
    return 1;
  }
  double combine_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%lld shards: %lld articles added, %lld already stored, %lld replaced (%.2f s)\n",
              static_cast<long long>(combined->shards), static_cast<long long>(combined->added),
              static_cast<long long>(combined->unchanged),
              static_cast<long long>(combined->replaced), combine_seconds);
  if (!args.Has("--no-merge")) {
    auto merge_start = std::chrono::steady_clock::now();
    auto merged = (*store)->Merge(merge_options);
    if (!merged.ok()) {
      PrintStoreError(merged.status());
      return 1;
    }
    std::printf(
        "%lld reports, %lld merged into %lld events with several reports (%.2f s)\n",
        static_cast<long long>(merged->reports), static_cast<long long>(merged->merged),
        static_cast<long long>(merged->groups),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_start).count());
  }
  return 0;
}

int RunDb(const std::vector<std::string_view>& raw) {
  if (raw.empty())
    return UsageError("db", "needs a subcommand (migrate, merge, check, stats, merges)");
  std::string_view sub = raw.front();
  std::vector<std::string_view> rest(raw.begin() + 1, raw.end());
  Args args(rest, {"--off", "--any-actors"});
  if (!args.missing_value().empty()) return UsageError(args.missing_value(), "needs a value");
  if (std::string unknown =
          args.Unknown({"--db", "--window-days", "--max-km", "--off", "--any-actors"});
      !unknown.empty()) {
    return UsageError(unknown, "unknown option");
  }
  if (sub != "migrate" && sub != "merge" && sub != "check" && sub != "stats" && sub != "merges") {
    return UsageError(sub, "unknown db subcommand (migrate, merge, check, stats, merges)");
  }
  const std::string url = args.Get("--db", kDefaultDb);
  // Open migrates. The merge rewrites rows all over the events table.
  auto store = OpenStore(url, sub == "merge" ? 256 : 64);
  if (!store.ok()) {
    PrintStoreError(store.status());
    return 1;
  }
  Store& s = **store;
  if (sub == "migrate") {
    auto version = s.SchemaVersion();
    if (!version.ok()) {
      PrintStoreError(version.status());
      return 1;
    }
    std::printf("%s: schema version %d (%s)\n", url.c_str(), *version,
                std::string(s.backend()).c_str());
    return 0;
  }
  if (sub == "merge") {
    MergeOptions options;
    options.enabled = !args.Has("--off");
    options.require_actor_overlap = !args.Has("--any-actors");
    if (args.Has("--window-days")) {
      long long days = 0;
      if (!ParseCount(args.Get("--window-days"), &days)) {
        return UsageError("--window-days", "'" + args.Get("--window-days") + "' is not a count");
      }
      options.window_days = static_cast<int>(days);
    }
    if (args.Has("--max-km")) {
      char* end = nullptr;
      std::string km = args.Get("--max-km");
      options.max_km = std::strtod(km.c_str(), &end);
      if (km.empty() || *end != '\0' || options.max_km < 0) {
        return UsageError("--max-km", "'" + km + "' is not a distance in km");
      }
    }
    auto stats = s.Merge(options);
    if (!stats.ok()) {
      PrintStoreError(stats.status());
      return 1;
    }
    std::printf("%lld reports, %lld merged into %lld events with several reports\n",
                static_cast<long long>(stats->reports), static_cast<long long>(stats->merged),
                static_cast<long long>(stats->groups));
    return 0;
  }
  if (sub == "merges") {
    std::string into = args.positional().empty() ? std::string() : args.positional().front();
    auto merges = s.Merges(into);
    if (!merges.ok()) {
      PrintStoreError(merges.status());
      return 1;
    }
    for (const MergeRecord& m : *merges) {
      std::printf("%s -> %s: %s\n", m.event_id.c_str(), m.into_id.c_str(), m.reason.c_str());
    }
    return 0;
  }
  if (sub == "check") {
    if (Status st = s.Check(); !st.ok()) {
      PrintStoreError(st);
      return 1;
    }
  }
  auto counts = s.Counts();
  if (!counts.ok()) {
    PrintStoreError(counts.status());
    return 1;
  }
  if (sub == "check") std::printf("ok\n");
  std::printf(
      "articles %lld\nsentences %lld\nevents %lld\nmerged_events %lld\nactors %lld\n"
      "event_actors %lld\nevidence %lld\ncasualties %lld\nquotes %lld\nmerges %lld\n",
      static_cast<long long>(counts->articles), static_cast<long long>(counts->sentences),
      static_cast<long long>(counts->events), static_cast<long long>(counts->merged_events),
      static_cast<long long>(counts->actors), static_cast<long long>(counts->event_actors),
      static_cast<long long>(counts->evidence), static_cast<long long>(counts->casualties),
      static_cast<long long>(counts->quotes), static_cast<long long>(counts->merges));
  return 0;
}

int RunExport(const std::vector<std::string_view>& raw) {
  Args args(raw, {"--all-reports"});
  if (!args.missing_value().empty()) return UsageError(args.missing_value(), "needs a value");
  if (std::string unknown = args.Unknown({"--db", "--format", "-f", "--since", "--until",
                                          "--country", "--type", "--actor", "--search", "--article",
                                          "--limit", "--all-reports", "-o", "--output"});
      !unknown.empty()) {
    return UsageError(unknown, "unknown option");
  }
  if (!args.positional().empty())
    return UsageError(args.positional().front(), "unexpected argument");
  std::string format_name = args.Get("--format", args.Get("-f", "csv"));
  auto format = ParseExportFormat(format_name);
  if (!format.ok()) return UsageError("--format", format.status().message());
  EventFilter filter;
  if (auto usage = ReadFilter(args, &filter)) return *usage;
  const std::string url = args.Get("--db", kDefaultDb);
  auto store = OpenStore(url);
  if (!store.ok()) {
    PrintStoreError(store.status());
    return 1;
  }
  auto events = (*store)->Events(filter);
  if (!events.ok()) {
    PrintStoreError(events.status());
    return 1;
  }
  std::string output = args.Get("-o", args.Get("--output"));
  if (output.empty() || output == "-") {
    if (Status s = ExportEvents(*events, *format, std::cout); !s.ok()) {
      PrintError("stdout", s.message());
      return 1;
    }
    std::cout.flush();
    return 0;
  }
  // Written beside the target and renamed, so a reader never sees half a file.
  std::string partial = output + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) {
      PrintError(output, "cannot open for writing");
      return 1;
    }
    Status s = ExportEvents(*events, *format, out);
    out.close();
    if (!s.ok() || !out) {
      std::filesystem::remove(partial);
      PrintError(output, s.ok() ? "write failed" : s.message());
      return 1;
    }
  }
  std::error_code ec;
  std::filesystem::rename(partial, output, ec);
  if (ec) {
    PrintError(output, ec.message());
    return 1;
  }
  if (isatty(STDERR_FILENO)) {
    std::fprintf(stderr, "khaldun: %zu events -> %s (%s)\n", events->size(), output.c_str(),
                 format_name.c_str());
  }
  return 0;
}

int RunQuery(const std::vector<std::string_view>& raw) {
  Args args(raw, {"--all-reports", "--count"});
  if (!args.missing_value().empty()) return UsageError(args.missing_value(), "needs a value");
  if (std::string unknown =
          args.Unknown({"--db", "--since", "--until", "--country", "--type", "--actor", "--search",
                        "--article", "--limit", "--all-reports", "--count", "--sentences"});
      !unknown.empty()) {
    return UsageError(unknown, "unknown option");
  }
  EventFilter filter;
  filter.limit = 50;
  if (auto usage = ReadFilter(args, &filter)) return *usage;
  // Free words after the options search the articles, as --search does.
  for (const auto& word : args.positional()) {
    if (!filter.search.empty()) filter.search += ' ';
    filter.search += word;
  }
  const std::string url = args.Get("--db", kDefaultDb);
  auto store = OpenStore(url);
  if (!store.ok()) {
    PrintStoreError(store.status());
    return 1;
  }
  if (args.Has("--sentences")) {
    auto hits = (*store)->SearchSentences(args.Get("--sentences"), filter.limit);
    if (!hits.ok()) {
      PrintStoreError(hits.status());
      return 1;
    }
    for (const SentenceHit& h : *hits) {
      std::printf("%s #%u  %s\n", h.article_id.c_str(), h.index, Clip(h.text, 160).c_str());
    }
    return 0;
  }
  if (args.Has("--count")) filter.limit = 0;
  auto events = (*store)->Events(filter);
  if (!events.ok()) {
    PrintStoreError(events.status());
    return 1;
  }
  if (args.Has("--count")) {
    std::printf("%zu\n", events->size());
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  rows.push_back(
      {"DATE", "TYPE", "CAMEO", "SOURCE", "TARGET", "WHERE", "KILLED", "REPORTS", "SENTENCE"});
  for (const StoredEvent& s : *events) {
    std::int64_t killed = 0;
    for (const auto& c : s.event.casualties) killed += c.outcome == "killed" ? c.best : 0;
    std::string where = s.event.location.country;
    if (!s.event.location.place.empty())
      where += (where.empty() ? "" : " ") + s.event.location.place;
    rows.push_back({s.event_date.empty() ? "-" : s.event_date, s.event.type, s.event.cameo,
                    Clip(Sides(s.event.source), 24), Clip(Sides(s.event.target), 24),
                    Clip(where.empty() ? "-" : where, 24), std::to_string(killed),
                    std::to_string(s.report_count) + "/" + std::to_string(s.source_count),
                    Clip(s.sentence_text, 80)});
  }
  std::vector<size_t> width(rows[0].size(), 0);
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) {
      size_t cps = 0;
      for (unsigned char ch : r[c]) cps += (ch & 0xC0) != 0x80;
      width[c] = std::max(width[c], cps);
    }
  }
  std::string out;
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c)
      out += c + 1 == r.size() ? r[c] : Pad(r[c], width[c]) + "  ";
    out += "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace khaldun::cli
