// Fuzzes the RSS/Atom reader (libxml2 in recovery mode plus our tree walk).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/text.h"
#include "ingest/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;
  khaldun::IngestOptions options;
  options.max_input_bytes = 1 << 20;
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  khaldun::Status status = khaldun::ReadFeedPages(
      "fuzz", xml, options,
      [&](khaldun::Page&& page) {
        // Entity text is budgeted: output never grows past a multiple of
        // the input, whatever the DTD says.
        if (page.body.size() > 4 * size + 64 ||
            khaldun::FindInvalidUtf8(page.body) != khaldun::kNpos) {
          __builtin_trap();
        }
      },
      [](const khaldun::InputError&) {});
  (void)status;
  return 0;
}
