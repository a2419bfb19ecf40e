// Sentences and tokens: the first stage of coding. Splits article text
// into sentences and tokens, each with byte offsets into the text it was
// given, so every later stage (actors, events, quotes) points back at the
// exact words.
//
// Tokens are what the actor and event matchers compare: words (with
// internal apostrophes and dots kept: "Da'esh", "U.S.", "Lt."), numbers
// ("1,200", "3.5", "20-year-old" splits at the hyphen), and single
// punctuation marks. Hyphens between words are tokens of their own
// ("US-Iraqi" is "US" "-" "Iraqi"), so "Iran-aligned" and "US-Iraqi" can
// be read as two parts. A possessive "'s" / "’s" is its own token.
//
// Sentence splitting survives abbreviations and titles ("U.S.", "Lt. Gen.",
// "No. 2", "Jan. 5", initials "J. K."), decimal numbers, ellipses, and
// quotation marks: a closing quote after the final stop belongs to the
// sentence it closes. A sentence never crosses a paragraph break (a blank
// line) or a line break inside a paragraph that ends a line without
// sentence punctuation (headings, list items).
#ifndef KHALDUN_TEXT_SENTENCES_H_
#define KHALDUN_TEXT_SENTENCES_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/data_files.h"
#include "khaldun/status.h"

namespace khaldun::text {

// What a token is; a token has exactly one kind.
enum class TokenKind : std::uint8_t {
  kWord,    // letters (any script), with internal ' . and digits allowed
  kNumber,  // starts with a digit: "15", "1,200", "3.5", "2024", "1990s"
  kPunct,   // one punctuation mark or symbol (quotes, dashes, hyphen...)
};

struct Token {
  std::uint32_t start = 0;  // byte offset of the first byte
  std::uint32_t end = 0;    // byte offset one past the last byte
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;  // first letter upper case (ASCII or not)
};

struct Sentence {
  std::uint32_t start = 0;  // byte offset of the first byte (no leading space)
  std::uint32_t end = 0;    // one past the last byte (no trailing space)
  std::uint32_t paragraph = 0;    // 0-based index of its paragraph
  std::uint32_t first_token = 0;  // index into TokenizedText::tokens
  std::uint32_t token_count = 0;
};

// All sentences and tokens of one text. Offsets refer to that text, which
// must outlive any use of the offsets.
struct TokenizedText {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
};

// Immutable; built once from data/text/abbreviations.tsv and shared
// read-only between threads.
class SentenceSplitter {
 public:
  static Result<SentenceSplitter> Load(const DataFiles& files);

  // Splits `text` (UTF-8; paragraphs separated by blank lines) into
  // sentences and tokens. Never fails; empty text gives no sentences.
  TokenizedText Split(std::string_view text) const;

  // Appends the tokens of `text` to `out` without sentence splitting (for
  // dictionary phrases and one-line inputs). Offsets are into `text`.
  void Tokenize(std::string_view text, std::vector<Token>& out) const;

 private:
  struct Data;
  explicit SentenceSplitter(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace khaldun::text

#endif  // KHALDUN_TEXT_SENTENCES_H_
