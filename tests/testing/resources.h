// Test, benchmark and fuzz helpers: dictionaries and resources loaded once
// per process, on first use, and shared by every test of the binary.
//
//   const places::Gazetteer& gazetteer = testing::Builtin<places::Gazetteer>();
//   const attributes::DateReader& dates = testing::FromSourceData<attributes::DateReader>();
//
// Loading the gazetteer or the coding resources takes longer than most
// tests, so each binary pays for it once. The objects are never destroyed
// (static destruction order across helpers would otherwise matter), and
// they are immutable, so sharing them between tests is safe.
//
// A load failure means the build or the data is broken, not the code under
// test: the helpers print the error and abort, so the test binary (or the
// benchmark, or the fuzz target) fails instead of running every test on a
// missing dictionary. The header does not use GoogleTest, so benchmarks and
// fuzz targets include it as well.
#ifndef KHALDUN_TESTS_TESTING_RESOURCES_H_
#define KHALDUN_TESTS_TESTING_RESOURCES_H_

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "common/data_files.h"
#include "khaldun/status.h"

namespace khaldun::testing {

// The value of `loaded`; prints its error to stderr and aborts when it has
// none.
template <typename T>
T ValueOrDie(Result<T> loaded) {
  if (!loaded.ok()) {
    std::fprintf(stderr, "cannot load data: %s\n", loaded.status().ToString().c_str());
    std::abort();
  }
  return std::move(*loaded);
}

#ifdef KHALDUN_SOURCE_DIR  // defined for tests and benchmarks, not fuzz targets
// T::Load on the source tree's data/ directory, read from disk rather than
// from the copy embedded in the library. Loaded once per process.
template <typename T>
const T& FromSourceData() {
  static const T* loaded =
      new T(ValueOrDie(T::Load(DataFiles::Directory(KHALDUN_SOURCE_DIR "/data"))));
  return *loaded;
}
#endif

// T::Load on the data embedded in the binary. Loaded once per process.
template <typename T>
const T& FromEmbeddedData() {
  static const T* loaded = new T(ValueOrDie(T::Load(DataFiles::Embedded())));
  return *loaded;
}

// T::LoadBuiltin(), for the resources that have one (the gazetteer, the
// coding and ingest resources). Loaded once per process.
template <typename T>
const T& Builtin() {
  static const T* loaded = new T(ValueOrDie(T::LoadBuiltin()));
  return *loaded;
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTS_TESTING_RESOURCES_H_
