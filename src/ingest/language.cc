// Language identification in two steps. The script settles most languages
// outright (Hangul is Korean, Thai script is Thai); Arabic script is split
// by the letters only Persian, Urdu, Pashto or Sorani use. Latin and
// Cyrillic texts are scored by how many of their words are frequent
// function words of each language, a signal that needs no model and holds
// up on a paragraph of news prose.
#include "ingest/language.h"

#include <algorithm>
#include <array>

#include "common/text.h"

namespace khaldun {
namespace {

constexpr std::string_view kStopwordsFile = "language/stopwords.tsv";

// Only the start of a long text is read: a few thousand words decide as
// well as the whole and keep the cost per article bounded.
constexpr size_t kMaxBytes = size_t{64} * 1024;

// The best language must have at least this share of the words (function
// words make up a third or more of running prose), and beat the runner-up
// by this factor; otherwise the text is in a language without a list, or
// between two close ones, and "" is the honest answer.
constexpr double kMinCoverage = 0.10;
constexpr double kMinLead = 1.3;

enum Script : int {
  kOther = 0,
  kLatin,
  kCyrillic,
  kGreek,
  kArmenian,
  kHebrew,
  kArabic,
  kDevanagari,
  kBengali,
  kGurmukhi,
  kGujarati,
  kOriya,
  kTamil,
  kTelugu,
  kKannada,
  kMalayalam,
  kSinhala,
  kThai,
  kLao,
  kTibetan,
  kMyanmar,
  kGeorgian,
  kHangul,
  kEthiopic,
  kKhmer,
  kKana,
  kHan,
  kScriptCount,
};

// The language a script implies when it is not Latin, Cyrillic, Arabic or
// Han/Kana (which need more evidence).
constexpr std::array<std::string_view, kScriptCount> kScriptLanguage = {
    "",   "",   "",   "el", "hy", "he", "ar", "hi", "bn", "pa", "gu", "or", "ta", "te",
    "kn", "ml", "si", "th", "lo", "bo", "my", "ka", "ko", "am", "km", "ja", "zh",
};

// Scripts written without spaces between words: length is counted in
// letters, about two per word.
bool WrittenWithoutSpaces(Script s) {
  return s == kThai || s == kLao || s == kKhmer || s == kMyanmar || s == kTibetan ||
         s == kHan || s == kKana;
}

Script ScriptOf(char32_t cp) {
  if (cp < 0x80) {
    return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? kLatin : kOther;
  }
  if (cp >= 0xC0 && cp <= 0x24F) return (cp == 0xD7 || cp == 0xF7) ? kOther : kLatin;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return kLatin;  // Vietnamese and others
  if (cp >= 0x370 && cp <= 0x3FF) return kGreek;
  if (cp >= 0x1F00 && cp <= 0x1FFF) return kGreek;
  if (cp >= 0x400 && cp <= 0x52F) return kCyrillic;
  if (cp >= 0x530 && cp <= 0x58F) return kArmenian;
  if (cp >= 0x5D0 && cp <= 0x5F2) return kHebrew;
  if (cp >= 0x600 && cp <= 0x6FF) {
    // Arabic punctuation and both sets of digits are not letters.
    if (cp == 0x60C || cp == 0x61B || cp == 0x61F || cp == 0x640 ||
        (cp >= 0x660 && cp <= 0x66D) || (cp >= 0x6F0 && cp <= 0x6F9)) {
      return kOther;
    }
    return kArabic;
  }
  if ((cp >= 0x750 && cp <= 0x77F) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
      (cp >= 0xFE70 && cp <= 0xFEFF)) {
    return kArabic;
  }
  if (cp >= 0x900 && cp <= 0x97F) return kDevanagari;
  if (cp >= 0x980 && cp <= 0x9FF) return kBengali;
  if (cp >= 0xA00 && cp <= 0xA7F) return kGurmukhi;
  if (cp >= 0xA80 && cp <= 0xAFF) return kGujarati;
  if (cp >= 0xB00 && cp <= 0xB7F) return kOriya;
  if (cp >= 0xB80 && cp <= 0xBFF) return kTamil;
  if (cp >= 0xC00 && cp <= 0xC7F) return kTelugu;
  if (cp >= 0xC80 && cp <= 0xCFF) return kKannada;
  if (cp >= 0xD00 && cp <= 0xD7F) return kMalayalam;
  if (cp >= 0xD80 && cp <= 0xDFF) return kSinhala;
  if (cp >= 0xE00 && cp <= 0xE7F) return kThai;
  if (cp >= 0xE80 && cp <= 0xEFF) return kLao;
  if (cp >= 0xF00 && cp <= 0xFFF) return kTibetan;
  if (cp >= 0x1000 && cp <= 0x109F) return kMyanmar;
  if (cp >= 0x10A0 && cp <= 0x10FF) return kGeorgian;
  if (cp >= 0x1100 && cp <= 0x11FF) return kHangul;
  if (cp >= 0x1200 && cp <= 0x139F) return kEthiopic;
  if (cp >= 0x1780 && cp <= 0x17FF) return kKhmer;
  if (cp >= 0x3040 && cp <= 0x30FF) return kKana;
  if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)) return kHan;
  if (cp >= 0xAC00 && cp <= 0xD7AF) return kHangul;
  if (cp >= 0x3130 && cp <= 0x318F) return kHangul;
  return kOther;
}

// Romanian is written with comma-below ș ț and, from older keyboards, with
// cedilla ş ţ; both spellings must hit the same stop word.
char32_t NormalizeLetter(char32_t cp) {
  cp = SimpleFoldCase(cp);
  if (cp == 0x15F) return 0x219;
  if (cp == 0x163) return 0x21B;
  return cp;
}

// Letter counts that tell the languages written in Arabic script apart.
struct ArabicLetters {
  int urdu = 0;     // ٹ ڈ ڑ ں ے ہ
  int pashto = 0;   // ټ ډ ړ ښ ږ ځ څ ې ۍ
  int kurdish = 0;  // ڕ ڵ ۆ ێ ە (Sorani)
  int persian = 0;  // پ چ ژ گ, shared by the others too

  void Add(char32_t cp) {
    switch (cp) {
      case 0x679: case 0x688: case 0x691: case 0x6BA: case 0x6D2: case 0x6C1:
        ++urdu;
        break;
      case 0x67C: case 0x689: case 0x693: case 0x69A: case 0x696: case 0x681:
      case 0x685: case 0x6D0: case 0x6CD:
        ++pashto;
        break;
      case 0x695: case 0x6B5: case 0x6C6: case 0x6CE: case 0x6D5:
        ++kurdish;
        break;
      case 0x67E: case 0x686: case 0x698: case 0x6AF:
        ++persian;
        break;
      default:
        break;
    }
  }

  // A name or loanword can bring one stray letter into Arabic prose; a
  // language's own letters recur every sentence or two.
  std::string Language(int letters) const {
    int threshold = std::max(2, letters / 200);
    int best = std::max({urdu, pashto, kurdish});
    if (best >= threshold) {
      if (urdu == best) return "ur";
      if (pashto == best) return "ps";
      return "ku";
    }
    if (persian >= threshold) return "fa";
    return "ar";
  }
};

Script FirstScript(std::string_view word) {
  size_t pos = 0;
  while (pos < word.size()) {
    Script s = ScriptOf(NextCodePoint(word, &pos));
    if (s != kOther) return s;
  }
  return kOther;
}

}  // namespace

char32_t SimpleFoldCase(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x130) return 'i';     // Turkish dotted capital I
    if (cp == 0x178) return 0xFF;    // Ÿ
    if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_upper) return (cp % 2 == 1) ? cp + 1 : cp;
    return (cp % 2 == 0) ? cp + 1 : cp;
  }
  if (cp == 0x218 || cp == 0x21A) return cp + 1;  // Romanian Ș Ț
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  if (cp >= 0x460 && cp <= 0x4BF) return (cp % 2 == 0) ? cp + 1 : cp;  // incl. Ґ
  return cp;
}

std::string FoldCaseUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    char c = s[pos];
    if ((static_cast<unsigned char>(c) & 0x80) == 0) {
      out += AsciiLower(c);
      ++pos;
      continue;
    }
    AppendUtf8(out, SimpleFoldCase(NextCodePoint(s, &pos)));
  }
  return out;
}

Result<LanguageIdentifier> LanguageIdentifier::Load(const DataFiles& files) {
  auto file = ReadTsvFile(files, kStopwordsFile, 2, 2);
  if (!file.ok()) return file.status();
  LanguageIdentifier id;
  for (const TsvRow& row : file->rows) {
    auto where = [&] { return file->Where(row); };
    std::string_view code = row.fields[0];
    if (code.size() != 2 || code[0] < 'a' || code[0] > 'z' || code[1] < 'a' || code[1] > 'z') {
      return Status::Corruption(where() + "language \"" + std::string(code) +
                                "\" is not a lower-case ISO 639-1 code");
    }
    std::string_view raw = row.fields[1];
    if (raw.empty() || raw.find(' ') != std::string_view::npos ||
        FindInvalidUtf8(raw) != kNpos) {
      return Status::Corruption(where() + "word must be one non-empty UTF-8 word");
    }
    std::string word;
    size_t pos = 0;
    while (pos < raw.size()) AppendUtf8(word, NormalizeLetter(NextCodePoint(raw, &pos)));
    Script script = FirstScript(word);
    if (script != kLatin && script != kCyrillic) {
      return Status::Corruption(where() + "word is not in Latin or Cyrillic script");
    }
    auto it = std::find(id.languages_.begin(), id.languages_.end(), code);
    int index = static_cast<int>(it - id.languages_.begin());
    if (it == id.languages_.end()) {
      id.languages_.emplace_back(code);
      id.scripts_.push_back(script);
    }
    std::vector<int>& langs = id.words_[word];
    if (std::find(langs.begin(), langs.end(), index) != langs.end()) {
      return Status::Corruption(where() + "duplicate word \"" + word + "\" for " +
                                std::string(code));
    }
    langs.push_back(index);
  }
  return id;
}

std::string LanguageIdentifier::Identify(std::string_view text) const {
  if (text.size() > kMaxBytes) {
    size_t cut = kMaxBytes;
    // Back up to a character boundary.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  std::array<int, kScriptCount> letters{};
  ArabicLetters arabic;
  std::vector<double> scores(languages_.size(), 0.0);
  int words = 0;
  std::string word;     // the current Latin or Cyrillic word, folded
  bool in_word = false;  // inside a word of any script
  auto finish_word = [&] {
    if (!in_word) return;
    in_word = false;
    ++words;
    if (word.empty()) return;
    auto it = words_.find(word);
    if (it != words_.end()) {
      // A word several languages share says less about each of them.
      double weight = 1.0 / static_cast<double>(it->second.size());
      for (int lang : it->second) scores[lang] += weight;
    }
    word.clear();
  };
  size_t pos = 0;
  while (pos < text.size()) {
    // ASCII fast path: most news text is ASCII, and decoding, classifying
    // and re-encoding each byte as a code point tripled the cost.
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      ++pos;
      char lower = static_cast<char>(byte | 0x20);
      if (lower >= 'a' && lower <= 'z') {
        ++letters[kLatin];
        in_word = true;
        word += lower;
      } else {
        finish_word();
      }
      continue;
    }
    char32_t cp = NextCodePoint(text, &pos);
    Script script = ScriptOf(cp);
    if (script == kOther) {
      finish_word();
      continue;
    }
    ++letters[script];
    in_word = true;
    if (script == kArabic) arabic.Add(cp);
    if (script == kLatin || script == kCyrillic) AppendUtf8(word, NormalizeLetter(cp));
  }
  finish_word();

  int total = 0;
  int dominant = kOther;
  for (int s = 1; s < kScriptCount; ++s) {
    total += letters[s];
    if (letters[s] > letters[dominant]) dominant = s;
  }
  // Japanese mixes kana with kanji; any real share of kana means Japanese.
  int cjk = letters[kHan] + letters[kKana];
  if (cjk > letters[dominant]) dominant = letters[kKana] * 10 >= cjk ? kKana : kHan;
  if (total == 0 || letters[dominant] * 2 < total) return "";
  Script script = static_cast<Script>(dominant);
  if (WrittenWithoutSpaces(script)) {
    int script_letters = (script == kHan || script == kKana) ? cjk : letters[dominant];
    if (script_letters < 2 * kMinWords) return "";
  } else if (words < kMinWords) {
    return "";
  }
  if (script == kArabic) return arabic.Language(letters[kArabic]);
  if (script != kLatin && script != kCyrillic) return std::string(kScriptLanguage[script]);

  int best = -1;
  int second = -1;
  for (int i = 0; i < static_cast<int>(languages_.size()); ++i) {
    if (scripts_[i] != script) continue;
    if (best < 0 || scores[i] > scores[best]) {
      second = best;
      best = i;
    } else if (second < 0 || scores[i] > scores[second]) {
      second = i;
    }
  }
  if (best < 0 || scores[best] < kMinCoverage * words) return "";
  if (second >= 0 && scores[best] < kMinLead * scores[second]) return "";
  return languages_[best];
}

}  // namespace khaldun
