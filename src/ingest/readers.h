// Readers: from an input stream to pages. The format is detected from the
// content (after transparent gzip): WARC, JSON Lines, RSS/Atom feed, HTML,
// or plain text; binary input is refused.
#ifndef KHALDUN_INGEST_READERS_H_
#define KHALDUN_INGEST_READERS_H_

#include <functional>
#include <string>
#include <string_view>

#include "ingest/byte_source.h"
#include "khaldun/ingest.h"

namespace khaldun {

enum class InputFormat {
  kUnknown,
  kText,
  kHtml,
  kJsonl,
  kFeed,
  kWarc,
  kBinary
};

std::string_view InputFormatName(InputFormat format);

// The format of a stream that begins with `prefix` (a few KiB, already
// decompressed). Extension-free: content decides. "WARC/1." starts a WARC
// file; a first line that opens a JSON object makes JSON Lines; an XML
// declaration or an <rss>, <feed> or <rdf:RDF> root (after a BOM, white
// space, comments and a doctype) a feed; a doctype html, an <html>, <head>
// or <body> tag or markup-dense text HTML; NUL bytes, many control bytes
// or a known binary signature (PNG, PDF, ZIP...) binary; the rest text.
// kUnknown only for an empty prefix.
InputFormat DetectFormat(std::string_view prefix);

// For a prefix DetectFormat calls binary: what it is, for the error
// message ("a PDF file", "a PNG image"), or "binary data" when no known
// signature matches.
std::string_view DescribeBinary(std::string_view prefix);

// Bytes of look-ahead ReadPages gives DetectFormat.
inline constexpr size_t kDetectPrefixBytes = 8192;

using PageCallback = std::function<void(Page&&)>;

// Reads one input: detects its format and emits its pages in order.
// Record-level problems (a bad JSON line, a truncated WARC record, an item
// over the size bound) go to `on_error` with path "PATH:N" and reading
// goes on. Input-level problems (empty, binary, broken UTF-8, over the
// size bound, malformed container) are the returned Status.
Status ReadPages(const std::string& path, ByteSource& source,
                 const IngestOptions& options, const PageCallback& on_page,
                 const ErrorCallback& on_error);

// The individual readers, for tests and fuzzers. Each reads the whole of
// `reader` (positioned at the start of the stream).
//
// JSON Lines: one object per line, streamed (memory bounded by the longest
// line). Body from maintext/text/content/body/article (kCleanText), else
// html/raw_html/content_html (kHtml); url, title, date, authors, language,
// section and description from their usual names. Pages are numbered by
// line; a malformed line, a line without a body or a line over
// max_input_bytes goes to on_error as "PATH:LINE" and reading goes on.
Status ReadJsonlPages(const std::string& path, BufferedReader& reader,
                      const IngestOptions& options, const PageCallback& on_page,
                      const ErrorCallback& on_error);
// Feeds: RSS 2.0, RSS 1.0 (RDF) and Atom, one page per item or entry,
// numbered from 1. `xml` is the whole feed (at most max_input_bytes).
// External entities and DTDs are never loaded. An <html> root is read as
// one HTML page; another root without items is Unsupported; XML with no
// recoverable root is Corruption("malformed XML: <reason> at line N").
Status ReadFeedPages(const std::string& path, std::string_view xml,
                     const IngestOptions& options, const PageCallback& on_page,
                     const ErrorCallback& on_error);
// WARC 1.0/1.1, record by record: HTML responses with status 200 (chunked
// and gzip/deflate payloads decoded, charset from the HTTP Content-Type)
// and HTML resource records become kHtml pages numbered by record, from 1.
// Oversized records, undecodable payloads, a truncated last record and
// garbage between records (skipped up to the next "WARC/1." line) go to
// on_error as "PATH:RECORD".
Status ReadWarcPages(const std::string& path, BufferedReader& reader,
                     const IngestOptions& options, const PageCallback& on_page,
                     const ErrorCallback& on_error);

// Makes a single document (HTML or text) valid UTF-8: valid input passes
// through; input that declares a single-byte charset (windows-1252,
// iso-8859-1, latin1, us-ascii) in a meta tag, an XML declaration or
// `content_type` is transcoded; a UTF-16 BOM means UTF-16; anything else
// that is not UTF-8 is Corruption ("invalid UTF-8 at byte N"), even a
// single stray byte. A UTF-8 BOM is removed.
Result<std::string> ToUtf8(std::string bytes, std::string_view content_type);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_READERS_H_
