// The quantity reader (numbers.h). Words come from
// data/attributes/number_words.tsv; the grammar of English cardinals
// ("one hundred and five", "twenty-one", "two million three hundred") and
// the guards against numbers that are not counts live here.
#include "attributes/numbers.h"

#include <algorithm>
#include <string>
#include <utility>

#include "common/word_hash.h"

namespace khaldun::attributes {
namespace {

using text::Token;
using text::TokenKind;

enum Kind : std::uint8_t {
  kNone = 0,
  kUnit,
  kTens,
  kScale,
  kVague,
  kQualifier,
  kNotCount,
  kCurrency,
  kMonth,
  kWeekday,
};

// Counts above this are not casualty figures and would risk overflow when
// multiplied by a scale; the reader refuses them.
constexpr std::int64_t kMaxCount = 1'000'000'000'000LL;
// No word of the lists is longer; longer tokens never match.
constexpr std::size_t kWordBuffer = 64;

std::string_view TokenText(std::string_view text, const Token& t) {
  if (t.start >= text.size() || t.end <= t.start) return {};
  return text.substr(t.start, std::min<std::size_t>(t.end, text.size()) - t.start);
}

// Parses digits with thousands separators ("1,200") and at most one decimal
// point ("3.5"). `*scaled_by` is the number of decimals (0 for integers).
// Fails on letters ("15th", "1990s", "5km"), clock times ("10:30") and
// malformed grouping ("1,20").
bool ParseDigits(std::string_view s, std::int64_t* value, int* decimals) {
  std::int64_t v = 0;
  int digits = 0;
  int group = -1;  // digits since the last comma; -1 before any comma
  int frac = -1;   // digits after the point; -1 before it
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (++digits > 15) return false;
      v = v * 10 + (c - '0');
      if (group >= 0) ++group;
      if (frac >= 0) ++frac;
    } else if (c == ',') {
      if (frac >= 0 || digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3)) {
        return false;
      }
      group = 0;
    } else if (c == '.') {
      if (frac >= 0 || digits == 0 || (group >= 0 && group != 3)) return false;
      frac = 0;
    } else {
      return false;
    }
  }
  if (digits == 0 || (group >= 0 && frac < 0 && group != 3) || frac == 0) return false;
  *value = v;
  *decimals = frac < 0 ? 0 : frac;
  return true;
}

bool IsDigitToken(std::string_view text, const Token& t) {
  return t.kind == TokenKind::kNumber && !TokenText(text, t).empty();
}

}  // namespace

// ---- PhraseTable -----------------------------------------------------------

void PhraseTable::Add(std::string_view phrase, std::uint8_t kind, std::string_view label,
                      std::int64_t a, std::int64_t b) {
  Entry e;
  e.kind = kind;
  e.label = label;
  e.a = a;
  e.b = b;
  std::size_t i = 0;
  while (i < phrase.size()) {
    if (phrase[i] == ' ') {
      ++i;
      continue;
    }
    if (phrase[i] == '-') {
      e.words.push_back(phrase.substr(i, 1));
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ' && phrase[j] != '-') ++j;
    e.words.push_back(phrase.substr(i, j - i));
    i = j;
  }
  if (e.words.empty()) return;
  auto& list = by_first_[LowerWordHash(e.words.front())];
  list.push_back(std::move(e));
  std::stable_sort(list.begin(), list.end(),
                   [](const Entry& x, const Entry& y) { return x.words.size() > y.words.size(); });
}

const PhraseTable::Entry* PhraseTable::Match(const TokenWords& words, std::size_t at,
                                             std::size_t* end, std::uint8_t kind) const {
  if (at >= words.size()) return nullptr;
  const std::string_view first = words.Lower(at);
  if (first.empty() || first.size() > kWordBuffer) return nullptr;
  auto it = by_first_.find(words.Hash(at));
  if (it == by_first_.end()) return nullptr;
  for (const Entry& e : it->second) {
    if (kind != 0 && e.kind != kind) continue;
    if (at + e.words.size() > words.size()) continue;
    bool ok = e.words[0] == first;
    for (std::size_t k = 1; k < e.words.size() && ok; ++k) ok = words.Lower(at + k) == e.words[k];
    if (ok) {
      *end = at + e.words.size();
      return &e;
    }
  }
  return nullptr;
}

const PhraseTable::Entry* PhraseTable::Word(std::string_view lower_word,
                                            std::uint64_t hash) const {
  auto it = by_first_.find(hash);
  if (it == by_first_.end()) return nullptr;
  for (const Entry& e : it->second) {
    if (e.words.size() == 1 && e.words[0] == lower_word) return &e;
  }
  return nullptr;
}

std::string_view LowerToken(std::string_view text, const Token& token, std::span<char> buffer) {
  const std::string_view s = TokenText(text, token);
  if (s.size() > buffer.size()) return {};
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    buffer[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return {buffer.data(), s.size()};
}

// ---- NumberWords -------------------------------------------------------------


struct NumberWords::Data {
  TsvFile file;
  PhraseTable table;
  // Hashes (sorted) of the words a quantity can start with besides digits:
  // qualifiers, "between", number words and vague words. ReadQuantity is
  // tried at every token; this turns most of them away at once.
  WordHashSet start_words;
};

Result<NumberWords> NumberWords::Load(const DataFiles& files) {
  auto file = ReadTsvFile(files, "attributes/number_words.tsv", 2, 4);
  if (!file.ok()) return file.status();
  auto data = std::make_shared<Data>();
  data->file = std::move(*file);
  for (const TsvRow& row : data->file.rows) {
    const std::string_view kind = row.fields[0];
    const std::string_view word = row.fields[1];
    auto number = [&](std::size_t i, std::int64_t* out) {
      if (i >= row.fields.size()) return false;
      std::int64_t v = 0;
      int decimals = 0;
      if (!ParseDigits(row.fields[i], &v, &decimals) || decimals != 0) return false;
      *out = v;
      return true;
    };
    auto bad = [&](std::string_view what) {
      return Status::Corruption(data->file.Where(row) + std::string(what));
    };
    if (word.empty()) return bad("empty word");
    std::int64_t a = 0;
    std::int64_t b = 0;
    if (kind == "unit" || kind == "tens" || kind == "scale") {
      if (row.fields.size() != 3 || !number(2, &a)) return bad("expected WORD VALUE");
      if (kind == "scale" && a < 2) return bad("a scale multiplies by at least 2");
      data->table.Add(word, kind == "unit" ? kUnit : kind == "tens" ? kTens : kScale, {}, a, 0);
    } else if (kind == "vague") {
      if (row.fields.size() != 4 || !number(2, &a) || !number(3, &b) || a <= 0 ||
          (b != 0 && b < a)) {
        return bad("expected PHRASE LOW HIGH with 0 < LOW <= HIGH (HIGH 0: open)");
      }
      data->table.Add(word, kVague, word, a, b);
    } else if (kind == "qualifier") {
      static constexpr std::string_view kCanonical[] = {"at least", "more than", "fewer than",
                                                        "nearly",   "about",     "up to"};
      if (row.fields.size() != 3) return bad("expected PHRASE CANONICAL");
      const auto* c = std::find(std::begin(kCanonical), std::end(kCanonical), row.fields[2]);
      if (c == std::end(kCanonical)) return bad("unknown canonical qualifier");
      data->table.Add(word, kQualifier, *c, 0, 0);
    } else if (kind == "not_count" || kind == "currency" || kind == "month" || kind == "weekday") {
      if (row.fields.size() != 2) return bad("expected one word");
      data->table.Add(word,
                      kind == "not_count"  ? kNotCount
                      : kind == "currency" ? kCurrency
                      : kind == "month"    ? kMonth
                                           : kWeekday,
                      {}, 0, 0);
    } else {
      return bad("unknown kind");
    }
    if (kind == "unit" || kind == "tens" || kind == "scale" || kind == "vague" ||
        kind == "qualifier") {
      data->start_words.Insert(word.substr(0, word.find_first_of(" -")));
    }
  }
  for (std::string_view w : {"between", "half", "a", "an"}) data->start_words.Insert(w);
  const WordHashSet* start_words = &data->start_words;
  return NumberWords(std::move(data), start_words);
}

// ---- ReadQuantity ------------------------------------------------------------

namespace {

struct Reader {
  const PhraseTable& table;
  const TokenWords& words;
  std::string_view text;
  std::span<const Token> tokens;

  // Token i lower-cased; empty past the end and for tokens longer than any
  // listed word.
  std::string_view Lower(std::size_t i) const {
    if (i >= tokens.size()) return {};
    const std::string_view w = words.Lower(i);
    return w.size() > kWordBuffer ? std::string_view() : w;
  }
  std::uint8_t WordKind(std::size_t i) const {
    const PhraseTable::Entry* e = WordEntry(i);
    return e ? e->kind : static_cast<std::uint8_t>(kNone);
  }
  const PhraseTable::Entry* WordEntry(std::size_t i) const {
    const std::string_view w = Lower(i);
    return w.empty() ? nullptr : table.Word(w, words.Hash(i));
  }
  bool Is(std::size_t i, std::string_view lower) const { return Lower(i) == lower; }

  // A cardinal in words from `i`: "seven", "twenty-one", "one hundred and
  // five", "two million", "a dozen" (when `a_article`). Sets `*end`.
  std::optional<std::int64_t> Words(std::size_t i, bool a_article, std::size_t* end,
                                    bool* dozen) const {
    std::int64_t total = 0;
    std::int64_t group = a_article ? 1 : 0;
    bool any = false;
    // What the last word was, so that "one two" or "twenty thirty" stop
    // the number instead of adding up.
    enum { kStart, kAfterUnit, kAfterTens, kAfterHundred, kAfterBig } last = kStart;
    if (a_article) last = kAfterUnit;
    std::int64_t last_big = 0;  // the last scale above 100, which must decrease
    std::size_t j = i;
    while (j < tokens.size()) {
      const PhraseTable::Entry* e = WordEntry(j);
      const std::uint8_t k = e ? e->kind : static_cast<std::uint8_t>(kNone);
      if (k == kUnit) {
        if (last == kAfterUnit || (last == kAfterTens && e->a >= 10)) break;
        group += e->a;
        last = kAfterUnit;
      } else if (k == kTens) {
        if (last == kAfterUnit || last == kAfterTens) break;
        group += e->a;
        last = kAfterTens;
      } else if (k == kScale && e->a == 100) {
        if (last == kAfterHundred || last == kStart) break;
        group = std::max<std::int64_t>(group, 1) * 100;
        last = kAfterHundred;
      } else if (k == kScale) {
        if (last == kStart || (last_big != 0 && e->a >= last_big)) break;
        if (e->a == 12) *dozen = true;
        total += std::max<std::int64_t>(group, 1) * e->a;
        group = 0;
        last_big = e->a;
        last = kAfterBig;
      } else if ((Is(j, "and") && (last == kAfterHundred || last == kAfterBig)) ||
                 (Is(j, "-") && last == kAfterTens)) {
        // "one hundred and five", "twenty-one": only when a unit or tens
        // word follows ("two hundred and fifty", not "two hundred and the").
        const std::uint8_t next = WordKind(j + 1);
        if (next != kUnit && next != kTens) break;
        if (Is(j, "-") && next != kUnit) break;
        ++j;
        continue;
      } else {
        break;
      }
      any = true;
      if (total > kMaxCount || group > kMaxCount) return std::nullopt;
      ++j;
    }
    if (!any) return std::nullopt;
    *end = j;
    return total + group;
  }

  // One number: digits (with an optional scale word), number words, or
  // "a"/"an" + scale. `*approx` is set by "dozen" and decimals.
  std::optional<std::int64_t> Number(std::size_t i, std::size_t* end, bool* approx) const {
    if (i >= tokens.size()) return std::nullopt;
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kNumber) {
      std::int64_t v = 0;
      int decimals = 0;
      if (!ParseDigits(TokenText(text, t), &v, &decimals)) return std::nullopt;
      const PhraseTable::Entry* scale = WordEntry(i + 1);
      if (scale != nullptr && scale->kind == kScale) {
        std::int64_t divisor = 1;
        for (int d = 0; d < decimals; ++d) divisor *= 10;
        if (v > kMaxCount / scale->a) return std::nullopt;
        *approx = decimals > 0 || scale->a == 12;
        *end = i + 2;
        return v * scale->a / divisor;
      }
      // "3.5" alone is a measure or a score, not a count of people.
      if (decimals > 0 || v > kMaxCount) return std::nullopt;
      *end = i + 1;
      return v;
    }
    bool dozen = false;
    std::optional<std::int64_t> v;
    if ((Is(i, "a") || Is(i, "an")) && WordKind(i + 1) == kScale) {
      v = Words(i + 1, /*a_article=*/true, end, &dozen);
    } else if (Is(i, "half") && Is(i + 1, "a") && WordKind(i + 2) == kScale) {
      std::size_t e = 0;
      const auto full = Words(i + 2, true, &e, &dozen);
      if (full && *full % 2 == 0) {
        v = *full / 2;
        *end = e;
      }
    } else {
      v = Words(i, false, end, &dozen);
    }
    if (dozen) *approx = true;
    return v;
  }

  // True when the number at [first, end) is not a count, judging from the
  // tokens around it. `before` is the token before the whole phrase.
  bool NotACount(std::size_t first, std::size_t end, bool hedged) const {
    const Token& t = tokens[first];
    const bool digits = IsDigitToken(text, t);
    if (first > 0) {
      const std::size_t p = first - 1;
      const std::uint8_t pk = WordKind(p);
      if (pk == kCurrency) return true;
      // "F-16", "Su-25", "COVID-19": a word joined by a hyphen.
      if (Is(p, "-") && p > 0 && tokens[p - 1].end == tokens[p].start &&
          tokens[p - 1].kind == TokenKind::kWord && !hedged) {
        return true;
      }
      if (Is(p, "no") || Is(p, "no.") || Is(p, "number") || Is(p, "#")) return true;
      // A month before: "July 28", "March 2024".
      if (pk == kMonth && digits) return true;
      // "the one who", "this one": a pronoun, not a count.
      if (Is(first, "one") && (Is(p, "the") || Is(p, "this") || Is(p, "that") || Is(p, "every") ||
                               Is(p, "any") || Is(p, "each"))) {
        return true;
      }
      // A label: "Resolution 2254", "Route 6", "Brigade 77". A capitalised
      // word right before a bare number names it, unless that word opens
      // the sentence ("Police 41..." does not occur, "Eleven" is a word) or
      // is a weekday ("On Monday 12 people died").
      if (digits && !hedged && tokens[p].capitalized && tokens[p].kind == TokenKind::kWord &&
          pk != kWeekday && TokenText(text, t).find(',') == std::string_view::npos) {
        const bool sentence_initial =
            p == 0 || (tokens[p - 1].kind == TokenKind::kPunct &&
                       (Is(p - 1, ".") || Is(p - 1, "!") || Is(p - 1, "?") || Is(p - 1, ":")));
        if (!sentence_initial) return true;
      }
    }
    // Years: a four-digit number from 1800 to 2100 written without a comma
    // is a year unless a lower-case word follows and no year preposition
    // precedes ("2000 people fled" is a count, "in 2014 militants" is not).
    if (digits && end == first + 1) {
      const std::string_view s = TokenText(text, t);
      if (s.size() == 4 && s >= "1800" && s <= "2100") {
        const bool word_after = end < tokens.size() && tokens[end].kind == TokenKind::kWord &&
                                !tokens[end].capitalized && WordKind(end) != kMonth;
        bool year_before = false;
        if (first > 0) {
          for (std::string_view w : {"in", "since", "of", "until", "till", "by", "from", "during",
                                     "the", "early", "late", "mid", "before", "after", "to"}) {
            if (Is(first - 1, w)) year_before = true;
          }
        }
        if (!word_after || year_before) return true;
      }
    }
    if (end < tokens.size()) {
      const std::uint8_t nk = WordKind(end);
      if (nk == kNotCount || nk == kCurrency) return true;
      if (nk == kMonth && digits) return true;  // "28 July"
      // "two-day", "15-year-old", "3-0": a compound modifier or a score.
      if (Is(end, "-") && end + 1 < tokens.size() && tokens[end].start == tokens[end - 1].end &&
          tokens[end + 1].kind == TokenKind::kWord) {
        return true;
      }
      // "per cent" is two tokens; a single "per" ("20 per day") is a rate.
      if (Is(end, "per")) return true;
    }
    return false;
  }
};

}  // namespace

std::optional<Quantity> ReadQuantity(const NumberWords& words, std::string_view text,
                                     std::span<const Token> tokens, std::size_t at) {
  TokenWordsBuffer buffer;
  return ReadQuantity(words, buffer.Make(text, tokens), at);
}

std::optional<Quantity> ReadQuantity(const NumberWords& words, const TokenWords& token_words,
                                     std::size_t at) {
  const std::string_view text = token_words.text;
  const std::span<const Token> tokens = token_words.tokens;
  if (!words.MayStart(token_words, at)) return std::nullopt;
  const Reader r{words.data_->table, token_words, text, tokens};
  Quantity q;
  q.first_token = static_cast<std::uint32_t>(at);
  std::size_t i = at;
  std::string_view hedge;
  bool range_between = false;
  std::size_t end = 0;
  if (const PhraseTable::Entry* e = words.data_->table.Match(token_words, i, &end, kQualifier)) {
    hedge = e->label;
    i = end;
  } else if (r.Is(i, "between")) {
    range_between = true;
    ++i;
  }

  bool approx = false;
  std::int64_t low = 0;
  std::int64_t high = 0;
  std::string_view vague;
  const std::size_t core = i;
  const PhraseTable::Entry* v = words.data_->table.Match(token_words, i, &end, kVague);
  std::optional<std::int64_t> n;
  if (v != nullptr && !range_between) {
    low = v->a;
    high = v->b;
    vague = v->label;
    approx = true;
    // "several hundred", "a few dozen": the vague word counts the scale.
    if (v->b != 0 && v->b < 12) {
      const PhraseTable::Entry* scale = r.WordEntry(end);
      if (scale != nullptr && scale->kind == kScale) {
        low *= scale->a;
        high *= scale->a;
        ++end;
      }
    }
    i = end;
  } else {
    n = r.Number(i, &end, &approx);
    if (!n) return std::nullopt;
    i = end;
    if (r.NotACount(core, end, !hedge.empty() || range_between)) return std::nullopt;
    low = high = *n;
  }

  // Ranges: "between 10 and 15", "10 to 15", "10-15", "two or three". Not
  // after "from" ("rose from 10 to 15" is a change, the caller reads 15).
  if (n) {
    const bool from = at > 0 && r.Is(at - 1, "from");
    const bool can_link = range_between || (!from && hedge.empty());
    if (can_link && i + 1 < tokens.size() &&
        (range_between ? r.Is(i, "and")
                       : (r.Is(i, "to") || r.Is(i, "or") || r.Is(i, "-") || r.Is(i, "–")))) {
      // A hyphen range needs digits on both sides and no spaces ("10-15").
      const bool hyphen = r.Is(i, "-") || r.Is(i, "–");
      bool approx2 = false;
      std::size_t end2 = 0;
      const bool same_kind = tokens[i + 1].kind == tokens[core].kind;
      auto second = r.Number(i + 1, &end2, &approx2);
      if (second && *second > *n && (!hyphen || same_kind) && !r.NotACount(i + 1, end2, true)) {
        high = *second;
        i = end2;
        hedge = "between";
        approx = true;
      } else if (range_between) {
        return std::nullopt;
      }
    } else if (range_between) {
      return std::nullopt;
    }
  }

  q.end_token = static_cast<std::uint32_t>(i);
  q.low = low;
  q.high = high;
  q.best = low;
  q.approximate = approx || !hedge.empty();
  q.qualifier = !hedge.empty() ? hedge : vague;
  if (hedge == "at least" || hedge == "more than") {
    q.high = 0;
  } else if (hedge == "fewer than" || hedge == "up to") {
    q.low = 0;
    q.best = q.high = (vague.empty() ? high : (high != 0 ? high : low));
  }
  return q;
}

}  // namespace khaldun::attributes
