// DetectFormat: which reader an input needs, from its first bytes only.
#include <array>
#include <string>
#include <string_view>

#include "common/text.h"
#include "ingest/reader_util.h"
#include "ingest/readers.h"

namespace khaldun {
namespace {

struct Signature {
  std::string_view magic;
  std::string_view description;
};

// Files people point khaldun at by mistake (a downloaded PDF, an image
// directory, an archive): naming the kind beats "binary data". Gzip is
// absent on purpose: MaybeGunzip removed one layer already, so gzip magic
// here means gzip inside gzip.
constexpr std::array<Signature, 16> kSignatures = {{
    {"\x89PNG\r\n\x1a\n", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF87a", "a GIF image"},
    {"GIF89a", "a GIF image"},
    {"%PDF-", "a PDF file"},
    {"PK\x03\x04", "a ZIP archive (or an Office document)"},
    {"PK\x05\x06", "an empty ZIP archive"},
    {"\x7F"
     "ELF",
     "an ELF executable"},
    {std::string_view("\x1F\x8B", 2), "gzip data inside gzip data"},
    {"BZh", "bzip2-compressed data"},
    {std::string_view("\xFD"
                      "7zXZ\x00",
                      6),
     "xz-compressed data"},
    {"\x28\xB5\x2F\xFD", "zstd-compressed data"},
    {"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"},
    {std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8),
     "an old Microsoft Office document"},
    {"SQLite format 3", "an SQLite database"},
    {"RIFF", "a RIFF media file (WebP, WAV or AVI)"},
}};

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view SkipSpace(std::string_view s) {
  while (!s.empty() && IsXmlSpace(s.front())) s.remove_prefix(1);
  return s;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.';
}

// A control byte that no text file holds (tab, newlines, form feed and
// ESC, which terminal captures contain, are allowed).
bool IsBinaryControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
          c != '\v' && c != 0x1B) ||
         c == 0x7F;
}

// What the markup at the start of `s` says: skips comments, processing
// instructions and a doctype, then looks at the first element's name.
// kUnknown when the markup does not settle it.
InputFormat DetectFromMarkup(std::string_view s) {
  bool xml_declaration = false;
  // Each iteration removes one prolog item; the bound only guards against
  // pathological prefixes.
  for (int items = 0; items < 64; ++items) {
    s = SkipSpace(s);
    if (s.size() < 2 || s[0] != '<') return InputFormat::kUnknown;
    if (s.substr(0, 4) == "<!--") {
      size_t end = s.find("-->", 4);
      if (end == kNpos) return InputFormat::kUnknown;
      s.remove_prefix(end + 3);
      continue;
    }
    if (s[1] == '?') {
      if (StartsWithIgnoreCase(s, "<?xml")) xml_declaration = true;
      size_t end = s.find("?>");
      if (end == kNpos)
        return xml_declaration ? InputFormat::kFeed : InputFormat::kUnknown;
      s.remove_prefix(end + 2);
      continue;
    }
    if (StartsWithIgnoreCase(s, "<!doctype")) {
      std::string_view rest = SkipSpace(s.substr(9));
      size_t name_end = 0;
      while (name_end < rest.size() && IsNameChar(rest[name_end])) ++name_end;
      if (EqualsIgnoreCase(rest.substr(0, name_end), "html"))
        return InputFormat::kHtml;
      // An internal subset ("[ <!ENTITY ...> ]") holds '>' of its own.
      size_t close = s.find('>');
      size_t subset = s.find('[');
      if (subset != kNpos && (close == kNpos || subset < close)) {
        size_t subset_end = s.find(']', subset);
        close = subset_end == kNpos ? kNpos : s.find('>', subset_end);
      }
      if (close == kNpos)
        return xml_declaration ? InputFormat::kFeed : InputFormat::kUnknown;
      s.remove_prefix(close + 1);
      continue;
    }
    size_t name_end = 1;
    while (name_end < s.size() && IsNameChar(s[name_end])) ++name_end;
    std::string_view name = s.substr(1, name_end - 1);
    size_t colon = name.rfind(':');
    std::string_view local = colon == kNpos ? name : name.substr(colon + 1);
    if (EqualsIgnoreCase(local, "rss") || EqualsIgnoreCase(local, "feed") ||
        local == "RDF") {
      return InputFormat::kFeed;
    }
    if (EqualsIgnoreCase(local, "html") || EqualsIgnoreCase(local, "head") ||
        EqualsIgnoreCase(local, "body")) {
      return InputFormat::kHtml;
    }
    // Some other root: an XML declaration still makes it XML, which the
    // feed reader takes (and refuses when it holds no items).
    return xml_declaration ? InputFormat::kFeed : InputFormat::kUnknown;
  }
  return InputFormat::kUnknown;
}

// Best-effort UTF-16 to UTF-8 for detection only (errors become U+FFFD).
std::string Utf16PrefixToUtf8(std::string_view s, bool little_endian) {
  std::string out;
  for (size_t i = 0; i + 1 < s.size(); i += 2) {
    auto lo = static_cast<unsigned char>(s[little_endian ? i : i + 1]);
    auto hi = static_cast<unsigned char>(s[little_endian ? i + 1 : i]);
    AppendUtf8(out, static_cast<char32_t>(hi << 8 | lo));
  }
  return out;
}

}  // namespace

std::string_view InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kUnknown:
      return "unknown";
    case InputFormat::kText:
      return "text";
    case InputFormat::kHtml:
      return "html";
    case InputFormat::kJsonl:
      return "jsonl";
    case InputFormat::kFeed:
      return "feed";
    case InputFormat::kWarc:
      return "warc";
    case InputFormat::kBinary:
      return "binary";
  }
  return "unknown";
}

std::string_view DescribeBinary(std::string_view prefix) {
  for (const Signature& signature : kSignatures) {
    if (prefix.substr(0, signature.magic.size()) == signature.magic) {
      return signature.description;
    }
  }
  return "binary data";
}

InputFormat DetectFormat(std::string_view prefix) {
  if (prefix.empty()) return InputFormat::kUnknown;
  // Before the binary checks: WARC records carry images and gzip payloads.
  if (prefix.substr(0, 7) == "WARC/1.") return InputFormat::kWarc;
  if (DescribeBinary(prefix) != "binary data") return InputFormat::kBinary;

  if (prefix.size() >= 2 && ((prefix[0] == '\xFF' && prefix[1] == '\xFE') ||
                             (prefix[0] == '\xFE' && prefix[1] == '\xFF'))) {
    // UTF-16 (Windows tools write it): NULs are expected. Only the
    // whole-document readers transcode it, so JSON Lines and WARC in
    // UTF-16 are read as text, where ToUtf8 makes them readable at least.
    std::string utf8 = Utf16PrefixToUtf8(prefix.substr(2), prefix[0] == '\xFF');
    InputFormat inner = DetectFormat(utf8);
    if (inner == InputFormat::kFeed || inner == InputFormat::kHtml ||
        inner == InputFormat::kBinary) {
      return inner;
    }
    return InputFormat::kText;
  }

  size_t controls = 0;
  for (char c : prefix) {
    if (c == '\0') return InputFormat::kBinary;
    if (IsBinaryControl(static_cast<unsigned char>(c))) ++controls;
  }
  // One stray control byte in a scraped page is noise; one in fifty bytes
  // is not text.
  if (controls > 0 && controls * 50 >= prefix.size())
    return InputFormat::kBinary;

  std::string_view s = prefix;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  s = SkipSpace(s);
  if (s.empty()) return InputFormat::kText;
  if (s[0] == '{') {
    std::string_view rest = SkipSpace(s.substr(1));
    if (rest.empty() || rest[0] == '"' || rest[0] == '}')
      return InputFormat::kJsonl;
  }
  if (s[0] == '<') {
    InputFormat format = DetectFromMarkup(s);
    if (format != InputFormat::kUnknown) return format;
  }
  // Scrapers save pages with junk in front; and fragments without <html>
  // are still markup when tags are dense.
  if (FindIgnoreCase(s, "<!doctype html") != kNpos ||
      FindIgnoreCase(s, "<html") != kNpos ||
      FindIgnoreCase(s, "<body") != kNpos) {
    return InputFormat::kHtml;
  }
  if (CountHtmlTags(s, 3) >= 3) return InputFormat::kHtml;
  if (s[0] == '<' && ContainsHtmlMarkup(s.substr(0, s.find('>') + 1))) {
    return InputFormat::kHtml;
  }
  return InputFormat::kText;
}

}  // namespace khaldun
