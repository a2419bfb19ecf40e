// Ingest: from what scrapers and crawls produce to clean, structured
// articles.
//
// Input is any mix of files, directories (walked recursively, in sorted
// order) and "-" (standard input). The format of each input is detected
// from its content, gzip or not: plain scraped text, an HTML page, a JSON
// Lines corpus (news-please / CC-News shapes), an RSS 2.0 or Atom feed, or
// a WARC file. Each page then goes through main-content extraction, which
// drops page chrome (navigation, share and subscribe prompts, captchas,
// related links, repeated captions) and keeps the article's structure.
//
//   khaldun::IngestOptions options;
//   auto resources = khaldun::IngestResources::LoadBuiltin();
//   if (!resources.ok()) return Fail(resources.status());
//   khaldun::IngestStats stats = khaldun::IngestPaths(
//       paths, options, *resources,
//       [](khaldun::Article&& a) { Print(a); },
//       [](const khaldun::InputError& e) { Warn(e.path, e.status); });
//
// Memory stays bounded by the largest single page or record (bounded in
// turn by IngestOptions::max_input_bytes): corpora and directories are
// streamed, never read whole.
#ifndef KHALDUN_INGEST_H_
#define KHALDUN_INGEST_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "khaldun/status.h"

namespace khaldun {

// What kind of bytes a Page holds.
enum class PageKind {
  kHtml,       // an HTML page or fragment: goes through HTML extraction
  kText,       // scraped plain text with page chrome: text extraction
  kCleanText,  // body text a corpus already extracted (JSONL `text`)
};

// One page or corpus record as a reader found it, before extraction.
struct Page {
  std::string source_file;    // the input path ("-" for standard input)
  std::uint64_t record = 0;   // 1-based record/line/item number in a
                              // corpus file; 0 for a single-document file
  std::string url;            // empty when unknown
  PageKind kind = PageKind::kText;
  std::string body;           // UTF-8 bytes of the page or record body

  // Metadata that the container (JSONL fields, feed item, WARC headers)
  // gives; empty when absent. Extraction prefers these to guesses.
  std::string title;
  std::string published;      // as given, any common date format
  std::vector<std::string> authors;
  std::string section;
  std::string description;
  std::string language;
};

// One article, as `khaldun ingest` prints it. Strings are UTF-8; empty
// strings and lists print as null / [] in JSON.
struct Article {
  std::string id;             // 16 hex digits, stable: same input, same id
  std::string url;
  std::string source_file;
  std::uint64_t record = 0;
  std::string section;
  std::string headline;
  std::string standfirst;     // the summary under the headline
  std::vector<std::string> byline;  // author names, "By" removed
  std::string published;      // YYYY-MM-DD, or empty
  std::string dateline;       // place that opens the body ("BAGHDAD")
  std::vector<std::string> captions;  // de-duplicated
  std::vector<std::string> paragraphs;  // body paragraphs and sub-heads
  std::string text;           // paragraphs joined by "\n\n"
  std::string language;       // ISO 639-1, or empty when unsure
  std::vector<std::string> diagnostics;  // non-fatal notes on the input
};

// Options for ingestion. Defaults are what `khaldun ingest` uses.
struct IngestOptions {
  // Largest single document or corpus record, after decompression. Larger
  // ones are rejected with an error naming the input; 16 MiB holds any real
  // news page many times over while bounding memory per worker.
  std::size_t max_input_bytes = 16u << 20;
  // When non-empty (YYYY-MM-DD), overrides every article's `published`.
  std::string published;
  // Largest gzip expansion ratio accepted before the input is treated as a
  // decompression bomb. Real HTML compresses about 5-10x.
  std::size_t max_gzip_ratio = 1000;
};

// Dictionaries ingest uses (boilerplate phrases, content hints, language
// stop words), loaded once and shared read-only. Copying is cheap (shared
// immutable state); thread-safe.
class IngestResources {
 public:
  struct Impl;
  // The data files compiled into the binary, or, when the environment
  // variable KHALDUN_DATA_DIR is set, the files under that directory.
  static Result<IngestResources> LoadBuiltin();
  // The data files under `data_dir` (the layout of the repository's data/).
  static Result<IngestResources> LoadFromDirectory(const std::string& data_dir);

  const Impl& impl() const { return *impl_; }

 private:
  explicit IngestResources(std::shared_ptr<const Impl> impl)
      : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// Turns one page into an article: main-content extraction for HTML and
// scraped text, metadata (headline, byline, date, section, captions,
// dateline, language) from markup and text. Never fails: content problems
// become diagnostics. Thread-safe.
Article ExtractArticle(const Page& page, const IngestResources& resources,
                       const IngestOptions& options);

// A stable article id: 16 lower-case hex digits of a 64-bit hash of the
// URL and the body bytes.
std::string ArticleId(std::string_view url, std::string_view body);

// An input (or a record within one) that could not be read.
struct InputError {
  std::string path;     // "file.jsonl" or "file.jsonl:17" for a record
  Status status;        // what is wrong, as a sentence fragment
};

struct IngestStats {
  std::uint64_t inputs = 0;    // files read (after walking directories)
  std::uint64_t articles = 0;  // articles delivered
  std::uint64_t errors = 0;    // InputErrors reported
  std::uint64_t bytes = 0;     // bytes read, after decompression
};

using ArticleCallback = std::function<void(Article&&)>;
using ErrorCallback = std::function<void(const InputError&)>;

// Reads every path in order, delivering each article and each error as it
// is found. A bad input never stops the others.
IngestStats IngestPaths(std::span<const std::string> paths,
                        const IngestOptions& options,
                        const IngestResources& resources,
                        const ArticleCallback& on_article,
                        const ErrorCallback& on_error);

// Reads one input held in memory (an uploaded page, feed, JSONL or WARC
// body), detecting its format from its bytes like IngestPaths; `name`
// stands for its path in articles' source_file and in errors. `bytes` must
// outlive the call.
IngestStats IngestBytes(std::string_view name, std::string_view bytes,
                        const IngestOptions& options, const IngestResources& resources,
                        const ArticleCallback& on_article, const ErrorCallback& on_error);

using PageCallback = std::function<void(Page&&)>;

// Reads every path as IngestPaths() does (same order, same errors) but
// delivers each page before extraction; ExtractArticle() turns it into the
// article IngestPaths() would have delivered. Lets a caller pick pages
// before paying for extraction (sharded runs) or extract them on several
// threads. `articles` in the result counts the pages delivered.
IngestStats ReadPaths(std::span<const std::string> paths,
                      const IngestOptions& options,
                      const PageCallback& on_page,
                      const ErrorCallback& on_error);

// Serialises an article as one JSON object (no trailing newline) with the
// fields record, id, url, source_file, section, headline, standfirst,
// byline, published, dateline, captions, paragraphs, text, language.
std::string ArticleToJson(const Article& article);

}  // namespace khaldun

#endif  // KHALDUN_INGEST_H_
