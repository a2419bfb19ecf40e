#include "places/place_finder.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "testing/resources.h"
#include "testing/text_fixture.h"
#include "text/sentences.h"

namespace khaldun::places {
namespace {

using ::khaldun::testing::Splitter;

const Gazetteer& Gaz() { return ::khaldun::testing::Builtin<Gazetteer>(); }

// The places of a one-sentence text.
std::vector<PlaceMention> Find(const std::string& text, const PlaceContext& ctx = {}) {
  return FindPlaces(text, ::khaldun::testing::Tokenize(text), Gaz(), ctx);
}

std::string Words(const std::string& text, const PlaceMention& m) {
  return text.substr(m.start, m.end - m.start);
}

struct Case {
  std::string text;
  std::string words;    // the place's words
  std::string country;  // ISO3
  std::string admin1_code;
  std::string precision;
  std::string cue;
  std::string focus = "";  // the article's focus country
};

// One place per sentence, from many conflict regions.
TEST(PlaceFinderTest, FindsAndResolvesPlaces) {
  const Case cases[] = {
      // Iraq: governorate by any spelling, cues, the possessive phrase.
      {"Fighting continued in Anbar on Sunday.", "Anbar", "IRQ", "IQ-AN", "admin1", "in"},
      {"Troops were deployed in Al Anbar.", "Al Anbar", "IRQ", "IQ-AN", "admin1", "in"},
      {"Gunmen attacked a checkpoint in al-Anbar province.", "al-Anbar province", "IRQ", "IQ-AN",
       "admin1", "in"},
      {"A bomb exploded near Rutba, police said.", "Rutba", "IRQ", "IQ-AN", "near", "near"},
      {"Militants were hiding in Iraq's western desert.", "Iraq's western desert", "IRQ", "IQ-AN",
       "admin1", "in"},
      {"Clashes broke out in Ramadi overnight.", "Ramadi", "IRQ", "IQ-AN", "exact", "in"},
      {"The army shelled positions outside Kharkiv.", "Kharkiv", "UKR", "UA-63", "near", "outside"},
      {"Russian drones struck Odesa on Tuesday.", "Odesa", "UKR", "UA-51", "exact", "bare"},
      // Gaza.
      {"Israeli strikes hit northern Gaza overnight.", "Gaza", "PSE", "PS-NGZ", "admin1", "bare"},
      {"Residents fled from Khan Younis to Rafah.", "Khan Younis", "PSE", "PS-KYS", "exact",
       "from"},
      // Syria: multiword names with particles.
      {"Shelling was reported in Deir ez-Zor.", "Deir ez-Zor", "SYR", "SY-DY", "exact", "in"},
      {"Turkish forces advanced near Ras al-Ain.", "Ras al-Ain", "SYR", "SY-HA", "near", "near"},
      {"Airstrikes hit Idlib province again.", "Idlib province", "SYR", "SY-ID", "admin1",
       "region-word"},
      // Yemen, Sahel, Horn of Africa, DRC, Sudan, Nigeria.
      {"Houthi forces attacked Marib city in Yemen.", "Marib", "YEM", "YE-MA", "exact", "bare"},
      {"Jihadists attacked an army post in the town of Djibo.", "Djibo", "BFA", "", "exact", "in"},
      {"Al-Shabaab fighters stormed a base in Lower Shabelle.", "Lower Shabelle", "SOM", "SO-SH",
       "admin1", "in"},
      {"M23 rebels advanced north of Goma.", "Goma", "COD", "CD-NK", "near", "north of"},
      {"Fighting spread in North Kivu.", "North Kivu", "COD", "CD-NK", "admin1", "in"},
      {"The RSF shelled El Fasher in North Darfur.", "El Fasher", "SDN", "SD-DN", "exact", "bare"},
      {"Gunmen killed villagers in Zamfara State.", "Zamfara State", "NGA", "NG-ZA", "admin1",
       "in"},
      {"Boko Haram attacked Maiduguri at dawn.", "Maiduguri", "NGA", "NG-BO", "exact", "bare"},
      // Myanmar, Pakistan, Colombia, Mexico.
      {"The junta bombed villages in Sagaing Region.", "Sagaing Region", "MMR", "MM-01", "admin1",
       "in"},
      {"A blast hit a market in Quetta, Balochistan.", "Quetta", "PAK", "PK-BA", "exact", "in"},
      {"Militants attacked a police post in Khyber Pakhtunkhwa.", "Khyber Pakhtunkhwa", "PAK",
       "PK-KP", "admin1", "in"},
      {"Dissidents attacked soldiers in Cauca department.", "Cauca department", "COL", "CO-CAU",
       "admin1", "in"},
      {"Cartel gunmen killed 12 people in Culiacan.", "Culiacan", "MEX", "MX-SIN", "exact", "in"},
      {"Insurgents raided a town in Cabo Delgado.", "Cabo Delgado", "MOZ", "MZ-P", "admin1", "in"},
      // Countries only after a cue.
      {"The group operates in Iraq and Syria.", "Iraq", "IRQ", "", "country", "in"},
      // Ambiguous names by context.
      {"Clashes erupted in Tripoli.", "Tripoli", "LBN", "LB-AS", "exact", "in", "LBN"},
      {"Clashes erupted in Tripoli.", "Tripoli", "LBY", "", "exact", "in", "LBY"},
      // A town abroad named like the phrase ("South Lebanon", Ohio) does not
      // take it from the story's country.
      {"Peacekeepers in south Lebanon urged restraint.", "Lebanon", "LBN", "", "country", "in",
       "LBN"},
      {"Police raided a house in Hyderabad.", "Hyderabad", "PAK", "PK-SD", "exact", "in", "PAK"},
      {"Police raided a house in Hyderabad.", "Hyderabad", "IND", "IN-TG", "exact", "in", "IND"},
      {"Police raided a house in Hyderabad, Pakistan.", "Hyderabad", "PAK", "PK-SD", "exact", "in"},
      {"Talks were held in Jeddah.", "Jeddah", "SAU", "SA-02", "exact", "in"},
      // Second-level areas, with a region word or a cue.
      {"Gunmen killed villagers in Gwoza LGA.", "Gwoza LGA", "NGA", "NG-BO", "near", "in"},
      {"Bandits raided villages in Tsafe Local Government Area.", "Tsafe Local Government Area",
       "NGA", "NG-ZA", "near", "in"},
      {"ADF rebels killed civilians in Irumu territory.", "Irumu territory", "COD", "CD-IT",
       "admin1", "in"},  // no GeoNames place: its admin1's seat
      {"Drones struck North Waziristan district.", "North Waziristan district", "PAK", "PK-KP",
       "near", "region-word"},
      {"Insurgents attacked Macomia district.", "Macomia district", "MOZ", "MZ-P", "near",
       "region-word"},
      {"Insurgents attacked Ancuabe district.", "Ancuabe district", "MOZ", "MZ-P", "admin1",
       "region-word"},
      {"A state of emergency was declared in the West department.", "West department", "HTI",
       "HT-OU", "admin1", "in", "HTI"},
      // "the northern town of", "the coastal city of".
      {"Hezbollah fired at an Israeli army position near the northern town of Metula.", "Metula",
       "ISR", "IL-Z", "near", "near", "LBN"},
      {"A drone struck a car near the coastal city of Tyre.", "Tyre", "LBN", "LB-JA", "near",
       "near", "LBN"},
      {"Troops shelled the border town of Sumy.", "Sumy", "UKR", "UA-59", "exact", "town-of",
       "UKR"},
      {"Gangs attacked Port-au-Prince.", "Port-au-Prince", "HTI", "HT-OU", "exact", "bare"},
      {"A blast hit a mosque in Mazar-i-Sharif.", "Mazar-i-Sharif", "AFG", "AF-BAL", "exact", "in"},
      // A possessive country owns the next name, which keeps the cue.
      {"Gunmen stormed a village in Niger's western Tillabéri region.", "Tillabéri region", "NER",
       "NE-6", "admin1", "in"},
      {"Jets struck hideouts in Afghanistan's eastern Paktika province.", "Paktika province", "AFG",
       "AF-PKA", "admin1", "in"},
      // A village abroad after "the village of" gives way to the next place.
      {"Jihadists ambushed a convoy near the village of Kobé, in the Gao region, on Friday.",
       "Gao region", "MLI", "ML-7", "admin1", "in", "MLI"},
      // The capital.
      {"Rockets hit the Iraqi capital's Green Zone.", "the Iraqi capital", "IRQ", "IQ-BG", "exact",
       "bare"},
      {"Protesters gathered in the capital on Monday.", "the capital", "SYR", "SY-DI", "exact",
       "in", "SYR"},
      {"Gangs stormed a district of Haiti's capital.", "Haiti's capital", "HTI", "HT-OU", "exact",
       "bare"},
      {"The Syrian capital was calm.", "The Syrian capital", "SYR", "SY-DI", "exact", "bare"},
  };
  for (const Case& c : cases) {
    PlaceContext ctx;
    ctx.focus_country = c.focus;
    std::vector<PlaceMention> found = Find(c.text, ctx);
    ASSERT_FALSE(found.empty()) << c.text;
    const PlaceMention& m = found[0];
    EXPECT_EQ(Words(c.text, m), c.words) << c.text;
    EXPECT_EQ(m.country, c.country) << c.text;
    if (!c.admin1_code.empty()) {
      EXPECT_EQ(m.admin1_code, c.admin1_code) << c.text;
    }
    EXPECT_EQ(m.precision, c.precision) << c.text;
    EXPECT_EQ(m.cue, c.cue) << c.text << " rule " << m.rule;
    EXPECT_TRUE(m.has_coordinates) << c.text;
    EXPECT_FALSE(m.rule.empty()) << c.text;
  }
}

TEST(PlaceFinderTest, PhraseIncludesTheCue) {
  std::string text = "A bomb exploded near Rutba on Monday.";
  std::vector<PlaceMention> found = Find(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].phrase_start, found[0].end - found[0].phrase_start), "near Rutba");
  text = "Israeli strikes hit northern Gaza overnight.";
  found = Find(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].phrase_start, found[0].end - found[0].phrase_start),
            "northern Gaza");
  EXPECT_EQ(found[0].rule, "alias");
}

TEST(PlaceFinderTest, CoordinatedPlacesShareTheCue) {
  std::string text = "Airstrikes were reported in Aleppo and Idlib.";
  std::vector<PlaceMention> found = Find(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(Words(text, found[1]), "Idlib");
  EXPECT_EQ(found[1].cue, "in");
  EXPECT_EQ(found[1].country, "SYR");
}

TEST(PlaceFinderTest, NonPlacesAreNotMatched) {
  const std::string cases[] = {
      "In March, the talks resumed.",
      "Islamic State claimed the attack.",
      "President Joe Biden spoke to reporters.",
      "Police said the suspect had fled.",
      "The Kurdistan Workers' Party denied it.",
      "Officials met on Monday.",
      "Gaza Health Ministry figures were disputed.",
      "Jordan Peterson gave a talk.",
      "Victoria Nuland visited.",
      "",
      "   ",
      "Iraq said it would respond.",               // a bare country is an actor
      "Gunmen from the Iran-backed group fired.",  // a modifier
      "A Karachi-bound bus was attacked.",
      "Gwoza officials met.",  // a bare district is not a place
      "Markets fell on capital flight.",
  };
  for (const std::string& text : cases) {
    std::vector<PlaceMention> found = Find(text);
    EXPECT_TRUE(found.empty()) << text << " -> " << (found.empty() ? "" : Words(text, found[0]));
  }
}

TEST(PlaceFinderTest, EnglishNamesOfRegions) {
  struct NameCase {
    std::string text, admin1_common;
  } cases[] = {
      {"Shelling was reported in Deir ez-Zor province.", "Deir ez-Zor"},
      {"An ambush killed soldiers in Homs.", "Homs"},
      {"Thousands marched in Tel Aviv.", "Tel Aviv"},
      {"Gunmen attacked a checkpoint in al-Anbar province.", "Anbar"},
      {"Fano fighters clashed with troops in Amhara.", "Amhara"},
      {"Protesters blocked a road in Tavush.", "Tavush"},
      {"Gangs attacked Port-au-Prince.", "Ouest"},
      {"The group detained UN staff in Sanaa.", "Sanaa City"},
      {"Al-Shabaab attacked a base in Lower Shabelle.", "Lower Shabelle"},
  };
  for (const NameCase& c : cases) {
    std::vector<PlaceMention> found = Find(c.text);
    ASSERT_FALSE(found.empty()) << c.text;
    EXPECT_EQ(found[0].admin1_common, c.admin1_common) << c.text;
  }
}

TEST(PlaceFinderTest, HomonymsAbroad) {
  // The sentence names Japan: Kobe is meant.
  PlaceContext mali;
  mali.focus_country = "MLI";
  std::vector<PlaceMention> found = Find("Police visited the town of Kobe in Japan.", mali);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].country, "JPN");
  // A district abroad after a bare cue ("Markaz Nasir", Egypt) is not
  // Nasir in South Sudan.
  PlaceContext south_sudan;
  south_sudan.focus_country = "SSD";
  for (const PlaceMention& m : Find("Rebels attacked army positions outside Nasir.", south_sudan)) {
    EXPECT_EQ(m.country, "SSD");
  }
  // A capital abroad still wins over a small homonym of a mentioned country.
  PlaceContext us;
  us.mentioned_countries = {"USA"};
  found = Find("Leaders met in London.", us);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].country, "GBR");
}

TEST(PlaceFinderTest, ContextFromEarlierSentences) {
  PlaceContext ctx;
  std::string first = "Rockets were fired in Lebanon.";
  std::vector<PlaceMention> found = Find(first, ctx);
  ASSERT_EQ(found.size(), 1u);
  NotePlaces(found, ctx);
  ASSERT_EQ(ctx.mentioned_countries.size(), 1u);
  EXPECT_EQ(ctx.mentioned_countries[0], "LBN");
  std::string second = "Gunmen clashed in Tripoli.";
  found = Find(second, ctx);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].country, "LBN");
}

TEST(PlaceFinderTest, Datelines) {
  struct DatelineCase {
    std::string dateline, words, country, precision;
    std::string focus = "";
  } cases[] = {
      {"BAGHDAD", "BAGHDAD", "IRQ", "exact"},
      {"BAGHDAD, Aug 30 (AFP) -", "BAGHDAD", "IRQ", "exact"},
      {"KHAN YOUNIS, Gaza Strip", "KHAN YOUNIS", "PSE", "exact"},
      {"Tripoli", "Tripoli", "LBY", "exact"},
      {"TRIPOLI, Lebanon", "TRIPOLI", "LBN", "exact"},
      {"Tripoli", "Tripoli", "LBN", "exact", "LBN"},
      {"KYIV (Reuters) -", "KYIV", "UKR", "exact"},
      {"Goma, Democratic Republic of Congo", "Goma", "COD", "exact"},
  };
  for (const DatelineCase& c : cases) {
    PlaceContext ctx;
    ctx.focus_country = c.focus;
    std::optional<PlaceMention> m = ReadDateline(c.dateline, Gaz(), ctx);
    ASSERT_TRUE(m) << c.dateline;
    EXPECT_EQ(c.dateline.substr(m->start, m->end - m->start), c.words) << c.dateline;
    EXPECT_EQ(m->country, c.country) << c.dateline;
    EXPECT_EQ(m->precision, c.precision) << c.dateline;
    EXPECT_EQ(m->cue, "dateline");
  }
  for (std::string_view bad : {"", "   ", "Aug 30", "(AFP) -", "Xqzzyville"}) {
    EXPECT_FALSE(ReadDateline(bad, Gaz(), {})) << bad;
  }
}

TEST(PlaceFinderTest, OffsetsPointIntoTheArticle) {
  // Tokens of the second sentence of a longer text: offsets stay the
  // article's.
  std::string article = "Talks stalled.\n\nFighting erupted near Rutba on Monday.";
  text::TokenizedText t = Splitter().Split(article);
  ASSERT_EQ(t.sentences.size(), 2u);
  auto tokens = std::span(t.tokens).subspan(t.sentences[1].first_token, t.sentences[1].token_count);
  std::vector<PlaceMention> found = FindPlaces(article, tokens, Gaz(), {});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Words(article, found[0]), "Rutba");
  EXPECT_EQ(found[0].first_token + 1, found[0].end_token);
}

}  // namespace
}  // namespace khaldun::places
