// Minimal JSON output: strings escaped per RFC 8259, always valid UTF-8
// (invalid bytes become U+FFFD), with "</" written as "<\/" so that a
// record can sit inside an HTML <script> block safely.
#ifndef KHALDUN_COMMON_JSON_WRITER_H_
#define KHALDUN_COMMON_JSON_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

namespace khaldun {

// Appends `s` as a JSON string literal, quotes included.
void AppendJsonString(std::string& out, std::string_view s);

// Builds one JSON object field by field, in the order added.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  // A string field; `null_if_empty` writes null for an empty value.
  void String(std::string_view key, std::string_view value, bool null_if_empty = true);
  void Number(std::string_view key, long long value);
  void Bool(std::string_view key, bool value);
  void Null(std::string_view key);
  void StringList(std::string_view key, const std::vector<std::string>& values);
  // A field whose value is already-serialised JSON.
  void Raw(std::string_view key, std::string_view json);
  void Close() { out_ += '}'; }

 private:
  void Key(std::string_view key);
  std::string& out_;
  bool first_ = true;
};

}  // namespace khaldun

#endif  // KHALDUN_COMMON_JSON_WRITER_H_
