#include "attributes/casualties.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "testing/text_fixture.h"
#include "text/sentences.h"

namespace khaldun::attributes {
namespace {

using ::khaldun::testing::Splitter;
using ::khaldun::testing::TokenSpan;

const CasualtyReader& Reader() { return ::khaldun::testing::FromSourceData<CasualtyReader>(); }

// Each mention as "outcome COUNT [victim] flags", joined by " | ". COUNT is
// best, "+" when open, "-high" for a range, "<=high" for "up to".
std::string Describe(std::string_view text) {
  const text::TokenizedText t = Splitter().Split(text);
  const std::vector<CasualtyMention> found = Reader().Find(text, t.tokens);
  std::string out;
  for (const CasualtyMention& m : found) {
    if (!out.empty()) out += " | ";
    out += std::string(m.outcome) + " " + std::to_string(m.count.best);
    if (m.count.high == 0 && m.count.best != 0) {
      out += "+";
    } else if (m.count.low == 0 && m.count.high != 0) {
      out = out.substr(0, out.size() - std::to_string(m.count.best).size()) +
            "<=" + std::to_string(m.count.high);
    } else if (m.count.high != m.count.best) {
      out += "-" + std::to_string(m.count.high);
    }
    const std::string_view victim = TokenSpan(text, t.tokens, m.victim_first, m.victim_end);
    if (!victim.empty()) out += " [" + std::string(victim) + "]";
    if (m.negated) out += " negated";
    if (m.cumulative) out += " cumulative";
    if (m.subset) out += " subset";
    if (m.victim_is_others) out += " others";
  }
  return out.empty() ? "-" : out;
}

struct Case {
  std::string_view text;
  std::string_view expected;
};

void RunCases(std::span<const Case> cases) {
  for (const Case& c : cases) EXPECT_EQ(Describe(c.text), c.expected) << c.text;
}

TEST(CasualtyReaderTest, ObjectOfAVerb) {
  const Case cases[] = {
      {"US strikes hit a compound, killing 15 ISIS fighters.", "killed 15 [ISIS fighters]"},
      {"The raid killed at least 20 people.", "killed 20+ [people]"},
      {"The drone attack wounded four US service members, one of them seriously.",
       "injured 4 [US service members]"},
      {"A rocket struck the base, injuring seven US personnel.", "injured 7 [US personnel]"},
      {"The shell wounded seven others.", "injured 7 [others] others"},
      {"Militants killed 5 soldiers near the border.", "killed 5 [soldiers]"},
      {"Gunmen abducted 30 students from a school in Kaduna.", "kidnapped 30 [students]"},
      {"Police arrested 12 suspects after the blast.", "arrested 12 [suspects]"},
      {"Security forces detained 40 protesters in Tehran.", "arrested 40 [protesters]"},
      {"The army said soldiers had killed dozens of militants in Rafah.",
       "killed 24-99 [militants]"},
      {"The jets pounded the camp, killing scores of them.", "killed 40-199 [them]"},
      {"Forces repelled the assault, killing \"dozens\" of attackers.", "killed 24-99 [attackers]"},
      {"Gunmen shot dead six passengers of a bus.", "killed 6 [passengers]"},
      {"The raid, in which seven members of the US military were injured, lasted hours.",
       "injured 7 [members of the US military]"},
      {"The blast killed three officers of the Rapid Support Forces.",
       "killed 3 [officers of the Rapid Support Forces]"},
      {"Warplanes struck a house, killing two Hezbollah fighters and a civilian.",
       "killed 2 [Hezbollah fighters] | killed 1 [civilian]"},
      {"The raid killed three soldiers, two police officers and a child.",
       "killed 3 [soldiers] | killed 2 [police officers] | killed 1 [child]"},
      {"Gunmen killed five villagers and burned 20 houses.", "killed 5 [villagers]"},
      {"Clashes inside the prison left 17 inmates dead.", "killed 17 [inmates]"},
      {"Troops had killed \u00abaround 30 terrorists\u00bb in a forest.",
       "killed 30 [terrorists]"},
      {"Troops killed 12 ADF fighters and freed 30 hostages.", "killed 12 [ADF fighters]"},
      {"Hamas attacked, killing about 1,200 people and taking 251 hostages.",
       "killed 1200 [people] | kidnapped 251 [hostages]"},
      {"Fighting on Sunday forced 5,000 people to flee.", "displaced 5000 [people]"},
      {"The fighting has forced 5,000 people to flee their homes.",
       "displaced 5000 [people] cumulative"},
      {"The bombing killed a policeman.", "killed 1 [policeman]"},
      {"Rebels seized 15 trucks carrying food.", "-"},
      {"Insurgents seized 30 Chadian soldiers at the post.", "kidnapped 30 [Chadian soldiers]"},
      {"The blast claimed the lives of 18 people.", "killed 18 [people]"},
      {"Clashes killed between 10 and 15 fighters.", "killed 10-15 [fighters]"},
      {"Rebels killed 20 Iran-backed militiamen.", "killed 20 [Iran-backed militiamen]"},
  };
  RunCases(cases);
}

TEST(CasualtyReaderTest, SubjectAndNoun) {
  const Case cases[] = {
      {"15 people were killed in the attack.", "killed 15 [people]"},
      {"At least 20 killed in Gaza strike.", "killed 20+"},
      {"Five soldiers died in the ambush.", "killed 5 [soldiers]"},
      {"Seven US troops were injured.", "injured 7 [US troops]"},
      {"Eleven Syrian soldiers were killed when jihadists ambushed a bus.",
       "killed 11 [Syrian soldiers]"},
      {"More than 100 people were displaced.", "displaced 100+ [people]"},
      {"3 million Haitians have been displaced by violence.", "displaced 3000000 [Haitians]"},
      {"Police said 41 people were arrested.", "arrested 41 [people]"},
      {"Four policemen were martyred and three others injured when militants stormed a post.",
       "killed 4 [policemen] | injured 3 [others] others"},
      {"Three soldiers were killed and 19 injured early on Saturday.",
       "killed 3 [soldiers] | injured 19"},
      {"At least 27 Palestinians were killed and dozens wounded in an airstrike.",
       "killed 27+ [Palestinians] | injured 24-99"},
      {"The blast left 12 dead and 30 wounded.", "killed 12 | injured 30"},
      {"The attack killed seven and wounded 12.", "killed 7 | injured 12"},
      {"Clashes left at least six people dead on Saturday.", "killed 6+ [people]"},
      {"The strike caused 30 casualties.", "casualties 30"},
      {"Officials reported 14 deaths.", "killed 14"},
      {"One Mozambican soldier was wounded.", "injured 1 [Mozambican soldier]"},
      {"Several people were injured.", "injured 3-9 [people]"},
      {"A handful of soldiers were wounded.", "injured 3-9 [soldiers]"},
      {"Two militia members were killed and five wounded, an official said.",
       "killed 2 [militia members] | injured 5"},
      {"Nearly 50 people were hurt.", "injured 50 [people]"},
      {"Up to 15 people were killed.", "killed <=15 [people]"},
      {"Two or three civilians were killed.", "killed 2-3 [civilians]"},
      {"Hundreds of residents fled their homes.", "displaced 200-999 [residents]"},
      {"Five gunmen killed the driver.", "-"},
      {"Two gunmen killed a policeman.", "killed 1 [policeman]"},
  };
  RunCases(cases);
}

TEST(CasualtyReaderTest, ArticleCounts) {
  const Case cases[] = {
      {"A soldier was killed in the blast.", "killed 1 [soldier]"},
      {"A man was injured when the drone fell.", "injured 1 [man]"},
      {"A 19-year-old man was shot dead in Kamukunji.", "killed 1 [19-year-old man]"},
      {"Another soldier was wounded.", "injured 1 [soldier] others"},
      {"A drone strike killed the commander.", "-"},
      {"A ceasefire was agreed.", "-"},
  };
  RunCases(cases);
}

TEST(CasualtyReaderTest, Tolls) {
  const Case cases[] = {
      {"The death toll rose to 40.", "killed 40"},
      {"The death toll from Tuesday's blast rose to 40.", "killed 40"},
      {"The death toll since October rose to 40,000.", "killed 40000 cumulative"},
      {"Officials said the toll stood at 52.", "killed 52"},
      {"The quake had a death toll of 300.", "killed 300"},
      {"The toll rose from 30 to 45 overnight.", "killed 45"},
      {"The number of dead rose to more than 60.", "killed 60+"},
  };
  RunCases(cases);
}

TEST(CasualtyReaderTest, Cumulative) {
  const Case cases[] = {
      {"So far this year 300 people have been killed.", "killed 300 [people] cumulative"},
      {"A total of 1,500 fighters have been killed.", "killed 1500 [fighters] cumulative"},
      {"In total since the war began, 6,000 people were killed.",
       "killed 6000 [people] cumulative"},
      {"Eleven people were killed by gunmen, one of the deadliest attacks since the cartel "
       "split last year.",
       "killed 11 [people]"},
      {"Israeli strikes have killed 40,000 people since October.",
       "killed 40000 [people] cumulative"},
      {"The conflict has killed more than 40,000 people and displaced about two million.",
       "killed 40000+ [people] cumulative | displaced 2000000 cumulative"},
      {"Israel's campaign has since killed more than 37,000 people.",
       "killed 37000+ [people] cumulative"},
      {"Thousands of people have been kidnapped in recent years.",
       "kidnapped 2000-9999 [people] cumulative"},
  };
  RunCases(cases);
}

TEST(CasualtyReaderTest, Negated) {
  const Case cases[] = {
      {"The military said the projectiles were intercepted and no one was hurt.",
       "injured 0 negated"},
      {"There were no casualties.", "killed 0 negated | injured 0 negated"},
      {"No injuries were reported.", "injured 0 negated"},
      {"The convoy passed without casualties.", "killed 0 negated | injured 0 negated"},
      {"No civilians were injured or killed.",
       "injured 0 [civilians] negated | killed 0 [civilians] negated"},
      {"Nobody died.", "killed 0 negated"},
      {"None of the crew was injured.", "injured 0 negated"},
      {"The driver escaped unhurt.", "injured 0 negated"},
      {"There were no immediate reports of casualties.", "killed 0 negated | injured 0 negated"},
      {"No group claimed the attack.", "-"},
  };
  RunCases(cases);
}

TEST(CasualtyReaderTest, SplitAcrossSentences) {
  EXPECT_EQ(Describe("Three soldiers were killed. Two others were wounded."),
            "killed 3 [soldiers] | injured 2 [others] others");
  EXPECT_EQ(Describe("Two others were wounded."), "injured 2 [others] others");
  EXPECT_EQ(Describe("At least 16 other people were wounded."),
            "injured 16+ [other people] others");
  EXPECT_EQ(Describe("Eight other soldiers were wounded, the monitor said."),
            "injured 8 [other soldiers] others");
  EXPECT_EQ(Describe("Another three were wounded."), "injured 3 others");
  // Offsets of a mention in the second sentence point at its own words.
  const std::string_view text = "Three soldiers were killed. Two others were wounded.";
  const text::TokenizedText t = Splitter().Split(text);
  const auto found = Reader().Find(text, t.tokens);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(text.substr(found[1].start, found[1].end - found[1].start), "Two others were wounded");
  EXPECT_EQ(TokenSpan(text, t.tokens, found[1].outcome_token, found[1].outcome_token + 1),
            "wounded");
  EXPECT_EQ(found[0].rule, "subject");
}

TEST(CasualtyReaderTest, PartsAreNotAdded) {
  const Case cases[] = {
      {"The strike killed 20 people, including five children.",
       "killed 20 [people] | killed 5 [children] subset"},
      {"17 civilians, including six children, were killed when jets bombed the village.",
       "killed 17 [civilians] | killed 6 [children] subset"},
      {"Fourteen civilians, among them five children, were killed on Monday.",
       "killed 14 [civilians] | killed 5 [children] subset"},
      {"Three civilians were among the dead.", "killed 3 [civilians] subset"},
      {"Police arrested at least 15 protesters, including a senior leader.",
       "arrested 15+ [protesters]"},
  };
  RunCases(cases);
}

TEST(CasualtyReaderTest, NotCasualties) {
  const Case cases[] = {
      {"Israel allowed 120 trucks to enter Gaza.", "-"},
      {"15 trucks were seized at the crossing.", "-"},
      {"The government deployed 2,000 troops to the region.", "-"},
      {"2,000 troops were deployed.", "-"},
      {"A 15-year-old was among the protesters.", "-"},
      {"The attack began at 3 pm.", "-"},
      {"Resolution 2254 calls for a ceasefire.", "-"},
      {"The 10th Brigade was hit.", "-"},
      {"The border is 1,000 km long.", "-"},
      {"About 200 people blocked the highway.", "-"},
      {"Pakistan deported 1,200 Afghan nationals.", "-"},
      {"Hamas agreed to free 10 living hostages in a 60-day truce.", "-"},
      {"The 2,600-kilometre Durand Line was drawn in 1893.", "-"},
      {"He was killed two weeks ago.", "-"},
      {"The strike was conducted 45 kilometres northeast of Jilib, killing three militants.",
       "killed 3 [militants]"},
      {"An F-16 was shot down in 2024.", "-"},
      {"Eight of the dead were Ugandan soldiers.", "-"},
      {"", "-"},
      {"   ", "-"},
  };
  RunCases(cases);
}

TEST(CasualtyReaderTest, GoldStyleParagraph) {
  // Sentences in the style of tests/gold, read in one call.
  const std::string_view text =
      "Pakistani and Afghan border forces exchanged fire at the Torkham crossing on Sunday, "
      "killing two Afghan border guards and wounding three Pakistani soldiers, officials said.\n\n"
      "Gunmen ambushed a convoy on Sunday, killing eight officers and wounding four.\n\n"
      "A suicide bomber rammed a car into a convoy, killing five FC personnel and wounding nine.";
  EXPECT_EQ(Describe(text),
            "killed 2 [Afghan border guards] | injured 3 [Pakistani soldiers] | killed 8 "
            "[officers] | injured 4 | killed 5 [FC personnel] | injured 9");
}

TEST(CasualtyReaderTest, LongInputIsLinear) {
  // Many sentences: the result grows with the input, and the call returns.
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "At least 20 people were killed and 30 injured. ";
  const text::TokenizedText t = Splitter().Split(text);
  EXPECT_EQ(Reader().Find(text, t.tokens).size(), 4000u);
  // Hostile: a long run of number words and cue words with no sentence end.
  std::string hostile;
  for (int i = 0; i < 5000; ++i) hostile += "no one at least killing dozens of , including ";
  const text::TokenizedText h = Splitter().Split(hostile);
  (void)Reader().Find(hostile, h.tokens);
}

TEST(CasualtyReaderTest, LoadsEmbeddedData) {
  EXPECT_TRUE(CasualtyReader::Load(DataFiles::Embedded()).ok());
  EXPECT_FALSE(CasualtyReader::Load(DataFiles::Directory("/nonexistent")).ok());
}

}  // namespace
}  // namespace khaldun::attributes
