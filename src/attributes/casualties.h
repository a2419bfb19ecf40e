// Casualties: who was killed, injured, kidnapped, arrested or displaced, and
// how many, read from the tokens of text::SentenceSplitter. The reader finds
// the phrases; attaching them to events and mapping victims to actors is
// the event coder's work (it sees the whole article).
//
//   auto reader = CasualtyReader::Load(DataFiles::Default());
//   text::TokenizedText t = splitter.Split(text);
//   for (const CasualtyMention& m : reader->Find(text, t.tokens)) ...
//   // "killing 15 ISIS fighters": outcome "killed", count.best 15, victim
//   // tokens "ISIS fighters", rule "object"
//
// What is read (rules, with examples, in docs/casualties.md):
//   object    VERB COUNT VICTIM        "killing at least 20 people"
//   subject   COUNT VICTIM (be) VERB   "15 people were killed", "20 killed",
//                                      "Five soldiers died"
//   noun      COUNT (VICTIM) NOUN      "20 dead", "left 12 dead and 30 wounded"
//   article   a/an/another VICTIM be VERB   "a soldier was killed" (count 1)
//   toll      TOLL ... LINK COUNT      "the death toll rose to 40"
//   among     COUNT VICTIM be among the dead    (subset)
//   including ..., including COUNT VICTIM       (subset)
//   displace  force COUNT VICTIM to flee        "forced 5,000 people to flee"
//   negated   "no one was hurt", "no casualties", "escaped unhurt" (count 0)
// Patterns never cross a sentence end ('.', '!', '?') or ';'.
#ifndef KHALDUN_ATTRIBUTES_CASUALTIES_H_
#define KHALDUN_ATTRIBUTES_CASUALTIES_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "attributes/numbers.h"
#include "common/data_files.h"
#include "khaldun/status.h"
#include "text/sentences.h"

namespace khaldun::attributes {

// One toll phrase. Token indices are into the span given to Find, byte
// offsets into its text. String views point to static storage.
struct CasualtyMention {
  // "killed", "injured", "kidnapped", "arrested", "displaced", or
  // "casualties": killed and injured together with the split unknown ("30
  // casualties"). The coder must not add a "casualties" count to either
  // figure; a negated "no casualties" is given as two mentions, killed and
  // injured, since it denies both.
  std::string_view outcome;
  Quantity count;  // all zero when negated
  // "no one was hurt", "there were no casualties", "without casualties".
  bool negated = false;
  // A running total, not one incident's toll: the sentence has a cue
  // ("since October", "so far this year", "a total of", "in total") or the
  // verb is a perfect with a war-like subject ("the conflict has killed").
  bool cumulative = false;
  // Part of another figure of the same outcome in the sentence, not an
  // addition to it: "killing 20 people, including five children" gives 20
  // killed and a subset 5 killed; "three civilians were among the dead".
  bool subset = false;
  std::uint32_t first_token = 0;  // the whole phrase, tokens [first, end)
  std::uint32_t end_token = 0;
  std::uint32_t start = 0;  // the whole phrase, bytes [start, end)
  std::uint32_t end = 0;
  std::uint32_t outcome_token = 0;  // the first token of the verb or noun
  // The victim noun phrase ("ISIS fighters", "US troops", "civilians",
  // "others"); victim_first == victim_end when the text names none.
  std::uint32_t victim_first = 0;
  std::uint32_t victim_end = 0;
  // "two others", "16 other people", "another three": the same kind of
  // victim as the previous count ("Three soldiers were killed. Two others
  // were wounded." gives soldiers for both).
  bool victim_is_others = false;
  std::string_view rule;  // the pattern that read it (see the file comment)
};

// Immutable; built once from data/attributes/casualty_words.tsv and
// number_words.tsv. Cheap to copy (shared state), thread-safe.
class CasualtyReader {
 public:
  static Result<CasualtyReader> Load(const DataFiles& files);

  // Every toll phrase in `tokens` (one sentence, or all tokens of a text),
  // in token order. Offsets refer to `text`, which must outlive the result.
  // Linear in the number of tokens: every pattern looks at a bounded window.
  std::vector<CasualtyMention> Find(std::string_view text,
                                    std::span<const text::Token> tokens) const;
  // The same over tokens already lower-cased and hashed (TokenWords), as
  // the attribute stage keeps them for every sentence it reads.
  std::vector<CasualtyMention> Find(const TokenWords& words) const;

  // The number words the reader uses (for callers reading other counts).
  const NumberWords& numbers() const;

 private:
  struct Data;
  explicit CasualtyReader(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace khaldun::attributes

#endif  // KHALDUN_ATTRIBUTES_CASUALTIES_H_
