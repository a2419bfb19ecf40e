#include "actors/phrase_index.h"

#include <algorithm>

namespace khaldun::actors {

namespace {

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

// Apostrophes are written two ways in news ("Da'esh", "Da’esh"); the index
// stores the ASCII form and the text is compared through this.
bool SameLower(std::string_view phrase_word, std::string_view text_word) {
  if (phrase_word == text_word) return true;
  std::size_t i = 0, j = 0;
  while (i < phrase_word.size() && j < text_word.size()) {
    if (phrase_word[i] == '\'' && text_word.compare(j, 3, "\xE2\x80\x99") == 0) {
      ++i;
      j += 3;
      continue;
    }
    if (phrase_word[i] != text_word[j]) return false;
    ++i;
    ++j;
  }
  return i == phrase_word.size() && j == text_word.size();
}

std::string NormalizeApostrophes(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += '\'';
      i += 2;
    } else {
      out += word[i];
    }
  }
  return out;
}

}  // namespace

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (IsUpperAscii(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void PhraseIndex::Add(const std::vector<std::string>& words, CaseRule rule, std::uint32_t value) {
  if (words.empty()) return;
  Phrase p;
  p.rule = rule;
  p.value = value;
  for (const auto& w : words) {
    std::string n = NormalizeApostrophes(w);
    p.lower.push_back(LowerAscii(n));
    p.written.push_back(std::move(n));
  }
  // A text word with a curly apostrophe is looked up under its ASCII form
  // only when it has one; keying the first word on the ASCII form and
  // normalising at lookup keeps one entry per phrase.
  by_first_[p.lower[0]].push_back(static_cast<std::uint32_t>(phrases_.size()));
  phrases_.push_back(std::move(p));
}

void PhraseIndex::Finish() {
  for (auto& [key, ids] : by_first_) {
    std::stable_sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
      return phrases_[a].lower.size() > phrases_[b].lower.size();
    });
  }
}

bool PhraseIndex::CaseOk(const Phrase& p, std::size_t k, std::string_view word) const {
  switch (p.rule) {
    case CaseRule::kAny:
      return true;
    case CaseRule::kExact:
      return SameLower(p.written[k], word);
    case CaseRule::kCapitalsKept: {
      const std::string& w = p.written[k];
      for (std::size_t i = 0; i < w.size() && i < word.size(); ++i) {
        if (IsUpperAscii(w[i]) && !IsUpperAscii(word[i])) return false;
        if (w[i] == '\'' || word[i] == '\'') break;  // offsets may differ past here
      }
      return true;
    }
  }
  return true;
}

std::size_t PhraseIndex::MatchAt(const TokenView& view, std::size_t i, std::size_t end,
                                 int max_gap,
                                 const std::function<bool(const PhraseHit&)>& on_hit) const {
  const auto& tokens = *view.tokens;
  if (i >= end || i >= tokens.size()) return 0;
  std::string_view first = view.Lower(i);
  auto it = by_first_.find(first);
  std::string normalized;
  if (it == by_first_.end()) {
    if (first.find("\xE2\x80\x99") == std::string_view::npos) return 0;
    normalized = NormalizeApostrophes(first);
    it = by_first_.find(std::string_view(normalized));
    if (it == by_first_.end()) return 0;
  }
  std::size_t hits = 0;
  for (std::uint32_t id : it->second) {
    const Phrase& p = phrases_[id];
    if (!CaseOk(p, 0, view.Word(i))) continue;
    std::size_t pos = i;
    bool ok = true;
    for (std::size_t k = 1; k < p.lower.size() && ok; ++k) {
      std::size_t next = pos + 1;
      int gap = 0;
      ok = false;
      while (next < end && next < tokens.size()) {
        if (SameLower(p.lower[k], view.Lower(next)) && CaseOk(p, k, view.Word(next))) {
          ok = true;
          break;
        }
        // A hyphen inside a compound ("a 22-hour curfew") does not break
        // the gap.
        bool hyphen = view.Word(next) == "-";
        if ((gap >= max_gap && !hyphen) ||
            (tokens[next].kind == text::TokenKind::kPunct && !hyphen)) {
          break;
        }
        // A word joined by a hyphen to the one before is part of it.
        if (!hyphen && !(next > 0 && view.Word(next - 1) == "-")) ++gap;
        ++next;
      }
      if (ok) pos = next;
    }
    if (!ok) continue;
    ++hits;
    PhraseHit hit;
    hit.value = p.value;
    hit.first = static_cast<std::uint32_t>(i);
    hit.last = static_cast<std::uint32_t>(pos);
    hit.word_count = static_cast<std::uint16_t>(p.lower.size());
    if (!on_hit(hit)) break;
  }
  return hits;
}

}  // namespace khaldun::actors
