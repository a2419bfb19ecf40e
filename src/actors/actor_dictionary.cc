#include "actors/actor_dictionary.h"

#include <algorithm>
#include <charconv>

namespace khaldun::actors {

namespace {

struct Form {
  std::string_view text;
  bool exact = false;
  bool ambiguous = false;
};

// Splits an alias field ("a|=B|?c", "-" or empty for none) into forms with
// their markers.
std::vector<Form> SplitForms(std::string_view field) {
  std::vector<Form> out;
  if (field.empty() || field == "-") return out;
  std::size_t pos = 0;
  while (pos <= field.size()) {
    std::size_t bar = field.find('|', pos);
    if (bar == std::string_view::npos) bar = field.size();
    std::string_view f = field.substr(pos, bar - pos);
    Form form;
    if (!f.empty() && f[0] == '?') {
      form.ambiguous = true;
      f.remove_prefix(1);
    }
    if (!f.empty() && f[0] == '=') {
      form.exact = true;
      f.remove_prefix(1);
    }
    form.text = f;
    if (!f.empty()) out.push_back(form);
    pos = bar + 1;
  }
  return out;
}

std::string_view StripThe(std::string_view s) {
  if (s.size() > 4 && (s.substr(0, 4) == "the " || s.substr(0, 4) == "The ")) s.remove_prefix(4);
  return s;
}

std::string_view FieldOrEmpty(const TsvRow& row, std::size_t i) {
  if (i >= row.fields.size()) return {};
  std::string_view f = row.fields[i];
  return f == "-" ? std::string_view() : f;
}

CaseRule RuleFor(const Form& f) { return f.exact ? CaseRule::kExact : CaseRule::kCapitalsKept; }

class Builder {
 public:
  // A named entry's canonical name and its "|"-separated aliases.
  void AddNames(AtomKind kind, std::uint32_t index, const std::string& role,
                std::string_view name, std::string_view aliases, bool strip_the,
                PhraseIndex& phrase_index, std::vector<DictEntry>& entries) {
    auto add = [&](const Form& f) {
      DictEntry e;
      e.kind = kind;
      e.index = index;
      e.role = role;
      e.ambiguous = f.ambiguous;
      Add(strip_the ? StripThe(f.text) : f.text, RuleFor(f), std::move(e), phrase_index, entries);
    };
    add(Form{name, false, false});
    for (const auto& f : SplitForms(aliases)) add(f);
  }

  explicit Builder(const text::SentenceSplitter& splitter) : splitter_(splitter) {}

  void Add(std::string_view form, CaseRule rule, DictEntry entry, PhraseIndex& index,
           std::vector<DictEntry>& entries) {
    tokens_.clear();
    splitter_.Tokenize(form, tokens_);
    if (tokens_.empty()) return;
    words_.clear();
    for (const auto& t : tokens_) words_.emplace_back(form.substr(t.start, t.end - t.start));
    entry.form = std::string(form);
    index.Add(words_, rule, static_cast<std::uint32_t>(entries.size()));
    entries.push_back(std::move(entry));
  }

 private:
  const text::SentenceSplitter& splitter_;
  std::vector<text::Token> tokens_;
  std::vector<std::string> words_;
};

}  // namespace

int ActorDictionary::CountryIndex(std::string_view iso3) const {
  auto it = data_->country_by_iso3.find(std::string(iso3));
  return it == data_->country_by_iso3.end() ? -1 : it->second;
}

std::string_view ActorDictionary::NameWord(std::string_view word) const {
  auto it = data_->name_words.find(std::string(word));
  return it == data_->name_words.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view ActorDictionary::AffiliationKind(std::string_view lower) const {
  for (std::size_t i = 0; i < data_->affiliation_words.size(); ++i) {
    if (data_->affiliation_words[i] == lower) return data_->affiliation_kinds[i];
  }
  return {};
}

bool ActorDictionary::IsAffiliationWord(std::string_view lower) const {
  for (const auto& w : data_->affiliation_words) {
    if (w == lower) return true;
  }
  return false;
}

Result<ActorDictionary> ActorDictionary::Load(const DataFiles& files,
                                              const text::SentenceSplitter& splitter) {
  auto data = std::make_shared<Data>();
  Builder builder(splitter);

  // Countries: names, adjectives, capitals (with the role a seat of power
  // implies, GOV by default: "Washington said" is the US government).
  auto countries = ReadTsvFile(files, "actors/countries.tsv", 8, 8);
  if (!countries.ok()) return countries.status();
  for (const auto& row : countries->rows) {
    int ci = static_cast<int>(data->countries.size());
    CountryEntry c;
    c.iso3 = std::string(row.fields[0]);
    c.name = std::string(row.fields[2]);
    data->country_by_iso3[c.iso3] = ci;
    data->countries.push_back(c);
    auto add = [&](const Form& f, AtomKind kind, std::string role) {
      DictEntry e;
      e.kind = kind;
      e.index = static_cast<std::uint32_t>(ci);
      e.role = std::move(role);
      e.ambiguous = f.ambiguous;
      builder.Add(StripThe(f.text), RuleFor(f), std::move(e), data->index, data->entries);
    };
    add(Form{row.fields[2], false, false}, AtomKind::kCountryName, "");
    for (const auto& f : SplitForms(row.fields[3])) add(f, AtomKind::kCountryName, "");
    // A plural demonym ("Iraqis", "Haitians": the singular is listed too)
    // names people, not a modifier.
    std::vector<Form> adjectives = SplitForms(row.fields[4]);
    for (const auto& f : adjectives) {
      bool plural = false;
      if (f.text.size() > 3 && f.text.back() == 's') {
        std::string_view singular = f.text.substr(0, f.text.size() - 1);
        for (const auto& g : adjectives) plural = plural || g.text == singular;
      }
      DictEntry e;
      e.kind = AtomKind::kCountryAdjective;
      e.index = static_cast<std::uint32_t>(ci);
      e.ambiguous = f.ambiguous;
      if (plural) {
        e.people = true;
        e.role = "CVL";
      }
      builder.Add(StripThe(f.text), RuleFor(f), std::move(e), data->index, data->entries);
    }
    // Metonym roles: "the Pentagon=MIL".
    std::vector<std::pair<std::string, std::string>> metonyms;
    for (const auto& f : SplitForms(row.fields[6])) {
      std::size_t eq = f.text.rfind('=');
      if (eq == std::string_view::npos) continue;
      metonyms.emplace_back(std::string(StripThe(f.text.substr(0, eq))),
                            std::string(f.text.substr(eq + 1)));
    }
    for (const auto& f : SplitForms(row.fields[5])) {
      std::string role = "GOV";
      std::string_view stripped = StripThe(f.text);
      for (const auto& [phrase, r] : metonyms) {
        if (phrase == stripped) role = r;
      }
      add(f, AtomKind::kCountryCapital, role);
    }
  }

  auto groups = ReadTsvFile(files, "actors/groups.tsv", 8, 8);
  if (!groups.ok()) return groups.status();
  for (const auto& row : groups->rows) {
    GroupEntry g;
    g.code = std::string(row.fields[0]);
    g.name = std::string(row.fields[1]);
    g.country = std::string(FieldOrEmpty(row, 3));
    g.role = std::string(FieldOrEmpty(row, 4));
    std::string_view backer = FieldOrEmpty(row, 5);
    g.backer = std::string(backer.substr(0, backer.find('|')));
    std::uint32_t gi = static_cast<std::uint32_t>(data->groups.size());
    data->groups.push_back(std::move(g));
    builder.AddNames(AtomKind::kGroup, gi, data->groups[gi].role, row.fields[1],
                     FieldOrEmpty(row, 2), /*strip_the=*/true, data->index, data->entries);
  }

  auto roles = ReadTsvFile(files, "actors/roles.tsv", 4, 4);
  if (!roles.ok()) return roles.status();
  for (const auto& row : roles->rows) {
    std::string_view phrase = row.fields[0];
    bool exact = !phrase.empty() && phrase[0] == '=';
    if (exact) phrase.remove_prefix(1);
    DictEntry e;
    std::string_view kind = row.fields[2];
    e.kind = kind == "title"      ? AtomKind::kRoleTitle
             : kind == "modifier" ? AtomKind::kRoleModifier
                                  : AtomKind::kRoleNoun;
    e.role = std::string(row.fields[1]);
    builder.Add(phrase, exact ? CaseRule::kExact : CaseRule::kAny, std::move(e), data->index,
                data->entries);
  }

  auto instruments = ReadTsvFile(files, "actors/instruments.tsv", 2, 2);
  if (!instruments.ok()) return instruments.status();
  for (const auto& row : instruments->rows) {
    DictEntry e;
    e.kind = AtomKind::kInstrument;
    e.role = std::string(row.fields[1]);
    builder.Add(row.fields[0], CaseRule::kAny, std::move(e), data->index, data->entries);
  }

  auto anaphors = ReadTsvFile(files, "actors/anaphors.tsv", 1, 1);
  if (!anaphors.ok()) return anaphors.status();
  for (const auto& row : anaphors->rows) {
    DictEntry e;
    e.kind = AtomKind::kAnaphor;
    builder.Add(row.fields[0], CaseRule::kAny, std::move(e), data->index, data->entries);
  }

  // People are optional data: a deployment may leave the file out.
  auto people = ReadTsvFile(files, "actors/people.tsv", 8, 8);
  if (people.ok()) {
    for (const auto& row : people->rows) {
      PersonEntry p;
      p.name = std::string(row.fields[0]);
      p.country = std::string(FieldOrEmpty(row, 2));
      p.role = std::string(FieldOrEmpty(row, 3));
      p.affiliation = std::string(FieldOrEmpty(row, 4));
      p.office = std::string(FieldOrEmpty(row, 5));
      auto year = [](std::string_view s) {
        int y = 0;
        std::from_chars(s.data(), s.data() + s.size(), y);
        return y;
      };
      p.from = year(FieldOrEmpty(row, 6));
      p.to = year(FieldOrEmpty(row, 7));
      std::uint32_t pi = static_cast<std::uint32_t>(data->persons.size());
      data->persons.push_back(std::move(p));
      builder.AddNames(AtomKind::kPerson, pi, data->persons[pi].role, row.fields[0],
                       FieldOrEmpty(row, 1), /*strip_the=*/false, data->index, data->entries);
    }
  } else if (people.status().code() != StatusCode::kNotFound) {
    return people.status();
  }

  auto affiliation = ReadTsvFile(files, "actors/affiliation_words.tsv", 2, 2);
  if (!affiliation.ok()) return affiliation.status();
  for (const auto& row : affiliation->rows) {
    data->affiliation_words.emplace_back(row.fields[0]);
    data->affiliation_kinds.emplace_back(row.fields[1]);
  }

  auto name_words = ReadTsvFile(files, "actors/name_words.tsv", 2, 2);
  if (!name_words.ok()) return name_words.status();
  for (const auto& row : name_words->rows) {
    data->name_words[std::string(row.fields[0])] = std::string(row.fields[1]);
  }

  data->index.Finish();
  return ActorDictionary(std::move(data));
}

}  // namespace khaldun::actors
