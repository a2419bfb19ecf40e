// Fuzz target for DateReader: reads the dates of every sentence and checks
// what the event coder relies on. Any violation aborts, which libFuzzer (or
// the replay test) reports as a crash.
//  - Mentions are in order, non-overlapping, inside the sentence's tokens,
//    and their bytes are those of their first and last tokens.
//  - Every date is a valid calendar date with a rule name.
//  - Without a publication date no mention is relative.
// The first two bytes pick the publication date (a zero first byte: none),
// so the corpus covers anchors across years, month ends and leap days.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "attributes/dates.h"
#include "support.h"
#include "testing/resources.h"
#include "text/sentences.h"

namespace {

// Reading is linear in the tokens; longer inputs only slow fuzzing down.
constexpr size_t kMaxInput = 1 << 18;

using khaldun::fuzz::Check;

const khaldun::text::SentenceSplitter& Splitter() {
  return khaldun::testing::FromEmbeddedData<khaldun::text::SentenceSplitter>();
}

const khaldun::attributes::DateReader& Reader() {
  return khaldun::testing::FromEmbeddedData<khaldun::attributes::DateReader>();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput || size < 2) return 0;
  using khaldun::attributes::CivilDate;
  std::optional<CivilDate> published;
  if (data[0] != 0) {
    // 1990-01-01 plus up to about 90 years: both sides of every boundary.
    published = CivilDate{1990, 1, 1}.AddDays((data[0] * 256 + data[1]) % 33000);
  }
  std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);
  const khaldun::text::TokenizedText out = Splitter().Split(text);
  for (const khaldun::text::Sentence& s : out.sentences) {
    std::span<const khaldun::text::Token> tokens(out.tokens.data() + s.first_token, s.token_count);
    std::uint32_t previous_end = 0;
    for (const auto& m : Reader().Find(text, tokens, published)) {
      Check(m.first_token >= previous_end);
      Check(m.first_token < m.end_token && m.end_token <= tokens.size());
      Check(m.start == tokens[m.first_token].start && m.end == tokens[m.end_token - 1].end);
      Check(m.date.IsValid());
      Check(!m.rule.empty());
      Check(published.has_value() || !m.relative);
      Check(!(m.relative && m.background));
      previous_end = m.end_token;
    }
  }
  return 0;
}
