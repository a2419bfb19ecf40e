#include "ingest/reader_util.h"

#include <array>

#include "common/text.h"

namespace khaldun {
namespace {

// Elements that open or close article markup. Deliberately common ones
// only: "<Reuters>" or "a < b > c" in plain text must not count.
constexpr std::array<std::string_view, 40> kHtmlElements = {
    "a",      "abbr",  "article", "aside",   "b",          "blockquote",
    "body",   "br",    "div",     "em",      "figcaption", "figure",
    "footer", "h1",    "h2",      "h3",      "h4",         "h5",
    "h6",     "head",  "header",  "hr",      "html",       "i",
    "iframe", "img",   "li",      "link",    "meta",       "nav",
    "ol",     "p",     "script",  "section", "span",       "strong",
    "style",  "table", "title",   "ul"};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

// Whether a tag of a known element starts at s[i] ('<' at i).
bool HtmlTagAt(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  size_t name_begin = j;
  while (j < s.size() && IsNameChar(s[j]) && j - name_begin <= 12) ++j;
  if (j == name_begin || j >= s.size()) return false;
  char after = s[j];
  if (after != '>' && after != ' ' && after != '/' && after != '\t' &&
      after != '\n' && after != '\r') {
    return false;
  }
  std::string_view name = s.substr(name_begin, j - name_begin);
  for (std::string_view element : kHtmlElements) {
    if (EqualsIgnoreCase(name, element)) return true;
  }
  return false;
}

}  // namespace

std::string FormatByteSize(size_t bytes) {
  constexpr size_t kKiB = 1024;
  constexpr size_t kMiB = kKiB * 1024;
  constexpr size_t kGiB = kMiB * 1024;
  if (bytes >= kGiB && bytes % kGiB == 0)
    return std::to_string(bytes / kGiB) + " GiB";
  if (bytes >= kMiB && bytes % kMiB == 0)
    return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0)
    return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string LargerThanBoundMessage(size_t bound) {
  return "larger than the " + FormatByteSize(bound) + " bound (--max-bytes)";
}

std::string RecordPath(const std::string& path, std::uint64_t record) {
  return path + ":" + std::to_string(record);
}

size_t CountHtmlTags(std::string_view s, size_t cap) {
  size_t count = 0;
  for (size_t i = s.find('<'); i != std::string_view::npos && count < cap;
       i = s.find('<', i + 1)) {
    if (HtmlTagAt(s, i)) ++count;
  }
  return count;
}

bool ContainsHtmlMarkup(std::string_view s) { return CountHtmlTags(s, 1) > 0; }

}  // namespace khaldun
