// Ingest throughput, page to article, with all dictionaries loaded:
//   BM_IngestHtml   the 161 real news pages of the Scrapinghub benchmark
//                   (../shared/peer/extraction), detection + UTF-8 check +
//                   extraction, as `khaldun ingest` does per page;
//   BM_IngestText   scraped plain-text pages (the seed page and the text
//                   fixtures under tests/data/text);
//   BM_IngestJsonl  a JSON Lines corpus streamed from memory.
// Each benchmark checks its output before timing (every page yields body
// paragraphs) and reports bytes/s and pages/s.
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ingest/readers.h"
#include "khaldun/ingest.h"
#include "testing/page_files.h"
#include "testing/resources.h"

namespace khaldun {
namespace {

std::vector<std::string> LoadFiles(const std::filesystem::path& dir) {
  std::vector<std::string> pages;
  for (const auto& path : testing::SortedFiles(dir)) pages.push_back(testing::ReadGzipFile(path));
  return pages;
}

const IngestResources& Resources() { return testing::Builtin<IngestResources>(); }

// Runs the reader + extraction on each page in memory, as the CLI does.
size_t IngestAll(const std::vector<std::string>& pages, size_t* paragraphs) {
  IngestOptions options;
  size_t articles = 0;
  for (const std::string& page : pages) {
    auto source = MemorySource(page);
    Status status = ReadPages(
        "bench", *source, options,
        [&](Page&& p) {
          Article a = ExtractArticle(p, Resources(), options);
          *paragraphs += a.paragraphs.size();
          ++articles;
        },
        [](const InputError&) {});
    (void)status;
  }
  return articles;
}

void RunPages(benchmark::State& state, const std::vector<std::string>& pages) {
  if (pages.empty()) {
    state.SkipWithError("no pages found");
    return;
  }
  size_t paragraphs = 0;
  if (IngestAll(pages, &paragraphs) != pages.size() || paragraphs == 0) {
    state.SkipWithError("pages did not all give articles with paragraphs");
    return;
  }
  size_t bytes = 0;
  for (const auto& p : pages) bytes += p.size();
  for (auto _ : state) {
    size_t n = 0;
    benchmark::DoNotOptimize(IngestAll(pages, &n));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * pages.size()), benchmark::Counter::kIsRate);
  state.counters["avg_page_KB"] = static_cast<double>(bytes) / pages.size() / 1024.0;
}

void BM_IngestHtml(benchmark::State& state) {
  static const auto pages = LoadFiles(
      std::filesystem::path(KHALDUN_SHARED_DIR) / "peer/extraction/scrapinghub-aeb/html");
  RunPages(state, pages);
}
BENCHMARK(BM_IngestHtml)->Unit(benchmark::kMillisecond);

void BM_IngestText(benchmark::State& state) {
  static const auto pages = [] {
    auto p = LoadFiles(std::filesystem::path(KHALDUN_SOURCE_DIR) / "tests/data/text");
    std::ifstream seed(std::string(KHALDUN_SHARED_DIR) + "/seed/article.txt", std::ios::binary);
    if (seed) p.emplace_back(std::istreambuf_iterator<char>(seed), std::istreambuf_iterator<char>());
    return p;
  }();
  RunPages(state, pages);
}
BENCHMARK(BM_IngestText)->Unit(benchmark::kMicrosecond);

void BM_IngestJsonl(benchmark::State& state) {
  static const std::vector<std::string> corpus = [] {
    std::string jsonl;
    for (int i = 0; i < 2000; ++i) {
      jsonl += "{\"url\":\"https://example.org/news/" + std::to_string(i) +
               "\",\"title\":\"Clashes reported near the border\",\"date_publish\":"
               "\"2025-06-0" + std::to_string(1 + i % 9) +
               " 10:00:00\",\"maintext\":\"Fighting broke out on Tuesday between the army "
               "and an armed group near the border town, officials said.\\n\\nAt least "
               + std::to_string(i % 40) +
               " people were killed and dozens wounded, according to a local hospital. The "
               "group did not comment.\"}\n";
    }
    return std::vector<std::string>{jsonl};
  }();
  size_t paragraphs = 0;
  if (IngestAll(corpus, &paragraphs) != 1 && paragraphs == 0) {
    state.SkipWithError("corpus gave no articles");
  }
  for (auto _ : state) {
    size_t n = 0;
    benchmark::DoNotOptimize(IngestAll(corpus, &n));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus[0].size()));
  state.counters["records/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * 2000), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestJsonl)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace khaldun

BENCHMARK_MAIN();
