// JSON Lines corpora: news-please and CC-News dumps and similar shapes.
//
// One JSON object per line, parsed with simdjson's DOM parser (reused
// across lines, so its buffers are allocated once for the longest line).
// DOM rather than On Demand because it validates the whole line: a line
// truncated after its "text" field must be reported, not half-read.
#include <simdjson.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "ingest/reader_util.h"
#include "ingest/readers.h"

namespace khaldun {
namespace {

// Field names per Page field, most specific first. news-please writes
// maintext / date_publish / authors; CC-News text / date; schema.org-minded
// scrapers datePublished / headline; generic dumps the rest.
constexpr std::array<std::string_view, 3> kUrlKeys = {"url", "link",
                                                      "source_url"};
constexpr std::array<std::string_view, 2> kTitleKeys = {"title", "headline"};
constexpr std::array<std::string_view, 5> kTextKeys = {
    "maintext", "text", "content", "body", "article"};
constexpr std::array<std::string_view, 3> kHtmlKeys = {"html", "raw_html",
                                                       "content_html"};
constexpr std::array<std::string_view, 6> kDateKeys = {
    "date_publish", "date",    "published",
    "published_at", "pubdate", "datePublished"};
constexpr std::array<std::string_view, 2> kAuthorKeys = {"authors", "author"};
constexpr std::array<std::string_view, 2> kLanguageKeys = {"language", "lang"};
constexpr std::array<std::string_view, 2> kSectionKeys = {"section",
                                                          "category"};
constexpr std::array<std::string_view, 2> kDescriptionKeys = {"description",
                                                              "summary"};

// The best value seen so far for one Page field: lower rank wins, so the
// key order above decides, not the order of keys in the line.
struct Pick {
  size_t rank = static_cast<size_t>(-1);
  simdjson::dom::element value;
  bool found() const { return rank != static_cast<size_t>(-1); }
};

// What a field's value must be to count: a null or an object where a
// string belongs counts as absent, so the next key in the list can win
// (news-please writes "date_publish": null).
enum class Accept { kString, kStringOrNumber, kAnyButNull };

bool Acceptable(simdjson::dom::element value, Accept accept) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      return true;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
      return accept != Accept::kString;
    case simdjson::dom::element_type::NULL_VALUE:
      return false;
    default:
      return accept == Accept::kAnyButNull;
  }
}

template <size_t N>
void Consider(const std::array<std::string_view, N>& keys, std::string_view key,
              simdjson::dom::element value, Accept accept, Pick& pick) {
  for (size_t i = 0; i < N && i < pick.rank; ++i) {
    if (key == keys[i] && !Acceptable(value, accept)) return;
    if (key == keys[i]) {
      pick.rank = i;
      pick.value = value;
      return;
    }
  }
}

// A string, or a number written as digits (dates like 20080804 come as
// numbers); null and other types are absent.
std::string ScalarText(simdjson::dom::element value) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS)
    return std::string(text);
  int64_t integer;
  if (value.get_int64().get(integer) == simdjson::SUCCESS)
    return std::to_string(integer);
  uint64_t unsigned_integer;
  if (value.get_uint64().get(unsigned_integer) == simdjson::SUCCESS) {
    return std::to_string(unsigned_integer);
  }
  return "";
}

// Whether `pick` holds a string with something other than white space.
bool NonEmptyString(const Pick& pick, std::string_view* out) {
  if (!pick.found()) return false;
  std::string_view text;
  if (pick.value.get_string().get(text) != simdjson::SUCCESS) return false;
  if (TrimAscii(text).empty()) return false;
  *out = text;
  return true;
}

void AddAuthor(simdjson::dom::element value,
               std::vector<std::string>& authors) {
  std::string_view name;
  if (value.get_string().get(name) != simdjson::SUCCESS) {
    // {"name": "..."} as schema.org Person objects are written.
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) return;
    simdjson::dom::element name_value;
    if (object.at_key("name").get(name_value) != simdjson::SUCCESS) return;
    if (name_value.get_string().get(name) != simdjson::SUCCESS) return;
  }
  name = TrimAscii(name);
  if (name.empty()) return;
  for (const std::string& seen : authors) {
    if (seen == name) return;
  }
  authors.emplace_back(name);
}

std::vector<std::string> Authors(const Pick& pick) {
  std::vector<std::string> authors;
  if (!pick.found()) return authors;
  simdjson::dom::array array;
  if (pick.value.get_array().get(array) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : array) AddAuthor(item, authors);
  } else {
    AddAuthor(pick.value, authors);
  }
  return authors;
}

// One parsed line to a Page; the Status explains a record without a body.
Status LineToPage(simdjson::dom::object object, Page& page) {
  Pick url, title, text, html, date, author, language, section, description;
  for (simdjson::dom::key_value_pair field : object) {
    Consider(kUrlKeys, field.key, field.value, Accept::kString, url);
    Consider(kTitleKeys, field.key, field.value, Accept::kString, title);
    Consider(kTextKeys, field.key, field.value, Accept::kString, text);
    Consider(kHtmlKeys, field.key, field.value, Accept::kString, html);
    Consider(kDateKeys, field.key, field.value, Accept::kStringOrNumber, date);
    Consider(kAuthorKeys, field.key, field.value, Accept::kAnyButNull, author);
    Consider(kLanguageKeys, field.key, field.value, Accept::kString, language);
    Consider(kSectionKeys, field.key, field.value, Accept::kString, section);
    Consider(kDescriptionKeys, field.key, field.value, Accept::kString,
             description);
  }
  // Clean text wins over HTML: the corpus already extracted it, and its
  // extractor saw the live page; HTML-only records still go through ours.
  std::string_view body;
  if (NonEmptyString(text, &body)) {
    page.kind = PageKind::kCleanText;
  } else if (NonEmptyString(html, &body)) {
    page.kind = PageKind::kHtml;
  } else if (text.found() || html.found()) {
    return Status::Corruption("empty text or html field");
  } else {
    return Status::Corruption("no text or html field");
  }
  page.body.assign(body);
  if (url.found()) page.url = std::string(TrimAscii(ScalarText(url.value)));
  if (title.found()) page.title = ScalarText(title.value);
  if (date.found()) page.published = ScalarText(date.value);
  if (language.found()) page.language = ScalarText(language.value);
  if (section.found()) page.section = ScalarText(section.value);
  if (description.found()) page.description = ScalarText(description.value);
  page.authors = Authors(author);
  return Status::Ok();
}

bool IsBlank(std::string_view line) { return TrimAscii(line).empty(); }

}  // namespace

Status ReadJsonlPages(const std::string& path, BufferedReader& reader,
                      const IngestOptions& options, const PageCallback& on_page,
                      const ErrorCallback& on_error) {
  simdjson::dom::parser parser;
  std::string line;
  uint64_t line_number = 0;
  while (true) {
    Result<bool> more = reader.ReadLine(&line, options.max_input_bytes);
    ++line_number;
    if (!more.ok()) {
      if (more.status().code() == StatusCode::kTooLarge &&
          !reader.source_failed()) {
        on_error(InputError{
            RecordPath(path, line_number),
            Status::TooLarge(LargerThanBoundMessage(options.max_input_bytes))});
        continue;
      }
      return more.status();
    }
    if (!*more) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t begin = 0;
    if (line_number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) begin = 3;
    std::string_view json = std::string_view(line).substr(begin);
    if (IsBlank(json)) continue;

    // simdjson reads up to SIMDJSON_PADDING bytes past the end.
    size_t size = json.size();
    line.append(simdjson::SIMDJSON_PADDING, '\0');
    simdjson::dom::element document;
    simdjson::error_code error =
        parser.parse(line.data() + begin, size, /*realloc_if_needed=*/false)
            .get(document);
    if (error != simdjson::SUCCESS) {
      on_error(InputError{RecordPath(path, line_number),
                          Status::Corruption(std::string("invalid JSON: ") +
                                             simdjson::error_message(error))});
      continue;
    }
    simdjson::dom::object object;
    if (document.get_object().get(object) != simdjson::SUCCESS) {
      on_error(InputError{RecordPath(path, line_number),
                          Status::Corruption("not a JSON object")});
      continue;
    }
    Page page;
    Status status = LineToPage(object, page);
    if (!status.ok()) {
      on_error(InputError{RecordPath(path, line_number), std::move(status)});
      continue;
    }
    page.source_file = path;
    page.record = line_number;
    on_page(std::move(page));
  }
  return Status::Ok();
}

}  // namespace khaldun
