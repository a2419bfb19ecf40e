// The coder end to end on single sentences and short articles: each PLOVER
// type, voice, compounds, affiliations, coreference and non-events. The
// sentences are written for these tests, in the style of wire copy.
#include "khaldun/code.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "testing/resources.h"

namespace khaldun {
namespace {

const CodingResources& Resources() { return ::khaldun::testing::Builtin<CodingResources>(); }

CodedArticle CodeText(const std::string& text, const std::string& published = "2025-03-12") {
  Article a;
  a.id = "test";
  a.text = text;
  a.published = published;
  return CodeArticle(std::move(a), Resources(), CodeOptions{});
}

std::string Side(const std::vector<Actor>& side) {
  std::string s;
  for (const Actor& a : side) {
    if (!s.empty()) s += "+";
    s += a.country.empty() ? "?" : a.country;
    s += a.role.empty() ? "" : "/" + a.role;
  }
  return s;
}

std::string Describe(const CodedArticle& coded) {
  std::string s;
  for (const Event& e : coded.events) {
    s += e.type + " " + e.cameo + " " + Side(e.source) + " -> " + Side(e.target) + " [" +
         e.rule + "]\n";
  }
  return s.empty() ? "(no events)" : s;
}

bool HasCountry(const std::vector<Actor>& side, const std::string& iso3,
                const std::string& role = "") {
  return std::any_of(side.begin(), side.end(), [&](const Actor& a) {
    return a.country == iso3 && (role.empty() || a.role == role);
  });
}

bool HasName(const std::vector<Actor>& side, const std::string& part) {
  return std::any_of(side.begin(), side.end(), [&](const Actor& a) {
    return a.name.find(part) != std::string::npos || a.text.find(part) != std::string::npos;
  });
}

const Event* FindType(const CodedArticle& coded, const std::string& type) {
  for (const Event& e : coded.events) {
    if (e.type == type) return &e;
  }
  return nullptr;
}

// One case per PLOVER type: the sentence, the type, and the countries the
// source and target must include ("" = not checked).
struct TypeCase {
  std::string type;
  std::string sentence;
  std::string source;
  std::string target;
};

void PrintTo(const TypeCase& c, std::ostream* os) { *os << c.type << ": " << c.sentence; }

class EveryType : public ::testing::TestWithParam<TypeCase> {};

TEST_P(EveryType, CodesTheTypeWithItsActors) {
  const TypeCase& c = GetParam();
  CodedArticle coded = CodeText(c.sentence);
  const Event* e = FindType(coded, c.type);
  ASSERT_NE(e, nullptr) << Describe(coded);
  if (!c.source.empty()) {
    EXPECT_TRUE(HasCountry(e->source, c.source)) << Describe(coded);
  }
  if (!c.target.empty()) {
    EXPECT_TRUE(HasCountry(e->target, c.target)) << Describe(coded);
  }
  EXPECT_FALSE(e->cameo.empty());
  EXPECT_FALSE(e->rule.empty());
  EXPECT_EQ(c.sentence.substr(e->sentence.start, e->sentence.end - e->sentence.start),
            c.sentence);
}

INSTANTIATE_TEST_SUITE_P(
    Plover, EveryType,
    ::testing::Values(
        TypeCase{"AGREE", "Armenia and Azerbaijan agreed on Monday to a new round of border talks.",
                 "ARM", "AZE"},
        TypeCase{"CONSULT", "The Egyptian foreign minister met his Qatari counterpart in Cairo on Sunday.",
                 "EGY", "QAT"},
        TypeCase{"SUPPORT", "The Kenyan government welcomed the ceasefire announced by Sudan.",
                 "KEN", ""},
        TypeCase{"CONCEDE", "Israel eased restrictions on fuel deliveries to Gaza, the Israeli military said.",
                 "ISR", ""},
        TypeCase{"COOPERATE", "Nigeria has been cooperating with Chad to secure the shores of Lake Chad.",
                 "NGA", "TCD"},
        TypeCase{"AID", "Japan provided emergency food aid to Sudanese refugees in Chad.", "JPN", ""},
        TypeCase{"RETREAT", "Russian troops withdrew from the west bank of the Dnipro river.", "RUS", ""},
        TypeCase{"REQUEST", "The Colombian government urged the ELN rebels to free the kidnapped soldiers.",
                 "COL", ""},
        TypeCase{"ACCUSE", "Pakistan accused India of sponsoring militants in Balochistan.", "PAK", "IND"},
        TypeCase{"REJECT", "Rwanda rejected a proposal by Congolese mediators for a joint border force.",
                 "RWA", ""},
        TypeCase{"THREATEN", "North Korea threatened South Korea with a nuclear strike.", "PRK", "KOR"},
        TypeCase{"PROTEST", "Thousands of Kenyan students protested against the new tax law in Nairobi.",
                 "KEN", ""},
        TypeCase{"SANCTION", "The United States imposed sanctions on two Houthi commanders.", "USA", ""},
        TypeCase{"MOBILIZE", "Ethiopia deployed troops along its border with Eritrea.", "ETH", ""},
        TypeCase{"COERCE", "Ugandan police arrested 12 opposition supporters in Kampala.", "UGA", ""},
        TypeCase{"ASSAULT", "Israeli warplanes struck Hezbollah positions in southern Lebanon.", "ISR",
                 "LBN"}));

TEST(Voice, PassiveTakesTheAgentAsSource) {
  CodedArticle coded = CodeText("Three Malian soldiers were killed by JNIM fighters near Gao.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasName(e->source, "JNIM") || HasName(e->source, "Jama")) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->target, "MLI", "MIL")) << Describe(coded);
}

TEST(Voice, ActiveTakesTheSubjectAsSource) {
  CodedArticle coded = CodeText("JNIM fighters killed three Malian soldiers near Gao.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->target, "MLI", "MIL")) << Describe(coded);
  EXPECT_FALSE(HasCountry(e->source, "MLI", "MIL")) << Describe(coded);
}

TEST(Compounds, CoordinatedModifiersShareTheHead) {
  CodedArticle coded =
      CodeText("US and Iraqi forces killed 15 ISIS fighters during a joint operation.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->source, "USA", "MIL")) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->source, "IRQ", "MIL")) << Describe(coded);
  EXPECT_TRUE(HasName(e->target, "Islamic State")) << Describe(coded);
}

TEST(Compounds, HyphenatedCountriesSplitForReciprocalTypes) {
  CodedArticle coded = CodeText("US-Iraqi consultations have focused on the future of the coalition.");
  const Event* e = FindType(coded, "CONSULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->source, "USA") || HasCountry(e->target, "USA")) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->source, "IRQ") || HasCountry(e->target, "IRQ")) << Describe(coded);
}

TEST(Affiliation, BackedAndAlignedSetAlignedWith) {
  CodedArticle coded =
      CodeText("Russian-backed separatists shelled Ukrainian positions near Donetsk.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  ASSERT_FALSE(e->source.empty());
  EXPECT_EQ(e->source[0].aligned_with, "RUS");
  EXPECT_TRUE(HasCountry(e->target, "UKR")) << Describe(coded);
}

TEST(Affiliation, ProPrefix) {
  CodedArticle coded = CodeText("Pro-Turkish factions attacked Kurdish fighters near Manbij.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  ASSERT_FALSE(e->source.empty());
  EXPECT_EQ(e->source[0].aligned_with, "TUR");
}

TEST(Actors, NamedGroupWithCountryAndBacker) {
  CodedArticle coded = CodeText(
      "The threat was issued by Iran-aligned Iraqi militia Harakat al-Nujaba on Sunday.");
  const Event* e = FindType(coded, "THREATEN");
  ASSERT_NE(e, nullptr) << Describe(coded);
  ASSERT_FALSE(e->source.empty()) << Describe(coded);
  EXPECT_EQ(e->source[0].country, "IRQ");
  EXPECT_EQ(e->source[0].aligned_with, "IRN");
  EXPECT_NE(e->source[0].name.find("Nujaba"), std::string::npos);
  EXPECT_FALSE(e->source[0].code.empty());
}

TEST(Actors, PlacesAreNotActors) {
  CodedArticle coded = CodeText("Gunmen attacked a checkpoint in Nigeria on Tuesday.");
  for (const Event& e : coded.events) {
    EXPECT_FALSE(HasCountry(e.target, "NGA") && e.target[0].role.empty()) << Describe(coded);
  }
}

TEST(Actors, TitleAndNameMakeAPerson) {
  CodedArticle coded = CodeText("Iranian President Masoud Pezeshkian met Iraqi Prime Minister "
                                "Mohammed Shia al-Sudani in Baghdad.");
  const Event* e = FindType(coded, "CONSULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->source, "IRN", "GOV")) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->target, "IRQ", "GOV")) << Describe(coded);
}

TEST(Coreference, TheGroupResolvesToTheLastNamedGroup) {
  CodedArticle coded = CodeText(
      "Al-Shabaab fighters stormed a military base in Lower Shabelle on Monday. "
      "Hours later, the group attacked a police station in Mogadishu.");
  int found = 0;
  for (const Event& e : coded.events) {
    if (e.sentence.index == 1 && e.type == "ASSAULT") {
      ++found;
      EXPECT_TRUE(HasName(e.source, "Shabaab")) << Describe(coded);
      ASSERT_FALSE(e.source.empty());
      EXPECT_TRUE(e.source[0].resolved);
    }
  }
  EXPECT_EQ(found, 1) << Describe(coded);
}

TEST(Reporting, OutletsAreReportersNotParties) {
  CodedArticle coded =
      CodeText("Israeli forces killed four Palestinians in Jenin, Reuters reported.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_FALSE(HasName(e->source, "Reuters"));
  EXPECT_FALSE(HasName(e->target, "Reuters"));
  EXPECT_EQ(e->reported_by, std::vector<std::string>{"Reuters"});
}

TEST(Speech, EventsInsideQuotesCode) {
  CodedArticle coded = CodeText(
      "\"Russian forces shelled Kherson throughout the night,\" the regional governor said.");
  EXPECT_NE(FindType(coded, "ASSAULT"), nullptr) << Describe(coded);
}

TEST(Refusal, WillNotNegotiateIsReject) {
  CodedArticle coded = CodeText("Lebanon will not negotiate with Israel under fire, Mikati said.");
  const Event* e = FindType(coded, "REJECT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(FindType(coded, "CONSULT"), nullptr) << Describe(coded);
}

TEST(Complements, AccusedOfActCodesOnlyTheAccusation) {
  CodedArticle coded =
      CodeText("Sudan accused the United Arab Emirates of supplying the RSF with drones.");
  const Event* e = FindType(coded, "ACCUSE");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->target, "ARE")) << Describe(coded);
  EXPECT_EQ(FindType(coded, "AID"), nullptr) << Describe(coded);
}

TEST(Complements, DeniedActIsTheActNegated) {
  CodedArticle coded = CodeText("The Malian army denied targeting civilians in the strike.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->factuality, "negated");
  EXPECT_TRUE(HasCountry(e->source, "MLI", "MIL")) << Describe(coded);
}

TEST(References, ReactionTargetsTheEarlierActor) {
  CodedArticle coded = CodeText(
      "Kenyan police arrested 41 protesters in Nairobi on Tuesday. "
      "The Kenya Union of Journalists condemned the arrests.");
  const Event* e = nullptr;
  for (const Event& x : coded.events) {
    if (x.type == "ACCUSE") e = &x;
  }
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasName(e->source, "Union of Journalists")) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->target, "KEN", "POL")) << Describe(coded);
}

TEST(Actors, InstrumentsStandForTheirCountrysForces) {
  CodedArticle coded = CodeText("Israeli warplanes struck a house in southern Lebanon.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->source, "ISR", "MIL")) << Describe(coded);
}

TEST(Actors, FlaggedShipsBelongToTheFlag) {
  CodedArticle coded = CodeText("Houthi rebels fired two missiles at a Liberian-flagged tanker.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasCountry(e->target, "LBR")) << Describe(coded);
  ASSERT_FALSE(e->target.empty());
  EXPECT_TRUE(e->target[0].aligned_with.empty());
}

TEST(Actors, UnlistedOrganisationsByTheirNames) {
  CodedArticle coded =
      CodeText("The Committee to Protect Journalists urged the Ethiopian authorities to free them.");
  const Event* e = FindType(coded, "REQUEST");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasName(e->source, "Committee to Protect Journalists")) << Describe(coded);
}

TEST(Participles, ClauseElaboratesTheAttack) {
  CodedArticle coded = CodeText(
      "Gunmen from the Gran Grif gang stormed the town of Verrettes, setting fire to homes.");
  EXPECT_NE(FindType(coded, "ASSAULT"), nullptr) << Describe(coded);
  EXPECT_EQ(FindType(coded, "COERCE"), nullptr) << Describe(coded);
}

TEST(Actors, AcronymsTheArticleDefines) {
  CodedArticle coded = CodeText(
      "Supporters of the student-led National Citizen Party (NCP) rallied in Dhaka on Monday. "
      "On Tuesday, Awami League activists attacked an NCP rally in Gopalganj.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_TRUE(HasName(e->target, "National Citizen Party")) << Describe(coded);
}

TEST(History, YearsAsNamesAreNotHistory) {
  CodedArticle coded = CodeText(
      "The SPLM-IO accused the government of tearing up the 2018 peace agreement.", "2025-05-08");
  EXPECT_NE(FindType(coded, "ACCUSE"), nullptr) << Describe(coded);
  CodedArticle history = CodeText(
      "In 2018, the SPLM-IO accused the government of tearing up the agreement.", "2025-05-08");
  EXPECT_TRUE(history.events.empty()) << Describe(history);
}

TEST(Coreference, TheTwoSidesAreTheLastTwoParties) {
  CodedArticle coded = CodeText(
      "Pakistani and Afghan officials met at Torkham on Monday. "
      "After several hours, the two sides agreed to reopen the crossing.");
  const Event* e = nullptr;
  for (const Event& x : coded.events) {
    if (x.type == "AGREE") e = &x;
  }
  ASSERT_NE(e, nullptr) << Describe(coded);
  bool pak = HasCountry(e->source, "PAK") || HasCountry(e->target, "PAK");
  bool afg = HasCountry(e->source, "AFG") || HasCountry(e->target, "AFG");
  EXPECT_TRUE(pak && afg) << Describe(coded);
}

// Sentences that must not become events.
class NonEvents : public ::testing::TestWithParam<std::string> {};

TEST_P(NonEvents, CodeNothing) {
  CodedArticle coded = CodeText(GetParam());
  EXPECT_TRUE(coded.events.empty()) << GetParam() << "\n" << Describe(coded);
}

INSTANTIATE_TEST_SUITE_P(
    Background, NonEvents,
    ::testing::Values(
        "In 2014, the Islamic State overran Mosul and large parts of northern Iraq.",
        "Analysts say the army could launch a new offensive against the rebels.",
        "Observers fear that Hezbollah may attack Israel again.",
        "The conflict has killed more than 40,000 people since it began in 2023.",
        "Militants could attack the base at any time.",
        "Security analysts warn that al-Shabaab might strike Mogadishu.",
        "Do you like this article?",
        "Share this article",
        "The ELN was founded in 1964 by students inspired by the Cuban revolution."));

TEST(Negation, DeniedActsAreNegated) {
  CodedArticle coded = CodeText("The Rwandan army did not attack Congolese troops, Kigali said.");
  const Event* e = FindType(coded, "ASSAULT");
  ASSERT_NE(e, nullptr) << Describe(coded);
  EXPECT_EQ(e->factuality, "negated");
}

TEST(Records, EventJsonHasTheFixedFields) {
  CodedArticle coded = CodeText("Israeli warplanes struck Hezbollah positions in southern Lebanon.");
  ASSERT_FALSE(coded.events.empty());
  std::string json = EventToJson(coded, coded.events[0]);
  for (const char* field :
       {"\"record\":\"event\"", "\"id\":", "\"article_id\":\"test\"", "\"type\":", "\"cameo\":",
        "\"mode\":", "\"source\":[", "\"target\":[", "\"date\":{\"value\":", "\"location\":{",
        "\"casualties\":[", "\"factuality\":", "\"reported_by\":[", "\"sentence\":{\"index\":0",
        "\"explanation\":{\"rule\":", "\"spans\":[", "\"confidence\":"}) {
    EXPECT_NE(json.find(field), std::string::npos) << field << " in " << json;
  }
}

TEST(Records, IdsAreStable) {
  CodedArticle a = CodeText("Israeli warplanes struck Hezbollah positions in southern Lebanon.");
  CodedArticle b = CodeText("Israeli warplanes struck Hezbollah positions in southern Lebanon.");
  ASSERT_FALSE(a.events.empty());
  ASSERT_EQ(a.events.size(), b.events.size());
  EXPECT_EQ(a.events[0].id, b.events[0].id);
  EXPECT_EQ(a.events[0].id.size(), 16u);
}

TEST(Robustness, HostileTextCodesWithoutCrashing) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "attack attack \"the the\" US-Iraqi-Iran-backed ,,, ";
  CodedArticle coded = CodeText(text);
  EXPECT_GE(coded.sentence_count, 1u);
  CodedArticle empty = CodeText("");
  EXPECT_TRUE(empty.events.empty());
}

TEST(Explain, ShowsTokensActorsRulesAndEvents) {
  std::string report =
      ExplainSentence("Houthi rebels fired a missile at a US destroyer.", Resources(), "");
  EXPECT_NE(report.find("tokens:"), std::string::npos);
  EXPECT_NE(report.find("actors:"), std::string::npos);
  EXPECT_NE(report.find("rules:"), std::string::npos);
  EXPECT_NE(report.find("events:"), std::string::npos);
  EXPECT_NE(report.find("ASSAULT"), std::string::npos) << report;
}

}  // namespace
}  // namespace khaldun
