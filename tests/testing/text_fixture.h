// Test helpers for the stages that read tokens (attributes, places): the
// sentence splitter loaded from the source tree's data/, and the token and
// byte spans their results point at.
#ifndef KHALDUN_TESTS_TESTING_TEXT_FIXTURE_H_
#define KHALDUN_TESTS_TESTING_TEXT_FIXTURE_H_

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "testing/resources.h"
#include "text/sentences.h"

namespace khaldun::testing {

// The splitter on data/, loaded once per process (see resources.h).
inline const text::SentenceSplitter& Splitter() { return FromSourceData<text::SentenceSplitter>(); }

// The tokens of `text`, without sentence splitting.
inline std::vector<text::Token> Tokenize(std::string_view text) {
  std::vector<text::Token> tokens;
  Splitter().Tokenize(text, tokens);
  return tokens;
}

// The tokens of sentence `s` of `tokenized`.
inline std::span<const text::Token> SentenceTokens(const text::TokenizedText& tokenized,
                                                   const text::Sentence& s) {
  return std::span<const text::Token>(tokenized.tokens.data() + s.first_token, s.token_count);
}

// The bytes of `text` from the start of token `first` to the end of token
// `end - 1`; empty when the range is.
inline std::string_view TokenSpan(std::string_view text, std::span<const text::Token> tokens,
                                  std::size_t first, std::size_t end) {
  if (first >= end) return {};
  return text.substr(tokens[first].start, tokens[end - 1].end - tokens[first].start);
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTS_TESTING_TEXT_FIXTURE_H_
