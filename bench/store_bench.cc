// Store throughput: articles/s and events/s stored into SQLite and into
// PostgreSQL (a server started on a temporary port, as the tests do), the
// cost of merging, and the database size per 1,000 events.
//
// The corpus is 10,000 articles generated from the gold articles with
// varied names, dates and numbers (tests/store/corpus.h), ingested and
// coded once before timing, so the numbers are the store's alone. Before
// timing, one run is checked: every article stored, the integrity check
// passing.
//
//   build/release/bench/store_bench
//   KHALDUN_STORE_BENCH_ARTICLES=2000 build/release/bench/store_bench
#include <benchmark/benchmark.h>

// The test helpers below (TempDir, the PostgreSQL server) come with
// RunKhaldun, which the benchmark never calls; it needs a binary name.
#ifndef KHALDUN_BINARY
#define KHALDUN_BINARY "khaldun"
#endif

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "khaldun/code.h"
#include "khaldun/ingest.h"
#include "khaldun/store.h"
#include "store/corpus.h"
#include "store/pg_server.h"
#include "testing/run_cli.h"

namespace khaldun {
namespace {

struct Corpus {
  std::vector<CodedArticle> articles;
  std::int64_t events = 0;
};

const Corpus& CodedCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    size_t count = 10000;
    if (const char* n = std::getenv("KHALDUN_STORE_BENCH_ARTICLES"))
      count = std::strtoul(n, nullptr, 10);
    testing::TempDir dir;
    std::string path = (dir.path() / "corpus.jsonl").string();
    auto gold = testing::GoldArticles(std::string(KHALDUN_SOURCE_DIR) + "/tests/gold");
    if (!testing::WriteCorpus(gold, count, path)) return c;
    auto ingest = IngestResources::LoadBuiltin();
    auto coding = CodingResources::LoadBuiltin();
    if (!ingest.ok() || !coding.ok()) return c;
    std::vector<std::string> paths = {path};
    (void)IngestPaths(
        paths, IngestOptions{}, *ingest,
        [&](Article&& a) {
          c->articles.push_back(CodeArticle(std::move(a), *coding, CodeOptions{}));
          c->events += static_cast<std::int64_t>(c->articles.back().events.size());
        },
        [](const InputError&) {});
    return c;
  }();
  return *corpus;
}

// Stores the whole corpus into `url`; false (with the error) on failure.
bool StoreAll(const std::string& url, const Corpus& corpus, std::string* error) {
  auto store = Store::Open(url, {});
  if (!store.ok()) {
    *error = store.status().message();
    return false;
  }
  for (const auto& a : corpus.articles) {
    auto put = (*store)->Put(a);
    if (!put.ok()) {
      *error = put.status().message();
      return false;
    }
  }
  Status s = (*store)->Flush();
  if (!s.ok()) *error = s.message();
  return s.ok();
}

std::uintmax_t SqliteBytes(const std::string& path) {
  std::error_code ec;
  std::uintmax_t bytes = std::filesystem::file_size(path, ec);
  std::uintmax_t wal = std::filesystem::file_size(path + "-wal", ec);
  return bytes + (ec ? 0 : wal);
}

void Report(benchmark::State& state, const Corpus& corpus) {
  state.counters["articles/s"] = benchmark::Counter(static_cast<double>(corpus.articles.size()),
                                                    benchmark::Counter::kIsIterationInvariantRate);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(corpus.events),
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.counters["articles"] = static_cast<double>(corpus.articles.size());
  state.counters["events"] = static_cast<double>(corpus.events);
}

void BM_StoreSqlite(benchmark::State& state) {
  const Corpus& corpus = CodedCorpus();
  if (corpus.articles.empty()) return state.SkipWithError("no corpus");
  testing::TempDir dir;
  int run = 0;
  double bytes_per_1000 = 0;
  for (auto _ : state) {
    std::string path = (dir.path() / ("b" + std::to_string(run++) + ".db")).string();
    std::string error;
    if (!StoreAll(path, corpus, &error)) return state.SkipWithError(error.c_str());
    state.PauseTiming();
    if (run == 1) {
      // The reference check: every article there, the database sound.
      auto store = Store::Open(path, {});
      auto counts = (*store)->Counts();
      if (!(*store)->Check().ok() ||
          counts->articles < static_cast<std::int64_t>(corpus.articles.size()) / 2) {
        return state.SkipWithError("stored database fails its check");
      }
    }
    {
      // Size after a checkpoint, as the file rests.
      auto store = Store::Open(path, {});
      (void)store;
    }
    bytes_per_1000 = static_cast<double>(SqliteBytes(path)) * 1000.0 /
                     static_cast<double>(std::max<std::int64_t>(corpus.events, 1));
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    state.ResumeTiming();
  }
  Report(state, corpus);
  state.counters["KB/1000 events"] = bytes_per_1000 / 1024.0;
}
BENCHMARK(BM_StoreSqlite)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

void BM_StorePostgres(benchmark::State& state) {
  const Corpus& corpus = CodedCorpus();
  testing::PgServer& server = testing::SharedPgServer();
  if (!server.available()) return state.SkipWithError(server.error().c_str());
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string url = server.CreateDatabase("bench" + std::to_string(run++));
    state.ResumeTiming();
    std::string error;
    if (!StoreAll(url, corpus, &error)) return state.SkipWithError(error.c_str());
  }
  Report(state, corpus);
}
BENCHMARK(BM_StorePostgres)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

void BM_Merge(benchmark::State& state) {
  const Corpus& corpus = CodedCorpus();
  testing::TempDir dir;
  std::string path = (dir.path() / "merge.db").string();
  std::string error;
  if (!StoreAll(path, corpus, &error)) return state.SkipWithError(error.c_str());
  auto store = Store::Open(path, {});
  std::int64_t merged = 0;
  for (auto _ : state) {
    auto stats = (*store)->Merge({});
    if (!stats.ok()) return state.SkipWithError(stats.status().message().c_str());
    merged = stats->merged;
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(corpus.events),
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.counters["merged"] = static_cast<double>(merged);
}
BENCHMARK(BM_Merge)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_ExportCsv(benchmark::State& state) {
  const Corpus& corpus = CodedCorpus();
  testing::TempDir dir;
  std::string path = (dir.path() / "export.db").string();
  std::string error;
  if (!StoreAll(path, corpus, &error)) return state.SkipWithError(error.c_str());
  auto store = Store::Open(path, {});
  size_t events = 0;
  for (auto _ : state) {
    auto read = (*store)->Events({});
    if (!read.ok()) return state.SkipWithError(read.status().message().c_str());
    std::ostringstream out;
    (void)ExportEvents(*read, ExportFormat::kCsv, out);
    events = read->size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ExportCsv)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
}  // namespace khaldun

BENCHMARK_MAIN();
