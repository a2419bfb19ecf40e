// ToUtf8: every page body leaves the readers as valid UTF-8.
//
// Strict by design: a text that is mostly UTF-8 with a few stray bytes is
// reported (with the byte offset), not repaired, because silent U+FFFD
// substitution would put garbage into event evidence. Only what the input
// itself declares (BOM, HTTP Content-Type, <meta charset>, XML encoding)
// licenses a transcoding.
#include <array>
#include <string>
#include <string_view>

#include "common/text.h"
#include "ingest/readers.h"

namespace khaldun {
namespace {

// Bytes searched for an in-document declaration. The HTML standard's
// prescan looks at 1024 bytes; scraped pages often carry a long comment or
// script first, so a little more.
constexpr size_t kDeclarationWindow = 4096;

// Labels the WHATWG Encoding Standard maps to windows-1252: browsers decode
// every "iso-8859-1" and "us-ascii" page as windows-1252, so do we.
constexpr std::array<std::string_view, 17> kWindows1252Labels = {
    "ansi_x3.4-1968",
    "ascii",
    "cp1252",
    "cp819",
    "csisolatin1",
    "ibm819",
    "iso-8859-1",
    "iso-ir-100",
    "iso8859-1",
    "iso88591",
    "iso_8859-1",
    "iso_8859-1:1987",
    "l1",
    "latin1",
    "us-ascii",
    "windows-1252",
    "x-cp1252"};

bool IsLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
}

// The value after "charset=" / "encoding=" at s[pos], quotes and spaces
// skipped, lower-cased.
std::string LabelAt(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '"' || s[pos] == '\''))
    ++pos;
  size_t end = pos;
  while (end < s.size() && IsLabelChar(s[end])) ++end;
  return AsciiLowerCopy(s.substr(pos, end - pos));
}

// charset=... in a Content-Type header value or a meta content attribute.
std::string CharsetParameter(std::string_view value) {
  size_t at = FindIgnoreCase(value, "charset");
  while (at != kNpos) {
    size_t pos = at + 7;
    while (pos < value.size() && value[pos] == ' ') ++pos;
    if (pos < value.size() && value[pos] == '=') return LabelAt(value, pos + 1);
    at = FindIgnoreCase(value, "charset", at + 7);
  }
  return "";
}

// The charset the document declares in its first bytes: an XML
// declaration's encoding, or a <meta charset> / <meta http-equiv> tag.
std::string DeclaredCharset(std::string_view bytes) {
  std::string_view head = bytes.substr(0, kDeclarationWindow);
  if (StartsWithIgnoreCase(head, "<?xml")) {
    size_t end = head.find("?>");
    std::string_view decl = head.substr(0, end);
    size_t at = FindIgnoreCase(decl, "encoding");
    if (at != kNpos) {
      size_t eq = decl.find('=', at);
      if (eq != kNpos) return LabelAt(decl, eq + 1);
    }
  }
  for (size_t at = FindIgnoreCase(head, "<meta"); at != kNpos;
       at = FindIgnoreCase(head, "<meta", at + 5)) {
    size_t end = head.find('>', at);
    std::string label =
        CharsetParameter(head.substr(at, end == kNpos ? kNpos : end - at));
    if (!label.empty()) return label;
  }
  return "";
}

bool IsWindows1252Label(std::string_view label) {
  for (std::string_view known : kWindows1252Labels) {
    if (label == known) return true;
  }
  return false;
}

Result<std::string> Utf16ToUtf8(std::string_view bytes, bool little_endian,
                                size_t offset) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  auto unit_at = [&](size_t i) -> char32_t {
    auto lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
    auto hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t unit = unit_at(i);
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      char32_t low = i + 3 < bytes.size() ? unit_at(i + 2) : 0;
      if (low < 0xDC00 || low > 0xDFFF) {
        return Status::Corruption("invalid UTF-16 at byte " +
                                  std::to_string(offset + i));
      }
      AppendUtf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
      i += 2;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return Status::Corruption("invalid UTF-16 at byte " +
                                std::to_string(offset + i));
    } else {
      AppendUtf8(out, unit);
    }
  }
  if (i < bytes.size()) {
    return Status::Corruption("invalid UTF-16 at byte " +
                              std::to_string(offset + i) +
                              " (odd number of bytes)");
  }
  return out;
}

}  // namespace

Result<std::string> ToUtf8(std::string bytes, std::string_view content_type) {
  // A byte order mark overrides every declaration (as in browsers).
  if (bytes.size() >= 2) {
    auto b0 = static_cast<unsigned char>(bytes[0]);
    auto b1 = static_cast<unsigned char>(bytes[1]);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
      return Utf16ToUtf8(std::string_view(bytes).substr(2), b0 == 0xFF, 2);
    }
  }
  size_t bom = 0;
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    bom = 3;
    bytes.erase(0, 3);
  }
  size_t invalid = FindInvalidUtf8(bytes);
  if (invalid == kNpos) return bytes;
  if (bom == 0) {
    // The transport's label (HTTP header) wins over the document's own.
    std::string label = CharsetParameter(content_type);
    if (label.empty()) label = DeclaredCharset(bytes);
    if (IsWindows1252Label(label)) return Windows1252ToUtf8(bytes);
  }
  return Status::Corruption("invalid UTF-8 at byte " +
                            std::to_string(bom + invalid));
}

}  // namespace khaldun
