// The quote finder on invented wire-style sentences (one case per
// attribution pattern), on the shared seed article, on every quote of the
// development gold set (tests/gold), and on hostile input.
#include "quotes/quotes.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/resources.h"
#include "testing/run_cli.h"

namespace khaldun::quotes {
namespace {

using ::khaldun::testing::ParseArticles;
using ::khaldun::testing::ReadFile;
using ::khaldun::testing::RunKhaldun;
using ::khaldun::testing::TempDir;
using ::khaldun::testing::WriteFile;
using ::testing::HasSubstr;

const text::SentenceSplitter& Splitter() {
  return ::khaldun::testing::FromEmbeddedData<text::SentenceSplitter>();
}

const QuoteFinder& Finder() { return ::khaldun::testing::FromEmbeddedData<QuoteFinder>(); }

std::vector<Quote> FindQuotes(std::string_view text) {
  text::TokenizedText tokenized = Splitter().Split(text);
  return Finder().Find(text, tokenized);
}

std::string QuoteText(std::string_view text, const Quote& q) {
  return std::string(text.substr(q.start, q.end - q.start));
}

std::string Describe(std::string_view text, const std::vector<Quote>& quotes) {
  std::string out;
  for (const Quote& q : quotes) {
    out += "  [" + QuoteText(text, q) + "] speaker=[" + q.speaker + "] role=[" + q.speaker_role +
           "]" + (q.direct ? "" : " reported") + "\n";
  }
  return out;
}

// The first quote whose text contains `needle`, or null.
const Quote* FindContaining(std::string_view text, const std::vector<Quote>& quotes,
                            std::string_view needle) {
  for (const Quote& q : quotes) {
    if (QuoteText(text, q).find(needle) != std::string::npos) return &q;
  }
  return nullptr;
}

TEST(QuoteFinderTest, LoadsEmbeddedData) {
  auto finder = QuoteFinder::Load(DataFiles::Embedded());
  ASSERT_TRUE(finder.ok()) << finder.status().message();
}

TEST(QuoteFinderTest, BadDataIsAnError) {
  TempDir dir;
  WriteFile(dir.path() / "quotes/speech_verbs.tsv", "# Source: test\nsaid\tshout\n");
  WriteFile(dir.path() / "quotes/speaker_words.tsv", "# Source: test\nthe\tlead\n");
  auto finder = QuoteFinder::Load(DataFiles::Directory(dir.path().string()));
  ASSERT_FALSE(finder.ok());
  EXPECT_EQ(finder.status().code(), StatusCode::kCorruption);
  EXPECT_THAT(finder.status().message(), HasSubstr("speech_verbs.tsv:2"));

  TempDir empty;
  auto missing = QuoteFinder::Load(DataFiles::Directory(empty.path().string()));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

// One invented case: the text, then what one quote must be.
struct Case {
  const char* name;
  const char* text;
  const char* contains;  // a substring of the quote
  const char* speaker;   // exact speaker ("" for none)
  const char* role;      // exact speaker_role, or nullptr to skip
  bool direct;
};

const Case kCases[] = {
    {"quote then named speaker with role before the name and told",
     "\"The army has lost control of the road,\" political analyst Karim Haddad told Al-Fassel.",
     "The army has lost control of the road", "Karim Haddad", "political analyst", true},
    {"quote then inverted said with title and appositive",
     "\xE2\x80\x9CWe will respond at a time of our choosing,\xE2\x80\x9D said Col. Ahmed Saad, a "
     "spokesman for the ministry.",
     "We will respond at a time of our choosing", "Ahmed Saad", "Col., spokesman for the ministry",
     true},
    {"pronoun resolves to the last named speaker",
     "\"The convoy was hit twice,\" said Amina Yusuf, a local official.\n\n"
     "Aid groups have suspended their work in the area.\n\n"
     "\"Nobody can reach the wounded,\" she said.",
     "Nobody can reach the wounded", "Amina Yusuf", "local official", true},
    {"continuation sentence in the same paragraph",
     "\"The convoy was hit twice,\" said Amina Yusuf. \"Nobody can reach the wounded now.\"",
     "Nobody can reach the wounded now", "Amina Yusuf", nullptr, true},
    {"organisation speaker with in a statement",
     "\xE2\x80\x9CThe strikes targeted weapons depots used to attack shipping,\xE2\x80\x9D the "
     "ministry said in a statement.",
     "The strikes targeted weapons depots", "the ministry", nullptr, true},
    {"speaker before a colon",
     "Al-Mansouri said: \xE2\x80\x9CThe ceasefire is holding in most districts, but the north "
     "remains tense.\xE2\x80\x9D",
     "The ceasefire is holding", "Al-Mansouri", nullptr, true},
    {"partial quote inside a reported sentence, surname resolved",
     "\"Talks will resume next week,\" said Tariq al-Shammari, an analyst.\n\n"
     "The consultations have focused \"on a long-term security relationship\" that serves both "
     "countries, al-Shammari said.",
     "on a long-term security relationship", "Tariq al-Shammari", "analyst", true},
    {"according to after the quote",
     "\"Seven fighters were killed in the raid,\" according to the regional police command.",
     "Seven fighters were killed in the raid", "the regional police command", nullptr, true},
    {"unnamed role speaker with a relative clause",
     "\"The jets came twice and dropped four bombs,\" a resident who helped bury the dead told "
     "Reuters.",
     "The jets came twice", "a resident", nullptr, true},
    {"role, name, appositive before the verb",
     "\"Journalism is not a crime,\" the union's secretary general, Ruth Wanjiru, said.",
     "Journalism is not a crime", "Ruth Wanjiru", "union's secretary general", true},
    {"title in front of the name goes to the role",
     "\"We will not negotiate under fire,\" Defence Minister Yusuf Karam told parliament.",
     "We will not negotiate under fire", "Yusuf Karam", "Defence Minister", true},
    {"rank chain in the role",
     "\"The operation will continue until the area is secure,\" army spokesman Brig. Gen. Omar "
     "Bello told reporters.",
     "The operation will continue", "Omar Bello", "army spokesman Brig. Gen.", true},
    {"subject of a verb of expression speaks a partial quote",
     "Russia's deputy ambassador, Dmitry Orlov, criticised the measure, saying sanctions \"have "
     "never brought peace to any country\".",
     "have never brought peace", "Dmitry Orlov", "Russia's deputy ambassador", true},
    {"guillemets",
     "\xC2\xABThey went from house to house and shot those who could not run,\xC2\xBB the "
     "resident said.",
     "They went from house to house", "the resident", nullptr, true},
    {"curly single quotes in a headline style quote",
     "\xE2\x80\x98We are ready to talk to anyone who wants peace\xE2\x80\x99, Minister Hassan "
     "Ali said on Monday.",
     "We are ready to talk", "Hassan Ali", "Minister", true},
    {"quote as a paragraph of its own after a colon",
     "The ministry of defence said in a statement:\n\n\"Our forces repelled the attack and "
     "inflicted heavy losses on the enemy.\"",
     "Our forces repelled the attack", "The ministry of defence", nullptr, true},
    {"reported speech with a named person",
     "Interior Minister Abdullah Rahimi said the attackers had crossed the border overnight.",
     "the attackers had crossed the border overnight", "Abdullah Rahimi", "Interior Minister",
     false},
    {"reported speech with an organisation at the end",
     "Twelve civilians were killed when the shell hit the market, the health ministry said.",
     "Twelve civilians were killed", "the health ministry", nullptr, false},
    {"reported speech with according to",
     "At least 40 people were abducted from the village, according to the state police.",
     "At least 40 people were abducted", "the state police", nullptr, false},
};

TEST(QuoteFinderTest, InventedCases) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    std::string text = c.text;
    std::vector<Quote> quotes = FindQuotes(text);
    const Quote* q = FindContaining(text, quotes, c.contains);
    ASSERT_NE(q, nullptr) << "no quote containing \"" << c.contains << "\"; found:\n"
                          << Describe(text, quotes);
    EXPECT_EQ(q->speaker, c.speaker) << Describe(text, quotes);
    if (c.role != nullptr) {
      EXPECT_EQ(q->speaker_role, c.role) << Describe(text, quotes);
    }
    EXPECT_EQ(q->direct, c.direct) << Describe(text, quotes);
    // Offsets point at the words: the speaker's name is where it is written,
    // or nowhere when it was resolved from a pronoun or an earlier mention.
    ASSERT_LE(q->start, q->end);
    ASSERT_LE(q->end, text.size());
    ASSERT_LE(q->speaker_start, q->speaker_end);
    ASSERT_LE(q->speaker_end, text.size());
  }
}

// Names with a lower-case hyphenated part, and names followed by where the
// speaker is from.
TEST(QuoteFinderTest, HyphenatedNamesAndAffiliations) {
  std::string text =
      "\"The patrols came closer than ever this time,\" said Lin Mei-hua, a ferry captain.\n\n"
      "\"Every road is closed,\" said Amina Yusuf of the aid group Open Roads.\n\n"
      "\"We are watching,\" navy spokesman Rear Admiral Wang Kuo-ching told reporters.";
  std::vector<Quote> quotes = FindQuotes(text);
  ASSERT_EQ(quotes.size(), 3u);
  EXPECT_EQ(quotes[0].speaker, "Lin Mei-hua");
  EXPECT_EQ(quotes[1].speaker, "Amina Yusuf");
  EXPECT_NE(quotes[1].speaker_role.find("Open Roads"), std::string::npos) << quotes[1].speaker_role;
  EXPECT_EQ(quotes[2].speaker, "Wang Kuo-ching");
}

TEST(QuoteFinderTest, SpeakerOffsets) {
  std::string text =
      "\"We will rebuild the bridge,\" said Governor Ali Musa.\n\n\"It will take a year,\" he "
      "said.";
  std::vector<Quote> quotes = FindQuotes(text);
  ASSERT_EQ(quotes.size(), 2u) << Describe(text, quotes);
  EXPECT_EQ(text.substr(quotes[0].speaker_start, quotes[0].speaker_end - quotes[0].speaker_start),
            "Ali Musa");
  EXPECT_EQ(quotes[1].speaker, "Ali Musa");
  EXPECT_EQ(quotes[1].speaker_start, 0u);
  EXPECT_EQ(quotes[1].speaker_end, 0u);
  EXPECT_LT(quotes[0].sentence_index, quotes[1].sentence_index);
}

TEST(QuoteFinderTest, PrecisionGuards) {
  const char* kNoQuote[] = {
      // Scare quotes around a name are not a quotation.
      "The \"Islamic State of Iraq and Syria\" (ISIS) lost its last stronghold in 2019.",
      // Analysts are not a named speaker: no reported speech.
      "Analysts said the offensive could last for months.",
      // A pronoun alone never makes reported speech.
      "He said the talks would resume next week in Doha.",
      // A plural possessive is not a closing single quote.
      "The soldiers\xE2\x80\x99 families gathered outside the base on Sunday.",
      // Short unattributed quotes are dropped.
      "The so-called \"buffer zone\" remains empty.",
  };
  for (const char* text : kNoQuote) {
    std::vector<Quote> quotes = FindQuotes(text);
    EXPECT_TRUE(quotes.empty()) << text << "\n" << Describe(text, quotes);
  }
}

TEST(QuoteFinderTest, EdgeInputs) {
  const char* kInputs[] = {
      "",
      "   \n\n  \n",
      "\"",
      "\"\"\"\"",
      "\xE2\x80\x9C\xE2\x80\x9D\xE2\x80\x9C",
      "\"Unbalanced quote that never closes, he said",
      "he said. she said. they said.",
      "\xE2\x80\x9D reversed \xE2\x80\x9C marks, said X.",
      "\xE2\x80\x98\xE2\x80\x98\xE2\x80\x99\xE2\x80\x99 said",
      "\xFF\xFE broken \xC3 utf8 \"quote with broken \xE2\x80 bytes,\" said Someone Else.",
      "\"Text,\"\n\nsaid\n\nAli.",
  };
  for (const char* input : kInputs) {
    std::string text = input;
    std::vector<Quote> quotes = FindQuotes(text);
    for (const Quote& q : quotes) {
      EXPECT_LE(q.start, q.end);
      EXPECT_LE(q.end, text.size());
      EXPECT_LE(q.speaker_end, text.size());
    }
  }
  // Tokens from another text must not be read out of bounds.
  std::string long_text = "\"This is a long enough quotation for the test,\" said Ali Musa.";
  text::TokenizedText tokenized = Splitter().Split(long_text);
  EXPECT_TRUE(Finder().Find("short", tokenized).empty());
}

// A megabyte of quotation marks, or of attributed quotes, in one paragraph
// is read completely and gives a bounded, proportional result: each mark is
// read once and each quote searches a bounded window. (Speed is measured in
// bench/, never asserted here.)
TEST(QuoteFinderTest, HostileInputGivesBoundedResults) {
  const std::string kPatterns[] = {
      "\"",
      "\xE2\x80\x9C",
      "\xE2\x80\x9C\xE2\x80\x9D",
      "\" a",
      "\xE2\x80\x98word ",
      "\"We will not stop now,\" he said, \"",
      "\"The army will not stop the offensive,\" said Col. Ali Musa, a spokesman, ",
  };
  for (const std::string& pattern : kPatterns) {
    SCOPED_TRACE(pattern);
    std::string big;
    while (big.size() < (1u << 20)) big += pattern;
    auto quotes = FindQuotes(big);
    EXPECT_LE(quotes.size(), big.size() / pattern.size() + 1);
    for (const auto& q : quotes) {
      EXPECT_LE(q.start, q.end);
      EXPECT_LE(q.end, big.size());
    }
  }
}

// ---- the seed article and the development gold set -------------------------

// The article text as the pipeline sees it: `khaldun ingest PAGE`'s "text".
std::string IngestedText(const std::filesystem::path& page) {
  auto result = RunKhaldun({"ingest", page.string()});
  auto articles = ParseArticles(result.out);
  if (result.exit_code != 0 || articles.size() != 1) return {};
  return articles[0].Get("text");
}

struct GoldQuote {
  std::string speaker_re;
  std::string text_contains;
};

std::vector<GoldQuote> ReadGoldQuotes(const std::filesystem::path& gold) {
  std::vector<GoldQuote> quotes;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string json = ReadFile(gold);
  if (parser.parse(json).get(doc) != simdjson::SUCCESS) return quotes;
  simdjson::dom::array list;
  if (doc["quotes"].get(list) != simdjson::SUCCESS) return quotes;
  for (auto item : list) {
    std::string_view re, contains;
    if (item["speaker_re"].get(re) != simdjson::SUCCESS) continue;
    if (item["text_contains"].get(contains) != simdjson::SUCCESS) continue;
    quotes.push_back({std::string(re), std::string(contains)});
  }
  return quotes;
}

// The gold regexes are written for Python; "(?i)" becomes icase.
bool SpeakerMatches(const std::string& speaker_re, const std::string& speaker) {
  std::string pattern = speaker_re;
  auto flags = std::regex::ECMAScript;
  if (pattern.rfind("(?i)", 0) == 0) {
    pattern = pattern.substr(4);
    flags |= std::regex::icase;
  }
  return std::regex_search(speaker, std::regex(pattern, flags));
}

// Counts the gold quotes found with a matching speaker; prints the misses.
int CountFound(const std::string& name, const std::string& text,
               const std::vector<GoldQuote>& gold) {
  std::vector<Quote> quotes = FindQuotes(text);
  int found = 0;
  for (const GoldQuote& g : gold) {
    bool ok = false;
    for (const Quote& q : quotes) {
      if (!q.direct) continue;
      if (QuoteText(text, q).find(g.text_contains) == std::string::npos) continue;
      ok = SpeakerMatches(g.speaker_re, q.speaker);
      if (ok) break;
    }
    if (ok) {
      ++found;
    } else {
      std::cout << "  missed " << name << ": " << g.speaker_re << " | " << g.text_contains << "\n";
    }
  }
  return found;
}

TEST(QuoteFinderTest, SeedArticle) {
  std::filesystem::path seed = std::filesystem::path(KHALDUN_SHARED_DIR) / "seed";
  if (!std::filesystem::exists(seed / "article.txt")) GTEST_SKIP() << "no shared seed";
  std::string text = IngestedText(seed / "article.txt");
  ASSERT_FALSE(text.empty());
  std::vector<GoldQuote> gold = ReadGoldQuotes(seed / "article.gold.json");
  ASSERT_EQ(gold.size(), 5u);
  EXPECT_EQ(CountFound("seed", text, gold), 5) << Describe(text, FindQuotes(text));
  // The raw file reads the same.
  std::string raw = ReadFile(seed / "article.txt");
  EXPECT_EQ(CountFound("seed raw", raw, gold), 5);
  std::vector<Quote> quotes = FindQuotes(text);
  const Quote* first = FindContaining(text, quotes, "Iraq has come a long way");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->speaker, "Tariq al-Shammari");
  EXPECT_EQ(first->speaker_role, "political analyst");
  for (const Quote& q : quotes) {
    if (q.direct) {
      EXPECT_THAT(q.speaker, HasSubstr("Shammari")) << QuoteText(text, q);
    }
  }
}

// What the finder reaches on tests/gold, less a small margin.
constexpr double kMinGoldRecall = 0.95;

TEST(QuoteFinderTest, GoldSetRecall) {
  std::filesystem::path dir = std::filesystem::path(KHALDUN_SOURCE_DIR) / "tests/gold";
  std::vector<std::filesystem::path> golds;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 10 && name.ends_with(".gold.json")) golds.push_back(entry.path());
  }
  std::sort(golds.begin(), golds.end());
  ASSERT_FALSE(golds.empty());
  int total = 0, found = 0;
  for (const auto& gold_path : golds) {
    std::string stem = gold_path.filename().string();
    stem.resize(stem.size() - std::string(".gold.json").size());
    std::filesystem::path page = dir / (stem + ".txt");
    if (!std::filesystem::exists(page)) page = dir / (stem + ".html");
    std::vector<GoldQuote> gold = ReadGoldQuotes(gold_path);
    if (gold.empty()) continue;
    std::string text = IngestedText(page);
    EXPECT_FALSE(text.empty()) << page;
    total += static_cast<int>(gold.size());
    found += CountFound(stem, text, gold);
  }
  double recall = total == 0 ? 0 : static_cast<double>(found) / total;
  std::cout << "quote recall on tests/gold: " << found << "/" << total << " = " << recall << "\n";
  RecordProperty("quote_recall", std::to_string(recall));
  EXPECT_GE(recall, kMinGoldRecall);
}

}  // namespace
}  // namespace khaldun::quotes
