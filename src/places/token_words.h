// The words of one sentence, lower-cased and hashed once, for the readers
// that look at every token: the place finder (places/place_finder.h) and
// the date and casualty readers (attributes/). Each reader used to copy
// and lower-case a token whenever it compared it with a word, and to hash
// it again for every word list it asked; on conflict news, where every
// sentence is read by all three, that was most of their cost.
//
//   TokenWordsBuffer buffer;
//   TokenWords words = buffer.Make(text, tokens);   // a copy, for one call
//   // or, with an article's lower-cased text (actors::TokenView::lower)
//   // and hashes computed once for all its tokens:
//   TokenWords words{text, lower, 0, tokens, hashes};
//   if (words.Lower(i) == "near") ...
//   if (set.Contains(words.Hash(i))) ...
#ifndef KHALDUN_PLACES_TOKEN_WORDS_H_
#define KHALDUN_PLACES_TOKEN_WORDS_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/word_hash.h"
#include "text/sentences.h"

namespace khaldun {

// A non-owning view of a sentence's tokens with their lower-cased text and
// word hashes. `lower` holds the bytes of `text` from offset `lower_base`
// on, ASCII letters lower-cased (other bytes as they are); `hashes[i]` is
// LowerWordHash of token i. All views must outlive the object.
struct TokenWords {
  std::string_view text;
  std::string_view lower;
  std::uint32_t lower_base = 0;
  std::span<const text::Token> tokens;
  std::span<const std::uint64_t> hashes;

  std::size_t size() const { return tokens.size(); }
  // The token's bytes as written; empty for a token outside `text` (as
  // malformed offsets may be).
  std::string_view Text(std::size_t i) const {
    const text::Token& t = tokens[i];
    if (t.start >= text.size() || t.end <= t.start) return {};
    return text.substr(t.start, std::min<std::size_t>(t.end, text.size()) - t.start);
  }
  // The same bytes lower-cased.
  std::string_view Lower(std::size_t i) const {
    const text::Token& t = tokens[i];
    if (t.start >= text.size() || t.end <= t.start) return {};
    return lower.substr(t.start - lower_base, std::min<std::size_t>(t.end, text.size()) - t.start);
  }
  std::uint64_t Hash(std::size_t i) const { return hashes[i]; }
  // Whether token i, lower-cased, is `lower_word`.
  bool Is(std::size_t i, std::string_view lower_word) const {
    return i < tokens.size() && Lower(i) == lower_word;
  }
};

// Lower-cased bytes and hashes for callers that have only the text: owns
// the copies a TokenWords views. Reusable; each Make invalidates the views
// the previous one returned.
class TokenWordsBuffer {
 public:
  TokenWords Make(std::string_view text, std::span<const text::Token> tokens) {
    std::uint32_t base = 0;
    std::size_t end = 0;
    if (!tokens.empty()) {
      base = static_cast<std::uint32_t>(std::min<std::size_t>(tokens.front().start, text.size()));
      for (const text::Token& t : tokens) {
        base = std::min(base, t.start);
        end = std::max<std::size_t>(end, std::min<std::size_t>(t.end, text.size()));
      }
    }
    lower_.assign(text.substr(base, end > base ? end - base : 0));
    for (char& c : lower_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    TokenWords words{text, lower_, base, tokens, {}};
    hashes_.resize(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) hashes_[i] = LowerWordHash(words.Lower(i));
    words.hashes = hashes_;
    return words;
  }

 private:
  std::string lower_;
  std::vector<std::uint64_t> hashes_;
};

}  // namespace khaldun

#endif  // KHALDUN_PLACES_TOKEN_WORDS_H_
