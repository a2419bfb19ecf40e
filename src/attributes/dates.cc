// Date reading works on tokens, not bytes: each form is a short pattern of
// token shapes (a capitalised month name, a 1-2 digit day, a 4-digit year,
// a word from date_words.tsv), tried at every token with the lead words
// before it ("on", "late on", "since") collected first. Words are looked
// up by the token's hash (TokenWords) in a table of the lower-case entries,
// phrases by binary search with ASCII case folded while comparing, so
// nothing is copied or allocated per token.
#include "attributes/dates.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <utility>

#include "common/text.h"
#include "common/word_hash.h"
#include "ingest/dates.h"

namespace khaldun::attributes {

std::string_view PrecisionName(DatePrecision precision) {
  switch (precision) {
    case DatePrecision::kDay:
      return "day";
    case DatePrecision::kMonth:
      return "month";
    case DatePrecision::kYear:
      return "year";
  }
  return "day";
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool CivilDate::IsValid() const {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

std::optional<CivilDate> CivilDate::FromIso(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto number = [&](size_t pos, size_t len, int* out) {
    for (size_t i = pos; i < pos + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
    }
    return std::from_chars(iso.data() + pos, iso.data() + pos + len, *out).ec == std::errc();
  };
  CivilDate d;
  if (!number(0, 4, &d.year) || !number(5, 2, &d.month) || !number(8, 2, &d.day)) {
    return std::nullopt;
  }
  if (!d.IsValid()) return std::nullopt;
  return d;
}

std::int64_t CivilDate::ToDays() const {
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

CivilDate CivilDate::FromDays(std::int64_t days) {
  const std::chrono::year_month_day ymd{
      std::chrono::sys_days{std::chrono::days{static_cast<std::chrono::days::rep>(days)}}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int CivilDate::Weekday() const {
  return static_cast<int>(
      std::chrono::weekday{std::chrono::sys_days{std::chrono::days{ToDays()}}}.iso_encoding());
}

CivilDate CivilDate::AddDays(std::int64_t days) const { return FromDays(ToDays() + days); }

std::string CivilDate::ToString(DatePrecision precision) const {
  auto put = [](std::string& out, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[out.size() - width + i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  std::string out(4, '0');
  put(out, year, 4);
  if (precision == DatePrecision::kYear) return out;
  out += "-00";
  put(out, month, 2);
  if (precision == DatePrecision::kMonth) return out;
  out += "-00";
  put(out, day, 2);
  return out;
}

namespace {

constexpr std::string_view kDateWordsFile = "attributes/date_words.tsv";

// Years a written date may carry, as NormalizeDate accepts them: outside
// this range a 4-digit number in news is a count or a code.
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

// How far after publication an unyeared "August 29" may fall before it is
// taken as last year's: articles announce events a few days ahead.
constexpr int kFutureWindowDays = 7;

// Every rule name a mention can carry; DateMention::rule points here, so
// mentions stay valid after the reader is gone.
constexpr std::string_view kRuleNames[] = {
    "explicit",
    "iso",
    "numeric",
    "month-year",
    "year",
    "month-day",
    "day-of-month",
    "month",
    "weekday",
    "relative-day",
    "relative-week",
    "relative-month",
    "relative-year",
    "weekend",
    "previous-day",
    "previous-week",
    "previous-month",
    "previous-year",
    "following-day",
    "following-week",
    "following-month",
    "following-year",
    "future-day",
    "future-week",
    "future-weekend",
    "future-month",
    "future-year",
    "future-weekday",
    "future-month-name",
};

std::string_view Rule(std::string_view name) {
  for (std::string_view r : kRuleNames) {
    if (r == name) return r;
  }
  return {};
}

enum WordKind : std::uint32_t {
  kWeekdayWord = 1u << 0,
  kNumberWord = 1u << 1,
  kUnitWord = 1u << 2,
  kDirectionWord = 1u << 3,
  kPartWord = 1u << 4,
  kLeadWord = 1u << 5,
  kPeriodWord = 1u << 6,
  kBlockerWord = 1u << 7,
  kModifierWord = 1u << 8,
  kYearLeadWord = 1u << 9,  // may stand before a bare year
};

enum class Unit : std::uint8_t { kDay, kWeek, kMonth, kYear };
enum class Direction : std::uint8_t { kAgo, kEarlier, kLater };
enum class RelativeUnit : std::uint8_t {
  kDay,
  kWeek,
  kWeekBefore,
  kWeekAfter,
  kWeekend,
  kThisWeekend,
  kMonth,
  kYear
};

// One single word with every role it has ("before" is a direction and a
// period word).
struct WordInfo {
  std::string word;  // lower case
  std::uint32_t kinds = 0;
  int weekday = 0;  // ISO 1-7
  int number = 0;
  Unit unit = Unit::kDay;
  Direction direction = Direction::kAgo;
  bool future = false;  // weekday_modifier: "next" rather than "last"
};

struct Phrase {
  std::vector<std::string> words;  // lower case
  RelativeUnit unit = RelativeUnit::kDay;
  int offset = 0;
  std::string_view rule;  // one of kRuleNames
};

// Three-way comparison of a token with a lower-case entry, folding the
// token's ASCII case. Bytes compare unsigned, as the sort of the entries.
int CompareFolded(std::string_view token, std::string_view lower) {
  const size_t n = std::min(token.size(), lower.size());
  for (size_t i = 0; i < n; ++i) {
    const auto a = static_cast<unsigned char>(AsciiLower(token[i]));
    const auto b = static_cast<unsigned char>(lower[i]);
    if (a != b) return a < b ? -1 : 1;
  }
  if (token.size() == lower.size()) return 0;
  return token.size() < lower.size() ? -1 : 1;
}

struct Lexicon {
  std::vector<WordInfo> words;  // sorted by word
  std::vector<Phrase> phrases;  // sorted by first word, longest first
  WordHashSet word_hashes;      // every entry of `words`: turns most tokens away
  WordHashSet phrase_starts;    // the first word of every phrase
  // `words` by LowerWordHash, open addressing: slot_words[k] is the
  // entry's position + 1 (0: empty), slot_hashes[k] its hash. A token's
  // entry is found with its hash (computed once per sentence) and one
  // string comparison instead of a binary search.
  std::vector<std::uint64_t> slot_hashes;
  std::vector<std::uint32_t> slot_words;

  // Call once `words` is sorted.
  void Index() {
    std::size_t slots = 16;
    while (slots < words.size() * 4) slots *= 2;
    slot_hashes.assign(slots, 0);
    slot_words.assign(slots, 0);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::uint64_t h = LowerWordHash(words[i].word);
      std::size_t k = h & (slots - 1);
      while (slot_words[k] != 0) k = (k + 1) & (slots - 1);
      slot_hashes[k] = h;
      slot_words[k] = static_cast<std::uint32_t>(i + 1);
    }
  }
  // The entry that `lower` (a lower-cased token whose LowerWordHash is
  // `hash`) is, or null.
  const WordInfo* Find(std::string_view lower, std::uint64_t hash) const {
    if (slot_words.empty()) return nullptr;
    const std::size_t mask = slot_words.size() - 1;
    for (std::size_t k = hash & mask; slot_words[k] != 0; k = (k + 1) & mask) {
      if (slot_hashes[k] == hash && words[slot_words[k] - 1].word == lower) {
        return &words[slot_words[k] - 1];
      }
    }
    return nullptr;
  }
};

using text::Token;
using text::TokenKind;

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

CivilDate AddMonths(int year, int month, int months) {
  const int total = year * 12 + (month - 1) + months;
  const int y = total >= 0 ? total / 12 : (total - 11) / 12;
  return {y, total - y * 12 + 1, 1};
}

// What a form matched at its first core token: the token after it, and
// the date (unset when the form needs a publication date and there is
// none).
struct Core {
  std::uint32_t end = 0;
  std::optional<CivilDate> date;
  DatePrecision precision = DatePrecision::kDay;
  std::string_view rule;
  bool relative = false;
};

// The state of one Find call: the sentence's tokens and the anchor.
class Scanner {
 public:
  // `months` caches Month() per token (-1: not yet known); as long as
  // `words`.
  Scanner(const Lexicon& data, const TokenWords& words, std::optional<CivilDate> published,
          std::span<std::int8_t> months)
      : data_(data),
        words_(words),
        text_(words.text),
        tokens_(words.tokens),
        published_(published),
        months_(months) {}

  std::vector<DateMention> Run() const;

 private:
  std::string_view Text(size_t i) const {
    const Token& t = tokens_[i];
    if (t.end > text_.size() || t.start > t.end) return {};
    return text_.substr(t.start, t.end - t.start);
  }
  bool IsWord(size_t i) const { return i < tokens_.size() && tokens_[i].kind == TokenKind::kWord; }
  bool IsNumber(size_t i) const {
    return i < tokens_.size() && tokens_[i].kind == TokenKind::kNumber;
  }
  bool IsPunct(size_t i, char c) const {
    return i < tokens_.size() && tokens_[i].kind == TokenKind::kPunct && Text(i).size() == 1 &&
           Text(i)[0] == c;
  }
  // Text(i) lower-cased.
  std::string_view Lower(size_t i) const {
    const Token& t = tokens_[i];
    if (t.end > text_.size() || t.start > t.end) return {};
    if (t.start == t.end) return words_.lower.substr(0, 0);
    return words_.Lower(i);
  }
  // LowerWordHash(Text(i)), computed once per sentence.
  std::uint64_t Hash(size_t i) const {
    const Token& t = tokens_[i];
    if (t.end > text_.size() || t.start >= t.end) return LowerWordHash(Text(i));
    return words_.Hash(i);
  }
  bool Is(size_t i, std::string_view lower) const { return IsWord(i) && Lower(i) == lower; }
  // Tokens i and i + 1 touch ("2024-08-29" is five touching tokens).
  bool Touching(size_t i) const {
    return i + 1 < tokens_.size() && tokens_[i].end == tokens_[i + 1].start;
  }
  const WordInfo* Word(size_t i) const;
  bool HasKind(size_t i, std::uint32_t kind) const {
    const WordInfo* w = Word(i);
    return w != nullptr && (w->kinds & kind) != 0;
  }
  // 1-12 for a capitalised month name at i (lower case "march", "may" are
  // verbs); else 0.
  int Month(size_t i) const {
    if (!IsWord(i) || !tokens_[i].capitalized) return 0;
    if (months_[i] < 0) months_[i] = static_cast<std::int8_t>(MonthFromName(Text(i)));
    return months_[i];
  }
  // A capitalised word that starts a name ("Sunday Times", "Mai-Ndombe").
  bool NameWord(size_t i) const {
    return IsWord(i) && tokens_[i].capitalized && Month(i) == 0 && !HasKind(i, kPartWord);
  }
  // A day of the month: 1-2 digits, optionally with an ordinal suffix
  // ("29th"); 0 when the token is not one.
  int Day(size_t i, bool* ordinal = nullptr) const;
  // A 4-digit year in [kMinYear, kMaxYear]; 0 otherwise.
  int Year(size_t i) const {
    int y = 0;
    if (!IsNumber(i) || Text(i).size() != 4 || !AllDigits(Text(i)) || !ParseInt(Text(i), &y)) {
      return 0;
    }
    return (y >= kMinYear && y <= kMaxYear) ? y : 0;
  }

  std::optional<Core> MatchCore(size_t j, bool has_lead, bool year_lead, bool mid) const;
  std::optional<Core> MatchIso(size_t j) const;
  std::optional<Core> MatchNumeric(size_t j) const;
  std::optional<Core> MatchDayMonth(size_t j) const;
  std::optional<Core> MatchMonth(size_t j, int month, bool has_lead, bool mid) const;
  std::optional<Core> MatchWeekday(size_t j, int weekday, bool has_lead) const;
  std::optional<Core> MatchModifier(size_t j, const WordInfo& modifier) const;
  std::optional<Core> MatchTheOrdinal(size_t j, bool has_lead) const;
  std::optional<Core> MatchPhrase(size_t j) const;
  std::optional<Core> MatchCount(size_t j) const;
  std::optional<Core> MatchYear(size_t j) const;

  // A month and day with an optional year after it, starting at `year_at`.
  Core MonthDay(size_t year_at, int month, int day) const;
  std::optional<Core> Anchored(std::uint32_t end, std::string_view rule, DatePrecision precision,
                               std::optional<CivilDate> date) const {
    return Core{end, date, precision, rule, true};
  }
  // Skips a part of the day after position i ("Friday night").
  std::uint32_t AfterPart(size_t i) const {
    return static_cast<std::uint32_t>(HasKind(i, kPartWord) ? i + 1 : i);
  }

  const Lexicon& data_;
  const TokenWords& words_;
  std::string_view text_;
  std::span<const Token> tokens_;
  std::optional<CivilDate> published_;
  std::span<std::int8_t> months_;
};

const WordInfo* Scanner::Word(size_t i) const {
  if (!IsWord(i)) return nullptr;
  // Lower(i) is the token with ASCII case folded, as the entries are.
  return data_.Find(Lower(i), Hash(i));
}

int Scanner::Day(size_t i, bool* ordinal) const {
  if (!IsNumber(i)) return 0;
  std::string_view s = Text(i);
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0 || digits > 2) return 0;
  std::string_view suffix = s.substr(digits);
  const bool has_suffix = !suffix.empty();
  if (has_suffix && CompareFolded(suffix, "st") != 0 && CompareFolded(suffix, "nd") != 0 &&
      CompareFolded(suffix, "rd") != 0 && CompareFolded(suffix, "th") != 0) {
    return 0;
  }
  int day = 0;
  if (!ParseInt(s.substr(0, digits), &day) || day < 1 || day > 31) return 0;
  if (ordinal != nullptr) *ordinal = has_suffix;
  return day;
}

// Latest date with this month and day at most kFutureWindowDays after
// `published`, looking one year either side.
std::optional<CivilDate> LatestMonthDay(const CivilDate& published, int month, int day) {
  const CivilDate limit = published.AddDays(kFutureWindowDays);
  for (int y = published.year + 1; y >= published.year - 1; --y) {
    const CivilDate d{y, month, day};
    if (d.IsValid() && d <= limit) return d;
  }
  return std::nullopt;
}

Core Scanner::MonthDay(size_t year_at, int month, int day) const {
  size_t k = year_at;
  if (IsPunct(k, ',') && Year(k + 1) != 0) ++k;
  if (const int year = Year(k); year != 0) {
    const CivilDate d{year, month, day};
    if (!d.IsValid()) return Core{static_cast<std::uint32_t>(k + 1), std::nullopt, {}, {}, false};
    return Core{static_cast<std::uint32_t>(k + 1), d, DatePrecision::kDay, Rule("explicit"), false};
  }
  const std::uint32_t end = static_cast<std::uint32_t>(year_at);
  if (!published_) return Core{end, std::nullopt, DatePrecision::kDay, Rule("month-day"), true};
  return Core{end, LatestMonthDay(*published_, month, day), DatePrecision::kDay, Rule("month-day"),
              true};
}

std::optional<Core> Scanner::MatchIso(size_t j) const {
  // 2024-08-29: five touching tokens.
  if (Text(j).size() != 4 || !AllDigits(Text(j))) return std::nullopt;
  for (size_t k = j; k < j + 4; ++k) {
    if (!Touching(k)) return std::nullopt;
  }
  if (!IsPunct(j + 1, '-') || !IsPunct(j + 3, '-') || !IsNumber(j + 2) || !IsNumber(j + 4)) {
    return std::nullopt;
  }
  const std::string_view span =
      text_.substr(tokens_[j].start, tokens_[j + 4].end - tokens_[j].start);
  auto date = CivilDate::FromIso(NormalizeDate(span));
  if (!date || Text(j + 2).size() > 2 || Text(j + 4).size() > 2) return std::nullopt;
  return Core{static_cast<std::uint32_t>(j + 5), date, DatePrecision::kDay, Rule("iso"), false};
}

std::optional<Core> Scanner::MatchNumeric(size_t j) const {
  // "29.08.2024" is one number token; "29/08/2024" and "29-08-2024" are
  // five touching ones. NormalizeDate decides the order and refuses the
  // ambiguous ones.
  std::string_view s = Text(j);
  size_t end = j + 1;
  const size_t dot = s.find('.');
  if (dot == 1 || dot == 2) {
    const size_t dot2 = s.find('.', dot + 1);
    if (dot2 == std::string_view::npos || dot2 - dot - 1 < 1 || dot2 - dot - 1 > 2 ||
        s.size() - dot2 - 1 != 4) {
      return std::nullopt;
    }
  } else {
    if (!AllDigits(s) || s.size() > 2) return std::nullopt;
    for (size_t k = j; k < j + 4; ++k) {
      if (!Touching(k)) return std::nullopt;
    }
    const bool slash = IsPunct(j + 1, '/') && IsPunct(j + 3, '/');
    const bool dash = IsPunct(j + 1, '-') && IsPunct(j + 3, '-');
    if (!(slash || dash) || !IsNumber(j + 2) || !IsNumber(j + 4) || Text(j + 2).size() > 2 ||
        Text(j + 4).size() != 4) {
      return std::nullopt;
    }
    end = j + 5;
  }
  const std::string_view span =
      text_.substr(tokens_[j].start, tokens_[end - 1].end - tokens_[j].start);
  auto date = CivilDate::FromIso(NormalizeDate(span));
  if (!date) return std::nullopt;
  return Core{static_cast<std::uint32_t>(end), date, DatePrecision::kDay, Rule("numeric"), false};
}

std::optional<Core> Scanner::MatchDayMonth(size_t j) const {
  // 29 August [2024]; 29th of August.
  const int day = Day(j);
  if (day == 0) return std::nullopt;
  size_t k = j + 1;
  if (Is(k, "of")) ++k;
  const int month = Month(k);
  if (month == 0) return std::nullopt;
  // An impossible day ("31 April 2024") is consumed with its year, giving
  // no date, so that "April 2024" is not read from what is left.
  return MonthDay(k + 1, month, day);
}

std::optional<Core> Scanner::MatchYear(size_t j) const {
  const int year = Year(j);
  if (year == 0) return std::nullopt;
  // "in 2026" in an article of 2024 is a plan or a count, not a date read
  // here; one year ahead is allowed for articles written around New Year.
  if (published_ && year > published_->year + 1) return std::nullopt;
  if (IsPunct(j + 1, '%')) return std::nullopt;
  return Core{static_cast<std::uint32_t>(j + 1), CivilDate{year, 1, 1}, DatePrecision::kYear,
              Rule("year"), false};
}

std::optional<Core> Scanner::MatchMonth(size_t j, int month, bool has_lead, bool mid) const {
  if (!mid) {
    // August 29 [, 2024]; not "August 29:30".
    if (const int day = Day(j + 1); day != 0 && !IsPunct(j + 2, ':')) {
      return MonthDay(j + 2, month, day);
    }
  }
  if (const int year = Year(j + 1); year != 0) {
    return Core{static_cast<std::uint32_t>(j + 2), CivilDate{year, month, 1}, DatePrecision::kMonth,
                Rule("month-year"), false};
  }
  // A month alone needs a word before it ("in March", "mid-August"): a bare
  // "March" or "May" is too often something else. A hyphen or a
  // capitalised word after it makes it part of a name ("Mai-Ndombe").
  if (!has_lead && !mid) return std::nullopt;
  // A number after it that is no day ("August 32") makes it no date.
  if (IsPunct(j + 1, '-') || NameWord(j + 1) || IsNumber(j + 1)) return std::nullopt;
  const auto end = static_cast<std::uint32_t>(j + 1);
  if (!published_) return Anchored(end, Rule("month"), DatePrecision::kMonth, std::nullopt);
  const int year = month <= published_->month ? published_->year : published_->year - 1;
  return Anchored(end, Rule("month"), DatePrecision::kMonth, CivilDate{year, month, 1});
}

std::optional<Core> Scanner::MatchWeekday(size_t j, int weekday, bool has_lead) const {
  if (j > 0 && HasKind(j - 1, kBlockerWord)) return std::nullopt;  // "Good Friday"
  // Thursday, August 29 [, 2024] / Thursday 29 August: the date wins and
  // the weekday joins its span.
  size_t k = IsPunct(j + 1, ',') ? j + 2 : j + 1;
  std::optional<Core> full;
  if (const int month = Month(k); month != 0) {
    if (Day(k + 1) != 0) full = MatchMonth(k, month, false, false);
  } else if (Day(k) != 0) {
    full = MatchDayMonth(k);
  }
  if (full) return full;
  if (!has_lead && NameWord(j + 1)) return std::nullopt;  // "Sunday Times"
  const std::uint32_t end = AfterPart(j + 1);
  if (!published_) return Anchored(end, Rule("weekday"), DatePrecision::kDay, std::nullopt);
  const int back = (published_->Weekday() - weekday + 7) % 7;
  return Anchored(end, Rule("weekday"), DatePrecision::kDay, published_->AddDays(-back));
}

std::optional<Core> Scanner::MatchModifier(size_t j, const WordInfo& modifier) const {
  const WordInfo* next = Word(j + 1);
  if (next != nullptr && (next->kinds & kWeekdayWord) != 0) {
    const std::uint32_t end = AfterPart(j + 2);
    std::string_view rule = Rule(modifier.future ? "future-weekday" : "weekday");
    if (!published_) return Anchored(end, rule, DatePrecision::kDay, std::nullopt);
    const int pub = published_->Weekday();
    int delta = modifier.future ? (next->weekday - pub + 7) % 7 : (pub - next->weekday + 7) % 7;
    if (delta == 0) delta = 7;
    return Anchored(end, rule, DatePrecision::kDay,
                    published_->AddDays(modifier.future ? delta : -delta));
  }
  if (const int month = Month(j + 1); month != 0 && !IsPunct(j + 2, '-') && Day(j + 2) == 0) {
    const auto end = static_cast<std::uint32_t>(j + 2);
    std::string_view rule = Rule(modifier.future ? "future-month-name" : "month");
    if (!published_) return Anchored(end, rule, DatePrecision::kMonth, std::nullopt);
    int year = published_->year;
    if (modifier.future) {
      if (month <= published_->month) ++year;
    } else if (month >= published_->month) {
      --year;
    }
    return Anchored(end, rule, DatePrecision::kMonth, CivilDate{year, month, 1});
  }
  return std::nullopt;
}

std::optional<Core> Scanner::MatchTheOrdinal(size_t j, bool has_lead) const {
  bool ordinal = false;
  const int day = Day(j + 1, &ordinal);
  if (day == 0 || !ordinal) return std::nullopt;
  if (auto full = MatchDayMonth(j + 1)) return full;  // the 29th of August
  // "on the 29th"; not "the 5th Battalion" or a bare "the 29th".
  if (!has_lead || NameWord(j + 2)) return std::nullopt;
  const auto end = static_cast<std::uint32_t>(j + 2);
  if (!published_) return Anchored(end, Rule("day-of-month"), DatePrecision::kDay, std::nullopt);
  // The latest such day at most a week after publication, in this month,
  // next month or the two before (a 31st may skip a month).
  const CivilDate limit = published_->AddDays(kFutureWindowDays);
  for (int back = -1; back <= 2; ++back) {
    CivilDate d = AddMonths(published_->year, published_->month, -back);
    d.day = day;
    if (d.IsValid() && d <= limit)
      return Anchored(end, Rule("day-of-month"), DatePrecision::kDay, d);
  }
  return std::nullopt;
}

std::optional<Core> Scanner::MatchPhrase(size_t j) const {
  // No phrase starts with a word whose hash is not a first word's.
  if (!data_.phrase_starts.Contains(Hash(j))) return std::nullopt;
  const std::string_view first = Text(j);
  auto it = std::lower_bound(
      data_.phrases.begin(), data_.phrases.end(), first,
      [](const Phrase& p, std::string_view t) { return CompareFolded(t, p.words[0]) > 0; });
  const Phrase* match = nullptr;
  for (; it != data_.phrases.end() && CompareFolded(first, it->words[0]) == 0; ++it) {
    bool all = true;
    for (size_t w = 1; w < it->words.size() && all; ++w) {
      all = Is(j + w, it->words[w]);
    }
    if (all) {  // longest first, so the first match is the longest
      match = &*it;
      break;
    }
  }
  if (match == nullptr) return std::nullopt;
  // "USA Today", "Balochistan Today": a capitalised phrase inside a run of
  // capitalised words is a name.
  if (tokens_[j].capitalized && j > 0 && IsWord(j - 1) && tokens_[j - 1].capitalized &&
      !HasKind(j - 1, kLeadWord | kPeriodWord)) {
    return std::nullopt;
  }
  std::uint32_t end = static_cast<std::uint32_t>(j + match->words.size());
  // "yesterday morning", but not "last night evening".
  if (match->unit == RelativeUnit::kDay && !HasKind(end - 1, kPartWord)) end = AfterPart(end);

  std::string_view rule = match->rule;
  DatePrecision precision = DatePrecision::kDay;
  switch (match->unit) {
    case RelativeUnit::kDay:
    case RelativeUnit::kWeekend:
    case RelativeUnit::kThisWeekend:
      break;
    case RelativeUnit::kWeek:
    case RelativeUnit::kWeekBefore:
    case RelativeUnit::kWeekAfter:
    case RelativeUnit::kMonth:
      precision = DatePrecision::kMonth;
      break;
    case RelativeUnit::kYear:
      precision = DatePrecision::kYear;
      break;
  }
  if (!published_) return Anchored(end, rule, precision, std::nullopt);
  const CivilDate& pub = *published_;
  const int weekday = pub.Weekday();
  const CivilDate monday = pub.AddDays(1 - weekday);
  const CivilDate saturday = pub.AddDays(-((weekday - 6 + 7) % 7));  // latest, on or before
  const int n = match->offset;
  CivilDate date;
  switch (match->unit) {
    case RelativeUnit::kDay:
      date = pub.AddDays(n);
      break;
    case RelativeUnit::kWeek:
      // The Wednesday stands for the week: inside it, so it names the
      // week's month when the week has one, and the working week's middle
      // when it straddles two.
      date = monday.AddDays(7 * n + 2);
      break;
    case RelativeUnit::kWeekBefore: {
      const CivilDate last = weekday == 1 ? pub : pub.AddDays(-1);
      date = monday.AddDays((last.ToDays() - monday.ToDays()) / 2);
      break;
    }
    case RelativeUnit::kWeekAfter: {
      const CivilDate sunday = monday.AddDays(6);
      const CivilDate from = weekday == 7 ? pub : pub.AddDays(1);
      date = from.AddDays((sunday.ToDays() - from.ToDays()) / 2);
      break;
    }
    case RelativeUnit::kWeekend:
      if (n < 0) {
        date = weekday >= 6 ? saturday.AddDays(-7) : saturday;
      } else if (n > 0) {
        date = saturday.AddDays(7);
      } else {
        date = saturday;
      }
      break;
    case RelativeUnit::kThisWeekend:
      // On a weekday "this weekend" is the coming one.
      if (weekday >= 6) {
        date = saturday;
      } else {
        date = saturday.AddDays(7);
        rule = Rule("future-weekend");
      }
      break;
    case RelativeUnit::kMonth:
      date = AddMonths(pub.year, pub.month, n);
      break;
    case RelativeUnit::kYear:
      date = CivilDate{pub.year + n, 1, 1};
      break;
  }
  return Anchored(end, rule, precision, date);
}

std::optional<Core> Scanner::MatchCount(size_t j) const {
  // two days ago; 3 weeks ago; a day earlier; two weeks later.
  int count = 0;
  if (IsNumber(j)) {
    if (!AllDigits(Text(j)) || Text(j).size() > 2 || !ParseInt(Text(j), &count)) {
      return std::nullopt;
    }
  } else if (const WordInfo* w = Word(j); w != nullptr && (w->kinds & kNumberWord) != 0) {
    count = w->number;
  } else {
    return std::nullopt;
  }
  const WordInfo* unit = Word(j + 1);
  const WordInfo* direction = Word(j + 2);
  if (count <= 0 || unit == nullptr || (unit->kinds & kUnitWord) == 0 || direction == nullptr ||
      (direction->kinds & kDirectionWord) == 0) {
    return std::nullopt;
  }
  static constexpr std::string_view kRules[3][4] = {
      {"relative-day", "relative-week", "relative-month", "relative-year"},
      {"previous-day", "previous-week", "previous-month", "previous-year"},
      {"following-day", "following-week", "following-month", "following-year"},
  };
  std::string_view rule =
      Rule(kRules[static_cast<int>(direction->direction)][static_cast<int>(unit->unit)]);
  DatePrecision precision = unit->unit == Unit::kDay    ? DatePrecision::kDay
                            : unit->unit == Unit::kYear ? DatePrecision::kYear
                                                        : DatePrecision::kMonth;
  const auto end = static_cast<std::uint32_t>(j + 3);
  if (!published_) return Anchored(end, rule, precision, std::nullopt);
  const int sign = direction->direction == Direction::kLater ? 1 : -1;
  CivilDate date;
  switch (unit->unit) {
    case Unit::kDay:
      date = published_->AddDays(sign * count);
      break;
    case Unit::kWeek:
      date = published_->AddDays(sign * 7 * count);
      break;
    case Unit::kMonth:
      date = AddMonths(published_->year, published_->month, sign * count);
      break;
    case Unit::kYear:
      date = CivilDate{published_->year + sign * count, 1, 1};
      break;
  }
  return Anchored(end, rule, precision, date);
}

std::optional<Core> Scanner::MatchCore(size_t j, bool has_lead, bool year_lead, bool mid) const {
  if (j >= tokens_.size()) return std::nullopt;
  if (IsNumber(j)) {
    if (mid) return year_lead ? MatchYear(j) : std::nullopt;
    if (auto c = MatchIso(j)) return c;
    if (auto c = MatchNumeric(j)) return c;
    if (auto c = MatchDayMonth(j)) return c;
    if (auto c = MatchCount(j)) return c;
    if (year_lead) return MatchYear(j);
    return std::nullopt;
  }
  if (!IsWord(j)) return std::nullopt;
  if (const int month = Month(j); month != 0) return MatchMonth(j, month, has_lead, mid);
  if (mid) return std::nullopt;
  if (const WordInfo* w = Word(j); w != nullptr) {
    if ((w->kinds & kWeekdayWord) != 0) return MatchWeekday(j, w->weekday, has_lead);
    if ((w->kinds & kModifierWord) != 0) {
      if (auto c = MatchModifier(j, *w)) return c;
    }
  }
  if (Is(j, "the")) {
    if (auto c = MatchTheOrdinal(j, has_lead)) return c;
  }
  if (auto c = MatchPhrase(j)) return c;
  return MatchCount(j);
}

std::vector<DateMention> Scanner::Run() const {
  std::vector<DateMention> out;
  const size_t n = tokens_.size();
  size_t i = 0;
  while (i < n) {
    // A date starts with a number, a month, a word of the lexicon (a lead
    // word, weekday, unit...) or a phrase's first word; most tokens are
    // none of these and are passed over at once.
    if (!IsNumber(i) &&
        (!IsWord(i) || (!data_.word_hashes.Contains(Hash(i)) &&
                        !data_.phrase_starts.Contains(Hash(i)))) &&
        Month(i) == 0) {
      ++i;
      continue;
    }
    // Lead words: up to three ("since late on"), or "mid" with its hyphen.
    size_t j = i;
    bool period = false;
    bool year_lead = false;
    bool mid = false;
    while (j < n && j - i < 3) {
      const WordInfo* w = Word(j);
      if (w == nullptr || (w->kinds & (kLeadWord | kPeriodWord)) == 0) break;
      period = period || (w->kinds & kPeriodWord) != 0;
      year_lead = (w->kinds & kYearLeadWord) != 0;
      ++j;
      if (w->word == "mid") {
        mid = true;
        if (IsPunct(j, '-') && Touching(j - 1)) ++j;
        break;
      }
    }
    // "overnight Saturday", "overnight into Sunday": the weekday dates it.
    if (j < n && Is(j, "overnight")) {
      size_t k = j + 1;
      if (Is(k, "into") || Is(k, "on")) ++k;
      if (HasKind(k, kWeekdayWord)) j = k;
    }
    std::optional<Core> core = MatchCore(j, j > i, year_lead, mid);
    if (!core) {
      ++i;
      continue;
    }
    if (core->date && core->date->IsValid()) {
      DateMention m;
      m.first_token = static_cast<std::uint32_t>(i);
      m.end_token = core->end;
      m.start = tokens_[i].start;
      m.end = tokens_[core->end - 1].end;
      m.date = *core->date;
      m.precision = core->precision;
      m.rule = core->rule;
      m.relative = core->relative;
      m.background = period && !core->relative;
      out.push_back(m);
    }
    // A form that matched but gave no date (relative without a
    // publication date, "February 30") still consumes its tokens, so that
    // a part of it is not read as something else.
    i = std::max<size_t>(core->end, i + 1);
  }
  return out;
}

// ---- Loading ------------------------------------------------------------------

struct KindName {
  std::string_view name;
  std::uint32_t kind;
};
constexpr KindName kKinds[] = {
    {"weekday", kWeekdayWord},     {"number", kNumberWord},   {"unit", kUnitWord},
    {"direction", kDirectionWord}, {"part", kPartWord},       {"lead", kLeadWord},
    {"period", kPeriodWord},       {"blocker", kBlockerWord}, {"weekday_modifier", kModifierWord},
};

struct RelativeUnitName {
  std::string_view name;
  RelativeUnit unit;
};
constexpr RelativeUnitName kRelativeUnits[] = {
    {"day", RelativeUnit::kDay},
    {"week", RelativeUnit::kWeek},
    {"week-before", RelativeUnit::kWeekBefore},
    {"week-after", RelativeUnit::kWeekAfter},
    {"weekend", RelativeUnit::kWeekend},
    {"this-weekend", RelativeUnit::kThisWeekend},
    {"month", RelativeUnit::kMonth},
    {"year", RelativeUnit::kYear},
};

bool IsLowerPhrase(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= 'A' && s[i] <= 'Z') return false;
    if (s[i] == ' ' && s[i + 1] == ' ') return false;
  }
  return true;
}

// Adds one single-word row to `words`; an error message or empty.
std::string AddWordRow(const TsvRow& row, std::uint32_t kind, std::vector<WordInfo>& words) {
  const std::string_view word = row.fields[1];
  if (!IsLowerPhrase(word) || word.find(' ') != std::string_view::npos) {
    return "expected one lower-case word";
  }
  auto it =
      std::find_if(words.begin(), words.end(), [&](const WordInfo& w) { return w.word == word; });
  if (it == words.end()) {
    WordInfo info;
    info.word = std::string(word);
    words.push_back(std::move(info));
    it = words.end() - 1;
  }
  if ((it->kinds & kind) != 0) return "duplicate word";
  it->kinds |= kind;
  const size_t fields = row.fields.size();
  const std::string_view value = fields > 2 ? row.fields[2] : std::string_view();
  switch (kind) {
    case kWeekdayWord:
      if (fields != 3 || !ParseInt(value, &it->weekday) || it->weekday < 1 || it->weekday > 7) {
        return "expected a weekday number 1-7";
      }
      return "";
    case kNumberWord:
      if (fields != 3 || !ParseInt(value, &it->number) || it->number < 1 || it->number > 99) {
        return "expected a number 1-99";
      }
      return "";
    case kUnitWord:
      if (fields != 3) return "expected a unit";
      if (value == "day") {
        it->unit = Unit::kDay;
      } else if (value == "week") {
        it->unit = Unit::kWeek;
      } else if (value == "month") {
        it->unit = Unit::kMonth;
      } else if (value == "year") {
        it->unit = Unit::kYear;
      } else {
        return "unknown unit \"" + std::string(value) + "\"";
      }
      return "";
    case kDirectionWord:
      if (fields != 3) return "expected a direction";
      if (value == "ago") {
        it->direction = Direction::kAgo;
      } else if (value == "earlier") {
        it->direction = Direction::kEarlier;
      } else if (value == "later") {
        it->direction = Direction::kLater;
      } else {
        return "unknown direction \"" + std::string(value) + "\"";
      }
      return "";
    case kModifierWord:
      if (fields != 3 || (value != "past" && value != "future")) return "expected past or future";
      it->future = value == "future";
      return "";
    case kLeadWord:
    case kPeriodWord:
      if (fields == 3) {
        if (value != "year") return "expected \"year\" or nothing";
        it->kinds |= kYearLeadWord;
      } else if (fields != 2) {
        return "too many fields";
      }
      return "";
    default:
      return fields == 2 ? "" : "too many fields";
  }
}

std::string AddPhraseRow(const TsvRow& row, std::vector<Phrase>& phrases) {
  if (row.fields.size() != 5) return "expected: relative, phrase, unit, offset, rule";
  Phrase p;
  const std::string_view phrase = row.fields[1];
  if (!IsLowerPhrase(phrase)) return "expected a lower-case phrase";
  size_t start = 0;
  while (start <= phrase.size()) {
    size_t space = phrase.find(' ', start);
    if (space == std::string_view::npos) space = phrase.size();
    p.words.emplace_back(phrase.substr(start, space - start));
    start = space + 1;
  }
  bool unit_found = false;
  for (const RelativeUnitName& u : kRelativeUnits) {
    if (u.name == row.fields[2]) {
      p.unit = u.unit;
      unit_found = true;
    }
  }
  if (!unit_found) return "unknown unit \"" + std::string(row.fields[2]) + "\"";
  if (!ParseInt(row.fields[3], &p.offset) || p.offset < -9 || p.offset > 9) {
    return "expected an offset -9..9";
  }
  p.rule = Rule(row.fields[4]);
  if (p.rule.empty()) return "unknown rule \"" + std::string(row.fields[4]) + "\"";
  for (const Phrase& other : phrases) {
    if (other.words == p.words) return "duplicate phrase";
  }
  phrases.push_back(std::move(p));
  return "";
}

}  // namespace


struct DateReader::Data {
  Lexicon lexicon;
  // Hashes (sorted) of the words without which no date can be read:
  // weekdays, units, parts of the day and the words of relative phrases
  // other than their function words. With numbers and month names they
  // let Find skip the many sentences that state no date.
  WordHashSet gate_words;
};

Result<DateReader> DateReader::Load(const DataFiles& files) {
  auto file = ReadTsvFile(files, kDateWordsFile, 2, 5);
  if (!file.ok()) return file.status();
  auto data = std::make_shared<Data>();
  for (const TsvRow& row : file->rows) {
    std::string error;
    if (row.fields[0] == "relative") {
      error = AddPhraseRow(row, data->lexicon.phrases);
    } else {
      const KindName* kind = nullptr;
      for (const KindName& k : kKinds) {
        if (row.fields[0] == k.name) kind = &k;
      }
      if (kind == nullptr) {
        error = "unknown kind \"" + std::string(row.fields[0]) + "\"";
      } else {
        error = AddWordRow(row, kind->kind, data->lexicon.words);
      }
    }
    if (!error.empty()) return Status::Corruption(file->Where(row) + error);
    const std::string_view kind = row.fields[0];
    const std::string_view words = row.fields.size() > 1 ? row.fields[1] : std::string_view();
    if (kind == "weekday" || kind == "unit" || kind == "part") {
      data->gate_words.Insert(words);
    } else if (kind == "relative") {
      static constexpr std::array<std::string_view, 12> kFunctionWords = {
          "the", "this", "last", "next", "earlier", "later", "in", "previous", "following",
          "before", "after", "a"};
      std::size_t i = 0;
      while (i < words.size()) {
        std::size_t j = words.find(' ', i);
        if (j == std::string_view::npos) j = words.size();
        std::string_view w = words.substr(i, j - i);
        if (std::find(kFunctionWords.begin(), kFunctionWords.end(), w) == kFunctionWords.end()) {
          data->gate_words.Insert(w);
        }
        i = j + 1;
      }
    }
  }
  for (const WordInfo& w : data->lexicon.words) data->lexicon.word_hashes.Insert(w.word);
  for (const Phrase& p : data->lexicon.phrases) data->lexicon.phrase_starts.Insert(p.words[0]);
  std::sort(data->lexicon.words.begin(), data->lexicon.words.end(),
            [](const WordInfo& a, const WordInfo& b) { return a.word < b.word; });
  data->lexicon.Index();
  // By first word (the lookup key), then longest first so that "the day
  // before yesterday" wins over "the day before".
  std::stable_sort(data->lexicon.phrases.begin(), data->lexicon.phrases.end(),
                   [](const Phrase& a, const Phrase& b) {
                     if (a.words[0] != b.words[0]) return a.words[0] < b.words[0];
                     return a.words.size() > b.words.size();
                   });
  return DateReader(std::move(data));
}

std::vector<DateMention> DateReader::Find(std::string_view text,
                                          std::span<const text::Token> tokens,
                                          std::optional<CivilDate> published) const {
  // An anchor outside the years dates are read in is a bad metadata value,
  // not a reason to resolve "yesterday" to year 1.
  if (published &&
      (!published->IsValid() || published->year < kMinYear || published->year > kMaxYear)) {
    published.reset();
  }
  bool any = false;
  for (const text::Token& t : tokens) {
    if (t.kind == TokenKind::kNumber) {
      any = true;
      break;
    }
    if (t.kind != TokenKind::kWord || t.end > text.size() || t.start >= t.end) continue;
    const std::string_view w = text.substr(t.start, t.end - t.start);
    if (data_->gate_words.ContainsWord(w) || (t.capitalized && MonthFromName(w) != 0)) {
      any = true;
      break;
    }
  }
  if (!any) return {};
  TokenWordsBuffer buffer;
  return Find(buffer.Make(text, tokens), published);
}

std::vector<DateMention> DateReader::Find(const TokenWords& words,
                                          std::optional<CivilDate> published) const {
  if (published &&
      (!published->IsValid() || published->year < kMinYear || published->year > kMaxYear)) {
    published.reset();
  }
  const std::string_view text = words.text;
  // Month names are looked up once per token (MonthFromName compares with
  // a hundred names in six languages); -1 is not yet looked up.
  std::vector<std::int8_t> months(words.size(), -1);
  bool any = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const text::Token& t = words.tokens[i];
    if (t.kind == TokenKind::kNumber) {
      any = true;
      break;
    }
    if (t.kind != TokenKind::kWord || t.end > text.size() || t.start >= t.end) continue;
    if (data_->gate_words.Contains(words.Hash(i))) {
      any = true;
      break;
    }
    if (t.capitalized) {
      months[i] = static_cast<std::int8_t>(MonthFromName(text.substr(t.start, t.end - t.start)));
      if (months[i] != 0) {
        any = true;
        break;
      }
    }
  }
  if (!any) return {};
  return Scanner(data_->lexicon, words, published, months).Run();
}

}  // namespace khaldun::attributes
