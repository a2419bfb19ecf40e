// WARC 1.0 / 1.1 files (ISO 28500), as Common Crawl's CC-NEWS ships them.
//
// A record is a version line ("WARC/1.1"), named header fields, an empty
// line, Content-Length bytes of block and two CRLFs:
//
//   WARC/1.1\r\n
//   WARC-Type: response\r\n
//   WARC-Target-URI: https://example.org/news/1\r\n
//   Content-Type: application/http; msgtype=response\r\n
//   Content-Length: 1234\r\n
//   \r\n
//   HTTP/1.1 200 OK\r\n ... \r\n\r\n <html>...   (1234 bytes)
//   \r\n\r\n
//
// Records are read one at a time, so memory is bounded by the largest
// record kept (max_input_bytes); records of other types and oversized
// ones are skipped without being held. Only HTML responses (status 200)
// and HTML resource records become pages.
#include <zlib.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/text.h"
#include "ingest/reader_util.h"
#include "ingest/readers.h"

namespace khaldun {
namespace {

// Header lines and header blocks longer than these are not WARC.
constexpr size_t kMaxHeaderLine = 64 << 10;
constexpr size_t kMaxHeaderLines = 1000;

struct Header {
  std::string name;
  std::string value;
};

// Header fields as "Name: value" lines, continuation lines folded in.
using Headers = std::vector<Header>;

std::string_view FindHeader(const Headers& headers, std::string_view name) {
  for (const Header& header : headers) {
    if (EqualsIgnoreCase(header.name, name)) return header.value;
  }
  return {};
}

// Parses "Name: value" into *headers; false when the line has no colon.
bool AddHeaderLine(std::string_view line, Headers* headers) {
  if (!line.empty() && (line[0] == ' ' || line[0] == '\t') &&
      !headers->empty()) {
    headers->back().value += ' ';
    headers->back().value += TrimAscii(line);
    return true;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  headers->push_back(Header{std::string(TrimAscii(line.substr(0, colon))),
                            std::string(TrimAscii(line.substr(colon + 1)))});
  return true;
}

bool ParseLength(std::string_view text, size_t* out) {
  text = TrimAscii(text);
  if (text.empty() || text.size() > 18) return false;
  size_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  *out = value;
  return true;
}

// "text/html; charset=utf-8" -> "text/html".
std::string MediaType(std::string_view content_type) {
  size_t semicolon = content_type.find(';');
  return AsciiLowerCopy(TrimAscii(content_type.substr(0, semicolon)));
}

bool IsHtmlMediaType(std::string_view media_type) {
  return media_type == "text/html" || media_type == "application/xhtml+xml";
}

// One HTTP response: status, headers and the payload's offset in the block.
struct HttpResponse {
  int status = 0;
  Headers headers;
  size_t body_offset = 0;
};

bool ParseHttpResponse(std::string_view block, HttpResponse* response) {
  size_t pos = 0;
  bool first = true;
  while (pos < block.size()) {
    size_t newline = block.find('\n', pos);
    if (newline == std::string_view::npos) return false;
    std::string_view line = block.substr(pos, newline - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = newline + 1;
    if (first) {
      // "HTTP/1.1 200 OK"; HTTP/2 crawlers write "HTTP/2 200".
      if (!StartsWithIgnoreCase(line, "HTTP/")) return false;
      size_t space = line.find(' ');
      if (space == std::string_view::npos || space + 4 > line.size())
        return false;
      std::string_view code = line.substr(space + 1, 3);
      size_t value = 0;
      if (!ParseLength(code, &value)) return false;
      response->status = static_cast<int>(value);
      first = false;
      continue;
    }
    if (line.empty()) {
      response->body_offset = pos;
      return true;
    }
    if (response->headers.size() >= kMaxHeaderLines) return false;
    AddHeaderLine(line, &response->headers);  // tolerate junk header lines
  }
  return false;
}

// Decodes Transfer-Encoding: chunked in place.
Status Dechunk(std::string* body) {
  std::string out;
  std::string_view in = *body;
  size_t pos = 0;
  while (true) {
    size_t newline = in.find('\n', pos);
    if (newline == std::string_view::npos)
      return Status::Corruption("truncated chunked body");
    std::string_view size_line = TrimAscii(in.substr(pos, newline - pos));
    size_line = size_line.substr(0, size_line.find(';'));  // chunk extensions
    size_t size = 0;
    if (size_line.empty() || size_line.size() > 15) {
      return Status::Corruption("malformed chunk size");
    }
    for (char c : size_line) {
      int digit = (c >= '0' && c <= '9')   ? c - '0'
                  : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                           : -1;
      if (digit < 0) return Status::Corruption("malformed chunk size");
      size = size * 16 + static_cast<size_t>(digit);
    }
    pos = newline + 1;
    if (size == 0) break;  // trailers after the last chunk are ignored
    if (size > in.size() - pos)
      return Status::Corruption("truncated chunked body");
    out.append(in.substr(pos, size));
    pos += size;
    // The CRLF after the chunk data.
    if (pos < in.size() && in[pos] == '\r') ++pos;
    if (pos < in.size() && in[pos] == '\n') ++pos;
  }
  *body = std::move(out);
  return Status::Ok();
}

// Content-Encoding gzip or deflate, bounded like any other input.
Status Decode(std::string_view encoding, const IngestOptions& options,
              std::string* body) {
  std::string coding = AsciiLowerCopy(TrimAscii(encoding));
  if (coding.empty() || coding == "identity") return Status::Ok();
  if (coding != "gzip" && coding != "x-gzip" && coding != "deflate") {
    return Status::Unsupported("unsupported Content-Encoding " + coding);
  }
  if (coding == "deflate") {
    // "deflate" is a zlib stream, or raw deflate from broken servers;
    // 32 + MAX_WBITS detects zlib and gzip headers, raw is tried after.
    for (int window_bits : {32 + MAX_WBITS, -MAX_WBITS}) {
      z_stream zs{};
      if (inflateInit2(&zs, window_bits) != Z_OK)
        return Status::Internal("inflateInit2 failed");
      std::string out;
      zs.next_in = reinterpret_cast<Bytef*>(body->data());
      zs.avail_in = static_cast<uInt>(body->size());
      int rc = Z_OK;
      char buffer[65536];
      while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof(buffer);
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buffer, sizeof(buffer) - zs.avail_out);
        if (out.size() > options.max_input_bytes) rc = Z_MEM_ERROR;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
      }
      inflateEnd(&zs);
      if (out.size() > options.max_input_bytes) {
        return Status::TooLarge(
            "payload " + LargerThanBoundMessage(options.max_input_bytes));
      }
      if (rc == Z_STREAM_END) {
        *body = std::move(out);
        return Status::Ok();
      }
    }
    return Status::Corruption("corrupt deflate payload");
  }
  std::unique_ptr<ByteSource> source =
      MaybeGunzip(MemorySource(*body), options.max_gzip_ratio);
  BufferedReader reader(source.get());
  Result<std::string> decoded = reader.ReadAll(options.max_input_bytes);
  if (!decoded.ok()) {
    if (decoded.status().code() == StatusCode::kTooLarge &&
        !reader.source_failed()) {
      return Status::TooLarge("payload " +
                              LargerThanBoundMessage(options.max_input_bytes));
    }
    return decoded.status();
  }
  *body = std::move(*decoded);
  return Status::Ok();
}

// WARC 1.0 drafts wrote the target URI in angle brackets.
std::string TargetUri(std::string_view uri) {
  uri = TrimAscii(uri);
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
    uri = uri.substr(1, uri.size() - 2);
  }
  return std::string(uri);
}

class WarcReader {
 public:
  WarcReader(const std::string& path, BufferedReader& reader,
             const IngestOptions& options, const PageCallback& on_page,
             const ErrorCallback& on_error)
      : path_(path),
        reader_(reader),
        options_(options),
        on_page_(on_page),
        on_error_(on_error) {}

  Status Run() {
    while (true) {
      Result<bool> more = SkipBlankLines();
      if (!more.ok()) return more.status();
      if (!*more) return Status::Ok();
      ++record_;
      size_t header_offset = reader_.consumed();
      Headers headers;
      Result<bool> parsed = ReadRecordHeader(&headers);
      if (!parsed.ok()) return parsed.status();
      if (!*parsed && truncated_header_) {
        Report(Status::Corruption("truncated record header at byte " +
                                  std::to_string(header_offset)));
        return Status::Ok();
      }
      if (!*parsed) {
        Report(Status::Corruption("malformed WARC record header at byte " +
                                  std::to_string(header_offset)));
        Result<bool> found = Resync();
        if (!found.ok()) return found.status();
        if (!*found) return Status::Ok();
        continue;
      }
      size_t length = 0;
      if (!ParseLength(FindHeader(headers, "Content-Length"), &length)) {
        Report(Status::Corruption(
            "missing or invalid Content-Length in the record at byte " +
            std::to_string(header_offset)));
        Result<bool> found = Resync();
        if (!found.ok()) return found.status();
        if (!*found) return Status::Ok();
        continue;
      }
      Result<bool> ok = ReadBlock(headers, length);
      if (!ok.ok()) return ok.status();
      if (!*ok) return Status::Ok();  // truncated: reported, nothing follows
    }
  }

 private:
  void Report(Status status) {
    on_error_(InputError{RecordPath(path_, record_), std::move(status)});
  }

  // Source errors (I/O, corrupt gzip, a bomb) end the file; a TooLarge
  // from ReadLine only means an overlong line.
  bool IsSourceError(const Status& status) const {
    return status.code() != StatusCode::kTooLarge || reader_.source_failed();
  }

  // Skips the CRLFs between records; false at the end of the stream.
  Result<bool> SkipBlankLines() {
    while (true) {
      Result<std::string_view> next = reader_.Peek(1);
      if (!next.ok()) return next.status();
      if (next->empty()) return false;
      char c = (*next)[0];
      if (c != '\r' && c != '\n') return true;
      Result<size_t> skipped = reader_.Skip(1);
      if (!skipped.ok()) return skipped.status();
    }
  }

  // Reads the version line and header fields; false when they are not a
  // WARC record header (garbage, truncation inside the header).
  Result<bool> ReadRecordHeader(Headers* headers) {
    std::string line;
    Result<bool> got = reader_.ReadLine(&line, kMaxHeaderLine);
    if (!got.ok()) {
      if (IsSourceError(got.status())) return got.status();
      return false;
    }
    if (!*got || line.compare(0, 5, "WARC/") != 0) return false;
    for (size_t count = 0; count <= kMaxHeaderLines; ++count) {
      got = reader_.ReadLine(&line, kMaxHeaderLine);
      if (!got.ok()) {
        if (IsSourceError(got.status())) return got.status();
        return false;
      }
      if (!*got) {
        truncated_header_ = true;
        return false;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) return true;
      if (!AddHeaderLine(line, headers)) {
        // A header line cut off by the end of the stream is truncation,
        // not garbage.
        Result<std::string_view> next = reader_.Peek(1);
        if (!next.ok()) return next.status();
        truncated_header_ = next->empty();
        return false;
      }
    }
    return false;
  }

  // Skips to the next line that starts a record ("WARC/1."), whose bytes
  // stay unread. Cheap: a line-by-line scan, bounded memory.
  Result<bool> Resync() {
    while (true) {
      Result<std::string_view> head = reader_.Peek(7);
      if (!head.ok()) return head.status();
      if (head->empty()) return false;
      if (*head == "WARC/1.") return true;
      std::string line;
      Result<bool> got = reader_.ReadLine(&line, kMaxHeaderLine);
      if (!got.ok() && IsSourceError(got.status())) return got.status();
      if (got.ok() && !*got) return false;
    }
  }

  // Reads or skips one record's block. False when the stream ended inside
  // it (reported).
  Result<bool> ReadBlock(const Headers& headers, size_t length) {
    std::string type = AsciiLowerCopy(FindHeader(headers, "WARC-Type"));
    std::string media_type = MediaType(FindHeader(headers, "Content-Type"));
    bool wanted = type == "response" ||
                  (type == "resource" && IsHtmlMediaType(media_type));
    if (length > options_.max_input_bytes && wanted) {
      Report(
          Status::TooLarge(LargerThanBoundMessage(options_.max_input_bytes)));
      wanted = false;
    }
    if (!wanted) {
      Result<size_t> skipped = reader_.Skip(length);
      if (!skipped.ok()) return skipped.status();
      if (*skipped < length) return Truncated(*skipped, length);
      return true;
    }
    std::string block;
    Result<size_t> got = reader_.ReadBytes(length, &block);
    if (!got.ok()) return got.status();
    if (*got < length) return Truncated(*got, length);

    std::string url = TargetUri(FindHeader(headers, "WARC-Target-URI"));
    std::string content_type;
    if (type == "response") {
      HttpResponse response;
      if (!ParseHttpResponse(block, &response)) {
        Report(Status::Corruption("malformed HTTP response in the record"));
        return true;
      }
      if (response.status != 200) return true;
      content_type = std::string(FindHeader(response.headers, "Content-Type"));
      block.erase(0, response.body_offset);
      if (content_type.empty()) {
        // No header: sniff, as browsers do.
        if (DetectFormat(std::string_view(block).substr(
                0, kDetectPrefixBytes)) != InputFormat::kHtml) {
          return true;
        }
      } else if (!IsHtmlMediaType(MediaType(content_type))) {
        return true;
      }
      if (FindIgnoreCase(FindHeader(response.headers, "Transfer-Encoding"),
                         "chunked") != kNpos) {
        Status status = Dechunk(&block);
        if (!status.ok()) {
          Report(std::move(status));
          return true;
        }
      }
      Status status = Decode(FindHeader(response.headers, "Content-Encoding"),
                             options_, &block);
      if (!status.ok()) {
        Report(std::move(status));
        return true;
      }
    } else {
      content_type = std::string(FindHeader(headers, "Content-Type"));
    }
    if (TrimAscii(block).empty()) return true;
    Result<std::string> utf8 = ToUtf8(std::move(block), content_type);
    if (!utf8.ok()) {
      Report(utf8.status());
      return true;
    }
    Page page;
    page.source_file = path_;
    page.record = record_;
    page.url = std::move(url);
    page.kind = PageKind::kHtml;
    page.body = std::move(*utf8);
    on_page_(std::move(page));
    return true;
  }

  bool Truncated(size_t got, size_t length) {
    Report(Status::Corruption("truncated record: " + std::to_string(got) +
                              " of " + std::to_string(length) + " bytes"));
    return false;
  }

  const std::string& path_;
  BufferedReader& reader_;
  const IngestOptions& options_;
  const PageCallback& on_page_;
  const ErrorCallback& on_error_;
  uint64_t record_ = 0;
  bool truncated_header_ = false;
};

}  // namespace

Status ReadWarcPages(const std::string& path, BufferedReader& reader,
                     const IngestOptions& options, const PageCallback& on_page,
                     const ErrorCallback& on_error) {
  return WarcReader(path, reader, options, on_page, on_error).Run();
}

}  // namespace khaldun
