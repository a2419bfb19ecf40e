// STUB: replaced by the real tokenizer.
#include "ingest/html_tokenizer.h"
namespace khaldun {
HtmlTokenizer::HtmlTokenizer(std::string_view html) : input_(html) {}
const HtmlToken& HtmlTokenizer::Next() { token_ = HtmlToken(); return token_; }
std::string_view HtmlTokenizer::Attribute(const HtmlToken& token, std::string_view name) {
  for (const auto& a : token.attributes) if (a.name == name) return a.value;
  return {};
}
void AppendDecodedHtml(std::string_view raw, bool, std::string& out) { out += raw; }
}  // namespace khaldun
