// The whole ingest stage on arbitrary bytes: format detection, every
// reader, UTF-8 handling and extraction (HTML and text), as `khaldun
// ingest` runs them. Checks that every article serialises to valid UTF-8
// JSON and that the text is the paragraphs joined.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/text.h"
#include "ingest/readers.h"
#include "khaldun/ingest.h"
#include "testing/resources.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 20)) return 0;
  const auto& resources = khaldun::testing::Builtin<khaldun::IngestResources>();
  khaldun::IngestOptions options;
  options.max_input_bytes = 256 * 1024;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto source = khaldun::MaybeGunzip(khaldun::MemorySource(input), 100);
  khaldun::Status status = khaldun::ReadPages(
      "fuzz", *source, options,
      [&](khaldun::Page&& page) {
        khaldun::Article article = khaldun::ExtractArticle(page, resources, options);
        std::string json = khaldun::ArticleToJson(article);
        if (khaldun::FindInvalidUtf8(json) != khaldun::kNpos) std::abort();
        std::string joined;
        for (const auto& p : article.paragraphs) {
          if (!joined.empty()) joined += "\n\n";
          joined += p;
        }
        if (joined != article.text) std::abort();
      },
      [](const khaldun::InputError&) {});
  (void)status;
  return 0;
}
