// Fuzzes the JSON Lines reader. The first byte picks the size bound so that
// both overlong-line skipping and normal parsing are reached.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/text.h"
#include "ingest/byte_source.h"
#include "ingest/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1 << 20)) return 0;
  khaldun::IngestOptions options;
  options.max_input_bytes = size_t{16} << (data[0] % 12);  // 16 B .. 32 KiB
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto source = khaldun::MemorySource(input);
  khaldun::BufferedReader reader(source.get());
  khaldun::Status status = khaldun::ReadJsonlPages(
      "fuzz", reader, options,
      [&](khaldun::Page&& page) {
        // Invariants: bodies are UTF-8, non-empty, and within the bound.
        if (page.body.empty() || page.body.size() > options.max_input_bytes ||
            khaldun::FindInvalidUtf8(page.body) != khaldun::kNpos) {
          __builtin_trap();
        }
      },
      [](const khaldun::InputError&) {});
  (void)status;
  return 0;
}
