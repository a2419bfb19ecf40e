#include "common/json_writer.h"

#include "common/text.h"

namespace khaldun {

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    // Bulk-copy the run of bytes that need no escaping.
    size_t run = i;
    while (run < s.size()) {
      unsigned char b = static_cast<unsigned char>(s[run]);
      if (b < 0x20 || b >= 0x7F || b == '"' || b == '\\' || b == '/') break;
      ++run;
    }
    if (run > i) {
      out.append(s.data() + i, run - i);
      i = run;
      if (i >= s.size()) break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t next = i;
      char32_t cp = NextCodePoint(s, &next);
      if (cp == 0xFFFD && !(next - i == 3 && s.substr(i, 3) == "\xEF\xBF\xBD")) {
        out += "\\ufffd";
      } else if (cp == 0x2028 || cp == 0x2029) {
        // Valid JSON, but they end lines in JavaScript source.
        out += cp == 0x2028 ? "\\u2028" : "\\u2029";
      } else {
        out.append(s.data() + i, next - i);
      }
      i = next;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '/':
        if (i > 0 && s[i - 1] == '<') {
          out += "\\/";
        } else {
          out += '/';
        }
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void JsonObjectWriter::Key(std::string_view key) {
  if (!first_) out_ += ',';
  first_ = false;
  AppendJsonString(out_, key);
  out_ += ':';
}

void JsonObjectWriter::String(std::string_view key, std::string_view value,
                              bool null_if_empty) {
  Key(key);
  if (value.empty() && null_if_empty) {
    out_ += "null";
  } else {
    AppendJsonString(out_, value);
  }
}

void JsonObjectWriter::Number(std::string_view key, long long value) {
  Key(key);
  out_ += std::to_string(value);
}

void JsonObjectWriter::Bool(std::string_view key, bool value) {
  Key(key);
  out_ += value ? "true" : "false";
}

void JsonObjectWriter::Null(std::string_view key) {
  Key(key);
  out_ += "null";
}

void JsonObjectWriter::StringList(std::string_view key,
                                  const std::vector<std::string>& values) {
  Key(key);
  out_ += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out_ += ',';
    AppendJsonString(out_, values[i]);
  }
  out_ += ']';
}

void JsonObjectWriter::Raw(std::string_view key, std::string_view json) {
  Key(key);
  out_ += json;
}

}  // namespace khaldun
