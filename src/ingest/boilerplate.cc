#include "ingest/boilerplate.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "ingest/language.h"

namespace khaldun {
namespace {

constexpr std::string_view kPhrasesFile = "boilerplate/phrases.tsv";

// End markers are headings ("More from Reuters"), never long lines.
constexpr size_t kMaxEndMarkerWords = 8;


// Leading decorations: bullets, arrows, dashes, brackets, stars.
constexpr std::string_view kLeading[] = {
    " ", "-", "*", "#", ">", "|", "[", "(", "\"", "'", "+",
    "\u2022",  // bullet
    "\u00b7",  // middle dot
    "\u2013",  // en dash
    "\u2014",  // em dash
    "\u00bb",  // right guillemet
    "\u203a",  // single right angle quote
    "\u25ba",  // black right-pointing pointer
    "\u25b6",  // black right-pointing triangle
    "\u2192",  // rightwards arrow
};
// Trailing decorations: prompt punctuation, form stars, counts' brackets,
// arrows and ellipses ("Read more »", "Comments:", "Captcha *").
constexpr std::string_view kTrailing[] = {
    " ", ":", "*", "?", "!", ".", "|", ">", "]", ")", "\"", "'", ",", ";",
    "\u2026",  // ellipsis
    "\u00bb",  // right guillemet
    "\u203a",  // single right angle quote
    "\u2192",  // rightwards arrow
    "\u25ba",  // black right-pointing pointer
};

std::string_view StripEnds(std::string_view s) {
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view d : kLeading) {
      if (s.starts_with(d)) {
        s.remove_prefix(d.size());
        changed = true;
      }
    }
    for (std::string_view d : kTrailing) {
      if (s.ends_with(d)) {
        s.remove_suffix(d.size());
        changed = true;
      }
    }
  }
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string BoilerplateLexicon::Normalize(std::string_view block) {
  std::string folded = FoldCaseUtf8(CollapseWhitespace(block));
  // Curly quotes become straight so that "Don’t miss" matches "don't miss".
  std::string straight;
  straight.reserve(folded.size());
  for (size_t i = 0; i < folded.size();) {
    std::string_view rest = std::string_view(folded).substr(i);
    if (rest.starts_with("\u2019") || rest.starts_with("\u2018")) {
      straight += '\'';
      i += 3;
    } else if (rest.starts_with("\u201c") || rest.starts_with("\u201d")) {
      straight += '"';
      i += 3;
    } else {
      straight += folded[i++];
    }
  }
  std::string_view s = StripEnds(straight);
  // Counts are not part of a prompt: "12 comments", "Comments (12)".
  size_t digits = 0;
  while (digits < s.size() && IsDigit(s[digits])) ++digits;
  if (digits > 0 && digits < s.size() && s[digits] == ' ') s = StripEnds(s.substr(digits));
  size_t back = s.size();
  while (back > 0 && IsDigit(s[back - 1])) --back;
  if (back < s.size() && back > 0 && (s[back - 1] == '(' || s[back - 1] == ' ')) {
    s = StripEnds(s.substr(0, back - 1));
  }
  return std::string(s);
}

Result<BoilerplateLexicon> BoilerplateLexicon::Load(const DataFiles& files) {
  auto file = ReadTsvFile(files, kPhrasesFile, 2, 2);
  if (!file.ok()) return file.status();
  BoilerplateLexicon lexicon;
  for (const TsvRow& row : file->rows) {
    auto where = [&] { return file->Where(row); };
    std::string_view kind = row.fields[0];
    std::string phrase = Normalize(row.fields[1]);
    if (phrase.empty()) {
      return Status::Corruption(where() + "phrase is empty after normalisation");
    }
    std::unordered_set<std::string>* set = nullptr;
    if (kind == "whole") {
      set = &lexicon.whole_;
    } else if (kind == "prefix") {
      set = &lexicon.prefix_;
    } else if (kind == "end") {
      set = &lexicon.end_;
    } else if (kind == "contains") {
      if (std::find(lexicon.contains_.begin(), lexicon.contains_.end(), phrase) !=
          lexicon.contains_.end()) {
        return Status::Corruption(where() + "duplicate contains phrase \"" + phrase + "\"");
      }
      lexicon.contains_.push_back(std::move(phrase));
      continue;
    } else {
      return Status::Corruption(where() + "unknown kind \"" + std::string(kind) +
                                "\" (expected whole, prefix, end or contains)");
    }
    if (kind != "whole") {
      lexicon.max_prefix_words_ = std::max(lexicon.max_prefix_words_, CountWords(phrase));
    }
    if (!set->insert(phrase).second) {
      return Status::Corruption(where() + "duplicate " + std::string(kind) + " phrase \"" +
                                phrase + "\"");
    }
  }
  return lexicon;
}

bool BoilerplateLexicon::HasPrefixIn(const std::unordered_set<std::string>& set,
                                     std::string_view normalized) const {
  // One hash lookup per word boundary, up to the longest phrase: cheaper
  // than a trie for a few hundred short phrases and just as exact.
  size_t words = 0;
  size_t pos = 0;
  std::string candidate;
  while (words < max_prefix_words_) {
    size_t space = normalized.find(' ', pos);
    std::string_view head = normalized.substr(0, space);
    // "Share on: Facebook" and "Tags, Iraq" still start with the phrase.
    while (!head.empty() && (head.back() == ':' || head.back() == ',' ||
                             head.back() == '-' || head.back() == '|')) {
      head.remove_suffix(1);
    }
    candidate.assign(head);
    if (set.count(candidate) != 0) return true;
    if (space == std::string_view::npos) break;
    pos = space + 1;
    ++words;
  }
  return false;
}

bool BoilerplateLexicon::HasContainedPhrase(std::string_view block) const {
  std::string folded = FoldCaseUtf8(CollapseWhitespace(block));
  if (contains_.empty() || CountWords(folded) > kMaxContainsBlockWords) return false;
  // Words inside double quotes are someone's speech, not the page talking
  // to its reader ("we thank you for your contribution," he said). The
  // block is folded but not Normalize()d, which would strip its opening
  // quote mark and turn the quoting inside out.
  std::string unquoted = " ";
  unquoted.reserve(folded.size() + 2);
  bool quoted = false;
  for (size_t i = 0; i < folded.size(); ++i) {
    std::string_view rest = std::string_view(folded).substr(i);
    bool mark = rest.starts_with('"') || rest.starts_with("\u201c") || rest.starts_with("\u201d");
    if (mark) {
      quoted = !quoted;
      unquoted += ' ';
      if (!rest.starts_with('"')) i += 2;
    } else if (!quoted) {
      unquoted += folded[i];
    }
  }
  unquoted += ' ';
  for (const std::string& phrase : contains_) {
    size_t at = 0;
    while ((at = unquoted.find(phrase, at)) != std::string::npos) {
      auto boundary = [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); };
      if (boundary(unquoted[at - 1]) && boundary(unquoted[at + phrase.size()])) return true;
      ++at;
    }
  }
  return false;
}

namespace {

// Words separated by any ASCII white space, counted without copying, and
// no further than `limit`.
size_t CountRawWordsUpTo(std::string_view block, size_t limit) {
  size_t words = 0;
  bool in_word = false;
  for (char c : block) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (!space && !in_word && ++words > limit) return words;
    in_word = !space;
  }
  return words;
}

}  // namespace

bool BoilerplateLexicon::IsChrome(std::string_view block) const {
  // Every rule below needs a short block (whole phrases are a few words,
  // contained phrases count only in blocks of at most
  // kMaxContainsBlockWords). Body paragraphs are long: skip normalising
  // them, which dominated the cost of clean-text corpora. The margin
  // covers the bullets and counts Normalize() strips.
  constexpr size_t kMaxChromeRawWords = kMaxContainsBlockWords + 15;
  if (CountRawWordsUpTo(block, kMaxChromeRawWords) > kMaxChromeRawWords) return false;
  std::string normalized = Normalize(block);
  if (normalized.empty()) return false;
  if (whole_.count(normalized) != 0) return true;
  if (HasContainedPhrase(block)) return true;
  if (CountWords(normalized) > kMaxPrefixBlockWords) return false;
  return HasPrefixIn(prefix_, normalized);
}

bool BoilerplateLexicon::IsEndMarker(std::string_view block) const {
  if (CountRawWordsUpTo(block, kMaxEndMarkerWords + 4) > kMaxEndMarkerWords + 4) return false;
  std::string normalized = Normalize(block);
  if (normalized.empty() || CountWords(normalized) > kMaxEndMarkerWords) return false;
  if (end_.count(normalized) != 0) return true;
  // A heading never ends in a full stop; "Comments by the minister drew
  // criticism." is a sentence that merely starts like one.
  std::string_view trimmed = TrimAscii(block);
  if (!trimmed.empty() && trimmed.back() == '.') return false;
  return HasPrefixIn(end_, normalized);
}

}  // namespace khaldun
