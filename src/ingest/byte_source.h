// Byte streams that readers pull from: files, standard input, memory, and
// a transparent gzip layer (multi-member, as .warc.gz uses). Reading is
// incremental so that corpora of any size stream through bounded memory.
#ifndef KHALDUN_INGEST_BYTE_SOURCE_H_
#define KHALDUN_INGEST_BYTE_SOURCE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "khaldun/status.h"

namespace khaldun {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `buffer`; 0 at the end of the stream.
  // Errors (I/O, corrupt gzip) come back as a Status.
  virtual Result<size_t> Read(char* buffer, size_t n) = 0;
};

// Opens a regular file (NotFound / IOError with the OS reason otherwise:
// "permission denied", "is a directory").
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);
// Standard input (not closed when the source is destroyed).
std::unique_ptr<ByteSource> StdinSource();
// A view of memory; `data` must outlive the source.
std::unique_ptr<ByteSource> MemorySource(std::string_view data);

// Peeks at `inner`: when it starts with the gzip magic bytes, returns a
// source of the decompressed bytes (every member, concatenated), else a
// source of the same bytes. Output beyond max_ratio times the compressed
// size plus 1 MiB is reported as a decompression bomb (TooLarge). A stream
// that ends inside a member is Corruption("truncated gzip stream"); bad
// compressed data is Corruption("corrupt gzip data: <zlib's reason>").
std::unique_ptr<ByteSource> MaybeGunzip(std::unique_ptr<ByteSource> inner,
                                        size_t max_ratio);

// A buffered reader over a ByteSource with look-ahead, line reading and
// bounded whole-stream reading. Memory is bounded by the largest Peek,
// line or ReadAll bound asked for, never by the stream. Does not own
// `source`, which must outlive the reader. Not thread-safe.
class BufferedReader {
 public:
  explicit BufferedReader(ByteSource* source);

  // The first up to `n` bytes not yet consumed (fewer at end of stream).
  Result<std::string_view> Peek(size_t n);
  // Reads one line (without the '\n', with any '\r' kept) into *line.
  // Returns false at end of stream. A line longer than max_bytes is
  // skipped to its end and reported as TooLarge (reading can go on);
  // source_failed() tells that apart from a TooLarge the source itself
  // returned (a gzip bomb), after which nothing more can be read.
  Result<bool> ReadLine(std::string* line, size_t max_bytes);
  // Reads exactly n bytes (fewer only at end of stream) into *out.
  Result<size_t> ReadBytes(size_t n, std::string* out);
  // Skips n bytes; returns how many were skipped.
  Result<size_t> Skip(size_t n);
  // Reads the rest of the stream; TooLarge when it exceeds max_bytes.
  Result<std::string> ReadAll(size_t max_bytes);
  // Total bytes consumed so far.
  size_t consumed() const { return consumed_; }
  // True once the source has returned an error. The error is sticky:
  // every later call returns it again.
  bool source_failed() const { return !source_status_.ok(); }

 private:
  // Reads from the source until at least `want` unconsumed bytes are
  // buffered or the stream ends.
  Status Fill(size_t want);
  void Consume(size_t n);
  size_t available() const { return buffer_.size() - start_; }

  ByteSource* source_;
  std::string buffer_;
  size_t start_ = 0;  // first unconsumed byte in buffer_
  size_t consumed_ = 0;
  bool eof_ = false;
  Status source_status_;
};

}  // namespace khaldun

#endif  // KHALDUN_INGEST_BYTE_SOURCE_H_
