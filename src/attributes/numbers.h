// Quantities in news text: the number phrase of a toll ("at least 20",
// "seven", "a dozen", "dozens", "between 10 and 15", "3.5 million"), read
// from tokens of text::SentenceSplitter, with low/high bounds and the hedge
// that qualified it. Numbers that are not counts (years, dates, clock times,
// percentages, money, units, ordinals, labels such as "Resolution 2254" or
// "F-16", compounds such as "two-day" or "15-year-old") are refused, so a
// caller can try every token.
//
//   auto words = NumberWords::Load(DataFiles::Default());
//   // tokens of "killing at least 20 people"
//   std::optional<Quantity> q = ReadQuantity(*words, text, tokens, 1);
//   // q->best == 20, q->low == 20, q->high == 0 (open), q->qualifier ==
//   // "at least", tokens [1, 4)
//
// The words (data/attributes/number_words.tsv) and the bounds given to vague
// words are described in docs/casualties.md.
#ifndef KHALDUN_ATTRIBUTES_NUMBERS_H_
#define KHALDUN_ATTRIBUTES_NUMBERS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/data_files.h"
#include "common/word_hash.h"
#include "khaldun/status.h"
#include "places/token_words.h"
#include "text/sentences.h"

namespace khaldun::attributes {

// A count read from text. Bounds follow CasualtyCount (include/khaldun/
// code.h): `best` is the figure to use, the low end whenever the words give
// a range or a floor.
//   exact "seven"                 best = low = high = 7
//   "at least 20", "more than 20" best = low = 20, high = 0 (open)
//   "up to 20", "fewer than 20"   best = high = 20, low = 0 (not stated)
//   "about 20", "nearly 20"       best = low = high = 20, approximate
//   "between 10 and 15", "10-15"  best = low = 10, high = 15, "between"
//   "dozens"                      best = low = 24, high = 99, "dozens"
struct Quantity {
  std::int64_t best = 0;
  std::int64_t low = 0;
  std::int64_t high = 0;  // 0 when open
  // "" for a plain number; else canonical: "at least", "more than", "fewer
  // than", "nearly", "about", "up to", "between", or the vague word as the
  // data file writes it ("dozens", "a few"). Views static storage or the
  // NumberWords data, which must outlive it.
  std::string_view qualifier;
  std::uint32_t first_token = 0;  // index into the token span given
  std::uint32_t end_token = 0;    // one past the last token of the phrase
  bool approximate = false;       // a hedge, a vague word, "a dozen", "3.5 million"
};

// Lower-case phrases of a data file keyed by their first word: the matcher
// shared by the number and casualty readers. A phrase is a sequence of words
// compared with tokens with ASCII case folded. Immutable after loading.
class PhraseTable {
 public:
  struct Entry {
    std::vector<std::string_view> words;  // all words, the first included
    std::uint8_t kind = 0;                // the caller's kind code
    std::string_view label;               // the caller's text (an outcome, a canonical form)
    std::int64_t a = 0;                   // the caller's numbers (values, bounds)
    std::int64_t b = 0;
  };

  // Splits `phrase` at spaces and around hyphens; the views must outlive the
  // table. Entries with the same first word are tried longest first.
  void Add(std::string_view phrase, std::uint8_t kind, std::string_view label, std::int64_t a,
           std::int64_t b);

  // The longest entry matching tokens from `at` (and, when `kind` is not 0,
  // of that kind), or null. `*end` gets the index one past its last token.
  const Entry* Match(const TokenWords& words, std::size_t at, std::size_t* end,
                     std::uint8_t kind = 0) const;

  // A single-word entry for `lower_word` (already lower case), or null.
  const Entry* Word(std::string_view lower_word) const {
    return Word(lower_word, LowerWordHash(lower_word));
  }
  // The same, with the word's LowerWordHash computed by the caller.
  const Entry* Word(std::string_view lower_word, std::uint64_t hash) const;
  // Whether some entry's first word has this LowerWordHash: when not,
  // Match finds nothing at a token with that hash.
  bool HasFirst(std::uint64_t hash) const { return by_first_.count(hash) != 0; }

 private:
  // Keyed by the LowerWordHash of the first word, so that a token's hash,
  // computed once per sentence (TokenWords), finds its entries; the words
  // are still compared, so a hash collision costs a comparison, not a
  // wrong match.
  std::unordered_map<std::uint64_t, std::vector<Entry>> by_first_;
};

// The text of a token with ASCII letters lower-cased into `buffer`; empty
// when the token is longer than the buffer (no word list has such words).
std::string_view LowerToken(std::string_view text, const text::Token& token,
                            std::span<char> buffer);

// The number words of data/attributes/number_words.tsv. Immutable, cheap to
// copy (shared state) and thread-safe.
class NumberWords {
 public:
  static Result<NumberWords> Load(const DataFiles& files);

  // The test ReadQuantity starts with: whether a quantity can start at
  // token `at` at all (a digit token, or a word that opens a number
  // phrase). When false ReadQuantity returns nothing; callers that try
  // every token ask this first, inline, and skip the call.
  bool MayStart(const TokenWords& tokens, std::size_t at) const {
    if (at >= tokens.size()) return false;
    const text::Token& t = tokens.tokens[at];
    if (t.kind == text::TokenKind::kNumber) return true;
    if (t.kind != text::TokenKind::kWord || t.end > tokens.text.size() || t.start >= t.end) {
      return false;
    }
    return start_words_->Contains(tokens.Hash(at));
  }

 private:
  friend std::optional<Quantity> ReadQuantity(const NumberWords& words, const TokenWords& tokens,
                                              std::size_t at);
  struct Data;
  NumberWords(std::shared_ptr<const Data> data, const WordHashSet* start_words)
      : data_(std::move(data)), start_words_(start_words) {}
  std::shared_ptr<const Data> data_;
  const WordHashSet* start_words_;  // in *data_
};

// Reads a number phrase starting at token `at` of `tokens` (offsets into
// `text`): an optional hedge, then digits ("1,200", "3.5 million"), number
// words ("twenty-one", "one hundred and five", "two million", "a dozen"), a
// vague quantity ("dozens", "tens of thousands", "several hundred") or a
// range ("between 10 and 15", "10 to 15", "10-15", "two or three").
// Returns nothing when no count starts there, including numbers that are
// not counts (see the file comment). A bare "a"/"an" is not read: only the
// casualty reader, which sees the noun and the verb, knows "a soldier was
// killed" is one. Linear in the phrase; this form copies the tokens' text
// once (lower-cased) to read it.
std::optional<Quantity> ReadQuantity(const NumberWords& words, std::string_view text,
                                     std::span<const text::Token> tokens, std::size_t at);
// The same over tokens already lower-cased and hashed (the casualty reader
// tries every token of a sentence); never allocates.
std::optional<Quantity> ReadQuantity(const NumberWords& words, const TokenWords& tokens,
                                     std::size_t at);

}  // namespace khaldun::attributes

#endif  // KHALDUN_ATTRIBUTES_NUMBERS_H_
