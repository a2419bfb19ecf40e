#include "ingest/dates.h"

#include <string>

#include <gtest/gtest.h>

namespace khaldun {
namespace {

struct DateCase {
  const char* name;
  const char* input;
  const char* expected;
};

std::string CaseName(const ::testing::TestParamInfo<DateCase>& case_info) {
  return case_info.param.name;
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const DateCase& c, std::ostream* os) { *os << c.name; }

class NormalizeDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(NormalizeDateTest, Normalizes) {
  EXPECT_EQ(NormalizeDate(GetParam().input), GetParam().expected) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NormalizeDateTest,
    ::testing::Values(
        DateCase{"empty", "", ""},
        DateCase{"whitespace_only", "  \t\n ", ""},
        DateCase{"iso_date", "2024-08-29", "2024-08-29"},
        DateCase{"iso_time_zone", "2024-08-29T10:00:00+03:00", "2024-08-29"},
        DateCase{"iso_time_utc", "2024-08-29T23:59:59Z", "2024-08-29"},
        DateCase{"iso_space_time", "2024-08-29 10:00", "2024-08-29"},
        DateCase{"rfc822", "Thu, 29 Aug 2024 10:00:00 GMT", "2024-08-29"},
        DateCase{"rfc822_offset", "Mon, 02 Sep 2024 08:15:00 +0000", "2024-09-02"},
        DateCase{"month_day_year", "August 29, 2024", "2024-08-29"},
        DateCase{"abbrev_with_dot", "Aug. 29, 2024", "2024-08-29"},
        DateCase{"day_month_year", "29 August 2024", "2024-08-29"},
        DateCase{"sept_no_comma", "Sept 3 2024", "2024-09-03"},
        DateCase{"ordinal", "3rd September 2024", "2024-09-03"},
        DateCase{"ordinal_of", "the 3rd of September, 2024", "2024-09-03"},
        DateCase{"upper_case", "29 AUG 2024", "2024-08-29"},
        DateCase{"slashes_ymd", "2024/08/29", "2024-08-29"},
        DateCase{"compact", "20240829", "2024-08-29"},
        DateCase{"compact_time", "20240829T101500Z", "2024-08-29"},
        DateCase{"french", "29 août 2024", "2024-08-29"},
        DateCase{"spanish_de", "29 de agosto de 2024", "2024-08-29"},
        DateCase{"cjk", "2024年8月29日", "2024-08-29"},
        DateCase{"day_first_unambiguous", "29/08/2024", "2024-08-29"},
        DateCase{"month_first_unambiguous", "08/29/2024", "2024-08-29"},
        DateCase{"dotted_european", "03.09.2024", "2024-09-03"},
        DateCase{"ambiguous_numeric", "03/09/2024", ""},
        DateCase{"same_day_month", "05/05/2024", "2024-05-05"},
        DateCase{"feb_30", "2024-02-30", ""},
        DateCase{"feb_29_leap", "2024-02-29", "2024-02-29"},
        DateCase{"feb_29_non_leap", "2023-02-29", ""},
        DateCase{"feb_29_century_non_leap", "1900-02-29", ""},
        DateCase{"feb_29_400_leap", "2000-02-29", "2000-02-29"},
        DateCase{"april_31", "April 31, 2024", ""},
        DateCase{"month_13", "2024-13-01", ""},
        DateCase{"day_zero", "2024-08-00", ""},
        DateCase{"year_too_early", "1899-12-31", ""},
        DateCase{"year_too_late", "2101-01-01", ""},
        DateCase{"year_bounds_low", "1900-01-01", "1900-01-01"},
        DateCase{"year_bounds_high", "December 31, 2100", "2100-12-31"},
        DateCase{"no_date", "yesterday", ""},
        DateCase{"month_without_year", "August 29", ""},
        DateCase{"longer_digit_run", "2024-08-291", ""},
        DateCase{"broken_utf8", "29 \xff\xfe Aug 2024", ""},
        DateCase{"broken_utf8_around", "\xc3\x28 2024-08-29", "2024-08-29"}),
    CaseName);

class DateFromUrlTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateFromUrlTest, Finds) {
  EXPECT_EQ(DateFromUrl(GetParam().input), GetParam().expected) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DateFromUrlTest,
    ::testing::Values(
        DateCase{"empty", "", ""},
        DateCase{"slashes", "https://example.com/2024/08/29/militia-attack/", "2024-08-29"},
        DateCase{"slashes_at_end", "https://example.com/news/2024/08/29", "2024-08-29"},
        DateCase{"dashes", "https://example.com/world/2024-08-29/story.html", "2024-08-29"},
        DateCase{"slug_suffix", "https://example.com/world/story-2024-08-29", "2024-08-29"},
        DateCase{"compact", "https://example.com/a/20240829/story", "2024-08-29"},
        DateCase{"year_month_only", "https://example.com/2024/08/story", ""},
        DateCase{"invalid_day", "https://example.com/2024/02/30/story", ""},
        DateCase{"query_ignored", "https://example.com/story?d=20240829", ""},
        DateCase{"host_digits_ignored", "https://20240829.example.com/story", ""},
        DateCase{"long_id", "https://example.com/story-202408291234", ""}),
    CaseName);

class FindDateInTextTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(FindDateInTextTest, Finds) {
  EXPECT_EQ(FindDateInText(GetParam().input), GetParam().expected) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FindDateInTextTest,
    ::testing::Values(
        DateCase{"empty", "", ""},
        DateCase{"byline_pipe", "By Jane Doe | August 29, 2024", "2024-08-29"},
        DateCase{"published_line", "Published 14 March 2024, 10:31", "2024-03-14"},
        DateCase{"updated_line", "Updated 3:14 PM GMT+3, September 2, 2024", "2024-09-02"},
        DateCase{"iso_in_text", "Posted 2024-08-29 by staff", "2024-08-29"},
        DateCase{"first_of_two", "Aug 29, 2024 (updated Aug 30, 2024)", "2024-08-29"},
        DateCase{"compact_not_in_text", "ref 20240829", ""},
        DateCase{"ambiguous_not_in_text", "on 05/06/2024", ""},
        DateCase{"may_as_verb", "Troops may 12 times 2024", ""},
        DateCase{"invalid_then_valid", "Feb 30, 2024 or March 1, 2024", "2024-03-01"},
        DateCase{"number_not_year", "killed 15 in 2 attacks", ""}),
    CaseName);

TEST(DatesTest, MonthFromName) {
  EXPECT_EQ(MonthFromName("August"), 8);
  EXPECT_EQ(MonthFromName("Sept."), 9);
  EXPECT_EQ(MonthFromName("DEC"), 12);
  EXPECT_EQ(MonthFromName("Augusta"), 0);
  EXPECT_EQ(MonthFromName(""), 0);
}

// No timing is asserted (CI never times); a quadratic scan would show as a
// ctest time-out.
TEST(DatesTest, LongTextWithoutDateFindsNothing) {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "word 12 May ";
  EXPECT_EQ(FindDateInText(text), "");
}

}  // namespace
}  // namespace khaldun
