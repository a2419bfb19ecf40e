#include "ingest/text_extract.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "khaldun/ingest.h"

namespace khaldun {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

const IngestResources::Impl& Resources() {
  static const IngestResources* resources = [] {
    auto loaded = IngestResources::LoadFromDirectory(KHALDUN_SOURCE_DIR "/data");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new IngestResources(std::move(*loaded));
  }();
  return resources->impl();
}

bool ReadFile(const std::string& path, std::string* contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream out;
  out << in.rdbuf();
  *contents = out.str();
  return true;
}

Article Extract(std::string body) {
  Page page;
  page.kind = PageKind::kText;
  page.body = std::move(body);
  return ExtractTextArticle(page, Resources());
}

std::string BodyText(const Article& a) {
  std::string text;
  for (const std::string& p : a.paragraphs) text += p + "\n\n";
  return text;
}

// The project's first page; what its gold file says.
TEST(TextExtractSeedTest, MatchesGold) {
  std::string body;
  if (!ReadFile(KHALDUN_SHARED_DIR "/seed/article.txt", &body)) {
    GTEST_SKIP() << "shared seed page not available";
  }
  Article a = Extract(body);
  EXPECT_EQ(a.section, "Security");
  EXPECT_EQ(a.headline,
            "Iranian regime's proxies seek to harm Baghdad-Washington strategic partnership");
  EXPECT_THAT(a.byline, ElementsAreArray({"Anas al-Bar"}));
  EXPECT_EQ(a.captions.size(), 1u);
  EXPECT_THAT(a.standfirst, StartsWith("With attacks on US forces in Iraq"));
  ASSERT_FALSE(a.paragraphs.empty());
  EXPECT_THAT(a.paragraphs.front(), StartsWith("Iran-aligned militias are undermining"));
  EXPECT_THAT(a.paragraphs.back(), StartsWith("\"These groups have Iranian projects"));
  std::string text = BodyText(a);
  EXPECT_THAT(text, Not(HasSubstr("Do you like this article?")));
  EXPECT_THAT(text, Not(HasSubstr("Captcha")));
  EXPECT_THAT(text, Not(HasSubstr("By Anas al-Bar")));
  EXPECT_THAT(text, Not(HasSubstr("[Photo circulated")));
  // The sub-heading between body paragraphs stays.
  EXPECT_THAT(a.paragraphs, ::testing::Contains("Long-term relationship"));
}

struct PageCase {
  const char* file;  // under tests/data/text/
  const char* section;
  const char* headline;
  std::vector<std::string> byline;
  size_t captions;
  const char* standfirst_start;  // "" when none
  const char* published;
  const char* dateline;
  const char* first_start;
  const char* last_start;
  std::vector<std::string> absent;  // chrome that must not be in the body
};

std::string PageName(const ::testing::TestParamInfo<PageCase>& case_info) {
  std::string name = case_info.param.file;
  return name.substr(0, name.find('.'));
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const PageCase& c, std::ostream* os) { *os << c.file; }

class TextExtractPageTest : public ::testing::TestWithParam<PageCase> {};

TEST_P(TextExtractPageTest, FindsStructure) {
  const PageCase& c = GetParam();
  std::string body;
  ASSERT_TRUE(ReadFile(std::string(KHALDUN_SOURCE_DIR "/tests/data/text/") + c.file, &body));
  Article a = Extract(body);
  EXPECT_EQ(a.section, c.section);
  EXPECT_EQ(a.headline, c.headline);
  EXPECT_EQ(a.byline, c.byline);
  EXPECT_EQ(a.captions.size(), c.captions);
  if (*c.standfirst_start == '\0') {
    EXPECT_THAT(a.standfirst, IsEmpty());
  } else {
    EXPECT_THAT(a.standfirst, StartsWith(c.standfirst_start));
  }
  EXPECT_EQ(a.published, c.published);
  EXPECT_EQ(a.dateline, c.dateline);
  ASSERT_FALSE(a.paragraphs.empty());
  EXPECT_THAT(a.paragraphs.front(), StartsWith(c.first_start));
  EXPECT_THAT(a.paragraphs.back(), StartsWith(c.last_start));
  std::string text = BodyText(a);
  for (const std::string& chrome : c.absent) EXPECT_THAT(text, Not(HasSubstr(chrome)));
  for (const std::string& caption : a.captions) EXPECT_THAT(text, Not(HasSubstr(caption)));
  EXPECT_THAT(a.diagnostics, IsEmpty());

  // Windows line ends give the same article.
  std::string crlf;
  for (char ch : body) {
    if (ch == '\n') crlf += '\r';
    crlf += ch;
  }
  Article b = Extract(crlf);
  EXPECT_EQ(b.headline, a.headline);
  EXPECT_EQ(b.paragraphs, a.paragraphs);
  EXPECT_EQ(b.captions, a.captions);
}

INSTANTIATE_TEST_SUITE_P(
    Pages, TextExtractPageTest,
    ::testing::Values(
        // Nav lines, a share-button run, a byline with an agency, a "Related:"
        // list and a footer.
        PageCase{"sahel_attack.txt", "West Africa",
                 "Gunmen kill at least 22 villagers in attack near Burkina Faso's border with "
                 "Niger",
                 {"Issa Sawadogo", "Claire Martin"}, 0, "Residents say the attackers",
                 "2024-03-14", "", "Gunmen on motorcycles killed at least 22",
                 "The ruling junta, which seized power",
                 {"Share on", "WhatsApp", "Related", "Mali junta expels", "Most read",
                  "All rights reserved", "By Issa"}},
        // AP-style dateline, "Advertisement" between paragraphs, a
        // "More from" list.
        PageCase{"ukraine_shelling.txt", "World",
                 "Russian shelling kills four in Kharkiv as strikes hit residential blocks",
                 {"Olena Kovalenko", "Mark Reynolds"}, 0, "", "2024-09-02", "KHARKIV, Ukraine",
                 "KHARKIV, Ukraine (AP) \u2014 Russian shelling killed four people",
                 "Kharkiv, which lies about 30 kilometres",
                 {"Advertisement", "Listen to this article", "Zelenskyy urges", "Copyright"}},
        // Breadcrumb section (kept as printed, like the gold set's
        // "News > Israel-Palestine conflict"), credited captions (one
        // inside the body), a newsletter box, a feedback widget and tags.
        PageCase{"sudan_rsf.txt", "Africa > Sudan",
                 "RSF fighters attack displacement camp outside El Fasher, killing dozens",
                 {"Amira Osman"}, 2, "Aid groups warn", "2024-09-02", "El Fasher",
                 "El Fasher, Sept 2 (Reuters) - Fighters from the paramilitary",
                 "\"What is happening in El Fasher",
                 {"Subscribe", "inbox", "Was this article helpful", "Tags:", "Staff writer"}},
        // No blank lines at all: one block per line, a sub-heading, a caption
        // credited with "Photo:", a trailing tag run.
        PageCase{"myanmar_arakan.txt", "Conflicts",
                 "Arakan Army seizes army base in Rakhine State after weeks of fighting",
                 {"Kyaw Min Htun"}, 1, "", "2024-08-29", "SITTWE",
                 "SITTWE \u2014 The Arakan Army said on Thursday",
                 "The Arakan Army, which is fighting for greater autonomy",
                 {"Back to top", "Tags", "The Irrawaddy Weekly"}},
        // "Posted on DATE by NAME" and a comment section with a form.
        PageCase{"colombia_eln.txt", "Conflict",
                 "ELN rebels attack military base in Arauca, killing two soldiers",
                 {"Daniela Restrepo"}, 0, "", "2024-08-18", "",
                 "Colombia's armed forces said two soldiers were killed",
                 "Arauca, on the border with Venezuela",
                 {"Comments", "Reply", "total peace", "Name *", "Post Comment", "Posted on"}}),
    PageName);

struct EdgeCase {
  const char* name;
  std::string body;
  size_t paragraphs;
  const char* diagnostic;  // a diagnostic that must be present, or ""
};

std::string EdgeName(const ::testing::TestParamInfo<EdgeCase>& case_info) {
  return case_info.param.name;
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const EdgeCase& c, std::ostream* os) { *os << c.name; }

class TextExtractEdgeTest : public ::testing::TestWithParam<EdgeCase> {};

TEST_P(TextExtractEdgeTest, Handles) {
  const EdgeCase& c = GetParam();
  Article a = Extract(c.body);
  EXPECT_EQ(a.paragraphs.size(), c.paragraphs) << BodyText(a);
  if (*c.diagnostic != '\0') {
    EXPECT_THAT(a.diagnostics, ::testing::Contains(HasSubstr(c.diagnostic)));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Edges, TextExtractEdgeTest,
    ::testing::Values(
        EdgeCase{"empty", "", 0, "page has no text"},
        EdgeCase{"whitespace_only", " \n\t\n\r\n \u00a0\n", 0, "page has no text"},
        EdgeCase{"only_chrome",
                 "Skip to content\n\nShare on Facebook\n\nAdvertisement\n\nSubscribe\n\n"
                 "Do you like this article?\n\nCaptcha *\n",
                 0, "no body paragraphs found"},
        EdgeCase{"broken_utf8",
                 "World\n\nTroops withdraw from \xff\xfe border town after clashes\n\n"
                 "Government troops withdrew from the border town on Monday after two days of "
                 "clashes with rebels, residents said.\n",
                 1, "invalid UTF-8"},
        EdgeCase{"bom_and_cr_only",
                 "\xEF\xBB\xBFTroops withdraw from border town\r\rGovernment troops withdrew "
                 "from the border town on Monday after two days of clashes, residents said.\r",
                 1, ""},
        EdgeCase{"single_long_line",
                 "Government troops withdrew from the border town on Monday after two days of "
                 "clashes with rebels, residents said.",
                 1, "no headline found"}),
    EdgeName);

// One synthetic page per rule of the page-top and page-tail analysis.
struct RuleCase {
  const char* name;
  std::string body;
  const char* section;
  const char* headline;
  std::vector<std::string> byline;
  size_t captions;
  const char* standfirst;            // exact, "" when none
  std::vector<std::string> present;  // must be in the body text
  std::vector<std::string> absent;   // must not be in the body text
};

std::string RuleName(const ::testing::TestParamInfo<RuleCase>& case_info) {
  return case_info.param.name;
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.name; }

class TextExtractRuleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(TextExtractRuleTest, Extracts) {
  const RuleCase& c = GetParam();
  Article a = Extract(c.body);
  std::string text = BodyText(a);
  EXPECT_EQ(a.section, c.section);
  EXPECT_EQ(a.headline, c.headline);
  EXPECT_EQ(a.byline, c.byline);
  EXPECT_EQ(a.captions.size(), c.captions) << ::testing::PrintToString(a.captions);
  EXPECT_EQ(a.standfirst, c.standfirst);
  for (const std::string& s : c.present) EXPECT_THAT(text, HasSubstr(s));
  for (const std::string& s : c.absent) EXPECT_THAT(text, Not(HasSubstr(s)));
}

// Two body paragraphs every case shares.
const std::string kBody =
    "Gunmen attacked a police post in the north of the province on Sunday night, killing "
    "four officers and wounding three others, a local official said on Monday.\n\n"
    "The attackers fled on motorcycles before reinforcements arrived, the official said, "
    "adding that a search operation was under way in the surrounding villages.\n";

INSTANTIATE_TEST_SUITE_P(
    Rules, TextExtractRuleTest,
    ::testing::Values(
        // A caption credited with a bare name in brackets after its full
        // stop, above the body, is a caption and not the headline.
        RuleCase{"bracket_credit_caption",
                 "Daily Example\n\nSECURITY\n\nGunmen kill four police officers in northern "
                 "attack\n\nBy Jane Doe\nMarch 3, 2025\n\nPolice officers stand guard at the "
                 "post on Monday. (Daily Example)\n\n" +
                     kBody,
                 "SECURITY",
                 "Gunmen kill four police officers in northern attack",
                 {"Jane Doe"},
                 1,
                 "",
                 {"Gunmen attacked a police post"},
                 {"stand guard"}},
        // A repeated caption whose credit has a '/' still counts once.
        RuleCase{"repeated_slash_credit",
                 "Gunmen kill four police officers in northern attack\n\nPolice officers "
                 "stand guard at the post. (Example News/John Roe)\n\nPolice officers stand "
                 "guard at the post. (Example News/John Roe)\n\n" +
                     kBody,
                 "",
                 "Gunmen kill four police officers in northern attack",
                 {},
                 1,
                 "",
                 {"Gunmen attacked a police post"},
                 {"stand guard"}},
        // Breadcrumbs: kept as printed, a trail from "Home" gives its last
        // crumb, a site menu gives none.
        RuleCase{"breadcrumb_as_printed",
                 "World | Middle East\n\nGunmen kill four police officers in northern "
                 "attack\n\n" +
                     kBody,
                 "World | Middle East", "Gunmen kill four police officers in northern attack",
                 {}, 0, "", {}, {}},
        RuleCase{"home_trail_last_crumb",
                 "Home / News / Security\n\nGunmen kill four police officers in northern "
                 "attack\n\n" +
                     kBody,
                 "Security", "Gunmen kill four police officers in northern attack", {}, 0, "",
                 {}, {}},
        RuleCase{"site_menu_is_no_section",
                 "Home | Politics | Security | Economy | Opinion | Video\n\nGunmen kill four "
                 "police officers in northern attack\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {}, 0, "", {}, {}},
        // A relative time stamp between section and headline is skipped.
        RuleCase{"relative_time_between_section_and_headline",
                 "Security\nUpdated 2 hours ago\n\nGunmen kill four police officers in "
                 "northern attack\n\n" +
                     kBody,
                 "Security", "Gunmen kill four police officers in northern attack", {}, 0, "",
                 {}, {}},
        // Two title-like lines: the headline, then an unpunctuated deck.
        RuleCase{"unpunctuated_standfirst",
                 "Gunmen kill four police officers in northern attack\n\nGovernor orders "
                 "curfew; residents flee to the provincial capital\n\nBy Jane Doe\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {"Jane Doe"}, 0,
                 "Governor orders curfew; residents flee to the provincial capital", {},
                 {"Governor orders curfew"}},
        // Short lines and menus under the headline are not the headline.
        RuleCase{"short_prompts_under_headline",
                 "Gunmen kill four police officers in northern attack\n\nMarch 3, 2025\n\n"
                 "Read in French\n\nPrint | PDF | Email\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {}, 0, "", {},
                 {"Read in French", "Print"}},
        // Bylines: a role alone, an agency alone, "in PLACE" after names,
        // a name beside a date, a name alone above a date line.
        RuleCase{"role_only_byline",
                 "Gunmen kill four police officers in northern attack\n\nOur Correspondent\n"
                 "March 3, 2025\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack",
                 {"Our Correspondent"}, 0, "", {}, {"Our Correspondent"}},
        RuleCase{"agency_only_byline",
                 "Gunmen kill four police officers in northern attack\n\nBy AFP\n\n" + kBody,
                 "", "Gunmen kill four police officers in northern attack", {"AFP"}, 0, "", {},
                 {"By AFP"}},
        RuleCase{"names_with_locations",
                 "Gunmen kill four police officers in northern attack\n\nReporting by Jane "
                 "Doe in Kano and John Roe in Abuja\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack",
                 {"Jane Doe", "John Roe"}, 0, "", {}, {"Reporting by"}},
        RuleCase{"date_bar_name",
                 "Gunmen kill four police officers in northern attack\n\nApril 9, 2025 | "
                 "Jane Doe\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {"Jane Doe"}, 0, "",
                 {}, {}},
        RuleCase{"name_above_date_line",
                 "Gunmen kill four police officers in northern attack\n\nJane Doe\nJanuary 24, "
                 "2024\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {"Jane Doe"}, 0, "",
                 {}, {}},
        RuleCase{"byline_and_date_not_joined",
                 "Gunmen kill four police officers in northern attack\n\nBy Jane Doe-Roe, "
                 "Port-au-Prince\nSeptember 23, 2025 at 10:15 local time\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {"Jane Doe-Roe"},
                 0, "", {}, {}},
        // The page tail: footer lines of similar length are not joined
        // into one paragraph, appeals and rights lines go wherever they
        // sit, a contributor line goes, and a quoted appeal stays.
        RuleCase{"tail_appeals_and_rights",
                 "Gunmen kill four police officers in northern attack\n\n" + kBody +
                     "\n\"Your contribution matters,\" the governor told the officers' "
                     "families at the funeral on Tuesday afternoon.\n\n"
                     "Jane Doe reported from Kano. John Roe reported from Abuja.\n\n"
                     "Want more? Get our morning briefing in your inbox\n"
                     "Share this article: copy link | email | Facebook | X\n"
                     "The Example Times is funded by its readers. Support our journalism.\n\n"
                     "Example Times \u2013 All rights reserved. Reproduction must credit us.\n",
                 "", "Gunmen kill four police officers in northern attack", {}, 0, "",
                 {"Your contribution matters"},
                 {"reported from", "Want more", "Share this", "funded by", "All rights"}},
        // A date then the place in capitals in brackets is a dateline, so
        // the first paragraph is body, not a standfirst.
        RuleCase{"dated_bracket_dateline_is_body",
                 "Gunmen kill four police officers in northern attack\n\nMay 6, 2025 (EL "
                 "FASHER) \u2013 Gunmen attacked a police post in the north on Sunday, "
                 "killing four officers, officials said.\n\nPolice stand guard at the post. "
                 "(ST photo)\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {}, 1, "",
                 {"May 6, 2025 (EL FASHER)"}, {}},
        // A menu bar dumped with wide gaps between its items is a menu,
        // not the section label above the headline.
        RuleCase{"column_gap_menu_not_section",
                 "Example News   |   Conflict   Politics   Economy   |   Subscribe\n\n"
                 "Gunmen kill four police officers in northern attack\n\nBy Jane Doe\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {"Jane Doe"}, 0,
                 "", {}, {"Politics"}},
        // A short label under the headline, above the date line, is the
        // section and not body.
        RuleCase{"section_under_headline",
                 "Gunmen kill four police officers in northern attack\n\nConflict\n"
                 "20 January 2025\n\n" +
                     kBody,
                 "Conflict", "Gunmen kill four police officers in northern attack", {}, 0, "",
                 {"Gunmen attacked"}, {"Conflict"}},
        // A sentence right above a paragraph opening with a dateline is
        // the standfirst, with no meta line between them.
        RuleCase{"standfirst_above_dateline",
                 "Gunmen kill four police officers in northern attack\n\nBy Jane Doe, "
                 "Correspondent\n\nThe governor ordered a curfew across the province after "
                 "the attack.\n\nKANO, Nigeria: " +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {"Jane Doe"}, 0,
                 "The governor ordered a curfew across the province after the attack.",
                 {"KANO, Nigeria: Gunmen attacked"}, {"curfew"}},
        // A one-word role after a place ("Kano Bureau") makes a byline.
        RuleCase{"role_after_place_byline",
                 "Gunmen kill four police officers in northern attack\n\nJane Doe, Kano "
                 "Bureau\nUpdated: Jan 8, 2025, 10:12 IST\n\n" +
                     kBody,
                 "", "Gunmen kill four police officers in northern attack", {"Jane Doe"}, 0,
                 "", {}, {"Bureau"}},
        // No byline on top: the closing wire credit names the reporter;
        // the editors after ';' are not authors.
        RuleCase{"end_credit_byline",
                 "Gunmen kill four police officers in northern attack\n\n" + kBody +
                     "\nReporting by Jane Doe in Kano; Editing by John Roe and Ann Poe\n",
                 "", "Gunmen kill four police officers in northern attack", {"Jane Doe"}, 0,
                 "", {}, {"Reporting by", "Editing"}},
        // A closing paragraph starting with the byline's name and a verb is
        // the author's bio.
        RuleCase{"author_bio_dropped",
                 "Gunmen kill four police officers in northern attack\n\nBy Jane Doe\n\n" +
                     kBody +
                     "\nJane Doe is a correspondent based in Kano who covers security in "
                     "northern Nigeria.\n",
                 "", "Gunmen kill four police officers in northern attack", {"Jane Doe"}, 0,
                 "", {"Gunmen attacked"}, {"is a correspondent"}},
        // A pull quote repeating a paragraph's quotation goes; the
        // paragraph stays.
        RuleCase{"pull_quote_dropped",
                 "Gunmen kill four police officers in northern attack\n\n" + kBody +
                     "\n\"They came at night and burned the station to the ground,\" said "
                     "a resident who asked not to be named.\n\n\"They came at night and "
                     "burned the station to the ground.\"\n\nThe governor ordered a curfew "
                     "across the province and sent more police to the area on Monday.\n",
                 "", "Gunmen kill four police officers in northern attack", {}, 0, "",
                 {"ground,\" said a resident", "The governor ordered"},
                 {"ground.\""}},
        // A newsletter box: its title, its blurb (with or without a promo
        // word) and its button are chrome, wherever the box sits.
        RuleCase{"newsletter_box_title_and_blurb",
                 "Gunmen kill four police officers in northern attack\n\n" + kBody +
                     "\nThe Morning Briefing\nGet the Morning Briefing, our free newsletter, "
                     "every weekday.\nSign up\n\n"
                     "The governor ordered a curfew across the province and sent more police "
                     "to the area on Monday.\n\n"
                     "Subscribe to our newsletter\nThe week's top stories, every Friday.\n\n"
                     "Residents said the police post had been attacked twice before in the "
                     "past year.\n",
                 "", "Gunmen kill four police officers in northern attack", {}, 0, "",
                 {"The governor ordered", "Residents said"},
                 {"Morning Briefing", "every Friday"}},
        // "Sentence. Source: Name" is a credited caption; a wire credit
        // "AGENCY/Photographer" with licensing chrome is too.
        RuleCase{"source_and_agency_credit_captions",
                 "Gunmen kill four police officers in northern attack\n\n"
                 "Police officers guard the post on Monday, March 3, 2025. "
                 "REUTERS/Stringer Purchase Licensing Rights\n\n" +
                     kBody +
                     "\nPolice patrol a road in the north. Source: Example State Police\n\n"
                     "The governor ordered a curfew across the province and sent more police "
                     "to the area on Monday.\n",
                 "", "Gunmen kill four police officers in northern attack", {}, 2, "",
                 {"The governor ordered"}, {"Source:", "REUTERS"}},
        // A related box ends the body only if prose does not resume after
        // it; an ad slot between the resumed paragraphs does not count.
        RuleCase{"related_box_then_ad_resumes",
                 "Gunmen kill four police officers in northern attack\n\n" + kBody +
                     "\nRELATED COVERAGE\nArmy sends troops north\nA city under siege\n\n"
                     "More than 800 people have been killed in the state since the fighting "
                     "began last year, according to government figures released this week.\n\n"
                     "Advertisement\n\n"
                     "The governor ordered a curfew across the province and sent hundreds of "
                     "police officers to the area, but the killings have continued.\n",
                 "", "Gunmen kill four police officers in northern attack", {}, 0, "",
                 {"More than 800", "The governor ordered"}, {"RELATED", "Advertisement"}}),
    RuleName);

// A dateline set off by a no-break space, naming a country with "of".
TEST(TextExtractTest, DatelineWithNoBreakSpaceAndOf) {
  Article a = Extract(
      "Rebels seize key town in eastern Congo\r\n\r\nBy Jean Mukendi\r\n\r\n"
      "GOMA, Democratic Republic of Congo\u00a0\u2014 M23 rebels seized the town of Sake on "
      "Tuesday after heavy fighting with the army, residents said.\r\n\r\n"
      "Thousands of people fled toward the provincial capital Goma, aid groups said.\r\n");
  EXPECT_EQ(a.dateline, "GOMA, Democratic Republic of Congo");
  ASSERT_FALSE(a.paragraphs.empty());
  EXPECT_THAT(a.paragraphs.front(), StartsWith("GOMA, Democratic Republic of Congo \u2014 M23"));
}

TEST(TextExtractTest, RepeatedHeadlineIsNotACaption) {
  Article a = Extract(
      "Rebels seize key town in eastern Congo\n\nRebels seize key town in eastern Congo\n\n"
      "By Jean Mukendi\n\nM23 rebels seized the town of Sake on Tuesday after heavy fighting "
      "with the army and allied militias, residents and officials said.\n\n"
      "Thousands of people fled toward the provincial capital Goma, aid groups said.\n");
  EXPECT_EQ(a.headline, "Rebels seize key town in eastern Congo");
  EXPECT_THAT(a.captions, IsEmpty());
  EXPECT_THAT(a.byline, ElementsAreArray({"Jean Mukendi"}));
  EXPECT_EQ(a.paragraphs.size(), 2u);
}

TEST(TextExtractTest, InlineRelatedBoxDoesNotEndTheBody) {
  Article a = Extract(
      "Army says it repelled attack on base in northern Mali\n\n"
      "The Malian army said on Sunday it had repelled an attack by jihadist fighters on a "
      "military base in the north of the country, killing several assailants.\n\n"
      "Related\n\nMali junta expels UN mission\n\n"
      "The attack began before dawn when fighters on motorcycles opened fire on the base from "
      "several directions, according to a statement read on state television.\n\n"
      "Two soldiers were wounded in the fighting, the army said, adding that an operation to "
      "pursue the attackers was under way in the surrounding area.\n\n"
      "Comments\n\nThis is a reader comment that goes on for quite a while and reads just like "
      "prose so it must never be taken for the body of the article.\n");
  ASSERT_EQ(a.paragraphs.size(), 3u);
  EXPECT_THAT(a.paragraphs.back(), StartsWith("Two soldiers were wounded"));
}

// A 100,000-line page (4.5 MB) keeps every paragraph. No timing is asserted
// (CI never times); a quadratic pass would show as a ctest time-out.
TEST(TextExtractTest, HundredThousandLinePageKeepsEveryParagraph) {
  std::string body = "World\n\nA very long page of repeated reports\n\n";
  for (int i = 0; i < 50000; ++i) {
    body += "Paragraph " + std::to_string(i) +
            " reports that fighting continued in the region for another day, officials "
            "said.\n\n";
  }
  Article a = Extract(body);
  ASSERT_EQ(a.paragraphs.size(), 50000u);
  EXPECT_EQ(a.paragraphs.back().rfind("Paragraph 49999 ", 0), 0u);
}

// Page chrome that sits where a headline would: page controls and
// counters, calls to action, breadcrumbs, language prompts and credited
// photo captions are never the headline, and the labels around them are
// still found.
constexpr char kChromeBody[] =
    "Police fired water cannon at protesters on the main avenue late on Saturday, detaining "
    "dozens of people as the rally entered its third week.\n\n"
    "The interior ministry said officers acted after demonstrators blocked traffic for several "
    "hours and ignored orders to disperse.\n\n"
    "Opposition leaders said the crackdown would not stop the protests and called for another "
    "rally on Monday evening.\n";
constexpr char kChromeHeadline[] = "Water cannon used as police clear avenue; dozens detained";

TEST(TextExtractHeadlineTest, PageControlsAndCountersAreNotHeadlines) {
  Article a = Extract(std::string("Home\n\nPOLITICS\n\nViews: 4 318\n\n") + kChromeHeadline +
                      "\n\nBy Jane Kowalski\n\nFont size: A A A\n\nText size A- A A+\n\n" +
                      kChromeBody);
  EXPECT_EQ(a.headline, kChromeHeadline);
  EXPECT_EQ(a.section, "POLITICS");
  EXPECT_THAT(a.byline, ElementsAreArray({"Jane Kowalski"}));
  EXPECT_THAT(BodyText(a), Not(HasSubstr("Font size")));
}

TEST(TextExtractHeadlineTest, CallsToActionAreNotHeadlines) {
  for (const char* cta : {"Follow The Daily Outlet on Google News",
                          "Get the Morning Dispatch, every weekday morning. Subscribe",
                          "Download our app for breaking news alerts",
                          "Join our WhatsApp channel"}) {
    Article a = Extract(std::string("World\n\n") + kChromeHeadline + "\n\nBy Jane Kowalski\n\n" +
                        cta + "\n\n" + kChromeBody);
    EXPECT_EQ(a.headline, kChromeHeadline) << cta;
    EXPECT_THAT(BodyText(a), Not(HasSubstr(cta))) << cta;
  }
  // An imperative headline naming no channel or schedule stays a headline.
  Article a = Extract(std::string("World\n\nGet out of the city, army tells residents of Kherson\n\n"
                                  "By Jane Kowalski\n\n") +
                      kChromeBody);
  EXPECT_EQ(a.headline, "Get out of the city, army tells residents of Kherson");
}

TEST(TextExtractHeadlineTest, BreadcrumbsAndLanguagePromptsAreNotHeadlines) {
  Article a = Extract(std::string("World | Middle East & North Africa | Region\n\n") +
                      kChromeHeadline + "\n\nBy Jane Kowalski\n\n"
                      "This article is also available in Polish\n\n" + kChromeBody);
  EXPECT_EQ(a.headline, kChromeHeadline);
  EXPECT_THAT(BodyText(a), Not(HasSubstr("available in")));
}

TEST(TextExtractCaptionTest, TrailingSlashCreditMakesACaption) {
  constexpr char kCaption[] =
      "Soldiers stand guard at a crime scene in the city on Monday. Wire Service/Staff "
      "Photographer";
  Article a = Extract(std::string("Americas\n\n") + kCaption + "\n\n" + kChromeHeadline +
                      "\n\nBy Jane Kowalski\n\n" + kChromeBody);
  EXPECT_EQ(a.headline, kChromeHeadline);
  EXPECT_EQ(a.section, "Americas");  // the caption between label and headline is skipped
  EXPECT_THAT(a.captions, ElementsAreArray({kCaption}));
  // Printed twice, once under a "Photo:" label, it is still one caption.
  Article b = Extract(std::string("Americas\n\n") + kChromeHeadline + "\n\nBy Jane Kowalski\n\n" +
                      "Photo: " + kCaption + "\n\n" + kCaption + "\n\n" + kChromeBody);
  EXPECT_EQ(b.captions.size(), 1u);
  EXPECT_THAT(BodyText(b), Not(HasSubstr("Staff Photographer")));
  // A sentence that ends on a slash-joined phrase in lower case is prose.
  Article c = Extract(std::string(kChromeHeadline) + "\n\nBy Jane Kowalski\n\n" + kChromeBody +
                      "\nThe talks stalled again on Friday. Both sides blamed the and/or clause\n");
  EXPECT_THAT(c.captions, IsEmpty());
}

TEST(TextExtractBylineTest, RoleWithPlaceAndNameWithOutlet) {
  Article a = Extract(std::string("Bangladesh\n\n") + kChromeHeadline +
                      "\n\nStaff Correspondent | Khulna\n\n" + kChromeBody);
  EXPECT_EQ(a.section, "Bangladesh");
  EXPECT_THAT(a.byline, ElementsAreArray({"Staff Correspondent"}));

  Article b = Extract(std::string("Europe\n\n") + kChromeHeadline +
                      "\n\nJane Kowalski | Warsaw Herald\n\n" + kChromeBody);
  EXPECT_EQ(b.section, "Europe");
  EXPECT_THAT(b.byline, ElementsAreArray({"Jane Kowalski"}));

  Article c = Extract(std::string("Americas | 12 May 2025\n\n") + kChromeHeadline +
                      "\n\nJane Kowalski \u00b7 4 min read\n\n" + kChromeBody);
  EXPECT_EQ(c.section, "Americas");
  EXPECT_EQ(c.headline, kChromeHeadline);
  EXPECT_THAT(c.byline, ElementsAreArray({"Jane Kowalski"}));
  EXPECT_THAT(c.standfirst, IsEmpty());
}

TEST(TextExtractChromeTest, ReaderAppealsAndRepublishingPromptsAreDropped) {
  constexpr char kAppeal[] =
      "Do you value independent reporting from the region? Support the Morning Dispatch.";
  constexpr char kRights[] =
      "This story is subject to copyright. Do you want to republish it? Contact our syndication "
      "desk.";
  Article a = Extract(std::string(kChromeHeadline) + "\n\nBy Jane Kowalski\n\n" + kChromeBody +
                      "\n" + kAppeal + "\n\n" + kRights + "\n");
  std::string text = BodyText(a);
  EXPECT_THAT(text, Not(HasSubstr("Support the Morning")));
  EXPECT_THAT(text, Not(HasSubstr("republish")));
  EXPECT_THAT(text, HasSubstr("called for another rally"));
  // A question and an answer in quoted speech are the story.
  constexpr char kQuoted[] =
      "\"Do you want us to leave? Help us find somewhere to go,\" said Anna Nowak, a resident of "
      "the district.";
  Article b = Extract(std::string(kChromeHeadline) + "\n\nBy Jane Kowalski\n\n" + kChromeBody +
                      "\n" + kQuoted + "\n");
  EXPECT_THAT(BodyText(b), HasSubstr("Help us find somewhere to go"));
}

TEST(TextExtractCleanTest, SplitsAndDropsOnlyLexiconChrome) {
  struct CleanCase {
    const char* name;
    const char* body;
    std::vector<std::string> paragraphs;
    const char* dateline;
  };
  const CleanCase cases[] = {
      {"empty", "", {}, ""},
      {"blank_lines_join_wrapped_lines",
       "BAGHDAD (AFP) \u2014 Two rockets hit\nthe base on Monday.\n\nAdvertisement\n\n"
       "No one was hurt.\n",
       {"BAGHDAD (AFP) \u2014 Two rockets hit the base on Monday.", "No one was hurt."},
       "BAGHDAD"},
      {"newlines_only",
       "Gaza City, Aug 30 (Reuters) - Strikes hit the city.\nShare this\nResidents fled.\n",
       {"Gaza City, Aug 30 (Reuters) - Strikes hit the city.", "Residents fled."},
       "Gaza City"},
      {"crlf", "First paragraph.\r\n\r\nSecond paragraph.\r\n",
       {"First paragraph.", "Second paragraph."}, ""},
  };
  for (const CleanCase& c : cases) {
    Page page;
    page.kind = PageKind::kCleanText;
    page.body = c.body;
    Article a = ExtractCleanTextArticle(page, Resources());
    EXPECT_EQ(a.paragraphs, c.paragraphs) << c.name;
    EXPECT_EQ(a.dateline, c.dateline) << c.name;
  }
}

}  // namespace
}  // namespace khaldun
