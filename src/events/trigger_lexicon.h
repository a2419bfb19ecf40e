// The event trigger lexicon: the verb, noun and phrase patterns of
// data/events/triggers.tsv (pattern language: docs/patterns.md), with every
// inflected form generated at load time and compiled into one PhraseIndex.
#ifndef KHALDUN_EVENTS_TRIGGER_LEXICON_H_
#define KHALDUN_EVENTS_TRIGGER_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "actors/phrase_index.h"
#include "common/data_files.h"
#include "khaldun/status.h"
#include "text/sentences.h"

namespace khaldun::events {

enum class PartOfSpeech : std::uint8_t { kVerb, kNoun, kPhrase };

// Which inflection of the trigger's head word the text used.
enum class Form : std::uint8_t {
  kBase,        // "attack"
  kThird,       // "attacks" (verb) -- also a plural noun
  kPast,        // "attacked", "shot": past or participle
  kParticiple,  // "taken", "struck": participle only
  kPastOnly,    // "took": simple past only
  kIng,         // "attacking"
  kNoun,        // "attack"
  kPlural,      // "attacks"
  kPhrase,      // a fixed phrase
};

// Where a slot's actor is found (docs/patterns.md).
struct SlotSpec {
  bool subject = false;   // subj
  bool object = false;    // obj
  bool modifier = false;  // mod
  std::vector<std::string> prepositions;  // "on", "against", "by", "between"
  bool empty() const { return !subject && !object && !modifier && prepositions.empty(); }
};

struct TriggerRule {
  std::string id;
  std::string type;
  std::string cameo;
  PartOfSpeech pos = PartOfSpeech::kVerb;
  std::string trigger;
  SlotSpec source;
  SlotSpec target;
  std::string mode;
  bool needs_target = false;  // notes start "needs-target:": no target, no event
  int line = 0;
};

class TriggerLexicon {
 public:
  static Result<TriggerLexicon> Load(const DataFiles& files,
                                     const text::SentenceSplitter& splitter);

  const actors::PhraseIndex& index() const { return data_->index; }
  const std::vector<TriggerRule>& rules() const { return data_->rules; }
  // A PhraseIndex value packs the rule and the form.
  static std::uint32_t RuleOf(std::uint32_t value) { return value >> 4; }
  static Form FormOf(std::uint32_t value) { return static_cast<Form>(value & 15u); }

  // Inflections of a verb lemma (base, 3rd person, past/participle, -ing)
  // given irregular pasts ("" when regular). Exposed for tests.
  static std::vector<std::pair<std::string, Form>> VerbForms(const std::string& lemma,
                                                             const std::string& irregular_past,
                                                             const std::string& irregular_part);
  static std::vector<std::pair<std::string, Form>> NounForms(const std::string& lemma);

 private:
  struct Data {
    actors::PhraseIndex index;
    std::vector<TriggerRule> rules;
  };
  explicit TriggerLexicon(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace khaldun::events

#endif  // KHALDUN_EVENTS_TRIGGER_LEXICON_H_
