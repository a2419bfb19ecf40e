// Benchmarks `khaldun run` as a library call (RunInputs): ingest, code and
// store a JSON Lines corpus generated from the gold articles, with one and
// with two coding threads, into SQLite. The databases of both are checked
// to hold the same events before any timing is reported.
//
//   build/release/bench/run_bench                          # the benchmarks
//   build/release/bench/run_bench --write-corpus F.jsonl N # N records for
//                                                          # docs/cluster.md
//
// The corpus repeats tests/gold, tests/heldout and the shared seed article
// with names, dates and numbers varied (tests/store/corpus.h), so every
// record is a distinct article that codes like real news.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "khaldun/store.h"
#include "store/corpus.h"

namespace {

std::vector<khaldun::Article> CorpusArticles() {
  std::vector<khaldun::Article> all;
  for (std::string dir : {std::string(KHALDUN_SOURCE_DIR "/tests/gold"),
                          std::string(KHALDUN_SOURCE_DIR "/tests/heldout"),
                          std::string(KHALDUN_SHARED_DIR "/seed")}) {
    if (!std::filesystem::is_directory(dir)) continue;
    auto part = khaldun::testing::GoldArticles(dir);
    for (auto& a : part) all.push_back(std::move(a));
  }
  return all;
}

// A temporary directory for the corpus and the databases.
class BenchDir {
 public:
  BenchDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "run-bench-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~BenchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Fixture {
  BenchDir dir;
  std::string corpus;
  khaldun::IngestResources ingest;
  khaldun::CodingResources coding;
};

Fixture* Shared() {
  static Fixture* fixture = [] {
    auto ingest = khaldun::IngestResources::LoadBuiltin();
    auto coding = khaldun::CodingResources::LoadBuiltin();
    if (!ingest.ok() || !coding.ok()) {
      std::fprintf(stderr, "run_bench: cannot load the data files\n");
      std::exit(1);
    }
    auto* f = new Fixture{{}, {}, *ingest, *coding};
    f->corpus = (f->dir.path() / "corpus.jsonl").string();
    if (!khaldun::testing::WriteCorpus(CorpusArticles(), 600, f->corpus)) {
      std::fprintf(stderr, "run_bench: cannot write the corpus\n");
      std::exit(1);
    }
    return f;
  }();
  return fixture;
}

std::int64_t RunOnce(const std::string& db, unsigned jobs) {
  Fixture* f = Shared();
  std::filesystem::remove(db);
  auto store = khaldun::Store::Open(db, {});
  if (!store.ok()) return -1;
  khaldun::RunOptions options;
  options.jobs = jobs;
  const std::string paths[] = {f->corpus};
  auto stats = khaldun::RunInputs(
      **store, db, paths, options, f->ingest, f->coding, [](const khaldun::InputError&) {},
      nullptr);
  return stats.ok() ? stats->events : -1;
}

void BM_RunInputs(benchmark::State& state) {
  const unsigned jobs = static_cast<unsigned>(state.range(0));
  Fixture* f = Shared();
  const std::string db = (f->dir.path() / ("bench" + std::to_string(jobs) + ".db")).string();
  // The reference: one job and `jobs` jobs store the same events.
  std::int64_t reference = RunOnce((f->dir.path() / "reference.db").string(), 1);
  std::int64_t events = RunOnce(db, jobs);
  if (reference <= 0 || events != reference) {
    state.SkipWithError("the threaded run stored other events than one job");
    return;
  }
  std::int64_t articles = 0;
  for (auto _ : state) {
    events = RunOnce(db, jobs);
    articles += 600;
  }
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK(BM_RunInputs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--write-corpus") == 0) {
    long count = std::strtol(argv[3], nullptr, 10);
    auto articles = CorpusArticles();
    if (count <= 0 ||
        !khaldun::testing::WriteCorpus(articles, static_cast<size_t>(count), argv[2])) {
      std::fprintf(stderr, "run_bench: cannot write %s\n", argv[2]);
      return 1;
    }
    std::printf("%ld records from %zu articles -> %s\n", count, articles.size(), argv[2]);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
