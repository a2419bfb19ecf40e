// The quote finder on arbitrary text, after the sentence splitter, as the
// pipeline runs them. Every quote must point inside the text, in order,
// with its speaker's offsets inside the text too; the finder must never
// crash whatever the quotation marks do.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "quotes/quotes.h"
#include "testing/resources.h"
#include "text/sentences.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (256u << 10)) return 0;
  const auto& splitter = khaldun::testing::FromEmbeddedData<khaldun::text::SentenceSplitter>();
  const auto& finder = khaldun::testing::FromEmbeddedData<khaldun::quotes::QuoteFinder>();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  khaldun::text::TokenizedText tokenized = splitter.Split(text);
  std::uint32_t previous = 0;
  for (const khaldun::quotes::Quote& q : finder.Find(text, tokenized)) {
    if (q.start > q.end || q.end > text.size()) std::abort();
    if (q.speaker_start > q.speaker_end || q.speaker_end > text.size()) std::abort();
    if (q.start < previous) std::abort();
    if (!tokenized.sentences.empty() && q.sentence_index >= tokenized.sentences.size()) {
      std::abort();
    }
    previous = q.start;
  }
  return 0;
}
