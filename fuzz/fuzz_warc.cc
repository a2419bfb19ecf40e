// Fuzzes the WARC reader through the gunzip layer, as ingest reads .warc.gz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/text.h"
#include "ingest/byte_source.h"
#include "ingest/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;
  khaldun::IngestOptions options;
  options.max_input_bytes = 64 << 10;
  options.max_gzip_ratio = 100;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto source = khaldun::MaybeGunzip(khaldun::MemorySource(input),
                                     options.max_gzip_ratio);
  khaldun::BufferedReader reader(source.get());
  khaldun::Status status = khaldun::ReadWarcPages(
      "fuzz", reader, options,
      [&](khaldun::Page&& page) {
        if (page.kind != khaldun::PageKind::kHtml ||
            page.body.size() > options.max_input_bytes ||
            khaldun::FindInvalidUtf8(page.body) != khaldun::kNpos) {
          __builtin_trap();
        }
      },
      [](const khaldun::InputError&) {});
  (void)status;
  return 0;
}
