#include "actors/mentions.h"

#include <algorithm>
#include <array>
#include <map>

namespace khaldun::actors {

namespace {

using text::TokenKind;

// Closed classes of English grammar words. They are part of the language,
// not facts about the world, so they live here rather than under data/.
constexpr std::array<std::string_view, 24> kDeterminers = {
    "the",   "a",     "an",    "this",  "that", "these",   "those", "its",
    "their", "his",   "her",   "our",   "some", "several", "many",  "such",
    "any",   "each",  "every", "other", "both", "all",     "no",    "another"};

constexpr std::array<std::string_view, 14> kLocatives = {
    "in",     "inside",  "near",       "across", "outside", "into",   "around",
    "within", "outskirts", "throughout", "across", "nearby", "north", "south"};

constexpr std::array<std::string_view, 93> kFunctionWords = {
    "the",     "a",       "an",     "this",    "that",   "these",   "those",   "its",
    "their",   "his",     "her",    "our",     "some",   "several", "many",    "such",
    "any",     "each",    "every",  "other",   "both",   "all",     "no",      "another",
    "of",      "in",      "on",     "at",      "to",     "for",     "from",    "by",
    "with",    "without", "against","near",    "into",   "onto",    "over",    "under",
    "after",   "before",  "during", "since",   "until",  "between", "among",   "through",
    "and",     "or",      "but",    "nor",     "as",     "than",    "if",      "while",
    "when",    "where",   "who",    "whom",    "whose",  "which",   "what",    "because",
    "is",      "are",     "was",    "were",    "be",     "been",    "being",   "has",
    "have",    "had",     "do",     "does",    "did",    "will",    "would",   "could",
    "should",  "may",     "might",  "must",    "can",    "not",     "he",      "she",
    "it",      "they",    "we",     "i",       "you"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool IsWordToken(const TokenView& v, std::size_t i) {
  return (*v.tokens)[i].kind == TokenKind::kWord;
}

bool IsHyphen(const TokenView& v, std::size_t i) {
  std::string_view w = v.Word(i);
  return w == "-" || w == "\xE2\x80\x90" || w == "\xE2\x80\x91";
}

// Roles a noun gives to a named group it follows ("Hamas officials" are the
// group's government side); other nouns keep the group's own role.
bool NounOverridesGroupRole(std::string_view role) {
  return role == "GOV" || role == "JUD" || role == "LEG" || role == "MED" || role == "IGO";
}

std::string ActorCode(const std::string& country, const std::string& role) {
  std::string code = country.empty() ? std::string() : country;
  code += role;
  return code;
}

// One conjunct of a noun phrase while it is being assembled.
struct Part {
  std::uint32_t first = 0, last = 0;
  int country = -1;            // countries() index
  int group = -1;              // groups() index
  int person = -1;             // persons() index
  std::string role;            // from a role noun, title or seat of power
  bool role_is_noun = false;   // a head noun: the part is an actor
  bool country_is_name = false;
  bool title = false;
  bool instrument = false;
  bool anaphor = false;      // "the group": resolved to a named group
  std::string aligned;         // ISO3 from "Iran-aligned", "pro-Turkish"
  std::string person_name;     // "Ebrahim Raisi" after a title
  std::string entries;         // for explain
  bool HasHead() const {
    return group >= 0 || person >= 0 || role_is_noun || anaphor || !person_name.empty();
  }
};

// `referent` as named by the words of `words` ("the group" -> al-Shabaab).
Actor ReferTo(const Actor& referent, const Actor& words) {
  Actor a = referent;
  a.text = words.text;
  a.start = words.start;
  a.end = words.end;
  a.resolved = true;
  a.entry = words.entry + " -> " + referent.name;
  return a;
}

// Words inside Arabic and other names that are written lower case.
bool IsNameParticle(std::string_view lower) {
  return lower == "al" || lower == "el" || lower == "bin" || lower == "ibn" || lower == "de" ||
         lower == "van" || lower == "von" || lower == "da" || lower == "abu" || lower == "ould" ||
         lower == "ag" || lower == "ben";
}

}  // namespace

bool IsFunctionWord(std::string_view lower) { return In(kFunctionWords, lower); }
bool IsDeterminer(std::string_view lower) { return In(kDeterminers, lower); }
bool IsLocativePreposition(std::string_view lower) { return In(kLocatives, lower); }

std::vector<Atom> FindAtoms(const TokenView& view, std::size_t first, std::size_t end,
                            const ActorDictionary& dictionary, const AtomContext& context,
                            std::vector<std::string>* all_countries, bool* context_used) {
  std::vector<Atom> atoms;
  std::vector<std::uint32_t> candidates;
  auto country_of = [&](const DictEntry& e) -> std::string {
    switch (e.kind) {
      case AtomKind::kGroup:
        return dictionary.groups()[e.index].country;
      case AtomKind::kPerson:
        return dictionary.persons()[e.index].country;
      case AtomKind::kCountryName:
      case AtomKind::kCountryAdjective:
      case AtomKind::kCountryCapital:
        return dictionary.countries()[e.index].iso3;
      default:
        return {};
    }
  };
  auto in_article = [&](const std::string& iso3) {
    return !iso3.empty() && std::find(context.article_countries.begin(),
                                      context.article_countries.end(),
                                      iso3) != context.article_countries.end();
  };
  for (std::size_t i = first; i < end;) {
    candidates.clear();
    std::uint32_t last = 0;
    std::uint16_t words = 0;
    dictionary.index().MatchAt(view, i, end, 0, [&](const PhraseHit& hit) {
      if (!candidates.empty() && hit.word_count < words) return false;
      words = hit.word_count;
      last = hit.last;
      candidates.push_back(hit.value);
      return true;
    });
    if (candidates.empty()) {
      ++i;
      continue;
    }
    // A person with several offices: the one in force when published.
    if (context.published_year > 0 && candidates.size() > 1) {
      std::vector<std::uint32_t> in_office;
      for (std::uint32_t c : candidates) {
        const DictEntry& e = dictionary.entry(c);
        if (e.kind != AtomKind::kPerson) continue;
        const PersonEntry& p = dictionary.persons()[e.index];
        if (p.from <= context.published_year && (p.to == 0 || context.published_year <= p.to)) {
          in_office.push_back(c);
        }
      }
      if (!in_office.empty() && in_office.size() < candidates.size()) {
        // Keep the non-person readings too (a surname that is also a word).
        std::vector<std::uint32_t> kept = in_office;
        for (std::uint32_t c : candidates) {
          if (dictionary.entry(c).kind != AtomKind::kPerson) kept.push_back(c);
        }
        candidates.swap(kept);
      }
    }
    if (all_countries && candidates.size() > 1) {
      // A shared form votes weakly for every country it could mean.
      for (std::uint32_t c : candidates) {
        std::string iso = country_of(dictionary.entry(c));
        if (!iso.empty()) all_countries->push_back(iso);
      }
    } else if (all_countries && dictionary.entry(candidates[0]).ambiguous) {
      std::string iso = country_of(dictionary.entry(candidates[0]));
      if (!iso.empty()) all_countries->push_back(iso);
    }
    // One entry, or several entries of the same thing (a person's offices,
    // a role listed twice): take the first. Otherwise resolve by context.
    int pick = -1;
    bool all_same_person = true;
    for (std::uint32_t c : candidates) {
      const DictEntry& e = dictionary.entry(c);
      all_same_person = all_same_person && e.kind == AtomKind::kPerson &&
                        dictionary.persons()[e.index].name ==
                            dictionary.persons()[dictionary.entry(candidates[0]).index].name;
    }
    if (candidates.size() == 1 && !dictionary.entry(candidates[0]).ambiguous) {
      pick = 0;
    } else if (all_same_person && !dictionary.entry(candidates[0]).ambiguous) {
      pick = 0;
    } else {
      if (context_used) *context_used = true;
      for (std::size_t k = 0; k < candidates.size() && pick < 0; ++k) {
        if (!dictionary.entry(candidates[k]).ambiguous) pick = static_cast<int>(k);
      }
      // A shared surname ("?Rice", "?Kim") is too weak to name a person
      // from the story's country alone; groups and countries resolve by it.
      auto resolvable = [&](std::size_t k) {
        return dictionary.entry(candidates[k]).kind != AtomKind::kPerson;
      };
      for (std::size_t k = 0; k < candidates.size() && pick < 0; ++k) {
        std::string iso = country_of(dictionary.entry(candidates[k]));
        if (resolvable(k) && !context.focus_country.empty() && iso == context.focus_country) {
          pick = static_cast<int>(k);
        }
      }
      for (std::size_t k = 0; k < candidates.size() && pick < 0; ++k) {
        if (resolvable(k) && in_article(country_of(dictionary.entry(candidates[k])))) {
          pick = static_cast<int>(k);
        }
      }
      if (pick < 0) {
        const DictEntry& e = dictionary.entry(candidates[0]);
        if (e.kind == AtomKind::kCountryName || e.kind == AtomKind::kCountryAdjective ||
            e.kind == AtomKind::kCountryCapital) {
          pick = 0;  // "Congo": the first listed reading
        }
      }
    }
    if (pick >= 0) {
      Atom a;
      a.first = static_cast<std::uint32_t>(i);
      a.last = last;
      a.entry = candidates[static_cast<std::size_t>(pick)];
      a.kind = dictionary.entry(a.entry).kind;
      atoms.push_back(a);
    }
    i = last + 1;
  }
  return atoms;
}

void CountCountries(const std::vector<Atom>& atoms, const ActorDictionary& dictionary, int weight,
                    std::map<std::string, int>& votes) {
  for (const Atom& a : atoms) {
    const DictEntry& e = dictionary.entry(a.entry);
    if (a.kind == AtomKind::kCountryName || a.kind == AtomKind::kCountryAdjective ||
        a.kind == AtomKind::kCountryCapital) {
      votes[dictionary.countries()[e.index].iso3] += 2 * weight;
    } else if (a.kind == AtomKind::kGroup) {
      const std::string& c = dictionary.groups()[e.index].country;
      if (!c.empty()) votes[c] += 2 * weight;
    } else if (a.kind == AtomKind::kPerson) {
      const std::string& c = dictionary.persons()[e.index].country;
      if (!c.empty()) votes[c] += weight;
    }
  }
}

std::string FocusCountry(const std::map<std::string, int>& votes) {
  int best = 0;
  std::string iso;
  for (const auto& [country, n] : votes) {
    if (n > best) {
      best = n;
      iso = country;
    }
  }
  return iso;
}

std::vector<Mention> BuildMentions(const TokenView& view, std::size_t first, std::size_t end,
                                   const std::vector<Atom>& atoms,
                                   const ActorDictionary& dictionary, ArticleContext& context) {
  std::vector<Mention> mentions;
  struct MentionFacts {
    bool role_only = false;        // a role word with nothing named
    bool instrument_only = false;  // "drones": no country to infer
    bool person = false;
  };
  std::vector<MentionFacts> mention_facts;
  const auto& tokens = *view.tokens;
  // Index atoms by their first token for the walk below.
  auto atom_at = [&](std::size_t tok) -> const Atom* {
    auto it = std::lower_bound(atoms.begin(), atoms.end(), tok,
                               [](const Atom& a, std::size_t t) { return a.first < t; });
    if (it != atoms.end() && it->first == tok) return &*it;
    return nullptr;
  };
  auto country_of = [&](const Atom& a) -> int {
    const DictEntry& e = dictionary.entry(a.entry);
    if (a.kind == AtomKind::kCountryName || a.kind == AtomKind::kCountryAdjective ||
        a.kind == AtomKind::kCountryCapital) {
      return static_cast<int>(e.index);
    }
    return -1;
  };

  // Organisations the dictionaries do not list, read from runs of
  // capitalised words ("Kenya Union of Journalists", "Light Infantry
  // Battalion 542"); runs naming places ("Borno State") are read past.
  std::vector<char> consumed(end - first, 0);
  std::vector<Mention> named_orgs;
  std::vector<MentionFacts> named_org_facts;
  {
    auto is_cap_word = [&](std::size_t t) {
      return tokens[t].kind == TokenKind::kWord && tokens[t].capitalized &&
             !IsFunctionWord(view.Lower(t));
    };
    auto is_connector = [&](std::size_t t) {
      std::string_view w = view.Lower(t);
      return w == "of" || w == "for" || w == "the" || w == "and" || w == "to" || w == "de" ||
             w == "la" || w == "du" || w == "des" || w == "al" || w == "el" || IsHyphen(view, t);
    };
    for (std::size_t t = first; t < end;) {
      if (!is_cap_word(t)) {
        ++t;
        continue;
      }
      std::size_t run_first = t, run_last = t, j = t;
      int capitals = 1;
      while (j + 1 < end) {
        std::size_t k = j + 1;
        if (is_cap_word(k) || (tokens[k].kind == TokenKind::kNumber && is_cap_word(j))) {
          j = k;
          run_last = k;
          capitals += is_cap_word(k) ? 1 : 0;
        } else if (is_connector(k) && k + 1 < end && (is_cap_word(k + 1) || is_connector(k + 1))) {
          j = k;
        } else {
          break;
        }
      }
      t = run_last + 1;
      // "52nd Infantry Brigade": a leading ordinal belongs to the name.
      if (run_first > first && tokens[run_first - 1].kind == TokenKind::kNumber) {
        std::string_view n = view.Lower(run_first - 1);
        if (n.ends_with("st") || n.ends_with("nd") || n.ends_with("rd") || n.ends_with("th")) {
          --run_first;
        }
      }
      // "the Fursan Janzour brigade", "the Mayos faction": a name run
      // before a lower-case role noun names a body of that role.
      std::string_view trailing_role;
      if (run_last + 1 < end && !tokens[run_last + 1].capitalized) {
        const Atom* after = atom_at(run_last + 1);
        if (after && after->kind == AtomKind::kRoleNoun && (after->last == run_last + 1)) {
          trailing_role = dictionary.entry(after->entry).role;
        }
      }
      bool ordinal = run_first > first && tokens[run_first - 1].kind == TokenKind::kNumber &&
                     (view.Lower(run_first - 1).ends_with("st") ||
                      view.Lower(run_first - 1).ends_with("nd") ||
                      view.Lower(run_first - 1).ends_with("rd") ||
                      view.Lower(run_first - 1).ends_with("th"));
      if (capitals + (ordinal ? 1 : 0) < 2 && trailing_role.empty()) continue;
      std::string_view role = trailing_role;
      // A run inside a listed name ("People's Liberation Army") is that name.
      bool inside_listed = false;
      for (const Atom& a : atoms) {
        if (a.first < run_first && a.last >= run_first &&
            (a.kind == AtomKind::kGroup || a.kind == AtomKind::kPerson)) {
          inside_listed = true;
        }
      }
      if (inside_listed) continue;
      bool unknown_word = false, listed = false;
      int country = -1;
      for (std::size_t k = run_first; k <= run_last; ++k) {
        const Atom* a = atom_at(k);
        if (a) {
          if (a->kind == AtomKind::kGroup || a->kind == AtomKind::kPerson ||
              a->kind == AtomKind::kRoleTitle) {
            listed = true;
          }
          if (country < 0) country = country_of(*a);
          k = a->last;
          // A role word inside the run still names the body's kind.
          if (a->kind == AtomKind::kRoleNoun || a->kind == AtomKind::kRoleModifier) {
            std::string_view kind = dictionary.NameWord(view.Word(a->last));
            if (!kind.empty()) role = kind;
          }
          continue;
        }
        if (!is_cap_word(k)) continue;
        unknown_word = true;
        std::string_view kind = dictionary.NameWord(view.Word(k));
        if (!kind.empty()) role = kind;
      }
      if (listed || !unknown_word || role.empty()) continue;
      // "Pro-Turkish factions" is an affiliation, not a name.
      if (view.Lower(run_first) == "pro" && run_first + 1 <= run_last &&
          IsHyphen(view, run_first + 1)) {
        continue;
      }
      if (!trailing_role.empty() && country >= 0) continue;  // "Syrian rebels"
      if (!trailing_role.empty()) {
        // The name takes the noun: "Fursan Janzour brigade".
        if (role == "place") continue;
        ++run_last;
        role = trailing_role;
      }
      // "China's Ministry of Commerce": the possessor's country first.
      if (run_first >= first + 2 && (view.Lower(run_first - 1) == "'s" ||
                                     view.Lower(run_first - 1) == "\xE2\x80\x99s")) {
        const Atom* owner = nullptr;
        for (std::size_t k = run_first - 1; k-- > first && !owner;) {
          const Atom* a = atom_at(k);
          if (a && a->last == run_first - 2) owner = a;
          if (run_first - 2 - k > 4) break;
        }
        if (owner && country_of(*owner) >= 0) country = country_of(*owner);
      }
      for (std::size_t k = run_first; k <= run_last; ++k) consumed[k - first] = 1;
      if (role == "place") continue;
      Mention m;
      m.first = static_cast<std::uint32_t>(run_first);
      m.last = static_cast<std::uint32_t>(run_last);
      Actor a;
      a.start = tokens[run_first].start;
      a.end = tokens[run_last].end;
      a.text = std::string(view.text.substr(a.start, a.end - a.start));
      a.name = a.text;
      a.role = std::string(role);
      if (country >= 0) {
        a.country = dictionary.countries()[country].iso3;
      } else if (a.role != "IGO" && a.role != "NGO" && !context.focus_country.empty()) {
        a.country = context.focus_country;
        a.country_inferred = true;
      }
      a.code = ActorCode(a.country, a.role);
      a.entry = "name:" + a.text + " (" + a.role + " by its name)";
      // "the National Citizen Party (NCP)": the acronym names it later.
      if (run_last + 3 < end && view.Word(run_last + 1) == "(" &&
          view.Word(run_last + 3) == ")" && tokens[run_last + 2].kind == TokenKind::kWord) {
        std::string_view acronym = view.Word(run_last + 2);
        bool caps = acronym.size() >= 2 && acronym.size() <= 8;
        for (char ch : acronym) caps = caps && ((ch >= 'A' && ch <= 'Z') || ch == '-');
        if (caps && context.acronyms.size() < 64) {
          context.acronyms.emplace_back(std::string(acronym), a);
        }
      }
      m.actors.push_back(std::move(a));
      named_orgs.push_back(std::move(m));
      named_org_facts.push_back(MentionFacts{});
    }
  }

  std::size_t i = first;
  while (i < end) {
    if (consumed[i - first]) {
      ++i;
      continue;
    }
    const Atom* atom = atom_at(i);
    // "pro-Iranian": an affiliation before the phrase proper.
    bool pro = false;
    if (!atom && view.Lower(i) == "pro" && i + 2 < end && IsHyphen(view, i + 1)) {
      const Atom* next = atom_at(i + 2);
      if (next && country_of(*next) >= 0) {
        pro = true;
        atom = next;
      }
    }
    // Pronouns that refer back to a person.
    // "the two sides", "both countries": the last two parties named.
    {
      std::string_view w = view.Lower(i);
      std::size_t noun = i + (w == "both" ? 1 : (w == "two" ? 1 : 0));
      bool starts = (w == "both" || (w == "two" && i > first && view.Lower(i - 1) == "the"));
      if (starts && noun < end && context.recent_parties.size() >= 2) {
        std::string_view n = view.Lower(noun);
        static constexpr std::array<std::string_view, 16> kPartyNouns = {
            "sides", "countries", "groups", "parties", "armies", "governments",
            "delegations", "neighbours", "neighbors", "rivals", "factions", "brigades",
            "militias", "nations", "forces", "leaders"};
        if (std::find(kPartyNouns.begin(), kPartyNouns.end(), n) != kPartyNouns.end()) {
          Mention m;
          m.first = static_cast<std::uint32_t>(w == "two" ? i - 1 : i);
          m.last = static_cast<std::uint32_t>(noun);
          std::string role;
          if (n == "armies" || n == "forces") role = "MIL";
          if (n == "governments" || n == "delegations" || n == "leaders") role = "GOV";
          // "the two countries" are two countries; "the two brigades" may
          // be of one.
          bool states = n == "countries" || n == "nations" || n == "governments" ||
                        n == "neighbours" || n == "neighbors" || n == "armies";
          std::vector<const Actor*> two;
          for (auto it = context.recent_parties.rbegin();
               it != context.recent_parties.rend() && two.size() < 2; ++it) {
            if (states && !two.empty() && two[0]->country == it->country) continue;
            two.insert(two.begin(), &*it);
          }
          for (const Actor* party : two) {
            if (two.size() < 2) break;
            Actor a = *party;
            a.text = std::string(view.text.substr(tokens[m.first].start,
                                                  tokens[m.last].end - tokens[m.first].start));
            a.start = tokens[m.first].start;
            a.end = tokens[m.last].end;
            a.resolved = true;
            if (!role.empty() && a.name == dictionary.countries()[std::max(0, dictionary.CountryIndex(a.country))].name) {
              a.role = role;
              a.code = a.country + role;
            }
            a.entry = "\"" + a.text + "\" -> " + (a.name.empty() ? a.code : a.name);
            m.actors.push_back(std::move(a));
          }
          mentions.push_back(std::move(m));
          mention_facts.push_back(MentionFacts{});
          i = noun + 1;
          continue;
        }
      }
    }
    // "the Council", "the Front": the last named body whose name holds
    // the word.
    if (!atom && view.Lower(i) == "the" && i + 1 < end && tokens[i + 1].capitalized &&
        tokens[i + 1].kind == TokenKind::kWord && !atom_at(i + 1) &&
        !dictionary.NameWord(view.Word(i + 1)).empty() &&
        dictionary.NameWord(view.Word(i + 1)) != "place" &&
        !(i + 2 < end && tokens[i + 2].capitalized && tokens[i + 2].kind == TokenKind::kWord)) {
      std::string_view word = view.Word(i + 1);
      const Actor* named = nullptr;
      for (auto it = context.recent_groups.rbegin(); it != context.recent_groups.rend() && !named;
           ++it) {
        if (it->name.find(word) != std::string::npos) named = &*it;
      }
      if (named) {
        Mention m;
        m.first = static_cast<std::uint32_t>(i);
        m.last = static_cast<std::uint32_t>(i + 1);
        Actor a = *named;
        a.start = tokens[i].start;
        a.end = tokens[i + 1].end;
        a.text = std::string(view.text.substr(a.start, a.end - a.start));
        a.resolved = true;
        a.entry = a.text + " -> " + named->name;
        m.actors.push_back(std::move(a));
        mentions.push_back(std::move(m));
        mention_facts.push_back(MentionFacts{});
        i += 2;
        continue;
      }
    }
    const Actor* person_here = nullptr;
    for (auto it = mentions.rbegin(); it != mentions.rend() && !atom; ++it) {
      std::size_t k = static_cast<std::size_t>(mentions.rend() - it) - 1;
      if (mention_facts[k].person && !it->actors.empty()) {
        person_here = &it->actors[0];
        break;
      }
    }
    if (!atom && (view.Lower(i) == "he" || view.Lower(i) == "she") &&
        (person_here || !context.recent_persons.empty())) {
      Mention m;
      m.first = m.last = static_cast<std::uint32_t>(i);
      Actor a = person_here ? *person_here : context.recent_persons.back();
      a.text = std::string(view.Word(i));
      a.start = tokens[i].start;
      a.end = tokens[i].end;
      a.resolved = true;
      m.actors.push_back(std::move(a));
      mentions.push_back(std::move(m));
      mention_facts.push_back(MentionFacts{});
      ++i;
      continue;
    }
    if (!atom && tokens[i].kind == TokenKind::kWord && tokens[i].capitalized) {
      // An acronym the article defined earlier.
      const Actor* defined = nullptr;
      for (const auto& [acronym, actor] : context.acronyms) {
        if (acronym == view.Word(i)) defined = &actor;
      }
      if (defined && !(i + 1 < end && view.Word(i + 1) == ")")) {
        Mention m;
        m.first = m.last = static_cast<std::uint32_t>(i);
        Actor a = *defined;
        a.text = std::string(view.Word(i));
        a.start = tokens[i].start;
        a.end = tokens[i].end;
        a.entry = "acronym " + a.text + " -> " + defined->name;
        m.actors.push_back(std::move(a));
        mentions.push_back(std::move(m));
        mention_facts.push_back(MentionFacts{});
        ++i;
        continue;
      }
    }
    if (!atom) {
      ++i;
      continue;
    }

    std::vector<Part> parts(1);
    std::size_t phrase_first = pro ? i : atom->first;
    parts.back().first = static_cast<std::uint32_t>(phrase_first);
    std::size_t pos = atom->first;
    std::string pending_aligned;
    if (pro) pending_aligned = dictionary.countries()[dictionary.entry(atom->entry).index].iso3;
    bool possessive_modifier = false;

    // Walk the phrase: atoms joined by hyphens, "and", commas, "'s", or up
    // to two ordinary words before a head ("Israeli ground troops").
    while (atom) {
      Part* part = &parts.back();
      const DictEntry& e = dictionary.entry(atom->entry);
      // "Iran-aligned": a country then a hyphen then an affiliation word.
      int ci = country_of(*atom);
      bool after_pro = atom->first >= first + 2 && IsHyphen(view, atom->first - 1) &&
                       view.Lower(atom->first - 2) == "pro";
      if (ci >= 0 && after_pro) {
        // "pro-Turkish factions": aligned with Turkey, not Turkish.
        pending_aligned = dictionary.countries()[ci].iso3;
        part->entries += "affiliation:pro-" + e.form + " ";
        pos = atom->last + 1;
      } else if (ci >= 0 && atom->last + 2 < end && IsHyphen(view, atom->last + 1) &&
                 dictionary.AffiliationKind(view.Lower(atom->last + 2)) == "flag") {
        // "a Liberian-flagged tanker": the country's own.
        if (part->HasHead()) {
          parts.emplace_back();
          part = &parts.back();
          part->first = atom->first;
        }
        part->country = ci;
        part->entries += e.form + "-" + std::string(view.Word(atom->last + 2)) + " ";
        pos = atom->last + 3;
      } else if (ci >= 0 && atom->last + 2 < end && IsHyphen(view, atom->last + 1) &&
          dictionary.IsAffiliationWord(view.Lower(atom->last + 2))) {
        pending_aligned = dictionary.countries()[ci].iso3;
        part->entries += "affiliation:" + e.form + " ";
        pos = atom->last + 3;
      } else if (atom->kind == AtomKind::kGroup && atom->last + 2 < end &&
                 IsHyphen(view, atom->last + 1) &&
                 dictionary.IsAffiliationWord(view.Lower(atom->last + 2))) {
        // "Hamas-led militants": a group's affiliation gives its country.
        const GroupEntry& g = dictionary.groups()[e.index];
        pending_aligned = g.country;
        part->entries += "affiliation:" + e.form + " ";
        pos = atom->last + 3;
      } else {
        part->entries += e.form + " ";
        switch (atom->kind) {
          case AtomKind::kCountryName:
          case AtomKind::kCountryCapital:
            if (part->country >= 0 && part->HasHead()) {
              // "Iraqi forces Iraq" cannot be one actor; start anew.
              parts.emplace_back();
              part = &parts.back();
              part->first = atom->first;
            }
            part->country = ci;
            part->country_is_name = true;
            if (atom->kind == AtomKind::kCountryCapital && part->role.empty()) part->role = e.role;
            break;
          case AtomKind::kCountryAdjective:
            if (part->HasHead()) {
              parts.emplace_back();
              part = &parts.back();
              part->first = atom->first;
            }
            part->country = ci;
            if (e.people) {
              // "Iraqis", "Haitians": people of the country.
              part->role = e.role;
              part->role_is_noun = true;
            }
            break;
          case AtomKind::kAnaphor:
            part->anaphor = true;
            break;
          case AtomKind::kInstrument:
            // "anti-tank missiles": a weapon word inside a compound names
            // no one.
            if (atom->first > first && IsHyphen(view, atom->first - 1)) break;
            // "Israeli warplanes", "government aircraft": the state's
            // forces; "rebel drones" stay the rebels'.
            if (part->role.empty() || part->role == "GOV" || !part->role_is_noun) part->role = e.role;
            part->role_is_noun = true;
            part->instrument = true;
            break;
          case AtomKind::kGroup:
            part->group = static_cast<int>(e.index);
            break;
          case AtomKind::kPerson:
            part->person = static_cast<int>(e.index);
            break;
          case AtomKind::kRoleNoun:
            // The first role word decides ("rebel positions" REB, "police
            // convoy" POL); after a group, only nouns of its political side
            // do ("Hamas officials").
            if (part->group >= 0 || part->person >= 0) {
              if (NounOverridesGroupRole(e.role)) part->role = e.role;
            } else if (part->role.empty()) {
              part->role = e.role;
            }
            part->role_is_noun = true;
            break;
          case AtomKind::kRoleTitle:
            // "bandit leader" CRM, "Hamas leader" the group's, "army
            // spokesman" MIL: a role word or name before the title decides.
            if (part->group < 0 && (part->role.empty() || !part->role_is_noun)) {
              part->role = e.role;
            }
            part->title = true;
            part->role_is_noun = true;
            break;
          case AtomKind::kRoleModifier:
            if (part->role.empty()) part->role = e.role;
            break;
        }
        if (!pending_aligned.empty()) {
          part->aligned = pending_aligned;
          pending_aligned.clear();
        }
        pos = atom->last + 1;
        // A title followed by capitalised words: a person's name.
        if (atom->kind == AtomKind::kRoleTitle) {
          std::size_t j = pos;
          std::size_t name_first = j, name_last = j;
          bool any = false;
          while (j < end && (j - pos) < 6) {
            std::string_view lw = view.Lower(j);
            if (tokens[j].kind == TokenKind::kWord && tokens[j].capitalized && !atom_at(j)) {
              any = true;
              name_last = j;
              ++j;
            } else if (any && (IsHyphen(view, j) || IsNameParticle(lw))) {
              ++j;
            } else {
              break;
            }
          }
          if (any) {
            part->person_name = std::string(
                view.text.substr(tokens[name_first].start, tokens[name_last].end - tokens[name_first].start));
            pos = name_last + 1;
          }
        }
      }
      part->last = static_cast<std::uint32_t>(pos - 1);

      // What joins this atom to the next one?
      if (pos >= end) break;
      std::size_t j = pos;
      bool new_part = false;
      std::string_view lw = view.Lower(j);
      if (IsHyphen(view, j)) {
        ++j;
        new_part = true;  // "US-Iraqi"
      } else if (lw == "and" || lw == "&" || lw == ",") {
        ++j;
        if (j < end && view.Lower(j) == "and") ++j;  // ", and"
        new_part = true;
      } else if ((lw == "'s" || lw == "\xE2\x80\x99s") && parts.back().country >= 0 &&
                 !parts.back().HasHead()) {
        // "Iraq's army" is the Iraqi army; "Iraq's partnership" a modifier.
        ++j;
        possessive_modifier = true;
      } else if ((lw == "'s" || lw == "\xE2\x80\x99s" || lw == "'" || lw == "\xE2\x80\x99") &&
                 parts.back().HasHead() && j + 1 < end) {
        // "the Taliban government's defence ministry", "the Houthis'
        // security service": the body belongs to the named owner.
        std::size_t k = j + 1;
        int words = 0;
        while (k < end && words < 2 && !atom_at(k) && IsWordToken(view, k) &&
               !tokens[k].capitalized && !IsFunctionWord(view.Lower(k))) {
          ++k;
          ++words;
        }
        const Atom* body = k < end ? atom_at(k) : nullptr;
        if (body && (body->kind == AtomKind::kRoleNoun || body->kind == AtomKind::kRoleTitle) &&
            !consumed[body->first - first]) {
          Part& owner = parts.back();
          owner.role = dictionary.entry(body->entry).role;
          owner.role_is_noun = true;
          owner.entries += "'s " + dictionary.entry(body->entry).form + " ";
          owner.last = body->last;
          pos = body->last + 1;
          break;
        }
      }
      if (j < end && view.Lower(j) == "the") ++j;
      const Atom* next = j < end ? atom_at(j) : nullptr;
      if (!next && !new_part) {
        // Up to two ordinary words before a head noun or a group name
        // ("Israeli ground troops"); not after a country's name, and not
        // across a verb form ("Ethiopia deployed troops").
        std::size_t k = j;
        int skipped = 0;
        bool after_name =
            parts.back().country_is_name && !parts.back().HasHead() && !possessive_modifier;
        while (!after_name && k < end && skipped < 2 && IsWordToken(view, k) &&
               !tokens[k].capitalized && !IsFunctionWord(view.Lower(k)) && !atom_at(k) &&
               !view.Lower(k).ends_with("ed") && !view.Lower(k).ends_with("ing")) {
          ++k;
          ++skipped;
        }
        const Atom* head = (skipped > 0 && k < end) ? atom_at(k) : nullptr;
        if (head && (head->kind == AtomKind::kRoleNoun || head->kind == AtomKind::kGroup ||
                     head->kind == AtomKind::kRoleTitle || head->kind == AtomKind::kInstrument) &&
            !parts.back().HasHead()) {
          next = head;
        }
      }
      if (next && consumed[next->first - first]) next = nullptr;
      // A comma joins names in a list ("Iraq, Syria and Lebanon"), not a
      // place to the subject after it ("In Bamako, police ...").
      if (next && lw == ",") {
        auto is_name = [](AtomKind k) {
          return k == AtomKind::kCountryName || k == AtomKind::kCountryAdjective ||
                 k == AtomKind::kGroup || k == AtomKind::kPerson;
        };
        if (!is_name(atom->kind) || !is_name(next->kind)) next = nullptr;
      }
      if (!next) break;
      // A new conjunct only when the next atom starts another phrase;
      // modifiers of the same head stay in the same part.
      if (new_part) {
        parts.emplace_back();
        parts.back().first = next->first;
      }
      possessive_modifier = false;
      atom = next;
      pos = next->first;
    }
    std::size_t phrase_last = pos - 1;

    // A head shared by coordinated modifiers: "US and Iraqi forces".
    const Part* head_part = nullptr;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      if (it->HasHead()) {
        head_part = &*it;
        break;
      }
    }
    Mention m;
    m.first = static_cast<std::uint32_t>(phrase_first);
    m.last = static_cast<std::uint32_t>(phrase_last);
    bool any_head = false;
    for (Part& p : parts) {
      if (!p.HasHead() && head_part && head_part != &p && head_part->group < 0 &&
          head_part->person < 0 && head_part->person_name.empty()) {
        p.role = head_part->role;
        p.role_is_noun = true;
      }
    }
    for (const Part& p : parts) {
      Actor a;
      a.start = tokens[p.first].start;
      a.end = tokens[std::min<std::size_t>(p.last, tokens.size() - 1)].end;
      a.text = std::string(view.text.substr(a.start, a.end - a.start));
      a.entry = p.entries;
      if (!a.entry.empty() && a.entry.back() == ' ') a.entry.pop_back();
      if (p.country >= 0) a.country = dictionary.countries()[p.country].iso3;
      a.role = p.role;
      if (p.group >= 0) {
        const GroupEntry& g = dictionary.groups()[p.group];
        a.name = g.name;
        if (!g.country.empty()) a.country = g.country;
        if (p.role.empty() || !NounOverridesGroupRole(p.role)) a.role = g.role;
        a.aligned_with = g.backer;
        a.code = g.code;
        if (!a.role.empty() && a.role != g.role) a.code += a.role;
      } else if (p.person >= 0) {
        const PersonEntry& pe = dictionary.persons()[p.person];
        a.name = pe.name;
        if (!pe.country.empty()) a.country = pe.country;
        if (!pe.role.empty()) a.role = pe.role;
        a.code = pe.affiliation.empty() ? ActorCode(a.country, a.role) : pe.affiliation;
      } else {
        if (!p.person_name.empty()) a.name = p.person_name;
        if (p.country >= 0 && !p.HasHead() && p.role.empty()) {
          a.name = dictionary.countries()[p.country].name;
        }
        a.code = ActorCode(a.country, a.role);
      }
      if (!p.aligned.empty()) a.aligned_with = p.aligned;
      bool is_actor = p.HasHead() || (p.country_is_name && !possessive_modifier);
      any_head = any_head || is_actor;
      m.actors.push_back(std::move(a));
    }
    m.modifier_only = !any_head;
    // An adjective or possessive before an ordinary noun is a modifier too:
    // "Iraqi sovereignty", "Iraq's partnership", "military facilities".
    if (!m.modifier_only && phrase_last + 1 < end) {
      std::size_t k = phrase_last + 1;
      if (view.Lower(k) == "'s" || view.Lower(k) == "\xE2\x80\x99s") {
        if (k + 1 < end && IsWordToken(view, k + 1) && !IsFunctionWord(view.Lower(k + 1))) {
          m.modifier_only = true;
        }
      }
    }
    // Places: "in Iraq", "near the Kremlin".
    std::size_t before = phrase_first;
    while (before > first && IsDeterminer(view.Lower(before - 1))) --before;
    // ("in Iran's west" is a place too.)
    bool possessive_place = phrase_last + 1 < end && (view.Lower(phrase_last + 1) == "'s" ||
                                                     view.Lower(phrase_last + 1) == "\xE2\x80\x99s");
    if (before > first && IsLocativePreposition(view.Lower(before - 1)) &&
        (!m.modifier_only || possessive_place)) {
      m.place = true;
    }
    // Coreference: "the militia", "the group" with nothing else named.
    // "the group", "the militant group", "this movement": the last named
    // group whose role fits, named in the last three sentences.
    if (parts.size() == 1 && parts[0].anaphor && parts[0].group < 0 && parts[0].country < 0 &&
        parts[0].person < 0 && phrase_first > first) {
      std::string_view det = view.Lower(phrase_first - 1);
      bool definite = det == "the" || det == "this" || det == "that";
      const Actor* referent = nullptr;
      for (auto it = mentions.rbegin(); definite && !referent && it != mentions.rend(); ++it) {
        if (it->modifier_only || it->place || it->actors.empty()) continue;
        const Actor& g = it->actors[0];
        if (!g.name.empty() && g.code.size() > 6) referent = &g;
      }
      for (std::size_t k = context.recent_groups.size(); definite && !referent && k-- > 0;) {
        if (context.recent_group_sentences[k] + 3 < context.sentence) break;
        const Actor& g = context.recent_groups[k];
        const std::string& want = parts[0].role;
        if (want.empty() || want == g.role ||
            ((want == "REB" || want == "INS") && (g.role == "REB" || g.role == "INS"))) {
          referent = &g;
        }
      }
      bool resolved = referent != nullptr;
      if (referent) m.actors[0] = ReferTo(*referent, m.actors[0]);
      if (!resolved && parts[0].role.empty()) {
        i = std::max<std::size_t>(phrase_last + 1, i + 1);
        continue;  // "the group" with nothing to refer to is no actor
      }
    }
    // A plural ("the militias") speaks of a kind, not of the group named
    // before; only a singular noun refers back.
    bool singular = !view.Lower(phrase_last).ends_with("s") || view.Lower(phrase_last) == "rebels";
    if (parts.size() == 1 && parts[0].group < 0 && parts[0].person < 0 && parts[0].country < 0 &&
        parts[0].person_name.empty() && phrase_first > first && singular &&
        (view.Lower(phrase_first - 1) == "the") && !context.recent_groups.empty()) {
      // Only non-state roles refer back: "the army", "the police" and
      // "the government" are the state's.
      bool non_state = parts[0].role == "REB" || parts[0].role == "INS" || parts[0].role == "CRM";
      for (auto it = context.recent_groups.rbegin(); non_state && it != context.recent_groups.rend();
           ++it) {
        if (it->role == parts[0].role || (parts[0].role == "REB" && it->role == "INS") ||
            (parts[0].role == "INS" && it->role == "REB")) {
          m.actors[0] = ReferTo(*it, m.actors[0]);
          break;
        }
      }
    }
    MentionFacts facts;
    facts.role_only = parts.size() == 1 && parts[0].group < 0 && parts[0].person < 0 &&
                      parts[0].country < 0 && parts[0].person_name.empty() &&
                      !m.actors[0].resolved;
    facts.instrument_only = parts.size() == 1 && parts[0].instrument && parts[0].country < 0;
    for (const Part& p : parts) facts.person = facts.person || p.person >= 0 || !p.person_name.empty();
    mentions.push_back(std::move(m));
    mention_facts.push_back(facts);
    i = std::max<std::size_t>(phrase_last + 1, i + 1);
  }

  for (std::size_t k = 0; k < named_orgs.size(); ++k) {
    auto at = std::lower_bound(mentions.begin(), mentions.end(), named_orgs[k].first,
                               [](const Mention& x, std::uint32_t t) { return x.first < t; });
    std::size_t pos = static_cast<std::size_t>(at - mentions.begin());
    mentions.insert(at, std::move(named_orgs[k]));
    mention_facts.insert(mention_facts.begin() + static_cast<std::ptrdiff_t>(pos), named_org_facts[k]);
  }

  // "the foreign ministers of Armenia and Azerbaijan", "fighters of the
  // Islamic State": a bare role before "of"/"from" takes the named actors
  // after it.
  for (std::size_t k = 0; k + 1 < mentions.size(); ++k) {
    Mention& head = mentions[k];
    Mention& tail = mentions[k + 1];
    // ("a delegation of the African Union's panel": the Union's.)
    bool named_owner = tail.modifier_only && !tail.actors.empty() && !tail.actors[0].name.empty() &&
                       tail.actors[0].code != tail.actors[0].country;
    if (!mention_facts[k].role_only || (tail.modifier_only && !named_owner) || tail.place ||
        tail.actors.empty()) {
      continue;
    }
    std::size_t t = head.last + 1;
    if (t >= end || (view.Lower(t) != "of" && view.Lower(t) != "from")) continue;
    ++t;
    if (t < end && view.Lower(t) == "the") ++t;
    if (t != tail.first) continue;
    std::string role = head.actors[0].role;
    std::uint32_t start = head.actors[0].start;
    for (Actor& a : tail.actors) {
      if (a.name.empty() || a.role.empty()) {
        if (!role.empty() && a.role != "CVL") a.role = role;
        a.code = ActorCode(a.country, a.role);
      }
      a.entry = head.actors[0].entry + " of " + a.entry;
    }
    if (tail.actors.size() == 1) {
      tail.actors[0].start = start;
      tail.actors[0].text = std::string(view.text.substr(start, tail.actors[0].end - start));
    }
    tail.first = head.first;
    tail.modifier_only = false;
    mention_facts[k + 1].role_only = false;
    mentions.erase(mentions.begin() + static_cast<std::ptrdiff_t>(k));
    mention_facts.erase(mention_facts.begin() + static_cast<std::ptrdiff_t>(k));
    if (k > 0) --k;
  }

  // "it said", "its fighters", "their troops": the nearest named group or
  // country before it in the sentence, else the last named group.
  auto antecedent = [&](std::size_t before_mention, std::uint32_t token) -> const Actor* {
    for (std::size_t k = before_mention; k-- > 0;) {
      const Mention& prev = mentions[k];
      if (prev.last >= token || prev.modifier_only || prev.place || prev.actors.empty()) continue;
      const Actor& a = prev.actors[0];
      if (!a.name.empty() || !a.country.empty()) return &a;
    }
    // Else the last named group, if it was named in this sentence or the
    // one before.
    if (!context.recent_groups.empty() &&
        context.recent_group_sentences.back() + 1 >= context.sentence) {
      return &context.recent_groups.back();
    }
    return nullptr;
  };
  for (std::size_t k = 0; k < mentions.size(); ++k) {
    Mention& m = mentions[k];
    if (!mention_facts[k].role_only || m.first <= first) continue;
    std::string_view det = view.Lower(m.first - 1);
    if (det != "its" && det != "their") continue;
    const Actor* ante = antecedent(k, m.first);
    if (!ante) continue;
    Actor& a = m.actors[0];
    a.country = ante->country;
    a.aligned_with = ante->aligned_with;
    // Members of a named body are that body ("its activists" of the Awami
    // League); a country's ("its troops") keep their own role.
    bool named_body = !ante->name.empty() && ante->code != ante->country &&
                      ante->code != ante->country + ante->role;
    if (named_body || (!ante->name.empty() && (ante->role == "REB" || ante->role == "INS" ||
                                               ante->role == "CRM" || a.role == ante->role))) {
      a.name = ante->name;
      a.code = ante->code;
      a.role = ante->role;
    } else {
      a.code = ActorCode(a.country, a.role);
    }
    a.resolved = true;
    a.entry += " -> " + std::string(det) + " = " + (ante->name.empty() ? ante->country : ante->name);
    mention_facts[k].role_only = false;
  }
  // Bare "it"/"they" as a subject.
  {
    std::vector<Mention> pronouns;
    for (std::size_t t = first; t < end; ++t) {
      std::string_view w = view.Lower(t);
      if (w != "it" && w != "they") continue;
      std::size_t k = 0;
      while (k < mentions.size() && mentions[k].last < t) ++k;
      if (k < mentions.size() && mentions[k].first <= t) continue;
      const Actor* ante = antecedent(k, static_cast<std::uint32_t>(t));
      if (!ante) continue;
      Mention m;
      m.first = m.last = static_cast<std::uint32_t>(t);
      Actor a = *ante;
      a.text = std::string(view.Word(t));
      a.start = tokens[t].start;
      a.end = tokens[t].end;
      a.resolved = true;
      a.entry = std::string(w) + " -> " + (ante->name.empty() ? ante->country : ante->name);
      m.actors.push_back(std::move(a));
      pronouns.push_back(std::move(m));
    }
    for (auto& m : pronouns) {
      auto at = std::lower_bound(mentions.begin(), mentions.end(), m.first,
                                 [](const Mention& x, std::uint32_t t) { return x.first < t; });
      std::size_t k = static_cast<std::size_t>(at - mentions.begin());
      mentions.insert(at, std::move(m));
      mention_facts.insert(mention_facts.begin() + static_cast<std::ptrdiff_t>(k), MentionFacts{});
    }
  }

  // Infer a country for role-only actors from the article's focus; record
  // named groups and people for later references.
  for (std::size_t k = 0; k < mentions.size(); ++k) {
    Mention& m = mentions[k];
    for (Actor& a : m.actors) {
      // A bare role, a weapon ("military jets") or a titled person with no
      // country named: the country the story is about, flagged as inferred.
      bool titled_person = mention_facts[k].person && !a.name.empty() && a.code.size() <= 3;
      if (a.country.empty() && (a.name.empty() || titled_person) && !a.role.empty() &&
          a.role != "IGO" && a.role != "NGO" && !a.resolved && !context.focus_country.empty() &&
          a.aligned_with != context.focus_country) {
        a.country = context.focus_country;
        a.code = ActorCode(a.country, a.role);
        a.country_inferred = true;
      }
    }
    if (m.modifier_only || m.place) continue;
    for (const Actor& a : m.actors) {
      if (a.resolved) continue;
      if (!a.name.empty() && !a.code.empty() && !mention_facts[k].person &&
          (a.role == "REB" || a.role == "INS" || a.role == "CRM" || a.role == "MIL" ||
           a.role == "GOV" || a.role == "POL" || a.role == "IGO" || a.role == "OPP" ||
           a.role == "NGO")) {
        context.recent_groups.push_back(a);
        context.recent_group_sentences.push_back(context.sentence);
      }
      if (mention_facts[k].person && !a.name.empty()) context.recent_persons.push_back(a);
    }
  }
  for (std::size_t k = 0; k < mentions.size(); ++k) {
    const Mention& m = mentions[k];
    if (m.modifier_only || m.place || mention_facts[k].person) continue;
    for (const Actor& a : m.actors) {
      if (a.resolved || a.country_inferred || a.country.empty()) continue;
      // A party: a named body, or a country's side ("Afghan officials").
      std::string key = a.name.empty() ? a.country : a.name;
      std::erase_if(context.recent_parties, [&](const Actor& p) {
        return (p.name.empty() ? p.country : p.name) == key;
      });
      context.recent_parties.push_back(a);
    }
  }
  if (context.recent_parties.size() > 8) {
    context.recent_parties.erase(context.recent_parties.begin(),
                                 context.recent_parties.end() - 8);
  }
  if (context.recent_groups.size() > 32) {
    context.recent_groups.erase(context.recent_groups.begin(),
                                context.recent_groups.end() - 32);
    context.recent_group_sentences.erase(context.recent_group_sentences.begin(),
                                         context.recent_group_sentences.end() - 32);
  }
  if (context.recent_persons.size() > 32) {
    context.recent_persons.erase(context.recent_persons.begin(),
                                 context.recent_persons.end() - 32);
  }
  // Group names with a special word: "the group", "the organisation".
  return mentions;
}

}  // namespace khaldun::actors
