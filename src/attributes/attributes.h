// Event attributes: when, where and how many, read from the words around
// each coded event and from the article around its sentence.
//
// The stage runs after the event coder. It reads every sentence once for
// date expressions (dates.h), place names (places/place_finder.h) and
// casualty counts (casualties.h), then gives each event:
//   - the date stated in its own clause or sentence, else one stated
//     earlier in its paragraph for the same story, else none (the
//     publication date stays on the article and is never copied);
//   - the place stated in its sentence, else earlier in its paragraph, else
//     the dateline's country, else (for physical events) the article's
//     country at country precision;
//   - the casualty counts of its sentence, or of the sentences right after
//     it that tell the toll without a new event ("Two others were
//     wounded."), with the victims mapped to actors.
// Every attribute records the words and the rule that gave it.
#ifndef KHALDUN_ATTRIBUTES_ATTRIBUTES_H_
#define KHALDUN_ATTRIBUTES_ATTRIBUTES_H_

#include <memory>
#include <span>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "actors/mentions.h"
#include "common/data_files.h"
#include "khaldun/code.h"
#include "khaldun/status.h"
#include "text/sentences.h"

namespace khaldun::attributes {

// What the stage needs to know of the article being coded.
struct ArticleFrame {
  std::string_view text;                        // Article::text
  const text::TokenizedText* tokenized = nullptr;
  const actors::TokenView* view = nullptr;      // over `tokenized`
  // The actor mentions of each sentence (indexed like tokenized->sentences).
  const std::vector<std::vector<actors::Mention>>* mentions = nullptr;
  // Byte ranges of the direct quotes, in text order: speech, whose "today"
  // is the speaker's and whose dates do not set the story's scene.
  std::span<const std::pair<std::uint32_t, std::uint32_t>> quoted;
  std::string_view published;                   // "YYYY-MM-DD" or empty
  std::string_view dateline;                    // "BAGHDAD" or empty
  std::string focus_country;                    // ISO3 or empty
  std::vector<std::string> article_countries;   // ISO3 of every country named
};

class AttributeReader {
 public:
  struct Data;
  static Result<AttributeReader> Load(const DataFiles& files);

  // Fills date, location and casualties of `events`, which were coded from
  // `frame`'s sentences (Event::sentence.index). `trace`, when given,
  // receives one line per decision, for `khaldun explain`.
  void Fill(const ArticleFrame& frame, std::vector<Event>& events,
            std::vector<std::string>* trace) const;

 private:
  explicit AttributeReader(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace khaldun::attributes

#endif  // KHALDUN_ATTRIBUTES_ATTRIBUTES_H_
