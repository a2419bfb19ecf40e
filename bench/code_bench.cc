// Coding throughput, article to events, with every dictionary loaded:
//   BM_LoadCodingResources  start-up: compiling the actor dictionary
//                           (countries, roles, groups, people), the
//                           trigger lexicon with all inflections, and the
//                           sentence and quote data; reports the resident
//                           memory after loading
//   BM_CodeNews             sentences/s and MB/s over a realistic corpus:
//                           the development and held-out gold articles
//                           (conflict news) and the 161 real news pages of
//                           the Scrapinghub extraction benchmark (general
//                           news), ingested once before timing
//   BM_CodeConflictNews     the conflict articles alone
//   BM_CodeConflictNewsWithoutAttributes
//                           the same without the attributes stage (dates,
//                           places, casualties): the ratio of the two is
//                           that stage's cost
// Single-threaded: the numbers are per core.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/readers.h"
#include "khaldun/code.h"
#include "khaldun/ingest.h"
#include "testing/page_files.h"
#include "testing/resources.h"

namespace khaldun {
namespace {

namespace fs = std::filesystem;

const IngestResources& Ingest() { return testing::Builtin<IngestResources>(); }

const CodingResources& Coding() { return testing::Builtin<CodingResources>(); }

std::vector<Article> IngestDir(const fs::path& dir, bool pages_only) {
  std::vector<Article> out;
  if (!fs::exists(dir)) return out;
  std::vector<std::string> paths;
  for (const auto& path : testing::SortedFiles(dir)) {
    std::string name = path.filename().string();
    if (pages_only && !(name.ends_with(".txt") || name.ends_with(".html"))) continue;
    if (name.ends_with(".json") || name.ends_with(".md")) continue;
    paths.push_back(path.string());
  }
  IngestOptions options;
  IngestPaths(
      paths, options, Ingest(), [&](Article&& a) { out.push_back(std::move(a)); },
      [](const InputError&) {});
  return out;
}

const std::vector<Article>& Conflict() {
  static const std::vector<Article>* articles = [] {
    auto* v = new std::vector<Article>();
    for (const char* dir : {"tests/gold", "tests/heldout"}) {
      auto part = IngestDir(fs::path(KHALDUN_SOURCE_DIR) / dir, true);
      v->insert(v->end(), part.begin(), part.end());
    }
    auto seed = IngestDir(fs::path(KHALDUN_SHARED_DIR) / "seed", true);
    v->insert(v->end(), seed.begin(), seed.end());
    return v;
  }();
  return *articles;
}

const std::vector<Article>& AllNews() {
  static const std::vector<Article>* articles = [] {
    auto* v = new std::vector<Article>(Conflict());
    auto pages = IngestDir(fs::path(KHALDUN_SHARED_DIR) / "peer/extraction/scrapinghub-aeb/html", false);
    v->insert(v->end(), pages.begin(), pages.end());
    return v;
  }();
  return *articles;
}

void Run(benchmark::State& state, const std::vector<Article>& articles,
         const CodeOptions& options = {}) {
  const CodingResources& resources = Coding();
  std::size_t bytes = 0;
  for (const Article& a : articles) bytes += a.text.size();
  std::size_t sentences = 0, events = 0;
  for (auto _ : state) {
    sentences = events = 0;
    for (const Article& a : articles) {
      CodedArticle coded = CodeArticle(a, resources, options);
      sentences += coded.sentence_count;
      events += coded.events.size();
      benchmark::DoNotOptimize(coded.events.data());
    }
  }
  if (articles.empty() || sentences == 0) {
    state.SkipWithError("no articles to code");
    return;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(sentences) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.counters["articles"] = static_cast<double>(articles.size());
  state.counters["sentences"] = static_cast<double>(sentences);
  state.counters["events"] = static_cast<double>(events);
}

void BM_CodeNews(benchmark::State& state) { Run(state, AllNews()); }
void BM_CodeConflictNews(benchmark::State& state) { Run(state, Conflict()); }
void BM_CodeConflictNewsWithoutAttributes(benchmark::State& state) {
  CodeOptions options;
  options.attributes = false;
  Run(state, Conflict(), options);
}

void BM_LoadCodingResources(benchmark::State& state) {
  for (auto _ : state) {
    auto r = CodingResources::LoadBuiltin();
    benchmark::DoNotOptimize(r.ok());
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["max_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

BENCHMARK(BM_LoadCodingResources)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CodeConflictNews)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CodeConflictNewsWithoutAttributes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CodeNews)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace khaldun

BENCHMARK_MAIN();
