// Fuzz target for SentenceSplitter: splits the input and checks the
// invariants every later stage relies on. Any violation aborts, which
// libFuzzer (or the replay test) reports as a crash.
//  - Tokens are non-empty, inside the input, in order and non-overlapping,
//    and at most 1024 bytes long.
//  - Sentences partition the tokens in order: each starts at its first
//    token and ends at its last, is non-empty, at most 400 tokens and (when
//    it has more than one token) 4000 bytes, with paragraphs non-decreasing.
//  - Tokenize gives the same tokens as Split.
#include <cstdint>
#include <string_view>
#include <vector>

#include "support.h"
#include "testing/resources.h"
#include "text/sentences.h"

namespace {

// The splitter is linear; longer inputs only slow fuzzing down.
constexpr size_t kMaxInput = 1 << 20;

using khaldun::fuzz::Check;

const khaldun::text::SentenceSplitter& Splitter() {
  return khaldun::testing::FromEmbeddedData<khaldun::text::SentenceSplitter>();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using khaldun::text::Sentence;
  using khaldun::text::Token;
  const khaldun::text::TokenizedText out = Splitter().Split(text);

  std::uint32_t previous_end = 0;
  for (const Token& t : out.tokens) {
    Check(t.start < t.end);
    Check(t.end <= size);
    Check(t.start >= previous_end);
    Check(t.end - t.start <= 1024);
    previous_end = t.end;
  }
  std::uint32_t next = 0;
  std::uint32_t paragraph = 0;
  std::uint32_t previous_sentence_end = 0;
  for (const Sentence& s : out.sentences) {
    Check(s.token_count > 0 && s.token_count <= 400);
    Check(s.first_token == next);
    next += s.token_count;
    Check(next <= out.tokens.size());
    Check(s.start < s.end && s.end <= size);
    Check(s.start >= previous_sentence_end);
    Check(s.start == out.tokens[s.first_token].start);
    Check(s.end == out.tokens[next - 1].end);
    Check(s.token_count == 1 || s.end - s.start <= 4000);
    Check(s.paragraph >= paragraph);
    paragraph = s.paragraph;
    previous_sentence_end = s.end;
  }
  Check(next == out.tokens.size());

  std::vector<Token> tokens;
  Splitter().Tokenize(text, tokens);
  Check(tokens.size() == out.tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    Check(tokens[i].start == out.tokens[i].start && tokens[i].end == out.tokens[i].end &&
          tokens[i].kind == out.tokens[i].kind);
  }
  return 0;
}
