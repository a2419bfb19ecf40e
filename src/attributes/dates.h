// Event dates: reads the dates a sentence states ("on Thursday", "Aug. 29",
// "29 August 2024", "last week", "in 2019") and resolves them against the
// article's publication date. Which date belongs to which event is the
// caller's choice (the event coder); this reader only finds and resolves.
//
//   auto reader = attributes::DateReader::Load(DataFiles::Default());
//   if (!reader.ok()) return reader.status();
//   for (const text::Sentence& s : tokenized.sentences) {
//     std::span<const text::Token> tokens(&tokenized.tokens[s.first_token], s.token_count);
//     for (const attributes::DateMention& m : reader->Find(article.text, tokens, published)) {
//       // m.date.ToString(m.precision) == "2024-08-29", m.rule == "weekday", ...
//     }
//   }
//
// Anchoring rules (docs/dates.md has the full list, with examples):
//  - A weekday alone is the latest such day on or before publication (the
//    same day allowed); "last Friday" the latest one before it, "next
//    Friday" the first one after it (rule "future-weekday").
//  - A month and day without a year ("August 29") is the latest such date
//    at most 7 days after publication: articles report the recent past and
//    announce the near future, so "on December 30" in an article of
//    2025-01-03 is 2024-12-30 and "on January 2" in one of 2024-12-30 is
//    2025-01-02. "on the 29th" likewise, within the last two months.
//  - A month alone ("in March", "mid-August") is the latest such month not
//    after the publication month, at month precision.
//  - "yesterday", "last night": publication day - 1. "today", "tonight",
//    "this morning": the publication day. "overnight": the publication day,
//    because an article calling a strike "overnight" is written the morning
//    after the night it reports, and news and event datasets date such
//    strikes by that morning (the development gold set does, 3 of 3).
//  - "last week", "this week", "earlier this week": month precision; the
//    month holding the whole range, or, when the range crosses a month
//    boundary, the month of a whole week's Wednesday (the middle of the
//    working week, where most reported events fall) or of a partial range's
//    middle day. Weeks run Monday to Sunday.
//  - "over the weekend", "last weekend": day precision, the Saturday of the
//    latest weekend on or before publication (on a Saturday or Sunday,
//    "last weekend" is the one before). Picking one day of two is a guess,
//    but right half the time; month precision would be right but nearly
//    always too coarse to tell two events apart. Rule "weekend", so the
//    caller can tell.
//  - "earlier this month": publication month; "last month": the one before.
//    "this year", "last year": year precision.
//  - "two days ago": day precision; "three weeks ago": month precision of
//    the day 21 days before publication; "months ago", "years ago" likewise
//    at month and year precision.
//  - "the previous day", "the day before", "a day earlier" (rule
//    "previous-day") and "the next day", "a day later" ("following-day")
//    are resolved against publication, but usually refer to another event
//    in the text: date minus publication is the offset for re-anchoring.
//  - Forward expressions ("tomorrow", "next week", "next month") resolve
//    forward, with rules named "future-...".
//  - Without a publication date, every relative form is dropped (never
//    guessed); dates with a year, ISO and numeric dates are still read.
//
// Not read: numbers that are not dates ("15 fighters", "2,000"), clock
// times, decades ("the 1990s"), bare years outside 1900..publication
// year + 1 or without a word such as "in" or "since" before them, numeric
// dates whose order is ambiguous ("08/09/2024"; dots mean day first, as
// NormalizeDate reads them), invalid dates ("February 30").
#ifndef KHALDUN_ATTRIBUTES_DATES_H_
#define KHALDUN_ATTRIBUTES_DATES_H_

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/data_files.h"
#include "khaldun/status.h"
#include "places/token_words.h"
#include "text/sentences.h"

namespace khaldun::attributes {

// How much of a date the text gives.
enum class DatePrecision : std::uint8_t { kDay, kMonth, kYear };

// "day", "month" or "year" (the EventDate::precision strings).
std::string_view PrecisionName(DatePrecision precision);

// A proleptic Gregorian calendar date. Plain value; a default-constructed
// date (0-0-0) is not valid.
struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31

  // Parses exactly "YYYY-MM-DD" (a valid date, years 1..9999); nullopt
  // otherwise.
  static std::optional<CivilDate> FromIso(std::string_view iso);
  // The date `days` days after 1970-01-01 (negative: before it).
  static CivilDate FromDays(std::int64_t days);

  // Month 1-12 and a day that exists in it (leap years counted), years
  // 1..9999.
  bool IsValid() const;
  // Days since 1970-01-01 (negative before). Requires IsValid().
  std::int64_t ToDays() const;
  // ISO weekday: 1 Monday ... 7 Sunday. Requires IsValid().
  int Weekday() const;
  // The date `days` days later (earlier when negative). Requires IsValid().
  CivilDate AddDays(std::int64_t days) const;
  // "YYYY-MM-DD", "YYYY-MM" or "YYYY"; the fields the precision leaves out
  // are not printed.
  std::string ToString(DatePrecision precision = DatePrecision::kDay) const;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

bool IsLeapYear(int year);
// 28-31; 0 when `month` is not 1-12.
int DaysInMonth(int year, int month);

// One date read from a sentence.
struct DateMention {
  // Token range [first_token, end_token) within the span given to Find,
  // and its bytes [start, end) in the text. The range includes the words
  // around the date that belong to it: "late on Tuesday", "in March",
  // "Thursday, August 29", "Friday morning".
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  // The date. At month or year precision it is one day inside the period
  // (the first of the month or year, or the computed day: "three weeks
  // ago" keeps the day 21 days back); only the fields the precision names
  // are meaningful, and ToString(precision) prints only those.
  CivilDate date;
  DatePrecision precision = DatePrecision::kDay;
  // How it was read; points at static storage. One of:
  //   explicit        a written date with a year: "29 August 2024"
  //   iso, numeric    "2024-08-29"; "29/08/2024", "29.08.2024"
  //   month-year      "March 2023", "in March 2023"
  //   year            "in 2019", "since 2014"
  //   month-day       a month and day without a year: "Aug. 29"
  //   day-of-month    "on the 29th"
  //   month           a month alone: "in March", "mid-August", "last March"
  //   weekday         "on Thursday", "last Friday", "Thursday night"
  //   relative-day, relative-week, relative-month, relative-year
  //                   "yesterday", "last week", "earlier this month",
  //                   "last year", "two days ago"
  //   weekend         "over the weekend"
  //   previous-day, previous-week, previous-month, previous-year,
  //   following-day, following-week, following-month, following-year
  //                   "the day before", "a week earlier", "the next day":
  //                   usually relative to another event, see above
  //   future-day, future-week, future-weekend, future-month, future-year,
  //   future-weekday, future-month-name
  //                   "tomorrow", "next week", "next Friday", "next March"
  std::string_view rule;
  // True when the value needed the publication date.
  bool relative = false;
  // True when a word before it makes it a period or history rather than
  // the date of an event: "since 2014", "until 2019", "between 2014 and",
  // "from March". Relative forms are never background: "since last week",
  // "since Tuesday" date the start of what the sentence reports.
  bool background = false;
};

// Immutable; built once from data/attributes/date_words.tsv and shared
// read-only between threads.
class DateReader {
 public:
  // Corruption when the data file is malformed (wrong field count, unknown
  // kind, unit or rule, bad number).
  static Result<DateReader> Load(const DataFiles& files);

  // The dates stated in one sentence, in text order and not overlapping.
  // `tokens` are that sentence's tokens, with offsets into `text` (as
  // SentenceSplitter gives them). `published` anchors relative forms;
  // without it (or when it is not a valid date in 1900..2100) they are
  // dropped. Never fails; allocates the returned vector and a copy of the
// sentence's words (the TokenWords form does not copy them).
  std::vector<DateMention> Find(std::string_view text, std::span<const text::Token> tokens,
                                std::optional<CivilDate> published) const;
  // The same over tokens already lower-cased and hashed (TokenWords), as
  // the attribute stage keeps them for every sentence it reads.
  std::vector<DateMention> Find(const TokenWords& words, std::optional<CivilDate> published) const;

 private:
  struct Data;
  explicit DateReader(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace khaldun::attributes

#endif  // KHALDUN_ATTRIBUTES_DATES_H_
