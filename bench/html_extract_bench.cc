// Main-content extraction throughput on the 161 real news pages of the
// shared Scrapinghub benchmark (shared/peer/extraction/scrapinghub-aeb).
// Pages are decompressed and checked (every page must yield paragraphs)
// before timing; the benchmark reports bytes/s of HTML and pages/s.
//
//   build/release/bench/html_extract_bench --benchmark_min_time=2
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "ingest/html_document.h"
#include "ingest/html_extract.h"
#include "ingest/resources.h"
#include "testing/page_files.h"

namespace khaldun {
namespace {

struct Corpus {
  std::vector<Page> pages;
  size_t bytes = 0;
  std::string error;  // why the corpus is unusable, empty when fine
};

const IngestResources::Impl* Resources() {
  static const IngestResources::Impl* impl = [] {
    DataFiles files = DataFiles::Directory(KHALDUN_SOURCE_DIR "/data");
    auto* r = new IngestResources::Impl();
    auto hints = HtmlHints::Load(files);
    if (hints.ok()) r->html_hints = std::move(*hints);
    auto lexicon = BoilerplateLexicon::Load(files);
    if (lexicon.ok()) r->boilerplate = std::move(*lexicon);
    return r;
  }();
  return impl;
}

const Corpus& LoadCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus();
    std::filesystem::path dir =
        std::filesystem::path(KHALDUN_SHARED_DIR) / "peer/extraction/scrapinghub-aeb/html";
    for (const auto& path : testing::SortedFiles(dir)) {
      Page page;
      page.kind = PageKind::kHtml;
      page.source_file = path.string();
      page.body = testing::ReadGzipFile(path);
      if (page.body.empty()) continue;
      // Check the output before timing it: an extractor that returns
      // nothing would be fast and useless.
      Article a = ExtractHtmlArticle(page, *Resources());
      if (a.paragraphs.empty()) {
        c->error = "no paragraphs from " + path.filename().string();
        break;
      }
      c->bytes += page.body.size();
      c->pages.push_back(std::move(page));
    }
    if (c->pages.empty() && c->error.empty()) c->error = "no pages under " + dir.string();
    return c;
  }();
  return *corpus;
}

void BM_ExtractHtmlArticle(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  size_t paragraphs = 0;
  for (auto _ : state) {
    for (const Page& page : corpus.pages) {
      Article a = ExtractHtmlArticle(page, *Resources());
      paragraphs += a.paragraphs.size();
      benchmark::DoNotOptimize(a);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes));
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * corpus.pages.size()), benchmark::Counter::kIsRate);
  state.counters["paragraphs/page"] = benchmark::Counter(
      static_cast<double>(paragraphs) / static_cast<double>(state.iterations() * corpus.pages.size()));
}
BENCHMARK(BM_ExtractHtmlArticle)->Unit(benchmark::kMillisecond);

// The one-pass document model alone (tokenizer + tree + blocks), to see
// how the time splits between building and selecting.
void BM_BuildHtmlDocument(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  for (auto _ : state) {
    for (const Page& page : corpus.pages) {
      HtmlDocument d = BuildHtmlDocument(page.body, Resources()->html_hints);
      benchmark::DoNotOptimize(d);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes));
}
BENCHMARK(BM_BuildHtmlDocument)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace khaldun

BENCHMARK_MAIN();
