#include "ingest/byline_words.h"

#include <utility>

#include "common/text.h"

namespace khaldun {
namespace {

constexpr std::string_view kBylineWordsFile = "boilerplate/byline_words.tsv";

struct KindName {
  std::string_view name;
  BylineWords::Kind kind;
};
constexpr KindName kKindNames[] = {
    {"agency", BylineWords::kAgency},
    {"role", BylineWords::kRole},
    {"title_word", BylineWords::kTitleWord},
    {"particle", BylineWords::kParticle},
    {"marker", BylineWords::kMarker},
    {"credit", BylineWords::kCredit},
    {"credit_phrase", BylineWords::kCreditPhrase},
    {"caption_label", BylineWords::kCaptionLabel},
    {"contributor", BylineWords::kContributor},
};

}  // namespace

Result<BylineWords> BylineWords::Load(const DataFiles& files) {
  auto file = ReadTsvFile(files, kBylineWordsFile, 2, 2);
  if (!file.ok()) return file.status();
  BylineWords words;
  for (const TsvRow& row : file->rows) {
    auto where = [&] { return file->Where(row); };
    const KindName* kind = nullptr;
    for (const KindName& k : kKindNames) {
      if (row.fields[0] == k.name) kind = &k;
    }
    if (kind == nullptr) {
      return Status::Corruption(where() + "unknown kind \"" + std::string(row.fields[0]) + "\"");
    }
    std::string phrase = AsciiLowerCopy(TrimAscii(row.fields[1]));
    if (phrase.empty()) return Status::Corruption(where() + "empty phrase");
    if (!words.sets_[kind->kind].insert(phrase).second) {
      return Status::Corruption(where() + "duplicate " + std::string(kind->name) + " \"" +
                                phrase + "\"");
    }
    words.lists_[kind->kind].push_back(std::move(phrase));
  }
  return words;
}

bool BylineWords::Is(Kind kind, std::string_view phrase) const {
  return sets_[kind].count(AsciiLowerCopy(phrase)) != 0;
}

}  // namespace khaldun
