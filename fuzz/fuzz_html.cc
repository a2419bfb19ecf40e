// Fuzz target for HtmlTokenizer: tokenizes the input to EOF and checks the
// invariants consumers rely on. Any violation aborts, which libFuzzer (or
// the replay test) reports as a crash.
//  - It terminates: every token but kEof consumes input, so there are at
//    most input-size tokens before kEof, and kEof repeats.
//  - Offsets are monotonic and inside the input; tokens do not overlap.
//  - Names are lower-case, attribute names are unique per tag, and no view
//    holds a NUL byte (NUL becomes U+FFFD).
//  - If the input is valid UTF-8, every view is valid UTF-8.
#include <cstdint>
#include <string_view>

#include "common/text.h"
#include "ingest/html_tokenizer.h"
#include "support.h"

namespace {

// Past this size inputs only slow fuzzing down; the tokenizer's loops are
// all linear, so nothing new hides in longer inputs.
constexpr size_t kMaxInput = 1 << 20;

bool ValidUtf8(std::string_view s) { return khaldun::FindInvalidUtf8(s) == khaldun::kNpos; }

using khaldun::fuzz::Check;

void CheckView(std::string_view view, bool utf8) {
  Check(view.find('\0') == std::string_view::npos);
  if (utf8) Check(ValidUtf8(view));
}

void CheckName(std::string_view name, bool utf8) {
  CheckView(name, utf8);
  for (char c : name) Check(c < 'A' || c > 'Z');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const bool utf8 = ValidUtf8(html);
  khaldun::HtmlTokenizer tokenizer(html);
  size_t previous_end = 0;
  size_t tokens = 0;
  for (;;) {
    const khaldun::HtmlToken& t = tokenizer.Next();
    if (t.type == khaldun::HtmlTokenType::kEof) {
      Check(t.begin == size && t.end == size);
      break;
    }
    Check(++tokens <= size);
    Check(t.begin >= previous_end && t.begin < t.end && t.end <= size);
    previous_end = t.end;
    CheckView(t.text, utf8);
    switch (t.type) {
      case khaldun::HtmlTokenType::kStartTag:
        Check(!t.name.empty());
        CheckName(t.name, utf8);
        for (size_t i = 0; i < t.attributes.size(); ++i) {
          Check(!t.attributes[i].name.empty());
          CheckName(t.attributes[i].name, utf8);
          CheckView(t.attributes[i].value, utf8);
          // Quadratic, but only over the first attributes: enough to catch
          // a broken duplicate filter without slowing fuzzing on hostile tags.
          for (size_t j = 0; j < i && j < 64; ++j) {
            Check(t.attributes[j].name != t.attributes[i].name);
          }
        }
        break;
      case khaldun::HtmlTokenType::kEndTag:
        Check(!t.name.empty() && t.attributes.empty());
        CheckName(t.name, utf8);
        break;
      case khaldun::HtmlTokenType::kText:
        Check(!t.text.empty());
        break;
      case khaldun::HtmlTokenType::kDoctype:
        CheckName(t.name, utf8);
        break;
      default:
        break;
    }
  }
  Check(tokenizer.Next().type == khaldun::HtmlTokenType::kEof);
  return 0;
}
