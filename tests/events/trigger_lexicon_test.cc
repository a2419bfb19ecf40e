// Inflection of trigger lemmas and loading of the shipped trigger data.
#include "events/trigger_lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace khaldun::events {
namespace {

std::set<std::string> Forms(const std::vector<std::pair<std::string, Form>>& forms) {
  std::set<std::string> out;
  for (const auto& [f, kind] : forms) out.insert(f);
  return out;
}

Form KindOf(const std::vector<std::pair<std::string, Form>>& forms, const std::string& word) {
  for (const auto& [f, kind] : forms) {
    if (f == word) return kind;
  }
  ADD_FAILURE() << word << " not generated";
  return Form::kPhrase;
}

TEST(VerbForms, RegularVerbs) {
  EXPECT_EQ(Forms(TriggerLexicon::VerbForms("kill", "", "")),
            (std::set<std::string>{"kill", "kills", "killed", "killing"}));
  EXPECT_EQ(Forms(TriggerLexicon::VerbForms("seize", "", "")),
            (std::set<std::string>{"seize", "seizes", "seized", "seizing"}));
  EXPECT_EQ(Forms(TriggerLexicon::VerbForms("carry", "", "")),
            (std::set<std::string>{"carry", "carries", "carried", "carrying"}));
  EXPECT_EQ(Forms(TriggerLexicon::VerbForms("ambush", "", "")),
            (std::set<std::string>{"ambush", "ambushes", "ambushed", "ambushing"}));
  auto stop = Forms(TriggerLexicon::VerbForms("stop", "", ""));
  EXPECT_TRUE(stop.count("stopped") && stop.count("stopping"));
  auto visit = Forms(TriggerLexicon::VerbForms("visit", "", ""));
  EXPECT_TRUE(visit.count("visited") && visit.count("visiting"));
  auto die = Forms(TriggerLexicon::VerbForms("die", "", ""));
  EXPECT_TRUE(die.count("dying") && die.count("died"));
  auto free = Forms(TriggerLexicon::VerbForms("free", "", ""));
  EXPECT_TRUE(free.count("freeing") && free.count("freed"));
}

TEST(VerbForms, IrregularVerbsKnowParticiples) {
  auto take = TriggerLexicon::VerbForms("take", "took", "taken");
  EXPECT_EQ(KindOf(take, "took"), Form::kPastOnly);
  EXPECT_EQ(KindOf(take, "taken"), Form::kParticiple);
  auto hold = TriggerLexicon::VerbForms("hold", "held", "held");
  EXPECT_EQ(KindOf(hold, "held"), Form::kPast);
  auto strike = TriggerLexicon::VerbForms("strike", "struck", "struck|stricken");
  EXPECT_EQ(KindOf(strike, "struck"), Form::kPast);
  EXPECT_EQ(KindOf(strike, "stricken"), Form::kParticiple);
  EXPECT_EQ(KindOf(strike, "striking"), Form::kIng);
}

TEST(NounForms, Plurals) {
  EXPECT_EQ(Forms(TriggerLexicon::NounForms("attack")), (std::set<std::string>{"attack", "attacks"}));
  EXPECT_EQ(Forms(TriggerLexicon::NounForms("sanctions")), (std::set<std::string>{"sanctions"}));
  EXPECT_EQ(Forms(TriggerLexicon::NounForms("casualty")),
            (std::set<std::string>{"casualty", "casualties"}));
  EXPECT_EQ(Forms(TriggerLexicon::NounForms("crash")), (std::set<std::string>{"crash", "crashes"}));
}

TEST(ShippedData, LoadsAndCoversEveryPloverType) {
  auto splitter = text::SentenceSplitter::Load(DataFiles::Embedded());
  ASSERT_TRUE(splitter.ok()) << splitter.status().message();
  auto lexicon = TriggerLexicon::Load(DataFiles::Embedded(), *splitter);
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message();
  std::set<std::string> types;
  for (const auto& r : lexicon->rules()) types.insert(r.type);
  for (const char* t : {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                        "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                        "MOBILIZE", "COERCE", "ASSAULT"}) {
    EXPECT_TRUE(types.count(t)) << t;
  }
  EXPECT_GT(lexicon->rules().size(), 300u);
}

TEST(Loading, BadSlotIsACorruptionNamingTheLine) {
  // A directory with one broken rule.
  std::string dir = ::testing::TempDir() + "/khaldun_trigger_test";
  std::filesystem::create_directories(dir + "/events");
  std::filesystem::create_directories(dir + "/lexicon");
  std::filesystem::create_directories(dir + "/text");
  {
    std::ofstream(dir + "/lexicon/irregular_verbs.tsv") << "# source: test\nhold\theld\theld\n";
    std::ofstream(dir + "/events/triggers.tsv")
        << "# source: test\nassault.kill\tASSAULT\t190\tV\tkill\tsubject of\tobj\t-\t-\n";
    std::ofstream(dir + "/text/abbreviations.tsv") << "# source: test\ntitle\tMr.\n";
  }
  auto splitter = text::SentenceSplitter::Load(DataFiles::Directory(dir));
  ASSERT_TRUE(splitter.ok()) << splitter.status().message();
  auto lexicon = TriggerLexicon::Load(DataFiles::Directory(dir), *splitter);
  ASSERT_FALSE(lexicon.ok());
  EXPECT_NE(lexicon.status().message().find("triggers.tsv:2"), std::string::npos)
      << lexicon.status().message();
}

}  // namespace
}  // namespace khaldun::events
