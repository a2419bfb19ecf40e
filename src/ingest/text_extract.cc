// Main-content extraction for pages saved as plain text.
//
// A text dump keeps the page's reading order but loses its markup, so the
// structure is recovered from the shape of each block:
//
//   [navigation, site name]  short lines, lexicon chrome
//   [section]                1-4 words right above the headline
//   headline                 title-like: no final period, < 26 words
//   [standfirst]             one prose block set off from the body by
//                            meta lines (byline, date, captions, chrome)
//   [captions, byline, date] meta lines
//   body                     prose paragraphs and the sub-headings between
//                            them, up to an end marker or the last prose
//   [related, comments, footer]
//
// The first long prose block anchors everything: the headline is the last
// title-like block above it that is not page furniture: page controls and
// counters ("Font size: A A A", "Views: 1 234"), calls to action ("Follow
// X on Y", "Get ... every morning. Subscribe"), breadcrumbs and meta lines
// split by "|" or "·", reader appeals (a question to the reader, then an
// imperative) and photo captions (a trailing "Outlet/Photographer" credit
// counts like a bracketed one) are chrome or meta by their shape. Nothing here knows any site's wording; the
// words it does know are the lexicon's and a few credit and role words
// that mean the same on every site.
#include "ingest/text_extract.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/text.h"
#include "ingest/dates.h"

namespace khaldun {
namespace {

// A headline has fewer words than this; longer title-like lines are
// unpunctuated prose.
constexpr int kMaxHeadlineWords = 25;
// Prose blocks of at least this many words can anchor the body.
constexpr int kMinAnchorWords = 12;
// Blocks ending like a sentence count as prose from this many words; a
// long block counts as prose even without final punctuation.
constexpr int kMinProseWords = 6;
constexpr int kUnpunctuatedProseWords = 30;
// Captions are a sentence or two; longer repeated text is not a caption.
constexpr int kMaxCaptionWords = 70;
// Byline and date lines are short.
constexpr int kMaxBylineWords = 16;
constexpr int kMaxDateLineWords = 20;
// An end marker is skipped when what follows is a short run of link titles
// and then real prose again (an inline "Related:" box); this bounds the
// look-ahead so a 100k-line page stays linear.
constexpr int kEndMarkerLookahead = 8;

struct Unit {
  std::string text;
  int words = 0;
  bool prose = false;      // reads as running text
  bool title_like = false;
  bool chrome = false;     // lexicon phrase, form prompt, page control, appeal
  bool control = false;    // a page control or counter ("Font size: A A A")
  bool end_marker = false;
  bool caption = false;    // photo caption (credited or repeated)
  bool duplicate = false;  // a later copy of an earlier unit
  bool date_line = false;  // short line holding a date
  bool byline = false;
  std::vector<std::string> names;    // byline names
  std::vector<std::string> credits;  // byline agencies or roles, when no name
  std::string date;                  // YYYY-MM-DD found in a date or byline line

  bool Meta() const {
    return chrome || end_marker || caption || duplicate || date_line || byline;
  }
};

// ---------------------------------------------------------------------------
// Small text predicates.


bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigitAscii(char c) { return c >= '0' && c <= '9'; }

// Closing quotes and brackets that may follow a sentence's final mark.
std::string_view StripClosers(std::string_view s) {
  static constexpr std::string_view kClosers[] = {
      "\"", "'", ")", "]", "\u201d", "\u2019", "\u00bb", " "};
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view c : kClosers) {
      if (s.ends_with(c)) {
        s.remove_suffix(c.size());
        changed = true;
      }
    }
  }
  return s;
}

bool EndsLikeSentence(std::string_view s) {
  s = StripClosers(s);
  if (s.empty()) return false;
  char last = s.back();
  if (last == '.' || last == '!' || last == '?') return true;
  // Ellipsis, CJK full stops, Arabic question mark, Urdu full stop.
  for (std::string_view mark : {"\u2026", "\u3002", "\uff01", "\uff1f", "\u061f", "\u06d4"}) {
    if (s.ends_with(mark)) return true;
  }
  return false;
}

// True when the first letter is a capital, a digit, or a letter of a
// script without case (so headlines in Arabic or Chinese qualify).
bool StartsLikeTitle(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"' || c == '\'' || c == '(' || c == '[' || c == ' ') continue;
    if (IsUpperAscii(c) || IsDigitAscii(c)) return true;
    if (IsLowerAscii(c)) return false;
    if ((static_cast<unsigned char>(c) & 0x80) != 0) {
      size_t pos = i;
      char32_t cp = NextCodePoint(s, &pos);
      // Latin-1 and Extended-A lower case letters, Cyrillic lower case.
      if ((cp >= 0xDF && cp <= 0xFF) || (cp >= 0x430 && cp <= 0x45F)) return false;
      if (cp >= 0x100 && cp <= 0x17F) return cp % 2 == 0;
      return true;  // opening quotes, caseless scripts, other capitals
    }
    return false;
  }
  return false;
}

bool IsTitleLike(std::string_view s, int words) {
  if (words == 0 || words > kMaxHeadlineWords) return false;
  std::string_view stripped = StripClosers(s);
  if (stripped.empty()) return false;
  char last = stripped.back();
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '*' || last == '|') {
    return false;
  }
  return StartsLikeTitle(s);
}

// Splits on a separator string, trimming each piece.
std::vector<std::string_view> Split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    parts.push_back(TrimAscii(s.substr(start, at == kNpos ? kNpos : at - start)));
    if (at == kNpos) break;
    start = at + sep.size();
  }
  return parts;
}

// ---------------------------------------------------------------------------
// Captions.

bool ContainsCreditWord(std::string_view lower, const BylineWords& words) {
  for (std::string_view word : words.List(BylineWords::kCredit)) {
    size_t at = 0;
    while ((at = lower.find(word, at)) != kNpos) {
      bool start_ok = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
      size_t end = at + word.size();
      bool end_ok = end >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
      if (start_ok && end_ok) return true;
      at = end;
    }
  }
  return false;
}

bool LooksLikeName(std::string_view s, const BylineWords& words_list);
bool IsNameParticle(std::string_view w, const BylineWords& words);

// "Police patrol a road. Source: Haitian National Police": a caption's
// sentence, then a short credit after a "Source:" label. Prose quotes its
// sources in sentences, never as a trailing label.
bool HasTrailingSourceCredit(std::string_view text, const BylineWords& words) {
  std::string_view s = TrimAscii(text);
  size_t at = s.rfind(" Source: ");
  if (at == kNpos || !EndsLikeSentence(s.substr(0, at))) return false;
  std::string_view credit = TrimAscii(s.substr(at + 9));
  if (!credit.empty() && (credit.back() == '.')) credit.remove_suffix(1);
  return CountWords(credit) <= 6 && LooksLikeName(credit, words);
}

// A block ending in a bracketed credit ("[Photo circulated on social
// media]", "(AFP)", "(Photo: Jane Doe/Reuters)"), or carrying a credit
// phrase a caption always has and prose never does.
bool IsCaptionCredit(std::string_view text, const BylineWords& words) {
  std::string lower = AsciiLowerCopy(text);
  std::string_view s = TrimAscii(lower);
  if (s.empty()) return false;
  char close = s.back();
  if (close == ']' || close == ')') {
    char open = close == ']' ? '[' : '(';
    size_t at = s.rfind(open);
    if (at != kNpos && ContainsCreditWord(s.substr(at + 1), words)) return true;
  }
  for (std::string_view phrase : words.List(BylineWords::kCreditPhrase)) {
    if (s.find(phrase) != kNpos) return true;
  }
  return HasTrailingSourceCredit(text, words);
}

// The trailing bracket of "Sentence. (Credit)" / "Sentence. [Credit]", or
// empty: a short group of capitalised words, possibly split by '/', right
// after a sentence's final mark. Prose does not put a bare name in
// brackets after its full stop; a photo credit does.
std::string_view TrailingBracketCredit(std::string_view text) {
  std::string_view s = TrimAscii(text);
  if (s.empty() || (s.back() != ')' && s.back() != ']')) return {};
  char open = s.back() == ']' ? '[' : '(';
  size_t at = s.rfind(open);
  if (at == kNpos || at == 0) return {};
  std::string_view before = TrimAscii(s.substr(0, at));
  if (!EndsLikeSentence(before)) return {};
  std::string_view inner = TrimAscii(s.substr(at + 1, s.size() - at - 2));
  if (inner.empty() || CountWords(inner) > 8) return {};
  for (char c : inner) {
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == '[') return {};
  }
  return inner;
}

// The text before a trailing bracket credit, for the sentence test of
// repeated captions ("Caption text. (Agency/Photographer)").
std::string_view WithoutTrailingBracket(std::string_view text) {
  std::string_view credit = TrailingBracketCredit(text);
  if (credit.empty()) return text;
  std::string_view s = TrimAscii(text);
  return TrimAscii(s.substr(0, s.rfind(s.back() == ']' ? '[' : '(')));
}

// True when `word` is capitalised as a name or a credit is ("Post",
// "AFP", "Émile"), or is a name particle.
bool IsCapitalisedWord(std::string_view w, const BylineWords& words) {
  if (w.empty()) return false;
  for (char c : w) {
    if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']') {
      return false;
    }
  }
  unsigned char first = static_cast<unsigned char>(w[0]);
  return IsUpperAscii(w[0]) || first >= 0x80 || IsNameParticle(w, words);
}

// The photo credit closing "Caption sentence. Outlet/Photographer" (also
// "... Agency/Staff Photographer", "... Jane Doe/Reuters"), or empty: after
// the last sentence mark, one to eight capitalised words joined by '/'
// and no final stop. Prose never ends a paragraph on a bare run of names
// split by a slash; a credited photo does.
std::string_view TrailingSlashCredit(std::string_view text, const BylineWords& words) {
  std::string_view s = TrimAscii(text);
  if (s.empty() || EndsLikeSentence(s)) return {};
  size_t end = kNpos;
  for (std::string_view mark : {". ", "? ", "! ", ".\" ", "?\" ", ".\u201d "}) {
    size_t at = s.rfind(mark);
    if (at != kNpos && (end == kNpos || at + mark.size() > end)) end = at + mark.size();
  }
  if (end == kNpos) return {};
  std::string_view before = TrimAscii(s.substr(0, end));
  std::string_view credit = TrimAscii(s.substr(end));
  if (CountWords(before) < 4 || credit.find('/') == kNpos || CountWords(credit) > 8) return {};
  for (std::string_view piece : Split(credit, "/")) {
    int n = CountWords(piece);
    if (n == 0 || n > 4) return {};
    for (std::string_view w : Split(piece, " ")) {
      if (!w.empty() && !IsCapitalisedWord(w, words)) return {};
    }
  }
  return credit;
}

// The caption without a trailing credit in brackets or after a slash.
std::string_view WithoutTrailingCredit(std::string_view text, const BylineWords& words) {
  std::string_view credit = TrailingSlashCredit(text, words);
  if (credit.empty()) return WithoutTrailingBracket(text);
  std::string_view s = TrimAscii(text);
  return TrimAscii(s.substr(0, s.size() - credit.size()));
}

// "Image caption, Soldiers ..." / "Caption: Soldiers ...": the caption
// without its label, or empty.
std::string_view CaptionAfterLabel(std::string_view text, const BylineWords& words) {
  for (std::string_view label : words.List(BylineWords::kCaptionLabel)) {
    if (StartsWithIgnoreCase(text, label)) {
      std::string_view rest = text.substr(label.size());
      if (rest.empty() || (rest[0] != ',' && rest[0] != ':')) continue;
      return TrimAscii(rest.substr(1));
    }
  }
  return {};
}

// ---------------------------------------------------------------------------
// Bylines.

bool IsAgencyOrRole(std::string_view piece, const BylineWords& words) {
  std::string lower = AsciiLowerCopy(piece);
  if (words.Is(BylineWords::kAgency, lower)) return true;
  for (std::string_view r : words.List(BylineWords::kRole)) {
    if (lower == r || (lower.starts_with(r) && lower[r.size()] == ' ')) return true;
    // "Srinagar Bureau", "Defence Correspondent": a one-word role after a
    // place or a beat, every word capitalised as a title is.
    if (r.find(' ') == kNpos && lower.size() > r.size() + 1 && lower.ends_with(r) &&
        lower[lower.size() - r.size() - 1] == ' ' && CountWords(piece) <= 3 &&
        IsUpperAscii(TrimAscii(piece)[0])) {
      return true;
    }
  }
  return lower.starts_with("in ") || lower.starts_with("for ") || lower.starts_with("with ");
}

bool IsNameParticle(std::string_view w, const BylineWords& words) {
  if (words.Is(BylineWords::kParticle, w)) return true;
  // "al-Bar", "ad-Din": a lower-case particle joined to a capitalised name.
  size_t dash = w.find('-');
  return dash != kNpos && dash + 1 < w.size() && IsUpperAscii(w[dash + 1]);
}

// A person's name: one to five words, each capitalised or a particle, the
// first not a particle-only word; caseless scripts pass.
bool LooksLikeName(std::string_view s, const BylineWords& words_list) {
  std::vector<std::string_view> words = Split(s, " ");
  if (words.empty() || words.size() > 5) return false;
  int capitalised = 0;
  for (std::string_view w : words) {
    if (w.empty()) return false;
    for (char c : w) {
      if (IsDigitAscii(c) || c == '@' || c == '/' || c == ':') return false;
    }
    unsigned char first = static_cast<unsigned char>(w[0]);
    if (IsUpperAscii(w[0]) || first >= 0x80) {
      ++capitalised;
    } else if (!IsNameParticle(w, words_list)) {
      return false;
    }
  }
  return capitalised > 0;
}

// "Yael Ben-Ami in Jerusalem" -> "Yael Ben-Ami": a reporter's location
// after a name. Left alone unless what precedes " in " is a name.
std::string_view WithoutLocation(std::string_view piece, const BylineWords& words) {
  size_t in = piece.find(" in ");
  if (in == kNpos || in + 4 >= piece.size() || !IsUpperAscii(piece[in + 4])) return piece;
  std::string_view name = TrimAscii(piece.substr(0, in));
  return LooksLikeName(name, words) ? name : piece;
}

// Splits "Jane Doe and John Roe, Reuters" into names. Agencies and roles
// go to `credits` ("AFP", "our correspondent in Bunia"): they are the
// byline when no person is named. A one-word piece after a full name is
// the reporter's town ("Jean Dupont, Port-au-Prince"), not a second name.
std::vector<std::string> SplitNames(std::string_view list, const BylineWords& words,
                                    std::vector<std::string>& credits) {
  std::vector<std::string> names;
  for (std::string_view comma_part : Split(list, ",")) {
    for (std::string_view semi_part : Split(comma_part, ";")) {
      for (std::string_view amp_part : Split(semi_part, " & ")) {
        for (std::string_view and_part : Split(amp_part, " and ")) {
          std::string_view piece = WithoutLocation(TrimAscii(and_part), words);
          if (piece.empty()) continue;
          if (IsAgencyOrRole(piece, words)) {
            credits.emplace_back(piece);
            continue;
          }
          if (LooksLikeName(piece, words)) names.emplace_back(piece);
        }
      }
    }
  }
  bool full_name = std::any_of(names.begin(), names.end(),
                               [](const std::string& n) { return CountWords(n) >= 2; });
  if (full_name) {
    std::erase_if(names, [](const std::string& n) { return CountWords(n) < 2; });
  }
  return names;
}

// Splits a meta line at the separators sites put between its fields.
std::vector<std::string_view> SplitFields(std::string_view s) {
  std::vector<std::string_view> fields;
  for (std::string_view bar_part : Split(s, "|")) {
    for (std::string_view dot_part : Split(bar_part, " \u00b7 ")) {
      for (std::string_view bullet_part : Split(dot_part, " \u2022 ")) {
        fields.push_back(bullet_part);
      }
    }
  }
  return fields;
}

// Recognises a byline line and fills unit.names / unit.credits /
// unit.date.
bool ParseByline(Unit& unit, const BylineWords& words) {
  if (unit.words == 0 || unit.words > kMaxBylineWords || unit.prose) return false;
  std::string_view s = unit.text;
  // "By Monday, troops had withdrawn." is a sentence, not a byline.
  if (TrimAscii(s).ends_with(".") && unit.words > 3) return false;
  std::string_view rest;
  bool marked = false;
  size_t marker_size = 0;
  for (std::string_view marker : words.List(BylineWords::kMarker)) {
    if (marker.size() > marker_size && s.size() > marker.size() &&
        StartsWithIgnoreCase(s, marker) && (s[marker.size()] == ' ' || s[marker.size()] == ':')) {
      marker_size = marker.size();
    }
  }
  if (marker_size > 0) {
    rest = TrimAscii(s.substr(marker_size));
    if (rest.starts_with(":")) rest = TrimAscii(rest.substr(1));
    // "Reporting by A; Editing by B": the credits after ';' name other
    // jobs (editing, writing), not the reporters.
    size_t semi = rest.find(';');
    if (semi != kNpos && FindIgnoreCase(rest.substr(semi), " by ") != kNpos) {
      rest = TrimAscii(rest.substr(0, semi));
    }
    marked = true;
  }
  if (!marked) {
    // "Posted on August 18, 2024 by Jane Doe": a date, then "by".
    size_t by = FindIgnoreCase(s, " by ");
    if (by != kNpos && !FindDateInText(s.substr(0, by)).empty()) {
      unit.date = FindDateInText(s.substr(0, by));
      rest = s.substr(by + 4);
      marked = true;
    }
  }
  if (!marked) {
    // No marker word: "Jane Doe, Staff writer", "April 9, 2025 | Jane
    // Doe", "Our Correspondent". Every field must be a date, a full name
    // or a role, and a name or a role must be there.
    bool comma_role = false;
    size_t sep = s.find_first_of(",|");
    if (sep != kNpos) {
      std::string_view name = TrimAscii(s.substr(0, sep));
      std::string_view after = TrimAscii(s.substr(sep + 1));
      std::string_view role = TrimAscii(after.substr(0, after.find_first_of(",|")));
      comma_role =
          LooksLikeName(name, words) && CountWords(name) >= 2 && IsAgencyOrRole(role, words);
    }
    if (!comma_role) {
      // A bare name could be the site's name or a section; only a date
      // beside it, or a role, makes the line a byline.
      // A one-word field is the reporter's town ("Staff Correspondent |
      // Khulna"): allowed beside a role or a dated name, never alone.
      bool dated = false;
      bool role = false;
      bool name = false;
      for (std::string_view field : SplitFields(s)) {
        if (field.empty()) continue;
        if (!FindDateInText(field).empty()) {
          dated = true;
        } else if (words.Is(BylineWords::kRole, field)) {
          role = true;
        } else if (LooksLikeName(field, words) && CountWords(field) >= 2 &&
                   CountWords(field) <= 4) {
          name = true;
        } else if (!(LooksLikeName(field, words) && CountWords(field) == 1)) {
          return false;
        }
      }
      if (!role && !(name && dated)) return false;
    }
    rest = s;
  }
  // Fields after the first hold dates, editors, agencies or nothing ("By
  // Anas al-Bar |", "Written by A · Edited by B").
  std::vector<std::string_view> parts = SplitFields(rest);
  std::vector<std::string> names;
  std::vector<std::string> credits;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string date = FindDateInText(parts[i]);
    if (!date.empty()) {
      if (unit.date.empty()) unit.date = date;
      continue;
    }
    // A single word after a role is where the reporter files from
    // ("Staff Correspondent | Khulna"), not a name.
    if (names.empty() && !credits.empty() && CountWords(parts[i]) == 1) continue;
    if (names.empty()) {
      for (std::string& n : SplitNames(parts[i], words, credits)) names.push_back(std::move(n));
    }
  }
  // "By" followed by a lower-case word is prose ("By then, the army ...").
  if (names.empty() && credits.empty()) return false;
  unit.names = std::move(names);
  unit.credits = std::move(credits);
  return true;
}

// A wire story's closing contributor line: "El-Sayed reported from Cairo.
// Osman reported from Port Sudan." Every sentence is a list of names and a
// contributor phrase.
bool IsContributorLine(std::string_view text, int words_in_text, const BylineWords& words) {
  if (words_in_text > 40) return false;
  std::string_view rest = TrimAscii(text);
  bool any = false;
  while (!rest.empty()) {
    size_t end = rest.find(". ");
    std::string_view sentence = end == kNpos ? rest : rest.substr(0, end + 1);
    rest = end == kNpos ? std::string_view() : TrimAscii(rest.substr(end + 2));
    std::string lower = AsciiLowerCopy(sentence);
    bool matched = false;
    for (std::string_view phrase : words.List(BylineWords::kContributor)) {
      size_t at = lower.find(std::string(" ") + std::string(phrase));
      if (at == kNpos || at == 0) continue;
      std::vector<std::string> credits;
      std::vector<std::string> names = SplitNames(sentence.substr(0, at), words, credits);
      if (names.empty()) continue;
      matched = true;
      break;
    }
    if (!matched) return false;
    any = true;
  }
  return any;
}

// ---------------------------------------------------------------------------
// Datelines.

bool HasMonthWordOrDigit(std::string_view s) {
  for (char c : s) {
    if (IsDigitAscii(c)) return true;
  }
  for (std::string_view word : Split(s, " ")) {
    if (MonthFromName(word) != 0) return true;
  }
  return false;
}

// "Democratic Republic of the Congo" -> "Democratic Republic Congo": place
// names join capitalised words with "of" and "of the", names of people do
// not, so the dateline test drops them before the name test.
std::string WithoutInnerOf(std::string_view place) {
  std::string out(TrimAscii(place));
  for (std::string_view joiner : {" of the ", " of "}) {
    for (size_t at = out.find(joiner); at != std::string::npos && at > 0; at = out.find(joiner)) {
      out.replace(at, joiner.size(), " ");
    }
  }
  return out;
}

bool IsAllCapsWord(std::string_view w) {
  int letters = 0;
  for (char c : w) {
    if (IsLowerAscii(c)) return false;
    if (IsUpperAscii(c)) ++letters;
  }
  return letters >= 2;
}

// The place that opens a body paragraph: "BAGHDAD (AFP) —", "KYIV, Ukraine
// —", "Gaza City, Aug 30 (Reuters) -", "KABUL:". Empty when the paragraph
// does not open with one.
std::string FindDateline(std::string_view paragraph, const BylineWords& words) {
  static constexpr std::string_view kDashes[] = {" \u2014 ", " \u2013 ", " - ",     " -- ",
                                                 "\u2014",   " \u2014",  "\u2014 ", " \u2013"};
  size_t best = kNpos;
  for (std::string_view dash : kDashes) {
    best = std::min(best, paragraph.find(dash));
  }
  bool colon = false;
  size_t colon_at = paragraph.find(": ");
  if (colon_at != kNpos && colon_at < best) {
    best = colon_at;
    colon = true;
  }
  if (best == kNpos || best == 0 || best > 90) return "";
  std::string_view head = TrimAscii(paragraph.substr(0, best));
  if (CountWords(head) > 10 || !StartsLikeTitle(head)) return "";
  // "May 6, 2025 (EL FASHER) -": a date, then the place in capitals in
  // brackets.
  size_t open = head.find('(');
  if (open != kNpos && head.ends_with(")")) {
    std::string_view inner = TrimAscii(head.substr(open + 1, head.size() - open - 2));
    bool dated = true;
    for (std::string_view part : Split(head.substr(0, open), ",")) {
      if (!part.empty() && !HasMonthWordOrDigit(part)) dated = false;
    }
    bool caps_place = !inner.empty();
    for (std::string_view w : Split(inner, " ")) {
      if (!IsAllCapsWord(w) && !IsNameParticle(w, words)) caps_place = false;
    }
    if (dated && caps_place && open > 0) return std::string(inner);
  }
  // Remove the agency in brackets: "BAGHDAD (AFP)".
  bool agency = false;
  std::string without_brackets;
  int depth = 0;
  for (char c : head) {
    if (c == '(') {
      ++depth;
      agency = true;
      continue;
    }
    if (c == ')') {
      if (depth > 0) --depth;
      continue;
    }
    if (depth == 0) without_brackets += c;
  }
  // Drop date pieces: "Gaza City, Aug 30".
  std::vector<std::string> places;
  for (std::string_view part : Split(without_brackets, ",")) {
    if (part.empty()) continue;
    if (HasMonthWordOrDigit(part)) continue;
    if (!LooksLikeName(WithoutInnerOf(part), words)) return "";
    places.emplace_back(part);
  }
  if (places.empty()) return "";
  std::string_view first_word = places[0];
  first_word = first_word.substr(0, first_word.find(' '));
  bool caps = IsAllCapsWord(first_word);
  // A colon opens too many ordinary sentences ("Officials said: ..."); only
  // the all-caps place of Asian wire style counts.
  if (colon && !caps) return "";
  if (!agency && !caps && places.size() < 2) return "";
  std::string place;
  for (const std::string& p : places) {
    if (!place.empty()) place += ", ";
    place += p;
  }
  return place;
}

// ---------------------------------------------------------------------------
// Splitting the page into units.

// Normalises line ends and repairs UTF-8, noting problems.
std::string CleanInput(std::string_view body, std::vector<std::string>& diagnostics) {
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  std::string text;
  size_t invalid = CountInvalidUtf8(body);
  if (invalid > 0) {
    diagnostics.push_back("replaced " + std::to_string(invalid) +
                          " invalid UTF-8 sequence(s) with U+FFFD");
    text = RepairUtf8(body);
  } else {
    text.assign(body);
  }
  std::string out;
  out.reserve(text.size());
  std::string_view in(text);
  size_t i = 0;
  while (i < in.size()) {
    // Copy the run up to the next byte that may need rewriting in one go.
    size_t special = in.find_first_of("\r\xC2\xE2", i);
    if (special == std::string_view::npos) special = in.size();
    out.append(in.data() + i, special - i);
    i = special;
    if (i >= in.size()) break;
    if (in[i] == '\r') {
      out += '\n';
      i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
    } else if (in.substr(i, 2) == "\xC2\xA0") {
      // No-break spaces (U+00A0) are spaces to every rule here: a dateline
      // dash or a byline separator set off by one must still be found.
      out += ' ';
      i += 2;
    } else if (in.substr(i, 3) == "\xE2\x80\xAF") {  // U+202F
      out += ' ';
      i += 3;
    } else {
      out += in[i];
      ++i;
    }
  }
  return out;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == kNpos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool IsBlank(std::string_view line) { return CollapseWhitespace(line).empty(); }

// A menu bar dumped as one line keeps the gaps between its items ("Home
// World   Middle East   Opinion"); prose never puts three spaces or a
// tab between words twice on a line. Such a line is rewritten with " | "
// between its items so the menu and section rules see its fields.
std::string WithColumnGapsAsFields(std::string_view line) {
  auto gap_at = [&](size_t i, size_t* end) {
    size_t j = i;
    while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
    *end = j;
    return j - i >= 3 || (j > i && line.substr(i, j - i).find('\t') != kNpos);
  };
  int gaps = 0;
  std::string_view trimmed = TrimAscii(line);
  size_t lead = trimmed.empty() ? 0 : static_cast<size_t>(trimmed.data() - line.data());
  size_t stop = lead + trimmed.size();
  for (size_t i = lead; i < stop;) {
    size_t end;
    if ((line[i] == ' ' || line[i] == '\t') && gap_at(i, &end)) {
      ++gaps;
      i = end;
    } else {
      ++i;
    }
  }
  if (gaps < 2) return std::string(line);
  std::string out;
  for (size_t i = lead; i < stop;) {
    size_t end;
    if ((line[i] == ' ' || line[i] == '\t') && gap_at(i, &end)) {
      // An item separator already printed between the gaps stays single.
      if (!out.ends_with(" | ") && !out.ends_with("|")) out += " | ";
      i = end;
      while (i < stop && line[i] == '|') {
        ++i;
        while (i < stop && (line[i] == ' ' || line[i] == '\t')) ++i;
      }
    } else {
      out += line[i++];
    }
  }
  return out;
}

// True when the lines of a block are one paragraph wrapped at a fixed
// width (a terminal dump): similar lengths, mostly not ending sentences.
// Otherwise each line is its own unit (repeated captions, button runs).
bool IsHardWrapped(const std::vector<std::string>& lines) {
  if (lines.size() < 2) return false;
  size_t shortest = kNpos;
  size_t longest = 0;
  int sentence_ends = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    shortest = std::min(shortest, lines[i].size());
    longest = std::max(longest, lines[i].size());
    if (EndsLikeSentence(lines[i])) ++sentence_ends;
  }
  size_t wrapped = lines.size() - 1;
  return shortest >= 40 && longest <= 110 && longest - shortest <= 35 &&
         static_cast<size_t>(sentence_ends) * 2 <= wrapped;
}

// Blocks are separated by blank lines; a page without any blank line has
// one block per line. Within a block, hard-wrapped lines are joined.
std::vector<std::string> SplitUnits(std::string_view text, bool join_lines_in_block,
                                    const BoilerplateLexicon& lexicon, const BylineWords& words) {
  std::vector<std::string_view> lines = Lines(text);
  // Only a blank line between two text lines counts: a trailing newline
  // or leading padding does not make a page "blank-line separated".
  bool has_blank = false;
  bool seen_text = false;
  bool pending_blank = false;
  for (std::string_view line : lines) {
    if (IsBlank(line)) {
      pending_blank = seen_text;
    } else if (pending_blank) {
      has_blank = true;
      break;
    } else {
      seen_text = true;
    }
  }
  std::vector<std::string> units;
  std::vector<std::string> block;
  auto flush = [&] {
    if (block.empty()) return;
    // A run of footer lines of similar length ("Want more? ...", "Share
    // this article: ...") is not one wrapped paragraph when any of its
    // lines is chrome by itself.
    // The same goes for a byline line ("By Jane Doe, Gaza" above the date).
    auto has_chrome_line = [&] {
      return std::any_of(block.begin(), block.end(), [&](const std::string& l) {
        if (lexicon.IsChrome(l) || lexicon.IsEndMarker(l)) return true;
        Unit line;
        line.text = l;
        line.words = CountWords(l);
        return ParseByline(line, words);
      });
    };
    if (join_lines_in_block || (IsHardWrapped(block) && !has_chrome_line())) {
      std::string joined;
      for (const std::string& l : block) {
        if (!joined.empty()) joined += ' ';
        joined += l;
      }
      units.push_back(std::move(joined));
    } else {
      for (std::string& l : block) units.push_back(std::move(l));
    }
    block.clear();
  };
  for (std::string_view line : lines) {
    std::string collapsed = CollapseWhitespace(WithColumnGapsAsFields(line));
    if (collapsed.empty()) {
      flush();
      continue;
    }
    if (!has_blank) {
      units.push_back(std::move(collapsed));
      continue;
    }
    block.push_back(std::move(collapsed));
  }
  flush();
  return units;
}

// A form field label: "Name *", "Email *", "Captcha *".
bool IsFormPrompt(std::string_view text, int words) {
  std::string_view t = TrimAscii(text);
  return words <= 4 && (t.ends_with("*") || t.ends_with("*:") || t.ends_with("(required)"));
}

// The first sentence of a block, for prompts that run on ("We use cookies
// to improve your experience. By continuing ...").
std::string_view FirstSentence(std::string_view text) {
  size_t end = text.find(". ");
  return end == kNpos ? text : text.substr(0, end + 1);
}

// The first word of `s`, ASCII lower case, trailing punctuation removed.
std::string FirstWordLower(std::string_view s) {
  s = TrimAscii(s);
  std::string w = AsciiLowerCopy(s.substr(0, s.find(' ')));
  while (!w.empty() && !std::isalnum(static_cast<unsigned char>(w.back()))) w.pop_back();
  return w;
}

// True when `lower` holds `word` with a non-alphanumeric byte (or the end)
// on each side.
bool HasWord(std::string_view lower, std::string_view word) {
  size_t at = 0;
  while ((at = lower.find(word, at)) != kNpos) {
    bool start_ok = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
    size_t end = at + word.size();
    bool end_ok = end >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
    if (start_ok && end_ok) return true;
    at = end;
  }
  return false;
}

// A page control or counter: "Font size: A A A", "Text size A- A A+",
// "Views: 4 318", "Reading time: 3 min". Its value is single letters,
// numbers or a time unit, never the words a headline or a label uses.
bool IsPageControl(std::string_view text, int words) {
  if (words == 0 || words > 8) return false;
  std::string_view s = TrimAscii(text);
  size_t colon = s.find(':');
  std::string_view value = s;
  if (colon != kNpos) {
    std::string_view label = TrimAscii(s.substr(0, colon));
    if (label.empty() || CountWords(label) > 3 || !StartsLikeTitle(label)) return false;
    value = TrimAscii(s.substr(colon + 1));
  }
  static constexpr std::string_view kUnits[] = {"min", "mins", "minute", "minutes", "read",
                                                "sec", "secs", "views", "reads"};
  int tokens = 0;
  int small = 0;    // single letters, numbers, units
  int letters = 0;  // single letters ("A", "A+", "a-")
  for (std::string_view t : Split(value, " ")) {
    if (t.empty()) continue;
    ++tokens;
    int alpha = 0;
    bool other = false;
    for (char c : t) {
      if (IsUpperAscii(c) || IsLowerAscii(c)) {
        ++alpha;
      } else if (!IsDigitAscii(c) && c != '+' && c != '-' && c != ',' && c != '.' && c != '%') {
        other = true;
      }
    }
    std::string lower = AsciiLowerCopy(t);
    bool unit = std::find(std::begin(kUnits), std::end(kUnits), lower) != std::end(kUnits);
    if ((alpha <= 1 && !other) || unit) ++small;
    if (alpha == 1 && !other) ++letters;
  }
  if (tokens == 0) return false;
  if (colon != kNpos) return small == tokens;
  // "4 min read", "4,318 views": a count and its unit.
  bool counted = small == tokens && tokens >= 2 && tokens > letters &&
                 std::any_of(value.begin(), value.end(), IsDigitAscii);
  return counted || (letters >= 2 && small >= 3 && small * 2 > tokens);
}

// A call to action: "Follow Outlet on Google News", "Get our briefing,
// every weekday morning. Subscribe", "Download the app". It opens with a
// verb addressed to the reader and names a channel, a schedule or a
// sign-up; a headline in the imperative does neither.
bool IsCallToAction(std::string_view text, int words) {
  if (words < 2 || words > 16) return false;
  static constexpr std::string_view kVerbs[] = {
      "follow", "subscribe", "sign",   "get",    "join",   "download", "install",
      "listen", "register",  "donate", "become", "enable", "turn",     "receive"};
  static constexpr std::string_view kChannels[] = {
      "newsletter", "newsletters", "inbox",    "subscribe", "subscription", "sign up",
      "app",        "podcast",     "alerts",   "notifications", "google news", "whatsapp",
      "telegram",   "channel",     "every",    "daily",     "weekly",       "briefing",
      "updates",    "email",       "rss"};
  std::string first = FirstWordLower(text);
  if (std::find(std::begin(kVerbs), std::end(kVerbs), first) == std::end(kVerbs)) return false;
  std::string lower = AsciiLowerCopy(TrimAscii(text));
  std::string_view rest = std::string_view(lower).substr(std::min(lower.size(), first.size()));
  for (std::string_view c : kChannels) {
    if (HasWord(rest, c)) return true;
  }
  // "Follow Outlet on X": a platform's name closes the line.
  std::string_view t = TrimAscii(text);
  size_t on = t.rfind(" on ");
  if (on != kNpos && !EndsLikeSentence(t)) {
    std::string_view platform = TrimAscii(t.substr(on + 4));
    if (CountWords(platform) <= 3 && StartsLikeTitle(platform)) return true;
  }
  return false;
}

// The sentences of a short block, each with its final mark.
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> out;
  std::string_view rest = TrimAscii(text);
  while (!rest.empty()) {
    size_t end = kNpos;
    for (size_t i = 0; i + 1 < rest.size(); ++i) {
      char c = rest[i];
      if ((c == '.' || c == '?' || c == '!') && rest[i + 1] == ' ') {
        end = i + 1;
        break;
      }
    }
    if (end == kNpos) {
      out.push_back(rest);
      break;
    }
    out.push_back(TrimAscii(rest.substr(0, end)));
    rest = TrimAscii(rest.substr(end));
  }
  return out;
}

// A reader appeal: a question put to the reader ("Do you value ...?",
// "Want to republish it?") and, in another sentence, what to do about it
// ("Support us.", "Contact our licensing team."). Quoted speech is
// never the page talking.
bool IsReaderAppeal(std::string_view text, int words) {
  if (words < 5 || words > 45) return false;
  if (text.find('"') != kNpos || text.find("\u201c") != kNpos) return false;
  static constexpr std::string_view kAsks[] = {"do you",   "would you", "did you", "want to",
                                               "wish to",  "like",      "enjoy",   "enjoyed",
                                               "found",    "value",     "care about",
                                               "want more", "interested in"};
  static constexpr std::string_view kActs[] = {
      "support", "donate", "subscribe", "contact", "sign",   "join",  "become", "help",
      "give",    "click",  "email",     "write",   "consider", "please", "chip", "pledge"};
  std::vector<std::string_view> sentences = Sentences(text);
  if (sentences.size() < 2 || sentences.size() > 4) return false;
  bool ask = false;
  bool act = false;
  for (std::string_view sentence : sentences) {
    std::string lower = AsciiLowerCopy(sentence);
    if (EndsLikeSentence(sentence) && StripClosers(sentence).ends_with("?") &&
        HasWord(lower, "you")) {
      for (std::string_view a : kAsks) {
        if (lower.starts_with(a) && (lower.size() == a.size() || lower[a.size()] == ' ')) ask = true;
      }
    } else if (CountWords(sentence) <= 12) {
      std::string first = FirstWordLower(sentence);
      if (std::find(std::begin(kActs), std::end(kActs), first) != std::end(kActs)) act = true;
    }
  }
  return ask && act;
}

Unit MakeUnit(std::string text, const BoilerplateLexicon& lexicon, const BylineWords& words) {
  Unit u;
  u.text = std::move(text);
  u.words = CountWords(u.text);
  bool sentence_end = EndsLikeSentence(u.text);
  u.prose = (sentence_end && u.words >= kMinProseWords) || u.words >= kUnpunctuatedProseWords;
  u.title_like = IsTitleLike(u.text, u.words);
  u.end_marker = lexicon.IsEndMarker(u.text);
  u.control = !u.end_marker && IsPageControl(u.text, u.words);
  u.chrome = !u.end_marker && (lexicon.IsChrome(u.text) || IsFormPrompt(u.text, u.words) ||
                               (u.words > 12 && lexicon.IsChrome(FirstSentence(u.text))) ||
                               IsContributorLine(u.text, u.words, words) || u.control ||
                               IsCallToAction(u.text, u.words) ||
                               IsReaderAppeal(u.text, u.words));
  return u;
}

bool IsProseAnchor(const Unit& u) {
  return u.prose && u.words >= kMinAnchorWords && !u.Meta();
}

constexpr std::string_view kFieldSeparators[] = {" | ",      " > ",      " / ",     " \u00bb ",
                                                 " \u203a ", " \u00b7 ", " \u2022 "};

// The parts of a breadcrumb or menu line ("World | Middle East").
std::vector<std::string_view> BreadcrumbParts(std::string_view s) {
  std::vector<std::string_view> parts = {s};
  for (std::string_view sep : kFieldSeparators) {
    std::vector<std::string_view> next;
    for (std::string_view p : parts) {
      for (std::string_view piece : Split(p, sep)) next.push_back(piece);
    }
    parts = std::move(next);
  }
  return parts;
}

constexpr std::string_view kBullets[] = {"\u2022", "\u00b7", "\u2013", "\u2014", "\u00bb", "\u203a",
                                         "\u25ba", "\u25b6", "-",      "*",      ">"};

// The bullet, dash or arrow that opens `s`, or empty. A line opening with
// one is a list item or a link, never a headline.
std::string_view LeadingBullet(std::string_view s) {
  for (std::string_view b : kBullets) {
    if (s.starts_with(b)) return b;
  }
  return {};
}

// A menu: three or more short fields ("Print | PDF | Email", "Share on
// Facebook · Share on X").
bool IsMenuLine(std::string_view s) {
  std::vector<std::string_view> parts = BreadcrumbParts(s);
  if (parts.size() < 3) return false;
  for (std::string_view p : parts) {
    if (CountWords(p) > 4) return false;
  }
  return true;
}

// True when `parts` is a trail from the home page ("Home / Balochistan /
// Security"): its last crumb is the section. A "Home | Politics | ..."
// bar is the site menu instead, and is refused by IsSectionLabel.
bool IsHomeTrail(std::string_view s, const std::vector<std::string_view>& parts) {
  if (parts.size() < 2 || !EqualsIgnoreCase(parts[0], "home")) return false;
  return s.find(" | ") == kNpos && s.find(" \u00b7 ") == kNpos && s.find(" \u2022 ") == kNpos;
}

// The section label as printed, decorations removed: "World | Middle
// East", "News > Israel-Palestine conflict", "> Cabo Delgado" -> "Cabo
// Delgado"; of a trail from "Home", the last crumb.
std::string SectionFrom(std::string_view text) {
  std::string_view s = TrimAscii(text);
  for (std::string_view b = LeadingBullet(s); !b.empty(); b = LeadingBullet(s)) {
    s = TrimAscii(s.substr(b.size()));
  }
  std::vector<std::string_view> parts = BreadcrumbParts(s);
  if (IsHomeTrail(s, parts)) return std::string(parts.back());
  return std::string(s);
}

// A section label or a short breadcrumb: at most four parts of at most
// four words. A longer run of fields, or one that starts at "Home", is
// the site menu, not this page's section.
bool IsSectionLabel(const Unit& u) {
  if (u.chrome || u.end_marker || u.date_line || u.byline || u.caption) return false;
  std::string section = SectionFrom(u.text);
  if (section.empty()) return false;
  std::vector<std::string_view> parts = BreadcrumbParts(section);
  if (parts.size() > 4 || EqualsIgnoreCase(parts[0], "home")) return false;
  if (BreadcrumbParts(u.text).size() > 6) return false;
  int total = 0;
  for (std::string_view p : parts) {
    int words = CountWords(p);
    if (words == 0 || words > 4) return false;
    total += words;
  }
  if (total > 8) return false;
  char last = section.back();
  if (last == '.' || last == '?' || last == '!' || last == ':' || last == ',') return false;
  return StartsLikeTitle(section);
}

// "Updated 2 hours ago", "5 mins ago": a relative time stamp.
bool IsRelativeTime(std::string_view text, int words) {
  if (words > 6) return false;
  std::string lower = AsciiLowerCopy(TrimAscii(text));
  if (!lower.ends_with(" ago")) return false;
  return std::any_of(lower.begin(), lower.end(), IsDigitAscii) || lower.find("an hour") != kNpos ||
         lower.find("a day") != kNpos;
}

// "Photo: Soldiers patrol ..." -> "Soldiers patrol ...": a caption printed
// twice, once under a one- or two-word label, is one caption.
std::string_view WithoutLeadLabel(std::string_view caption) {
  size_t colon = caption.find(": ");
  if (colon == kNpos || CountWords(caption.substr(0, colon)) > 2) return caption;
  return TrimAscii(caption.substr(colon + 2));
}

// A breadcrumb trail ("World | Middle East & North Africa | Libya",
// "News > Region") or a meta line ("Jane Doe · 4 min read"): two or more
// short fields. A headline is one phrase.
bool IsBreadcrumbLine(std::string_view text) {
  static constexpr std::string_view kTrailSeparators[] = {" | ",        " > ",       " \u00bb ",
                                                         " \u203a ", " \u00b7 ", " \u2022 "};
  bool separated = false;
  for (std::string_view sep : kTrailSeparators) {
    if (text.find(sep) != kNpos) separated = true;
  }
  if (!separated) return false;
  std::vector<std::string_view> parts = BreadcrumbParts(text);
  if (parts.size() < 2) return false;
  for (std::string_view p : parts) {
    int words = CountWords(p);
    if (words == 0 || words > 6) return false;
  }
  return true;
}

// Marks captions (credited or repeated), duplicates, date lines, bylines.
void ClassifyMeta(std::vector<Unit>& units, std::vector<std::string>& captions,
                  size_t byline_zone_end, const BylineWords& words) {
  // Above the first body-length prose block, a sentence with a bare name
  // in brackets after it is a credited caption ("... on Monday.
  // (Caribbean Crossroads)"); further down only a credit word or a '/'
  // ("(Sahel Watch / archives)") makes the bracket a credit.
  size_t first_prose = 0;
  while (first_prose < units.size() &&
         !(units[first_prose].prose && units[first_prose].words >= kMinAnchorWords &&
           !units[first_prose].chrome && !units[first_prose].end_marker)) {
    ++first_prose;
  }
  std::unordered_map<std::string_view, int> seen;  // text -> count so far
  std::unordered_map<std::string_view, int> total;
  for (const Unit& u : units) ++total[u.text];
  for (size_t i = 0; i < units.size(); ++i) {
    Unit& u = units[i];
    int occurrence = ++seen[u.text];
    if (u.chrome || u.end_marker) continue;
    std::string_view labelled = CaptionAfterLabel(u.text, words);
    std::string_view bracket = TrailingBracketCredit(u.text);
    bool bracket_credit =
        !bracket.empty() && u.words >= 5 && (i < first_prose || bracket.find('/') != kNpos);
    bool slash_credit = !TrailingSlashCredit(u.text, words).empty();
    bool credited = u.words <= kMaxCaptionWords &&
                    (IsCaptionCredit(u.text, words) || bracket_credit || slash_credit);
    bool repeated = total[u.text] > 1 && u.words >= 4 && u.words <= kMaxCaptionWords &&
                    (EndsLikeSentence(WithoutTrailingCredit(u.text, words)) || credited);
    if (!labelled.empty() || credited || repeated) {
      u.caption = true;
      if (occurrence == 1) {
        std::string caption(labelled.empty() ? std::string_view(u.text) : labelled);
        // A bare credit line ("Getty Images") is not a caption of its own.
        if (CountWords(caption) >= 4 &&
            std::none_of(captions.begin(), captions.end(), [&](const std::string& c) {
              return WithoutLeadLabel(c) == WithoutLeadLabel(caption);
            })) {
          captions.push_back(std::move(caption));
        }
      }
      continue;
    }
    if (occurrence > 1 && u.words >= 3) {
      u.duplicate = true;
      continue;
    }
    if (i < byline_zone_end && ParseByline(u, words)) {
      u.byline = true;
      continue;
    }
    if (IsRelativeTime(u.text, u.words)) {
      u.date_line = true;
      continue;
    }
    if (u.words <= kMaxDateLineWords && !u.prose) {
      std::string date = FindDateInText(u.text);
      if (!date.empty()) {
        u.date_line = true;
        u.date = std::move(date);
      }
    }
  }
}

// A newsletter or app pitch under its "Subscribe" heading reads like a
// sentence ("Get the latest news delivered to your inbox every morning."),
// too long for the lexicon's prefix rule; its neighbour and its wording
// give it away.
void MarkPromoBlurbs(std::vector<Unit>& units) {
  static constexpr std::string_view kPromoWords[] = {
      "newsletter", "inbox", "subscribe", "sign up", "download", "our app", "notifications"};
  auto mentions_promo = [](std::string_view text) {
    std::string lower = AsciiLowerCopy(text);
    for (std::string_view w : kPromoWords) {
      if (lower.find(w) != kNpos) return true;
    }
    return false;
  };
  for (size_t i = 1; i < units.size(); ++i) {
    Unit& u = units[i];
    const Unit& before = units[i - 1];
    if (u.words > 30) continue;
    bool promo = mentions_promo(u.text);
    bool after_pitch = before.chrome && mentions_promo(before.text);
    bool before_button = i + 1 < units.size() && units[i + 1].chrome &&
                         mentions_promo(units[i + 1].text);
    if (u.Meta()) {
      // Already chrome by the lexicon; its box title may still need marking.
    } else if ((after_pitch || before_button) && promo) {
      u.chrome = true;
    } else if (after_pitch && u.words <= 12 && !IsProseAnchor(u) &&
               AsciiLowerCopy(before.text).find("newsletter") != kNpos) {
      // The one-line blurb under a newsletter heading ("The week's top
      // stories, every Friday.") names no promo word itself.
      u.chrome = true;
    }
    // The box's title above a blurb that a sign-up button closes ("The
    // Morning Briefing" / "Get it in your inbox ..." / "Sign up").
    if (u.chrome && before_button && promo && !before.Meta() && !before.prose &&
        before.words <= 6) {
      units[i - 1].chrome = true;
    }
  }
}

// Index of the first unit after `from` that is not meta, or units.size().
size_t NextContent(const std::vector<Unit>& units, size_t from) {
  while (from < units.size() && units[from].Meta()) ++from;
  return from;
}

// True when the body goes on after the end marker at `marker`: at most a
// few short link-title lines, then two prose paragraphs. Comment sections
// never resume: readers' comments are prose too.
bool BodyResumesAfter(const std::vector<Unit>& units, size_t marker) {
  std::string lower = AsciiLowerCopy(units[marker].text);
  if (lower.find("comment") != kNpos || lower.find("repl") != kNpos ||
      lower.find("discussion") != kNpos || lower.find("conversation") != kNpos) {
    return false;
  }
  size_t end = std::min(units.size(), marker + 1 + kEndMarkerLookahead);
  int prose = 0;
  for (size_t i = marker + 1; i < end; ++i) {
    const Unit& u = units[i];
    if (u.end_marker) return false;
    // An ad slot between the resumed paragraphs does not end the run.
    if (u.Meta()) continue;
    if (u.prose && u.words >= 20 && !u.chrome) {
      if (++prose >= 2) return true;
    } else if (prose > 0) {
      return false;
    }
  }
  return false;
}

// A byline opener ("By", "Reporting by") at the start of `line`.
bool StartsWithMarker(std::string_view line, const BylineWords& words) {
  for (std::string_view marker : words.List(BylineWords::kMarker)) {
    if (line.size() > marker.size() && StartsWithIgnoreCase(line, marker) &&
        line[marker.size()] == ' ') {
      return true;
    }
  }
  return false;
}

bool IsAuthorBio(const Unit& u, const std::vector<std::string>& names) {
  if (!u.prose || u.words > 60) return false;
  for (const std::string& name : names) {
    if (CountWords(name) < 2 || u.text.size() <= name.size() + 1) continue;
    if (!StartsWithIgnoreCase(u.text, name) || u.text[name.size()] != ' ') continue;
    char next = u.text[name.size() + 1];
    if (IsLowerAscii(next)) return true;  // "is", "covers", "reports on"
  }
  return false;
}

// Letters and digits, lower-cased, one space between words: pull quotes
// drop the attribution and change the quote marks and final punctuation.
std::string FoldForRepeat(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    unsigned char uc = static_cast<unsigned char>(c);
    if (std::isalnum(uc) || uc >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(std::tolower(uc));
    } else {
      space = true;
    }
  }
  // Curly quotes are multi-byte: strip their bytes at the ends.
  for (std::string_view q : {"\u201c", "\u201d", "\u2018", "\u2019"}) {
    if (out.starts_with(q)) out.erase(0, q.size());
    if (out.ends_with(q)) out.erase(out.size() - q.size());
  }
  return std::string(TrimAscii(out));
}

// A pull quote repeats words of a nearby paragraph as a paragraph of its
// own; the copy goes, the paragraph stays. Only quotations are looked at,
// and only within a window, so a long page stays linear.
constexpr int kPullQuoteMinWords = 6;
constexpr int kPullQuoteMaxWords = 45;
constexpr size_t kPullQuoteWindow = 12;
void DropPullQuotes(const std::vector<Unit>& units, std::vector<size_t>& kept) {
  auto is_quote = [](std::string_view t) {
    return t.starts_with("\"") || t.starts_with("\u201c") || t.starts_with("'") ||
           t.starts_with("\u2018");
  };
  std::vector<std::string> folded(kept.size());
  for (size_t k = 0; k < kept.size(); ++k) folded[k] = FoldForRepeat(units[kept[k]].text);
  std::vector<bool> drop(kept.size(), false);
  for (size_t k = 0; k < kept.size(); ++k) {
    const Unit& u = units[kept[k]];
    if (!is_quote(u.text) || u.words < kPullQuoteMinWords || u.words > kPullQuoteMaxWords) continue;
    size_t lo = k > kPullQuoteWindow ? k - kPullQuoteWindow : 0;
    size_t hi = std::min(kept.size(), k + kPullQuoteWindow + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (j == k || drop[j] || folded[j].size() <= folded[k].size()) continue;
      if (folded[j].find(folded[k]) != std::string::npos) {
        drop[k] = true;
        break;
      }
    }
  }
  size_t out = 0;
  for (size_t k = 0; k < kept.size(); ++k) {
    if (!drop[k]) kept[out++] = kept[k];
  }
  kept.resize(out);
}

}  // namespace

Article ExtractTextArticle(const Page& page, const IngestResources::Impl& resources) {
  Article article;
  std::string text = CleanInput(page.body, article.diagnostics);
  std::vector<Unit> units;
  for (std::string& t : SplitUnits(text, /*join_lines_in_block=*/false, resources.boilerplate,
                                   resources.byline_words)) {
    units.push_back(MakeUnit(std::move(t), resources.boilerplate, resources.byline_words));
  }
  if (units.empty()) {
    article.diagnostics.push_back("page has no text");
    return article;
  }

  // Bylines are looked for near the top only: further down, "By Monday,
  // ..." and "Jane Doe, a correspondent" are sentences.
  // The zone runs to a little past the second long prose block, since a
  // standfirst can come before the byline.
  size_t zone_end = 0;
  for (int anchors = 0; zone_end < units.size(); ++zone_end) {
    if (IsProseAnchor(units[zone_end]) && ++anchors == 2) break;
  }
  ClassifyMeta(units, article.captions, std::min(units.size(), zone_end + 3),
               resources.byline_words);
  MarkPromoBlurbs(units);

  // The body anchor: the first long prose unit that survived meta
  // classification (a credited caption can be long prose too).
  size_t anchor = 0;
  while (anchor < units.size() && !IsProseAnchor(units[anchor])) ++anchor;
  if (anchor == units.size()) {
    // A brief of short sentences: any prose will do.
    anchor = 0;
    while (anchor < units.size() && (units[anchor].Meta() || !units[anchor].prose)) ++anchor;
  }

  // Headline: the last title-like unit above the anchor. Menus and list
  // items never are; a line of two or three words ("Read in French",
  // "Our Correspondent") gives way to a longer title-like line above it.
  auto headline_like = [&](const Unit& u) {
    return !u.Meta() && u.title_like && u.words >= 2 && LeadingBullet(u.text).empty() &&
           !IsMenuLine(u.text) && !IsBreadcrumbLine(u.text);
  };
  constexpr int kMinFullHeadlineWords = 4;
  size_t headline = kNpos;
  size_t short_headline = kNpos;
  for (size_t i = std::min(anchor, units.size()); i-- > 0;) {
    const Unit& u = units[i];
    if (!headline_like(u)) continue;
    if (u.words >= kMinFullHeadlineWords) {
      headline = i;
      break;
    }
    if (short_headline == kNpos) short_headline = i;
  }
  if (headline == kNpos) headline = short_headline;
  if (headline == kNpos) {
    for (size_t i = 0; i < units.size(); ++i) {
      if (headline_like(units[i])) {
        headline = i;
        break;
      }
    }
  }
  // Two title-like lines in a row: the headline and, under it, an
  // unpunctuated standfirst ("Israel says ...; rockets fired at ...").
  if (headline != kNpos && headline > 0 && headline < anchor &&
      headline_like(units[headline - 1]) && units[headline - 1].words >= kMinFullHeadlineWords &&
      !IsSectionLabel(units[headline - 1])) {
    article.standfirst = units[headline].text;
    units[headline].chrome = true;  // not body, not headline: the deck
    --headline;
  }
  if (headline != kNpos) {
    article.headline = units[headline].text;
    // A name alone on a line right above a date line is the byline
    // ("Karim Abdulzahra" / "January 24, 2024").
    for (size_t i = headline + 1; i < zone_end && i + 1 < units.size(); ++i) {
      Unit& u = units[i];
      if (u.Meta() || u.words < 2 || u.words > 4 || !units[i + 1].date_line) continue;
      if (!LooksLikeName(u.text, resources.byline_words)) continue;
      u.byline = true;
      u.names = {u.text};
    }
    // "Jane Doe | The Daily Outlet" under the headline: a full name and
    // the outlet's name (or a place, a date) in the fields after it.
    // Above the headline the same shape is a section trail; below it,
    // before the body, it is the byline.
    for (size_t i = headline + 1; i < anchor && i < zone_end; ++i) {
      Unit& u = units[i];
      if (u.Meta() || u.prose || u.words > kMaxBylineWords) continue;
      std::vector<std::string_view> fields = SplitFields(u.text);
      if (fields.size() < 2 || fields.size() > 4) continue;
      std::string_view name = fields[0];
      if (!LooksLikeName(name, resources.byline_words) || CountWords(name) < 2 ||
          CountWords(name) > 4) {
        continue;
      }
      bool rest_ok = true;
      for (size_t f = 1; f < fields.size(); ++f) {
        std::string date = FindDateInText(fields[f]);
        if (!date.empty()) {
          if (u.date.empty()) u.date = date;
          continue;
        }
        // "Jane Doe · 4 min read": a reading time or counter is no name.
        if (IsPageControl(fields[f], CountWords(fields[f]))) continue;
        if (!LooksLikeName(fields[f], resources.byline_words)) rest_ok = false;
      }
      if (!rest_ok) continue;
      u.byline = true;
      u.names = {std::string(name)};
      break;
    }
    // Section: the short label right above the headline (date lines, page
    // controls and photo captions between are skipped). A date line may
    // carry the label as its first field ("Americas | 12 May 2025").
    size_t i = headline;
    while (i > 0 && (units[i - 1].date_line || units[i - 1].control || units[i - 1].caption)) {
      const Unit& d = units[i - 1];
      std::vector<std::string_view> fields = SplitFields(d.text);
      if (d.date_line && fields.size() == 2 && FindDateInText(fields[0]).empty() &&
          !FindDateInText(fields[1]).empty()) {
        Unit label;
        label.text = std::string(fields[0]);
        label.words = CountWords(label.text);
        if (label.words <= 4 && IsSectionLabel(label)) {
          article.section = SectionFrom(label.text);
          break;
        }
      }
      --i;
    }
    if (article.section.empty() && i > 0 && IsSectionLabel(units[i - 1])) {
      article.section = SectionFrom(units[i - 1].text);
    }
    // Some pages print the section under the headline, as a kicker above
    // the date or byline ("Headline" / "Conflict" / "20 January 2025").
    if (article.section.empty() && headline + 2 < anchor) {
      Unit& label = units[headline + 1];
      const Unit& after = units[headline + 2];
      if (!label.Meta() && label.words <= 3 && IsSectionLabel(label) &&
          (after.date_line || after.byline)) {
        article.section = SectionFrom(label.text);
        label.chrome = true;
      }
    }
  } else {
    article.diagnostics.push_back("no headline found");
  }

  // Body start: walk back over shorter prose directly above the anchor
  // (a one-sentence lede), then decide whether the first block is the
  // standfirst.
  size_t start = anchor;
  size_t floor = headline == kNpos ? 0 : headline + 1;
  while (start < units.size() && start > floor && !units[start - 1].Meta() &&
         units[start - 1].prose) {
    --start;
  }
  if (start < units.size() && article.standfirst.empty()) {
    size_t next = NextContent(units, start + 1);
    bool separated_by_meta = next > start + 1 && next < units.size() && units[next].prose;
    bool right_under_headline = NextContent(units, floor) == start;
    // A dateline opens the body; a block right above the dateline
    // paragraph is the standfirst even with no meta line between.
    bool above_dateline =
        !separated_by_meta && next < units.size() && next == start + 1 && units[next].prose &&
        !FindDateline(units[next].text, resources.byline_words).empty();
    if ((separated_by_meta || above_dateline) && right_under_headline &&
        units[start].words <= 80 &&
        FindDateline(units[start].text, resources.byline_words).empty()) {
      article.standfirst = units[start].text;
      start = next;
    }
  }

  // Published date and byline from the top of the page.
  for (size_t i = 0; i < units.size() && i < start + 4; ++i) {
    const Unit& u = units[i];
    if (article.published.empty() && !u.date.empty()) article.published = u.date;
    if (article.byline.empty() && u.byline && !u.names.empty()) article.byline = u.names;
  }
  // No person named: the credit stands as the byline ("By AFP", "Our
  // Correspondent").
  for (size_t i = 0; i < units.size() && i < start + 4 && article.byline.empty(); ++i) {
    if (units[i].byline && !units[i].credits.empty()) article.byline = units[i].credits;
  }

  // Body: prose and the sub-headings between prose, up to an end marker.
  std::vector<size_t> kept;
  for (size_t i = start; i < units.size(); ++i) {
    const Unit& u = units[i];
    if (u.end_marker) {
      if (BodyResumesAfter(units, i)) {
        // Skip the marker and its link titles up to the next prose.
        while (i + 1 < units.size() && !(units[i + 1].prose && units[i + 1].words >= 20)) ++i;
        continue;
      }
      break;
    }
    if (u.Meta()) continue;
    if (u.prose) {
      kept.push_back(i);
      continue;
    }
    // A short line stays only as a sub-heading: title-like, under prose,
    // and followed by prose (runs of share buttons or link titles fail).
    size_t next = NextContent(units, i + 1);
    bool before_prose = next < units.size() && units[next].prose && !units[next].end_marker;
    bool after_prose = !kept.empty() && units[kept.back()].prose;
    if (u.title_like && before_prose && after_prose && u.words <= 12) kept.push_back(i);
  }
  DropPullQuotes(units, kept);
  // The body ends at its last prose paragraph: short lines after it are
  // the page's tail (tags, prompts, link lists).
  while (!kept.empty() && !units[kept.back()].prose) kept.pop_back();

  // No byline on top: wire copy credits its reporter at the end
  // ("Reporting by Jane Doe in Bamako; Editing by John Roe").
  if (article.byline.empty() && !kept.empty()) {
    for (size_t i = kept.front() + 1; i < units.size() && article.byline.empty(); ++i) {
      std::string_view line = units[i].text;
      if (units[i].words > kMaxBylineWords * 2 || !StartsWithMarker(line, resources.byline_words)) {
        continue;
      }
      Unit credit;
      credit.text = std::string(line.substr(0, line.find(';')));
      credit.words = CountWords(credit.text);
      if (ParseByline(credit, resources.byline_words) && !credit.names.empty()) {
        article.byline = credit.names;
      }
    }
  }
  // An author's bio closing the page starts with the byline's name and a
  // verb ("Jane Doe is a correspondent ...", "Jane Doe covers ...").
  while (!kept.empty() && IsAuthorBio(units[kept.back()], article.byline)) {
    kept.pop_back();
    while (!kept.empty() && !units[kept.back()].prose) kept.pop_back();
  }
  for (size_t i : kept) article.paragraphs.push_back(units[i].text);

  if (article.paragraphs.empty()) {
    article.diagnostics.push_back("no body paragraphs found");
  } else {
    article.dateline = FindDateline(article.paragraphs.front(), resources.byline_words);
  }
  return article;
}

Article ExtractCleanTextArticle(const Page& page, const IngestResources::Impl& resources) {
  Article article;
  std::string text = CleanInput(page.body, article.diagnostics);
  for (std::string& t : SplitUnits(text, /*join_lines_in_block=*/true, resources.boilerplate,
                                   resources.byline_words)) {
    if (resources.boilerplate.IsChrome(t)) continue;
    article.paragraphs.push_back(std::move(t));
  }
  if (article.paragraphs.empty()) {
    article.diagnostics.push_back("no body paragraphs found");
  } else {
    article.dateline = FindDateline(article.paragraphs.front(), resources.byline_words);
  }
  return article;
}

}  // namespace khaldun
