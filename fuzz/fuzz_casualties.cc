// Fuzz target for CasualtyReader (and ReadQuantity through it): splits the
// input into tokens and reads tolls, checking what the event coder relies
// on. Any violation aborts, which libFuzzer (or the replay test) reports.
//  - Mentions come in token order, each a non-empty token range inside the
//    input whose byte span matches its tokens.
//  - The outcome token and the victim range lie inside the token list; a
//    victim range is empty or non-empty, never reversed.
//  - Counts are never negative; a negated mention counts zero; low <= best
//    and, when the high bound is set, best <= high.
//  - ReadQuantity at every token stays inside the token list.
#include <cstdint>
#include <string_view>

#include "attributes/casualties.h"
#include "attributes/numbers.h"
#include "support.h"
#include "testing/resources.h"
#include "text/sentences.h"

namespace {

// The reader is linear; longer inputs only slow fuzzing down.
constexpr size_t kMaxInput = 1 << 18;

using khaldun::fuzz::Check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& reader = khaldun::testing::FromEmbeddedData<khaldun::attributes::CasualtyReader>();
  const khaldun::text::TokenizedText t =
      khaldun::testing::FromEmbeddedData<khaldun::text::SentenceSplitter>().Split(text);
  const auto& tokens = t.tokens;
  const auto mentions = reader.Find(text, tokens);
  std::uint32_t previous = 0;
  for (const auto& m : mentions) {
    Check(m.first_token >= previous);
    previous = m.first_token;
    Check(m.first_token < m.end_token && m.end_token <= tokens.size());
    Check(m.start == tokens[m.first_token].start && m.end == tokens[m.end_token - 1].end);
    Check(m.start < m.end && m.end <= size);
    Check(m.outcome_token < tokens.size());
    Check(m.victim_first <= m.victim_end && m.victim_end <= tokens.size());
    Check(!m.outcome.empty() && !m.rule.empty());
    const auto& q = m.count;
    Check(q.best >= 0 && q.low >= 0 && q.high >= 0);
    Check(q.low <= q.best && (q.high == 0 || q.best <= q.high));
    if (m.negated) Check(q.best == 0 && q.high == 0);
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto q = khaldun::attributes::ReadQuantity(reader.numbers(), text, tokens, i);
    if (!q) continue;
    Check(q->first_token == i && q->first_token < q->end_token && q->end_token <= tokens.size());
    Check(q->best >= 0 && q->low <= q->best && (q->high == 0 || q->best <= q->high));
  }
  return 0;
}
