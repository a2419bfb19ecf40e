#include "events/trigger_lexicon.h"

#include <set>
#include <unordered_map>

namespace khaldun::events {

namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Consonant-vowel-consonant endings may double before -ed/-ing ("stop",
// "stopped"); English spelling depends on stress, which we cannot know, so
// both spellings are generated: only the real one occurs in text.
bool MayDouble(std::string_view w) {
  if (w.size() < 3) return false;
  char c = w.back();
  if (IsVowel(c) || c == 'w' || c == 'x' || c == 'y') return false;
  return IsVowel(w[w.size() - 2]) && !IsVowel(w[w.size() - 3]);
}

std::vector<std::string> SplitAlternatives(std::string_view field) {
  std::vector<std::string> out;
  if (field.empty() || field == "-") return out;
  std::size_t pos = 0;
  while (pos <= field.size()) {
    std::size_t bar = field.find('|', pos);
    if (bar == std::string_view::npos) bar = field.size();
    if (bar > pos) out.emplace_back(field.substr(pos, bar - pos));
    pos = bar + 1;
  }
  return out;
}

Result<SlotSpec> ParseSlot(std::string_view field, const std::string& where) {
  SlotSpec spec;
  for (const std::string& alt : SplitAlternatives(field)) {
    if (alt == "subj") {
      spec.subject = true;
    } else if (alt == "obj") {
      spec.object = true;
    } else if (alt == "mod") {
      spec.modifier = true;
    } else if (!alt.empty() && alt.find(' ') == std::string::npos) {
      spec.prepositions.push_back(alt);
    } else {
      return Status::Corruption(where + "bad slot \"" + alt + "\"");
    }
  }
  return spec;
}

}  // namespace

std::vector<std::pair<std::string, Form>> TriggerLexicon::VerbForms(
    const std::string& w, const std::string& irregular_past, const std::string& irregular_part) {
  std::vector<std::pair<std::string, Form>> out;
  out.emplace_back(w, Form::kBase);
  // Third person singular.
  if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") ||
      EndsWith(w, "sh") || EndsWith(w, "o")) {
    out.emplace_back(w + "es", Form::kThird);
  } else if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2])) {
    out.emplace_back(w.substr(0, w.size() - 1) + "ies", Form::kThird);
  } else {
    out.emplace_back(w + "s", Form::kThird);
  }
  // Past and participle.
  if (!irregular_past.empty()) {
    for (const auto& p : SplitAlternatives(irregular_past)) {
      bool also_part = false;
      for (const auto& q : SplitAlternatives(irregular_part)) also_part = also_part || q == p;
      out.emplace_back(p, also_part ? Form::kPast : Form::kPastOnly);
    }
    for (const auto& q : SplitAlternatives(irregular_part)) {
      bool also_past = false;
      for (const auto& p : SplitAlternatives(irregular_past)) also_past = also_past || q == p;
      if (!also_past) out.emplace_back(q, Form::kParticiple);
    }
  } else if (w.back() == 'e') {
    out.emplace_back(w + "d", Form::kPast);
  } else if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2])) {
    out.emplace_back(w.substr(0, w.size() - 1) + "ied", Form::kPast);
  } else {
    out.emplace_back(w + "ed", Form::kPast);
    if (MayDouble(w)) out.emplace_back(w + w.back() + "ed", Form::kPast);
  }
  // -ing.
  if (EndsWith(w, "ie")) {
    out.emplace_back(w.substr(0, w.size() - 2) + "ying", Form::kIng);
  } else if (w.back() == 'e' && !EndsWith(w, "ee") && !EndsWith(w, "ye") && !EndsWith(w, "oe") &&
             w.size() > 2) {
    out.emplace_back(w.substr(0, w.size() - 1) + "ing", Form::kIng);
  } else {
    out.emplace_back(w + "ing", Form::kIng);
    if (MayDouble(w)) out.emplace_back(w + w.back() + "ing", Form::kIng);
  }
  return out;
}

std::vector<std::pair<std::string, Form>> TriggerLexicon::NounForms(const std::string& w) {
  std::vector<std::pair<std::string, Form>> out;
  out.emplace_back(w, Form::kNoun);
  if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") ||
      EndsWith(w, "sh")) {
    if (!EndsWith(w, "ss") && EndsWith(w, "s")) return out;  // "talks", "arms": already plural
    out.emplace_back(w + "es", Form::kPlural);
  } else if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2])) {
    out.emplace_back(w.substr(0, w.size() - 1) + "ies", Form::kPlural);
  } else {
    out.emplace_back(w + "s", Form::kPlural);
  }
  return out;
}

Result<TriggerLexicon> TriggerLexicon::Load(const DataFiles& files,
                                            const text::SentenceSplitter& splitter) {
  auto data = std::make_shared<Data>();
  std::unordered_map<std::string, std::pair<std::string, std::string>> irregular;
  auto irr = ReadTsvFile(files, "lexicon/irregular_verbs.tsv", 3, 3);
  if (!irr.ok()) return irr.status();
  for (const auto& row : irr->rows) {
    irregular[std::string(row.fields[0])] = {std::string(row.fields[1]),
                                             std::string(row.fields[2])};
  }
  auto file = ReadTsvFile(files, "events/triggers.tsv", 9, 9);
  if (!file.ok()) return file.status();
  std::vector<text::Token> tokens;
  for (const auto& row : file->rows) {
    TriggerRule r;
    r.id = std::string(row.fields[0]);
    r.type = std::string(row.fields[1]);
    r.cameo = std::string(row.fields[2]);
    std::string_view pos = row.fields[3];
    if (pos == "V") {
      r.pos = PartOfSpeech::kVerb;
    } else if (pos == "N") {
      r.pos = PartOfSpeech::kNoun;
    } else if (pos == "P") {
      r.pos = PartOfSpeech::kPhrase;
    } else {
      return Status::Corruption(file->Where(row) + "part of speech must be V, N or P");
    }
    r.trigger = std::string(row.fields[4]);
    auto source = ParseSlot(row.fields[5], file->Where(row));
    if (!source.ok()) return source.status();
    auto target = ParseSlot(row.fields[6], file->Where(row));
    if (!target.ok()) return target.status();
    r.source = std::move(*source);
    r.target = std::move(*target);
    r.mode = row.fields[7] == "-" ? std::string() : std::string(row.fields[7]);
    r.needs_target = row.fields[8].starts_with("needs-target:");
    r.line = row.line;
    std::uint32_t rule_index = static_cast<std::uint32_t>(data->rules.size());
    if (rule_index >= (1u << 27)) return Status::TooLarge("events/triggers.tsv: too many rules");

    // The phrase's words, as the text tokenizer splits them.
    tokens.clear();
    splitter.Tokenize(r.trigger, tokens);
    if (tokens.empty()) return Status::Corruption(file->Where(row) + "empty trigger");
    std::vector<std::string> words;
    for (const auto& t : tokens) words.emplace_back(r.trigger.substr(t.start, t.end - t.start));
    auto add = [&](std::size_t inflected, const std::string& form, Form kind) {
      std::vector<std::string> w = words;
      w[inflected] = form;
      data->index.Add(w, actors::CaseRule::kAny, (rule_index << 4) | static_cast<std::uint32_t>(kind));
    };
    if (r.pos == PartOfSpeech::kVerb) {
      const std::string& head = words[0];
      auto it = irregular.find(head);
      std::string past = it == irregular.end() ? "" : it->second.first;
      std::string part = it == irregular.end() ? "" : it->second.second;
      std::set<std::string> seen;
      for (const auto& [form, kind] : VerbForms(head, past, part)) {
        if (seen.insert(form).second) add(0, form, kind);
      }
    } else if (r.pos == PartOfSpeech::kNoun) {
      for (const auto& [form, kind] : NounForms(words.back())) add(words.size() - 1, form, kind);
    } else {
      add(0, words[0], Form::kPhrase);
    }
    data->rules.push_back(std::move(r));
  }
  data->index.Finish();
  return TriggerLexicon(std::move(data));
}

}  // namespace khaldun::events
