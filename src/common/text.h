// Small text helpers shared by every stage: UTF-8 checks and repair,
// whitespace folding, ASCII case, hashing. All take views and never
// allocate unless they return a string. Thread-safe.
#ifndef KHALDUN_COMMON_TEXT_H_
#define KHALDUN_COMMON_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace khaldun {

inline constexpr size_t kNpos = std::string_view::npos;

// Offset of the first byte that does not start a valid UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are invalid),
// or kNpos when all of `s` is valid.
size_t FindInvalidUtf8(std::string_view s);

// Number of invalid sequences in `s` (each replaced by one U+FFFD by
// RepairUtf8).
size_t CountInvalidUtf8(std::string_view s);

// `s` with each invalid sequence replaced by U+FFFD.
std::string RepairUtf8(std::string_view s);

// Decodes Windows-1252 (a superset of ISO-8859-1's printable range, which
// is what pages labelled iso-8859-1 really use) to UTF-8.
std::string Windows1252ToUtf8(std::string_view s);

// Appends the UTF-8 encoding of `cp` (U+FFFD for invalid code points).
void AppendUtf8(std::string& out, char32_t cp);

// Decodes one code point at `s[*pos]` and advances *pos; U+FFFD and a
// one-byte step on invalid input.
char32_t NextCodePoint(std::string_view s, size_t* pos);

// True for the ASCII white space bytes and for U+00A0 / other Unicode
// spaces when starting at s[pos] (sets *len to the sequence length).
bool IsSpaceAt(std::string_view s, size_t pos, size_t* len);

// Folds every run of white space (ASCII, NBSP, Unicode spaces, zero-width
// spaces) into one ASCII space and trims both ends.
std::string CollapseWhitespace(std::string_view s);

// Number of words in `s`, a word being a maximal run of bytes other than
// ASCII space (callers pass text whose white space is already folded).
size_t CountWords(std::string_view s);

// Trims ASCII white space from both ends.
std::string_view TrimAscii(std::string_view s);

inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
std::string AsciiLowerCopy(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix);
// Case-insensitive (ASCII) search; kNpos when absent.
size_t FindIgnoreCase(std::string_view haystack, std::string_view needle,
                      size_t from = 0);

// 64-bit FNV-1a with a final avalanche; stable across platforms and runs.
std::uint64_t Hash64(std::string_view s, std::uint64_t seed = 0);
// 16 lower-case hex digits.
std::string Hex64(std::uint64_t v);

}  // namespace khaldun

#endif  // KHALDUN_COMMON_TEXT_H_
