// Actor mentions: the noun phrases of a sentence that name actors, built
// from dictionary atoms.
//
//   "Iran-aligned Iraqi militia Harakat al-Nujaba" -> one actor: the group,
//       country IRQ, role from the group, aligned_with IRN
//   "US and Iraqi forces" -> two actors, USA MIL and IRQ MIL (a head noun
//       shared by coordinated modifiers is distributed)
//   "US-Iraqi consultations" -> a modifier naming two countries (usable as
//       the source of a nominal trigger, not as a subject)
//   "Iranian President Ebrahim Raisi" -> a person, IRN GOV
//   "the militia", "the group", "he" -> the last fitting actor before it
//
// A mention after a locative preposition ("in Iraq", "near Baghdad") is a
// place, not an actor, and event slots skip it.
#ifndef KHALDUN_ACTORS_MENTIONS_H_
#define KHALDUN_ACTORS_MENTIONS_H_

#include <cstdint>
#include <map>
#include <utility>
#include <string>
#include <vector>

#include "actors/actor_dictionary.h"
#include "actors/phrase_index.h"
#include "khaldun/code.h"

namespace khaldun::actors {

// One dictionary match in the text.
struct Atom {
  std::uint32_t first = 0;  // token range, inclusive
  std::uint32_t last = 0;
  std::uint32_t entry = 0;  // ActorDictionary::entry()
  AtomKind kind = AtomKind::kRoleNoun;
};

struct Mention {
  std::uint32_t first = 0;  // token range of the noun phrase, inclusive
  std::uint32_t last = 0;
  std::vector<Actor> actors;
  bool modifier_only = false;  // "Iraqi sovereignty", "Russia's offensive"
  bool place = false;          // "in Iraq"
  bool reporter = false;       // a news outlet reporting ("AFP reported")
};

// What the article as a whole tells the recogniser.
struct ArticleContext {
  std::string focus_country;  // the country the article is mostly about
  int published_year = 0;
  // Coreference memory, updated as sentences are read in order.
  std::vector<Actor> recent_groups;   // named groups, most recent last
  std::vector<std::uint32_t> recent_group_sentences;  // where each was named
  std::vector<Actor> recent_persons;  // people, most recent last
  std::uint32_t sentence = 0;         // the sentence being read
  // Named parties in the order last mentioned (most recent last): "the two
  // sides", "both countries" are the last two.
  std::vector<Actor> recent_parties;
  // Acronyms the article defines ("the National Citizen Party (NCP)").
  std::vector<std::pair<std::string, Actor>> acronyms;
};

// What resolves a form that names several entries ("?Congo", a person
// with several offices).
struct AtomContext {
  std::string focus_country;
  int published_year = 0;
  std::vector<std::string> article_countries;  // ISO3 named in the article
};

// Finds every atom in tokens [first, end). Forms naming several entries
// resolve by `context`: a person's office in force in the published year,
// the focus country, a country the article names; a shared country form
// with no such evidence takes its first listed country; a shared group or
// person form is left out. When `all_countries` is given, every country an
// atom could mean (shared forms included) is appended to it.
// When `context_used` is given it is set when some form needed the context
// to resolve (so a second pass with a better context may read differently).
std::vector<Atom> FindAtoms(const TokenView& view, std::size_t first, std::size_t end,
                            const ActorDictionary& dictionary, const AtomContext& context,
                            std::vector<std::string>* all_countries = nullptr,
                            bool* context_used = nullptr);

// Weighs the countries named over atoms to pick the article's focus
// country. `weight` multiplies the votes (headline and dateline count more).
void CountCountries(const std::vector<Atom>& atoms, const ActorDictionary& dictionary, int weight,
                    std::map<std::string, int>& votes);
std::string FocusCountry(const std::map<std::string, int>& votes);

// Builds the mentions of one sentence (tokens [first, end)) from its atoms,
// resolving "the group"/"he" from `context` and recording new groups and
// people in it.
std::vector<Mention> BuildMentions(const TokenView& view, std::size_t first, std::size_t end,
                                   const std::vector<Atom>& atoms,
                                   const ActorDictionary& dictionary, ArticleContext& context);

// Lower-case words that are grammar, not content (determiners, pronouns,
// prepositions, auxiliaries, conjunctions).
bool IsFunctionWord(std::string_view lower);
bool IsDeterminer(std::string_view lower);
bool IsLocativePreposition(std::string_view lower);

}  // namespace khaldun::actors

#endif  // KHALDUN_ACTORS_MENTIONS_H_
