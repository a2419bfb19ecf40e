// The actor dictionary: countries (names, adjectives, capitals and seats of
// power), roles (generic nouns, titles and role modifiers), named groups and
// people, compiled at start-up from data/actors/*.tsv into one PhraseIndex.
#ifndef KHALDUN_ACTORS_ACTOR_DICTIONARY_H_
#define KHALDUN_ACTORS_ACTOR_DICTIONARY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/phrase_index.h"
#include "common/data_files.h"
#include "khaldun/status.h"
#include "text/sentences.h"

namespace khaldun::actors {

enum class AtomKind : std::uint8_t {
  kCountryName,       // "Iraq", "the United States"
  kCountryAdjective,  // "Iraqi", "Americans"
  kCountryCapital,    // "Baghdad", "the Kremlin" (the government by metonymy)
  kGroup,             // "Harakat al-Nujaba", "ISIS"
  kPerson,            // "Vladimir Putin", "Putin"
  kRoleNoun,          // "forces", "militia", "government"
  kRoleTitle,         // "president", "Lt. Gen."
  kRoleModifier,      // "security" (in "security forces")
  kInstrument,        // "warplanes", "drones": their country's forces
  kAnaphor,           // "group", "movement": refers back to a named group
};

struct CountryEntry {
  std::string iso3;
  std::string name;
};

struct GroupEntry {
  std::string code;
  std::string name;
  std::string country;
  std::string role;
  std::string backer;  // first listed backer, or empty
};

struct PersonEntry {
  std::string name;
  std::string country;
  std::string role;
  std::string affiliation;  // a group code, or empty
  std::string office;
  int from = 0;
  int to = 0;  // 0: still in office
};

// What one dictionary phrase means.
struct DictEntry {
  AtomKind kind = AtomKind::kRoleNoun;
  std::uint32_t index = 0;  // into countries(), groups() or persons()
  std::string role;         // role code for role words and seats of power
  bool ambiguous = false;   // "?" forms: shared by several entries
  bool people = false;      // a plural demonym ("Iraqis"): civilians
  std::string form;         // the phrase as listed, for explain
};

class ActorDictionary {
 public:
  static Result<ActorDictionary> Load(const DataFiles& files,
                                      const text::SentenceSplitter& splitter);

  const PhraseIndex& index() const { return data_->index; }
  const DictEntry& entry(std::uint32_t value) const { return data_->entries[value]; }
  const std::vector<CountryEntry>& countries() const { return data_->countries; }
  const std::vector<GroupEntry>& groups() const { return data_->groups; }
  const std::vector<PersonEntry>& persons() const { return data_->persons; }
  // Index of an ISO3 code in countries(), or -1.
  int CountryIndex(std::string_view iso3) const;

  // Words that turn a country before a hyphen into an affiliation
  // ("Iran-aligned", "Russian-backed"), and "led" kind words
  // ("Saudi-led").
  bool IsAffiliationWord(std::string_view lower) const;
  // "backed", "led" or "flag" for an affiliation word, else empty.
  std::string_view AffiliationKind(std::string_view lower) const;

  // The role of a word that marks an organisation's name ("Union" CVL,
  // "Battalion" MIL), "place" for a place or facility word ("Province"),
  // or empty.
  std::string_view NameWord(std::string_view word) const;

  std::size_t phrase_count() const { return data_->index.size(); }

 private:
  struct Data {
    PhraseIndex index;
    std::vector<DictEntry> entries;
    std::vector<CountryEntry> countries;
    std::vector<GroupEntry> groups;
    std::vector<PersonEntry> persons;
    std::unordered_map<std::string, int> country_by_iso3;
    std::vector<std::string> affiliation_words;
    std::vector<std::string> affiliation_kinds;
    std::unordered_map<std::string, std::string> name_words;
  };
  explicit ActorDictionary(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace khaldun::actors

#endif  // KHALDUN_ACTORS_ACTOR_DICTIONARY_H_
