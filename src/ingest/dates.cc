// Date recognition by direct scanning: each pattern is tried at every word
// start, reading digits and month names in place, so no tokens, regexes or
// temporary strings are built; the only allocation is the returned string.
#include "ingest/dates.h"

#include <cstddef>

namespace khaldun {
namespace {

struct Ymd {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Letters of a month name may be non-ASCII ("février", "März"): any byte of
// a multi-byte UTF-8 sequence counts as part of the word.
bool IsWordByte(char c) {
  return IsAsciiAlpha(c) || (static_cast<unsigned char>(c) & 0x80) != 0;
}
bool IsAlnum(char c) { return IsDigit(c) || IsWordByte(c); }

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[m - 1];
}

// Years outside 1900-2100 in news text are almost always something else
// (street numbers, counts, codes), so they are not dates here.
bool Valid(const Ymd& d) {
  return d.year >= 1900 && d.year <= 2100 && d.month >= 1 && d.month <= 12 &&
         d.day >= 1 && d.day <= DaysInMonth(d.year, d.month);
}

std::string Format(const Ymd& d) {
  std::string out(10, '0');
  out[0] = static_cast<char>('0' + d.year / 1000);
  out[1] = static_cast<char>('0' + d.year / 100 % 10);
  out[2] = static_cast<char>('0' + d.year / 10 % 10);
  out[3] = static_cast<char>('0' + d.year % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + d.month / 10);
  out[6] = static_cast<char>('0' + d.month % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + d.day / 10);
  out[9] = static_cast<char>('0' + d.day % 10);
  return out;
}

// Reads a run of digits at *pos; returns its length (0 when none) and the
// value. Runs longer than 8 digits are read but their value is not used.
size_t ReadDigits(std::string_view s, size_t* pos, int* value) {
  size_t start = *pos;
  int v = 0;
  while (*pos < s.size() && IsDigit(s[*pos])) {
    if (*pos - start < 9) v = v * 10 + (s[*pos] - '0');
    ++*pos;
  }
  *value = v;
  return *pos - start;
}

bool OneOrTwo(size_t digits) { return digits == 1 || digits == 2; }

struct MonthName {
  std::string_view name;
  int month;
};

// English names and abbreviations as news sites write them, plus the full
// names of the other large European news languages (lower case as
// written; matching folds ASCII case only).
constexpr MonthName kMonthNames[] = {
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3},
    {"mar", 3}, {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6},
    {"july", 7}, {"jul", 7}, {"august", 8}, {"aug", 8}, {"september", 9},
    {"sept", 9}, {"sep", 9}, {"october", 10}, {"oct", 10}, {"november", 11},
    {"nov", 11}, {"december", 12}, {"dec", 12},
    // French
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4},
    {"mai", 5}, {"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8},
    {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    // Spanish
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5},
    {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"septiembre", 9},
    {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
    // Portuguese
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"novembro", 11},
    {"dezembro", 12},
    // German
    {"januar", 1}, {"februar", 2}, {"märz", 3}, {"juni", 6}, {"juli", 7},
    {"oktober", 10}, {"dezember", 12},
    // Italian
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5},
    {"giugno", 6}, {"luglio", 7}, {"settembre", 9}, {"ottobre", 10},
    {"dicembre", 12},
};

bool EqualsFoldAscii(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

// Reads a month name at *pos (and an abbreviation's '.'); 0 when the word
// there is not one.
int ReadMonth(std::string_view s, size_t* pos) {
  size_t end = *pos;
  while (end < s.size() && IsWordByte(s[end])) ++end;
  std::string_view word = s.substr(*pos, end - *pos);
  if (word.size() < 3 || word.size() > 10) return 0;
  for (const MonthName& m : kMonthNames) {
    if (EqualsFoldAscii(word, m.name)) {
      *pos = end;
      if (*pos < s.size() && s[*pos] == '.') ++*pos;
      return m.month;
    }
  }
  return 0;
}

// Separators between a day and a month name: spaces, '-', '.', ',', and the
// linking words of "29th of August", "29 de agosto de 2024".
void SkipDateGlue(std::string_view s, size_t* pos) {
  while (true) {
    size_t before = *pos;
    while (*pos < s.size() && (s[*pos] == ' ' || s[*pos] == '\t' || s[*pos] == '-' ||
                               s[*pos] == '.' || s[*pos] == ',' || s[*pos] == '/')) {
      ++*pos;
    }
    std::string_view rest = s.substr(*pos);
    for (std::string_view glue : {"of ", "de ", "del "}) {
      if (rest.size() > glue.size() && EqualsFoldAscii(rest.substr(0, glue.size()), glue)) {
        *pos += glue.size();
        break;
      }
    }
    if (*pos == before) return;
  }
}

void SkipOrdinal(std::string_view s, size_t* pos) {
  std::string_view rest = s.substr(*pos);
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (rest.size() >= 2 && EqualsFoldAscii(rest.substr(0, 2), suffix) &&
        (rest.size() == 2 || !IsAlnum(rest[2]))) {
      *pos += 2;
      return;
    }
  }
}

// A date pattern must not run on into more digits ("2024-08-291") or
// letters ("29 Augusta"); 'T' starts the time part of ISO 8601.
bool EndsCleanly(std::string_view s, size_t pos) {
  return pos >= s.size() || !IsAlnum(s[pos]) || s[pos] == 'T';
}

enum class Mode {
  kField,  // a field meant to hold a date: compact and numeric forms too
  kText,   // running text: only unambiguous written-out or ISO forms
};

// Tries every pattern starting at `start` (a word start).
bool MatchAt(std::string_view s, size_t start, Mode mode, Ymd* out) {
  size_t pos = start;
  int first = 0;
  size_t n1 = ReadDigits(s, &pos, &first);
  if (n1 == 4) {
    // 2024-08-29, 2024/08/29, 2024.08.29, and 2024年8月29日.
    char sep = pos < s.size() ? s[pos] : '\0';
    if (sep == '-' || sep == '/' || sep == '.') {
      size_t p = pos + 1;
      int month = 0;
      int day = 0;
      if (OneOrTwo(ReadDigits(s, &p, &month)) && p < s.size() && s[p] == sep) {
        ++p;
        if (OneOrTwo(ReadDigits(s, &p, &day)) && EndsCleanly(s, p)) {
          *out = {first, month, day};
          return Valid(*out);
        }
      }
    }
    if (s.substr(pos).starts_with("年")) {
      size_t p = pos + 3;
      int month = 0;
      int day = 0;
      if (OneOrTwo(ReadDigits(s, &p, &month)) && s.substr(p).starts_with("月")) {
        p += 3;
        if (OneOrTwo(ReadDigits(s, &p, &day)) && s.substr(p).starts_with("日")) {
          *out = {first, month, day};
          return Valid(*out);
        }
      }
    }
    return false;
  }
  if (n1 == 8) {
    if (mode != Mode::kField || !EndsCleanly(s, pos)) return false;
    *out = {first / 10000, first / 100 % 100, first % 100};
    return Valid(*out);
  }
  if (n1 == 1 || n1 == 2) {
    // 29 August 2024, 29 Aug. 2024, 29-Aug-2024, 29th of August, 2024.
    size_t p = pos;
    SkipOrdinal(s, &p);
    SkipDateGlue(s, &p);
    int month = ReadMonth(s, &p);
    if (month != 0) {
      SkipDateGlue(s, &p);
      int year = 0;
      if (ReadDigits(s, &p, &year) == 4 && EndsCleanly(s, p)) {
        *out = {year, month, first};
        return Valid(*out);
      }
      return false;
    }
    // 29/08/2024 or 08/29/2024: only in date fields, and only when the
    // order is certain. A day above 12 settles it; otherwise dots mean the
    // European day-first order and anything else is left undecided rather
    // than guessed, since a wrong month is worse than no date.
    if (mode != Mode::kField) return false;
    char sep = pos < s.size() ? s[pos] : '\0';
    if (sep != '/' && sep != '.' && sep != '-') return false;
    p = pos + 1;
    int second = 0;
    if (!OneOrTwo(ReadDigits(s, &p, &second)) || p >= s.size() || s[p] != sep) return false;
    ++p;
    int year = 0;
    if (ReadDigits(s, &p, &year) != 4 || !EndsCleanly(s, p)) return false;
    if (first > 12 || (sep == '.' && second <= 12)) {
      *out = {year, second, first};
    } else if (second > 12 || first == second) {
      *out = {year, first, second};
    } else {
      return false;
    }
    return Valid(*out);
  }
  if (n1 != 0) return false;
  // August 29, 2024; Aug. 29, 2024; Sept 3 2024.
  int month = ReadMonth(s, &pos);
  if (month == 0) return false;
  SkipDateGlue(s, &pos);
  int day = 0;
  size_t nd = ReadDigits(s, &pos, &day);
  if (nd != 1 && nd != 2) return false;
  SkipOrdinal(s, &pos);
  SkipDateGlue(s, &pos);
  int year = 0;
  if (ReadDigits(s, &pos, &year) != 4 || !EndsCleanly(s, pos)) return false;
  *out = {year, month, day};
  return Valid(*out);
}

std::string FindDate(std::string_view s, Mode mode) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsAlnum(s[i])) continue;
    if (i > 0 && IsAlnum(s[i - 1])) continue;  // not a word start
    Ymd date;
    if (MatchAt(s, i, mode, &date)) return Format(date);
  }
  return "";
}

}  // namespace

namespace {

// The first and last letters of the month names of each length: bit
// (letter - 'a') of first[length] and last[length] for every name of
// kMonthNames (all begin and end with an ASCII letter). Most capitalised
// words the date reader asks about ("Syria", "Tuesday", "The") fail this
// test and skip the comparison with a hundred names.
struct MonthGate {
  unsigned first[11] = {};
  unsigned last[11] = {};
};

constexpr MonthGate MakeMonthGate() {
  MonthGate gate;
  for (const MonthName& m : kMonthNames) {
    gate.first[m.name.size()] |= 1u << (m.name.front() - 'a');
    gate.last[m.name.size()] |= 1u << (m.name.back() - 'a');
  }
  return gate;
}

constexpr MonthGate kMonthGate = MakeMonthGate();

// False only when `word` certainly is not a month name: without one final
// '.' it is not 3-10 bytes, or no name of its length begins and ends with
// its first and last letters (ASCII case folded).
bool MayBeMonthName(std::string_view word) {
  size_t n = word.size();
  if (n > 0 && word[n - 1] == '.') --n;
  if (n < 3 || n > 10) return false;
  auto letter = [](char c) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 0u;
  };
  return (kMonthGate.first[n] & letter(word[0])) != 0 &&
         (kMonthGate.last[n] & letter(word[n - 1])) != 0;
}

}  // namespace

int MonthFromName(std::string_view word) {
  if (!MayBeMonthName(word)) return 0;
  size_t pos = 0;
  int month = ReadMonth(word, &pos);
  return pos == word.size() ? month : 0;
}

std::string NormalizeDate(std::string_view raw) {
  // Any leading weekday ("Thu, 29 Aug 2024 ...") is skipped by the scan.
  return FindDate(raw, Mode::kField);
}

std::string FindDateInText(std::string_view text) { return FindDate(text, Mode::kText); }

std::string DateFromUrl(std::string_view url) {
  // Only the path: query strings carry ids and timestamps that look like
  // dates far more often than they are.
  size_t scheme = url.find("://");
  size_t path_start = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (path_start == std::string_view::npos) return "";
  std::string_view path = url.substr(path_start);
  path = path.substr(0, path.find_first_of("?#"));
  for (size_t i = 0; i < path.size(); ++i) {
    if (!IsDigit(path[i]) || (i > 0 && IsDigit(path[i - 1]))) continue;
    size_t pos = i;
    int value = 0;
    size_t n = ReadDigits(path, &pos, &value);
    bool bounded = pos >= path.size() || !IsDigit(path[pos]);
    Ymd date;
    if (n == 8 && bounded) {
      date = {value / 10000, value / 100 % 100, value % 100};
      if (Valid(date)) return Format(date);
      continue;
    }
    if (n != 4 || pos >= path.size()) continue;
    char sep = path[pos];
    if (sep != '/' && sep != '-' && sep != '_') continue;
    size_t p = pos + 1;
    int month = 0;
    int day = 0;
    if (ReadDigits(path, &p, &month) != 2 || p >= path.size() || path[p] != sep) continue;
    ++p;
    if (ReadDigits(path, &p, &day) != 2) continue;
    if (p < path.size() && IsDigit(path[p])) continue;
    date = {value, month, day};
    if (Valid(date)) return Format(date);
  }
  return "";
}

}  // namespace khaldun
