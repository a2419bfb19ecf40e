// The whole coding stage on arbitrary text: CodeArticle, the event and
// quote records, and ExplainSentence. The input's first line is the
// headline and the rest the body; the body is made valid UTF-8 first, as
// ingest guarantees. Any violation of the invariants below traps, which
// libFuzzer (or the replay test) reports as a crash.
//  - Every event's sentence, actors and spans are byte ranges inside the
//    article text (start <= end <= text.size()).
//  - Every event has a type (one of the 16 PLOVER types), a CAMEO code, a
//    rule, a factuality of asserted | negated | possible and a confidence
//    in [0, 1].
//  - Quotes are byte ranges inside the text.
//  - EventToJson and QuoteToJson give one JSON object ("{...}") with no raw
//    control character.
//  - ExplainSentence takes the input's first 2000 bytes as they are (the
//    `explain` command passes its argument unchecked) without crashing.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "khaldun/code.h"
#include "khaldun/ingest.h"
#include "testing/resources.h"

namespace {

// Coding is roughly linear in the text; bigger inputs only slow fuzzing.
constexpr size_t kMaxInput = 256u << 10;
constexpr size_t kExplainBytes = 2000;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

bool IsPloverType(std::string_view t) {
  static constexpr std::string_view kTypes[] = {
      "AGREE",  "CONSULT",  "SUPPORT",  "CONCEDE", "COOPERATE", "AID",
      "RETREAT", "REQUEST", "ACCUSE",   "REJECT",  "THREATEN",  "PROTEST",
      "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"};
  for (std::string_view k : kTypes) {
    if (t == k) return true;
  }
  return false;
}

void CheckRange(std::uint32_t start, std::uint32_t end, size_t size) {
  Check(start <= end);
  Check(end <= size);
}

void CheckJsonObject(const std::string& json) {
  Check(json.size() >= 2);
  Check(json.front() == '{');
  Check(json.back() == '}');
  for (char c : json) Check(static_cast<unsigned char>(c) >= 0x20);
}

// Paragraphs as ingest gives them: blocks separated by blank lines.
std::vector<std::string> Paragraphs(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t blank = text.find("\n\n", pos);
    if (blank == std::string_view::npos) blank = text.size();
    std::string_view p = khaldun::TrimAscii(text.substr(pos, blank - pos));
    if (!p.empty()) out.emplace_back(p);
    pos = blank + 2;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  const auto& resources = khaldun::testing::Builtin<khaldun::CodingResources>();
  std::string_view input(reinterpret_cast<const char*>(data), size);

  khaldun::Article article;
  size_t newline = input.find('\n');
  std::string_view headline = input.substr(0, newline);
  std::string_view body =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  article.headline = khaldun::RepairUtf8(headline);
  article.text = khaldun::RepairUtf8(body);
  Check(khaldun::FindInvalidUtf8(article.text) == khaldun::kNpos);
  article.paragraphs = Paragraphs(article.text);
  article.published = "2024-09-05";
  article.url = "https://example.com/fuzz";
  article.id = khaldun::ArticleId(article.url, article.text);
  article.language = "en";

  const size_t text_size = article.text.size();
  khaldun::CodedArticle coded = khaldun::CodeArticle(std::move(article), resources, {});
  Check(coded.article.text.size() == text_size);

  for (const khaldun::Event& e : coded.events) {
    CheckRange(e.sentence.start, e.sentence.end, text_size);
    Check(e.sentence.index < coded.sentence_count);
    for (const auto* side : {&e.source, &e.target}) {
      for (const khaldun::Actor& a : *side) CheckRange(a.start, a.end, text_size);
    }
    for (const khaldun::Span& s : e.spans) CheckRange(s.start, s.end, text_size);
    Check(!e.type.empty() && !e.cameo.empty() && !e.rule.empty());
    Check(IsPloverType(e.type));
    Check(e.factuality == "asserted" || e.factuality == "negated" ||
          e.factuality == "possible");
    Check(e.confidence >= 0.0 && e.confidence <= 1.0);
    CheckJsonObject(khaldun::EventToJson(coded, e));
  }
  for (const khaldun::QuoteRecord& q : coded.quotes) {
    CheckRange(q.start, q.end, text_size);
    CheckJsonObject(khaldun::QuoteToJson(coded, q));
  }

  std::string report = khaldun::ExplainSentence(input.substr(0, kExplainBytes), resources,
                                                "2024-09-05");
  Check(report.starts_with("sentences: "));
  return 0;
}
