// Gazetteer and place finder speed:
//   BM_LoadBuiltin   Gazetteer::LoadBuiltin (the start-up cost);
//   BM_Lookup        Gazetteer::LookupInto on a mix of names (hits,
//                    ambiguous names, misses);
//   BM_FindPlaces    FindPlaces over every sentence of the development gold
//                    articles (tests/gold/*.txt), repeated to ~1 MiB.
// Before timing, main() checks the finder on a few reference sentences
// and refuses to time it when they disagree. Reports sentences/s, bytes/s
// and lookups/s.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "common/data_files.h"
#include "places/gazetteer.h"
#include "places/place_finder.h"
#include "testing/resources.h"
#include "text/sentences.h"

namespace khaldun::places {
namespace {

const Gazetteer& Gaz() { return ::khaldun::testing::Builtin<Gazetteer>(); }

const text::SentenceSplitter& Splitter() {
  return ::khaldun::testing::FromEmbeddedData<text::SentenceSplitter>();
}

const std::string& Corpus() {
  static const std::string* corpus = [] {
    std::string text;
    std::vector<std::filesystem::path> files;
    std::filesystem::path dir = KHALDUN_SOURCE_DIR "/tests/gold";
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      text += "\n\n";
    }
    if (text.empty()) text = "Fighting erupted near Rutba in Iraq's western desert.\n\n";
    std::string repeated;
    while (repeated.size() < (1 << 20)) repeated += text;
    return new std::string(std::move(repeated));
  }();
  return *corpus;
}

void BM_LoadBuiltin(benchmark::State& state) {
  for (auto _ : state) {
    auto gaz = Gazetteer::LoadBuiltin();
    benchmark::DoNotOptimize(gaz);
  }
}
BENCHMARK(BM_LoadBuiltin)->Unit(benchmark::kMicrosecond);

void BM_Lookup(benchmark::State& state) {
  const std::string_view names[] = {
      "Baghdad",    "Tripoli", "al-Anbar",    "Hyderabad", "Deir ez-Zor", "North Kivu", "Rutba",
      "Xqzzyville", "Kharkiv", "San Antonio", "Gaza",      "Maiduguri",   "Gwoza",      "Irumu"};
  std::vector<Place> out;
  std::size_t lookups = 0;
  for (auto _ : state) {
    for (std::string_view name : names) {
      out.clear();
      Gaz().LookupInto(name, out);
      benchmark::DoNotOptimize(out.data());
      ++lookups;
    }
  }
  state.counters["lookups/s"] =
      benchmark::Counter(static_cast<double>(lookups), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Lookup);

void BM_FindPlaces(benchmark::State& state) {
  const std::string& text = Corpus();
  text::TokenizedText t = Splitter().Split(text);
  std::size_t sentences = 0, places = 0;
  for (auto _ : state) {
    PlaceContext ctx;
    for (const text::Sentence& s : t.sentences) {
      auto tokens = std::span(t.tokens).subspan(s.first_token, s.token_count);
      std::vector<PlaceMention> found = FindPlaces(text, tokens, Gaz(), ctx);
      places += found.size();
      ++sentences;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["sentences/s"] =
      benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["places/sentence"] =
      static_cast<double>(places) / static_cast<double>(sentences ? sentences : 1);
}
BENCHMARK(BM_FindPlaces)->Unit(benchmark::kMillisecond);

// The reference check: the finder must get these right before it is timed.
bool Check() {
  struct Ref {
    std::string text, country, precision;
  } refs[] = {
      {"A bomb exploded near Rutba on Monday.", "IRQ", "near"},
      {"Gunmen attacked a checkpoint in al-Anbar province.", "IRQ", "admin1"},
      {"Israeli strikes hit northern Gaza overnight.", "PSE", "admin1"},
      {"Gunmen killed villagers in Gwoza LGA.", "NGA", "near"},
      {"Rockets hit the Iraqi capital's Green Zone.", "IRQ", "exact"},
  };
  for (const Ref& r : refs) {
    std::vector<text::Token> tokens;
    Splitter().Tokenize(r.text, tokens);
    std::vector<PlaceMention> found = FindPlaces(r.text, tokens, Gaz(), {});
    if (found.empty() || found[0].country != r.country || found[0].precision != r.precision) {
      std::fprintf(stderr, "reference check failed: %s\n", r.text.c_str());
      return false;
    }
  }
  return true;
}

}  // namespace
}  // namespace khaldun::places

int main(int argc, char** argv) {
  if (!khaldun::places::Check()) return 1;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
