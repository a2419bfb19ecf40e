// The quote finder (quotes.h). It works on tokens, one paragraph at a time:
//
//  1. Quotation marks are paired inside each paragraph by a small state
//     machine that reads each mark's direction from the bytes around it, so
//     straight quotes and mis-typed curly ones pair too. Each mark is looked
//     at once, which keeps hostile input (a megabyte of quote marks) linear.
//  2. Each quote looks for its attribution in bounded token windows: a
//     speech verb close before it ("X said: “...”"), after it ("“...,” X
//     said" / "“...,” said X, a ..."), the subject of a verb of expression
//     in its sentence ("X praised the deal, calling it “...”"), or an
//     earlier quote of the same paragraph (continuations).
//  3. The speaker phrase is read from token shapes and the word lists in
//     data/quotes/: a name is a run of capitalised words (with particles
//     such as al-, bin, van), titles and descriptive words before it are
//     the role, an appositive after it adds to the role.
//  4. "he said" resolves to the last person-like speaker; a surname alone
//     resolves to the full name met earlier.
//
// Sentences without quotation marks give reported speech (direct=false)
// only when the speaker is a named person or an organisation.
#include "quotes/quotes.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

namespace khaldun::quotes {
namespace {

using text::Token;
using text::TokenizedText;
using text::TokenKind;

enum VerbKind : std::uint8_t {
  kNoVerb = 0,
  kSay,
  kSayThat,
  kTell,
  kAccordingTo,
  kParticiple,
  kComm,
};

enum WordFlag : std::uint8_t {
  kTitle = 1,
  kRole = 2,
  kOrg = 4,
  kParticle = 8,
  kPronoun = 16,
  kStop = 32,
  kLead = 64,
  kModifier = 128,
};

// A phrase of the word lists, keyed by its first word.
struct PhraseTail {
  std::vector<std::string> words;  // the words after the first ("-" for a hyphen)
  std::uint8_t value = 0;          // VerbKind or WordFlag bits
  bool abbreviation = false;       // last word written with a dot ("gen.")
};
using PhraseTable = std::unordered_map<std::string, std::vector<PhraseTail>>;

// Attribution is looked for within this many tokens of a quote: far enough
// for "“...” that serves the interests and future of the Iraqi people,
// al-Shammari said", near enough that a quote never costs more than a
// constant, whatever the input.
constexpr std::uint32_t kWindow = 40;
// A speaker phrase segment longer than this is a clause, not a speaker.
constexpr std::uint32_t kMaxSegment = 14;
// Persons remembered for surname resolution (most recent first).
constexpr size_t kMaxPersons = 64;
// An unattributed direct quote is kept only from this many words on, so
// that scare quotes and quoted names do not become quotes.
constexpr int kMinUnattributedWords = 5;
// Reported speech needs a clause at least this long.
constexpr int kMinReportedWords = 4;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Lower case, final dot dropped ("Gen." -> "gen"), typographic apostrophe
// as ASCII; the form both the word lists and the text are compared in.
void NormalizeInto(std::string_view w, std::string& out) {
  out.clear();
  for (size_t i = 0; i < w.size(); ++i) {
    if (w.compare(i, 3, "\xE2\x80\x99") == 0) {
      out.push_back('\'');
      i += 2;
    } else {
      out.push_back(Lower(w[i]));
    }
  }
  if (out.size() > 1 && out.back() == '.') out.pop_back();
}

// A list phrase split into comparable words: on spaces, and with hyphens
// as words of their own, as the tokenizer splits them.
std::vector<std::string> PhraseWords(std::string_view phrase, bool* abbreviation) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) {
      std::string norm;
      NormalizeInto(current, norm);
      words.push_back(norm);
      current.clear();
    }
  };
  for (char c : phrase) {
    if (c == ' ') {
      flush();
    } else if (c == '-') {
      flush();
      words.emplace_back("-");
    } else {
      current.push_back(c);
    }
  }
  *abbreviation = !current.empty() && current.back() == '.';
  flush();
  return words;
}

void AddPhrase(PhraseTable& table, std::string_view phrase, std::uint8_t value, bool merge) {
  bool abbreviation = false;
  std::vector<std::string> words = PhraseWords(phrase, &abbreviation);
  if (words.empty()) return;
  std::string first = words.front();
  PhraseTail tail;
  tail.words.assign(words.begin() + 1, words.end());
  tail.value = value;
  tail.abbreviation = abbreviation;
  auto& tails = table[first];
  if (merge) {
    for (auto& t : tails) {
      if (t.words == tail.words) {
        t.value |= value;
        return;
      }
    }
  }
  tails.push_back(std::move(tail));
}

void SortTails(PhraseTable& table) {
  for (auto& [first, tails] : table) {
    std::stable_sort(tails.begin(), tails.end(), [](const PhraseTail& a, const PhraseTail& b) {
      return a.words.size() > b.words.size();
    });
  }
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// What a quotation mark token is.
enum class Glyph { kNone, kOpen, kClose, kStraight, kSingleOpen, kSingleClose };

Glyph GlyphOf(std::string_view t) {
  // Every mark starts with one of three bytes; most tokens stop here.
  if (t.empty() || (t[0] != '"' && t[0] != '\xE2' && t[0] != '\xC2')) return Glyph::kNone;
  if (t == "\"") return Glyph::kStraight;
  if (t == "\xE2\x80\x9C" || t == "\xC2\xAB" || t == "\xE2\x80\x9E") return Glyph::kOpen;
  if (t == "\xE2\x80\x9D" || t == "\xC2\xBB") return Glyph::kClose;
  if (t == "\xE2\x80\x98") return Glyph::kSingleOpen;
  if (t == "\xE2\x80\x99") return Glyph::kSingleClose;
  return Glyph::kNone;
}

// A speaker as read from one phrase.
struct Speaker {
  bool valid = false;
  bool named = false;        // a name was read (person or organisation)
  bool person = false;       // a person's name (two words, or a title, or resolved)
  bool org = false;          // an organisation (name or phrase)
  bool pronoun = false;      // he / she / they
  bool person_like = false;  // a person or a singular role phrase ("the officer")
  std::string name;
  std::string role;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

// One quotation found by pairing marks: token indices of its marks.
struct Span {
  std::uint32_t open = 0;
  std::uint32_t close = 0;  // the closing mark, or the paragraph end when unclosed
  bool closed = true;
  bool single = false;  // ‘single’ quotes need an attribution to count
};

}  // namespace

struct QuoteFinder::Data {
  PhraseTable verbs;  // value: VerbKind
  PhraseTable words;  // value: WordFlag bits
};

Result<QuoteFinder> QuoteFinder::Load(const DataFiles& files) {
  auto data = std::make_shared<Data>();
  {
    auto file = ReadTsvFile(files, "quotes/speech_verbs.tsv", 2, 2);
    if (!file.ok()) return file.status();
    static const std::pair<std::string_view, VerbKind> kKinds[] = {{"say", kSay},
                                                                   {"say_that", kSayThat},
                                                                   {"tell", kTell},
                                                                   {"according_to", kAccordingTo},
                                                                   {"participle", kParticiple},
                                                                   {"comm", kComm}};
    for (const TsvRow& row : file->rows) {
      VerbKind kind = kNoVerb;
      for (const auto& [name, k] : kKinds) {
        if (row.fields[1] == name) kind = k;
      }
      if (kind == kNoVerb) {
        return Status::Corruption(file->Where(row) + "unknown verb kind '" +
                                  std::string(row.fields[1]) + "'");
      }
      if (row.fields[0].empty()) return Status::Corruption(file->Where(row) + "empty verb form");
      AddPhrase(data->verbs, row.fields[0], kind, /*merge=*/false);
    }
  }
  {
    auto file = ReadTsvFile(files, "quotes/speaker_words.tsv", 2, 2);
    if (!file.ok()) return file.status();
    static const std::pair<std::string_view, WordFlag> kKinds[] = {
        {"title", kTitle},     {"role", kRole}, {"org", kOrg},   {"particle", kParticle},
        {"pronoun", kPronoun}, {"stop", kStop}, {"lead", kLead}, {"modifier", kModifier}};
    for (const TsvRow& row : file->rows) {
      std::uint8_t flag = 0;
      for (const auto& [name, f] : kKinds) {
        if (row.fields[1] == name) flag = f;
      }
      if (flag == 0) {
        return Status::Corruption(file->Where(row) + "unknown word kind '" +
                                  std::string(row.fields[1]) + "'");
      }
      if (row.fields[0].empty()) return Status::Corruption(file->Where(row) + "empty phrase");
      AddPhrase(data->words, row.fields[0], flag, /*merge=*/true);
    }
  }
  SortTails(data->verbs);
  SortTails(data->words);
  return QuoteFinder(std::move(data));
}

namespace {

// The state of one Find call.
class Finder {
 public:
  Finder(const PhraseTable& verbs, const PhraseTable& words, std::string_view text,
         const TokenizedText& tt, std::vector<Quote>& out)
      : verbs_(verbs),
        words_(words),
        text_(text),
        tokens_(tt.tokens),
        sentences_(tt.sentences),
        out_(out) {}

  void Run();

 private:
  // ---- token helpers
  std::string_view Tok(std::uint32_t i) const {
    return text_.substr(tokens_[i].start, tokens_[i].end - tokens_[i].start);
  }
  bool IsWord(std::uint32_t i) const { return tokens_[i].kind == TokenKind::kWord; }
  bool IsPunct(std::uint32_t i, std::string_view p) const {
    return tokens_[i].kind == TokenKind::kPunct && Tok(i) == p;
  }
  bool Adjacent(std::uint32_t a, std::uint32_t b) const {
    return tokens_[a].end == tokens_[b].start;
  }
  bool IsLowerWord(std::uint32_t i) const {
    if (!IsWord(i)) return false;
    char c = text_[tokens_[i].start];
    return c >= 'a' && c <= 'z';
  }
  std::uint8_t WordFlags(std::uint32_t i);
  std::uint8_t Match(const PhraseTable& table, std::uint32_t i, std::uint32_t limit,
                     std::uint32_t* len);
  // A speech verb at i (lower case, but "According to" may open a sentence).
  VerbKind VerbAt(std::uint32_t i, std::uint32_t limit, std::uint32_t* len);
  bool IsTerminal(std::uint32_t i) const;
  bool IsQuoteMark(std::uint32_t i) const {
    return tokens_[i].kind == TokenKind::kPunct && GlyphOf(Tok(i)) != Glyph::kNone;
  }
  bool IsDot(std::uint32_t i) const { return IsPunct(i, "."); }
  bool IsArticle(std::uint32_t i);
  bool IsNameWord(std::uint32_t i);
  bool NamePart(std::uint32_t i);  // a name word, or "ming" in "Wei-ming"
  bool IsAcronym(std::uint32_t i) const;
  std::string TextOf(std::uint32_t b, std::uint32_t e) const {
    if (b >= e) return {};
    return std::string(text_.substr(tokens_[b].start, tokens_[e - 1].end - tokens_[b].start));
  }

  // ---- quotation marks
  bool SpaceOrEdgeBefore(size_t pos) const;
  bool SpaceOrEdgeAfter(size_t pos) const;
  bool OpenerBefore(size_t pos) const;
  bool CloserAfter(size_t pos) const;
  void PairQuotes(std::uint32_t t0, std::uint32_t t1);

  // ---- speaker phrases
  Speaker ReadSegment(std::uint32_t b, std::uint32_t e);
  Speaker SpeakerBefore(std::uint32_t b, std::uint32_t e);  // "..., X said"
  Speaker SpeakerAfter(std::uint32_t b, std::uint32_t e);   // "said X, a ..."
  void AddAppositive(Speaker& s, std::uint32_t b, std::uint32_t e);
  void Resolve(Speaker& s);
  void Remember(const Speaker& s);

  // ---- attribution
  std::uint32_t SentenceOf(std::uint32_t token);
  bool AttributeBefore(std::uint32_t b, std::uint32_t open, std::uint32_t max_gap, Speaker* s);
  bool AttributeAfter(std::uint32_t close_next, std::uint32_t para_end, Speaker* s);
  bool AttributeSubject(std::uint32_t b, std::uint32_t open, Speaker* s);
  void FindInParagraph(std::uint32_t s0, std::uint32_t s1);
  void ReportedSpeech(std::uint32_t sentence);
  void Emit(std::uint32_t sentence, std::uint32_t start, std::uint32_t end, const Speaker& s,
            bool direct);
  int CountWords(std::uint32_t b, std::uint32_t e) const;
  bool LooksLikeName(std::uint32_t b, std::uint32_t e);

  const PhraseTable& verbs_;
  const PhraseTable& words_;
  std::string_view text_;
  const std::vector<Token>& tokens_;
  const std::vector<text::Sentence>& sentences_;
  std::vector<Quote>& out_;

  std::string key_;  // scratch for table look-ups
  std::string cmp_;  // scratch for comparisons
  std::vector<Span> spans_;
  std::uint32_t sweep_sentence_ = 0;

  struct Person {
    std::string name;
    std::string lower;
    std::string role;
  };
  std::vector<Person> persons_;  // oldest first, bounded
  Speaker last_person_like_;     // "he" / "she"
  Speaker last_speaker_;         // "they"
  bool prev_para_unclosed_ = false;
  Speaker prev_para_speaker_;
};

std::uint8_t Finder::WordFlags(std::uint32_t i) {
  if (!IsWord(i)) return 0;
  NormalizeInto(Tok(i), key_);
  auto it = words_.find(key_);
  if (it == words_.end()) return 0;
  std::uint8_t flags = 0;
  for (const auto& tail : it->second) {
    if (tail.words.empty()) flags |= tail.value;
  }
  return flags;
}

std::uint8_t Finder::Match(const PhraseTable& table, std::uint32_t i, std::uint32_t limit,
                           std::uint32_t* len) {
  if (i >= limit || !IsWord(i)) return 0;
  NormalizeInto(Tok(i), key_);
  auto it = table.find(key_);
  if (it == table.end()) return 0;
  for (const auto& tail : it->second) {
    std::uint32_t j = i + 1;
    bool ok = true;
    for (const std::string& w : tail.words) {
      // An abbreviation's dot may be a token of its own ("Lt" "." "Gen").
      if (j < limit && IsDot(j) && Adjacent(j - 1, j)) ++j;
      if (j >= limit) {
        ok = false;
        break;
      }
      if (w == "-") {
        if (!IsPunct(j, "-")) ok = false;
      } else {
        NormalizeInto(Tok(j), cmp_);
        if (!IsWord(j) || cmp_ != w) ok = false;
      }
      if (!ok) break;
      ++j;
    }
    if (!ok) continue;
    if (tail.abbreviation && j < limit && IsDot(j) && Adjacent(j - 1, j)) ++j;
    *len = j - i;
    return tail.value;
  }
  return 0;
}

VerbKind Finder::VerbAt(std::uint32_t i, std::uint32_t limit, std::uint32_t* len) {
  if (i >= limit || !IsWord(i)) return kNoVerb;
  bool lower = IsLowerWord(i);
  VerbKind kind = static_cast<VerbKind>(Match(verbs_, i, limit, len));
  if (kind == kNoVerb) return kNoVerb;
  if (!lower && kind != kAccordingTo) return kNoVerb;  // "Said" is a name
  return kind;
}

bool Finder::IsTerminal(std::uint32_t i) const {
  if (tokens_[i].kind != TokenKind::kPunct) return false;
  std::string_view t = Tok(i);
  if (t == "!" || t == "?" || t == ";" || t == "\xE2\x80\xA6") return true;
  if (t != ".") return false;
  // A dot glued to a short capitalised word is an abbreviation ("Col.",
  // "J."), not the end of the clause.
  if (i > 0 && Adjacent(i - 1, i) && tokens_[i - 1].kind == TokenKind::kWord &&
      tokens_[i - 1].capitalized && tokens_[i - 1].end - tokens_[i - 1].start <= 4) {
    return false;
  }
  return true;
}

bool Finder::IsArticle(std::uint32_t i) {
  if (!IsWord(i)) return false;
  std::string_view t = Tok(i);
  if (t.size() > 3) return false;
  NormalizeInto(t, cmp_);
  return cmp_ == "the" || cmp_ == "a" || cmp_ == "an";
}

bool Finder::IsNameWord(std::uint32_t i) {
  if (!IsWord(i) || !tokens_[i].capitalized) return false;
  if (IsArticle(i)) return false;
  return (WordFlags(i) & (kPronoun | kLead)) == 0;
}

// Hyphenated given names keep a lower-case part: "Chen Wei-ming", "Hsu
// Chin-tsai".
bool Finder::NamePart(std::uint32_t i) {
  if (IsNameWord(i)) return true;
  return IsWord(i) && i >= 2 && IsPunct(i - 1, "-") && Adjacent(i - 2, i - 1) &&
         Adjacent(i - 1, i) && IsNameWord(i - 2);
}

bool Finder::IsAcronym(std::uint32_t i) const {
  if (!IsWord(i)) return false;
  std::string_view t = Tok(i);
  int letters = 0;
  for (char c : t) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c != '.') {
      return false;
    }
  }
  return letters >= 2;
}

int Finder::CountWords(std::uint32_t b, std::uint32_t e) const {
  int n = 0;
  for (std::uint32_t i = b; i < e; ++i) n += IsWord(i) || tokens_[i].kind == TokenKind::kNumber;
  return n;
}

// Quoted text that is only capitalised words ("the “Islamic State of Iraq
// and Syria”") names something; it is not a quotation.
bool Finder::LooksLikeName(std::uint32_t b, std::uint32_t e) {
  int words = 0;
  for (std::uint32_t i = b; i < e; ++i) {
    if (!IsWord(i)) continue;
    ++words;
    if (tokens_[i].capitalized) continue;
    NormalizeInto(Tok(i), cmp_);
    if (cmp_ == "of" || cmp_ == "and" || cmp_ == "the" || cmp_ == "for" ||
        (WordFlags(i) & kParticle)) {
      continue;
    }
    return false;
  }
  return words <= 8;
}

// ---- quotation marks -------------------------------------------------------

bool Finder::SpaceOrEdgeBefore(size_t pos) const {
  if (pos == 0) return true;
  if (IsAsciiSpace(text_[pos - 1])) return true;
  return pos >= 2 && text_.compare(pos - 2, 2, "\xC2\xA0") == 0;  // no-break space
}

bool Finder::SpaceOrEdgeAfter(size_t pos) const {
  if (pos >= text_.size()) return true;
  if (IsAsciiSpace(text_[pos])) return true;
  return text_.compare(pos, 2, "\xC2\xA0") == 0;
}

// Dashes and other quotation marks count as edges on both sides.
static bool IsEdgeSymbolAt(std::string_view s, size_t pos) {
  if (pos >= s.size() || (s[pos] != '\xE2' && s[pos] != '\xC2')) return false;
  static constexpr std::string_view kSymbols[] = {"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x9C",
                                                  "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
                                                  "\xE2\x80\xA6", "\xC2\xAB",     "\xC2\xBB"};
  for (std::string_view sym : kSymbols) {
    if (s.compare(pos, sym.size(), sym) == 0) return true;
  }
  return false;
}

bool Finder::OpenerBefore(size_t pos) const {
  if (SpaceOrEdgeBefore(pos)) return true;
  char c = text_[pos - 1];
  if (c == '(' || c == '[' || c == '{' || c == '/' || c == '"' || c == '-') return true;
  for (size_t len : {2u, 3u}) {
    if (pos >= len && IsEdgeSymbolAt(text_, pos - len)) return true;
  }
  return false;
}

bool Finder::CloserAfter(size_t pos) const {
  if (SpaceOrEdgeAfter(pos)) return true;
  char c = text_[pos];
  if (c == '.' || c == ',' || c == ';' || c == ':' || c == '?' || c == '!' || c == ')' ||
      c == ']' || c == '}' || c == '/' || c == '"' || c == '-') {
    return true;
  }
  return IsEdgeSymbolAt(text_, pos);
}

// Pairs the quotation marks of the paragraph's tokens [t0, t1) into
// spans_. Double marks (straight, curly, guillemets) take their direction
// from the bytes around them, or from their glyph when the bytes say
// nothing; a new opening mark while one is open restarts the quote, so an
// unbalanced mark costs one quote, not the paragraph. ‘Single’ curly quotes
// are read only outside double quotes and only as whole phrases: a ’ after
// a plural ("the soldiers’ families") is an apostrophe.
void Finder::PairQuotes(std::uint32_t t0, std::uint32_t t1) {
  spans_.clear();
  std::int64_t double_open = -1;
  std::int64_t single_open = -1;
  for (std::uint32_t t = t0; t < t1; ++t) {
    if (tokens_[t].kind != TokenKind::kPunct) continue;
    Glyph g = GlyphOf(Tok(t));
    if (g == Glyph::kNone) continue;
    size_t s = tokens_[t].start, e = tokens_[t].end;
    if (g == Glyph::kOpen || g == Glyph::kClose || g == Glyph::kStraight) {
      bool open_ctx = OpenerBefore(s) && !SpaceOrEdgeAfter(e);
      bool close_ctx = !SpaceOrEdgeBefore(s) && CloserAfter(e);
      int dir = 0;
      if (open_ctx && !close_ctx) {
        dir = 1;
      } else if (close_ctx && !open_ctx) {
        dir = -1;
      } else if (g == Glyph::kOpen) {
        dir = 1;
      } else if (g == Glyph::kClose) {
        dir = -1;
      }
      if (dir > 0) {
        double_open = t;
        single_open = -1;
      } else if (dir < 0 && double_open >= 0) {
        spans_.push_back({static_cast<std::uint32_t>(double_open), t, true, false});
        double_open = -1;
      }
      continue;
    }
    if (double_open >= 0) continue;  // nested single quotes belong to the outer quote
    if (g == Glyph::kSingleOpen) {
      if (OpenerBefore(s) && !SpaceOrEdgeAfter(e)) single_open = t;
    } else if (single_open >= 0 && !SpaceOrEdgeBefore(s) && CloserAfter(e)) {
      bool plural_possessive =
          s > 0 && text_[s - 1] == 's' && SpaceOrEdgeAfter(e) && t + 1 < t1 && IsLowerWord(t + 1);
      if (!plural_possessive) {
        if (t - single_open <= kWindow * 3) {
          spans_.push_back({static_cast<std::uint32_t>(single_open), t, true, true});
        }
        single_open = -1;
      }
    }
  }
  // A quote left open at the paragraph end is kept when it opens a
  // sentence: a quotation running on into the next paragraph is written so.
  if (double_open >= 0 && static_cast<std::uint32_t>(double_open) + 1 < t1) {
    std::uint32_t open = static_cast<std::uint32_t>(double_open);
    std::uint32_t sentence = SentenceOf(open);
    if (sentences_[sentence].first_token == open) spans_.push_back({open, t1, false, false});
  }
}

// ---- speaker phrases -------------------------------------------------------

// Reads one comma-free phrase [b, e): a name with the titles and words
// before it as role ("political analyst Tariq al-Shammari"), or a role or
// organisation phrase ("a military spokesman", "the ministry").
Speaker Finder::ReadSegment(std::uint32_t b, std::uint32_t e) {
  Speaker s;
  while (b < e && (IsPunct(b, "-") || (WordFlags(b) & kLead))) ++b;
  while (e > b && (IsPunct(e - 1, "-") || IsDot(e - 1))) --e;
  if (b >= e || e - b > kMaxSegment) return s;
  if (e - b == 1 && (WordFlags(b) & kPronoun)) {
    s.valid = s.pronoun = true;
    return s;
  }
  // Only words, possessives, hyphens, dots and parentheses make a speaker
  // phrase; anything else (quotes, colons, numbers in running text) means
  // the tokens are a clause.
  for (std::uint32_t i = b; i < e; ++i) {
    if (tokens_[i].kind == TokenKind::kPunct) {
      std::string_view p = Tok(i);
      if (p != "-" && p != "." && p != "(" && p != ")" && p != "&" && p != "'s" &&
          p != "\xE2\x80\x99s" && p != "'" && p != "\xE2\x80\x99") {
        return s;
      }
    }
  }
  std::uint32_t content = b;
  if (IsArticle(content)) ++content;
  // The name follows the last title ("Iranian President Ebrahim Raisi",
  // "army spokesman Brig. Gen. Ahmed Saad"); without a title it is the
  // run of capitalised words that ends the phrase.
  std::uint32_t title_end = content;
  bool has_title = false;
  for (std::uint32_t i = content; i < e; ++i) {
    std::uint32_t len = 0;
    if (Match(words_, i, e, &len) & kTitle) {
      title_end = i + len;
      has_title = true;
      i += len - 1;
    }
  }
  std::uint32_t name_b = e;
  auto name_token = [&](std::uint32_t i, std::uint32_t run_end) {
    if (NamePart(i)) return true;
    if (IsDot(i)) return i > b && Adjacent(i - 1, i) && IsNameWord(i - 1);
    if (i + 1 >= run_end) return false;
    if (IsPunct(i, "-")) return i > b && Adjacent(i - 1, i) && Adjacent(i, i + 1);
    return (WordFlags(i) & kParticle) != 0;
  };
  if (NamePart(e - 1)) {
    std::uint32_t r = e;
    while (r > content && name_token(r - 1, e)) --r;
    while (r < e && !IsNameWord(r)) ++r;  // a run starts with a word ("al-" is in front)
    if (r > content && (WordFlags(r - 1) & kParticle) && IsLowerWord(r - 1)) --r;
    if (r > content + 1 && IsPunct(r - 1, "-") && (WordFlags(r - 2) & kParticle)) r -= 2;
    if (has_title && title_end > r) r = title_end;
    bool after_preposition = false;
    if (r > content && r < e) {
      NormalizeInto(Tok(r - 1), cmp_);
      static constexpr std::string_view kPrepositions[] = {
          "of", "for", "to", "at", "in", "from", "on", "with", "by", "near", "against", "'s"};
      for (std::string_view p : kPrepositions) after_preposition |= cmp_ == p;
    }
    if (r < e && !after_preposition) name_b = r;
  }
  bool has_role = false, has_org = false;
  for (std::uint32_t i = b; i < e; ++i) {
    std::uint8_t f = WordFlags(i);
    std::uint32_t len = 0;
    f |= Match(words_, i, e, &len);
    has_role |= (f & (kRole | kTitle)) != 0;
    has_org |= (f & kOrg) != 0;
  }
  if (name_b < e) {
    // Words before the name describe the speaker; a verb there means the
    // tokens were a clause ("the group later mourned Ali Fares").
    for (std::uint32_t i = content; i < name_b; ++i) {
      if (!IsLowerWord(i)) continue;
      std::uint32_t len = 0;
      if (Match(verbs_, i, name_b, &len) != kNoVerb) return s;
      std::string_view w = Tok(i);
      if (w.size() > 3 && w.ends_with("ed") && (WordFlags(i) & (kModifier | kRole | kTitle)) == 0) {
        return s;
      }
    }
    s.valid = s.named = true;
    s.name = TextOf(name_b, e);
    s.start = tokens_[name_b].start;
    s.end = tokens_[e - 1].end;
    s.role = TextOf(content, name_b);
    int name_words = 0;
    bool org_word = false;
    for (std::uint32_t i = name_b; i < e; ++i) {
      if (!IsWord(i)) continue;
      std::uint8_t f = WordFlags(i);
      if (f & kParticle) continue;
      ++name_words;
      org_word |= (f & kOrg) != 0 || IsAcronym(i);
    }
    s.org = org_word;
    if (org_word) {
      // An organisation is named by the whole phrase ("Armenia's Defence
      // Ministry", "the army's 6th Infantry Division").
      s.name = TextOf(content, e);
      s.start = tokens_[content].start;
      s.role.clear();
    }
    s.person = !org_word && (name_words >= 2 || name_b > content);
    // A lone unknown name ("Mayele told") is most often a person: "he
    // said" may take it, reported speech may not.
    s.person_like = !org_word;
    return s;
  }
  if (!has_role && !has_org) return s;
  // The phrase must end in its head: a role or organisation word, or a
  // name ("the U.S. ambassador", "the ministry", "Hamas officials"); a
  // trailing "(MSF)" is skipped.
  std::uint32_t head = e - 1;
  for (std::uint32_t i = b + 1; i < e; ++i) {
    if (!IsLowerWord(i)) continue;
    std::string_view w = Tok(i);
    if (w == "of" || w == "for") {
      head = i - 1;  // "the ministry of defence", "a spokesman for the army"
      break;
    }
  }
  if (IsPunct(head, ")")) {
    while (head > b && !IsPunct(head, "(")) --head;
    if (head == b) return s;
    --head;
  }
  {
    std::uint32_t len = 0;
    std::uint8_t f = WordFlags(head);
    if (head > b) f |= Match(words_, head - 1, e, &len) & (len == 2 ? 0xFF : 0);
    if ((f & (kRole | kOrg | kTitle)) == 0 && !IsNameWord(head)) return s;
  }
  s.valid = true;
  s.name = TextOf(b, e);
  s.start = tokens_[b].start;
  s.end = tokens_[e - 1].end;
  s.org = has_org;
  // "the officer" can be "he"; "officials" and "the ministry" cannot.
  std::string_view last = Tok(e - 1);
  bool plural = last.size() > 3 && last.back() == 's' && last[last.size() - 2] != 's';
  s.person_like = has_role && !has_org && !plural;
  return s;
}

// The speaker phrase [b, e) that ends right before a speech verb:
// "political analyst Tariq al-Shammari", "the union's secretary general,
// Ruth Nyambura,", "..., al-Shammari", "a resident who helped bury the dead".
Speaker Finder::SpeakerBefore(std::uint32_t b, std::uint32_t e) {
  if (e > b + kWindow) b = e - kWindow;  // keeps every call bounded
  while (e > b && (WordFlags(e - 1) & kLead) && IsLowerWord(e - 1)) --e;  // "the cabinet also said"
  std::uint32_t last_comma = e, prev_comma = e, prev_prev_comma = e;
  for (std::uint32_t i = b; i < e; ++i) {
    if (IsPunct(i, ",")) {
      prev_prev_comma = prev_comma;
      prev_comma = last_comma;
      last_comma = i;
    }
  }
  auto cut_relative = [&](std::uint32_t sb, std::uint32_t se) {
    // "a resident who helped bury the dead", "the Kremlin on Thursday",
    // "officials in Kyiv": the speaker ends at the stop word.
    for (std::uint32_t i = sb + 1; i < se; ++i) {
      if (IsLowerWord(i) && (WordFlags(i) & kStop)) return i;
    }
    return se;
  };
  auto starts_with_stop = [&](std::uint32_t sb, std::uint32_t se) {
    return sb < se && IsLowerWord(sb) && (WordFlags(sb) & kStop) != 0;
  };
  if (last_comma == e) {
    if (starts_with_stop(b, e)) return {};
    return ReadSegment(b, cut_relative(b, e));
  }
  if (last_comma + 1 < e) {
    // "<clause>, al-Shammari said"
    std::uint32_t sb = last_comma + 1;
    if (starts_with_stop(sb, e)) return {};
    return ReadSegment(sb, cut_relative(sb, e));
  }
  // "<role>, <name>, said" or "<name>, <role>, said".
  std::uint32_t seg2_b = prev_comma == e ? b : prev_comma + 1;
  std::uint32_t seg1_b = (prev_comma == e) ? e : (prev_prev_comma == e ? b : prev_prev_comma + 1);
  Speaker second = ReadSegment(seg2_b, last_comma);
  if (seg1_b >= e || seg1_b >= prev_comma) return second;
  if (starts_with_stop(seg1_b, prev_comma)) return second;
  Speaker first = ReadSegment(seg1_b, prev_comma);
  if (second.named && first.valid && !first.named) {
    // The article of "the union's secretary general" is not part of a role.
    std::uint32_t rb = seg1_b;
    if (IsArticle(rb)) ++rb;
    std::string title = std::move(second.role);
    second.role = TextOf(rb, prev_comma);
    if (!title.empty()) second.role = title + ", " + second.role;
    second.person = second.person || !second.org;
    second.person_like = second.person;
    return second;
  }
  if (first.named && !second.named && second.valid) {
    std::uint32_t rb = seg2_b;
    if (IsArticle(rb)) ++rb;
    std::string appositive = TextOf(rb, last_comma);
    first.role = first.role.empty() ? appositive : first.role + ", " + appositive;
    first.person = first.person || !first.org;
    first.person_like = first.person;
    return first;
  }
  return second.valid ? second : first;
}

// Adds the appositive [b, e) (", a spokesman for the army,") to the role.
void Finder::AddAppositive(Speaker& s, std::uint32_t b, std::uint32_t e) {
  if (IsArticle(b)) ++b;
  if (b >= e) return;
  std::string appositive = TextOf(b, e);
  s.role = s.role.empty() ? appositive : s.role + ", " + appositive;
  if (s.named && !s.org) s.person = s.person_like = true;
}

// The speaker phrase that starts at b, right after "said" or "according
// to", up to the first stop word, clause end or second comma:
// "Col. Ahmed Saad, a spokesman for the ministry", "a health worker at
// Finote Selam hospital, who asked not to be named".
Speaker Finder::SpeakerAfter(std::uint32_t b, std::uint32_t e) {
  auto segment_end = [&](std::uint32_t sb) {
    std::uint32_t i = sb;
    for (; i < e && i < sb + kMaxSegment + 1; ++i) {
      if (IsTerminal(i) || IsQuoteMark(i) || IsPunct(i, ",") || IsPunct(i, ":")) break;
      if (i > sb && IsLowerWord(i) && (WordFlags(i) & kStop)) break;
    }
    return i;
  };
  std::uint32_t e1 = segment_end(b);
  // "said Olena Hrytsenko of the charity Home Again": the name comes first;
  // what follows "of"/"from"/"at" is where the speaker is from.
  for (std::uint32_t k = b + 1; k < e1; ++k) {
    if (!IsLowerWord(k)) {
      if (!NamePart(k) && !IsPunct(k, "-") && !IsDot(k)) break;
      continue;
    }
    std::string_view w = Tok(k);
    if (w != "of" && w != "from" && w != "at") break;
    Speaker lead = ReadSegment(b, k);
    if (lead.named && !lead.org) {
      std::uint32_t rb = k + 1;
      if (rb < e1 && IsArticle(rb)) ++rb;
      if (lead.role.empty() && rb < e1) lead.role = TextOf(rb, e1);
      return lead;
    }
    break;
  }
  Speaker s = ReadSegment(b, e1);
  if (e1 + 1 < e && IsPunct(e1, ",")) {
    std::uint32_t b2 = e1 + 1;
    bool stop = IsLowerWord(b2) && (WordFlags(b2) & kStop);
    if (!stop && !IsTerminal(b2) && !IsQuoteMark(b2)) {
      std::uint32_t e2 = segment_end(b2);
      // "said the head of the committee, John Smith,"
      if (s.valid && !s.named) {
        Speaker name = ReadSegment(b2, e2);
        if (name.named && name.role.empty()) {
          std::uint32_t rb = b;
          if (IsArticle(rb)) ++rb;
          name.role = TextOf(rb, e1);
          name.person = name.person || !name.org;
          name.person_like = name.person;
          return name;
        }
      }
      if (s.named && e2 > b2 && e2 - b2 <= kMaxSegment) AddAppositive(s, b2, e2);
    }
  }
  return s;
}

// Pronouns take the last person-like speaker ("they": the last speaker);
// a surname alone takes the full name met earlier.
void Finder::Resolve(Speaker& s) {
  if (s.pronoun) {
    const Speaker& from = last_person_like_.valid ? last_person_like_ : last_speaker_;
    s = from;
    s.start = s.end = 0;
    s.pronoun = true;
    return;
  }
  if (!s.named || s.org) return;
  std::string lower;
  NormalizeInto(s.name, lower);
  for (auto it = persons_.rbegin(); it != persons_.rend(); ++it) {
    const std::string& known = it->lower;
    if (known.size() <= lower.size() ||
        known.compare(known.size() - lower.size(), lower.size(), lower) != 0) {
      continue;
    }
    char before = known[known.size() - lower.size() - 1];
    if (before != ' ' && before != '-') continue;
    s.name = it->name;
    if (s.role.empty()) s.role = it->role;
    s.person = s.person_like = true;
    return;
  }
}

void Finder::Remember(const Speaker& s) {
  if (!s.valid) return;
  last_speaker_ = s;
  if (s.person_like) last_person_like_ = s;
  if (!s.person || s.pronoun) return;
  std::string lower;
  NormalizeInto(s.name, lower);
  for (auto& p : persons_) {
    if (p.lower == lower) {
      if (p.role.empty()) p.role = s.role;
      return;
    }
  }
  if (persons_.size() == kMaxPersons) persons_.erase(persons_.begin());
  persons_.push_back({s.name, std::move(lower), s.role});
}

// ---- attribution -----------------------------------------------------------

std::uint32_t Finder::SentenceOf(std::uint32_t token) {
  // Callers ask in text order, except PairQuotes' look-back inside the
  // paragraph; step back then (bounded by the paragraph's sentences).
  while (sweep_sentence_ > 0 && sentences_[sweep_sentence_].first_token > token) {
    --sweep_sentence_;
  }
  while (sweep_sentence_ + 1 < sentences_.size() &&
         sentences_[sweep_sentence_ + 1].first_token <= token) {
    ++sweep_sentence_;
  }
  return sweep_sentence_;
}

// A say/tell verb in [b, open) at most `max_gap` tokens before the quote:
// "Al-Shammari said: “...”", "the ministry said in a statement that “...”",
// "“...,” he said, “...”". The speaker is before the verb, or after
// "according to".
bool Finder::AttributeBefore(std::uint32_t b, std::uint32_t open, std::uint32_t max_gap,
                             Speaker* s) {
  std::uint32_t lo = open > b + kWindow ? open - kWindow : b;
  for (std::uint32_t v = open; v-- > lo;) {
    if (IsTerminal(v) || IsQuoteMark(v)) return false;
    std::uint32_t len = 0;
    VerbKind kind = VerbAt(v, open, &len);
    if (kind == kNoVerb) continue;
    if (kind == kComm || kind == kParticiple) continue;
    if (open - (v + len) > max_gap) return false;
    if (kind == kAccordingTo) {
      std::uint32_t e = open;
      while (e > v + len && (IsPunct(e - 1, ",") || IsPunct(e - 1, ":"))) --e;
      *s = SpeakerAfter(v + len, e);
    } else {
      *s = SpeakerBefore(b, v);
    }
    return s->valid;
  }
  return false;
}

// A say/tell verb after the quote, before the clause ends: "“...,” X said",
// "“...,” said X, a ...", "“...” that serves ..., al-Shammari said",
// "“...,” according to X".
bool Finder::AttributeAfter(std::uint32_t i, std::uint32_t para_end, Speaker* s) {
  while (i < para_end && IsPunct(i, ",")) ++i;
  std::uint32_t hi = std::min(para_end, i + kWindow);
  for (std::uint32_t v = i; v < hi; ++v) {
    if (IsTerminal(v) || IsQuoteMark(v)) return false;
    std::uint32_t len = 0;
    VerbKind kind = VerbAt(v, hi, &len);
    if (kind == kNoVerb || kind == kComm || kind == kParticiple) continue;
    if (kind == kAccordingTo || v == i) {
      *s = SpeakerAfter(v + len, hi);
    } else {
      *s = SpeakerBefore(i, v);
    }
    return s->valid;
  }
  return false;
}

// A partial quote in a sentence whose subject speaks: "The ambassador
// praised the arrest, calling it “...”", "X criticised the measure, saying
// sanctions “...”". The subject ends at the first verb of expression.
bool Finder::AttributeSubject(std::uint32_t b, std::uint32_t open, Speaker* s) {
  std::uint32_t hi = std::min(open, b + kWindow);
  for (std::uint32_t v = b; v < hi; ++v) {
    if (IsQuoteMark(v)) return false;
    std::uint32_t len = 0;
    VerbKind kind = VerbAt(v, hi, &len);
    if (kind == kNoVerb || kind == kAccordingTo) continue;
    if (v == b) return false;
    *s = SpeakerBefore(b, v);
    return s->valid;
  }
  return false;
}

void Finder::Emit(std::uint32_t sentence, std::uint32_t start, std::uint32_t end, const Speaker& s,
                  bool direct) {
  Quote q;
  q.sentence_index = sentence;
  q.start = start;
  q.end = end;
  if (s.valid) {
    q.speaker = s.name;
    q.speaker_role = s.role;
    q.speaker_start = s.start;
    q.speaker_end = s.end;
  }
  q.direct = direct;
  out_.push_back(std::move(q));
}

void Finder::FindInParagraph(std::uint32_t s0, std::uint32_t s1) {
  std::uint32_t t0 = sentences_[s0].first_token;
  std::uint32_t t1 = sentences_[s1 - 1].first_token + sentences_[s1 - 1].token_count;
  if (t1 <= t0) return;
  sweep_sentence_ = s0;
  PairQuotes(t0, t1);
  sweep_sentence_ = s0;

  Speaker paragraph_speaker;  // of the last attributed quote in the paragraph
  size_t last_out = SIZE_MAX;
  bool last_unattributed = false;
  std::uint32_t last_close = t0;  // tokens before this were read
  bool last_was_unclosed = false;
  size_t next_span = 0;
  for (std::uint32_t si = s0; si < s1; ++si) {
    const text::Sentence& sentence = sentences_[si];
    std::uint32_t sb = sentence.first_token;
    std::uint32_t se = sb + sentence.token_count;
    bool has_quote = false;
    for (; next_span < spans_.size() && spans_[next_span].open < se; ++next_span) {
      const Span& span = spans_[next_span];
      has_quote = true;
      std::uint32_t inner_b = span.open + 1, inner_e = span.close;
      if (inner_b >= inner_e) continue;
      std::uint32_t start = tokens_[span.open].end;
      std::uint32_t end = span.closed ? tokens_[span.close].start : tokens_[inner_e - 1].end;
      while (start < end && IsAsciiSpace(text_[start])) ++start;
      while (end > start && (IsAsciiSpace(text_[end - 1]) || text_[end - 1] == ',')) --end;
      int words = CountWords(inner_b, inner_e);
      if (words == 0) continue;
      std::uint32_t open_sentence = SentenceOf(span.open);
      std::uint32_t window_b = std::max(sentences_[open_sentence].first_token, last_close);
      if (window_b > span.open) window_b = span.open;

      Speaker s;
      bool found = AttributeBefore(window_b, span.open, 3, &s);
      if (!found && span.closed) found = AttributeAfter(span.close + 1, t1, &s);
      if (!found) found = AttributeBefore(window_b, span.open, 10, &s);
      if (!found && window_b < span.open) found = AttributeSubject(window_b, span.open, &s);
      if (!found && span.open == t0 && t0 > 0 && IsPunct(t0 - 1, ":") &&
          !prev_para_speaker_.valid) {
        // "The ministry said in a statement:" and the quote as a paragraph.
        std::uint32_t pb = sentences_[s0 > 0 ? s0 - 1 : 0].first_token;
        found = AttributeBefore(pb, t0 - 1, 8, &s);
      }
      if (found) {
        Resolve(s);
        Remember(s);
      } else if (window_b == span.open) {
        // A quote that opens its sentence with nothing to attribute it to
        // continues the speaker of the paragraph's previous quote ("“...,”
        // he said. “Second quote.”"), or of the previous paragraph when
        // that one ended inside an open quotation or with a colon.
        if (paragraph_speaker.valid) {
          s = paragraph_speaker;
          found = true;
        } else if (span.open == t0 && prev_para_speaker_.valid &&
                   (prev_para_unclosed_ || (t0 > 0 && IsPunct(t0 - 1, ":")))) {
          s = prev_para_speaker_;
          found = true;
        }
      }
      if (!found) {
        if (span.single || !span.closed || words < kMinUnattributedWords ||
            LooksLikeName(inner_b, inner_e)) {
          last_close = span.closed ? span.close + 1 : inner_e;
          continue;
        }
      } else if (words <= 8 && LooksLikeName(inner_b, inner_e)) {
        last_close = span.closed ? span.close + 1 : inner_e;
        continue;
      }
      // "“First.” “Second,” she said.": the unattributed quote right before
      // takes this speaker.
      if (found && last_unattributed && last_out < out_.size() && next_span > 0 &&
          spans_[next_span - 1].closed && spans_[next_span - 1].close + 1 == span.open) {
        Quote& prev = out_[last_out];
        prev.speaker = s.name;
        prev.speaker_role = s.role;
        prev.speaker_start = s.start;
        prev.speaker_end = s.end;
      }
      std::uint32_t first_sentence = SentenceOf(inner_b);
      Emit(first_sentence, start, end, s, true);
      last_out = out_.size() - 1;
      last_unattributed = !found;
      if (found) paragraph_speaker = s;
      last_close = span.closed ? span.close + 1 : inner_e;
      last_was_unclosed = !span.closed;
      SentenceOf(span.open);
    }
    // A quotation that began in an earlier sentence may cover this one.
    if (!has_quote && !(next_span > 0 && spans_[next_span - 1].close >= sb)) ReportedSpeech(si);
  }
  prev_para_unclosed_ = last_was_unclosed;
  prev_para_speaker_ = paragraph_speaker;
}

// Reported speech in a sentence without quotation marks: "X said (that)
// CLAUSE", "CLAUSE, X said.", "according to X". Emitted only for a named
// person or an organisation; a verb of expression with a person-like
// subject is remembered for a later "he said".
void Finder::ReportedSpeech(std::uint32_t si) {
  const text::Sentence& sentence = sentences_[si];
  std::uint32_t b = sentence.first_token;
  std::uint32_t e = b + sentence.token_count;
  while (e > b && IsTerminal(e - 1)) --e;
  if (e <= b) return;
  auto emit_clause = [&](const Speaker& speaker, std::uint32_t cb, std::uint32_t ce) {
    while (cb < ce && (IsPunct(cb, ",") || IsPunct(cb, ":"))) ++cb;
    while (ce > cb && (IsPunct(ce - 1, ",") || IsTerminal(ce - 1))) --ce;
    if (CountWords(cb, ce) < kMinReportedWords) return;
    if (!(speaker.person || speaker.org)) return;
    Emit(si, tokens_[cb].start, tokens_[ce - 1].end, speaker, false);
  };
  for (std::uint32_t v = b; v < e; ++v) {
    std::uint32_t len = 0;
    VerbKind kind = VerbAt(v, e, &len);
    if (kind == kNoVerb) continue;
    if (kind == kAccordingTo) {
      // "According to X, CLAUSE." / "CLAUSE, according to X."
      std::uint32_t sb = v + len;
      std::uint32_t stop = sb;
      while (stop < e && !IsPunct(stop, ",")) ++stop;
      Speaker s = SpeakerAfter(sb, stop);
      if (!s.valid || s.pronoun) return;
      Resolve(s);
      if (v == b) {
        emit_clause(s, stop, e);
      } else if (stop == e && v > b && IsPunct(v - 1, ",")) {
        emit_clause(s, b, v - 1);
      }
      return;
    }
    if (v == b) return;
    Speaker s = SpeakerBefore(b, v);
    if (!s.valid) return;
    Resolve(s);
    if (s.pronoun) return;
    if (kind == kComm || kind == kParticiple) {
      Remember(s);
      return;
    }
    std::uint32_t after = v + len;
    bool comma_before = false;
    std::uint32_t comma = v;  // the last comma before the verb
    for (std::uint32_t i = v; i-- > b && i + kWindow > v;) {
      if (IsPunct(i, ",")) {
        comma_before = true;
        comma = i;
        break;
      }
    }
    if (comma_before && CountWords(after, e) <= 4 && (after >= e || !IsPunct(after, ","))) {
      // "CLAUSE, X said (on Monday)."
      Remember(s);
      emit_clause(s, b, comma);
      return;
    }
    // "The attack, the ministry said, killed 12": a parenthetical gives no
    // clause of its own.
    if (after >= e || IsPunct(after, ",") || comma_before) {
      Remember(s);
      return;
    }
    std::uint32_t clause = after;
    for (std::uint32_t i = after; i < e && i < after + 7; ++i) {
      if (IsLowerWord(i) && Tok(i) == "that") {
        clause = i + 1;
        break;
      }
    }
    Remember(s);
    // "told Reuters", "claimed responsibility", "recalled its ambassador":
    // without "that" these verbs need not report speech.
    if ((kind == kTell || kind == kSayThat) && clause == after) return;
    emit_clause(s, clause, e);
    return;
  }
}

void Finder::Run() {
  // Offsets from another text would read out of bounds: refuse them.
  for (const Token& t : tokens_) {
    if (t.start > t.end || t.end > text_.size()) return;
  }
  std::uint32_t s0 = 0;
  std::uint32_t prev_end = 0;
  for (std::uint32_t s = 0; s <= sentences_.size(); ++s) {
    bool boundary =
        s == sentences_.size() || (s > s0 && sentences_[s].paragraph != sentences_[s0].paragraph);
    if (s < sentences_.size()) {
      const text::Sentence& sentence = sentences_[s];
      if (sentence.first_token < prev_end ||
          sentence.first_token + static_cast<std::uint64_t>(sentence.token_count) >
              tokens_.size()) {
        return;
      }
      prev_end = sentence.first_token + sentence.token_count;
    }
    if (!boundary) continue;
    if (s > s0) FindInParagraph(s0, s);
    s0 = s;
  }
  std::stable_sort(out_.begin(), out_.end(),
                   [](const Quote& a, const Quote& b) { return a.start < b.start; });
}

}  // namespace

std::vector<Quote> QuoteFinder::Find(std::string_view text,
                                     const text::TokenizedText& tokenized) const {
  std::vector<Quote> quotes;
  if (text.size() >= UINT32_MAX) return quotes;
  Finder finder(data_->verbs, data_->words, text, tokenized, quotes);
  finder.Run();
  return quotes;
}

}  // namespace khaldun::quotes
