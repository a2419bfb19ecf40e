// Event attributes end to end: the date, place, casualty counts,
// factuality and attribution that coding gives each event, on sentences
// and short articles written for these tests in the style of wire copy.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "khaldun/code.h"
#include "testing/resources.h"

namespace khaldun {
namespace {

const CodingResources& Resources() { return ::khaldun::testing::Builtin<CodingResources>(); }

// 2024-08-30 is a Friday.
CodedArticle CodeText(const std::string& text, const std::string& published = "2024-08-30",
                      const std::string& dateline = "") {
  Article a;
  a.id = "attributes-test";
  a.text = text;
  a.published = published;
  a.dateline = dateline;
  return CodeArticle(std::move(a), Resources(), CodeOptions{});
}

std::string Describe(const CodedArticle& coded) {
  std::string s;
  for (const Event& e : coded.events) {
    s += e.type + " \"" + e.trigger + "\" date=" + e.date.value + " place=" + e.location.country +
         "/" + e.location.admin1 + " (" + e.location.place + ", " + e.location.precision + ")";
    for (const CasualtyCount& c : e.casualties) {
      s += " " + c.outcome + "=" + std::to_string(c.best);
    }
    s += " " + e.factuality + "\n";
  }
  return s.empty() ? "(no events)" : s;
}

const Event* FirstOfType(const CodedArticle& coded, const std::string& type) {
  for (const Event& e : coded.events) {
    if (e.type == type) return &e;
  }
  return nullptr;
}

const CasualtyCount* Count(const Event& e, const std::string& outcome) {
  for (const CasualtyCount& c : e.casualties) {
    if (c.outcome == outcome) return &c;
  }
  return nullptr;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  std::string h = haystack, n = needle;
  std::transform(h.begin(), h.end(), h.begin(), ::tolower);
  std::transform(n.begin(), n.end(), n.begin(), ::tolower);
  return h.find(n) != std::string::npos;
}

TEST(AttributesTest, JointOperationDatePlaceCountsAndReporter) {
  CodedArticle coded = CodeText(
      "Yet the forces continue to work together, with US and Iraqi forces killing 15 ISIS "
      "fighters during a joint operation in Iraq's western desert on August 29, in which seven "
      "members of the US military were injured, AFP reported.",
      "2024-09-05");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->date.value, "2024-08-29") << Describe(coded);
  EXPECT_EQ(e->date.precision, "day");
  EXPECT_EQ(e->location.country, "IRQ") << Describe(coded);
  EXPECT_TRUE(Contains(e->location.admin1, "anbar")) << Describe(coded);
  EXPECT_EQ(e->location.admin1_code, "IQ-AN");
  ASSERT_NE(Count(*e, "killed"), nullptr) << Describe(coded);
  EXPECT_EQ(Count(*e, "killed")->best, 15);
  ASSERT_NE(Count(*e, "injured"), nullptr) << Describe(coded);
  EXPECT_EQ(Count(*e, "injured")->best, 7);
  EXPECT_EQ(e->factuality, "asserted");
  EXPECT_EQ(e->reported_by, std::vector<std::string>{"AFP"});
}

TEST(AttributesTest, WeekdayResolvesToTheMostRecentOne) {
  CodedArticle coded = CodeText(
      "Gunmen attacked a police station in Kano on Tuesday, killing three officers.");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->date.value, "2024-08-27");
  EXPECT_EQ(e->date.text, "on Tuesday");
  EXPECT_EQ(e->location.country, "NGA") << Describe(coded);
  EXPECT_TRUE(Contains(e->location.admin1, "kano")) << Describe(coded);
  ASSERT_NE(Count(*e, "killed"), nullptr) << Describe(coded);
  EXPECT_EQ(Count(*e, "killed")->best, 3);
}

TEST(AttributesTest, TollSplitAcrossSentencesJoinsTheAttack) {
  CodedArticle coded = CodeText(
      "Militants ambushed an army convoy near Gao on Sunday. Three soldiers were killed. Two "
      "others were wounded.");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  ASSERT_NE(Count(*e, "killed"), nullptr) << Describe(coded);
  EXPECT_EQ(Count(*e, "killed")->best, 3);
  ASSERT_NE(Count(*e, "injured"), nullptr) << Describe(coded);
  EXPECT_EQ(Count(*e, "injured")->best, 2);
  EXPECT_EQ(e->date.value, "2024-08-25");
  EXPECT_EQ(e->location.country, "MLI") << Describe(coded);
  EXPECT_EQ(e->location.precision, "near");
}

TEST(AttributesTest, NoDateInTheTextLeavesItNull) {
  CodedArticle coded = CodeText("Rebels shelled the town of Sake, west of Goma.");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->date.value, "");
  EXPECT_EQ(e->date.precision, "");
  EXPECT_EQ(e->location.country, "COD") << Describe(coded);
}

TEST(AttributesTest, ADateEarlierInTheParagraphSetsTheScene) {
  CodedArticle coded = CodeText(
      "On Monday, Boko Haram fighters stormed a village in Borno state. They burned houses and "
      "abducted 30 women.");
  ASSERT_GE(coded.events.size(), 2u) << Describe(coded);
  for (const Event& e : coded.events) {
    EXPECT_EQ(e.date.value, "2024-08-26") << Describe(coded);
    EXPECT_EQ(e.location.country, "NGA") << Describe(coded);
  }
  const Event& last = coded.events.back();
  ASSERT_NE(Count(last, "kidnapped"), nullptr) << Describe(coded);
  EXPECT_EQ(Count(last, "kidnapped")->best, 30);
}

TEST(AttributesTest, RangesKeepTheirBounds) {
  CodedArticle coded = CodeText(
      "Al-Shabaab militants attacked a market in Mogadishu, killing between 10 and 15 people.");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  const CasualtyCount* killed = Count(*e, "killed");
  ASSERT_NE(killed, nullptr) << Describe(coded);
  EXPECT_EQ(killed->low, 10);
  EXPECT_EQ(killed->high, 15);
  EXPECT_EQ(e->location.country, "SOM");
}

TEST(AttributesTest, NoOneHurtIsANegatedCount) {
  CodedArticle coded = CodeText(
      "Militants fired rockets at the US embassy in Baghdad on Thursday, but no one was hurt.");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  const CasualtyCount* injured = Count(*e, "injured");
  ASSERT_NE(injured, nullptr) << Describe(coded);
  EXPECT_EQ(injured->best, 0);
  EXPECT_EQ(e->date.value, "2024-08-29");
  EXPECT_TRUE(Contains(e->location.admin1, "baghdad")) << Describe(coded);
}

TEST(AttributesTest, AmbiguousPlaceFollowsTheArticlesCountry) {
  CodedArticle lebanon = CodeText(
      "Lebanese troops deployed in Tripoli after clashes between rival gunmen in the northern "
      "Lebanese city. The army arrested 12 gunmen in Tripoli on Wednesday.");
  const Event* e = FirstOfType(lebanon, "COERCE");
  ASSERT_NE(e, nullptr) << Describe(lebanon);
  EXPECT_EQ(e->location.country, "LBN") << Describe(lebanon);
  ASSERT_NE(Count(*e, "arrested"), nullptr) << Describe(lebanon);
  EXPECT_EQ(Count(*e, "arrested")->best, 12);

  CodedArticle libya = CodeText(
      "Libyan militias clashed in Tripoli overnight. Rival fighters shelled the Libyan capital's "
      "airport in Tripoli.");
  const Event* l = FirstOfType(libya, "ASSAULT");
  ASSERT_NE(l, nullptr) << Describe(libya);
  EXPECT_EQ(l->location.country, "LBY") << Describe(libya);
}

TEST(AttributesTest, DatelineGivesTheCountryWhenTheSentenceGivesNone) {
  CodedArticle coded =
      CodeText("Paramilitary fighters looted homes and arrested dozens of men.", "2024-08-30",
               "KHARTOUM");
  const Event* e = FirstOfType(coded, "COERCE");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->location.country, "SDN") << Describe(coded);
  EXPECT_EQ(e->location.precision, "country");
}

TEST(AttributesTest, MonthWithoutAYearIsTheMostRecentOne) {
  CodedArticle coded = CodeText("Police arrested 40 protesters in Dhaka in March.");
  const Event* e = FirstOfType(coded, "COERCE");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->date.value, "2024-03");
  EXPECT_EQ(e->date.precision, "month");
  EXPECT_EQ(e->location.country, "BGD");
}

TEST(AttributesTest, YesterdayAndYear) {
  CodedArticle yesterday = CodeText("Israeli jets struck a house in Rafah yesterday.");
  const Event* e = FirstOfType(yesterday, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(yesterday);
  EXPECT_EQ(e->date.value, "2024-08-29");
  EXPECT_EQ(e->location.country, "PSE") << Describe(yesterday);
}

TEST(AttributesTest, FactualityCues) {
  CodedArticle reportedly =
      CodeText("Pakistani jets reportedly struck militant hideouts in Paktika province.");
  const Event* e = FirstOfType(reportedly, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(reportedly);
  EXPECT_EQ(e->factuality, "possible");
  EXPECT_EQ(e->factuality_cue, "reportedly");
  EXPECT_EQ(e->location.country, "AFG") << Describe(reportedly);

  CodedArticle denied = CodeText("The army denied shelling civilians in El Fasher.");
  const Event* d = FirstOfType(denied, "ASSAULT");
  ASSERT_NE(d, nullptr) << Describe(denied);
  EXPECT_EQ(d->factuality, "negated");

  CodedArticle question = CodeText("Did Russian forces shell the hospital in Kharkiv?");
  const Event* q = FirstOfType(question, "ASSAULT");
  ASSERT_NE(q, nullptr) << Describe(question);
  EXPECT_EQ(q->factuality, "possible");
}

TEST(AttributesTest, NamedSourcesAreReporters) {
  CodedArticle coded = CodeText(
      "Militants killed five soldiers in an ambush in Tillaberi, according to the Nigerien "
      "army.");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  ASSERT_FALSE(e->reported_by.empty()) << Describe(coded);
  EXPECT_TRUE(Contains(e->reported_by[0], "army"));
  EXPECT_EQ(e->location.country, "NER") << Describe(coded);
}

TEST(AttributesTest, RecordsExplainEachAttribute) {
  CodedArticle coded = CodeText(
      "Gunmen attacked a police station in Kano on Tuesday, killing three officers.");
  ASSERT_FALSE(coded.events.empty());
  std::string json = EventToJson(coded, coded.events.front());
  EXPECT_NE(json.find("\"date\":{\"value\":\"2024-08-27\",\"precision\":\"day\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"location\":{\"country\":\"NGA\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"killed\":3"), std::string::npos) << json;
  EXPECT_NE(json.find("\"attributes\":{\"date\":{\"rule\":"), std::string::npos) << json;
  EXPECT_NE(json.find("\"text\":\"on Tuesday\""), std::string::npos) << json;
}

TEST(AttributesTest, ASpeechDateDatesTheReportNotTheAct) {
  CodedArticle coded = CodeText(
      "The Arakan Army said on Monday that it had captured a battalion headquarters near "
      "Kyaukphyu on Sunday after two weeks of fighting.",
      "2025-01-21");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->date.value, "2025-01-19") << Describe(coded);

  CodedArticle later = CodeText(
      "JNIM fighters attacked an army base in Djibo on Tuesday. The army said in a statement on "
      "Wednesday that its troops repelled the attackers and killed at least 30 of them.",
      "2024-06-13");
  ASSERT_FALSE(later.events.empty()) << Describe(later);
  for (const Event& ev : later.events) EXPECT_EQ(ev.date.value, "2024-06-11") << Describe(later);
}

TEST(AttributesTest, TheDatelinesDateIsTheFilingDate) {
  CodedArticle coded = CodeText(
      "CULIACAN, Mexico, Feb 20 (LatAm Wire) - Eleven people were killed by gunmen who burst "
      "into a party at a ranch outside Culiacan on Tuesday night, prosecutors said.",
      "2025-02-20", "CULIACAN");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->date.value, "2025-02-18") << Describe(coded);
  EXPECT_EQ(e->location.country, "MEX") << Describe(coded);
}

TEST(AttributesTest, AnAgreedActsDateIsNotTheAgreements) {
  CodedArticle coded = CodeText(
      "The foreign ministers of Armenia and Azerbaijan met in Geneva on Monday. Armenia and "
      "Azerbaijan agreed to hold another round of talks in April.",
      "2024-03-12");
  const Event* e = FirstOfType(coded, "AGREE");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->date.value, "2024-03-11") << Describe(coded);
}

TEST(AttributesTest, OvernightWithAWeekday) {
  CodedArticle coded = CodeText(
      "ADF rebels killed at least 40 villagers in attacks on three villages in Congo's Ituri "
      "province overnight Saturday, local authorities said on Tuesday.",
      "2024-06-18");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->date.value, "2024-06-15") << Describe(coded);
  EXPECT_EQ(e->location.country, "COD") << Describe(coded);
}

TEST(AttributesTest, RunningTollsAreNotOneEventsCount) {
  CodedArticle coded = CodeText(
      "Israeli strikes killed 12 people in Khan Younis on Thursday. The health ministry says "
      "more than 40,000 people have been killed in Gaza since October.");
  const Event* e = FirstOfType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  ASSERT_NE(Count(*e, "killed"), nullptr) << Describe(coded);
  EXPECT_EQ(Count(*e, "killed")->best, 12);
  EXPECT_EQ(e->casualties.size(), 1u) << Describe(coded);
}

}  // namespace
}  // namespace khaldun
