#include "places/gazetteer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <utility>

#include "common/word_hash.h"

namespace khaldun::places {
namespace {

constexpr std::string_view kMagic = "#khaldun-gazetteer 2 ";
constexpr std::size_t kSampleLines = 32;
constexpr std::size_t kMaxCandidates = 32;

// The ten fields of a record line (see tools/gen_gazetteer.py).
struct RecordFields {
  char kind = 0;
  std::string_view cc, code, lat, lon, pop, fcode, link, name, common;
};

// Splits a record line at its nine TABs. Every lookup splits one line per
// candidate (and another for its admin1), so the TABs are found eight
// bytes at a time.
bool SplitRecord(std::string_view line, RecordFields& out) {
  std::array<std::size_t, 9> tabs;
  std::size_t n = 0;
  const char* p = line.data();
  const std::size_t size = line.size();
  std::size_t i = 0;
  constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7full;
  constexpr std::uint64_t kTabs = 0x0909090909090909ull;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t v;
    std::memcpy(&v, p + i, 8);
    const std::uint64_t x = v ^ kTabs;  // TAB bytes are 0 here
    // 0x80 in exactly the zero bytes (no carry crosses a byte).
    std::uint64_t zero = ~(((x & kLow7) + kLow7) | x | kLow7);
    while (zero != 0) {
      if (n == tabs.size()) return false;
      // Little-endian: the lowest set bit is the first TAB.
      tabs[n++] = i + static_cast<std::size_t>(std::countr_zero(zero) / 8);
      zero &= zero - 1;
    }
  }
  for (; i < size; ++i) {
    if (p[i] != '\t') continue;
    if (n == tabs.size()) return false;
    tabs[n++] = i;
  }
  if (n != tabs.size() || tabs[0] != 1) return false;
  auto field = [&](std::size_t k) {  // field k, 1-8
    return line.substr(tabs[k - 1] + 1, tabs[k] - tabs[k - 1] - 1);
  };
  out = {p[0],     field(1), field(2), field(3), field(4),
         field(5), field(6), field(7), field(8), line.substr(tabs[8] + 1)};
  return true;
}

// Decimal coordinates ("33.4213", "-1.5"): digits over a power of ten is
// correctly rounded, as from_chars is, when both are exact doubles (up to
// 15 digits); anything else goes to from_chars.
bool ParseDouble(std::string_view s, double& out) {
  if (s.empty()) return false;
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  std::size_t i = s[0] == '-' ? 1 : 0;
  std::uint64_t mantissa = 0;
  std::size_t digits = 0, int_digits = 0, frac_digits = 0;
  bool dot = false, simple = true;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
      ++digits;
      ++(dot ? frac_digits : int_digits);
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      simple = false;
      break;
    }
  }
  if (simple && int_digits > 0 && (!dot || frac_digits > 0) && digits <= 15) {
    const double v = static_cast<double>(mantissa) / kPow10[frac_digits];
    out = s[0] == '-' ? -v : v;
    return true;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// A record's LINK or a name line's offset: up to eight hex digits.
bool ParseHex(std::string_view s, std::uint32_t& out) {
  if (s.empty()) return false;
  if (s.size() <= 8) {
    std::uint32_t v = 0;
    for (char c : s) {
      std::uint32_t d;
      if (c >= '0' && c <= '9') {
        d = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      v = v << 4 | d;
    }
    out = v;
    return true;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ParseSectionOffset(std::string_view header, std::string_view name, std::size_t& out) {
  std::size_t at = header.find(name);
  if (at == std::string_view::npos) return false;
  std::string_view digits = header.substr(at + name.size(), 10);
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && p == digits.data() + digits.size();
}

// Decodes one UTF-8 sequence at `s[i]`; returns its length (1 for a
// broken byte, which then never folds).
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (b >= 0x80 && b < 0xC0) len = 1;
  if (len == 1 || i + len > s.size()) {
    cp = b < 0x80 ? b : 0xFFFD;
    return 1;
  }
  char32_t v = b & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      cp = 0xFFFD;
      return 1;
    }
    v = (v << 6) | (c & 0x3F);
  }
  cp = v;
  return len;
}

// What NormalizeKey does with each byte: kKeyDrop (' and .), kKeySpace
// (any other ASCII non-alphanumeric: a separator), kKeyFold (outside
// ASCII: the fold table decides), else the byte lower-cased.
constexpr unsigned char kKeyDrop = 0, kKeySpace = 1, kKeyFold = 2;
constexpr std::array<unsigned char, 256> MakeKeyBytes() {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) {
      t[c] = kKeyFold;
    } else if (c == '\'' || c == '.') {
      t[c] = kKeyDrop;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      t[c] = static_cast<unsigned char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      t[c] = static_cast<unsigned char>(c - 'A' + 'a');
    } else {
      t[c] = kKeySpace;
    }
  }
  return t;
}
constexpr std::array<unsigned char, 256> kKeyBytes = MakeKeyBytes();

struct CountryEntry {
  std::uint32_t offset = 0;
  std::string_view iso2, iso3;
  bool present = false;
};

int CountrySlot(std::string_view iso2) {
  if (iso2.size() != 2 || iso2[0] < 'A' || iso2[0] > 'Z' || iso2[1] < 'A' || iso2[1] > 'Z') {
    return -1;
  }
  return (iso2[0] - 'A') * 26 + (iso2[1] - 'A');
}

}  // namespace

std::string_view PlaceKindName(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kCountry:
      return "country";
    case PlaceKind::kAdmin1:
      return "admin1";
    case PlaceKind::kRegion:
      return "region";
    case PlaceKind::kCity:
      return "city";
    case PlaceKind::kAdmin2:
      return "admin2";
  }
  return "city";
}

struct Gazetteer::Data {
  std::shared_ptr<const std::string> owned;  // null for the embedded bytes
  std::string_view bytes;
  std::string_view records;  // the record lines, "\n"-terminated
  std::string_view names;    // the name lines, "\n"-terminated
  // The "@hash" table: 8-byte slots {fingerprint, first line of a key}
  // (see tools/gen_gazetteer.py); empty when the file has none.
  std::string_view hash_slots;
  std::uint64_t hash_mask = 0;  // slot count - 1 (a power of two)
  // Without a hash table: the start of every kSampleLines-th name line. A
  // binary search over these small, cache-friendly offsets narrows a
  // lookup to one block before the byte-wise search (read at load: one
  // pass over the names).
  std::vector<std::uint32_t> sample;
  std::vector<std::string_view> sample_keys;  // the keys of those lines
  // Hashes of the "!", "?" and "^" keys (not_places.tsv's lists) and of
  // the "=" keys (country adjectives), read at load: most capitalised
  // words are asked about and few are listed.
  WordHashSet word_lists;
  std::size_t record_count = 0;
  std::size_t name_count = 0;
  // Fold table: a few hundred code points, read once at load (10 us).
  std::vector<std::pair<char32_t, std::string_view>> fold;
  std::array<CountryEntry, 26 * 26> countries{};
};

Result<Gazetteer> Gazetteer::LoadBuiltin() { return Parse(GazetteerBytes(), nullptr); }

Result<Gazetteer> Gazetteer::FromBytes(std::string bytes) {
  auto owned = std::make_shared<const std::string>(std::move(bytes));
  return Parse(*owned, owned);
}

Result<Gazetteer> Gazetteer::Parse(std::string_view bytes,
                                   std::shared_ptr<const std::string> owned) {
  auto bad = [](std::string what) { return Status::Corruption("gazetteer: " + what); };
  if (bytes.substr(0, kMagic.size()) != kMagic) return bad("missing the format line");
  std::string_view header = bytes.substr(0, bytes.find('\n'));
  std::size_t fold_at = 0, records_at = 0, names_at = 0, end_at = 0;
  if (!ParseSectionOffset(header, "fold=", fold_at) ||
      !ParseSectionOffset(header, "records=", records_at) ||
      !ParseSectionOffset(header, "names=", names_at) ||
      !ParseSectionOffset(header, "end=", end_at)) {
    return bad("malformed format line");
  }
  if (!(fold_at <= records_at && records_at <= names_at && names_at <= end_at &&
        end_at + 5 <= bytes.size() && bytes.substr(end_at, 5) == "@end\n")) {
    return bad("section offsets out of order or past the end");
  }
  // Each section is preceded by its "@name N" line.
  auto marker_before = [&](std::size_t at, std::string_view marker) {
    if (at == 0 || bytes[at - 1] != '\n') return false;
    std::size_t line = bytes.rfind('\n', at - 2);
    line = line == std::string_view::npos ? 0 : line + 1;
    return bytes.substr(line, marker.size()) == marker;
  };
  if (!marker_before(fold_at, "@fold ") || !marker_before(records_at, "@records ") ||
      !marker_before(names_at, "@names ")) {
    return bad("section markers missing");
  }
  auto data = std::make_shared<Data>();
  data->owned = std::move(owned);
  data->bytes = bytes;
  std::size_t records_marker = bytes.rfind('\n', records_at - 2) + 1;
  std::size_t names_marker = bytes.rfind('\n', names_at - 2) + 1;
  data->records = bytes.substr(records_at, names_marker - records_at);
  std::size_t names_end = end_at;
  std::size_t hash_at = 0;
  if (ParseSectionOffset(header, "hash=", hash_at)) {
    // "@hash SLOTS\n" then SLOTS * 8 raw bytes and "\n", before "@end".
    if (!(names_at <= hash_at && hash_at < end_at) || !marker_before(hash_at, "@hash ")) {
      return bad("hash section misplaced");
    }
    std::size_t marker = bytes.rfind('\n', hash_at - 2) + 1;
    std::string_view line = bytes.substr(marker, hash_at - 1 - marker);
    std::string_view digits = line.substr(line.find(' ') + 1);
    std::uint64_t slots = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), slots);
    if (ec != std::errc() || p != digits.data() + digits.size() || slots < 2 ||
        (slots & (slots - 1)) != 0 || hash_at + slots * 8 + 1 != end_at) {
      return bad("malformed hash section");
    }
    data->hash_slots = bytes.substr(hash_at, slots * 8);
    data->hash_mask = slots - 1;
    names_end = marker;
  }
  data->names = bytes.substr(names_at, names_end - names_at);
  auto count_of = [&](std::size_t marker, std::size_t& out) {
    std::string_view line = bytes.substr(marker, bytes.find('\n', marker) - marker);
    std::string_view digits = line.substr(line.find(' ') + 1);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc() && p == digits.data() + digits.size();
  };
  if (!count_of(records_marker, data->record_count) || !count_of(names_marker, data->name_count)) {
    return bad("malformed section count");
  }
  // Fold table.
  std::string_view fold = bytes.substr(fold_at, records_marker - fold_at);
  for (std::size_t pos = 0; pos < fold.size();) {
    std::size_t nl = fold.find('\n', pos);
    if (nl == std::string_view::npos) return bad("fold section not newline-terminated");
    std::string_view line = fold.substr(pos, nl - pos);
    pos = nl + 1;
    std::size_t tab = line.find('\t');
    std::uint32_t cp = 0;
    if (tab == std::string_view::npos || !ParseHex(line.substr(0, tab), cp)) {
      return bad("malformed fold line");
    }
    data->fold.emplace_back(static_cast<char32_t>(cp), line.substr(tab + 1));
  }
  if (!std::is_sorted(data->fold.begin(), data->fold.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; })) {
    return bad("fold section not sorted");
  }
  // Country lines come first in the records section.
  for (std::size_t pos = 0; pos < data->records.size();) {
    std::size_t nl = data->records.find('\n', pos);
    if (nl == std::string_view::npos) return bad("records section not newline-terminated");
    RecordFields f;
    if (!SplitRecord(data->records.substr(pos, nl - pos), f)) return bad("malformed record");
    if (f.kind != 'C') break;
    int slot = CountrySlot(f.cc);
    if (slot < 0) return bad("malformed country code");
    data->countries[slot] = {static_cast<std::uint32_t>(pos), f.cc, f.code, true};
    pos = nl + 1;
  }
  if (!data->names.empty() && data->names.back() != '\n') return bad("names section malformed");
  if (data->hash_slots.empty()) data->sample.reserve(data->name_count / kSampleLines + 2);
  std::size_t line_no = 0;
  for (std::size_t pos = 0; data->hash_slots.empty() && pos < data->names.size(); ++line_no) {
    std::size_t nl = data->names.find('\n', pos);
    if (line_no % kSampleLines == 0) {
      data->sample.push_back(static_cast<std::uint32_t>(pos));
      std::string_view line = data->names.substr(pos, nl - pos);
      data->sample_keys.push_back(line.substr(0, line.find('\t')));
    }
    pos = nl == std::string_view::npos ? data->names.size() : nl + 1;
  }
  for (std::string_view prefix : {"!", "?", "^", "="}) {
    std::string_view names = data->names;
    for (std::size_t at = FindFirstIn(*data, prefix); at < names.size();) {
      std::size_t nl = names.find('\n', at);
      std::string_view line = names.substr(at, nl - at);
      if (line.substr(0, 1) != prefix) break;
      data->word_lists.Insert(LowerWordHash(line.substr(0, line.find('\t'))));
      at = nl == std::string_view::npos ? names.size() : nl + 1;
    }
  }
  return Gazetteer(std::move(data));
}

std::size_t Gazetteer::record_count() const { return data_->record_count; }
std::size_t Gazetteer::name_count() const { return data_->name_count; }
std::size_t Gazetteer::byte_size() const { return data_->bytes.size(); }

bool Gazetteer::NormalizeKey(std::string_view text, std::string& out) const {
  out.clear();
  bool pending_space = false;
  auto put = [&](char c) {
    const unsigned char k = kKeyBytes[static_cast<unsigned char>(c)];
    if (k == kKeyDrop) return;
    if (k == kKeySpace || k == kKeyFold) {  // not alphanumeric: a separator
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(k));
  };
  for (std::size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      put(static_cast<char>(b));
      ++i;
      continue;
    }
    char32_t cp = 0;
    i += DecodeUtf8(text, i, cp);
    auto it = std::lower_bound(
        data_->fold.begin(), data_->fold.end(), cp,
        [](const std::pair<char32_t, std::string_view>& e, char32_t c) { return e.first < c; });
    if (it == data_->fold.end() || it->first != cp) {
      out.clear();
      return false;
    }
    for (char c : it->second) put(c);
  }
  return !out.empty();
}

std::optional<Place> Gazetteer::PlaceAt(std::uint32_t offset, bool brief) const {
  std::string_view recs = data_->records;
  if (offset >= recs.size() || (offset > 0 && recs[offset - 1] != '\n')) return std::nullopt;
  std::size_t nl = recs.find('\n', offset);
  RecordFields f;
  if (nl == std::string_view::npos || !SplitRecord(recs.substr(offset, nl - offset), f)) {
    return std::nullopt;
  }
  Place p;
  p.id = offset;
  p.name = f.name;
  p.iso2 = f.cc;
  p.feature_code = f.fcode;
  p.brief = brief;
  if (!brief) {
    p.has_coordinates = ParseDouble(f.lat, p.lat) && ParseDouble(f.lon, p.lon);
    if (!p.has_coordinates) p.lat = p.lon = 0.0;
  }
  std::from_chars(f.pop.data(), f.pop.data() + f.pop.size(), p.population);
  int slot = CountrySlot(f.cc);
  if (slot >= 0 && data_->countries[slot].present) p.iso3 = data_->countries[slot].iso3;
  // The admin1 a city or region lies in is the record its LINK names.
  auto linked_admin1 = [&](Place& place) {
    if (brief) return;
    std::uint32_t link = 0;
    if (!ParseHex(f.link, link) || link >= recs.size()) return;
    std::size_t lnl = recs.find('\n', link);
    RecordFields a;
    if ((link > 0 && recs[link - 1] != '\n') || lnl == std::string_view::npos ||
        !SplitRecord(recs.substr(link, lnl - link), a) || a.kind != 'A') {
      return;
    }
    place.admin1_code = a.code;
    place.admin1_name = a.name;
    place.admin1_common = a.common.empty() ? a.name : a.common;
  };
  switch (f.kind) {
    case 'C':
      p.kind = PlaceKind::kCountry;
      p.iso3 = f.code;
      break;
    case 'A':
      p.kind = PlaceKind::kAdmin1;
      p.admin1_code = f.code;
      p.admin1_name = f.name;
      p.admin1_common = f.common.empty() ? f.name : f.common;
      break;
    case 'R':
      p.kind = PlaceKind::kRegion;
      p.region_id = f.code;
      linked_admin1(p);
      break;
    case 'P':
      p.kind = PlaceKind::kCity;
      linked_admin1(p);
      break;
    case 'D':
      p.kind = PlaceKind::kAdmin2;
      linked_admin1(p);
      break;
    default:
      return std::nullopt;
  }
  return p;
}

namespace {

// The key of the name line starting at `line` (up to its TAB).
std::string_view LineKey(std::string_view names, std::size_t line) {
  std::size_t end = names.find_first_of("\t\n", line);
  if (end == std::string_view::npos) end = names.size();
  return names.substr(line, end - line);
}

// Lower bound over the sorted name lines in [lo, hi) (line starts): the
// first line whose key is not less than `key`. Lines have no fixed width,
// so each probe backs up from the middle byte to its line start (a few
// bytes: lines are short).
std::size_t LowerBound(std::string_view names, std::string_view key, std::size_t lo = 0,
                       std::size_t hi = std::string_view::npos) {
  if (hi > names.size()) hi = names.size();
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    std::size_t start = mid;
    while (start > lo && names[start - 1] != '\n') --start;
    if (LineKey(names, start) < key) {
      std::size_t nl = names.find('\n', start);
      lo = nl == std::string_view::npos ? names.size() : nl + 1;
    } else {
      hi = start;
    }
  }
  return lo;
}

}  // namespace

// The first name line of `key`, or npos when the index does not hold it.
// With the "@hash" table: FNV-1a 64 of the key, linear probing from slot
// h & mask (as hash_table() in tools/gen_gazetteer.py builds it); a slot
// whose fingerprint (h >> 32) matches is confirmed against its line.
std::size_t Gazetteer::FindKey(std::string_view key) const {
  const Data& data = *data_;
  if (data.hash_slots.empty()) {
    std::size_t at = FindFirst(key);
    return at < data.names.size() && LineKey(data.names, at) == key ? at : std::string_view::npos;
  }
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  const auto fingerprint = static_cast<std::uint32_t>(h >> 32);
  for (std::uint64_t slot = h & data.hash_mask;; slot = (slot + 1) & data.hash_mask) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.hash_slots.data()) + slot * 8;
    const std::uint32_t print = p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t{p[3]} << 24);
    const std::uint32_t line = p[4] | (p[5] << 8) | (p[6] << 16) | (std::uint32_t{p[7]} << 24);
    if (line == 0xffffffffu) return std::string_view::npos;
    if (print == fingerprint && line < data.names.size() && LineKey(data.names, line) == key) {
      return line;
    }
  }
}

std::size_t Gazetteer::FindFirst(std::string_view key) const { return FindFirstIn(*data_, key); }

std::size_t Gazetteer::FindFirstIn(const Data& data, std::string_view key) {
  const auto& sample = data.sample;
  std::string_view names = data.names;
  if (sample.empty()) return LowerBound(names, key);
  // The last sampled line whose key is less than `key`; the answer lies
  // in its block.
  const auto& keys = data.sample_keys;
  auto it = std::partition_point(keys.begin(), keys.end(),
                                 [&](std::string_view sampled) { return sampled < key; });
  const std::size_t i = static_cast<std::size_t>(it - keys.begin());
  std::size_t lo = i == 0 ? 0 : sample[i - 1];
  std::size_t hi = i == sample.size() ? names.size() : sample[i];
  return LowerBound(names, key, lo, hi);
}

bool Gazetteer::HasKey(std::string_view key) const {
  return FindKey(key) != std::string_view::npos;
}

std::size_t Gazetteer::LookupKey(std::string_view key, std::vector<Place>& out) const {
  return LookupKeyInto(key, out, false);
}

std::size_t Gazetteer::LookupKeyInto(std::string_view key, std::vector<Place>& out,
                                     bool brief) const {
  if (key.empty()) return 0;
  std::string_view names = data_->names;
  std::size_t n = 0;
  // Lines of one key run largest place first; past the first kMaxCandidates
  // ("Al Hamra" names hundreds of hamlets) only hamlets remain, and reading
  // them all would cost more than the sentence.
  for (std::size_t at = FindKey(key); at < names.size() && n < kMaxCandidates;) {
    std::size_t nl = names.find('\n', at);
    if (nl == std::string_view::npos) break;
    std::string_view line = names.substr(at, nl - at);
    at = nl + 1;
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || line.substr(0, tab) != key) break;
    std::uint32_t offset = 0;
    if (!ParseHex(line.substr(tab + 1), offset)) continue;
    if (std::optional<Place> p = PlaceAt(offset, brief)) {
      out.push_back(*p);
      ++n;
    }
  }
  return n;
}

std::size_t Gazetteer::LookupInto(std::string_view name, std::vector<Place>& out) const {
  return LookupNameInto(name, out, false);
}

std::size_t Gazetteer::LookupBriefInto(std::string_view name, std::vector<Place>& out) const {
  return LookupNameInto(name, out, true);
}

Place Gazetteer::Complete(const Place& place) const {
  if (!place.brief) return place;
  std::optional<Place> full = PlaceAt(place.id);
  return full ? *full : place;
}

std::size_t Gazetteer::LookupNameInto(std::string_view name, std::vector<Place>& out,
                                      bool brief) const {
  std::string key;
  if (!NormalizeKey(name, key)) return 0;
  std::size_t n = LookupKeyInto(key, out, brief);
  if (n > 0) return n;
  // "al-Rutba", "el-Fasher": the index has most names without the article.
  static constexpr std::string_view kArticles[] = {"al ", "el ",  "ad ", "an ", "ar ",
                                                   "as ", "ash ", "at ", "az ", "ash "};
  if (key[0] != 'a' && key[0] != 'e') return 0;  // no article
  for (std::string_view article : kArticles) {
    if (key.size() > article.size() && key.compare(0, article.size(), article) == 0) {
      return LookupKeyInto(std::string_view(key).substr(article.size()), out, brief);
    }
  }
  return 0;
}

std::vector<Place> Gazetteer::Lookup(std::string_view name) const {
  std::vector<Place> out;
  LookupInto(name, out);
  return out;
}

std::optional<Place> Gazetteer::Country(std::string_view code) const {
  if (code.size() == 2) {
    int slot = CountrySlot(code);
    if (slot < 0 || !data_->countries[slot].present) return std::nullopt;
    return PlaceAt(data_->countries[slot].offset);
  }
  if (code.size() != 3) return std::nullopt;
  for (const auto& c : data_->countries) {
    if (c.present && c.iso3 == code) return PlaceAt(c.offset);
  }
  return std::nullopt;
}

std::optional<Place> Gazetteer::CountryByAdjective(std::string_view word) const {
  if (!MayBeListed('=', word)) return std::nullopt;
  std::string folded;
  if (!NormalizeKey(word, folded)) return std::nullopt;
  std::string key = "=" + folded;
  std::vector<Place> found;
  LookupKey(key, found);
  for (const Place& p : found) {
    if (p.kind == PlaceKind::kCountry) return p;
  }
  return std::nullopt;
}

std::optional<Place> Gazetteer::Admin1(std::string_view code) const {
  if (code.empty() || code.size() > 16) return std::nullopt;
  char buf[20];
  buf[0] = '~';
  std::memcpy(buf + 1, code.data(), code.size());
  std::vector<Place> found;
  LookupKey(std::string_view(buf, code.size() + 1), found);
  for (const Place& p : found) {
    if (p.kind == PlaceKind::kAdmin1) return p;
  }
  return std::nullopt;
}

std::optional<Place> Gazetteer::Capital(const Place& country) const {
  if (country.kind != PlaceKind::kCountry) return std::nullopt;
  return Seat(country);
}

std::optional<Place> Gazetteer::Seat(const Place& area) const {
  if (area.kind == PlaceKind::kCity) return std::nullopt;
  std::optional<Place> self = PlaceAt(area.id);
  if (!self) return std::nullopt;
  std::string_view recs = data_->records;
  std::size_t nl = recs.find('\n', area.id);
  RecordFields f;
  std::uint32_t link = 0;
  if (!SplitRecord(recs.substr(area.id, nl - area.id), f) || !ParseHex(f.link, link)) {
    return std::nullopt;
  }
  std::optional<Place> seat = PlaceAt(link);
  if (seat && seat->kind == PlaceKind::kCity) return seat;
  if (seat && seat->kind == PlaceKind::kAdmin1 && area.kind == PlaceKind::kRegion) {
    return Seat(*seat);
  }
  return std::nullopt;
}

namespace {

// FNV-1a 64 of `prefix` followed by NormalizeKey(text), for text in ASCII
// (no fold table needed), without building the key. False when `text`
// has a byte outside ASCII: the caller then builds the key.
bool AsciiKeyHash(char prefix, std::string_view text, std::uint64_t& hash, bool& empty) {
  std::uint64_t h = LowerWordHash(std::string_view(&prefix, 1));
  bool any = false;
  bool pending_space = false;
  for (char c : text) {
    const unsigned char k = kKeyBytes[static_cast<unsigned char>(c)];
    if (k > kKeyFold) {
      if (pending_space) {
        h = (h ^ static_cast<unsigned char>(' ')) * 0x100000001b3ull;
        pending_space = false;
      }
      any = true;
      h = (h ^ k) * 0x100000001b3ull;
    } else if (k == kKeySpace) {
      pending_space = any;
    } else if (k == kKeyFold) {
      return false;
    }
  }
  hash = h;
  empty = !any;
  return true;
}

}  // namespace

bool Gazetteer::MayBeListed(char prefix, std::string_view word) const {
  std::uint64_t h = 0;
  bool empty = false;
  if (!AsciiKeyHash(prefix, word, h, empty)) return true;  // the full path decides
  return !empty && data_->word_lists.Contains(h);
}

bool Gazetteer::InWordList(char prefix, std::string_view word) const {
  if (!MayBeListed(prefix, word)) return false;
  std::string folded;
  if (!NormalizeKey(word, folded)) return false;
  const char head[1] = {prefix};
  std::uint64_t h = LowerWordHash(std::string_view(head, 1));
  for (char c : folded) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  // The hash set answers "no" for nearly every word at once; a "yes" is
  // confirmed against the index.
  if (!data_->word_lists.Contains(h)) return false;
  return HasKey(std::string(1, prefix) + folded);
}

bool Gazetteer::IsNotPlace(std::string_view name) const { return InWordList('!', name); }
bool Gazetteer::IsPersonTitle(std::string_view word) const { return InWordList('?', word); }
bool Gazetteer::IsOrganisationWord(std::string_view word) const { return InWordList('^', word); }

}  // namespace khaldun::places
