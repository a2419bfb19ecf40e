// The data-file loaders on arbitrary bytes: the TSV parser, and the
// boilerplate lexicon, byline words and language identifier built from a
// directory holding the fuzzed file in place of their data file. They must
// report a Status, never crash.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "common/data_files.h"
#include "ingest/boilerplate.h"
#include "ingest/byline_words.h"
#include "ingest/language.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (64u << 10)) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rows = khaldun::ParseTsv(text, "fuzz.tsv", 1, 4);
  if (rows.ok()) {
    for (const auto& row : *rows) {
      if (row.fields.empty() || row.fields.size() > 4) std::abort();
    }
  }
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("khaldun-fuzz-data-" + std::to_string(static_cast<long>(::getpid())));
    std::filesystem::create_directories(d / "boilerplate");
    std::filesystem::create_directories(d / "language");
    return d;
  }();
  for (const char* name :
       {"boilerplate/phrases.tsv", "boilerplate/byline_words.tsv", "language/stopwords.tsv"}) {
    std::ofstream(dir / name, std::ios::binary | std::ios::trunc).write(text.data(), text.size());
  }
  khaldun::DataFiles files = khaldun::DataFiles::Directory(dir.string());
  auto lexicon = khaldun::BoilerplateLexicon::Load(files);
  if (lexicon.ok()) (void)lexicon->IsChrome("Share this article");
  auto words = khaldun::BylineWords::Load(files);
  (void)words.ok();
  auto language = khaldun::LanguageIdentifier::Load(files);
  if (language.ok()) (void)language->Identify("the army said on Monday that the attack killed two");
  return 0;
}
