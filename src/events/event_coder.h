// The event coder: finds triggers in a sentence and fills each trigger's
// source and target from the actor mentions around it, as the rule's slot
// specification says (docs/patterns.md); decides voice, factuality and
// whether the sentence reports news at all (analysis, history and running
// tolls do not become events).
#ifndef KHALDUN_EVENTS_EVENT_CODER_H_
#define KHALDUN_EVENTS_EVENT_CODER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "actors/mentions.h"
#include "actors/phrase_index.h"
#include "common/data_files.h"
#include "events/trigger_lexicon.h"
#include "khaldun/code.h"
#include "khaldun/status.h"
#include "text/sentences.h"

namespace khaldun::events {

// What the coder needs to know about the sentence's place in the article.
struct SentenceInfo {
  std::uint32_t index = 0;      // among the body's sentences
  int published_year = 0;       // 0 when unknown
  std::string focus_country;    // ISO3 the article is mostly about, or empty
  bool whole_paragraph = false;  // the sentence is its paragraph
  bool single_paragraph_text = false;  // the whole text is one paragraph
};

class EventCoder {
 public:
  static Result<EventCoder> Load(const DataFiles& files, const text::SentenceSplitter& splitter);

  // Codes one sentence; appends events to `out`. When `trace` is given,
  // appends one human-readable line per rule that matched and per
  // decision taken (for `khaldun explain`).
  // `out` holds the article's events so far: a reaction to an earlier
  // event ("condemned the arrests") takes its target from them.
  void CodeSentence(const actors::TokenView& view, const text::Sentence& sentence,
                    const SentenceInfo& info, const std::vector<actors::Mention>& mentions,
                    std::vector<Event>& out, std::vector<std::string>* trace) const;

  const TriggerLexicon& lexicon() const { return data_->lexicon; }

 private:
  struct Data {
    TriggerLexicon lexicon;
    std::unordered_map<std::string, std::vector<std::string>> cues;  // word -> kinds
    std::unordered_map<std::string, std::vector<std::string>> event_nouns;  // noun -> types
    explicit Data(TriggerLexicon l) : lexicon(std::move(l)) {}
  };
  explicit EventCoder(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  bool HasCue(std::string_view lower, std::string_view kind) const;
  std::shared_ptr<const Data> data_;
};

}  // namespace khaldun::events

#endif  // KHALDUN_EVENTS_EVENT_CODER_H_
