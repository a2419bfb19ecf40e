// The ingest stage's entry points: resources, per-page extraction and the
// streaming walk over inputs.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/json_writer.h"
#include "common/text.h"
#include "ingest/dates.h"
#include "ingest/html_extract.h"
#include "ingest/readers.h"
#include "ingest/resources.h"
#include "ingest/text_extract.h"
#include "khaldun/ingest.h"

namespace khaldun {
namespace {

Result<IngestResources::Impl> LoadImpl(const DataFiles& files) {
  IngestResources::Impl impl;
  auto boilerplate = BoilerplateLexicon::Load(files);
  if (!boilerplate.ok()) return boilerplate.status();
  impl.boilerplate = std::move(*boilerplate);
  auto hints = HtmlHints::Load(files);
  if (!hints.ok()) return hints.status();
  impl.html_hints = std::move(*hints);
  auto byline_words = BylineWords::Load(files);
  if (!byline_words.ok()) return byline_words.status();
  impl.byline_words = std::move(*byline_words);
  auto language = LanguageIdentifier::Load(files);
  if (!language.ok()) return language.status();
  impl.language = std::move(*language);
  return impl;
}

// "en-US", "EN", "en_GB" -> "en"; anything else that is not two letters
// is dropped.
std::string NormalizeLanguageTag(std::string_view tag) {
  tag = TrimAscii(tag);
  size_t end = tag.find_first_of("-_");
  std::string_view primary = tag.substr(0, end);
  if (primary.size() != 2) return "";
  std::string out = AsciiLowerCopy(primary);
  if (out[0] < 'a' || out[0] > 'z' || out[1] < 'a' || out[1] > 'z') return "";
  return out;
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  size_t size = 0;
  for (const auto& p : paragraphs) size += p.size() + 2;
  std::string text;
  text.reserve(size);
  for (const auto& p : paragraphs) {
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  return text;
}

// Reads one regular file or standard input.
void IngestStream(const std::string& path, std::unique_ptr<ByteSource> raw,
                  const IngestOptions& options, const PageCallback& on_page,
                  const ErrorCallback& on_error, IngestStats& stats) {
  ++stats.inputs;
  std::unique_ptr<ByteSource> source = MaybeGunzip(std::move(raw), options.max_gzip_ratio);
  ErrorCallback count_errors = [&](const InputError& error) {
    ++stats.errors;
    on_error(error);
  };
  Status status = ReadPages(
      path, *source, options,
      [&](Page&& page) {
        stats.bytes += page.body.size();
        ++stats.articles;
        on_page(std::move(page));
      },
      count_errors);
  if (!status.ok()) {
    count_errors(InputError{path, status});
  }
}

void IngestFile(const std::string& path, const IngestOptions& options,
                const PageCallback& on_page, const ErrorCallback& on_error, IngestStats& stats) {
  auto file = OpenFileSource(path);
  if (!file.ok()) {
    ++stats.errors;
    on_error(InputError{path, file.status()});
    return;
  }
  IngestStream(path, std::move(*file), options, on_page, on_error, stats);
}

void IngestDirectory(const std::filesystem::path& dir, const IngestOptions& options,
                     const PageCallback& on_page, const ErrorCallback& on_error,
                     IngestStats& stats, int depth) {
  // Entries are sorted so that output order does not depend on the file
  // system; only names are held, never contents.
  std::error_code ec;
  std::vector<std::filesystem::directory_entry> entries;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') continue;  // hidden files, .git
    entries.push_back(*it);
  }
  if (ec) {
    ++stats.errors;
    on_error(InputError{dir.string(), Status::IOError(ec.message())});
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path() < b.path(); });
  for (const auto& entry : entries) {
    std::error_code type_ec;
    // Symbolic links to directories are not followed: they can form cycles.
    if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
      if (depth >= 64) {
        ++stats.errors;
        on_error(InputError{entry.path().string(),
                            Status::Unsupported("directory nesting deeper than 64")});
        continue;
      }
      IngestDirectory(entry.path(), options, on_page, on_error, stats, depth + 1);
    } else if (entry.is_regular_file(type_ec)) {
      IngestFile(entry.path().string(), options, on_page, on_error, stats);
    }
  }
}

}  // namespace

Result<IngestResources> IngestResources::LoadBuiltin() {
  auto impl = LoadImpl(DataFiles::Default());
  if (!impl.ok()) return impl.status();
  return IngestResources(std::make_shared<const Impl>(std::move(*impl)));
}

Result<IngestResources> IngestResources::LoadFromDirectory(const std::string& data_dir) {
  auto impl = LoadImpl(DataFiles::Directory(data_dir));
  if (!impl.ok()) return impl.status();
  return IngestResources(std::make_shared<const Impl>(std::move(*impl)));
}

std::string ArticleId(std::string_view url, std::string_view body) {
  return Hex64(Hash64(body, Hash64(url)));
}

Article ExtractArticle(const Page& page, const IngestResources& resources,
                       const IngestOptions& options) {
  const IngestResources::Impl& impl = resources.impl();
  Article article;
  switch (page.kind) {
    case PageKind::kHtml: article = ExtractHtmlArticle(page, impl); break;
    case PageKind::kText: article = ExtractTextArticle(page, impl); break;
    case PageKind::kCleanText: article = ExtractCleanTextArticle(page, impl); break;
  }
  article.id = ArticleId(page.url, page.body);
  article.url = page.url;
  article.source_file = page.source_file;
  article.record = page.record;

  // What the container says explicitly beats what extraction inferred.
  if (!page.title.empty()) article.headline = CollapseWhitespace(page.title);
  if (!page.section.empty()) article.section = CollapseWhitespace(page.section);
  if (article.byline.empty()) article.byline = page.authors;
  if (!page.description.empty() && article.standfirst.empty()) {
    article.standfirst = CollapseWhitespace(page.description);
  }
  std::string published;
  if (!options.published.empty()) {
    published = NormalizeDate(options.published);
  }
  if (published.empty() && !page.published.empty()) published = NormalizeDate(page.published);
  if (published.empty()) published = NormalizeDate(article.published);
  if (published.empty()) published = DateFromUrl(page.url);
  if (published.empty() && !article.dateline.empty() && !article.paragraphs.empty()) {
    // A dated dateline ("May 6, 2025 (EL FASHER) -", "KYIV, March 3, 2025 -")
    // states the day of filing; only its opening words are searched, so a
    // date in the story itself is never taken for the publication date.
    std::string_view first = article.paragraphs.front();
    size_t dash = first.find_first_of("\xE2-");  // the lead byte of an en/em dash, or '-'
    size_t head_size = std::min<size_t>(dash == std::string_view::npos ? first.size() : dash, 80);
    published = FindDateInText(first.substr(0, head_size));
  }
  article.published = published;

  std::string language = NormalizeLanguageTag(page.language);
  if (language.empty()) language = NormalizeLanguageTag(article.language);
  article.text = JoinParagraphs(article.paragraphs);
  // Markup often claims "en" for whatever the page says; the text decides
  // when it is long enough to be sure.
  // A few KiB of body text are plenty to tell the language; scoring a long
  // article whole would cost more than extracting it.
  constexpr size_t kLanguageSample = 4096;
  std::string_view sample(article.text);
  if (sample.size() > kLanguageSample) {
    size_t cut = sample.rfind(' ', kLanguageSample);
    sample = sample.substr(0, cut == std::string_view::npos ? kLanguageSample : cut);
  }
  std::string detected = impl.language.Identify(sample);
  if (!detected.empty()) language = detected;
  article.language = language;
  return article;
}

IngestStats ReadPaths(std::span<const std::string> paths, const IngestOptions& options,
                      const PageCallback& on_page, const ErrorCallback& on_error) {
  IngestStats stats;
  for (const std::string& path : paths) {
    if (path == "-") {
      IngestStream(path, StdinSource(), options, on_page, on_error, stats);
      continue;
    }
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
      ++stats.errors;
      on_error(InputError{path, Status::NotFound("no such file or directory")});
      continue;
    }
    if (std::filesystem::is_directory(status)) {
      IngestDirectory(path, options, on_page, on_error, stats, 0);
      continue;
    }
    IngestFile(path, options, on_page, on_error, stats);
  }
  return stats;
}

IngestStats IngestPaths(std::span<const std::string> paths, const IngestOptions& options,
                        const IngestResources& resources, const ArticleCallback& on_article,
                        const ErrorCallback& on_error) {
  return ReadPaths(
      paths, options,
      [&](Page&& page) { on_article(ExtractArticle(page, resources, options)); }, on_error);
}

IngestStats IngestBytes(std::string_view name, std::string_view bytes,
                        const IngestOptions& options, const IngestResources& resources,
                        const ArticleCallback& on_article, const ErrorCallback& on_error) {
  IngestStats stats;
  IngestStream(
      std::string(name), MemorySource(bytes), options,
      [&](Page&& page) { on_article(ExtractArticle(page, resources, options)); }, on_error,
      stats);
  return stats;
}

std::string ArticleToJson(const Article& article) {
  std::string out;
  out.reserve(article.text.size() * 2 + 512);
  JsonObjectWriter json(out);
  json.String("record", "article");
  json.String("id", article.id);
  json.String("url", article.url);
  json.String("source_file", article.source_file);
  if (article.record > 0) {
    json.Number("record_number", static_cast<long long>(article.record));
  }
  json.String("section", article.section);
  json.String("headline", article.headline);
  json.String("standfirst", article.standfirst);
  json.StringList("byline", article.byline);
  json.String("published", article.published);
  json.String("dateline", article.dateline);
  json.StringList("captions", article.captions);
  json.StringList("paragraphs", article.paragraphs);
  json.String("text", article.text, /*null_if_empty=*/false);
  json.String("language", article.language);
  if (!article.diagnostics.empty()) json.StringList("diagnostics", article.diagnostics);
  json.Close();
  return out;
}

}  // namespace khaldun
