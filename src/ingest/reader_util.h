// Small helpers shared by the input readers (readers.cc and the per-format
// reader files). Internal to src/ingest.
#ifndef KHALDUN_INGEST_READER_UTIL_H_
#define KHALDUN_INGEST_READER_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace khaldun {

// "16 MiB", "64 KiB" or "1000 bytes": the size bound as users set it.
std::string FormatByteSize(size_t bytes);

// "larger than the 16 MiB bound (--max-bytes)": the one wording every
// reader uses for IngestOptions::max_input_bytes, so users learn one flag.
std::string LargerThanBoundMessage(size_t bound);

// "PATH:N", the path of record N in an InputError.
std::string RecordPath(const std::string& path, std::uint64_t record);

// True when `s` holds HTML markup: at least one start or end tag of a
// common HTML element (<p>, </div>, <br/>, <a href=...>). Used to decide
// between PageKind::kHtml and kCleanText for feed and JSON bodies.
bool ContainsHtmlMarkup(std::string_view s);

// Number of tags of common HTML elements in `s` (stops counting at `cap`).
size_t CountHtmlTags(std::string_view s, size_t cap);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_READER_UTIL_H_
