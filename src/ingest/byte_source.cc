// STUB
#include "ingest/byte_source.h"
#include <cstdio>
#include <cstring>
namespace khaldun {
namespace {
class FileSource : public ByteSource {
 public:
  explicit FileSource(FILE* f) : f_(f) {}
  ~FileSource() override { if (f_ != stdin) fclose(f_); }
  Result<size_t> Read(char* b, size_t n) override { return fread(b, 1, n, f_); }
 private:
  FILE* f_;
};
}  // namespace
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  FILE* f = fopen(path.c_str(), "rb");
  if (!f) return Status::NotFound(strerror(errno));
  return std::unique_ptr<ByteSource>(new FileSource(f));
}
std::unique_ptr<ByteSource> StdinSource() { return std::make_unique<FileSource>(stdin); }
std::unique_ptr<ByteSource> MaybeGunzip(std::unique_ptr<ByteSource> inner, size_t) { return inner; }
}  // namespace khaldun
