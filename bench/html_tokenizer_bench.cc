// HtmlTokenizer throughput on the 161 pages of the Zyte article extraction
// benchmark, with gumbo's full parse of the same pages as the baseline.
// Pages are decompressed once, before timing; each benchmark first checks
// that its work produces output, so a broken build cannot post a fast time.
#include <benchmark/benchmark.h>
#include <gumbo.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/html_tokenizer.h"
#include "testing/page_files.h"

namespace khaldun {
namespace {

struct Corpus {
  std::vector<std::string> pages;
  size_t bytes = 0;
};

const Corpus& LoadCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    const std::filesystem::path dir =
        std::filesystem::path(KHALDUN_SHARED_DIR) /
        "peer/extraction/scrapinghub-aeb/html";
    for (const auto& path : testing::SortedFiles(dir, ".html.gz")) {
      std::string html = testing::ReadGzipFile(path);
      if (html.empty()) continue;
      c->bytes += html.size();
      c->pages.push_back(std::move(html));
    }
    return c;
  }();
  return *corpus;
}

size_t TokenizeAll(const Corpus& corpus) {
  size_t tokens = 0;
  for (const std::string& page : corpus.pages) {
    HtmlTokenizer tokenizer(page);
    while (tokenizer.Next().type != HtmlTokenType::kEof) ++tokens;
  }
  return tokens;
}

void SetCounters(benchmark::State& state, const Corpus& corpus) {
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * corpus.bytes));
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * corpus.pages.size()),
      benchmark::Counter::kIsRate);
}

void BM_HtmlTokenizer(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  const size_t expected_tokens = TokenizeAll(corpus);
  if (corpus.pages.empty() || expected_tokens == 0) {
    state.SkipWithError("no benchmark pages or no tokens");
    return;
  }
  for (auto _ : state) {
    const size_t tokens = TokenizeAll(corpus);
    benchmark::DoNotOptimize(tokens);
  }
  SetCounters(state, corpus);
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * expected_tokens),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HtmlTokenizer)->Unit(benchmark::kMillisecond);

// Touches every token's strings, as a consumer does, so that lazily
// computed views cannot flatter the tokenizer.
void BM_HtmlTokenizerReadAll(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (corpus.pages.empty() || TokenizeAll(corpus) == 0) {
    state.SkipWithError("no benchmark pages or no tokens");
    return;
  }
  for (auto _ : state) {
    size_t sum = 0;
    for (const std::string& page : corpus.pages) {
      HtmlTokenizer tokenizer(page);
      for (const HtmlToken* t = &tokenizer.Next();
           t->type != HtmlTokenType::kEof; t = &tokenizer.Next()) {
        sum += t->name.size() + t->text.size();
        for (const HtmlAttribute& a : t->attributes)
          sum += a.name.size() + a.value.size();
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  SetCounters(state, corpus);
}
BENCHMARK(BM_HtmlTokenizerReadAll)->Unit(benchmark::kMillisecond);

void BM_GumboParse(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (corpus.pages.empty()) {
    state.SkipWithError("no benchmark pages");
    return;
  }
  {
    GumboOutput* output = gumbo_parse_with_options(
        &kGumboDefaultOptions, corpus.pages[0].data(), corpus.pages[0].size());
    const bool ok = output->root->v.element.children.length > 0;
    gumbo_destroy_output(&kGumboDefaultOptions, output);
    if (!ok) {
      state.SkipWithError("gumbo built an empty tree");
      return;
    }
  }
  for (auto _ : state) {
    for (const std::string& page : corpus.pages) {
      GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions,
                                                     page.data(), page.size());
      benchmark::DoNotOptimize(output->root);
      gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
  }
  SetCounters(state, corpus);
}
BENCHMARK(BM_GumboParse)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace khaldun

BENCHMARK_MAIN();
