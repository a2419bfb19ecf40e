// Helpers shared by the reader tests: run a reader over bytes in memory
// and collect what it emits.
#ifndef KHALDUN_TESTS_INGEST_READERS_TESTING_H_
#define KHALDUN_TESTS_INGEST_READERS_TESTING_H_

#include <zlib.h>

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/byte_source.h"
#include "ingest/readers.h"
#include "khaldun/ingest.h"

namespace khaldun::testing {

struct Collected {
  std::vector<Page> pages;
  std::vector<InputError> errors;
  Status status;
};

inline PageCallback Collect(Collected& out) {
  return [&out](Page&& page) { out.pages.push_back(std::move(page)); };
}
inline ErrorCallback CollectErrors(Collected& out) {
  return [&out](const InputError& error) { out.errors.push_back(error); };
}

// The whole ingest read path: gunzip when gzip, detect, read.
inline Collected ReadInput(std::string_view input,
                           const IngestOptions& options = {},
                           const std::string& path = "in") {
  Collected out;
  std::unique_ptr<ByteSource> source =
      MaybeGunzip(MemorySource(input), options.max_gzip_ratio);
  out.status =
      ReadPages(path, *source, options, Collect(out), CollectErrors(out));
  return out;
}

inline Collected ReadJsonl(std::string_view input,
                           const IngestOptions& options = {}) {
  Collected out;
  std::unique_ptr<ByteSource> source = MemorySource(input);
  BufferedReader reader(source.get());
  out.status =
      ReadJsonlPages("in", reader, options, Collect(out), CollectErrors(out));
  return out;
}

inline Collected ReadFeed(std::string_view input,
                          const IngestOptions& options = {}) {
  Collected out;
  out.status =
      ReadFeedPages("in", input, options, Collect(out), CollectErrors(out));
  return out;
}

inline Collected ReadWarc(std::string_view input,
                          const IngestOptions& options = {}) {
  Collected out;
  std::unique_ptr<ByteSource> source =
      MaybeGunzip(MemorySource(input), options.max_gzip_ratio);
  BufferedReader reader(source.get());
  out.status =
      ReadWarcPages("in", reader, options, Collect(out), CollectErrors(out));
  return out;
}

// One gzip member holding `data`.
inline std::string Gzip(std::string_view data,
                        int level = Z_DEFAULT_COMPRESSION) {
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// A file under tests/data/ingest/.
inline std::string ReadTestData(const std::string& name) {
  std::ifstream in(
      std::string(KHALDUN_SOURCE_DIR) + "/tests/data/ingest/" + name,
      std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTS_INGEST_READERS_TESTING_H_
