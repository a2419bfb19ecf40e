// Page-chrome phrases (share/subscribe/cookie/comment/captcha prompts,
// "Do you like this article?", "Related articles", "Advertisement"), kept
// as data in data/boilerplate/*.tsv and compiled once into a matcher.
// Used by both HTML and text extraction. Immutable after Load; thread-safe.
#ifndef KHALDUN_INGEST_BOILERPLATE_H_
#define KHALDUN_INGEST_BOILERPLATE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/data_files.h"
#include "khaldun/status.h"

namespace khaldun {

class BoilerplateLexicon {
 public:
  static Result<BoilerplateLexicon> Load(const DataFiles& files);

  // True when `block` (one paragraph or line, any case and spacing) is page
  // chrome as a whole: it matches a whole-block phrase, is short and starts
  // with a prompt phrase ("Share this", "Sign up for"), or holds, outside
  // double quotes, a phrase that only a page's appeals and footers use
  // ("all rights reserved", "support our journalism").
  bool IsChrome(std::string_view block) const;

  // True when `block` marks the end of the article body: what follows it is
  // comments, related links or footer ("Related articles", "Comments",
  // "More from"). Only meaningful for short blocks.
  bool IsEndMarker(std::string_view block) const;

  // The form phrases and blocks are compared in: ASCII lower case, white
  // space folded, curly quotes made straight, leading bullets and counts
  // ("3 comments") and trailing punctuation (":*?!.|>") removed.
  static std::string Normalize(std::string_view block);

  // Blocks longer than this many words are never chrome by prefix alone:
  // "Share this" opens prompts, but it can also open a real sentence.
  static constexpr size_t kMaxPrefixBlockWords = 12;

  // Blocks longer than this many words are never chrome by a contained
  // phrase: an appeal or a footer line is a sentence or two, and a long
  // paragraph that mentions "all rights reserved" is still the article.
  static constexpr size_t kMaxContainsBlockWords = 45;

 private:
  // True when `normalized` starts with a phrase of `set` that ends at a word
  // boundary.
  // True when `block`, case folded and quoted speech removed, holds a
  // `contains_` phrase at word boundaries.
  bool HasContainedPhrase(std::string_view block) const;

  bool HasPrefixIn(const std::unordered_set<std::string>& set,
                   std::string_view normalized) const;

  std::unordered_set<std::string> whole_;   // normalised whole-block phrases
  std::unordered_set<std::string> prefix_;  // normalised prompt prefixes
  std::unordered_set<std::string> end_;     // normalised end-of-body markers
  std::vector<std::string> contains_;       // normalised appeal/footer phrases
  size_t max_prefix_words_ = 0;             // longest prefix/end phrase, in words
};

}  // namespace khaldun

#endif  // KHALDUN_INGEST_BOILERPLATE_H_
