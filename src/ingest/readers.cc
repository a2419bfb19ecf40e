// ReadPages: detects an input's format and hands it to its reader.
#include "ingest/readers.h"

#include <string>
#include <utility>

#include "common/text.h"
#include "ingest/reader_util.h"

namespace khaldun {
namespace {

// A single document (text or HTML): read whole, bounded, made UTF-8.
Status ReadSingleDocument(const std::string& path, BufferedReader& reader,
                          InputFormat format, const IngestOptions& options,
                          const PageCallback& on_page) {
  Result<std::string> bytes = reader.ReadAll(options.max_input_bytes);
  if (!bytes.ok()) {
    if (bytes.status().code() == StatusCode::kTooLarge &&
        !reader.source_failed()) {
      return Status::TooLarge(LargerThanBoundMessage(options.max_input_bytes));
    }
    return bytes.status();
  }
  Result<std::string> utf8 = ToUtf8(std::move(*bytes), "");
  if (!utf8.ok()) return utf8.status();
  if (TrimAscii(*utf8).empty())
    return Status::Corruption("empty input (white space only)");
  Page page;
  page.source_file = path;
  page.record = 0;
  page.kind = format == InputFormat::kHtml ? PageKind::kHtml : PageKind::kText;
  page.body = std::move(*utf8);
  on_page(std::move(page));
  return Status::Ok();
}

}  // namespace

Status ReadPages(const std::string& path, ByteSource& source,
                 const IngestOptions& options, const PageCallback& on_page,
                 const ErrorCallback& on_error) {
  BufferedReader reader(&source);
  Result<std::string_view> prefix = reader.Peek(kDetectPrefixBytes);
  if (!prefix.ok()) return prefix.status();
  if (prefix->empty()) return Status::Corruption("empty input");
  InputFormat format = DetectFormat(*prefix);
  switch (format) {
    case InputFormat::kWarc:
      return ReadWarcPages(path, reader, options, on_page, on_error);
    case InputFormat::kJsonl:
      return ReadJsonlPages(path, reader, options, on_page, on_error);
    case InputFormat::kFeed: {
      Result<std::string> xml = reader.ReadAll(options.max_input_bytes);
      if (!xml.ok()) {
        if (xml.status().code() == StatusCode::kTooLarge &&
            !reader.source_failed()) {
          return Status::TooLarge(
              LargerThanBoundMessage(options.max_input_bytes));
        }
        return xml.status();
      }
      return ReadFeedPages(path, *xml, options, on_page, on_error);
    }
    case InputFormat::kBinary:
      return Status::Unsupported(
          std::string(DescribeBinary(*prefix)) +
          " (not text, HTML, JSON Lines, a feed or WARC)");
    case InputFormat::kHtml:
    case InputFormat::kText:
    case InputFormat::kUnknown:
      return ReadSingleDocument(path, reader, format, options, on_page);
  }
  return Status::Internal("unhandled input format");
}

}  // namespace khaldun
