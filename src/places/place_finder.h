// Finds the places a sentence names and resolves them in the gazetteer:
// "in Ramadi", "near Rutba", "outside Kharkiv", "north of Aleppo", "in the
// town of Djibo", "Anbar province", "the Kherson region", "northern Gaza",
// "Iraq's western desert", "Deir ez-Zor", "in Iraq"; and datelines
// ("BAGHDAD", "KHAN YOUNIS, Gaza Strip").
//
//   text::TokenizedText t = splitter.Split(article);
//   PlaceContext ctx{.focus_country = "IRQ"};
//   for (const text::Sentence& s : t.sentences) {
//     auto tokens = std::span(t.tokens).subspan(s.first_token, s.token_count);
//     for (const PlaceMention& m : FindPlaces(article, tokens, gaz, ctx)) ...
//     NotePlaces(mentions, ctx);  // later sentences prefer these countries
//   }
//
// Rules (docs/places.md): only runs of capitalised words are names; a run
// after a cue ("in", "near", "the northern town of", ...) may be any
// gazetteer place; a district needs a cue or a region word after it
// ("Gwoza LGA", "Irumu territory"); a bare run must be a country, an
// admin1, a named region, a multiword name or a city of 100,000 people or
// more, must cover the whole run (not a person's or an organisation's
// name), and a single-word run that opens the sentence must be a country,
// admin1, region or such a city. "the capital", "the Syrian capital" and
// "Haiti's capital" are the capital of that country (else of the focus
// country). Ambiguous names resolve by the country the sentence gives
// ("Hyderabad, Pakistan", "Syria's Idlib"), then the article's focus
// country, then towns of countries mentioned so far, then countries and
// capitals, then smaller places of mentioned countries, then famous cities
// abroad (a village abroad after "the village of" is dropped unless the
// sentence names its country), then kind (country > named region or
// capital > city or admin1 > district; admin1 first after "province",
// district first after "district" or "LGA", city first after "the town
// of"), the place's own name, and population (an admin1 or district counts
// a quarter of its places' total, so "in Kirkuk" is the city).
#ifndef KHALDUN_PLACES_PLACE_FINDER_H_
#define KHALDUN_PLACES_PLACE_FINDER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "places/gazetteer.h"
#include "places/token_words.h"
#include "text/sentences.h"

namespace khaldun::places {

// What the article tells about its countries. Owned by the caller and
// updated between sentences (NotePlaces).
struct PlaceContext {
  std::string focus_country;                     // ISO3 of the article's focus, or empty
  std::vector<std::string> mentioned_countries;  // ISO3s named so far, first mention first
};

struct PlaceMention {
  // The place's words: tokens [first_token, end_token) of the span given
  // to FindPlaces, bytes [start, end) of the text. For a dateline, bytes of
  // the dateline string and no tokens.
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  // Where the phrase with its cue begins ("near Rutba", "Iraq's western
  // desert", "northern Gaza"): the EventLocation's words are
  // [phrase_start, end).
  std::uint32_t phrase_start = 0;

  Place place;  // the gazetteer entry (views into the gazetteer)
  // The resolved location, as EventLocation wants it. Views into the
  // gazetteer's bytes (see Place).
  std::string_view country;      // ISO3
  std::string_view admin1;       // first-level region name ("Al Anbār"); may be empty
  std::string_view admin1_code;  // ISO 3166-2 ("IQ-AN"); may be empty
  // The admin1's English name in ASCII ("Anbar", "Deir ez-Zor", "Tel Aviv",
  // "Ouest"; see Place::admin1_common); empty when admin1_code is.
  std::string_view admin1_common;
  std::string_view name;  // the gazetteer's name of the place
  bool has_coordinates = false;
  double lat = 0.0;
  double lon = 0.0;
  // "exact" (the place itself, a capital), "near" (near it: "near",
  // "outside", "north of", "northern X" for a city; a named district),
  // "admin1" (an admin1 or named region; a district with no known place),
  // "country".
  std::string_view precision;
  // What introduced it: "in", "at", "near", "outside", "around", "across",
  // "north of" (any compass point), "possessive", "region-word",
  // "town-of" ("the northern town of X" with no preposition before it),
  // "dateline", "bare".
  std::string_view cue;
  // Why it was taken and resolved so: "cue-place", "bare-multiword",
  // "bare-admin1", "bare-country", "bare-large-city", "region-word",
  // "alias" (a hand-written phrase: "northern Gaza"), "direction"
  // ("northern Idlib"), "the-X-region", "in-the-town-of",
  // "appositive-country" ("Hyderabad, Pakistan"), "possessive-country",
  // "coordinated" ("in Aleppo and Idlib"), "capital" ("the Syrian
  // capital"), "dateline".
  std::string_view rule;
};

// The places named in one sentence, in text order. `tokens` are the
// sentence's tokens (from text::SentenceSplitter; offsets into `text`).
// Never fails; the result's views point into `text` offsets and into
// `gazetteer`, which must outlive it. Thread-safe.
std::vector<PlaceMention> FindPlaces(std::string_view text, std::span<const text::Token> tokens,
                                     const Gazetteer& gazetteer, const PlaceContext& ctx);
// The same over tokens already lower-cased and hashed (TokenWords), as the
// attribute stage keeps them for every sentence it reads.
std::vector<PlaceMention> FindPlaces(const TokenWords& words, const Gazetteer& gazetteer,
                                     const PlaceContext& ctx);

// Reads a dateline's place: "BAGHDAD", "KHAN YOUNIS, Gaza Strip",
// "Tripoli", or the whole dateline "BAGHDAD, Aug 30 (AFP) -" (the date and
// agency are skipped). Later comma-separated parts that name a country or
// region pick among candidates. Offsets are into `dateline`. nullopt when
// no place is recognised.
std::optional<PlaceMention> ReadDateline(std::string_view dateline, const Gazetteer& gazetteer,
                                         const PlaceContext& ctx);

// Adds the countries of `mentions` to ctx.mentioned_countries (once each).
void NotePlaces(std::span<const PlaceMention> mentions, PlaceContext& ctx);

}  // namespace khaldun::places

#endif  // KHALDUN_PLACES_PLACE_FINDER_H_
