#include "attributes/dates.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/data_files.h"
#include "ingest/dates.h"
#include "testing/text_fixture.h"
#include "text/sentences.h"

namespace khaldun::attributes {
namespace {

using ::khaldun::testing::SentenceTokens;
using ::khaldun::testing::Splitter;

const DateReader& Reader() { return ::khaldun::testing::FromSourceData<DateReader>(); }

std::optional<CivilDate> Date(std::string_view iso) {
  if (iso.empty()) return std::nullopt;
  auto d = CivilDate::FromIso(iso);
  EXPECT_TRUE(d.has_value()) << iso;
  return d;
}

// Each mention as "words -> value rule[ background]", sentence by sentence,
// after checking the invariants every result keeps.
std::vector<std::string> Read(std::string_view text, std::string_view published) {
  const text::TokenizedText tokenized = Splitter().Split(text);
  std::vector<std::string> out;
  for (const text::Sentence& s : tokenized.sentences) {
    const std::span<const text::Token> tokens = SentenceTokens(tokenized, s);
    std::uint32_t previous_end = 0;
    for (const DateMention& m : Reader().Find(text, tokens, Date(published))) {
      EXPECT_LT(m.first_token, m.end_token);
      EXPECT_LE(m.end_token, tokens.size());
      EXPECT_GE(m.first_token, previous_end) << "mentions overlap";
      previous_end = m.end_token;
      EXPECT_EQ(m.start, tokens[m.first_token].start);
      EXPECT_EQ(m.end, tokens[m.end_token - 1].end);
      EXPECT_TRUE(m.date.IsValid());
      EXPECT_FALSE(m.rule.empty());
      std::string line(text.substr(m.start, m.end - m.start));
      line += " -> " + m.date.ToString(m.precision) + " " + std::string(m.rule);
      if (m.background) line += " background";
      if (!published.empty() && m.relative) {
        // Relative forms are exactly those that need the anchor.
        EXPECT_TRUE(Reader().Find(text, tokens, std::nullopt).size() <
                    Reader().Find(text, tokens, Date(published)).size());
      }
      out.push_back(std::move(line));
    }
  }
  return out;
}

using Strings = std::vector<std::string>;

struct Case {
  std::string_view text;
  std::string_view published;  // "" for none
  Strings expected;
};

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(Read(c.text, c.published), c.expected)
        << "text: " << c.text << "\npublished: " << c.published;
  }
}

// 2024-08-30 is a Friday.
constexpr std::string_view kFriday = "2024-08-30";

// ---- CivilDate -----------------------------------------------------------------

TEST(CivilDateTest, ParsesOnlyValidIsoDates) {
  EXPECT_EQ(CivilDate::FromIso("2024-08-29"), (CivilDate{2024, 8, 29}));
  EXPECT_EQ(CivilDate::FromIso("2024-02-29"), (CivilDate{2024, 2, 29}));
  for (std::string_view bad :
       {"", "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-8-29", "2024/08/29",
        "2024-08-29T10:00", " 2024-08-29", "abcd-ef-gh", "0000-01-01", "2024-04-31"}) {
    EXPECT_FALSE(CivilDate::FromIso(bad).has_value()) << bad;
  }
}

TEST(CivilDateTest, WeekdaysDaysAndStrings) {
  EXPECT_EQ((CivilDate{2024, 8, 30}).Weekday(), 5);  // Friday
  EXPECT_EQ((CivilDate{2024, 9, 1}).Weekday(), 7);   // Sunday
  EXPECT_EQ((CivilDate{2024, 9, 2}).Weekday(), 1);   // Monday
  EXPECT_EQ((CivilDate{1970, 1, 1}).ToDays(), 0);
  EXPECT_EQ(CivilDate::FromDays(-1), (CivilDate{1969, 12, 31}));
  EXPECT_EQ((CivilDate{2024, 2, 28}).AddDays(1), (CivilDate{2024, 2, 29}));
  EXPECT_EQ((CivilDate{2023, 2, 28}).AddDays(1), (CivilDate{2023, 3, 1}));
  EXPECT_EQ((CivilDate{2024, 12, 31}).AddDays(1), (CivilDate{2025, 1, 1}));
  EXPECT_EQ((CivilDate{2025, 1, 3}).AddDays(-4), (CivilDate{2024, 12, 30}));
  EXPECT_EQ((CivilDate{2024, 8, 9}).ToString(), "2024-08-09");
  EXPECT_EQ((CivilDate{2024, 8, 9}).ToString(DatePrecision::kMonth), "2024-08");
  EXPECT_EQ((CivilDate{2024, 8, 9}).ToString(DatePrecision::kYear), "2024");
  EXPECT_EQ((CivilDate{987, 1, 2}).ToString(), "0987-01-02");
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2024, 13), 0);
  EXPECT_EQ(PrecisionName(DatePrecision::kMonth), "month");
  EXPECT_TRUE((CivilDate{2024, 1, 31}) < (CivilDate{2024, 2, 1}));
}

// ---- Forms, against a Friday publication date ----------------------------------

TEST(DateReaderTest, MonthAndDay) {
  RunCases({
      {"Gunmen attacked the village on August 29.",
       kFriday,
       {"on August 29 -> 2024-08-29 month-day"}},
      {"Gunmen attacked the village on Aug. 29.", kFriday, {"on Aug. 29 -> 2024-08-29 month-day"}},
      {"Gunmen attacked the village Aug 29.", kFriday, {"Aug 29 -> 2024-08-29 month-day"}},
      {"Gunmen attacked the village on 29 August.",
       kFriday,
       {"on 29 August -> 2024-08-29 month-day"}},
      {"Gunmen attacked the village on August 29th.",
       kFriday,
       {"on August 29th -> 2024-08-29 month-day"}},
      {"Gunmen attacked the village on the 29th of August.",
       kFriday,
       {"on the 29th of August -> 2024-08-29 month-day"}},
      {"Gunmen attacked the village on Thursday, August 29.",
       kFriday,
       {"on Thursday, August 29 -> 2024-08-29 month-day"}},
      {"Gunmen attacked the village on Thursday 29 August.",
       kFriday,
       {"on Thursday 29 August -> 2024-08-29 month-day"}},
      {"Fighting raged from August 29-30.", kFriday, {"from August 29 -> 2024-08-29 month-day"}},
      {"Shelling resumed on the evening of June 9.",
       kFriday,
       {"of June 9 -> 2024-06-09 month-day"}},
      // Up to a week ahead stays in the publication year; further is last
      // year's.
      {"Talks are due on Sept. 3.", kFriday, {"on Sept. 3 -> 2024-09-03 month-day"}},
      {"The deal was signed on Sept. 15.", kFriday, {"on Sept. 15 -> 2023-09-15 month-day"}},
  });
}

TEST(DateReaderTest, ExplicitDates) {
  RunCases({
      {"The attack took place on 29 August 2024.",
       kFriday,
       {"on 29 August 2024 -> 2024-08-29 explicit"}},
      {"The attack took place on August 29, 2024, officials said.",
       kFriday,
       {"on August 29, 2024 -> 2024-08-29 explicit"}},
      {"The attack took place on Thursday, August 29, 2024.",
       kFriday,
       {"on Thursday, August 29, 2024 -> 2024-08-29 explicit"}},
      {"The accord of 3 March 2019 collapsed.",
       kFriday,
       {"of 3 March 2019 -> 2019-03-03 explicit"}},
      {"The raid (2024-08-29) killed four.", kFriday, {"2024-08-29 -> 2024-08-29 iso"}},
      {"The raid on 29/08/2024 killed four.", kFriday, {"on 29/08/2024 -> 2024-08-29 numeric"}},
      {"The raid on 29.08.2024 killed four.", kFriday, {"on 29.08.2024 -> 2024-08-29 numeric"}},
      {"The raid on 29-08-2024 killed four.", kFriday, {"on 29-08-2024 -> 2024-08-29 numeric"}},
      {"The raid on 08/29/2024 killed four.", kFriday, {"on 08/29/2024 -> 2024-08-29 numeric"}},
      // Day and month could be either way round: skipped, not guessed.
      {"The raid on 08/09/2024 killed four.", kFriday, {}},
      {"Elections were held in March 2023.", kFriday, {"in March 2023 -> 2023-03 month-year"}},
      {"March 2023 saw heavy fighting.", kFriday, {"March 2023 -> 2023-03 month-year"}},
      {"Fighting broke out in 2019.", kFriday, {"in 2019 -> 2019 year"}},
      {"Fighting broke out in early 2019.", kFriday, {"in early 2019 -> 2019 year"}},
      {"Fighting broke out in mid-2019.", kFriday, {"in mid-2019 -> 2019 year"}},
      {"The ceasefire of late 2023 held.", kFriday, {"of late 2023 -> 2023 year"}},
  });
}

TEST(DateReaderTest, Weekdays) {
  RunCases({
      {"Rebels attacked the base on Thursday.", kFriday, {"on Thursday -> 2024-08-29 weekday"}},
      {"Rebels attacked the base Thursday night.",
       kFriday,
       {"Thursday night -> 2024-08-29 weekday"}},
      {"Rebels attacked the base late on Tuesday.",
       kFriday,
       {"late on Tuesday -> 2024-08-27 weekday"}},
      {"Rebels attacked the base early Tuesday.", kFriday, {"early Tuesday -> 2024-08-27 weekday"}},
      {"Rebels attacked the base last Friday.", kFriday, {"last Friday -> 2024-08-23 weekday"}},
      {"Rebels attacked the base on Friday morning.",
       kFriday,
       {"on Friday morning -> 2024-08-30 weekday"}},
      {"Rebels attacked the base on Saturday.", kFriday, {"on Saturday -> 2024-08-24 weekday"}},
      {"Police said Monday that 12 people were detained.",
       kFriday,
       {"Monday -> 2024-08-26 weekday"}},
      {"Sunday's attack killed nine.", kFriday, {"Sunday -> 2024-08-25 weekday"}},
      {"Ministers will meet next Friday.", kFriday, {"next Friday -> 2024-09-06 future-weekday"}},
      {"Rebels attacked the base on friday.", kFriday, {"on friday -> 2024-08-30 weekday"}},
      // Names, not dates.
      {"He signed the Good Friday Agreement.", kFriday, {}},
      {"Marches marked Bloody Sunday.", kFriday, {}},
      {"The Sunday Times reported the raid.", kFriday, {}},
      {"The commissioner told Balochistan Today that two died.", kFriday, {}},
  });
}

TEST(DateReaderTest, RelativeDays) {
  RunCases({
      {"Drones struck the city overnight.", kFriday, {"overnight -> 2024-08-30 relative-day"}},
      {"Rebels attacked three villages overnight Saturday.", kFriday,
       {"overnight Saturday -> 2024-08-24 weekday"}},
      {"Shelling continued overnight into Thursday.", kFriday,
       {"overnight into Thursday -> 2024-08-29 weekday"}},
      {"Drones struck the city yesterday.", kFriday, {"yesterday -> 2024-08-29 relative-day"}},
      {"Drones struck the city yesterday morning.",
       kFriday,
       {"yesterday morning -> 2024-08-29 relative-day"}},
      {"Drones struck the city today.", kFriday, {"today -> 2024-08-30 relative-day"}},
      {"Today, the army said, two died.", kFriday, {"Today -> 2024-08-30 relative-day"}},
      {"Drones struck the city this morning.",
       kFriday,
       {"this morning -> 2024-08-30 relative-day"}},
      {"Drones struck the city last night.", kFriday, {"last night -> 2024-08-29 relative-day"}},
      {"Drones struck the city late last night.",
       kFriday,
       {"late last night -> 2024-08-29 relative-day"}},
      {"Drones struck the city tonight.", kFriday, {"tonight -> 2024-08-30 relative-day"}},
      {"Drones struck the city two days ago.",
       kFriday,
       {"two days ago -> 2024-08-28 relative-day"}},
      {"Drones struck the city 3 days ago.", kFriday, {"3 days ago -> 2024-08-27 relative-day"}},
      {"Protests began the day before yesterday.",
       kFriday,
       {"the day before yesterday -> 2024-08-28 relative-day"}},
      {"Talks resume tomorrow.", kFriday, {"tomorrow -> 2024-08-31 future-day"}},
  });
}

TEST(DateReaderTest, ReanchorableDays) {
  RunCases({
      {"Two soldiers had been killed the previous day.",
       kFriday,
       {"the previous day -> 2024-08-29 previous-day"}},
      {"Two soldiers had been killed a day earlier.",
       kFriday,
       {"a day earlier -> 2024-08-29 previous-day"}},
      {"Two soldiers had been killed the day before.",
       kFriday,
       {"the day before -> 2024-08-29 previous-day"}},
      {"Two soldiers were killed three days earlier.",
       kFriday,
       {"three days earlier -> 2024-08-27 previous-day"}},
      {"The army withdrew the following day.",
       kFriday,
       {"the following day -> 2024-08-31 following-day"}},
      {"The army withdrew a day later.", kFriday, {"a day later -> 2024-08-31 following-day"}},
      {"The army withdrew the next day.", kFriday, {"the next day -> 2024-08-31 following-day"}},
      {"The army withdrew two weeks later.",
       kFriday,
       {"two weeks later -> 2024-09 following-week"}},
  });
}

TEST(DateReaderTest, WeeksMonthsYears) {
  RunCases({
      {"Clashes erupted earlier this week.",
       kFriday,
       {"earlier this week -> 2024-08 relative-week"}},
      {"Clashes erupted last week.", kFriday, {"last week -> 2024-08 relative-week"}},
      {"Clashes erupted this week.", kFriday, {"this week -> 2024-08 relative-week"}},
      {"Talks resume later this week.", "2024-08-27", {"later this week -> 2024-08 future-week"}},
      {"Talks resume later this week.", "2024-09-30", {"later this week -> 2024-10 future-week"}},
      {"Clashes erupted three weeks ago.", kFriday, {"three weeks ago -> 2024-08 relative-week"}},
      {"Clashes erupted a week ago.", kFriday, {"a week ago -> 2024-08 relative-week"}},
      {"Clashes erupted earlier this month.",
       kFriday,
       {"earlier this month -> 2024-08 relative-month"}},
      {"Clashes erupted last month.", kFriday, {"last month -> 2024-07 relative-month"}},
      {"Clashes erupted two months ago.", kFriday, {"two months ago -> 2024-06 relative-month"}},
      {"Clashes erupted last year.", kFriday, {"last year -> 2023 relative-year"}},
      {"Clashes erupted earlier this year.", kFriday, {"earlier this year -> 2024 relative-year"}},
      {"Clashes erupted five years ago.", kFriday, {"five years ago -> 2019 relative-year"}},
      {"Talks resume next week.", kFriday, {"next week -> 2024-09 future-week"}},
      {"Talks resume next month.", kFriday, {"next month -> 2024-09 future-month"}},
      {"Talks resume next year.", kFriday, {"next year -> 2025 future-year"}},
      {"Clashes erupted in March.", kFriday, {"in March -> 2024-03 month"}},
      {"Clashes erupted in September.", kFriday, {"in September -> 2023-09 month"}},
      {"Clashes erupted in August.", kFriday, {"in August -> 2024-08 month"}},
      {"Clashes erupted in mid-August.", kFriday, {"in mid-August -> 2024-08 month"}},
      {"Clashes erupted in late July.", kFriday, {"in late July -> 2024-07 month"}},
      {"Clashes erupted last March.", kFriday, {"last March -> 2024-03 month"}},
      {"Clashes erupted last August.", kFriday, {"last August -> 2023-08 month"}},
      {"Elections are due next March.", kFriday, {"next March -> 2025-03 future-month-name"}},
      {"Protesters marched on the 29th.", kFriday, {"on the 29th -> 2024-08-29 day-of-month"}},
      {"Protesters marched on the 12th.", kFriday, {"on the 12th -> 2024-08-12 day-of-month"}},
      // Up to a week ahead, as for "Sept. 3".
      {"Protesters marched on the 2nd.", kFriday, {"on the 2nd -> 2024-09-02 day-of-month"}},
      {"Protesters will march on the 3rd.", kFriday, {"on the 3rd -> 2024-09-03 day-of-month"}},
  });
}

TEST(DateReaderTest, WeeksAcrossMonthBoundaries) {
  RunCases({
      // Published Thursday 2024-08-01: last week is July 22-28.
      {"Clashes erupted last week.", "2024-08-01", {"last week -> 2024-07 relative-week"}},
      // Published Monday 2024-09-09: last week is Sep 2-8.
      {"Clashes erupted last week.", "2024-09-09", {"last week -> 2024-09 relative-week"}},
      // Published Monday 2024-09-02: last week is Aug 26 - Sep 1.
      {"Clashes erupted last week.", "2024-09-02", {"last week -> 2024-08 relative-week"}},
      // Published Monday 2024-07-08: last week is Jul 1-7, its Wednesday Jul 3.
      {"Clashes erupted last week.", "2024-07-08", {"last week -> 2024-07 relative-week"}},
      // Published Monday 2024-10-07: last week is Sep 30 - Oct 6; its
      // Wednesday is Oct 2.
      {"Clashes erupted last week.", "2024-10-07", {"last week -> 2024-10 relative-week"}},
      // Published Friday 2024-11-01: Monday Oct 28 to Thursday Oct 31.
      {"Clashes erupted earlier this week.",
       "2024-11-01",
       {"earlier this week -> 2024-10 relative-week"}},
      {"Clashes erupted last month.", "2025-01-03", {"last month -> 2024-12 relative-month"}},
      {"Clashes erupted earlier this month.",
       "2025-01-03",
       {"earlier this month -> 2025-01 relative-month"}},
  });
}

TEST(DateReaderTest, Weekends) {
  RunCases({
      {"Gangs attacked the town over the weekend.",
       kFriday,
       {"over the weekend -> 2024-08-24 weekend"}},
      {"Gangs attacked the town at the weekend.",
       kFriday,
       {"at the weekend -> 2024-08-24 weekend"}},
      {"Gangs attacked the town over the weekend.",
       "2024-09-02",
       {"over the weekend -> 2024-08-31 weekend"}},
      {"Gangs attacked the town last weekend.",
       "2024-08-31",
       {"last weekend -> 2024-08-24 weekend"}},
      {"Gangs attacked the town last weekend.",
       "2024-09-02",
       {"last weekend -> 2024-08-31 weekend"}},
      {"Rallies are planned this weekend.", kFriday, {"this weekend -> 2024-08-31 future-weekend"}},
      {"Rallies were held this weekend.", "2024-09-01", {"this weekend -> 2024-08-31 weekend"}},
  });
}

// ---- Anchoring edges -------------------------------------------------------------

TEST(DateReaderTest, YearRollover) {
  RunCases({
      {"The strike came on December 30.", "2025-01-03", {"on December 30 -> 2024-12-30 month-day"}},
      {"The strike came on 31 December.", "2025-01-03", {"on 31 December -> 2024-12-31 month-day"}},
      {"The strike came in December.", "2025-01-03", {"in December -> 2024-12 month"}},
      {"The strike came on Monday.", "2025-01-03", {"on Monday -> 2024-12-30 weekday"}},
      {"The strike came last week.", "2025-01-03", {"last week -> 2024-12 relative-week"}},
      {"The strike came last year.", "2025-01-03", {"last year -> 2024 relative-year"}},
      {"Talks are set for January 2.", "2024-12-30", {"January 2 -> 2025-01-02 month-day"}},
      {"The strike came on the 30th.", "2025-01-03", {"on the 30th -> 2024-12-30 day-of-month"}},
      {"In 2025, talks resume.", "2024-12-30", {"In 2025 -> 2025 year"}},
  });
}

TEST(DateReaderTest, LeapDaysAndInvalidDates) {
  RunCases({
      {"The raid took place on February 29.",
       "2024-03-05",
       {"on February 29 -> 2024-02-29 month-day"}},
      // 2025 has no February 29: the latest one is 2024's.
      {"The raid took place on February 29.",
       "2025-03-05",
       {"on February 29 -> 2024-02-29 month-day"}},
      {"The raid took place on 29 February 2024.",
       kFriday,
       {"on 29 February 2024 -> 2024-02-29 explicit"}},
      {"The raid took place on February 29, 2023.", kFriday, {}},
      {"The raid took place on February 30.", kFriday, {}},
      {"The raid took place on 31 April 2024.", kFriday, {}},
      {"The raid took place on 2024-02-30.", kFriday, {}},
      {"The raid took place on 31/09/2024.", kFriday, {}},
      {"The raid took place on August 32.", kFriday, {}},
  });
}

TEST(DateReaderTest, NotDates) {
  RunCases({
      {"Some 15 fighters were killed.", kFriday, {}},
      {"More than 2,000 people fled.", kFriday, {}},
      {"Over 2000 people fled.", kFriday, {}},
      {"The convoy left at 10:30 and arrived at 14:00.", kFriday, {}},
      {"The group was founded in the 1990s.", kFriday, {}},
      {"The 2014 war displaced millions.", kFriday, {}},
      {"The plan runs to 2030 and targets 1500 villages.", kFriday, {}},
      {"Elections are expected in 2030.", kFriday, {}},
      {"A ceasefire may hold, and troops may march.", kFriday, {}},
      {"The 5th Battalion moved north.", kFriday, {}},
      {"Fighting spread in Mai-Ndombe province.", kFriday, {}},
      {"Talks lasted two days.", kFriday, {}},
      {"Rebels seized 12 trucks and 3 tanks.", kFriday, {}},
      {"March on, they said.", kFriday, {}},
      {"The vote in March Town was delayed.", kFriday, {}},
      {"Over 50% of homes burned in 1,900 villages.", kFriday, {}},
  });
}

TEST(DateReaderTest, BackgroundPeriods) {
  RunCases({
      {"The group has waged an insurgency since 2014.",
       kFriday,
       {"since 2014 -> 2014 year background"}},
      {"The mission stayed until 2019.", kFriday, {"until 2019 -> 2019 year background"}},
      {"Between 2014 and 2019, thousands died.", kFriday, {"Between 2014 -> 2014 year background"}},
      {"Troops have been deployed from March 2023.",
       kFriday,
       {"from March 2023 -> 2023-03 month-year background"}},
      {"Fighting has raged since August 2023.",
       kFriday,
       {"since August 2023 -> 2023-08 month-year background"}},
      // Relative starts date the ongoing event, not history.
      {"Protesters have marched since last week.",
       kFriday,
       {"since last week -> 2024-08 relative-week"}},
      {"A curfew has been in force since Monday.", kFriday, {"since Monday -> 2024-08-26 weekday"}},
  });
}

TEST(DateReaderTest, WithoutPublicationDateOnlyAbsoluteDatesAreRead) {
  RunCases({
      {"Rebels attacked on Thursday, killing 12.", "", {}},
      {"Rebels attacked yesterday and last week.", "", {}},
      {"Rebels attacked on August 29.", "", {}},
      {"Rebels attacked in March.", "", {}},
      {"Rebels attacked on the 29th.", "", {}},
      {"Rebels attacked two days ago.", "", {}},
      {"Rebels attacked on 29 August 2024.", "", {"on 29 August 2024 -> 2024-08-29 explicit"}},
      {"Rebels attacked on Thursday, August 29, 2024.",
       "",
       {"on Thursday, August 29, 2024 -> 2024-08-29 explicit"}},
      {"Rebels attacked on 2024-08-29.", "", {"on 2024-08-29 -> 2024-08-29 iso"}},
      {"Rebels attacked in March 2023.", "", {"in March 2023 -> 2023-03 month-year"}},
      {"Rebels have attacked since 2019.", "", {"since 2019 -> 2019 year background"}},
      {"Rebels attacked in 2030.", "", {"in 2030 -> 2030 year"}},
  });
}

TEST(DateReaderTest, SeveralDatesInOneSentence) {
  RunCases({
      {"After the raid on Tuesday, rebels struck again on Thursday night.",
       kFriday,
       {"on Tuesday -> 2024-08-27 weekday", "on Thursday night -> 2024-08-29 weekday"}},
      {"The group, active since 2014, attacked the town on August 29.",
       kFriday,
       {"since 2014 -> 2014 year background", "on August 29 -> 2024-08-29 month-day"}},
      {"The truce of March 2023 broke down yesterday. Fighting resumed on Friday.",
       kFriday,
       {"of March 2023 -> 2023-03 month-year", "yesterday -> 2024-08-29 relative-day",
        "on Friday -> 2024-08-30 weekday"}},
  });
}

TEST(DateReaderTest, OddInputsGiveNothing) {
  RunCases({
      {"", kFriday, {}},
      {"   \n\n  ", kFriday, {}},
      {"\xff\xfe on \xc3", kFriday, {}},
      {"on on on in in since", kFriday, {}},
      {"the the 29th", kFriday, {}},
      {"mid - -", kFriday, {}},
  });
}

TEST(DateReaderTest, AnInvalidPublicationDateIsIgnored) {
  const std::string text = "Rebels attacked on Thursday.";
  const text::TokenizedText tokenized = Splitter().Split(text);
  EXPECT_TRUE(Reader().Find(text, tokenized.tokens, CivilDate{2024, 2, 30}).empty());
  EXPECT_TRUE(Reader().Find(text, tokenized.tokens, CivilDate{1, 1, 1}).empty());
  EXPECT_EQ(Reader().Find(text, tokenized.tokens, CivilDate{2024, 8, 30}).size(), 1u);
}

TEST(DateReaderTest, MentionFieldsForTheCoder) {
  const std::string text = "Late on Tuesday, militias shelled the camp.";
  const text::TokenizedText tokenized = Splitter().Split(text);
  auto mentions = Reader().Find(text, tokenized.tokens, CivilDate{2024, 8, 30});
  ASSERT_EQ(mentions.size(), 1u);
  const DateMention& m = mentions[0];
  EXPECT_EQ(m.first_token, 0u);
  EXPECT_EQ(m.end_token, 3u);
  EXPECT_EQ(text.substr(m.start, m.end - m.start), "Late on Tuesday");
  EXPECT_EQ(m.date, (CivilDate{2024, 8, 27}));
  EXPECT_EQ(m.precision, DatePrecision::kDay);
  EXPECT_EQ(m.rule, "weekday");
  EXPECT_TRUE(m.relative);
  EXPECT_FALSE(m.background);

  // Token indices count from the span given, not from the article.
  const std::string two = "Peace held. Rebels struck in 2019.";
  const text::TokenizedText split = Splitter().Split(two);
  ASSERT_EQ(split.sentences.size(), 2u);
  const text::Sentence& s = split.sentences[1];
  auto second = Reader().Find(two, SentenceTokens(split, s), std::nullopt);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].first_token, 2u);
  EXPECT_EQ(two.substr(second[0].start, second[0].end - second[0].start), "in 2019");
  EXPECT_FALSE(second[0].relative);
}

// ---- Loading -------------------------------------------------------------------

class DateReaderLoadTest : public ::testing::Test {
 protected:
  Status LoadWith(std::string_view contents) {
    const std::filesystem::path dir =
        std::filesystem::path(::testing::TempDir()) / "khaldun_date_words";
    std::filesystem::create_directories(dir / "attributes");
    std::ofstream(dir / "attributes" / "date_words.tsv") << contents;
    auto loaded = DateReader::Load(DataFiles::Directory(dir.string()));
    return loaded.ok() ? Status::Ok() : loaded.status();
  }
};

TEST_F(DateReaderLoadTest, AcceptsAMinimalFile) {
  EXPECT_TRUE(LoadWith("# Source: test\nweekday\tmonday\t1\nrelative\tyesterday\tday\t-1\t"
                       "relative-day\n")
                  .ok());
}

TEST_F(DateReaderLoadTest, RejectsMalformedRows) {
  for (std::string_view bad : {
           "weekday\tmonday\t8\n",
           "weekday\tmonday\n",
           "weekday\tMonday\t1\n",
           "weekday\tmonday\t1\nweekday\tmonday\t1\n",
           "colour\tred\n",
           "unit\tdays\tfortnight\n",
           "direction\tago\tsideways\n",
           "lead\ton\tmonth\n",
           "number\ttwo\tzwei\n",
           "relative\tyesterday\tday\t-1\n",
           "relative\tyesterday\tdecade\t-1\trelative-day\n",
           "relative\tyesterday\tday\tminus\trelative-day\n",
           "relative\tyesterday\tday\t-1\tguess\n",
           "relative\tyesterday\tday\t-1\trelative-day\nrelative\tyesterday\tday\t-2\t"
           "relative-day\n",
           "relative\tlast  week\tweek\t-1\trelative-week\n",
       }) {
    const Status status = LoadWith(std::string("# Source: test\n") + std::string(bad));
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << bad;
    EXPECT_NE(status.message().find("date_words.tsv:"), std::string::npos) << status.message();
  }
}

TEST_F(DateReaderLoadTest, MissingFileIsAnError) {
  auto loaded = DateReader::Load(DataFiles::Directory("/nonexistent/khaldun/data"));
  EXPECT_FALSE(loaded.ok());
}

TEST(DateReaderEmbeddedTest, EmbeddedDataLoadsAndAgrees) {
  auto embedded = DateReader::Load(DataFiles::Embedded());
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  const std::string text = "On Thursday, Aug. 29, and last week, and in 2019.";
  const text::TokenizedText tokenized = Splitter().Split(text);
  auto a = embedded->Find(text, tokenized.tokens, CivilDate{2024, 8, 30});
  auto b = Reader().Find(text, tokenized.tokens, CivilDate{2024, 8, 30});
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].start, b[i].start);
    EXPECT_EQ(a[i].date, b[i].date);
    EXPECT_EQ(a[i].rule, b[i].rule);
  }
}

// MonthFromName (src/ingest/dates.cc), which the reader asks about every
// capitalised word, turns most words away by their length and first and
// last letters: every name still passes, in any ASCII case, with a '.'.
TEST(DateReaderTest, MonthNamesPassTheMonthGate) {
  const std::pair<std::string_view, int> kNames[] = {
      {"january", 1},  {"jan", 1},       {"february", 2},   {"feb", 2},        {"march", 3},
      {"mar", 3},      {"april", 4},     {"apr", 4},        {"may", 5},        {"june", 6},
      {"jun", 6},      {"july", 7},      {"jul", 7},        {"august", 8},     {"aug", 8},
      {"september", 9}, {"sept", 9},     {"sep", 9},        {"october", 10},   {"oct", 10},
      {"november", 11}, {"nov", 11},     {"december", 12},  {"dec", 12},       {"janvier", 1},
      {"f\u00e9vrier", 2}, {"fevrier", 2}, {"mars", 3},     {"avril", 4},      {"mai", 5},
      {"juin", 6},     {"juillet", 7},   {"ao\u00fbt", 8},  {"aout", 8},       {"septembre", 9},
      {"octobre", 10}, {"novembre", 11}, {"d\u00e9cembre", 12}, {"enero", 1},  {"febrero", 2},
      {"marzo", 3},    {"abril", 4},     {"mayo", 5},       {"junio", 6},      {"julio", 7},
      {"agosto", 8},   {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},   {"noviembre", 11},
      {"diciembre", 12}, {"janeiro", 1}, {"fevereiro", 2},  {"mar\u00e7o", 3}, {"maio", 5},
      {"junho", 6},    {"julho", 7},     {"setembro", 9},   {"outubro", 10},   {"novembro", 11},
      {"dezembro", 12}, {"januar", 1},   {"februar", 2},    {"m\u00e4rz", 3},  {"juni", 6},
      {"juli", 7},     {"oktober", 10},  {"dezember", 12},  {"gennaio", 1},    {"febbraio", 2},
      {"aprile", 4},   {"maggio", 5},    {"giugno", 6},     {"luglio", 7},     {"settembre", 9},
      {"ottobre", 10}, {"dicembre", 12}};
  for (const auto& [name, month] : kNames) {
    auto upper_case = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; };
    std::string upper(name), capital(name);
    for (char& c : upper) c = upper_case(c);
    capital[0] = upper_case(capital[0]);
    for (const std::string& w : {std::string(name), upper, capital, capital + "."}) {
      EXPECT_EQ(MonthFromName(w), month) << w;
    }
    EXPECT_EQ(MonthFromName(capital + "q"), 0) << name;
    EXPECT_EQ(MonthFromName(capital + ".."), 0) << name;
  }
  for (std::string_view w : {"Syria", "Tuesday", "The", "Mosul", "Maj.", "Ma", "Augusta", "Marc",
                             "Junta", "A", "", ".", "Decembers"}) {
    EXPECT_EQ(MonthFromName(w), 0) << w;
  }
}

}  // namespace
}  // namespace khaldun::attributes
