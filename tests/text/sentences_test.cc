#include "text/sentences.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "testing/sentence_cases.h"
#include "testing/text_fixture.h"

namespace khaldun::text {
namespace {

using ::khaldun::testing::Splitter;

std::string_view Slice(std::string_view text, std::uint32_t start, std::uint32_t end) {
  return text.substr(start, end - start);
}

// The invariants every split must keep, whatever the input (the fuzzer
// checks the same ones).
void ExpectWellFormed(std::string_view text, const TokenizedText& out) {
  std::uint32_t previous_end = 0;
  for (const Token& t : out.tokens) {
    ASSERT_LT(t.start, t.end);
    ASSERT_LE(t.end, text.size());
    ASSERT_GE(t.start, previous_end);
    previous_end = t.end;
  }
  std::uint32_t next_token = 0;
  std::uint32_t paragraph = 0;
  for (const Sentence& s : out.sentences) {
    ASSERT_GT(s.token_count, 0u);
    // Sentences partition the tokens, in order.
    ASSERT_EQ(s.first_token, next_token);
    next_token += s.token_count;
    ASSERT_LE(next_token, out.tokens.size());
    EXPECT_EQ(s.start, out.tokens[s.first_token].start);
    EXPECT_EQ(s.end, out.tokens[next_token - 1].end);
    ASSERT_GE(s.paragraph, paragraph);
    paragraph = s.paragraph;
  }
  EXPECT_EQ(next_token, out.tokens.size());
}

std::vector<std::string> Sentences(std::string_view text) {
  TokenizedText out = Splitter().Split(text);
  ExpectWellFormed(text, out);
  std::vector<std::string> result;
  for (const Sentence& s : out.sentences) result.emplace_back(Slice(text, s.start, s.end));
  return result;
}

std::vector<std::string> TokenTexts(std::string_view text) {
  std::vector<Token> tokens;
  Splitter().Tokenize(text, tokens);
  std::vector<std::string> result;
  for (const Token& t : tokens) result.emplace_back(Slice(text, t.start, t.end));
  return result;
}

using Strings = std::vector<std::string>;

// ---- Tokens -------------------------------------------------------------------

TEST(TokenizeTest, WordsNumbersAndPunctuation) {
  const std::string text = "Gunmen killed 1,200 people, 3.5 percent of the town.";
  std::vector<Token> tokens;
  Splitter().Tokenize(text, tokens);
  ASSERT_EQ(tokens.size(), 11u);
  EXPECT_EQ(Slice(text, tokens[0].start, tokens[0].end), "Gunmen");
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_TRUE(tokens[0].capitalized);
  EXPECT_FALSE(tokens[1].capitalized);
  EXPECT_EQ(Slice(text, tokens[2].start, tokens[2].end), "1,200");
  EXPECT_EQ(tokens[2].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[4].kind, TokenKind::kPunct);
  EXPECT_EQ(Slice(text, tokens[5].start, tokens[5].end), "3.5");
  EXPECT_EQ(tokens[5].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[10].kind, TokenKind::kPunct);
  EXPECT_EQ(tokens[10].start, text.size() - 1);
  EXPECT_EQ(tokens[10].end, text.size());
}

TEST(TokenizeTest, Hyphens) {
  EXPECT_EQ(TokenTexts("US-Iraqi talks"), (Strings{"US", "-", "Iraqi", "talks"}));
  EXPECT_EQ(TokenTexts("Iran-aligned"), (Strings{"Iran", "-", "aligned"}));
  EXPECT_EQ(TokenTexts("a 20-year-old"), (Strings{"a", "20", "-", "year", "-", "old"}));
  EXPECT_EQ(TokenTexts("F-16s"), (Strings{"F", "-", "16s"}));
  EXPECT_EQ(TokenTexts("north--south"), (Strings{"north", "--", "south"}));
}

TEST(TokenizeTest, PossessivesAndApostrophes) {
  EXPECT_EQ(TokenTexts("Sudan's army"), (Strings{"Sudan", "'s", "army"}));
  EXPECT_EQ(TokenTexts("Hezbollah’s leader"), (Strings{"Hezbollah", "’s", "leader"}));
  EXPECT_EQ(TokenTexts("the RSF's."), (Strings{"the", "RSF", "'s", "."}));
  EXPECT_EQ(TokenTexts("Da'esh and Ma’arib"), (Strings{"Da'esh", "and", "Ma’arib"}));
  EXPECT_EQ(TokenTexts("can't"), (Strings{"can't"}));
  EXPECT_EQ(TokenTexts("soldiers' lives"), (Strings{"soldiers", "'", "lives"}));
  EXPECT_EQ(TokenTexts("the 1990's"), (Strings{"the", "1990", "'s"}));
  EXPECT_EQ(TokenTexts("'sup"), (Strings{"'", "sup"}));  // not after a word
  EXPECT_EQ(TokenTexts("‘a massacre.’"), (Strings{"‘", "a", "massacre", ".", "’"}));
  std::vector<Token> tokens;
  Splitter().Tokenize("Sudan's", tokens);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].kind, TokenKind::kWord);
}

TEST(TokenizeTest, DotsInWords) {
  EXPECT_EQ(TokenTexts("U.S. forces"), (Strings{"U.S.", "forces"}));
  EXPECT_EQ(TokenTexts("Lt. Gen. Musa"), (Strings{"Lt.", "Gen.", "Musa"}));
  EXPECT_EQ(TokenTexts("J. K. Adeyemi"), (Strings{"J.", "K.", "Adeyemi"}));
  EXPECT_EQ(TokenTexts("at 3 p.m."), (Strings{"at", "3", "p.m."}));
  EXPECT_EQ(TokenTexts("U.S.-backed"), (Strings{"U.S.", "-", "backed"}));
  EXPECT_EQ(TokenTexts("bbc.co.uk."), (Strings{"bbc.co.uk", "."}));
  EXPECT_EQ(TokenTexts("the town."), (Strings{"the", "town", "."}));
  EXPECT_EQ(TokenTexts("no."), (Strings{"no", "."}));  // "No." is the abbreviation
  EXPECT_EQ(TokenTexts("No. 2"), (Strings{"No.", "2"}));
  EXPECT_EQ(TokenTexts("withdrew.The"), (Strings{"withdrew", ".", "The"}));
  EXPECT_EQ(TokenTexts("wait..."), (Strings{"wait", "..."}));
  EXPECT_EQ(TokenTexts("U.S..."), (Strings{"U.S", "..."}));
}

TEST(TokenizeTest, Numbers) {
  EXPECT_EQ(TokenTexts("1990s 20th 10:30 5km 2.1.3 $4.2"),
            (Strings{"1990s", "20th", "10:30", "5km", "2.1.3", "$", "4.2"}));
  EXPECT_EQ(TokenTexts("12. 1,"), (Strings{"12", ".", "1", ","}));
  std::vector<Token> tokens;
  Splitter().Tokenize("٣٥ قتيلا", tokens);  // Arabic-Indic digits
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[1].kind, TokenKind::kWord);
}

TEST(TokenizeTest, NonAsciiWordsAndPunctuation) {
  EXPECT_EQ(TokenTexts("هيئة تحرير الشام، قال"), (Strings{"هيئة", "تحرير", "الشام", "،", "قال"}));
  EXPECT_EQ(TokenTexts("Émile Traoré à Ségou"), (Strings{"Émile", "Traoré", "à", "Ségou"}));
  EXPECT_EQ(TokenTexts("Бєлгород—Харків"), (Strings{"Бєлгород", "—", "Харків"}));
  EXPECT_EQ(TokenTexts("“We will” – he"), (Strings{"“", "We", "will", "”", "–", "he"}));
  EXPECT_EQ(TokenTexts("« non »"), (Strings{"«", "non", "»"}));
  EXPECT_EQ(TokenTexts("€50 😢."), (Strings{"€", "50", "😢", "."}));
  EXPECT_EQ(TokenTexts("حمله\u200cها"), (Strings{"حمله\u200cها"}));  // ZWNJ joins
  EXPECT_EQ(TokenTexts("a\u00a0b\u2009c\u200bd"), (Strings{"a", "b", "c", "d"}));

  std::vector<Token> tokens;
  Splitter().Tokenize("Émile émile Бєл бєл Ωmega قال", tokens);
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_TRUE(tokens[0].capitalized);
  EXPECT_FALSE(tokens[1].capitalized);
  EXPECT_TRUE(tokens[2].capitalized);
  EXPECT_FALSE(tokens[3].capitalized);
  EXPECT_TRUE(tokens[4].capitalized);
  EXPECT_FALSE(tokens[5].capitalized);  // no case in Arabic
}

TEST(TokenizeTest, AppendsWithOffsetsIntoEachText) {
  std::vector<Token> tokens;
  Splitter().Tokenize("Sudan", tokens);
  Splitter().Tokenize("'s army", tokens);  // not a possessive of the previous text
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].start, 0u);
  EXPECT_EQ(tokens[1].end, 1u);
  EXPECT_EQ(tokens[1].kind, TokenKind::kPunct);
}

TEST(TokenizeTest, LongWordIsCutIntoBoundedTokens) {
  const std::string text(10000, 'a');
  std::vector<Token> tokens;
  Splitter().Tokenize(text, tokens);
  ASSERT_EQ(tokens.size(), 10u);
  for (const Token& t : tokens) EXPECT_LE(t.end - t.start, 1024u);
  const std::string arabic = [] {
    std::string s;
    for (int i = 0; i < 3000; ++i) s += "ب";
    return s;
  }();
  tokens.clear();
  Splitter().Tokenize(arabic, tokens);
  for (const Token& t : tokens) {
    EXPECT_LE(t.end - t.start, 1024u);
    EXPECT_EQ((t.end - t.start) % 2, 0u);  // never cuts a code point
  }
}

// ---- Sentences ----------------------------------------------------------------

struct SplitCase {
  const char* name;
  const char* text;
  Strings expected;
};

void PrintTo(const SplitCase& c, std::ostream* os) { *os << c.name; }

class SplitTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitTest, Splits) { EXPECT_EQ(Sentences(GetParam().text), GetParam().expected); }

const SplitCase kSplitCases[] = {
    {"empty", "", {}},
    {"spaces_only", " \n\t\n  ", {}},
    {"punctuation_only", "!!! ... ???", {"!!! ... ???"}},
    {"one_word", "Confirmed.", {"Confirmed."}},
    {"no_stop", "Witnesses said the convoy was hit", {"Witnesses said the convoy was hit"}},
    {"leading_trailing_space", "  The army withdrew.  ", {"The army withdrew."}},
    {"two",
     "The army withdrew. The rebels moved in.",
     {"The army withdrew.", "The rebels moved in."}},
    {"question_exclaim",
     "Will it hold? Nobody knows! Talks resume.",
     {"Will it hold?", "Nobody knows!", "Talks resume."}},
    {"us_forces", "U.S. forces struck twice.", {"U.S. forces struck twice."}},
    {"us_final_the",
     "Drones flew toward the U.S. The Pentagon said none arrived.",
     {"Drones flew toward the U.S.", "The Pentagon said none arrived."}},
    {"us_final_he",
     "He came from the U.S. He left today.",
     {"He came from the U.S.", "He left today."}},
    {"us_army", "A U.S. Army spokesman declined.", {"A U.S. Army spokesman declined."}},
    {"lt_gen",
     "Lt. Gen. Ahmed Musa spoke. He gave no date.",
     {"Lt. Gen. Ahmed Musa spoke.", "He gave no date."}},
    {"no_2",
     "Near Gate No. 2 of the airport. No group claimed it.",
     {"Near Gate No. 2 of the airport.", "No group claimed it."}},
    {"jan_5", "It began on Jan. 5 and ended.", {"It began on Jan. 5 and ended."}},
    {"initials", "The report by J. K. Adeyemi was out.", {"The report by J. K. Adeyemi was out."}},
    {"decimal",
     "Inflation hit 3.5 percent. Rates held.",
     {"Inflation hit 3.5 percent.", "Rates held."}},
    {"ellipsis_mid", "We will resist... we will stay.", {"We will resist... we will stay."}},
    {"ellipsis_end",
     "A warning... The army did not respond.",
     {"A warning...", "The army did not respond."}},
    {"etc_end",
     "Food, tents, etc. The army let it pass.",
     {"Food, tents, etc.", "The army let it pass."}},
    {"etc_mid", "Rifles, etc. were seized.", {"Rifles, etc. were seized."}},
    {"closing_quote",
     "“We will not negotiate.” The minister left.",
     {"“We will not negotiate.”", "The minister left."}},
    {"quote_spanning",
     "“We will fight. We will win,” he said.",
     {"“We will fight.", "We will win,” he said."}},
    {"quote_question_said",
     "“Where are our sons?” one mother asked.",
     {"“Where are our sons?” one mother asked."}},
    {"quote_question_name", "“Why?” Amina Yusuf asked.", {"“Why?” Amina Yusuf asked."}},
    {"straight_quote_close",
     "It said it \"will respond.\" Officials urged calm.",
     {"It said it \"will respond.\"", "Officials urged calm."}},
    {"straight_quote_open",
     "He was blunt. \"No truce,\" he said.",
     {"He was blunt.", "\"No truce,\" he said."}},
    {"paren_close",
     "The toll rose (from 27.) Rescuers dig.",
     {"The toll rose (from 27.)", "Rescuers dig."}},
    {"headline_line",
     "Drone strike kills three\nThree people were killed.",
     {"Drone strike kills three", "Three people were killed."}},
    {"list_items",
     "Key points:\n- 30 killed\n- Curfew imposed",
     {"Key points:", "- 30 killed", "- Curfew imposed"}},
    {"paragraph_break_without_stop",
     "The attack began\n\nby noon it ended.",
     {"The attack began", "by noon it ended."}},
    {"soft_wrap",
     "They shelled the camp from the\nnorth, looting shops.",
     {"They shelled the camp from the\nnorth, looting shops."}},
    {"crlf",
     "Headline here\r\nThe body starts.\r\n\r\nNext paragraph.",
     {"Headline here", "The body starts.", "Next paragraph."}},
    {"arabic",
     "قال الجيش إن الهجوم أسفر عن مقتل خمسة. وأضاف أن التحقيق جار.",
     {"قال الجيش إن الهجوم أسفر عن مقتل خمسة.", "وأضاف أن التحقيق جار."}},
    {"arabic_question", "هل ستصمد الهدنة؟ لا أحد يعرف.", {"هل ستصمد الهدنة؟", "لا أحد يعرف."}},
    {"accented_start",
     "It hit Ségou. Émile Traoré said so.",
     {"It hit Ségou.", "Émile Traoré said so."}},
    {"cyrillic",
     "Губернатор сообщил. Атака продолжалась.",
     {"Губернатор сообщил.", "Атака продолжалась."}},
    {"no_space_after_stop",
     "The army withdrew.The rebels moved in.",
     {"The army withdrew.", "The rebels moved in."}},
    {"numbered_heading",
     "1. Background\nThe war began in 2023.",
     {"1. Background", "The war began in 2023."}},
};

INSTANTIATE_TEST_SUITE_P(Rules, SplitTest, ::testing::ValuesIn(kSplitCases),
                         [](const ::testing::TestParamInfo<SplitCase>& case_info) {
                           return std::string(case_info.param.name);
                         });

TEST(SplitTest, OffsetsAndParagraphs) {
  const std::string text = "  The attack began at dawn.  By noon it was over.\n\n\nTwo died. ";
  TokenizedText out = Splitter().Split(text);
  ExpectWellFormed(text, out);
  ASSERT_EQ(out.sentences.size(), 3u);
  EXPECT_EQ(out.sentences[0].start, 2u);
  EXPECT_EQ(Slice(text, out.sentences[0].start, out.sentences[0].end), "The attack began at dawn.");
  EXPECT_EQ(out.sentences[0].paragraph, 0u);
  EXPECT_EQ(out.sentences[1].paragraph, 0u);
  EXPECT_EQ(out.sentences[2].paragraph, 1u);
  EXPECT_EQ(out.sentences[0].first_token, 0u);
  EXPECT_EQ(out.sentences[0].token_count, 6u);
  EXPECT_EQ(out.sentences[1].first_token, 6u);
  EXPECT_EQ(Slice(text, out.sentences[2].start, out.sentences[2].end), "Two died.");
  EXPECT_EQ(out.sentences[2].end, text.size() - 1);
}

TEST(SplitTest, ParagraphSeparatorsAndWhitespaceLines) {
  const std::string text = "One.\n \t \nTwo.\u2029Three.\r\rFour.";
  TokenizedText out = Splitter().Split(text);
  ASSERT_EQ(out.sentences.size(), 4u);
  for (std::uint32_t i = 0; i < 4; ++i) EXPECT_EQ(out.sentences[i].paragraph, i);
}

TEST(SplitTest, LongSentenceWithoutPunctuationIsBounded) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "word ";
  TokenizedText out = Splitter().Split(text);
  ExpectWellFormed(text, out);
  ASSERT_GE(out.sentences.size(), 5000u / 400);
  for (const Sentence& s : out.sentences) {
    EXPECT_LE(s.token_count, 400u);
    EXPECT_LE(s.end - s.start, 4000u);
  }
  // Long words hit the byte bound before the token bound.
  std::string wide;
  for (int i = 0; i < 2000; ++i) wide += "internationalisation ";
  out = Splitter().Split(wide);
  ExpectWellFormed(wide, out);
  for (const Sentence& s : out.sentences) EXPECT_LE(s.end - s.start, 4000u);
}

TEST(SplitTest, BrokenUtf8AndControlsDoNotDerail) {
  const std::string text = std::string("Bad \xff\xfe bytes\x01 here.\xe2\x80 Then \xf0\x9f") +
                           std::string("\0 more.", 7);
  TokenizedText out = Splitter().Split(text);
  ExpectWellFormed(text, out);
  EXPECT_FALSE(out.sentences.empty());
}

// Ten megabytes split completely and exactly: every paragraph gives its
// four sentences. (Throughput is measured in bench/sentences_bench.cc.)
TEST(SplitTest, BigInputSplitsCompletely) {
  std::string paragraph =
      "KHARTOUM (Reuters) - Fighting spread to the east of the city on Sunday, residents said. "
      "Lt. Gen. Ahmed Musa told reporters the U.S. proposal was under review. \u201cWe will fight. "
      "We will win,\u201d he said.\n\n";
  std::string big;
  big.reserve((10 << 20) + paragraph.size());
  while (big.size() < (10u << 20)) big += paragraph;
  TokenizedText out = Splitter().Split(big);
  const size_t per_paragraph = 4;
  EXPECT_EQ(out.sentences.size(), big.size() / paragraph.size() * per_paragraph);
}

TEST(SplitterLoadTest, MissingAndMalformedData) {
  auto missing = SentenceSplitter::Load(DataFiles::Directory("/nonexistent-khaldun-dir"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto embedded = SentenceSplitter::Load(DataFiles::Embedded());
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  EXPECT_EQ(embedded->Split("Lt. Gen. Musa spoke. He left.").sentences.size(), 2u);
}

// ---- Accuracy on the hand-written set ---------------------------------------------

using AccuracyCase = testing::SentenceCase;

std::vector<AccuracyCase> ReadCases() {
  return testing::ReadSentenceCases(KHALDUN_SOURCE_DIR "/tests/data/sentences/cases.txt");
}

TEST(SentenceAccuracyTest, HandWrittenNewsSet) {
  const std::vector<AccuracyCase> cases = ReadCases();
  ASSERT_GE(cases.size(), 150u);
  size_t right = 0;
  for (const AccuracyCase& c : cases) {
    const Strings got = Sentences(c.text);
    if (got == c.expected) {
      ++right;
      continue;
    }
    std::string shown;
    for (const std::string& s : got) shown += "\n    | " + s;
    std::cout << "  miss " << c.name << ":" << shown << "\n";
  }
  const double accuracy = static_cast<double>(right) / static_cast<double>(cases.size());
  std::cout << "sentence accuracy: " << right << "/" << cases.size() << " = " << accuracy * 100
            << "%\n";
  RecordProperty("accuracy_percent", std::to_string(accuracy * 100));
  EXPECT_GE(accuracy, 0.98);
}

}  // namespace
}  // namespace khaldun::text
