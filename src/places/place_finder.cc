#include "places/place_finder.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <tuple>

namespace khaldun::places {
namespace {

using text::Token;
using text::TokenKind;

// Longest name tried, in tokens ("Ras al - Ain" is four; "Democratic
// Republic of the Congo" is the longest country name news writes).
constexpr std::size_t kMaxNameTokens = 7;
// A bare single name is a place when it is a city at least this large:
// smaller towns share their names with people and things too often.
constexpr std::int64_t kLargeCity = 100000;

bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

template <std::size_t N>
std::string_view FindLower(std::string_view word, const std::array<std::string_view, N>& list) {
  for (std::string_view w : list) {
    if (EqualsLower(word, w)) return w;
  }
  return {};
}

// Prepositions after which a capitalised run is a place whatever its size.
constexpr std::array<std::string_view, 14> kCueWords = {
    "in",   "at",   "near",    "outside", "around", "across",     "inside",
    "into", "from", "through", "towards", "toward", "throughout", "within"};
// Cues that put the event near, not at, the place.
constexpr std::array<std::string_view, 3> kNearCues = {"near", "outside", "around"};
constexpr std::array<std::string_view, 8> kCompass = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"};
constexpr std::array<std::string_view, 8> kCompassOf = {
    "north of",     "south of",     "east of",      "west of",
    "northeast of", "northwest of", "southeast of", "southwest of"};
// "northern Gaza", "in eastern Ukraine".
constexpr std::array<std::string_view, 14> kDirections = {
    "northern",     "southern",     "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "north",   "south",   "east",    "west",         "upper"};
// Words after a name that make it a first-level region ("Anbar province").
constexpr std::array<std::string_view, 12> kRegionWords = {
    "province", "governorate", "state",      "region",    "district",  "oblast",
    "county",   "department",  "prefecture", "territory", "provinces", "governorates"};
// Words after a name that keep it a place after a cue ("near Mosul Dam").
constexpr std::array<std::string_view, 14> kFeatureWords = {
    "camp",   "airport",  "airbase", "base",   "bridge",    "road",      "highway",
    "border", "crossing", "dam",     "valley", "mountains", "outskirts", "area"};
// "in the town of X": the noun says which kind of place.
constexpr std::array<std::string_view, 10> kPlaceNouns = {
    "town",   "village", "city",        "district", "province",
    "region", "area",    "governorate", "state",    "municipality"};
// Lower-case particles inside Arabic and Romance names ("Deir ez-Zor",
// "Ras al-Ain", "Cabo Delgado" has none, "Bahr el Ghazal", "Mazar-i-Sharif").
constexpr std::array<std::string_view, 24> kParticles = {
    "al", "el",  "ez", "es", "ed", "ad", "ar", "as",  "ash", "at",  "az", "an",
    "de", "del", "la", "le", "di", "da", "do", "dos", "bin", "ibn", "i",  "e"};
// Articles that can open a name when a hyphen follows ("al-Anbar").
constexpr std::array<std::string_view, 13> kArticles = {"al", "el", "ad", "ar", "as", "ash", "at",
                                                        "az", "an", "ez", "es", "ed", "adh"};

struct Sentence {
  std::string_view text;
  std::span<const Token> tokens;

  std::string_view Word(std::size_t i) const {
    const Token& t = tokens[i];
    return text.substr(t.start, t.end - t.start);
  }
  bool IsWord(std::size_t i) const {
    return i < tokens.size() && tokens[i].kind == TokenKind::kWord;
  }
  bool IsCap(std::size_t i) const { return IsWord(i) && tokens[i].capitalized; }
  bool Is(std::size_t i, std::string_view lower) const {
    return i < tokens.size() && EqualsLower(Word(i), lower);
  }
  bool IsHyphen(std::size_t i) const { return i < tokens.size() && Word(i) == "-"; }
  bool IsPossessive(std::size_t i) const {
    if (i >= tokens.size()) return false;
    std::string_view w = Word(i);
    return w == "'s" || w == "\xE2\x80\x99s" || w == "'" || w == "\xE2\x80\x99";
  }
  // Bytes from token a's start to token b's end (b inclusive).
  std::string_view Span(std::size_t a, std::size_t b) const {
    return text.substr(tokens[a].start, tokens[b].end - tokens[a].start);
  }
};

bool IsCueWord(std::string_view w) { return !FindLower(w, kCueWords).empty(); }

// Whether a run of name words may start at token i.
bool StartsName(const Sentence& s, std::size_t i) {
  if (s.IsCap(i)) return !IsCueWord(s.Word(i));
  // "al-Anbar": an article, a hyphen, a capitalised word.
  return s.IsWord(i) && !FindLower(s.Word(i), kArticles).empty() && s.IsHyphen(i + 1) &&
         s.IsCap(i + 2);
}

// One past the last token of the capitalised run starting at i: capitalised
// words, joined by hyphens and name particles when a capitalised word
// follows them.
std::size_t RunEnd(const Sentence& s, std::size_t i) {
  std::size_t e = i + 1;
  if (!s.IsCap(i)) e = i + 3;  // article + hyphen + word
  while (e < s.tokens.size()) {
    if (s.IsCap(e) && !IsCueWord(s.Word(e))) {
      ++e;
      continue;
    }
    // Joiners: "-", "ez -", "al", "i -" before a capitalised word.
    std::size_t k = e;
    if (s.IsWord(k) && !FindLower(s.Word(k), kParticles).empty()) ++k;
    if (s.IsHyphen(k)) ++k;
    if (k > e && k < s.tokens.size() && s.IsCap(k) && !IsCueWord(s.Word(k))) {
      e = k + 1;
      continue;
    }
    break;
  }
  return e;
}

// The cue before token `at` (where the place words, or a direction word
// before them, begin). Sets `rule` for "in the town of".
struct Cue {
  std::string_view cue = "bare";
  std::string_view rule;
  std::size_t start = 0;  // first token of the cue phrase
  bool near = false;
  int want = 0;  // 1: a city ("town of"), 2: an admin1 ("province of")
};

Cue FindCue(const Sentence& s, std::size_t at) {
  Cue cue;
  cue.start = at;
  if (at == 0) return cue;
  std::size_t k = at - 1;
  if (s.Is(k, "the") && k > 0) --k;
  if (s.Is(k, "of") && k > 0) {
    std::string_view before = s.Word(k - 1);
    for (std::size_t c = 0; c < kCompass.size(); ++c) {
      if (EqualsLower(before, kCompass[c])) {
        cue.cue = kCompassOf[c];
        cue.start = k - 1;
        cue.near = true;
        cue.rule = "cue-place";
        return cue;
      }
    }
    if (EqualsLower(before, "outskirts")) {
      cue.cue = "outside";
      cue.start = k - 1;
      cue.near = true;
      cue.rule = "cue-place";
      return cue;
    }
    std::string_view noun = FindLower(before, kPlaceNouns);
    // "in the town of X", "in the province of X".
    if (!noun.empty() && k >= 3 && s.Is(k - 2, "the")) {
      std::string_view w = FindLower(s.Word(k - 3), kCueWords);
      if (!w.empty()) {
        cue.cue = w;
        cue.start = k - 3;
        cue.near = !FindLower(w, kNearCues).empty();
        cue.rule = "in-the-town-of";
        cue.want = (noun == "town" || noun == "village" || noun == "city") ? 1 : 2;
        return cue;
      }
    }
    return cue;
  }
  std::string_view w = FindLower(s.Word(k), kCueWords);
  if (!w.empty()) {
    cue.cue = w;
    cue.start = k;
    cue.near = !FindLower(w, kNearCues).empty();
    cue.rule = "cue-place";
  }
  return cue;
}

struct Preference {
  std::string_view country;  // ISO3 the sentence gives, or empty
  bool admin = false;        // after a region word
  bool city = false;         // "the town of"
};

// Cities known by name in any article: capitals and cities of a million.
// "London" in an article that mentioned the US is still London, England;
// the article's focus country, or a real city (kMentionedCity) of a
// country mentioned before, still wins ("Tripoli" after "Lebanon").
constexpr std::int64_t kFamousCity = 1000000;
constexpr std::int64_t kMentionedCity = 50000;

// Picks the best candidate: the sentence's country; then the focus country
// (4), a town of a mentioned country (3), a country's own name or a famous
// city (2), a village of a mentioned country (1); then kind; then whether the place's own name is
// the words (GeoNames lists "Islamabad" among Chittagong's alternate names); then population.
const Place* Resolve(const std::vector<Place>& cands, std::string_view words,
                     const Preference& pref, const Gazetteer& gaz, const PlaceContext& ctx) {
  std::string key, name_key;
  gaz.NormalizeKey(words, key);
  const Place* best = nullptr;
  std::tuple<int, int, int, int, std::int64_t> best_score{};
  for (const Place& p : cands) {
    int given = !pref.country.empty() && p.iso3 == pref.country ? 1 : 0;
    const bool mentioned = std::find(ctx.mentioned_countries.begin(), ctx.mentioned_countries.end(),
                                     p.iso3) != ctx.mentioned_countries.end();
    int context = 0;
    if (!ctx.focus_country.empty() && p.iso3 == ctx.focus_country) {
      context = 4;
    } else if (mentioned && p.population >= kMentionedCity) {
      context = 3;
    } else if (p.kind == PlaceKind::kCountry ||
               (p.kind == PlaceKind::kCity &&
                (p.population >= kFamousCity || p.feature_code == "PPLC"))) {
      context = 2;
    } else if (mentioned) {
      context = 1;
    }
    int kind = 0;
    if (pref.admin) {
      kind = p.kind == PlaceKind::kAdmin1   ? 4
             : p.kind == PlaceKind::kRegion ? 3
             : p.kind == PlaceKind::kCity   ? 1
                                            : 0;
    } else if (pref.city) {
      kind = p.kind == PlaceKind::kCity ? 4 : p.kind == PlaceKind::kRegion ? 2 : 1;
    } else {
      // Cities and admin1 regions rank together, by population; a capital
      // before a region ("Washington").
      kind = p.kind == PlaceKind::kCountry                              ? 4
             : p.kind == PlaceKind::kRegion || p.feature_code == "PPLC" ? 3
                                                                        : 2;
    }
    gaz.NormalizeKey(p.name, name_key);
    int own_name = !key.empty() && name_key == key ? 1 : 0;
    // A region's population is the sum of its places': a city named like
    // its region ("Kirkuk", "Idlib") is usually what "in Kirkuk" means, so
    // the region counts a quarter ("Anbar" is still the Iraqi governorate
    // rather than a Turkish village).
    std::int64_t population = p.kind == PlaceKind::kAdmin1 ? p.population / 4 : p.population;
    std::tuple<int, int, int, int, std::int64_t> score{given, context, kind, own_name, population};
    if (best == nullptr || score > best_score) {
      best = &p;
      best_score = score;
    }
  }
  return best;
}

bool IsLargeCity(const Place& p) {
  return p.kind == PlaceKind::kCity && (p.population >= kLargeCity || p.feature_code == "PPLC");
}

void Fill(PlaceMention& m, const Place& p, bool near) {
  m.place = p;
  m.country = p.iso3;
  m.admin1 = p.admin1_name;
  m.admin1_code = p.admin1_code;
  m.name = p.name;
  m.has_coordinates = p.has_coordinates;
  m.lat = p.lat;
  m.lon = p.lon;
  switch (p.kind) {
    case PlaceKind::kCountry:
      m.precision = "country";
      break;
    case PlaceKind::kAdmin1:
    case PlaceKind::kRegion:
      m.precision = "admin1";
      break;
    case PlaceKind::kCity:
      m.precision = near ? "near" : "exact";
      break;
  }
}

// The ISO3 of a country named by tokens [a, b), or empty.
std::string_view CountryNamed(const Sentence& s, std::size_t a, std::size_t b, const Gazetteer& gaz,
                              std::vector<Place>& scratch) {
  if (a >= b || b > s.tokens.size()) return {};
  scratch.clear();
  gaz.LookupInto(s.Span(a, b - 1), scratch);
  for (const Place& p : scratch) {
    if (p.kind == PlaceKind::kCountry) return p.iso3;
  }
  return {};
}

// Lower-case words that may follow a place name without making it a
// modifier of a noun ("in the US on Tuesday", "in the Congo and Rwanda").
bool IsFunctionWord(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kWords = {
      "and",   "or",     "on",   "in",    "at",     "since", "last",  "this",
      "over",  "for",    "to",   "of",    "from",   "after", "before", "during",
      "with",  "where",  "when", "which", "who",    "but",   "amid",  "until"};
  return !FindLower(w, kWords).empty();
}

struct Match {
  std::size_t end = 0;  // one past the last name token
  std::vector<Place> cands;
};

// The longest gazetteer name starting at token i inside the run [i, e).
// Returns false when none, or when the longest name there is a non-place
// ("Islamic State", "March"), which also rules out its shorter prefixes.
bool LongestName(const Sentence& s, std::size_t i, std::size_t e, const Gazetteer& gaz, Match& m,
                 bool& not_place, bool after_cue) {
  not_place = false;
  std::size_t max_end = std::min(e, i + kMaxNameTokens);
  for (std::size_t end = max_end; end > i; --end) {
    if (!s.IsWord(end - 1) || !s.IsCap(end - 1)) continue;
    std::string_view words = s.Span(i, end - 1);
    if (gaz.IsNotPlace(words)) {
      not_place = true;
      return false;
    }
    // A one-token name of three letters or fewer must be written in capitals
    // ("KP", "DRC"): "Bo" and "Ur" are places and common words. Right after
    // a place cue a three-letter town is meant ("near Gao", "in Jos").
    bool short_ok = after_cue && words.size() == 3;
    if (end == i + 1 && words.size() <= 3 && !short_ok &&
        std::any_of(words.begin(), words.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      continue;
    }
    m.cands.clear();
    if (gaz.LookupInto(words, m.cands) > 0) {
      m.end = end;
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<PlaceMention> FindPlaces(std::string_view text, std::span<const Token> tokens,
                                     const Gazetteer& gaz, const PlaceContext& ctx) {
  std::vector<PlaceMention> out;
  Sentence s{text, tokens};
  const std::size_t n = tokens.size();
  std::size_t first_word = 0;
  while (first_word < n && tokens[first_word].kind != TokenKind::kWord) ++first_word;
  // "In March", "At least": a capitalised cue opens the sentence; the
  // run after it is not sentence-initial.
  std::vector<Place> scratch;
  Match match;
  std::string_view carried_country;  // from "Syria's ..." for the next name
  std::size_t carried_until = 0;
  std::size_t i = 0;
  while (i < n) {
    if (!StartsName(s, i)) {
      ++i;
      continue;
    }
    const std::size_t run_start = i;
    const std::size_t run_end = RunEnd(s, i);
    i = run_end;
    // A person ("President Assad", "Gen. Burhan") or an organisation
    // ("Kurdistan Workers' Party", "Gaza Health Ministry").
    if (run_start > 0 && s.IsWord(run_start - 1) && gaz.IsPersonTitle(s.Word(run_start - 1))) {
      continue;
    }
    bool org = false;
    for (std::size_t k = run_start; k < run_end && !org; ++k) {
      org = s.IsCap(k) && gaz.IsOrganisationWord(s.Word(k));
    }
    if (org) continue;
    bool not_place = false;
    bool after_cue = run_start > 0 && s.IsWord(run_start - 1) && !s.IsCap(run_start - 1) &&
                     (s.Is(run_start - 1, "in") || s.Is(run_start - 1, "near") ||
                      s.Is(run_start - 1, "outside") || s.Is(run_start - 1, "at"));
    if (!LongestName(s, run_start, run_end, gaz, match, not_place, after_cue)) {
      // "Iraq's western desert" with no name but the phrase.
      continue;
    }
    std::size_t name_end = match.end;
    // Words after the name: a region word ("Anbar province", "Borno
    // State"), or (after a cue) a feature ("Mosul Dam"), a day.
    bool region_word = false;
    std::size_t after = name_end;
    if (after < n && s.IsWord(after) && !FindLower(s.Word(after), kRegionWords).empty()) {
      region_word = true;
      ++after;
    }
    bool trailing_ok = after >= run_end;
    if (!trailing_ok) {
      trailing_ok = true;
      for (std::size_t k = after; k < run_end; ++k) {
        if (s.IsCap(k) && FindLower(s.Word(k), kFeatureWords).empty() &&
            !gaz.IsNotPlace(s.Word(k))) {
          trailing_ok = false;
          break;
        }
      }
    }
    // A direction word before the name, and the cue before that.
    std::size_t words_start = run_start;
    std::string_view direction;
    if (run_start > 0 && s.IsWord(run_start - 1) && !s.IsCap(run_start - 1)) {
      direction = FindLower(s.Word(run_start - 1), kDirections);
      if (!direction.empty()) words_start = run_start - 1;
    }
    Cue cue = FindCue(s, words_start);
    bool the_region = region_word && run_start > 0 && s.Is(run_start - 1, "the");
    PlaceMention m;
    m.first_token = static_cast<std::uint32_t>(run_start);
    m.end_token = static_cast<std::uint32_t>(name_end);
    m.start = tokens[run_start].start;
    m.end = tokens[name_end - 1].end;
    m.phrase_start = tokens[cue.start == words_start ? words_start : cue.start].start;
    if (cue.cue == "bare" && !direction.empty()) m.phrase_start = tokens[words_start].start;
    m.cue = cue.cue;
    m.rule = cue.rule;

    Preference pref;
    pref.admin = region_word || cue.want == 2;
    pref.city = cue.want == 1;
    if (!carried_country.empty() && run_start <= carried_until) pref.country = carried_country;

    // "northern Gaza": a hand-written phrase with its direction word.
    const Place* chosen = nullptr;
    bool alias = false;
    if (!direction.empty()) {
      scratch.clear();
      if (gaz.LookupInto(s.Span(words_start, name_end - 1), scratch) > 0) {
        chosen = Resolve(scratch, s.Span(words_start, name_end - 1), pref, gaz, ctx);
        alias = chosen != nullptr;
      }
    }
    // Possessive: "Iraq's western desert" (a phrase), or "Syria's Idlib
    // province" (the country picks among the next name's candidates).
    if (chosen == nullptr && name_end == run_end && s.IsPossessive(name_end)) {
      for (std::size_t k = std::min(n, name_end + 4); k > name_end + 1; --k) {
        bool lower = true;
        for (std::size_t w = name_end + 1; w < k; ++w) lower = lower && s.IsWord(w) && !s.IsCap(w);
        if (!lower) continue;
        scratch.clear();
        if (gaz.LookupInto(s.Span(run_start, k - 1), scratch) > 0) {
          chosen = Resolve(scratch, s.Span(run_start, k - 1), pref, gaz, ctx);
          if (chosen != nullptr) {
            alias = true;
            name_end = k;
            m.end_token = static_cast<std::uint32_t>(k);
            m.end = tokens[k - 1].end;
            if (cue.cue == "bare") {
              m.cue = "possessive";
              m.phrase_start = m.start;
            }
            break;
          }
        }
      }
      if (chosen == nullptr) {
        std::string_view iso3 = CountryNamed(s, run_start, name_end, gaz, scratch);
        if (!iso3.empty()) {
          carried_country = iso3;
          carried_until = name_end + 5;
          if (cue.cue == "bare") continue;  // the country is the owner, not the place
        }
      }
    }
    if (alias) {
      Fill(m, *chosen, cue.near || (!direction.empty() && chosen->kind == PlaceKind::kCity));
      m.rule = "alias";
      out.push_back(m);
      i = std::max(i, name_end);
      continue;
    }
    if (!trailing_ok) continue;

    // "Hyderabad, Pakistan", "Tripoli, Lebanon".
    std::size_t consumed = name_end;
    if (region_word) consumed = after;
    bool appositive = false;
    if (consumed + 1 < n && s.Word(consumed) == "," && StartsName(s, consumed + 1)) {
      std::size_t qe = RunEnd(s, consumed + 1);
      std::string_view iso3 = CountryNamed(s, consumed + 1, qe, gaz, scratch);
      if (!iso3.empty() && std::any_of(match.cands.begin(), match.cands.end(), [&](const Place& p) {
            return p.iso3 == iso3 && p.kind != PlaceKind::kCountry;
          })) {
        pref.country = iso3;
        appositive = true;
        i = std::max(i, qe);
      }
    }
    chosen = Resolve(match.cands, s.Span(run_start, name_end - 1), pref, gaz, ctx);
    if (chosen == nullptr) continue;
    // "at the US embassy", "near the Syria border crossing": a country
    // before a noun of its own modifies that noun; the place, if any, is
    // named elsewhere.
    if (chosen->kind == PlaceKind::kCountry && !region_word && run_start > 0 &&
        s.Is(run_start - 1, "the") && name_end < n && s.IsWord(name_end) && !s.IsCap(name_end) &&
        !IsFunctionWord(s.Word(name_end))) {
      continue;
    }

    // Coordination carries a cue: "in Aleppo and Idlib".
    bool coordinated = false;
    if (cue.cue == "bare" && !out.empty() && out.back().cue != "bare" &&
        out.back().end_token <= run_start) {
      coordinated = true;
      for (std::size_t k = out.back().end_token; k < words_start; ++k) {
        std::string_view w = s.Word(k);
        if (!(w == "," || EqualsLower(w, "and") || EqualsLower(w, "or") ||
              !FindLower(w, kRegionWords).empty())) {
          coordinated = false;
          break;
        }
      }
      if (coordinated) {
        cue.cue = out.back().cue;
        cue.near = out.back().precision == "near";
        m.cue = cue.cue;
      }
    }

    // Acceptance.
    const bool multiword = name_end - run_start > 1;
    const bool sentence_initial = words_start == first_word;
    std::string_view rule;
    if (cue.cue != "bare") {
      rule = coordinated ? "coordinated" : cue.rule.empty() ? "cue-place" : cue.rule;
    } else if (region_word) {
      rule = the_region ? "the-X-region" : "region-word";
      m.cue = "region-word";
      if (the_region) m.phrase_start = tokens[run_start - 1].start;
    } else if (!direction.empty()) {
      rule = "direction";
    } else if (chosen->kind == PlaceKind::kCountry) {
      continue;  // a bare country is an actor more often than a place
    } else if (chosen->kind == PlaceKind::kAdmin1 || chosen->kind == PlaceKind::kRegion) {
      rule = "bare-admin1";
    } else if (multiword) {
      rule = "bare-multiword";
    } else if (IsLargeCity(*chosen) || (!sentence_initial && chosen->feature_code == "PPLA")) {
      rule = "bare-large-city";
    } else {
      continue;
    }
    if (!pref.country.empty() && chosen->iso3 == pref.country) {
      rule = appositive ? "appositive-country" : "possessive-country";
    }
    if (region_word) m.end = tokens[after - 1].end;
    Fill(m, *chosen, cue.near || (!direction.empty() && chosen->kind == PlaceKind::kCity));
    m.rule = rule;
    out.push_back(m);
  }
  return out;
}

std::optional<PlaceMention> ReadDateline(std::string_view dateline, const Gazetteer& gaz,
                                         const PlaceContext& ctx) {
  // The place is the text before the first comma, "(", " - " or dash; later
  // comma-separated parts may qualify it until one looks like a date.
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  std::size_t pos = 0;
  while (pos < dateline.size()) {
    std::size_t end = pos;
    while (end < dateline.size() && dateline[end] != ',' && dateline[end] != '(' &&
           !(dateline[end] == '-' && end > 0 && dateline[end - 1] == ' ') &&
           dateline.substr(end, 3) != "\xE2\x80\x94" && dateline.substr(end, 3) != "\xE2\x80\x93") {
      ++end;
    }
    std::size_t a = pos, b = end;
    while (a < b && (dateline[a] == ' ' || dateline[a] == '\t')) ++a;
    while (b > a && (dateline[b - 1] == ' ' || dateline[b - 1] == '\t')) --b;
    std::string_view part = dateline.substr(a, b - a);
    bool has_digit =
        std::any_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (part.empty() || has_digit || gaz.IsNotPlace(part.substr(0, part.find(' ')))) break;
    parts.emplace_back(a, b);
    if (end >= dateline.size() || dateline[end] != ',') break;
    pos = end + 1;
  }
  if (parts.empty()) return std::nullopt;
  std::vector<Place> cands;
  std::string_view place_words = dateline.substr(parts[0].first, parts[0].second - parts[0].first);
  if (gaz.LookupInto(place_words, cands) == 0) return std::nullopt;
  Preference pref;
  pref.city = true;  // datelines name towns
  std::vector<Place> qual;
  for (std::size_t k = 1; k < parts.size() && pref.country.empty(); ++k) {
    qual.clear();
    gaz.LookupInto(dateline.substr(parts[k].first, parts[k].second - parts[k].first), qual);
    for (const Place& q : qual) {
      if (q.kind != PlaceKind::kCity &&
          std::any_of(cands.begin(), cands.end(),
                      [&](const Place& c) { return c.iso3 == q.iso3; })) {
        pref.country = q.iso3;
        break;
      }
    }
  }
  const Place* chosen = Resolve(cands, place_words, pref, gaz, ctx);
  if (chosen == nullptr) return std::nullopt;
  PlaceMention m;
  m.start = m.phrase_start = static_cast<std::uint32_t>(parts[0].first);
  m.end = static_cast<std::uint32_t>(parts[0].second);
  Fill(m, *chosen, false);
  m.cue = "dateline";
  m.rule = "dateline";
  return m;
}

void NotePlaces(std::span<const PlaceMention> mentions, PlaceContext& ctx) {
  for (const PlaceMention& m : mentions) {
    if (m.country.empty()) continue;
    if (std::find(ctx.mentioned_countries.begin(), ctx.mentioned_countries.end(), m.country) ==
        ctx.mentioned_countries.end()) {
      ctx.mentioned_countries.emplace_back(m.country);
    }
  }
}

}  // namespace khaldun::places
