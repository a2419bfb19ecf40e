// The splitter works in two passes over one text: a tokenizer that walks
// the bytes once (ASCII through a table, other code points decoded and
// classified by range), then a pass over the tokens that decides, at each
// gap, whether a sentence ends there. Both passes only append to vectors
// reserved up front; words are never copied, only viewed for the few
// look-ups the rules need (abbreviations, sentence starters).
#include "text/sentences.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>

namespace khaldun::text {
namespace {

constexpr std::string_view kAbbreviationsFile = "text/abbreviations.tsv";

// Bounds that keep every later stage linear: a "sentence" with no
// punctuation at all (a table flattened into one line, a fuzzed input) is
// cut into pieces of at most this many tokens or bytes, and a run of
// letters with no space (a pasted hash, CJK without spaces) into tokens of
// at most kMaxTokenBytes. Real news sentences are far below both: the
// longest in the gold set is about 90 tokens.
constexpr std::uint32_t kMaxSentenceTokens = 400;
constexpr std::uint32_t kMaxSentenceBytes = 4000;
constexpr std::uint32_t kMaxTokenBytes = 1024;

// What a word with a final dot does before a capitalised word or a number
// (data/text/abbreviations.tsv explains each kind).
enum class WordKind : std::uint8_t {
  kNone,
  kTitle,
  kPrefix,
  kMonth,
  kInitialism,
  kSuffix,
  kOther,
  kStarter,
  kSpeech,
  kJoiner,
};

struct KindName {
  std::string_view name;
  WordKind kind;
};
constexpr KindName kKindNames[] = {
    {"title", WordKind::kTitle},     {"prefix", WordKind::kPrefix},
    {"month", WordKind::kMonth},     {"initialism", WordKind::kInitialism},
    {"suffix", WordKind::kSuffix},   {"other", WordKind::kOther},
    {"starter", WordKind::kStarter}, {"speech", WordKind::kSpeech},
    {"joiner", WordKind::kJoiner},
};

// The word lists, viewing the data file's text, which they share.
struct Lexicon {
  std::shared_ptr<const std::string> text;
  std::unordered_map<std::string_view, WordKind> words;
  size_t max_length = 0;

  WordKind Find(std::string_view word) const {
    if (word.size() > max_length) return WordKind::kNone;
    auto it = words.find(word);
    return it == words.end() ? WordKind::kNone : it->second;
  }
};

// ---- Characters -------------------------------------------------------------

enum class CharClass : std::uint8_t {
  kSpace,   // white space, controls, invisible format characters: gaps
  kLetter,  // any script; also digits of other scripts inside words
  kDigit,   // ASCII and a few common native digit sets
  kPunct,   // punctuation and symbols: one token each
  kExtend,  // combining marks and joiners: stay with what precedes them
};

constexpr std::array<CharClass, 128> MakeAsciiClasses() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (c <= 0x20 || c == 0x7f) {
      t[c] = CharClass::kSpace;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      t[c] = CharClass::kLetter;
    } else if (c >= '0' && c <= '9') {
      t[c] = CharClass::kDigit;
    } else {
      t[c] = CharClass::kPunct;
    }
  }
  return t;
}
constexpr std::array<CharClass, 128> kAsciiClasses = MakeAsciiClasses();

bool InRange(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

// Unicode general categories by range, for the scripts news is written in.
// Not a full Unicode table: everything not listed here is a letter, which
// is the right default for the letters of every script (an unknown symbol
// becoming part of a word is harmless; a letter splitting a word is not).
CharClass ClassifyNonAscii(char32_t cp) {
  if (cp < 0xA0) return CharClass::kSpace;  // C1 controls, NEL
  if (cp < 0x100) {
    if (cp == 0xA0) return CharClass::kSpace;
    if (cp == 0xAD) return CharClass::kExtend;  // soft hyphen: invisible, inside words
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return CharClass::kLetter;
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return CharClass::kPunct;
    return CharClass::kLetter;
  }
  if (cp < 0x0300) return CharClass::kLetter;
  if (cp <= 0x036F) return CharClass::kExtend;
  if (cp < 0x2000) {
    if (cp == 0x037E || cp == 0x0387 || InRange(cp, 0x055A, 0x055F) || cp == 0x0589 ||
        cp == 0x05BE || cp == 0x05C0 || cp == 0x05C3 || cp == 0x05F3 || cp == 0x05F4 ||
        cp == 0x060C || cp == 0x060D || cp == 0x061B || InRange(cp, 0x061D, 0x061F) ||
        InRange(cp, 0x066A, 0x066D) || cp == 0x06D4 || cp == 0x0964 || cp == 0x0965 ||
        cp == 0x0970 || cp == 0x0E2F || cp == 0x0E5A || cp == 0x0E5B || cp == 0x104A ||
        cp == 0x104B || cp == 0x1362 || cp == 0x1363 || cp == 0x1364 || cp == 0x1366) {
      return CharClass::kPunct;
    }
    if (cp == 0x1680) return CharClass::kSpace;
    if (InRange(cp, 0x0660, 0x0669) || InRange(cp, 0x06F0, 0x06F9) || InRange(cp, 0x0966, 0x096F)) {
      return CharClass::kDigit;
    }
    if (InRange(cp, 0x0483, 0x0489) || InRange(cp, 0x0591, 0x05BD) || InRange(cp, 0x0610, 0x061A) ||
        InRange(cp, 0x064B, 0x065F) || cp == 0x0670 || InRange(cp, 0x06D6, 0x06DC) ||
        InRange(cp, 0x06DF, 0x06E4) || InRange(cp, 0x1AB0, 0x1AFF) || InRange(cp, 0x1DC0, 0x1DFF)) {
      return CharClass::kExtend;
    }
    return CharClass::kLetter;
  }
  if (cp < 0x3000) {
    if (InRange(cp, 0x2000, 0x200B) || InRange(cp, 0x200E, 0x200F) || InRange(cp, 0x2028, 0x202F) ||
        cp == 0x205F || InRange(cp, 0x2060, 0x206F)) {
      return CharClass::kSpace;
    }
    if (cp == 0x200C || cp == 0x200D || InRange(cp, 0x20D0, 0x20FF)) return CharClass::kExtend;
    if (InRange(cp, 0x2010, 0x2027) || InRange(cp, 0x2030, 0x205E) || InRange(cp, 0x20A0, 0x20CF) ||
        InRange(cp, 0x2100, 0x214F) || InRange(cp, 0x2190, 0x2BFF) || InRange(cp, 0x2E00, 0x2E7F)) {
      return CharClass::kPunct;
    }
    return CharClass::kLetter;
  }
  if (cp == 0x3000) return CharClass::kSpace;
  if (InRange(cp, 0x3001, 0x303F)) return CharClass::kPunct;
  if (cp < 0xFE00) return CharClass::kLetter;
  if (InRange(cp, 0xFE00, 0xFE0F) || InRange(cp, 0xFE20, 0xFE2F)) return CharClass::kExtend;
  if (cp == 0xFEFF) return CharClass::kSpace;
  if (InRange(cp, 0xFE10, 0xFE1F) || InRange(cp, 0xFE30, 0xFE6F)) return CharClass::kPunct;
  if (InRange(cp, 0xFF10, 0xFF19)) return CharClass::kDigit;
  if (InRange(cp, 0xFF01, 0xFF0F) || InRange(cp, 0xFF1A, 0xFF20) || InRange(cp, 0xFF3B, 0xFF40) ||
      InRange(cp, 0xFF5B, 0xFF65) || InRange(cp, 0xFFF9, 0xFFFD)) {
    return CharClass::kPunct;
  }
  if (cp < 0x10000) return CharClass::kLetter;
  if (InRange(cp, 0x1F3FB, 0x1F3FF) || InRange(cp, 0xE0000, 0xE007F)) return CharClass::kExtend;
  if (InRange(cp, 0x1F000, 0x1FAFF)) return CharClass::kPunct;  // emoji and pictographs
  return CharClass::kLetter;
}

struct Char {
  char32_t cp;
  std::uint32_t len;
  CharClass cls;
};

// Decodes the code point at text[pos] (pos < text.size()). Input is valid
// UTF-8 by contract, but a broken byte must not derail anything: it
// becomes a one-byte U+FFFD symbol.
inline Char CharAt(std::string_view text, size_t pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) return {b0, 1, kAsciiClasses[b0]};
  const size_t left = text.size() - pos;
  auto cont = [&](size_t i) {
    return i < left && (static_cast<unsigned char>(text[pos + i]) & 0xC0) == 0x80;
  };
  auto byte = [&](size_t i) { return static_cast<char32_t>(text[pos + i]) & 0x3F; };
  char32_t cp = 0xFFFD;
  std::uint32_t len = 1;
  if (b0 >= 0xC2 && b0 < 0xE0 && cont(1)) {
    cp = ((b0 & 0x1Fu) << 6) | byte(1);
    len = 2;
  } else if (b0 >= 0xE0 && b0 < 0xF0 && cont(1) && cont(2)) {
    cp = ((b0 & 0x0Fu) << 12) | (byte(1) << 6) | byte(2);
    len = 3;
    if (cp < 0x800 || InRange(cp, 0xD800, 0xDFFF)) cp = 0xFFFD, len = 1;
  } else if (b0 >= 0xF0 && b0 < 0xF5 && cont(1) && cont(2) && cont(3)) {
    cp = ((b0 & 0x07u) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3);
    len = 4;
    if (cp < 0x10000 || cp > 0x10FFFF) cp = 0xFFFD, len = 1;
  }
  if (len == 1) return {cp, 1, CharClass::kPunct};
  return {cp, len, ClassifyNonAscii(cp)};
}

enum class Case : std::uint8_t { kNone, kUpper, kLower };

// Letter case for the scripts that have it, by range; scripts without case
// (Arabic, Hebrew, CJK...) are kNone, which the rules treat like upper case
// at a sentence start.
Case CaseOf(char32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return Case::kUpper;
    if (cp >= 'a' && cp <= 'z') return Case::kLower;
    return Case::kNone;
  }
  if (InRange(cp, 0xC0, 0xDE)) return cp == 0xD7 ? Case::kNone : Case::kUpper;
  if (InRange(cp, 0xDF, 0xFF)) return cp == 0xF7 ? Case::kNone : Case::kLower;
  if (InRange(cp, 0x100, 0x17F)) {
    // Latin Extended-A alternates upper/lower, with the parity flipping in
    // two stretches.
    bool odd_upper = InRange(cp, 0x139, 0x148) || InRange(cp, 0x179, 0x17E);
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return Case::kLower;
    if (cp == 0x178) return Case::kUpper;
    return ((cp & 1) != 0) == odd_upper ? Case::kUpper : Case::kLower;
  }
  if (InRange(cp, 0x180, 0x24F)) return Case::kLower;  // mostly lower; rare at sentence starts
  if (cp == 0x386 || InRange(cp, 0x388, 0x38F) || InRange(cp, 0x391, 0x3AB)) return Case::kUpper;
  if (InRange(cp, 0x3AC, 0x3CE)) return Case::kLower;
  if (InRange(cp, 0x400, 0x42F)) return Case::kUpper;
  if (InRange(cp, 0x430, 0x45F)) return Case::kLower;
  if (InRange(cp, 0x460, 0x4FF)) return (cp & 1) == 0 ? Case::kUpper : Case::kLower;
  if (InRange(cp, 0x531, 0x556)) return Case::kUpper;
  if (InRange(cp, 0x561, 0x587)) return Case::kLower;
  if (InRange(cp, 0x10A0, 0x10C5)) return Case::kUpper;
  if (InRange(cp, 0x1E00, 0x1EFF)) return (cp & 1) == 0 ? Case::kUpper : Case::kLower;
  return Case::kNone;
}

bool IsWordChar(CharClass c) {
  return c == CharClass::kLetter || c == CharClass::kDigit || c == CharClass::kExtend;
}

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

// ---- Tokenizer --------------------------------------------------------------

class Tokenizer {
 public:
  Tokenizer(std::string_view text, const Lexicon& lexicon, std::vector<Token>& out)
      : text_(text), lexicon_(lexicon), out_(out), first_(out.size()) {}

  void Run() {
    const size_t n = text_.size();
    size_t pos = 0;
    while (pos < n) {
      const auto b = static_cast<unsigned char>(text_[pos]);
      // Fast path for the common single space between words.
      if (b < 0x80 && kAsciiClasses[b] == CharClass::kSpace) {
        ++pos;
        continue;
      }
      Char c = CharAt(text_, pos);
      switch (c.cls) {
        case CharClass::kSpace:
          pos += c.len;
          break;
        case CharClass::kLetter:
        case CharClass::kExtend:
          pos = ScanWord(pos, c);
          break;
        case CharClass::kDigit:
          pos = ScanNumber(pos);
          break;
        case CharClass::kPunct:
          pos = ScanPunct(pos, c);
          break;
      }
    }
  }

 private:
  void Emit(size_t start, size_t end, TokenKind kind, bool capitalized) {
    out_.push_back(Token{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end), kind,
                         capitalized});
  }

  // Letters, digits and marks, with internal apostrophes ("Da'esh") and
  // internal dots ("U.S", "bbc.co.uk"); then the final dot of an
  // abbreviation or initial joins the word ("U.S.", "Lt.", "J.").
  size_t ScanWord(size_t start, Char first) {
    const size_t n = text_.size();
    size_t pos = start;
    size_t segment = 0;      // code points since the last internal dot
    size_t max_segment = 0;  // longest dot-separated segment so far
    bool dotted = false;
    size_t code_points = 0;
    const size_t limit = std::min(n, start + kMaxTokenBytes);
    while (pos < limit) {
      // Most words are ASCII letters: a table test per byte, no decoding.
      const auto b = static_cast<unsigned char>(text_[pos]);
      if (b < 0x80 && kAsciiClasses[b] != CharClass::kPunct &&
          kAsciiClasses[b] != CharClass::kSpace) {
        ++pos;
        ++segment;
        ++code_points;
        continue;
      }
      Char c = CharAt(text_, pos);
      if (IsWordChar(c.cls)) {
        if (pos + c.len > limit) break;  // never cut a code point
        pos += c.len;
        ++segment;
        ++code_points;
        continue;
      }
      const size_t next = pos + c.len;
      if (next >= limit) break;
      if (IsApostrophe(c.cp)) {
        Char d = CharAt(text_, next);
        if (d.cls != CharClass::kLetter) break;
        if (d.cp == 's' || d.cp == 'S') {
          // "'s" then a non-letter is a possessive (or "it's"): its own token.
          if (next + 1 >= n || !IsWordChar(CharAt(text_, next + 1).cls)) break;
        }
        pos = next;
        continue;
      }
      if (c.cp == '.') {
        Char d = CharAt(text_, next);
        if (d.cls != CharClass::kLetter) break;
        // "U.S", "Ph.D", "e.g" and domain names continue; "said.He" (a
        // missing space) does not.
        if (segment > 2 && CaseOf(d.cp) != Case::kLower) break;
        dotted = true;
        max_segment = std::max(max_segment, segment);
        segment = 0;
        pos = next;
        continue;
      }
      break;
    }
    max_segment = std::max(max_segment, segment);
    if (pos < n && text_[pos] == '.' && pos - start < kMaxTokenBytes &&
        !(pos + 1 < n && text_[pos + 1] == '.')) {
      bool take = false;
      if (dotted) {
        take = max_segment <= 2;
      } else if (code_points == 1) {
        take = CaseOf(first.cp) == Case::kUpper;  // an initial: "J. K. Rowling"
      }
      if (!take) {
        WordKind kind = lexicon_.Find(text_.substr(start, pos + 1 - start));
        take = kind != WordKind::kNone && kind != WordKind::kStarter && kind != WordKind::kSpeech &&
               kind != WordKind::kJoiner;
      }
      if (take) ++pos;
    }
    Emit(start, pos, TokenKind::kWord, CaseOf(first.cp) == Case::kUpper);
    return pos;
  }

  // Digits with internal , . : between digits ("1,200", "3.5", "10:30")
  // and letters after them ("1990s", "20th", "5km").
  size_t ScanNumber(size_t start) {
    const size_t n = text_.size();
    size_t pos = start;
    const size_t limit = std::min(n, start + kMaxTokenBytes);
    while (pos < limit) {
      const auto b = static_cast<unsigned char>(text_[pos]);
      if (b < 0x80 && kAsciiClasses[b] != CharClass::kPunct &&
          kAsciiClasses[b] != CharClass::kSpace) {
        ++pos;
        continue;
      }
      Char c = CharAt(text_, pos);
      if (IsWordChar(c.cls)) {
        if (pos + c.len > limit) break;
        pos += c.len;
        continue;
      }
      if ((c.cp == ',' || c.cp == '.' || c.cp == ':') && pos + 1 < n && text_[pos + 1] >= '0' &&
          text_[pos + 1] <= '9') {
        pos += 1;
        continue;
      }
      break;
    }
    Emit(start, pos, TokenKind::kNumber, false);
    return pos;
  }

  size_t ScanPunct(size_t start, Char c) {
    const size_t n = text_.size();
    size_t pos = start + c.len;
    if (c.cp == '.' || c.cp == '-') {
      // An ellipsis "..." or a typed dash "--" is one mark.
      while (pos < n && text_[pos] == static_cast<char>(c.cp) && pos - start < kMaxTokenBytes) {
        ++pos;
      }
    } else if (IsApostrophe(c.cp) && out_.size() > first_ && out_.back().end == start &&
               out_.back().kind != TokenKind::kPunct && pos < n &&
               (text_[pos] == 's' || text_[pos] == 'S') &&
               (pos + 1 >= n || !IsWordChar(CharAt(text_, pos + 1).cls))) {
      Emit(start, pos + 1, TokenKind::kWord, false);  // possessive "'s"
      return pos + 1;
    } else {
      // Marks that modify a symbol (emoji skin tones, variation selectors)
      // stay with it.
      while (pos < n && pos - start < kMaxTokenBytes) {
        Char d = CharAt(text_, pos);
        if (d.cls != CharClass::kExtend) break;
        pos += d.len;
      }
    }
    Emit(start, pos, TokenKind::kPunct, false);
    return pos;
  }

  std::string_view text_;
  const Lexicon& lexicon_;
  std::vector<Token>& out_;
  size_t first_;  // tokens before this index belong to another text
};

// ---- Sentence rules ---------------------------------------------------------

bool IsTerminalMark(char32_t cp) {
  switch (cp) {
    case '.':
    case '!':
    case '?':
    case 0x2026:  // …
    case 0x203C:  // ‼
    case 0x2047:
    case 0x2048:
    case 0x2049:
    case 0x061F:  // Arabic question mark
    case 0x06D4:  // Urdu full stop
    case 0x0964:  // Devanagari danda
    case 0x0965:
    case 0x3002:  // ideographic full stop
    case 0xFF01:
    case 0xFF0E:
    case 0xFF1F:
    case 0x1362:  // Ethiopic full stop
    case 0x0589:  // Armenian full stop
      return true;
    default:
      return false;
  }
}

bool IsClosingMark(char32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x201D:  // ”
    case 0x2019:  // ’
    case 0x00BB:  // »
    case 0x203A:  // ›
    case 0x300D:
    case 0x300F:
    case 0xFF09:
      return true;
    default:
      return false;
  }
}

bool IsOpeningQuote(char32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case 0x201C:  // “
    case 0x2018:  // ‘
    case 0x201E:  // „
    case 0x00AB:  // «
    case 0x2039:  // ‹
    case 0x300C:
    case 0x300E:
      return true;
    default:
      return false;
  }
}

// A mark that can open a sentence or a list item: brackets, dashes,
// bullets, inverted marks.
bool IsOpeningOther(char32_t cp) {
  switch (cp) {
    case '(':
    case '[':
    case '-':
    case '*':
    case 0x2013:  // –
    case 0x2014:  // —
    case 0x2022:  // •
    case 0x00BF:  // ¿
    case 0x00A1:  // ¡
    case 0xFF08:
      return true;
    default:
      return false;
  }
}

// What follows a possible sentence end, as the rules need it.
enum class Next : std::uint8_t {
  kLowerWord,  // "forces": the sentence goes on
  kUpperWord,  // capitalised or uncased-script word
  kNumber,
  kQuote,       // an opening quotation mark
  kOpener,      // bracket, dash, bullet
  kOtherPunct,  // , ; : % and the like
};

class Segmenter {
 public:
  Segmenter(std::string_view text, const Lexicon& lexicon, TokenizedText& out)
      : text_(text), lexicon_(lexicon), tokens_(out.tokens), sentences_(out.sentences) {}

  void Run() {
    const auto count = static_cast<std::uint32_t>(tokens_.size());
    if (count == 0) return;
    std::uint32_t begin = 0;
    std::uint32_t paragraph = 0;
    for (std::uint32_t i = 1; i < count; ++i) {
      const int newlines = NewlinesBetween(tokens_[i - 1].end, tokens_[i].start);
      bool end = false;
      if (newlines >= 2) {
        end = true;
      } else if (EndsBefore(begin, i, newlines == 1)) {
        end = true;
      } else if (i - begin >= kMaxSentenceTokens ||
                 tokens_[i].end - tokens_[begin].start > kMaxSentenceBytes) {
        end = true;
      }
      if (end) {
        Close(begin, i, paragraph);
        begin = i;
        if (newlines >= 2) ++paragraph;
      }
    }
    Close(begin, count, paragraph);
  }

 private:
  void Close(std::uint32_t begin, std::uint32_t end, std::uint32_t paragraph) {
    sentences_.push_back(
        Sentence{tokens_[begin].start, tokens_[end - 1].end, paragraph, begin, end - begin});
  }

  // 0, 1, or 2 for "two or more" (a paragraph break). The gap holds only
  // white space: every other character belongs to a token.
  int NewlinesBetween(std::uint32_t from, std::uint32_t to) const {
    int lines = 0;
    for (std::uint32_t p = from; p < to; ++p) {
      const char c = text_[p];
      if (c == '\n') {
        ++lines;
      } else if (c == '\r') {
        if (p + 1 >= to || text_[p + 1] != '\n') ++lines;
      } else if (c == '\xE2' && p + 2 < to && text_[p + 1] == '\x80') {
        if (text_[p + 2] == '\xA8') ++lines;     // U+2028 LINE SEPARATOR
        if (text_[p + 2] == '\xA9') lines += 2;  // U+2029 PARAGRAPH SEPARATOR
      } else if (c == '\xC2' && p + 1 < to && text_[p + 1] == '\x85') {
        ++lines;  // U+0085 NEXT LINE
      } else if (c == '\f') {
        lines += 2;
      }
      if (lines >= 2) return 2;
    }
    return lines;
  }

  std::string_view TextOf(const Token& t) const { return text_.substr(t.start, t.end - t.start); }
  char32_t FirstCp(const Token& t) const { return CharAt(text_, t.start).cp; }

  Next Classify(const Token& t) const {
    switch (t.kind) {
      case TokenKind::kNumber:
        return Next::kNumber;
      case TokenKind::kWord:
        return CaseOf(FirstCp(t)) == Case::kLower ? Next::kLowerWord : Next::kUpperWord;
      case TokenKind::kPunct: {
        const char32_t cp = FirstCp(t);
        if (IsOpeningQuote(cp)) return Next::kQuote;
        if (IsOpeningOther(cp)) return Next::kOpener;
        return Next::kOtherPunct;
      }
    }
    return Next::kOtherPunct;
  }

  // "town", "officials": not an abbreviation of anything.
  bool IsPlainLowerWord(const Token& t) const {
    if (t.kind != TokenKind::kWord || t.end - t.start < 4) return false;
    for (std::uint32_t p = t.start; p < t.end; ++p) {
      if (text_[p] < 'a' || text_[p] > 'z') return false;
    }
    return true;
  }

  // One to three digits opening a sentence: a numbered heading or item.
  bool IsEnumerator(const Token& t) const {
    if (t.kind != TokenKind::kNumber || t.end - t.start > 3) return false;
    for (std::uint32_t p = t.start; p < t.end; ++p) {
      if (text_[p] < '0' || text_[p] > '9') return false;
    }
    return true;
  }

  bool IsStarter(const Token& t) const {
    return t.kind == TokenKind::kWord && lexicon_.Find(TextOf(t)) == WordKind::kStarter;
  }

  // "“Why?” Lt. Gen. Smith asked." goes on: capitalised words, then a
  // reporting verb, after a quoted question or exclamation.
  bool SpeechFollows(std::uint32_t i) const {
    const auto count = static_cast<std::uint32_t>(tokens_.size());
    std::uint32_t k = i;
    while (k < count && k < i + 4 && tokens_[k].kind == TokenKind::kWord &&
           tokens_[k].capitalized) {
      ++k;
    }
    return k > i && k < count && tokens_[k].kind == TokenKind::kWord &&
           lexicon_.Find(TextOf(tokens_[k])) == WordKind::kSpeech;
  }

  // Whether the sentence that began at token `begin` ends before token `i`
  // (begin < i). `line_break`: the gap holds one line break.
  bool EndsBefore(std::uint32_t begin, std::uint32_t i, bool line_break) const {
    // The stop is the last token once closing quotes and brackets written
    // right after it are set aside: `win.”` `(see below.)`.
    // Fast exit for the common case, the gap after an ordinary word: only
    // punctuation, a word that took a dot, or a line break can end a
    // sentence.
    const Token& last = tokens_[i - 1];
    if (!line_break && last.kind != TokenKind::kPunct && text_[last.end - 1] != '.') return false;
    std::uint32_t j = i - 1;
    bool closed = false;
    while (j > begin && i - j <= 8 && tokens_[j].kind == TokenKind::kPunct) {
      const char32_t cp = FirstCp(tokens_[j]);
      if (!IsClosingMark(cp)) break;
      // A straight quote after a space opens the next quotation; curly
      // quotes and guillemets say which side they are on, and French sets
      // "»" off with a space.
      if (tokens_[j].start != tokens_[j - 1].end && (cp == '"' || cp == '\'')) break;
      --j;
      closed = true;
    }
    const Token& stop = tokens_[j];
    const Token& next = tokens_[i];
    const Next what = Classify(next);
    const bool gap = next.start > tokens_[i - 1].end;

    if (line_break && stop.kind == TokenKind::kWord && !closed &&
        lexicon_.Find(TextOf(stop)) == WordKind::kJoiner) {
      return false;  // "researchers at the\nUniversity of Juba": wrapped text
    }
    if (stop.kind == TokenKind::kPunct) {
      const char32_t cp = FirstCp(stop);
      if (!IsTerminalMark(cp)) {
        // A line that ends without a stop (a headline, a list item) ends
        // the sentence, unless the next line carries on in lower case (text
        // wrapped at a fixed width).
        return line_break && what != Next::kLowerWord;
      }
      if (what == Next::kOtherPunct) return false;
      if (what == Next::kLowerWord) {
        // Mostly an abbreviation the list lacks ("esp. the"), so the
        // sentence goes on; but after a plain lower-case word of four
        // letters or more a stop is a stop ("the town. al-Shabaab said").
        return cp == '.' && stop.end - stop.start == 1 && gap && j > begin &&
               tokens_[j - 1].end == stop.start && IsPlainLowerWord(tokens_[j - 1]);
      }
      if (!gap) return what == Next::kUpperWord && !closed && cp == '.';
      if (cp == '.' && j == begin + 1 && IsEnumerator(tokens_[begin])) {
        return false;  // a list label: "1. Background"
      }
      const bool ellipsis = cp == 0x2026 || (cp == '.' && stop.end - stop.start > 1);
      if (ellipsis && !line_break) {
        // "We will... fight" went on already (lower case). An ellipsis set
        // off by spaces marks words left out of a quotation ("the rebels
        // ... Nigeria's army"): only a common opener starts a sentence
        // after it. One written onto its word ("cut out... Minutes later")
        // ends a sentence before any capital but the pronoun "I" ("I saw…
        // I saw").
        if (what == Next::kQuote || IsStarter(next)) return TextOf(next) != "I" || closed;
        const bool attached = j > begin && tokens_[j - 1].end == stop.start;
        return attached && what == Next::kUpperWord && TextOf(next) != "I";
      }
      if ((cp == '?' || cp == '!') && closed && what == Next::kUpperWord && SpeechFollows(i)) {
        return false;
      }
      return true;
    }

    // A word that took its final dot: an abbreviation, initialism or initial.
    if (stop.kind != TokenKind::kWord || text_[stop.end - 1] != '.') {
      return line_break && what != Next::kLowerWord;
    }
    if (what == Next::kLowerWord || what == Next::kOtherPunct) return false;
    if (!gap) return false;   // "U.S.-backed"
    if (closed) return true;  // a quotation closed after it: “No.” “Never.”
    WordKind kind = lexicon_.Find(TextOf(stop));
    if (kind == WordKind::kNone) kind = WordKind::kInitialism;  // "J.", "N.Y.C."
    switch (kind) {
      case WordKind::kTitle:
      case WordKind::kPrefix:
        return false;
      case WordKind::kOther:
        return line_break || what == Next::kUpperWord || what == Next::kQuote;
      default:  // month, initialism, suffix
        if (line_break) return true;
        if (what == Next::kNumber) return false;
        return what == Next::kQuote || IsStarter(next);
    }
  }

  std::string_view text_;
  const Lexicon& lexicon_;
  const std::vector<Token>& tokens_;
  std::vector<Sentence>& sentences_;
};

// Offsets are 32-bit: text past 4 GiB is not looked at (the ingest stage
// bounds documents far below that).
std::string_view Clamp(std::string_view text) {
  return text.substr(0, std::min<size_t>(text.size(), std::numeric_limits<std::uint32_t>::max()));
}

}  // namespace

struct SentenceSplitter::Data {
  Lexicon lexicon;
};

Result<SentenceSplitter> SentenceSplitter::Load(const DataFiles& files) {
  auto file = ReadTsvFile(files, kAbbreviationsFile, 2, 2);
  if (!file.ok()) return file.status();
  auto data = std::make_shared<Data>();
  Lexicon& lexicon = data->lexicon;
  lexicon.text = file->text;
  for (const TsvRow& row : file->rows) {
    const KindName* kind = nullptr;
    for (const KindName& k : kKindNames) {
      if (row.fields[0] == k.name) kind = &k;
    }
    if (kind == nullptr) {
      return Status::Corruption(file->Where(row) + "unknown kind \"" + std::string(row.fields[0]) +
                                "\"");
    }
    std::string_view word = row.fields[1];
    if (word.empty() || word.find(' ') != std::string_view::npos) {
      return Status::Corruption(file->Where(row) + "expected one word");
    }
    const bool dotted = word.back() == '.';
    const bool abbreviation = kind->kind != WordKind::kStarter && kind->kind != WordKind::kSpeech &&
                              kind->kind != WordKind::kJoiner;
    if (dotted != abbreviation) {
      return Status::Corruption(file->Where(row) +
                                (abbreviation ? "an abbreviation ends with a dot"
                                              : "a starter, speech or joiner word has no dot"));
    }
    if (!lexicon.words.emplace(word, kind->kind).second) {
      return Status::Corruption(file->Where(row) + "duplicate word \"" + std::string(word) + "\"");
    }
    lexicon.max_length = std::max(lexicon.max_length, word.size());
  }
  return SentenceSplitter(std::move(data));
}

TokenizedText SentenceSplitter::Split(std::string_view text) const {
  text = Clamp(text);
  TokenizedText result;
  // English news averages a token per 5-6 bytes and 25 tokens a sentence;
  // reserving from the byte count avoids regrowth on the hot path.
  result.tokens.reserve(text.size() / 4 + 8);
  Tokenize(text, result.tokens);
  result.sentences.reserve(result.tokens.size() / 16 + 4);
  Segmenter(text, data_->lexicon, result).Run();
  return result;
}

void SentenceSplitter::Tokenize(std::string_view text, std::vector<Token>& out) const {
  Tokenizer(Clamp(text), data_->lexicon, out).Run();
}

}  // namespace khaldun::text
