#include "ingest/html_metadata.h"

#include <algorithm>
#include <array>

#include "common/text.h"

namespace khaldun {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }


// Title separators, widest first so that " - " inside " -- " is not cut.
constexpr std::array<std::string_view, 8> kTitleSeparators = {
    " | ", " — ", " – ", " :: ", " -- ", " - ", " · ", " » "};

bool LooksLikeName(std::string_view part, const BylineWords& words_list) {
  if (part.empty() || part.size() > 60) return false;
  size_t words = 0;
  size_t pos = 0;
  while (pos < part.size()) {
    size_t end = part.find(' ', pos);
    if (end == std::string_view::npos) end = part.size();
    std::string_view w = part.substr(pos, end - pos);
    pos = end + 1;
    if (w.empty()) continue;
    ++words;
    for (char c : w) {
      if (IsDigit(c) || c == '@' || c == '/' || c == ':') return false;
    }
    // A site name ("Cleveland.com", "Example.co.uk") is no author: a dot
    // followed by two lower-case letters. Initials ("J.R.") keep theirs.
    for (size_t dot = w.find('.'); dot != std::string_view::npos; dot = w.find('.', dot + 1)) {
      if (dot + 2 < w.size() && IsLowerAscii(w[dot + 1]) && IsLowerAscii(w[dot + 2])) return false;
    }
    std::string_view bare = w;
    while (!bare.empty() && (bare.back() == '.' || bare.back() == ',')) bare.remove_suffix(1);
    if (words_list.Is(BylineWords::kTitleWord, bare)) return false;
    if (IsLowerAscii(w[0]) && !words_list.Is(BylineWords::kParticle, w)) return false;
  }
  if (words == 0 || words > 6) return false;
  unsigned char first = static_cast<unsigned char>(part[0]);
  return IsUpperAscii(part[0]) || first >= 0x80;
}

// Removes a leading byline marker ("By", "Written by", "Reporting by"; any
// case, optional colon). Longer markers are tried first so that "Posted
// by" is not cut after "Posted".
std::string_view StripByPrefix(std::string_view s, const BylineWords& words) {
  std::string_view best;
  for (const std::string& marker : words.List(BylineWords::kMarker)) {
    if (marker.size() > best.size() && StartsWithIgnoreCase(s, marker) &&
        (s.size() == marker.size() || s[marker.size()] == ' ' || s[marker.size()] == ':')) {
      best = marker;
    }
  }
  if (best.empty()) return s;
  s.remove_prefix(best.size());
  while (!s.empty() && (s.front() == ' ' || s.front() == ':')) s.remove_prefix(1);
  return s;
}

}  // namespace

std::string StripTitleSuffix(std::string_view title, std::string_view site_name,
                             bool aggressive) {
  std::string t = CollapseWhitespace(title);
  std::string site = CollapseWhitespace(site_name);
  for (int round = 0; round < 2; ++round) {
    size_t best = kNpos;
    size_t best_len = 0;
    for (std::string_view sep : kTitleSeparators) {
      size_t at = t.rfind(sep);
      if (at != std::string::npos && (best == kNpos || at > best)) {
        best = at;
        best_len = sep.size();
      }
    }
    if (best == kNpos || best == 0) break;
    std::string_view head = std::string_view(t).substr(0, best);
    std::string_view tail = std::string_view(t).substr(best + best_len);
    bool is_site = !site.empty() && EqualsIgnoreCase(TrimAscii(tail), site);
    bool site_elsewhere = !site.empty() && FindIgnoreCase(t, site) != kNpos;
    bool short_tail = CountWords(tail) <= 4 && tail.size() < head.size() &&
                      CountWords(head) >= 3;
    if (is_site || (aggressive && !site_elsewhere && short_tail)) {
      t = std::string(TrimAscii(head));
    } else {
      break;
    }
  }
  return t;
}

std::vector<std::string> SplitByline(std::string_view byline, const BylineWords& words) {
  std::vector<std::string> names;
  std::string s = CollapseWhitespace(byline);
  std::string_view rest = StripByPrefix(s, words);
  size_t agencies = 0;
  // Cut at separators: ",", ";", "|", "•", "·", " and ", " & ", " - ", "\n".
  size_t pos = 0;
  while (pos <= rest.size()) {
    size_t cut = rest.size();
    size_t skip = 0;
    for (std::string_view sep :
         {std::string_view(","), std::string_view(";"), std::string_view("|"),
          std::string_view("•"), std::string_view("·"), std::string_view(" and "),
          std::string_view(" And "), std::string_view(" & "), std::string_view(" - "),
          std::string_view(" — "), std::string_view(" – ")}) {
      size_t at = rest.find(sep, pos);
      if (at != std::string_view::npos && at < cut) {
        cut = at;
        skip = sep.size();
      }
    }
    std::string_view part = TrimAscii(rest.substr(pos, cut - pos));
    part = TrimAscii(StripByPrefix(part, words));
    if (StartsWithIgnoreCase(part, "and ")) part = TrimAscii(part.substr(4));
    if (LooksLikeName(part, words)) {
      std::string name(part);
      if (std::find(names.begin(), names.end(), name) == names.end() && names.size() < 16) {
        if (words.Is(BylineWords::kAgency, name)) ++agencies;
        names.push_back(std::move(name));
      }
    }
    if (cut >= rest.size()) break;
    pos = cut + skip;
  }
  // "By Jane Doe, Reuters": the wire is a credit, not an author. A byline
  // that names only a wire keeps it (records.md: the credit as printed).
  if (agencies > 0 && agencies < names.size()) {
    std::erase_if(names, [&](const std::string& n) { return words.Is(BylineWords::kAgency, n); });
  }
  return names;
}

std::string FindDateline(std::string_view paragraph, const BylineWords& byline_words) {
  std::string_view p = paragraph.substr(0, std::min<size_t>(paragraph.size(), 120));
  // The dateline ends at the first dash separator or agency parenthesis.
  size_t cut = kNpos;
  for (std::string_view sep : {std::string_view(" — "), std::string_view(" – "),
                               std::string_view(" - "), std::string_view(" -- "),
                               std::string_view("—"), std::string_view(" ("),
                               std::string_view(": ")}) {
    size_t at = p.find(sep);
    if (at != kNpos && at < cut) cut = at;
  }
  if (cut == kNpos || cut == 0 || cut > 60) return "";
  bool agency = false;
  if (p.compare(cut, 2, " (") == 0) {
    size_t close = p.find(')', cut);
    if (close == kNpos || close - cut > 30) return "";
    // An agency tag is capitalised: (AP), (Reuters), (AFP).
    if (!IsUpperAscii(p[cut + 2])) return "";
    std::string_view after = TrimAscii(p.substr(close + 1));
    if (!(StartsWithIgnoreCase(after, "—") || StartsWithIgnoreCase(after, "–") ||
          StartsWithIgnoreCase(after, "-") || StartsWithIgnoreCase(after, ":"))) {
      return "";
    }
    agency = true;
  } else if (p.compare(cut, 2, ": ") == 0) {
    // "WASHINGTON: ..." only in all capitals.
  }
  std::string_view place = TrimAscii(p.substr(0, cut));
  // Drop a date after the place: "Gaza City, Aug 30", "LONDON, Nov. 19".
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos <= place.size()) {
    size_t comma = place.find(',', pos);
    if (comma == kNpos) comma = place.size();
    parts.push_back(TrimAscii(place.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  while (parts.size() > 1) {
    std::string_view last = parts.back();
    bool dated = false;
    for (char c : last) dated |= IsDigit(c);
    if (!dated) break;
    parts.pop_back();
  }
  if (parts.empty() || parts.size() > 3 || parts[0].empty()) return "";
  bool all_caps_word = false;
  size_t words = 0;
  for (std::string_view part : parts) {
    size_t wpos = 0;
    while (wpos < part.size()) {
      size_t end = part.find(' ', wpos);
      if (end == kNpos) end = part.size();
      std::string_view w = part.substr(wpos, end - wpos);
      wpos = end + 1;
      if (w.empty()) continue;
      ++words;
      for (char c : w) {
        if (IsDigit(c)) return "";
      }
      // Place names hold "of" and "the" ("Republic of Congo", "Isle of
      // Man") besides the particles personal names hold.
      if (!IsUpperAscii(w[0]) && static_cast<unsigned char>(w[0]) < 0x80 &&
          !byline_words.Is(BylineWords::kParticle, w) && w != "of" && w != "the") {
        return "";
      }
      size_t upper = 0, lower = 0;
      for (char c : w) {
        upper += IsUpperAscii(c);
        lower += IsLowerAscii(c);
      }
      if (upper >= 2 && lower == 0) all_caps_word = true;
    }
  }
  if (words == 0 || words > 6) return "";
  if (!agency && !all_caps_word) return "";
  std::string out(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    out += ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace khaldun
