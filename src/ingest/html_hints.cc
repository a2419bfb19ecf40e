#include "ingest/html_hints.h"

#include <array>
#include <charconv>

#include "common/text.h"

namespace khaldun {
namespace {

constexpr std::string_view kHintsFile = "boilerplate/class_hints.tsv";

// Words longer than this are generated ids or hashes ("css-1q2w3e4r5t"),
// never a convention worth matching.
constexpr size_t kMaxWord = 40;

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

Result<uint16_t> ParseRoles(std::string_view field) {
  uint16_t roles = 0;
  size_t pos = 0;
  while (pos <= field.size()) {
    size_t comma = field.find(',', pos);
    if (comma == std::string_view::npos) comma = field.size();
    std::string_view role = TrimAscii(field.substr(pos, comma - pos));
    pos = comma + 1;
    if (role.empty() || role == "-") continue;
    if (role == "caption") roles |= kHintRoleCaption;
    else if (role == "byline") roles |= kHintRoleByline;
    else if (role == "date") roles |= kHintRoleDate;
    else if (role == "standfirst") roles |= kHintRoleStandfirst;
    else if (role == "breadcrumb") roles |= kHintRoleBreadcrumb;
    else if (role == "hidden") roles |= kHintRoleHidden;
    else if (role == "headline") roles |= kHintRoleHeadline;
    else if (role == "body") roles |= kHintRoleBody;
    else if (role == "section") roles |= kHintRoleSection;
    else return Status::Corruption("unknown role '" + std::string(role) + "'");
  }
  return roles;
}

}  // namespace

Result<HtmlHints> HtmlHints::Load(const DataFiles& files) {
  auto text = files.Read(kHintsFile);
  if (!text.ok()) return text.status();
  return Parse(*text, kHintsFile);
}

Result<HtmlHints> HtmlHints::Parse(std::string_view tsv, std::string_view name) {
  auto rows = ParseTsv(tsv, name, 2, 3);
  if (!rows.ok()) return rows.status();
  HtmlHints hints;
  for (const TsvRow& row : *rows) {
    auto where = [&] { return std::string(name) + ":" + std::to_string(row.line) + ": "; };
    std::string_view token = row.fields[0];
    if (token.empty() || token.size() > 2 * kMaxWord) {
      return Status::Corruption(where() + "empty or overlong token");
    }
    // Tokens are stored as the word matcher produces them: lower-case
    // letters and digits, at most one '-' joining two words.
    for (char c : token) {
      if (c == '-') {
        continue;
      } else if (!IsLower(c) && !(c >= '0' && c <= '9')) {
        return Status::Corruption(where() + "token '" + std::string(token) +
                                  "' must be lower-case letters and digits");
      }
    }
    if (token.front() == '-' || token.back() == '-' ||
        token.find("--") != std::string_view::npos) {
      return Status::Corruption(where() + "token '" + std::string(token) +
                                "' must be words joined by single '-'");
    }
    HtmlHint hint;
    std::string_view weight = row.fields[1];
    if (!weight.empty() && weight.front() == '+') weight.remove_prefix(1);
    auto [end, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), hint.weight);
    if (ec != std::errc() || end != weight.data() + weight.size() || hint.weight < -100 ||
        hint.weight > 100) {
      return Status::Corruption(where() + "weight must be an integer in [-100, 100]");
    }
    if (row.fields.size() == 3) {
      auto roles = ParseRoles(row.fields[2]);
      if (!roles.ok()) return Status::Corruption(where() + roles.status().ToString());
      hint.roles = *roles;
    }
    if (!hints.hints_.emplace(std::string(token), hint).second) {
      return Status::Corruption(where() + "duplicate token '" + std::string(token) + "'");
    }
  }
  return hints;
}

HtmlHint HtmlHints::Classify(std::string_view value) const {
  HtmlHint out;
  if (hints_.empty()) return out;
  // Matched hints, so that "share share-top" counts "share" once.
  std::array<const HtmlHint*, 16> seen{};
  size_t seen_count = 0;
  std::string key;
  key.reserve(2 * kMaxWord + 1);
  // `whole`: the key spans the whole class name; only then do roles that
  // hide an element apply ("hidden", but not "submenu-hidden").
  auto apply = [&](bool whole) {
    auto it = hints_.find(key);
    if (it == hints_.end()) return;
    for (size_t i = 0; i < seen_count; ++i) {
      if (seen[i] == &it->second) return;
    }
    if (seen_count < seen.size()) seen[seen_count++] = &it->second;
    out.weight += it->second.weight;
    uint16_t roles = it->second.roles;
    if (!whole) roles &= static_cast<uint16_t>(~kHintRoleHidden);
    out.roles |= roles;
  };

  // Words of one class name: [begin, end) offsets into `value`.
  constexpr size_t kMaxWords = 8;
  std::array<std::pair<size_t, size_t>, kMaxWords> words;
  size_t i = 0;
  const size_t n = value.size();
  while (i < n) {
    // One class name: up to the next white space.
    size_t word_count = 0;
    bool overflow = false;
    while (i < n && !(value[i] == ' ' || value[i] == '\t' || value[i] == '\n' ||
                      value[i] == '\r' || value[i] == '\f')) {
      if (!IsAlnum(value[i])) {
        ++i;
        continue;
      }
      size_t start = i;
      ++i;
      while (i < n && IsAlnum(value[i]) && !(IsUpper(value[i]) && IsLower(value[i - 1]))) ++i;
      if (word_count < kMaxWords) {
        words[word_count++] = {start, i};
      } else {
        overflow = true;
      }
    }
    ++i;  // the white space
    if (word_count == 0) continue;
    auto append_word = [&](size_t w) {
      for (size_t k = words[w].first; k < words[w].second; ++k) key.push_back(AsciiLower(value[k]));
    };
    for (size_t w = 0; w < word_count; ++w) {
      if (words[w].second - words[w].first > kMaxWord) continue;
      key.clear();
      append_word(w);
      apply(word_count == 1 && !overflow);
      if (w + 1 < word_count && words[w + 1].second - words[w + 1].first <= kMaxWord) {
        key.push_back('-');
        append_word(w + 1);
        apply(word_count == 2 && !overflow);
      }
    }
    if (word_count >= 3 && !overflow) {
      key.clear();
      for (size_t w = 0; w < word_count && key.size() <= 3 * kMaxWord; ++w) {
        if (w > 0) key.push_back('-');
        append_word(w);
      }
      apply(true);
    }
  }
  return out;
}

}  // namespace khaldun
