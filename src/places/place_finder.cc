#include "places/place_finder.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <tuple>
#include <utility>

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

// The entry of `list` that `lower` (a token already lower-cased) is, or
// empty.
template <std::size_t N>
std::string_view FindLower(std::string_view lower, const std::array<std::string_view, N>& list) {
  for (std::string_view w : list) {
    if (lower == w) return w;
  }
  return {};
}

// LowerWordHash of a lower-case word, at compile time.
constexpr std::uint64_t HashOfLower(std::string_view lower) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : lower) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

// A word list with the hashes of its words: a token is compared with the
// list by its hash (TokenWords::Hash), and by its bytes only on a match.
// Two 6-bit slices of a hash pick two bits of a 64-bit filter: a word
// whose bits are not both set in the list's filter is not in the list,
// which most tokens learn in a few instructions.
constexpr std::uint64_t FilterBits(std::uint64_t hash) {
  return (1ull << (hash >> 58)) | (1ull << ((hash >> 52) & 63));
}

template <std::size_t N>
struct WordList {
  std::array<std::string_view, N> words;
  std::array<std::uint64_t, N> hashes{};
  std::uint64_t filter = 0;
  constexpr explicit WordList(const std::array<std::string_view, N>& list) : words(list) {
    for (std::size_t i = 0; i < N; ++i) {
      hashes[i] = HashOfLower(list[i]);
      filter |= FilterBits(hashes[i]);
    }
  }
  std::string_view Find(std::string_view lower, std::uint64_t hash) const {
    const std::uint64_t bits = FilterBits(hash);
    if ((filter & bits) != bits) return {};
    for (std::size_t i = 0; i < N; ++i) {
      if (hashes[i] == hash && words[i] == lower) return words[i];
    }
    return {};
  }
};

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
constexpr std::array<std::string_view, 9> kAdmin1Words = {"province",  "governorate",  "state",
                                                          "region",    "oblast",       "prefecture",
                                                          "provinces", "governorates", "regions"};
// Words after a name that make it a second-level area ("Gwoza LGA", "Irumu
// territory", "Ancuabe district"). "District", "county" and "department"
// are first-level in some countries (Uganda, Kenya, Colombia): an admin1
// still wins there when no admin2 has the name.
constexpr std::array<std::string_view, 14> kAdmin2Words = {
    "district", "territory", "lga",    "township",  "county",   "department", "municipality",
    "cercle",   "woreda",    "tehsil", "districts", "counties", "agency",     "subdistrict"};
// Words after a name that keep it a place after a cue ("near Mosul Dam").
constexpr std::array<std::string_view, 14> kFeatureWords = {
    "camp",   "airport",  "airbase", "base",   "bridge",    "road",      "highway",
    "border", "crossing", "dam",     "valley", "mountains", "outskirts", "area"};
// "in the town of X": the noun says which kind of place.
constexpr std::array<std::string_view, 10> kPlaceNouns = {
    "town",   "village", "city",        "district", "province",
    "region", "area",    "governorate", "state",    "municipality"};
// Lower-case particles inside Arabic and Romance names ("Deir ez-Zor",
// "Ras al-Ain", "Cabo Delgado" has none, "Bahr el Ghazal", "Mazar-i-Sharif",
// "Port-au-Prince").
constexpr std::array<std::string_view, 26> kParticles = {
    "al",  "el", "ez", "es", "ed", "ad", "ar",  "as",  "ash", "at", "az", "an", "de",
    "del", "la", "le", "di", "da", "do", "dos", "bin", "ibn", "i",  "e",  "au", "sur"};
// Articles that can open a name when a hyphen follows ("al-Anbar").
constexpr std::array<std::string_view, 13> kArticles = {"al", "el", "ad", "ar", "as", "ash", "at",
                                                        "az", "an", "ez", "es", "ed", "adh"};
// The lists a token is tried against at every position, with hashes.
constexpr WordList kCueList(kCueWords);
constexpr WordList kParticleList(kParticles);
constexpr WordList kArticleList(kArticles);
constexpr WordList kDirectionList(kDirections);
constexpr WordList kAdmin1List(kAdmin1Words);
constexpr WordList kAdmin2List(kAdmin2Words);
constexpr WordList kFeatureList(kFeatureWords);

struct Sentence {
  std::string_view text;
  std::span<const Token> tokens;
  const TokenWords& words;  // the same tokens, lower-cased

  std::string_view Word(std::size_t i) const {
    const Token& t = tokens[i];
    return text.substr(t.start, t.end - t.start);
  }
  std::string_view Lower(std::size_t i) const { return words.Lower(i); }
  // The entry of `list` that token i is, or empty.
  template <std::size_t N>
  std::string_view Find(std::size_t i, const WordList<N>& list) const {
    return list.Find(words.Lower(i), words.Hash(i));
  }
  bool IsWord(std::size_t i) const {
    return i < tokens.size() && tokens[i].kind == TokenKind::kWord;
  }
  bool IsCap(std::size_t i) const { return IsWord(i) && tokens[i].capitalized; }
  bool Is(std::size_t i, std::string_view lower) const {
    return i < tokens.size() && Lower(i) == lower;
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

bool IsCue(const Sentence& s, std::size_t i) { return !s.Find(i, kCueList).empty(); }

// A region word at token i: 1 (first-level: "province"), 2 (second-level:
// "district", "LGA", "Local Government Area", "sub-county") or 0. Sets
// `end` one past its last token.
int RegionWordAt(const Sentence& s, std::size_t i, std::size_t& end) {
  if (!s.IsWord(i)) return 0;
  std::string_view w = s.Lower(i);
  if (w == "local" && s.Is(i + 1, "government") && s.Is(i + 2, "area")) {
    end = i + 3;
    return 2;
  }
  if (w == "sub" && s.IsHyphen(i + 1) &&
      (s.Is(i + 2, "county") || s.Is(i + 2, "district") || s.Is(i + 2, "prefecture"))) {
    end = i + 3;
    return 2;
  }
  end = i + 1;
  if (!s.Find(i, kAdmin1List).empty()) return 1;
  if (!s.Find(i, kAdmin2List).empty()) return 2;
  return 0;
}

// Whether a run of name words may start at token i.
bool StartsName(const Sentence& s, std::size_t i) {
  if (s.IsCap(i)) return !IsCue(s, i);
  // "al-Anbar": an article, a hyphen, a capitalised word.
  return s.IsWord(i) && !s.Find(i, kArticleList).empty() && s.IsHyphen(i + 1) && s.IsCap(i + 2);
}

// One past the last token of the capitalised run starting at i: capitalised
// words, joined by hyphens and name particles when a capitalised word
// follows them.
std::size_t RunEnd(const Sentence& s, std::size_t i) {
  std::size_t e = i + 1;
  if (!s.IsCap(i)) e = i + 3;  // article + hyphen + word
  while (e < s.tokens.size()) {
    if (s.IsCap(e) && !IsCue(s, e)) {
      ++e;
      continue;
    }
    // Joiners: "-", "ez -", "al", "i -" before a capitalised word.
    // "-au-", "-i-" ("Port-au-Prince", "Mazar-i-Sharif").
    std::size_t k = e;
    if (s.IsHyphen(k) && s.IsWord(k + 1) && !s.Find(k + 1, kParticleList).empty() &&
        s.IsHyphen(k + 2)) {
      k += 1;
    }
    if (s.IsWord(k) && !s.Find(k, kParticleList).empty()) ++k;
    if (s.IsHyphen(k)) ++k;
    if (k > e && k < s.tokens.size() && s.IsCap(k) && !IsCue(s, k)) {
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
  // "the village of", "a town near": a small place, which a homonym abroad
  // is not (see FindPlaces).
  bool small_place = false;
};

// "the northern town of", "the coastal city of", "the besieged Lebanese
// village of": from the noun at `noun` back over up to three adjectives
// (lower-case words, hyphenated ones, country adjectives) to "the". The
// index of "the", or npos.
std::size_t TheBeforeNoun(const Sentence& s, std::size_t noun, const Gazetteer& gaz) {
  std::size_t j = noun;
  for (int words = 0; j > 0 && words <= 3;) {
    --j;
    if (s.Is(j, "the")) return j;
    if (s.IsHyphen(j)) continue;
    if (!s.IsWord(j) || IsCue(s, j) || s.Is(j, "a") || s.Is(j, "an") || s.Is(j, "of")) {
      break;
    }
    if (s.IsCap(j) && !gaz.CountryByAdjective(s.Word(j))) break;
    ++words;
  }
  return std::string_view::npos;
}

Cue FindCue(const Sentence& s, std::size_t at, const Gazetteer& gaz) {
  Cue cue;
  cue.start = at;
  if (at == 0) return cue;
  std::size_t k = at - 1;
  if (s.Is(k, "the") && k > 0) --k;
  if (s.Is(k, "of") && k > 0) {
    std::string_view before = s.Lower(k - 1);
    for (std::size_t c = 0; c < kCompass.size(); ++c) {
      if (before == kCompass[c]) {
        cue.cue = kCompassOf[c];
        cue.start = k - 1;
        cue.near = true;
        cue.rule = "cue-place";
        return cue;
      }
    }
    if (before == "outskirts") {
      cue.cue = "outside";
      cue.start = k - 1;
      cue.near = true;
      cue.rule = "cue-place";
      return cue;
    }
    std::string_view noun = FindLower(before, kPlaceNouns);
    // "in the town of X", "near the northern town of X", "the coastal city
    // of X", "in the province of X". Without a preposition the noun phrase
    // is the cue ("struck the village of X"): cue "town-of".
    std::size_t the = noun.empty() ? std::string_view::npos : TheBeforeNoun(s, k - 1, gaz);
    if (the != std::string_view::npos) {
      std::string_view w = the > 0 ? s.Find(the - 1, kCueList) : std::string_view();
      cue.cue = w.empty() ? std::string_view("town-of") : w;
      cue.start = w.empty() ? the : the - 1;
      cue.near = !w.empty() && !FindLower(w, kNearCues).empty();
      cue.rule = "in-the-town-of";
      cue.want = (noun == "town" || noun == "village" || noun == "city") ? 1 : 2;
      cue.small_place = noun == "town" || noun == "village";
      return cue;
    }
    return cue;
  }
  std::string_view w = s.Find(k, kCueList);
  if (!w.empty()) {
    cue.cue = w;
    cue.start = k;
    cue.near = !FindLower(w, kNearCues).empty();
    cue.rule = "cue-place";
    // "a village near X", "villages outside X".
    cue.small_place = k > 0 && (s.Is(k - 1, "village") || s.Is(k - 1, "villages") ||
                                s.Is(k - 1, "town") || s.Is(k - 1, "hamlet"));
  }
  return cue;
}

struct Preference {
  std::string_view country;  // ISO3 the sentence gives, or empty
  bool admin = false;        // after a first-level region word ("province")
  bool admin2 = false;       // after a second-level one ("district", "LGA")
  bool city = false;         // "the town of"
};

// Cities known by name in any article: capitals and cities of a million.
// "London" in an article that mentioned the US is still London, England;
// the article's focus country, or a real city (kMentionedCity) of a
// country mentioned before, still wins ("Tripoli" after "Lebanon").
constexpr std::int64_t kFamousCity = 1000000;
constexpr std::int64_t kMentionedCity = 50000;

// Picks the best candidate: the sentence's country; then context: the
// focus country (5), a town of 50,000 or more of a mentioned country (4), a
// country or a capital (3: known by name in any article, so "London" after
// a mention of the US is still London, England), a smaller place of a
// mentioned country (2), a famous city elsewhere (1): a place abroad never
// wins over one of the article's countries unless it is a capital ("Kobe"
// in a story about Mali); then kind; then whether the place's own name is
// the words (GeoNames lists "Islamabad" among Chittagong's alternate names);
// then population.
const Place* Resolve(const std::vector<Place>& cands, std::string_view words,
                     const Preference& pref, const Gazetteer& gaz, const PlaceContext& ctx) {
  // Whether a place's own name is the words: asked only to break a tie of
  // the first three keys (the names are folded only then).
  std::string key, name_key;
  bool have_key = false;
  auto own_name = [&](const Place& p) {
    if (!have_key) {
      gaz.NormalizeKey(words, key);
      have_key = true;
    }
    gaz.NormalizeKey(p.name, name_key);
    return !key.empty() && name_key == key ? 1 : 0;
  };
  const Place* best = nullptr;
  std::tuple<int, int, int> best_rank{};
  int best_own = -1;  // -1: not yet known
  std::int64_t best_population = 0;
  for (const Place& p : cands) {
    int given = !pref.country.empty() && p.iso3 == pref.country ? 1 : 0;
    const bool mentioned = std::find(ctx.mentioned_countries.begin(), ctx.mentioned_countries.end(),
                                     p.iso3) != ctx.mentioned_countries.end();
    int context = 0;
    if (!ctx.focus_country.empty() && p.iso3 == ctx.focus_country) {
      context = 5;
    } else if (mentioned && p.population >= kMentionedCity) {
      context = 4;
    } else if (p.kind == PlaceKind::kCountry ||
               (p.kind == PlaceKind::kCity && p.feature_code == "PPLC")) {
      context = 3;
    } else if (mentioned) {
      context = 2;
    } else if (p.kind == PlaceKind::kCity && p.population >= kFamousCity) {
      context = 1;
    }
    int kind = 0;
    if (pref.admin2) {
      kind = p.kind == PlaceKind::kAdmin2   ? 4
             : p.kind == PlaceKind::kAdmin1 ? 3
             : p.kind == PlaceKind::kRegion ? 2
             : p.kind == PlaceKind::kCity   ? 1
                                            : 0;
    } else if (pref.admin) {
      kind = p.kind == PlaceKind::kAdmin1   ? 4
             : p.kind == PlaceKind::kRegion ? 3
             : p.kind == PlaceKind::kAdmin2 ? 2
             : p.kind == PlaceKind::kCity   ? 1
                                            : 0;
    } else if (pref.city) {
      kind = p.kind == PlaceKind::kCity ? 4 : p.kind == PlaceKind::kRegion ? 2 : 1;
    } else {
      // Cities and admin1 regions rank together, by population; a capital
      // before a region ("Washington"); a district after both ("in Gwoza"
      // is the town).
      kind = p.kind == PlaceKind::kCountry                              ? 4
             : p.kind == PlaceKind::kRegion || p.feature_code == "PPLC" ? 3
             : p.kind == PlaceKind::kAdmin2                             ? 1
                                                                        : 2;
    }
    // A region's population is the sum of its places': a city named like
    // its region ("Kirkuk", "Idlib") is usually what "in Kirkuk" means, so
    // the region counts a quarter ("Anbar" is still the Iraqi governorate
    // rather than a Turkish village).
    std::int64_t population = p.kind == PlaceKind::kAdmin1 || p.kind == PlaceKind::kAdmin2
                                  ? p.population / 4
                                  : p.population;
    // The order of (given, context, kind, own name, population).
    const std::tuple<int, int, int> rank{given, context, kind};
    if (best != nullptr && rank < best_rank) continue;
    if (best != nullptr && rank == best_rank) {
      if (best_own < 0) best_own = own_name(*best);
      const int own = own_name(p);
      if (std::pair(own, population) <= std::pair(best_own, best_population)) continue;
      best = &p;
      best_own = own;
      best_population = population;
      continue;
    }
    best = &p;
    best_rank = rank;
    best_own = -1;
    best_population = population;
  }
  return best;
}

bool IsLargeCity(const Place& p) {
  return p.kind == PlaceKind::kCity && (p.population >= kLargeCity || p.feature_code == "PPLC");
}

// `chosen` may be brief (LookupBriefInto): its position and admin1 are
// read here, for the one candidate taken.
void Fill(PlaceMention& m, const Place& chosen, bool near, const Gazetteer& gaz) {
  const Place p = gaz.Complete(chosen);
  m.place = p;
  m.country = p.iso3;
  m.admin1 = p.admin1_name;
  m.admin1_code = p.admin1_code;
  m.admin1_common = p.admin1_common;
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
    case PlaceKind::kAdmin2:
      // A named district is "near" its largest place (ACLED's precision 2).
      // One with no known place takes its admin1's seat and precision.
      m.precision = "near";
      if (!p.has_coordinates) {
        m.precision = "admin1";
        if (std::optional<Place> a = gaz.Admin1(p.admin1_code)) {
          m.has_coordinates = a->has_coordinates;
          m.lat = a->lat;
          m.lon = a->lon;
        }
      }
      break;
  }
}

// The ISO3 of a country named by tokens [a, b), or empty.
std::string_view CountryNamed(const Sentence& s, std::size_t a, std::size_t b, const Gazetteer& gaz,
                              std::vector<Place>& scratch) {
  if (a >= b || b > s.tokens.size()) return {};
  scratch.clear();
  gaz.LookupBriefInto(s.Span(a, b - 1), scratch);
  for (const Place& p : scratch) {
    if (p.kind == PlaceKind::kCountry) return p.iso3;
  }
  return {};
}

// Lower-case words that may follow a place name without making it a
// modifier of a noun ("in the US on Tuesday", "in the Congo and Rwanda").
bool IsFunctionWord(std::string_view lower) {
  static constexpr std::array<std::string_view, 24> kWords = {
      "and",  "or",    "on",   "in",    "at",   "since", "last",   "this",
      "over", "for",   "to",   "of",    "from", "after", "before", "during",
      "with", "where", "when", "which", "who",  "but",   "amid",   "until"};
  return !FindLower(lower, kWords).empty();
}

// Whether a country is one of the article's: the sentence's, the focus or
// one mentioned so far.
bool InArticle(std::string_view iso3, const Preference& pref, const PlaceContext& ctx) {
  return iso3 == pref.country || iso3 == ctx.focus_country ||
         std::find(ctx.mentioned_countries.begin(), ctx.mentioned_countries.end(), iso3) !=
             ctx.mentioned_countries.end();
}

// Whether the sentence names the country `iso3` by name ("Japan") or
// adjective ("Japanese").
bool SentenceNamesCountry(const Sentence& s, std::string_view iso3, const Gazetteer& gaz) {
  std::optional<Place> country = gaz.Country(iso3);
  if (!country) return false;
  std::string_view all = s.tokens.empty() ? std::string_view() : s.Span(0, s.tokens.size() - 1);
  if (!country->name.empty() && all.find(country->name) != std::string_view::npos) return true;
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    if (!s.IsCap(i)) continue;
    std::optional<Place> adj = gaz.CountryByAdjective(s.Word(i));
    if (adj && adj->iso3 == iso3) return true;
  }
  return false;
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
    if (gaz.LookupBriefInto(words, m.cands) > 0) {
      m.end = end;
      return true;
    }
  }
  return false;
}

// "the capital", "the Syrian capital", "Haiti's capital", "the capital's
// Green Zone": the capital of the country the adjective or possessive
// names, else of the article's focus country. Appends in text order.
void FindCapitals(const Sentence& s, const Gazetteer& gaz, const PlaceContext& ctx,
                  std::vector<PlaceMention>& out) {
  std::vector<Place> scratch;
  const std::size_t n = s.tokens.size();
  for (std::size_t i = 1; i < n; ++i) {
    if (!s.IsWord(i) || s.IsCap(i) || !s.Is(i, "capital")) continue;
    // "the capital city", "the capital's", "the capital was"; not "the
    // capital markets".
    static constexpr std::array<std::string_view, 12> kCapitalNouns = {
        "punishment", "gains",    "markets",  "market",     "flight",       "expenditure",
        "letters",    "controls", "spending", "investment", "requirements", "offence"};
    if (i + 1 < n && s.IsWord(i + 1) && !FindLower(s.Lower(i + 1), kCapitalNouns).empty()) {
      continue;
    }
    std::string_view iso3;
    std::size_t first = i;  // first token of the phrase's words
    if (s.Is(i - 1, "the")) {
      first = i - 1;
      iso3 = ctx.focus_country;
    } else if (s.IsCap(i - 1) && i >= 2 && s.Is(i - 2, "the")) {
      std::optional<Place> c = gaz.CountryByAdjective(s.Word(i - 1));
      if (!c) continue;
      first = i - 2;
      iso3 = c->iso3;
    } else if (s.IsPossessive(i - 1) && i >= 2 && s.IsCap(i - 2)) {
      std::size_t a = i - 2;
      while (a > 0 && s.IsCap(a - 1) && i - 1 - a < 4) --a;
      iso3 = CountryNamed(s, a, i - 1, gaz, scratch);
      first = a;
    }
    if (iso3.empty()) continue;
    std::optional<Place> country = gaz.Country(iso3);
    std::optional<Place> capital = country ? gaz.Capital(*country) : std::nullopt;
    if (!capital) continue;
    Cue cue = FindCue(s, first, gaz);
    PlaceMention m;
    m.first_token = static_cast<std::uint32_t>(first);
    m.end_token = static_cast<std::uint32_t>(i + 1);
    m.start = s.tokens[first].start;
    m.end = s.tokens[i].end;
    m.phrase_start = s.tokens[cue.start].start;
    Fill(m, *capital, cue.near, gaz);
    m.cue = cue.cue;
    m.rule = "capital";
    // A possessive owner may already be a mention ("Haiti's" is not, but
    // keep one mention per span).
    auto overlaps = [&](const PlaceMention& o) { return o.start < m.end && m.start < o.end; };
    if (std::any_of(out.begin(), out.end(), overlaps)) continue;
    auto at = std::find_if(out.begin(), out.end(),
                           [&](const PlaceMention& o) { return o.start > m.start; });
    out.insert(at, m);
  }
}

}  // namespace

std::vector<PlaceMention> FindPlaces(std::string_view text, std::span<const Token> tokens,
                                     const Gazetteer& gaz, const PlaceContext& ctx) {
  TokenWordsBuffer buffer;
  return FindPlaces(buffer.Make(text, tokens), gaz, ctx);
}

std::vector<PlaceMention> FindPlaces(const TokenWords& token_words, const Gazetteer& gaz,
                                     const PlaceContext& ctx) {
  std::vector<PlaceMention> out;
  const std::string_view text = token_words.text;
  const std::span<const Token> tokens = token_words.tokens;
  Sentence s{text, tokens, token_words};
  const std::size_t n = tokens.size();
  std::size_t first_word = 0;
  while (first_word < n && tokens[first_word].kind != TokenKind::kWord) ++first_word;
  // "In March", "At least": a capitalised cue opens the sentence; the
  // run after it is not sentence-initial.
  std::vector<Place> scratch;
  Match match;
  std::string_view carried_country;  // from "Syria's ..." for the next name
  std::size_t carried_until = 0;
  // "in Niger's western Tillaberi region": the cue before the owner
  // country is the next name's.
  Cue carried_cue;
  std::size_t carried_cue_at = 0;  // the token where that name may begin
  bool has_carried_cue = false;
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
      std::size_t region_end = 0;
      // "Tsafe Local Government Area": "Government" is a region word here.
      if (k > run_start && RegionWordAt(s, k, region_end) != 0) break;
      org = s.IsCap(k) && gaz.IsOrganisationWord(s.Word(k));
    }
    if (org) continue;
    bool not_place = false;
    auto short_cue = [&](std::size_t k) {
      return s.IsWord(k) && !s.IsCap(k) &&
             (s.Is(k, "in") || s.Is(k, "near") || s.Is(k, "outside") || s.Is(k, "at"));
    };
    std::size_t region_probe = 0;
    // "in Gao", "in the Gao region", "Gao region".
    bool after_cue = (run_start > 0 && short_cue(run_start - 1)) ||
                     (run_start > 1 && s.Is(run_start - 1, "the") && short_cue(run_start - 2)) ||
                     (run_start + 1 < n && RegionWordAt(s, run_start + 1, region_probe) != 0);
    if (!LongestName(s, run_start, run_end, gaz, match, not_place, after_cue)) {
      // "Iraq's western desert" with no name but the phrase.
      continue;
    }
    std::size_t name_end = match.end;
    // "Iran-backed", "Karachi-bound", "Kyiv-based": a modifier, not where
    // anything happened.
    if (name_end == run_end && s.IsHyphen(name_end) && s.IsWord(name_end + 1) &&
        !s.IsCap(name_end + 1)) {
      continue;
    }
    // Words after the name: a region word ("Anbar province", "Borno
    // State"), or (after a cue) a feature ("Mosul Dam"), a day.
    std::size_t after = name_end;
    std::size_t region_end = 0;
    const int region_level = after < n ? RegionWordAt(s, after, region_end) : 0;
    const bool region_word = region_level != 0;
    if (region_word) after = region_end;
    bool trailing_ok = after >= run_end;
    if (!trailing_ok) {
      trailing_ok = true;
      for (std::size_t k = after; k < run_end; ++k) {
        if (s.IsCap(k) && s.Find(k, kFeatureList).empty() && !gaz.IsNotPlace(s.Word(k))) {
          trailing_ok = false;
          break;
        }
      }
    }
    // A direction word before the name, and the cue before that.
    std::size_t words_start = run_start;
    std::string_view direction;
    if (run_start > 0 && s.IsWord(run_start - 1) && !s.IsCap(run_start - 1)) {
      direction = s.Find(run_start - 1, kDirectionList);
      if (!direction.empty()) words_start = run_start - 1;
    }
    Cue cue = FindCue(s, words_start, gaz);
    if (cue.cue == "bare" && has_carried_cue && words_start == carried_cue_at) cue = carried_cue;
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
    pref.admin = region_level == 1 || cue.want == 2;
    pref.admin2 = region_level == 2;
    pref.city = cue.want == 1;
    if (!carried_country.empty() && run_start <= carried_until) pref.country = carried_country;

    // "northern Gaza": a hand-written phrase with its direction word.
    const Place* chosen = nullptr;
    bool alias = false;
    if (!direction.empty()) {
      scratch.clear();
      if (gaz.LookupBriefInto(s.Span(words_start, name_end - 1), scratch) > 0) {
        chosen = Resolve(scratch, s.Span(words_start, name_end - 1), pref, gaz, ctx);
        // "south Lebanon" in a story about Lebanon is no US town of that
        // name: a phrase abroad yields to the name without its direction.
        if (chosen != nullptr && (!ctx.focus_country.empty() || !ctx.mentioned_countries.empty()) &&
            !InArticle(chosen->iso3, pref, ctx)) {
          chosen = nullptr;
        }
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
        if (gaz.LookupBriefInto(s.Span(run_start, k - 1), scratch) > 0) {
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
          // "in Afghanistan's eastern Paktika province": the cue is the
          // next name's, and the country only its owner.
          std::size_t next = name_end + 1;
          if (next < n && !s.IsCap(next) && !s.Find(next, kDirectionList).empty()) ++next;
          if (StartsName(s, next)) {
            carried_cue = cue;
            carried_cue_at = name_end + 1;  // where its words (or direction) begin
            has_carried_cue = true;
            continue;
          }
        }
      }
    }
    if (alias) {
      Fill(m, *chosen, cue.near || (!direction.empty() && chosen->kind == PlaceKind::kCity), gaz);
      m.rule = "alias";
      out.push_back(m);
      i = std::max(i, name_end);
      continue;
    }
    if (!trailing_ok) continue;

    // "West department" (Haiti's Ouest), "Kyiv Oblast": the name with its
    // region word may be a name of its own.
    std::string_view words = s.Span(run_start, name_end - 1);
    if (region_word) {
      scratch.clear();
      if (gaz.LookupBriefInto(s.Span(run_start, after - 1), scratch) > 0) {
        match.cands.swap(scratch);
        words = s.Span(run_start, after - 1);
      }
    }
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
    chosen = Resolve(match.cands, words, pref, gaz, ctx);
    if (chosen == nullptr) continue;
    // A district after a bare cue ("outside Nasir") in a country foreign to
    // the article is a homonym ("Markaz Nasir", Egypt): districts are too
    // many and too obscure to be meant without "district" or the country.
    if (chosen->kind == PlaceKind::kAdmin2 && !region_word &&
        (!ctx.focus_country.empty() || !ctx.mentioned_countries.empty()) &&
        !InArticle(chosen->iso3, pref, ctx) && !SentenceNamesCountry(s, chosen->iso3, gaz)) {
      continue;
    }
    // "near the village of Kobe, in the Gao region" in a story about Mali:
    // a village abroad is a homonym unless the sentence names its country;
    // the next place is meant.
    if (cue.small_place && chosen->kind == PlaceKind::kCity &&
        (!ctx.focus_country.empty() || !ctx.mentioned_countries.empty()) &&
        !InArticle(chosen->iso3, pref, ctx) && !SentenceNamesCountry(s, chosen->iso3, gaz)) {
      continue;
    }
    // "at the US embassy", "near the Syria border crossing": a country
    // before a noun of its own modifies that noun; the place, if any, is
    // named elsewhere.
    if (chosen->kind == PlaceKind::kCountry && !region_word && run_start > 0 &&
        s.Is(run_start - 1, "the") && name_end < n && s.IsWord(name_end) && !s.IsCap(name_end) &&
        !IsFunctionWord(s.Lower(name_end))) {
      continue;
    }

    // Coordination carries a cue: "in Aleppo and Idlib".
    bool coordinated = false;
    if (cue.cue == "bare" && !out.empty() && out.back().cue != "bare" &&
        out.back().end_token <= run_start) {
      coordinated = true;
      for (std::size_t k = out.back().end_token; k < words_start; ++k) {
        std::string_view w = s.Lower(k);
        if (!(w == "," || w == "and" || w == "or" || !s.Find(k, kAdmin1List).empty() ||
              !s.Find(k, kAdmin2List).empty())) {
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
    } else if (chosen->kind == PlaceKind::kAdmin2) {
      continue;  // districts share their names with towns and people
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
    Fill(m, *chosen, cue.near || (!direction.empty() && chosen->kind == PlaceKind::kCity), gaz);
    m.rule = rule;
    out.push_back(m);
  }
  FindCapitals(s, gaz, ctx, out);
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
  if (gaz.LookupBriefInto(place_words, cands) == 0) return std::nullopt;
  Preference pref;
  pref.city = true;  // datelines name towns
  std::vector<Place> qual;
  for (std::size_t k = 1; k < parts.size() && pref.country.empty(); ++k) {
    qual.clear();
    gaz.LookupBriefInto(dateline.substr(parts[k].first, parts[k].second - parts[k].first), qual);
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
  Fill(m, *chosen, false, gaz);
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
