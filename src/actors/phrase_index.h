// A dictionary of multi-word phrases matched over tokens: the shared engine
// behind the actor recogniser and the event trigger lexicon.
//
// Phrases are token sequences (tokenized by the same SentenceSplitter as the
// text, so "Guinea-Bissau" is "guinea" "-" "bissau" on both sides) keyed by
// their first token in lower case. Matching at a position is one hash
// lookup plus a comparison per candidate; candidates are kept longest
// first, so the first hit is the longest match.
#ifndef KHALDUN_ACTORS_PHRASE_INDEX_H_
#define KHALDUN_ACTORS_PHRASE_INDEX_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/sentences.h"

namespace khaldun::actors {

// How the case of the text must agree with the phrase as written.
enum class CaseRule : std::uint8_t {
  kAny,            // case-insensitive ("forces", "militia")
  kCapitalsKept,   // capitals in the phrase must be capitals in the text
                   // ("Turkey" but not "turkey"); the rest is free
  kExact,          // byte-exact ("US", "IS", "=SAF")
};

// A view of one text's tokens with their lower-case forms, built once per
// text and shared by every matcher.
struct TokenView {
  std::string_view text;   // the original text
  std::string_view lower;  // the same bytes, ASCII lower-cased
  const std::vector<text::Token>* tokens = nullptr;

  std::string_view Word(std::size_t i) const {
    const auto& t = (*tokens)[i];
    return text.substr(t.start, t.end - t.start);
  }
  std::string_view Lower(std::size_t i) const {
    const auto& t = (*tokens)[i];
    return lower.substr(t.start, t.end - t.start);
  }
};

struct PhraseHit {
  std::uint32_t value = 0;       // what the phrase was added with
  std::uint32_t first = 0;       // first token index
  std::uint32_t last = 0;        // last token index (inclusive)
  std::uint16_t word_count = 0;  // words in the phrase
};

class PhraseIndex {
 public:
  // Adds `words` (the phrase's tokens as written; at least one). Phrases
  // may repeat with different values: every value is reported.
  void Add(const std::vector<std::string>& words, CaseRule rule, std::uint32_t value);

  // Calls `on_hit` for every phrase that starts at token `i` and ends
  // before token `end`, longest first. Between consecutive phrase words up
  // to `max_gap` other word tokens may stand (for "held lengthy talks");
  // punctuation never. Returns the number of hits.
  std::size_t MatchAt(const TokenView& view, std::size_t i, std::size_t end, int max_gap,
                      const std::function<bool(const PhraseHit&)>& on_hit) const;

  std::size_t size() const { return phrases_.size(); }

  // Sorts candidates longest first; call once after the last Add.
  void Finish();

 private:
  struct Phrase {
    std::vector<std::string> lower;    // lower-cased words
    std::vector<std::string> written;  // as written (case checks)
    CaseRule rule = CaseRule::kAny;
    std::uint32_t value = 0;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  bool CaseOk(const Phrase& p, std::size_t k, std::string_view word) const;

  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>> by_first_;
};

// ASCII lower-case copy of `text` (same length, same offsets).
std::string LowerAscii(std::string_view text);

}  // namespace khaldun::actors

#endif  // KHALDUN_ACTORS_PHRASE_INDEX_H_
