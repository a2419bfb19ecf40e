#include "attributes/numbers.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "testing/text_fixture.h"
#include "text/sentences.h"

namespace khaldun::attributes {
namespace {

using ::khaldun::testing::Tokenize;
using ::khaldun::testing::TokenSpan;

const NumberWords& Words() { return ::khaldun::testing::FromSourceData<NumberWords>(); }

// Reads the quantity starting at the first token whose text is `at` (or
// the first token when `at` is empty) and describes it as
// "best low high [qualifier] ~ 'words'", or "none".
std::string Read(std::string_view text, std::string_view at = {}) {
  const std::vector<text::Token> tokens = Tokenize(text);
  std::size_t index = 0;
  if (!at.empty()) {
    while (index < tokens.size() && TokenSpan(text, tokens, index, index + 1) != at) {
      ++index;
    }
    if (index == tokens.size()) return "no token " + std::string(at);
  }
  const auto q = ReadQuantity(Words(), text, tokens, index);
  if (!q) return "none";
  std::string out =
      std::to_string(q->best) + " " + std::to_string(q->low) + " " + std::to_string(q->high);
  if (!q->qualifier.empty()) out += " [" + std::string(q->qualifier) + "]";
  if (q->approximate) out += " ~";
  out += " '" + std::string(TokenSpan(text, tokens, q->first_token, q->end_token)) + "'";
  return out;
}

// MayStart is the gate the casualty reader asks at every token before
// calling ReadQuantity: it must let every quantity's first token through.
TEST(ReadQuantityTest, MayStartAtEveryQuantity) {
  const std::string_view text =
      "At least 15 people, between 10 and 15 soldiers, a dozen men, half a million "
      "residents, dozens of others and twenty-one children were counted in 2,000 homes.";
  const std::vector<text::Token> tokens = Tokenize(text);
  TokenWordsBuffer buffer;
  const TokenWords words = buffer.Make(text, tokens);
  std::size_t quantities = 0;
  for (std::size_t i = 0; i <= tokens.size(); ++i) {
    const bool may = Words().MayStart(words, i);
    const auto q = ReadQuantity(Words(), words, i);
    if (q) {
      ++quantities;
      EXPECT_TRUE(may) << i;
    }
    if (i < tokens.size() && (words.Lower(i) == "people" || words.Lower(i) == "," ||
                              words.Lower(i) == "were" || words.Lower(i) == "of")) {
      EXPECT_FALSE(may) << words.Lower(i);
    }
  }
  EXPECT_FALSE(Words().MayStart(words, tokens.size()));
  EXPECT_GE(quantities, 7u);
}

struct Case {
  std::string_view text;
  std::string_view at;
  std::string_view expected;
};

TEST(ReadQuantityTest, Counts) {
  const Case cases[] = {
      // digits
      {"15 people", "", "15 15 15 '15'"},
      {"1,200 people", "", "1200 1200 1200 '1,200'"},
      {"40,000 people", "", "40000 40000 40000 '40,000'"},
      {"1,234,567 people", "", "1234567 1234567 1234567 '1,234,567'"},
      {"3.5 million people", "", "3500000 3500000 3500000 ~ '3.5 million'"},
      {"2 million people", "", "2000000 2000000 2000000 '2 million'"},
      {"1.2 billion", "", "1200000000 1200000000 1200000000 ~ '1.2 billion'"},
      {"0 casualties", "", "0 0 0 '0'"},
      // number words
      {"seven soldiers", "", "7 7 7 'seven'"},
      {"Seven soldiers", "", "7 7 7 'Seven'"},
      {"twenty-one civilians", "", "21 21 21 'twenty-one'"},
      {"twenty one civilians", "", "21 21 21 'twenty one'"},
      {"one hundred and five people", "", "105 105 105 'one hundred and five'"},
      {"two hundred fifty people", "", "250 250 250 'two hundred fifty'"},
      {"two million people", "", "2000000 2000000 2000000 'two million'"},
      {"two million three hundred thousand", "",
       "2300000 2300000 2300000 'two million three hundred thousand'"},
      {"a hundred people", "", "100 100 100 'a hundred'"},
      {"a thousand troops", "", "1000 1000 1000 'a thousand'"},
      {"a dozen soldiers", "", "12 12 12 ~ 'a dozen'"},
      {"two dozen soldiers", "", "24 24 24 ~ 'two dozen'"},
      {"half a dozen soldiers", "", "6 6 6 ~ 'half a dozen'"},
      {"one soldier", "", "1 1 1 'one'"},
      {"eleven", "", "11 11 11 'eleven'"},
      {"ninety-nine", "", "99 99 99 'ninety-nine'"},
      // vague words: best is the low bound
      {"dozens of people", "", "24 24 99 [dozens] ~ 'dozens'"},
      {"scores of them", "", "40 40 199 [scores] ~ 'scores'"},
      {"hundreds of families", "", "200 200 999 [hundreds] ~ 'hundreds'"},
      {"thousands of people", "", "2000 2000 9999 [thousands] ~ 'thousands'"},
      {"tens of thousands of people", "",
       "20000 20000 99999 [tens of thousands] ~ 'tens of thousands'"},
      {"hundreds of thousands", "",
       "200000 200000 999999 [hundreds of thousands] ~ 'hundreds of thousands'"},
      {"several people", "", "3 3 9 [several] ~ 'several'"},
      {"a handful of soldiers", "", "3 3 9 [a handful] ~ 'a handful'"},
      {"a few people", "", "3 3 9 [a few] ~ 'a few'"},
      {"several hundred people", "", "300 300 900 [several] ~ 'several hundred'"},
      {"a few dozen fighters", "", "36 36 108 [a few] ~ 'a few dozen'"},
      {"millions of people", "", "2000000 2000000 0 [millions] ~ 'millions'"},
      // qualifiers
      {"at least 20 people", "", "20 20 0 [at least] ~ 'at least 20'"},
      {"At least five fighters", "", "5 5 0 [at least] ~ 'At least five'"},
      {"more than 100 people", "", "100 100 0 [more than] ~ 'more than 100'"},
      {"over 100 people", "", "100 100 0 [more than] ~ 'over 100'"},
      {"nearly 50 people", "", "50 50 50 [nearly] ~ 'nearly 50'"},
      {"almost 3,000", "", "3000 3000 3000 [nearly] ~ 'almost 3,000'"},
      {"about 1,200 people", "", "1200 1200 1200 [about] ~ 'about 1,200'"},
      {"around 30 people", "", "30 30 30 [about] ~ 'around 30'"},
      {"some 200 people", "", "200 200 200 [about] ~ 'some 200'"},
      {"roughly 40 people", "", "40 40 40 [about] ~ 'roughly 40'"},
      {"an estimated 5,000 people", "", "5000 5000 5000 [about] ~ 'an estimated 5,000'"},
      {"up to 15 people", "", "15 0 15 [up to] ~ 'up to 15'"},
      {"as many as 60 people", "", "60 0 60 [up to] ~ 'as many as 60'"},
      {"fewer than 10 people", "", "10 0 10 [fewer than] ~ 'fewer than 10'"},
      {"at least a dozen people", "", "12 12 0 [at least] ~ 'at least a dozen'"},
      {"more than a million", "", "1000000 1000000 0 [more than] ~ 'more than a million'"},
      {"more than two million", "", "2000000 2000000 0 [more than] ~ 'more than two million'"},
      // ranges
      {"between 10 and 15 people", "", "10 10 15 [between] ~ 'between 10 and 15'"},
      {"between ten and fifteen people", "", "10 10 15 [between] ~ 'between ten and fifteen'"},
      {"10 to 15 people", "", "10 10 15 [between] ~ '10 to 15'"},
      {"10-15 people", "", "10 10 15 [between] ~ '10-15'"},
      {"two or three people", "", "2 2 3 [between] ~ 'two or three'"},
      {"rose from 30 to 40", "30", "30 30 30 '30'"},
      {"between 10 and people", "", "none"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Read(c.text, c.at), c.expected) << c.text;
  }
}

TEST(ReadQuantityTest, NotCounts) {
  const Case cases[] = {
      {"a two-day truce", "two", "none"},
      {"a 15-year-old boy", "15", "none"},
      {"the 15th Brigade", "15th", "none"},
      {"the 10th Brigade", "10th", "none"},
      {"in 2024 the war", "2024", "none"},
      {"since 2019, militants", "2019", "none"},
      {"the 2018 peace agreement", "2018", "none"},
      {"in the 1990s", "1990s", "none"},
      {"the council adopted Resolution 2334 in", "2334", "none"},
      {"under UN Resolution 2254, the", "2254", "none"},
      {"an F-16 jet", "16", "none"},
      {"a MiG-29 crashed", "29", "none"},
      {"COVID-19 cases", "19", "none"},
      {"15 percent of", "15", "none"},
      {"15 per cent of", "15", "none"},
      {"15% of", "15", "none"},
      {"$5 million in aid", "5", "none"},
      {"500 dollars", "500", "none"},
      {"at 3 pm local time", "3", "none"},
      {"at 10:30 on", "10:30", "none"},
      {"1,000 km north", "1,000", "none"},
      {"45 kilometres northeast", "45", "none"},
      {"on July 28 troops", "28", "none"},
      {"on 28 July troops", "28", "none"},
      {"No. 2 said", "2", "none"},
      {"an ambush on Route 6 near", "6", "none"},
      {"3.5 of them", "3.5", "none"},
      {"the one who", "one", "none"},
      {"no one was", "one", "none"},
      {"a soldier", "", "none"},
      {"5km away", "5km", "none"},
      {"at the base", "", "none"},
      {"some of them", "", "none"},
      {"over the weekend", "", "none"},
      {"", "", "none"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Read(c.text, c.at), c.expected) << c.text;
  }
}

TEST(ReadQuantityTest, CountsNextToWordsThatLookLikeGuards) {
  const Case cases[] = {
      // A year-like number with a comma, or followed by a noun, is a count.
      {"2,000 troops were deployed", "2,000", "2000 2000 2000 '2,000'"},
      {"killed 2000 people", "2000", "2000 2000 2000 '2000'"},
      // A weekday or a sentence start may stand before a count.
      {"On Monday 12 people died", "12", "12 12 12 '12'"},
      {"Police said 41 people", "41", "41 41 41 '41'"},
      {"15 trucks", "", "15 15 15 '15'"},
      // At a sentence start the capitalised word may be a determiner
      // ("Another 12", "Only 12"), so labels are not refused there.
      {"Another 12 people", "12", "12 12 12 '12'"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Read(c.text, c.at), c.expected) << c.text;
  }
}

TEST(ReadQuantityTest, EdgesDoNotCrash) {
  // Out of range, oversize numbers, broken grouping.
  std::vector<text::Token> tokens;
  EXPECT_FALSE(ReadQuantity(Words(), "", tokens, 0));
  EXPECT_EQ(Read("99999999999999999999 people"), "none");
  EXPECT_EQ(Read("1,20 people"), "none");
  EXPECT_EQ(Read("twenty thirty"), "20 20 20 'twenty'");
  EXPECT_EQ(Read("one two three"), "1 1 1 'one'");
  EXPECT_EQ(Read("hundred people"), "none");
  EXPECT_EQ(Read("million billion thousand"), "none");
}

TEST(NumberWordsTest, LoadsTheDataFile) {
  EXPECT_TRUE(NumberWords::Load(DataFiles::Embedded()).ok());
  auto missing = NumberWords::Load(DataFiles::Directory("/nonexistent"));
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace khaldun::attributes
