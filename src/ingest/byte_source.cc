// Byte sources (file, standard input, memory, gunzip) and BufferedReader.
#include "ingest/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace khaldun {
namespace {

// Chunk size for reads from the OS and from zlib: large enough that the
// syscall cost disappears, small enough to stay in L2.
constexpr size_t kChunk = 64 << 10;

// The OS reason in the lower-case sentence-fragment style of Status
// messages ("permission denied"). std::generic_category is thread-safe,
// unlike strerror.
std::string OsReason(int err) {
  std::string reason = std::generic_category().message(err);
  if (!reason.empty() && reason[0] >= 'A' && reason[0] <= 'Z') {
    reason[0] = static_cast<char>(reason[0] - 'A' + 'a');
  }
  return reason;
}

class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_) close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  Result<size_t> Read(char* buffer, size_t n) override {
    while (true) {
      ssize_t got = read(fd_, buffer, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno == EINTR) continue;
      return Status::IOError(OsReason(errno));
    }
  }

 private:
  int fd_;
  bool owned_;
};

class MemoryByteSource : public ByteSource {
 public:
  explicit MemoryByteSource(std::string_view data) : data_(data) {}
  Result<size_t> Read(char* buffer, size_t n) override {
    size_t take = std::min(n, data_.size());
    if (take > 0) std::memcpy(buffer, data_.data(), take);
    data_.remove_prefix(take);
    return take;
  }

 private:
  std::string_view data_;
};

// Replays the bytes MaybeGunzip peeked at, then the rest of `inner`.
class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> inner)
      : prefix_(std::move(prefix)), inner_(std::move(inner)) {}
  Result<size_t> Read(char* buffer, size_t n) override {
    if (pos_ < prefix_.size()) {
      size_t take = std::min(n, prefix_.size() - pos_);
      std::memcpy(buffer, prefix_.data() + pos_, take);
      pos_ += take;
      return take;
    }
    return inner_->Read(buffer, n);
  }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> inner_;
};

class ErrorSource : public ByteSource {
 public:
  explicit ErrorSource(Status status) : status_(std::move(status)) {}
  Result<size_t> Read(char*, size_t) override { return status_; }

 private:
  Status status_;
};

// Streaming gunzip over every member of a multi-member gzip file. A
// .warc.gz holds one member per record, and `cat a.gz b.gz` is a valid
// gzip file, so a member's end is not the stream's end.
class GunzipSource : public ByteSource {
 public:
  GunzipSource(std::string prefix, std::unique_ptr<ByteSource> inner,
               size_t max_ratio)
      : inner_(std::move(inner)), max_ratio_(max_ratio), in_(kChunk, '\0') {
    std::memset(&zs_, 0, sizeof(zs_));
    // 16 + MAX_WBITS: gzip wrapper only; a zlib or raw deflate stream with
    // gzip's magic bytes would be corrupt anyway.
    if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) {
      status_ = Status::Internal("zlib inflateInit2 failed");
    }
    initialized_ = status_.ok();
    if (prefix.size() > in_.size()) in_.resize(prefix.size());
    std::memcpy(in_.data(), prefix.data(), prefix.size());
    zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
    zs_.avail_in = static_cast<uInt>(prefix.size());
    compressed_ = prefix.size();
  }
  ~GunzipSource() override {
    if (initialized_) inflateEnd(&zs_);
  }
  GunzipSource(const GunzipSource&) = delete;
  GunzipSource& operator=(const GunzipSource&) = delete;

  Result<size_t> Read(char* buffer, size_t n) override {
    if (!status_.ok()) return status_;
    if (done_ || n == 0) return size_t{0};
    // zlib counts in uInt; asking for less is always allowed.
    n = std::min<size_t>(n, 1u << 30);
    zs_.next_out = reinterpret_cast<Bytef*>(buffer);
    zs_.avail_out = static_cast<uInt>(n);
    while (zs_.avail_out == n) {
      if (zs_.avail_in == 0) {
        Status status = Refill();
        if (!status.ok()) return Fail(std::move(status));
        if (zs_.avail_in == 0) {
          // The inner stream ended. Between members that is the end.
          if (in_member_)
            return Fail(Status::Corruption("truncated gzip stream"));
          done_ = true;
          break;
        }
      }
      if (!in_member_) {
        // Between members: zero padding (tape-style) is tolerated, as
        // gzip(1) does; anything else must be the next member's header.
        while (zs_.avail_in > 0 && *zs_.next_in == 0) {
          ++zs_.next_in;
          --zs_.avail_in;
        }
        if (zs_.avail_in == 0) continue;
        in_member_ = true;
      }
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        if (inflateReset(&zs_) != Z_OK) {
          return Fail(Status::Internal("zlib inflateReset failed"));
        }
      } else if (rc == Z_DATA_ERROR) {
        return Fail(Status::Corruption(
            std::string("corrupt gzip data: ") +
            (zs_.msg != nullptr ? zs_.msg : "unknown error")));
      } else if (rc == Z_MEM_ERROR) {
        return Fail(Status::Internal("zlib out of memory"));
      } else if (rc == Z_NEED_DICT) {
        return Fail(Status::Corruption(
            "corrupt gzip data: preset dictionary required"));
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Fail(Status::Corruption("corrupt gzip data: zlib error " +
                                       std::to_string(rc)));
      }
    }
    size_t produced = n - zs_.avail_out;
    produced_ += produced;
    // Compressed bytes read so far, not just consumed: inflate may buffer
    // a whole chunk before producing output, and the 1 MiB slack covers
    // the start of a stream.
    if (produced_ > OutputBound()) {
      return Fail(Status::TooLarge("gzip data expands more than " +
                                   std::to_string(max_ratio_) +
                                   " times (a decompression bomb?)"));
    }
    return produced;
  }

 private:
  Status Refill() {
    while (!inner_eof_) {
      Result<size_t> got = inner_->Read(in_.data(), in_.size());
      if (!got.ok()) return got.status();
      if (*got == 0) {
        inner_eof_ = true;
        break;
      }
      compressed_ += *got;
      zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
      zs_.avail_in = static_cast<uInt>(*got);
      break;
    }
    return Status::Ok();
  }
  size_t OutputBound() const {
    constexpr size_t kSlack = size_t{1} << 20;
    constexpr size_t kMax = static_cast<size_t>(-1);
    if (max_ratio_ != 0 && compressed_ > (kMax - kSlack) / max_ratio_)
      return kMax;
    return max_ratio_ * compressed_ + kSlack;
  }
  Status Fail(Status status) {
    status_ = std::move(status);
    return status_;
  }

  std::unique_ptr<ByteSource> inner_;
  size_t max_ratio_;
  std::string in_;
  z_stream zs_;
  bool initialized_ = false;
  bool in_member_ = false;
  bool inner_eof_ = false;
  bool done_ = false;
  size_t compressed_ = 0;
  size_t produced_ = 0;
  Status status_;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  int fd;
  do {
    fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return Status::NotFound(OsReason(err));
    return Status::IOError(OsReason(err));
  }
  // open(2) succeeds on a directory; read(2) would fail later with a less
  // useful message.
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    return Status::IOError(OsReason(EISDIR));
  }
  return std::unique_ptr<ByteSource>(new FdSource(fd, /*owned=*/true));
}

std::unique_ptr<ByteSource> StdinSource() {
  return std::make_unique<FdSource>(STDIN_FILENO, /*owned=*/false);
}

std::unique_ptr<ByteSource> MemorySource(std::string_view data) {
  return std::make_unique<MemoryByteSource>(data);
}

std::unique_ptr<ByteSource> MaybeGunzip(std::unique_ptr<ByteSource> inner,
                                        size_t max_ratio) {
  // Short reads (pipes) can return one byte at a time.
  char magic[2];
  size_t have = 0;
  while (have < 2) {
    Result<size_t> got = inner->Read(magic + have, 2 - have);
    if (!got.ok()) return std::make_unique<ErrorSource>(got.status());
    if (*got == 0) break;
    have += *got;
  }
  std::string prefix(magic, have);
  if (have == 2 && magic[0] == '\x1f' && magic[1] == '\x8b') {
    return std::make_unique<GunzipSource>(std::move(prefix), std::move(inner),
                                          max_ratio);
  }
  return std::make_unique<PrefixedSource>(std::move(prefix), std::move(inner));
}

// ---- BufferedReader --------------------------------------------------------

BufferedReader::BufferedReader(ByteSource* source) : source_(source) {}

void BufferedReader::Consume(size_t n) {
  start_ += n;
  consumed_ += n;
  if (start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
}

Status BufferedReader::Fill(size_t want) {
  if (!source_status_.ok()) return source_status_;
  while (available() < want && !eof_) {
    // Move the unconsumed tail to the front when the consumed head is the
    // larger part, so the buffer does not grow with the stream.
    if (start_ > 0 && start_ >= available()) {
      buffer_.erase(0, start_);
      start_ = 0;
    }
    size_t old_size = buffer_.size();
    size_t chunk = std::max(kChunk, want - available());
    buffer_.resize(old_size + chunk);
    Result<size_t> got = source_->Read(buffer_.data() + old_size, chunk);
    if (!got.ok()) {
      buffer_.resize(old_size);
      source_status_ = got.status();
      return source_status_;
    }
    buffer_.resize(old_size + *got);
    if (*got == 0) eof_ = true;
  }
  return Status::Ok();
}

Result<std::string_view> BufferedReader::Peek(size_t n) {
  Status status = Fill(n);
  if (!status.ok()) return status;
  return std::string_view(buffer_).substr(start_, std::min(n, available()));
}

Result<bool> BufferedReader::ReadLine(std::string* line, size_t max_bytes) {
  line->clear();
  size_t scanned = 0;  // bytes of the current line already searched
  while (true) {
    std::string_view pending = std::string_view(buffer_).substr(start_);
    size_t newline = pending.find('\n', scanned);
    if (newline != std::string_view::npos) {
      if (newline > max_bytes) {
        Consume(newline + 1);
        return Status::TooLarge("line longer than " +
                                std::to_string(max_bytes) + " bytes");
      }
      line->assign(pending.data(), newline);
      Consume(newline + 1);
      return true;
    }
    scanned = pending.size();
    if (eof_) {
      if (pending.empty()) return false;
      if (pending.size() > max_bytes) {
        Consume(pending.size());
        return Status::TooLarge("line longer than " +
                                std::to_string(max_bytes) + " bytes");
      }
      line->assign(pending);
      Consume(pending.size());
      return true;
    }
    if (pending.size() > max_bytes) {
      // Too long already: drop what is buffered and discard up to the
      // newline without holding the line.
      while (true) {
        std::string_view rest = std::string_view(buffer_).substr(start_);
        size_t nl = rest.find('\n');
        if (nl != std::string_view::npos) {
          Consume(nl + 1);
          break;
        }
        Consume(rest.size());
        if (eof_) break;
        Status status = Fill(1);
        if (!status.ok()) return status;
      }
      return Status::TooLarge("line longer than " + std::to_string(max_bytes) +
                              " bytes");
    }
    Status status = Fill(available() + 1);
    if (!status.ok()) return status;
  }
}

Result<size_t> BufferedReader::ReadBytes(size_t n, std::string* out) {
  out->clear();
  size_t take = std::min(n, available());
  out->append(buffer_, start_, take);
  Consume(take);
  // The rest goes straight from the source into *out: a large record is
  // not copied through the buffer.
  while (out->size() < n && !eof_) {
    if (!source_status_.ok()) return source_status_;
    size_t old_size = out->size();
    size_t chunk = std::min(n - old_size, std::max(kChunk, (n - old_size) / 4));
    out->resize(old_size + chunk);
    Result<size_t> got = source_->Read(out->data() + old_size, chunk);
    if (!got.ok()) {
      out->resize(old_size);
      source_status_ = got.status();
      return source_status_;
    }
    out->resize(old_size + *got);
    consumed_ += *got;
    if (*got == 0) eof_ = true;
  }
  return out->size();
}

Result<size_t> BufferedReader::Skip(size_t n) {
  size_t skipped = std::min(n, available());
  Consume(skipped);
  while (skipped < n && !eof_) {
    Status status = Fill(std::min(n - skipped, kChunk));
    if (!status.ok()) return status;
    size_t take = std::min(n - skipped, available());
    Consume(take);
    skipped += take;
  }
  return skipped;
}

Result<std::string> BufferedReader::ReadAll(size_t max_bytes) {
  std::string out;
  while (true) {
    // One byte past the bound tells "exactly max_bytes" from "more".
    size_t want = max_bytes - out.size() + 1;
    if (max_bytes == static_cast<size_t>(-1)) want = kChunk;
    std::string chunk;
    Result<size_t> got = ReadBytes(std::min(want, size_t{4} << 20), &chunk);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    out += chunk;
    if (out.size() > max_bytes) {
      return Status::TooLarge("larger than " + std::to_string(max_bytes) +
                              " bytes");
    }
  }
  return out;
}

}  // namespace khaldun
