#include "ingest/language.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace khaldun {
namespace {

const LanguageIdentifier& Identifier() {
  static const LanguageIdentifier* identifier = [] {
    auto loaded = LanguageIdentifier::Load(DataFiles::Directory(KHALDUN_SOURCE_DIR "/data"));
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new LanguageIdentifier(loaded.ok() ? std::move(*loaded) : LanguageIdentifier());
  }();
  return *identifier;
}

struct LanguageCase {
  const char* name;
  const char* text;
  const char* expected;
};

std::string CaseName(const ::testing::TestParamInfo<LanguageCase>& case_info) {
  return case_info.param.name;
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const LanguageCase& c, std::ostream* os) { *os << c.name; }

class LanguageTest : public ::testing::TestWithParam<LanguageCase> {};

TEST_P(LanguageTest, Identifies) {
  EXPECT_EQ(Identifier().Identify(GetParam().text), GetParam().expected) << GetParam().text;
}

// Short news paragraphs written for this test, one per language.
INSTANTIATE_TEST_SUITE_P(
    Cases, LanguageTest,
    ::testing::Values(
        LanguageCase{"empty", "", ""},
        LanguageCase{"whitespace_only", " \n\t ", ""},
        LanguageCase{"too_short", "Gunmen killed five people in the north on Sunday.", ""},
        LanguageCase{"digits_only", "12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 1", ""},
        LanguageCase{"en",
                     "Gunmen killed at least five people in an attack on a village in the north "
                     "of the country on Sunday, and the army said it had sent troops to the area "
                     "after residents fled.",
                     "en"},
        LanguageCase{"fr",
                     "Des hommes armés ont tué au moins cinq personnes dans une attaque contre un "
                     "village du nord du pays dimanche, et l'armée a envoyé des soldats dans la "
                     "zone selon les autorités locales qui ont été informées.",
                     "fr"},
        LanguageCase{"es",
                     "Hombres armados mataron al menos a cinco personas en un ataque contra una "
                     "aldea del norte del país el domingo, y el ejército envió tropas a la zona "
                     "según las autoridades locales, que no dieron más detalles.",
                     "es"},
        LanguageCase{"pt",
                     "Homens armados mataram pelo menos cinco pessoas num ataque contra uma aldeia "
                     "no norte do país no domingo, e o exército enviou tropas para a região, "
                     "segundo as autoridades locais, que não deram mais detalhes.",
                     "pt"},
        LanguageCase{"de",
                     "Bewaffnete haben bei einem Angriff auf ein Dorf im Norden des Landes am "
                     "Sonntag mindestens fünf Menschen getötet, und die Armee hat nach Angaben "
                     "der Behörden Soldaten in die Region geschickt, die noch nicht gesichert ist.",
                     "de"},
        LanguageCase{"it",
                     "Uomini armati hanno ucciso almeno cinque persone in un attacco contro un "
                     "villaggio nel nord del paese domenica, e l'esercito ha inviato truppe nella "
                     "zona secondo le autorità locali, che non hanno dato altri dettagli.",
                     "it"},
        LanguageCase{"nl",
                     "Gewapende mannen hebben zondag bij een aanval op een dorp in het noorden van "
                     "het land ten minste vijf mensen gedood, en het leger heeft volgens de "
                     "autoriteiten troepen naar het gebied gestuurd, maar er is nog geen "
                     "verklaring.",
                     "nl"},
        LanguageCase{"sv",
                     "Beväpnade män dödade minst fem personer i en attack mot en by i norra delen "
                     "av landet på söndagen, och armén har skickat soldater till området enligt "
                     "de lokala myndigheterna, som inte har lämnat några fler detaljer om det.",
                     "sv"},
        LanguageCase{"da",
                     "Bevæbnede mænd dræbte mindst fem personer i et angreb på en landsby i den "
                     "nordlige del af landet søndag, og hæren har sendt soldater til området "
                     "efter at beboerne flygtede, men hvad der skete er stadig uklart for os.",
                     "da"},
        LanguageCase{"no",
                     "Væpnede menn drepte minst fem personer i et angrep på en landsby i den "
                     "nordlige delen av landet søndag, og hæren har sendt soldater til området "
                     "etter at beboerne flyktet, men hva som skjedde er fortsatt uklart for meg.",
                     "no"},
        LanguageCase{"pl",
                     "Uzbrojeni mężczyźni zabili co najmniej pięć osób podczas ataku na wioskę na "
                     "północy kraju w niedzielę, a wojsko wysłało żołnierzy w ten rejon, jak "
                     "podały władze, które nie przekazały jednak dalszych szczegółów.",
                     "pl"},
        LanguageCase{"ro",
                     "Bărbați înarmați au ucis cel puțin cinci persoane într-un atac asupra unui "
                     "sat din nordul țării duminică, iar armata a trimis trupe în zonă, potrivit "
                     "autorităților locale, care nu au oferit alte detalii despre acest atac.",
                     "ro"},
        LanguageCase{"ro_cedilla",
                     "Armata a trimis trupe în zonă şi a spus că nu sunt victime, dar autorităţile "
                     "locale au spus că mai mulţi oameni au fost răniţi şi că atacul a fost "
                     "pregătit de mult timp de către grupul care controlează zona.",
                     "ro"},
        LanguageCase{"tr",
                     "Silahlı kişiler pazar günü ülkenin kuzeyindeki bir köye düzenlenen saldırıda "
                     "en az beş kişiyi öldürdü ve ordu bölgeye asker gönderdi, ancak yerel "
                     "yetkililer saldırı ile ilgili daha fazla bilgi vermedi, bu konuda bir "
                     "açıklama da yok.",
                     "tr"},
        LanguageCase{"id",
                     "Orang bersenjata menewaskan sedikitnya lima orang dalam serangan di sebuah "
                     "desa di utara negara itu pada hari Minggu, dan tentara telah mengirim "
                     "pasukan ke daerah tersebut karena warga yang ada di sana tidak bisa keluar.",
                     "id"},
        LanguageCase{"ru",
                     "Вооружённые люди убили по меньшей мере пять человек при нападении на "
                     "деревню на севере страны в воскресенье, и армия направила в этот район "
                     "войска, как сообщили местные власти, которые не дали других подробностей.",
                     "ru"},
        LanguageCase{"uk",
                     "Озброєні люди вбили щонайменше п'ятьох людей під час нападу на село на "
                     "півночі країни в неділю, і армія направила до району війська, як "
                     "повідомила місцева влада, яка не надала інших подробиць, але що це було, "
                     "ще не відомо.",
                     "uk"},
        LanguageCase{"ar",
                     "قتل مسلحون خمسة أشخاص على الأقل في هجوم على قرية في شمال البلاد يوم الأحد، "
                     "وقال الجيش إنه أرسل قوات إلى المنطقة بعد أن فر السكان من منازلهم خوفا من "
                     "هجمات جديدة في الأيام المقبلة حسب ما قالت السلطات المحلية.",
                     "ar"},
        LanguageCase{"fa",
                     "افراد مسلح روز یکشنبه در حمله به یک روستا در شمال کشور دست کم پنج نفر را "
                     "کشتند و ارتش پس از فرار ساکنان نیروهایی را به منطقه فرستاد و گفت که "
                     "گروهی که پشت این حمله است هنوز شناخته نشده و تحقیقات ادامه دارد.",
                     "fa"},
        LanguageCase{"ur",
                     "مسلح افراد نے اتوار کے روز ملک کے شمال میں ایک گاؤں پر حملے میں کم از کم "
                     "پانچ افراد کو ہلاک کر دیا اور فوج نے علاقے میں دستے بھیجے ہیں جبکہ مقامی "
                     "حکام نے بتایا کہ حملہ آوروں کی تلاش جاری ہے۔",
                     "ur"},
        LanguageCase{"he",
                     "חמושים הרגו לפחות חמישה אנשים בהתקפה על כפר בצפון המדינה ביום ראשון, "
                     "והצבא אמר כי שלח כוחות לאזור לאחר שהתושבים ברחו מבתיהם מחשש להתקפות "
                     "נוספות בימים הקרובים לפי הרשויות המקומיות.",
                     "he"},
        LanguageCase{"el",
                     "Ένοπλοι σκότωσαν τουλάχιστον πέντε ανθρώπους σε επίθεση σε χωριό στα βόρεια "
                     "της χώρας την Κυριακή, και ο στρατός έστειλε δυνάμεις στην περιοχή μετά τη "
                     "φυγή των κατοίκων από τα σπίτια τους σύμφωνα με τις τοπικές αρχές.",
                     "el"},
        LanguageCase{"zh",
                     "星期日，武装分子袭击了该国北部的一个村庄，造成至少五人死亡。军方表示，"
                     "在居民逃离后已向该地区派遣部队，当地官员说袭击者的身份仍不清楚。",
                     "zh"},
        LanguageCase{"ja",
                     "日曜日、武装した男たちが国の北部にある村を襲撃し、少なくとも五人が死亡した。"
                     "軍は住民が避難した後、部隊をその地域に派遣したと発表した。",
                     "ja"},
        LanguageCase{"ko",
                     "일요일 무장 괴한들이 북부의 한 마을을 공격해 최소 다섯 명이 숨졌다고 현지 "
                     "당국이 밝혔다. 군은 주민들이 대피한 뒤 병력을 이 지역에 보냈다고 말했다. "
                     "공격의 배후는 아직 밝혀지지 않았으며 조사가 계속되고 있다고 당국은 덧붙였다.",
                     "ko"},
        LanguageCase{"hi",
                     "रविवार को देश के उत्तर में एक गांव पर हुए हमले में बंदूकधारियों ने कम से कम "
                     "पांच लोगों की हत्या कर दी और सेना ने कहा कि उसने इलाके में सैनिक भेजे हैं "
                     "क्योंकि लोग अपने घरों को छोड़कर भाग गए थे।",
                     "hi"},
        LanguageCase{"th",
                     "เมื่อวันอาทิตย์ กลุ่มคนร้ายติดอาวุธบุกโจมตีหมู่บ้านแห่งหนึ่งทางภาคเหนือของประเทศ "
                     "ทำให้มีผู้เสียชีวิตอย่างน้อยห้าราย กองทัพระบุว่าได้ส่งทหารเข้าไปในพื้นที่แล้ว",
                     "th"},
        LanguageCase{"unknown_latin_language",
                     "Wapiganaji waliwaua watu watano kijijini kaskazini Jumapili jeshi lilituma "
                     "askari eneo hilo wakazi walikimbia makazi yao hofu mashambulizi mapya siku "
                     "zijazo viongozi walieleza hali ilikuwa tete",
                     ""},
        LanguageCase{"broken_utf8",
                     "Gunmen killed at least five people \xff\xfe in an attack on a village in the "
                     "north of the country on Sunday, and the army said it had sent troops to the "
                     "area after residents fled.",
                     "en"}),
    CaseName);

TEST(LanguageTest, LongTextIsCapped) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "the army said it was in the area of the attack. ";
  EXPECT_EQ(Identifier().Identify(text), "en");
}

TEST(LanguageTest, FoldCase) {
  EXPECT_EQ(FoldCaseUtf8("ÉTÉ Łódź İstanbul ПРИВЕТ ΑΘΗΝΑ"), "été łódź istanbul привет αθηνα");
  EXPECT_EQ(SimpleFoldCase(U'Ґ'), U'ґ');
}

TEST(LanguageLoadTest, EveryListLoadsWithEnoughWords) {
  auto loaded = LanguageIdentifier::Load(DataFiles::Embedded());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_GE(loaded->languages().size(), 15u);
}

TEST(LanguageLoadTest, RejectsMalformedFiles) {
  struct LoadCase {
    const char* name;
    const char* contents;
    const char* message_part;  // empty: must load
  };
  const LoadCase cases[] = {
      {"good", "# h\nen\tthe\nfr\tle\nes\tle\n", ""},
      {"one_field", "en the\n", "stopwords.tsv:1"},
      {"bad_code", "# h\neng\tthe\n", "stopwords.tsv:2"},
      {"upper_code", "EN\tthe\n", "stopwords.tsv:1"},
      {"two_words", "en\tof the\n", "stopwords.tsv:1"},
      {"other_script", "ar\t\u0641\u064a\n", "stopwords.tsv:1"},
      {"broken_utf8", "en\tth\xff\n", "stopwords.tsv:1"},
      {"duplicate_after_folding", "en\tthe\nen\tThe\n", "stopwords.tsv:2"},
  };
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("khaldun_language_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "language");
  for (const LoadCase& c : cases) {
    {
      std::ofstream out(dir / "language" / "stopwords.tsv", std::ios::binary);
      out << c.contents;
    }
    auto loaded = LanguageIdentifier::Load(DataFiles::Directory(dir.string()));
    if (std::string(c.message_part).empty()) {
      EXPECT_TRUE(loaded.ok()) << c.name << ": " << loaded.status().ToString();
    } else {
      ASSERT_FALSE(loaded.ok()) << c.name;
      EXPECT_EQ(loaded.status().code(), StatusCode::kCorruption) << c.name;
      EXPECT_NE(loaded.status().message().find(c.message_part), std::string::npos)
          << c.name << ": " << loaded.status().message();
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(LanguageLoadTest, MissingFileIsNotFound) {
  auto loaded = LanguageIdentifier::Load(DataFiles::Directory("/nonexistent/khaldun"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace khaldun
