// Sentence splitting and tokenizing throughput, and a comparison with ICU:
//   BM_Split          SentenceSplitter::Split on a news corpus: the
//                     development gold pages (tests/gold/*.txt) and the
//                     shared seed article, concatenated and repeated to
//                     about 4 MiB;
//   BM_Tokenize       the tokenizer alone on the same corpus;
//   BM_IcuSentences   ICU's sentence BreakIterator over the same bytes
//                     (UTF-8 UText, no copy), plain and with the English
//                     abbreviation suppressions ("en@ss=standard"), when ICU
//                     was found at configure time.
// Before timing, main() scores khaldun (and ICU) on the hand-written
// accuracy set tests/data/sentences/cases.txt, prints the scores, and
// refuses to time a splitter that scores under 98%. Reports bytes/s and
// sentences/s.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/data_files.h"
#include "testing/resources.h"
#include "testing/sentence_cases.h"
#include "text/sentences.h"

#ifdef KHALDUN_HAVE_ICU
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>
#endif

namespace khaldun::text {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

const SentenceSplitter& Splitter() {
  return ::khaldun::testing::FromEmbeddedData<SentenceSplitter>();
}

const std::string& Corpus() {
  static const std::string* corpus = [] {
    std::vector<std::filesystem::path> paths;
    std::error_code ec;
    for (const auto& entry :
         std::filesystem::directory_iterator(KHALDUN_SOURCE_DIR "/tests/gold", ec)) {
      if (entry.path().extension() == ".txt") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    paths.emplace_back(KHALDUN_SHARED_DIR "/seed/article.txt");
    std::string once;
    for (const auto& path : paths) {
      once += ReadFile(path);
      once += "\n\n";
    }
    auto* text = new std::string;
    if (once.size() > 4) {
      while (text->size() < (4u << 20)) *text += once;
    }
    return text;
  }();
  return *corpus;
}

// ---- The accuracy set (format in the header of cases.txt) ------------------

using Case = testing::SentenceCase;

std::vector<Case> ReadCases() {
  return testing::ReadSentenceCases(KHALDUN_SOURCE_DIR "/tests/data/sentences/cases.txt");
}

std::vector<std::string> KhaldunSentences(std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : Splitter().Split(text).sentences) {
    out.emplace_back(text.substr(s.start, s.end - s.start));
  }
  return out;
}

#ifdef KHALDUN_HAVE_ICU
// ICU segments include the white space after each sentence; the accuracy
// set compares trimmed sentences, so trim ASCII space, NBSP and U+2029.
std::string_view TrimSpace(std::string_view s) {
  auto space_prefix = [](std::string_view v) -> size_t {
    if (v.empty()) return 0;
    if (v[0] == ' ' || v[0] == '\t' || v[0] == '\n' || v[0] == '\r') return 1;
    if (v.substr(0, 2) == "\xC2\xA0") return 2;
    return 0;
  };
  auto space_suffix = [](std::string_view v) -> size_t {
    if (v.empty()) return 0;
    char c = v.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    if (v.size() >= 2 && v.substr(v.size() - 2) == "\xC2\xA0") return 2;
    if (v.size() >= 3 && v.substr(v.size() - 3) == "\xE2\x80\xA9") return 3;
    return 0;
  };
  while (size_t n = space_prefix(s)) s.remove_prefix(n);
  while (size_t n = space_suffix(s)) s.remove_suffix(n);
  return s;
}

std::unique_ptr<icu::BreakIterator> IcuIterator(const char* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale(locale), status));
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "ICU: %s\n", u_errorName(status));
    std::exit(1);
  }
  return it;
}

// Calls `f(start, end)` for each ICU sentence of `text` (UTF-8 offsets).
template <typename F>
void IcuSplit(icu::BreakIterator& it, std::string_view text, F&& f) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  it.setText(ut, status);
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; end = it.next()) {
    f(start, end);
    start = end;
  }
  utext_close(ut);
}

std::vector<std::string> IcuSentences(icu::BreakIterator& it, std::string_view text) {
  std::vector<std::string> out;
  IcuSplit(it, text, [&](int32_t start, int32_t end) {
    std::string_view s = TrimSpace(text.substr(start, end - start));
    if (!s.empty()) out.emplace_back(s);
  });
  return out;
}
#endif

template <typename F>
double Score(const std::vector<Case>& cases, const char* who, F&& split) {
  // KHALDUN_SHOW_MISSES=1 lists the cases each splitter gets wrong.
  const bool show = std::getenv("KHALDUN_SHOW_MISSES") != nullptr;
  size_t right = 0;
  for (const Case& c : cases) {
    if (split(c.text) == c.expected) {
      ++right;
    } else if (show) {
      std::printf("  %s misses %s\n", who, c.name.c_str());
    }
  }
  const double accuracy = cases.empty() ? 0 : static_cast<double>(right) / cases.size();
  std::printf("accuracy %-28s %zu/%zu = %.1f%%\n", who, right, cases.size(), accuracy * 100);
  return accuracy;
}

// ---- Benchmarks -----------------------------------------------------------------

void Report(benchmark::State& state, size_t sentences) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Corpus().size()));
  state.counters["sentences/s"] =
      benchmark::Counter(static_cast<double>(sentences) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

void BM_Split(benchmark::State& state) {
  const std::string& text = Corpus();
  if (text.empty()) {
    state.SkipWithError("no corpus found");
    return;
  }
  size_t sentences = Splitter().Split(text).sentences.size();
  for (auto _ : state) {
    TokenizedText out = Splitter().Split(text);
    benchmark::DoNotOptimize(out.sentences.data());
  }
  Report(state, sentences);
}
BENCHMARK(BM_Split)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  const std::string& text = Corpus();
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 4);
  for (auto _ : state) {
    tokens.clear();
    Splitter().Tokenize(text, tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens"] = static_cast<double>(tokens.size());
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

#ifdef KHALDUN_HAVE_ICU
void BM_IcuSentences(benchmark::State& state, const char* locale) {
  const std::string& text = Corpus();
  auto it = IcuIterator(locale);
  size_t sentences = 0;
  IcuSplit(*it, text, [&](int32_t, int32_t) { ++sentences; });
  for (auto _ : state) {
    size_t n = 0;
    IcuSplit(*it, text, [&](int32_t, int32_t) { ++n; });
    benchmark::DoNotOptimize(n);
  }
  Report(state, sentences);
}
BENCHMARK_CAPTURE(BM_IcuSentences, plain, "en")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_IcuSentences, suppressions, "en@ss=standard")->Unit(benchmark::kMillisecond);
#endif

}  // namespace
}  // namespace khaldun::text

int main(int argc, char** argv) {
  using namespace khaldun::text;  // NOLINT: a main of a few lines
  const std::vector<Case> cases = ReadCases();
  const double ours = Score(cases, "khaldun", KhaldunSentences);
#ifdef KHALDUN_HAVE_ICU
  auto plain = IcuIterator("en");
  auto suppressed = IcuIterator("en@ss=standard");
  Score(cases, "ICU BreakIterator (en)",
        [&](std::string_view t) { return IcuSentences(*plain, t); });
  Score(cases, "ICU BreakIterator (en@ss)",
        [&](std::string_view t) { return IcuSentences(*suppressed, t); });
#else
  std::printf("ICU not found at configure time: no comparison\n");
#endif
  if (ours < 0.98) {
    std::fprintf(stderr, "khaldun accuracy under 98%%: not timing a broken splitter\n");
    return 1;
  }
  std::printf("corpus: %zu bytes\n", Corpus().size());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
