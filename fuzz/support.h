// Shared by the fuzz targets: the invariant check. The dictionaries a target
// needs come from testing/resources.h (FromEmbeddedData, Builtin), loaded on
// the first input and kept for the whole run, so fuzzing measures the code
// under test rather than the loaders (fuzz_data_tsv fuzzes those).
#ifndef KHALDUN_FUZZ_SUPPORT_H_
#define KHALDUN_FUZZ_SUPPORT_H_

#include <cstdlib>

namespace khaldun::fuzz {

// Aborts when `condition` is false, which libFuzzer (or the replay test)
// reports as a crash.
inline void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace khaldun::fuzz

#endif  // KHALDUN_FUZZ_SUPPORT_H_
