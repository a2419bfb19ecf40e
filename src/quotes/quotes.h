// Quotes: who said what. Finds direct quotations ("“...,” X said",
// "X said: “...”", "according to X", "X told Y") and reported speech with a
// named speaker in article text that has been split into sentences, and
// ties each to its speaker and the speaker's role as written ("political
// analyst Tariq al-Shammari" -> speaker "Tariq al-Shammari", role
// "political analyst"). "he said" / "she added" resolve to the last named
// speaker in the article when one is known.
#ifndef KHALDUN_QUOTES_QUOTES_H_
#define KHALDUN_QUOTES_QUOTES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/data_files.h"
#include "khaldun/status.h"
#include "text/sentences.h"

namespace khaldun::quotes {

struct Quote {
  std::uint32_t sentence_index = 0;  // sentence where the quoted text starts
  std::uint32_t start = 0;           // quoted words, byte offsets into the
  std::uint32_t end = 0;             // text, quotation marks excluded
  std::string speaker;               // as written ("Tariq al-Shammari"), or empty
  std::string speaker_role;          // as written ("political analyst"), or empty
  std::uint32_t speaker_start = 0;   // offsets of the speaker's words in the
  std::uint32_t speaker_end = 0;     // text (both 0 when resolved from "he")
  bool direct = true;                // quotation marks (true) or reported speech
};

// Immutable; built once from data/quotes/*.tsv; thread-safe.
class QuoteFinder {
 public:
  static Result<QuoteFinder> Load(const DataFiles& files);

  // The quotes of `text`, whose sentences and tokens are `tokenized`, in
  // text order.
  std::vector<Quote> Find(std::string_view text, const text::TokenizedText& tokenized) const;

 private:
  struct Data;
  explicit QuoteFinder(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace khaldun::quotes

#endif  // KHALDUN_QUOTES_QUOTES_H_
