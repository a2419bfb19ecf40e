// Fuzzes MaybeGunzip (multi-member streams, truncation, the bomb bound)
// and BufferedReader line splitting over its output.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/byte_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;
  constexpr size_t kRatio = 50;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto source = khaldun::MaybeGunzip(khaldun::MemorySource(input), kRatio);
  khaldun::BufferedReader reader(source.get());
  std::string line;
  while (true) {
    khaldun::Result<bool> got = reader.ReadLine(&line, 4096);
    if (!got.ok()) {
      if (reader.source_failed()) break;
      continue;  // an overlong line, skipped
    }
    if (!*got) break;
    if (line.size() > 4096) __builtin_trap();
  }
  // The bomb bound: never more output than the ratio allows.
  if (reader.consumed() > kRatio * size + (size_t{1} << 20)) __builtin_trap();
  return 0;
}
