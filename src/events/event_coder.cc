#include "events/event_coder.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace khaldun::events {

namespace {

using actors::Mention;
using actors::TokenView;
using text::TokenKind;

constexpr std::array<std::string_view, 12> kBeForms = {
    "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "'re", "\xE2\x80\x99re"};

// Words that open a new clause: a subject or object is not looked for
// across them.
constexpr std::array<std::string_view, 20> kClauseWords = {
    "that",  "which", "who",    "whom",     "whose",   "because", "while",
    "when",  "after", "before", "although", "though",  "whereas", "but",
    "since", "until", "as",     "if",       "unless",  "where"};

constexpr std::array<std::string_view, 8> kSymmetricTypes = {"CONSULT", "COOPERATE", "AGREE"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool IsBoundaryPunct(std::string_view w) {
  return w == "." || w == ";" || w == ":" || w == "?" || w == "!" || w == "(" || w == ")" ||
         w == "\xE2\x80\x94" || w == "\xE2\x80\x93";
}

bool IsQuote(std::string_view w) {
  return w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9D";
}

bool IsYear(std::string_view w, int* year) {
  if (w.size() != 4) return false;
  int y = 0;
  auto r = std::from_chars(w.data(), w.data() + 4, y);
  if (r.ec != std::errc() || r.ptr != w.data() + 4) return false;
  if (y < 1900 || y > 2099) return false;
  *year = y;
  return true;
}

bool SameActor(const Actor& a, const Actor& b) {
  return a.code == b.code && a.country == b.country && a.name == b.name && a.role == b.role;
}

std::string SourceKey(const std::vector<Actor>& side) {
  std::string key;
  for (const Actor& a : side) key += a.code + ";";
  return key;
}

// Whether byte `at` of `text` lies inside a quotation: quotation marks are
// counted from the start of the paragraph (a quote may span sentences, never
// paragraphs).
bool InsideQuote(std::string_view text, std::uint32_t sentence_start, std::uint32_t at) {
  std::size_t para = text.rfind("\n\n", sentence_start);
  std::size_t from = para == std::string_view::npos ? 0 : para + 2;
  if (sentence_start - from > 20000) from = sentence_start;  // bound the scan
  int depth = 0;
  bool straight_open = false;
  for (std::size_t i = from; i < at && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"') {
      straight_open = !straight_open;
    } else if (c == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80') {
      if (text[i + 2] == '\x9C') ++depth;
      if (text[i + 2] == '\x9D' && depth > 0) --depth;
    }
  }
  return depth > 0 || straight_open;
}

struct Candidate {
  std::uint32_t rule = 0;
  Form form = Form::kBase;
  std::uint32_t first = 0, last = 0;
  std::uint16_t words = 0;
};

}  // namespace

Result<EventCoder> EventCoder::Load(const DataFiles& files,
                                    const text::SentenceSplitter& splitter) {
  auto lexicon = TriggerLexicon::Load(files, splitter);
  if (!lexicon.ok()) return lexicon.status();
  auto data = std::make_shared<Data>(std::move(*lexicon));
  auto cues = ReadTsvFile(files, "events/modality.tsv", 2, 2);
  if (!cues.ok()) return cues.status();
  for (const auto& row : cues->rows) {
    data->cues[std::string(row.fields[0])].emplace_back(row.fields[1]);
  }
  auto nouns = ReadTsvFile(files, "events/event_nouns.tsv", 2, 2);
  if (!nouns.ok()) return nouns.status();
  for (const auto& row : nouns->rows) {
    std::string_view types = row.fields[1];
    auto& list = data->event_nouns[std::string(row.fields[0])];
    std::size_t pos = 0;
    while (pos <= types.size()) {
      std::size_t bar = types.find('|', pos);
      if (bar == std::string_view::npos) bar = types.size();
      if (bar > pos) list.emplace_back(types.substr(pos, bar - pos));
      pos = bar + 1;
    }
  }
  return EventCoder(std::move(data));
}

bool EventCoder::HasCue(std::string_view lower, std::string_view kind) const {
  auto it = data_->cues.find(std::string(lower));
  if (it == data_->cues.end()) return false;
  return std::find(it->second.begin(), it->second.end(), kind) != it->second.end();
}

void EventCoder::CodeSentence(const TokenView& view, const text::Sentence& sentence,
                              const SentenceInfo& info, const std::vector<Mention>& mentions,
                              std::vector<Event>& out, std::vector<std::string>* trace) const {
  const auto& tokens = *view.tokens;
  const std::size_t first = sentence.first_token;
  const std::size_t end = first + sentence.token_count;
  if (first >= end) return;
  const auto& rules = data_->lexicon.rules();
  auto note = [&](std::string line) {
    if (trace) trace->push_back(std::move(line));
  };

  // --- Is this sentence news at all? -------------------------------------
  {
    std::string_view last = view.Word(end - 1);
    std::size_t k = end - 1;
    while (k > first && IsQuote(view.Word(k))) last = view.Word(--k);
    bool terminal = last.ends_with(".") || last == "!" || last == "?" ||
                    last == "\xE2\x80\xA6";
    // A short line of its own among paragraphs, without sentence
    // punctuation, is a heading or a related link; a one-line text (a
    // corpus of single sentences) is a sentence.
    if (!terminal && info.whole_paragraph && !info.single_paragraph_text &&
        sentence.token_count <= 16) {
      note("skip: a heading or list line (no sentence punctuation)");
      return;
    }
    // "Analysts say ...", "Security analysts warn that ...".
    for (std::size_t k2 = first; k2 < std::min(end, first + 4); ++k2) {
      if (HasCue(view.Lower(k2), "analyst") && k2 + 1 < end && HasCue(view.Lower(k2 + 1), "opinion")) {
        note("skip: analysis (\"" + std::string(view.Word(k2)) + " " +
             std::string(view.Word(k2 + 1)) + "\")");
        return;
      }
    }
    bool toll_words = false;
    for (std::size_t k2 = first; k2 < end; ++k2) {
      std::string_view w = view.Lower(k2);
      toll_words = toll_words || HasCue(w, "casualty") || w == "displaced" ||
                   w == "abducted" || w == "kidnapped" || w == "more";
    }
    for (std::size_t k2 = first; k2 < end; ++k2) {
      if (HasCue(view.Lower(k2), "cumulative")) {
        // "has killed more than 40,000 since it began", "since then": a
        // running total. "the deadliest attack since the split" is not,
        // and "has supported Damascus since 2015" is a habit, coded.
        std::string_view next = k2 + 1 < end ? view.Lower(k2 + 1) : std::string_view();
        std::string_view next2 = k2 + 2 < end ? view.Lower(k2 + 2) : std::string_view();
        int y = 0;
        bool perfect = false;
        for (std::size_t k3 = first; k3 < end; ++k3) {
          std::string_view w = view.Lower(k3);
          perfect = perfect || w == "has" || w == "have";
        }
        bool running = next == "then" || next == "it" || IsYear(next, &y) ||
                       (next == "the" && (next2 == "start" || next2 == "beginning" ||
                                          next2 == "outbreak"));
        if (view.Lower(k2) != "since" || (running && perfect && toll_words)) {
          note("skip: a running total or background (\"" + std::string(view.Word(k2)) + "\")");
          return;
        }
      }
    }
  }
  // Years before the publication year mark history ("In 2014, IS overran
  // Mosul"), except after "since" (a habit or a total, above) or inside a
  // relative clause the event is not in ("troops, who have been deployed
  // since 2021, repelled ...").
  std::vector<std::size_t> history_years;
  for (std::size_t k2 = first; k2 < end && info.published_year > 0; ++k2) {
    int year = 0;
    if (!IsYear(view.Word(k2), &year) || year >= info.published_year) continue;
    // A year as a time ("in 2014", "in March 2023", "2014, when"), not as
    // a name ("the 2018 peace agreement").
    std::string_view before_year = k2 > first ? view.Lower(k2 - 1) : std::string_view();
    std::string_view after_year = k2 + 1 < end ? view.Lower(k2 + 1) : std::string_view();
    static constexpr std::array<std::string_view, 24> kTimeWords = {
        "in", "during", "until", "by", "from", "between", "early", "late", "mid",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "since", "of", "and"};
    bool as_time = k2 == first || In(kTimeWords, before_year) || after_year == "," ||
                   after_year == "." || after_year.empty();
    if (!as_time) continue;
    bool after_since = (k2 > first && view.Lower(k2 - 1) == "since") ||
                       (k2 > first + 1 && view.Lower(k2 - 2) == "since");
    // "since 2012, when Islamist groups seized the north": the when-clause
    // tells the history.
    bool when_clause = k2 + 2 < end && view.Lower(k2 + 1) == "," && view.Lower(k2 + 2) == "when";
    if (!after_since || when_clause) history_years.push_back(k2);
  }

  // --- Mentions by token -------------------------------------------------
  std::vector<int> mention_at(end - first, -1);
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    for (std::size_t t = mentions[m].first; t <= mentions[m].last && t < end; ++t) {
      if (t >= first) mention_at[t - first] = static_cast<int>(m);
    }
  }
  auto mention_of = [&](std::size_t t) -> int {
    return (t >= first && t < end) ? mention_at[t - first] : -1;
  };
  auto usable = [&](int m) {
    return m >= 0 && !mentions[m].modifier_only && !mentions[m].place && !mentions[m].reporter &&
           !mentions[m].actors.empty();
  };

  // --- Triggers ----------------------------------------------------------
  std::vector<Candidate> chosen;
  std::vector<Candidate> here;
  for (std::size_t i = first; i < end;) {
    if (tokens[i].kind != TokenKind::kWord) {
      ++i;
      continue;
    }
    // Inside an actor's words only a longer trigger that runs past them
    // counts ("drone strike" over the instrument "drone").
    int inside = mention_of(i);
    here.clear();
    data_->lexicon.index().MatchAt(view, i, end, 3, [&](const actors::PhraseHit& hit) {
      if (inside >= 0 && hit.last <= mentions[inside].last) return true;
      Candidate c;
      c.rule = TriggerLexicon::RuleOf(hit.value);
      c.form = TriggerLexicon::FormOf(hit.value);
      c.first = hit.first;
      c.last = hit.last;
      c.words = hit.word_count;
      here.push_back(c);
      return true;
    });
    if (here.empty()) {
      ++i;
      continue;
    }
    // A participle that describes a noun is no event: after a determiner
    // ("the besieged city", "the banned BLA"), or right after a noun and
    // before "of" ("an officer accused of selling ammunition").
    {
      std::string_view before = i > first ? view.Lower(i - 1) : std::string_view();
      bool adjectival = !before.empty() && actors::IsDeterminer(before);
      bool describing = i > first && mention_of(i - 1) >= 0 && here[0].last + 1 < end &&
                        view.Lower(here[0].last + 1) == "of";
      if (adjectival || describing) {
        std::erase_if(here, [&](const Candidate& c) {
          return rules[c.rule].pos == PartOfSpeech::kVerb &&
                 (c.form == Form::kPast || c.form == Form::kParticiple);
        });
        if (here.empty()) {
          ++i;
          continue;
        }
      }
    }
    // Longest phrase first; then decide verb or noun from the context.
    std::uint16_t longest = here[0].words;
    std::string_view prev = i > first ? view.Lower(i - 1) : std::string_view();
    int prev_mention = i > first ? mention_of(i - 1) : -1;
    bool noun_context = prev.empty() || actors::IsDeterminer(prev) || prev == "'s" ||
                        prev == "\xE2\x80\x99s" || prev == "of" || prev == "-" ||
                        (i > first && tokens[i - 1].kind == TokenKind::kNumber) ||
                        (prev_mention >= 0 && mentions[prev_mention].modifier_only) ||
                        (prev_mention < 0 && i > first && tokens[i - 1].kind == TokenKind::kWord &&
                         !tokens[i - 1].capitalized && !actors::IsFunctionWord(prev) &&
                         !prev.ends_with("ly") && prev != "to");
    const Candidate* best = nullptr;
    for (const Candidate& c : here) {
      if (c.words < longest) break;
      const TriggerRule& r = rules[c.rule];
      bool verb_form = c.form == Form::kPast || c.form == Form::kParticiple ||
                       c.form == Form::kPastOnly || c.form == Form::kIng;
      bool is_verb = r.pos == PartOfSpeech::kVerb;
      if (!best) {
        best = &c;
        continue;
      }
      const TriggerRule& b = rules[best->rule];
      bool best_verb = b.pos == PartOfSpeech::kVerb;
      if (is_verb == best_verb) continue;  // the first listed rule wins
      bool want_verb = verb_form || !noun_context;
      if (is_verb == want_verb) best = &c;
    }
    chosen.push_back(*best);
    note("trigger \"" + std::string(view.text.substr(tokens[best->first].start,
                                                      tokens[best->last].end -
                                                          tokens[best->first].start)) +
         "\" -> rule " + rules[best->rule].id + " (" + rules[best->rule].type + " " +
         rules[best->rule].cameo + ")");
    i = best->last + 1;
  }
  if (chosen.empty()) return;

  auto is_trigger_token = [&](std::size_t t) {
    for (const Candidate& c : chosen) {
      if (t >= c.first && t <= c.last) return true;
    }
    return false;
  };
  auto is_boundary = [&](std::size_t t) {
    std::string_view w = view.Lower(t);
    return IsBoundaryPunct(w) || In(kClauseWords, w);
  };

  // Subject: the nearest usable mention to the left in the clause.
  // A phrase inside a prepositional or participle phrase ("the ambassador
  // to Mexico", "troops backed by Danab forces") is not the subject when an
  // actor stands before the preposition.
  auto attached = [&](int m) -> bool {
    std::size_t b = mentions[m].first;
    if (b <= first) return false;
    std::size_t p = b - 1;
    if (view.Lower(p) == "the" && p > first) --p;
    std::string_view prep = view.Lower(p);
    if (!(prep == "by" || prep == "to" || prep == "of" || prep == "from" || prep == "for" ||
          prep == "alongside" || prep == "against" || prep == "as")) {
      return false;
    }
    // Only when an actor stands just before the preposition.
    for (std::size_t t = p, n = 0; t-- > first && n < 3; ++n) {
      if (usable(mention_of(t))) return true;
    }
    return false;
  };
  auto find_subject = [&](std::size_t from) -> int {
    int fallback = -1;
    for (std::size_t t = from; t-- > first;) {
      std::string_view w = view.Lower(t);
      if (w == ")") {
        // A parenthesis restates what stands before it ("ISWAP (the
        // Islamic State's West Africa branch)"): step over it.
        std::size_t open = t;
        while (open > first && view.Lower(open) != "(") --open;
        if (view.Lower(open) == "(") {
          t = open;
          continue;
        }
      }
      int m = mention_of(t);
      if (usable(m)) {
        if (!attached(m)) return m;
        if (fallback < 0) fallback = m;
        t = mentions[m].first;
        continue;
      }
      if (m >= 0) {
        t = mentions[m].first;
        continue;
      }
      if (HasCue(w, "speech")) return fallback;
      if (w == "who" || w == "which" || w == "that") {
        // A relative clause: its subject is the phrase it hangs on ("the
        // militia, which attacked ..."); a "that" clause with no phrase
        // before it has a pronoun subject we do not resolve.
        std::size_t u = t;
        if (u > first && view.Lower(u - 1) == ",") --u;
        int antecedent = u > first ? mention_of(u - 1) : -1;
        if (usable(antecedent)) return antecedent;
        return fallback;
      }
      if (IsBoundaryPunct(w) || In(kClauseWords, w)) return fallback;
    }
    return fallback;
  };
  // Actors after `from` until the clause ends, up to `limit` tokens.
  auto collect_right = [&](std::size_t from, std::size_t limit, bool stop_at_comma,
                           std::vector<int>& found, bool allow_places = false) {
    auto takes = [&](int m) {
      return usable(m) || (allow_places && m >= 0 && mentions[m].place && !mentions[m].actors.empty());
    };
    std::size_t stop = std::min(end, from + limit);
    int tail_words = 0;       // ordinary words since the last actor found
    bool linked = true;       // an "and" or a participle links what follows
    for (std::size_t t = from; t < stop; ++t) {
      std::string_view w = view.Lower(t);
      int m = mention_of(t);
      if (m >= 0) {
        if (takes(m) && (found.empty() || linked) && (found.empty() || found.back() != m)) {
          found.push_back(m);
        }
        if (!found.empty()) {
          tail_words = 0;
          linked = false;
        }
        t = mentions[m].last;
        continue;
      }
      if (!found.empty() && (w == "and" || w == ",")) {
        linked = w == "and";
        if (w == ",") break;
        continue;
      }
      if (is_boundary(t) || (stop_at_comma && w == ",")) break;
      if (!found.empty() && w != "the") {
        // "military facilities hosting US forces", "a convoy of the
        // Frontier Corps", "a base shared by AU and Somali troops": what
        // the phrase belongs to, carries or houses is hit with it.
        if ((w == "of" || w == "by") && tail_words <= 1) {
          linked = true;
          ++tail_words;
          continue;
        }
        if (tokens[t].kind != TokenKind::kWord || is_trigger_token(t) ||
            actors::IsFunctionWord(w) || ++tail_words > 3) {
          break;
        }
        if (w.ends_with("ing")) linked = true;
        continue;
      }
      if (is_trigger_token(t) && found.empty() && w != "and") {
        // "threatening and attacking US forces": coordinated verbs share
        // their object, so look past a trigger joined by "and" only.
        if (t > from && view.Lower(t - 1) == "and") continue;
        break;
      }
      if (actors::IsLocativePreposition(w)) {
        // A place phrase: step over it.
        continue;
      }
    }
  };
  auto find_object = [&](const Candidate& c, std::vector<int>& found) {
    // "summoned China's deputy ambassador": a multi-word trigger may hold
    // its object between its words.
    for (std::size_t t = c.first + 1; t < c.last; ++t) {
      int m = mention_of(t);
      if (usable(m) && (found.empty() || found.back() != m)) found.push_back(m);
    }
    if (found.empty()) collect_right(c.last + 1, 10, true, found);
  };
  // The actor after one of `preps`, which must come within a few words.
  auto find_after_prep = [&](const Candidate& c, const std::vector<std::string>& preps,
                             std::vector<int>& found, std::string* used) {
    // The preposition may follow an object ("fired missiles at X",
    // "handed over a base in Hiraan to Somali forces").
    for (std::size_t t = c.last + 1; t < std::min<std::size_t>(end, c.last + 12); ++t) {
      std::string_view w = view.Lower(t);
      if (std::find(preps.begin(), preps.end(), w) != preps.end()) {
        collect_right(t + 1, 10, false, found, /*allow_places=*/true);
        if (!found.empty()) {
          if (used) *used = std::string(w);
          return;
        }
      }
      if (is_boundary(t) || w == ",") return;
      if (t > c.last + 1 && is_trigger_token(t)) return;
    }
  };
  // The modifier right before a noun trigger: "Israeli strikes", "Russia's
  // offensive", "US advisory support".
  auto find_modifier = [&](const Candidate& c) -> int {
    std::size_t t = c.first;
    int skipped = 0;
    while (t > first && skipped <= 3) {
      --t;
      std::string_view w = view.Lower(t);
      int m = mention_of(t);
      if (m >= 0) return mentions[m].place || mentions[m].reporter ? -1 : m;
      if (w == "'s" || w == "\xE2\x80\x99s" || w == "-") continue;
      if (tokens[t].kind == TokenKind::kPunct || actors::IsFunctionWord(w)) return -1;
      ++skipped;
    }
    return -1;
  };
  auto actors_of = [&](const std::vector<int>& ms, std::vector<Actor>& side) {
    for (int m : ms) {
      for (const Actor& a : mentions[m].actors) side.push_back(a);
    }
  };

  std::vector<Event> events;
  std::vector<Candidate> placed;  // the trigger of each event
  std::vector<bool> clause_participle;  // whether it hangs on a clause (", killing")
  for (Candidate c : chosen) {
    const TriggerRule& r = rules[c.rule];
    // Fixed phrases written as inflected verbs ("stormed", "fired") act as
    // verbs; their ending tells the form.
    bool verb = r.pos == PartOfSpeech::kVerb || (r.pos == PartOfSpeech::kPhrase &&
                                                 (r.source.subject || r.target.object));
    if (r.pos == PartOfSpeech::kPhrase) {
      std::string_view head = view.Lower(c.first);
      c.form = head.ends_with("ed") ? Form::kPast
               : head.ends_with("ing") ? Form::kIng
                                       : Form::kBase;
    }
    // Voice: "were killed by", "killed by".
    bool passive = false;
    if (verb && (c.form == Form::kPast || c.form == Form::kParticiple)) {
      for (std::size_t t = c.first, n = 0; t-- > first && n < 4; ++n) {
        std::string_view w = view.Lower(t);
        if (In(kBeForms, w)) {
          passive = true;
          break;
        }
        if (!(w.ends_with("ly") || w == "also" || w == "not" || w == "reportedly" ||
              w == "been" || w == "n't")) {
          break;
        }
      }
      if (!passive && c.last + 1 < end && view.Lower(c.last + 1) == "by") passive = true;
      // "were killed and 19 injured", "and dozens wounded": a toll verb
      // right after a number is an elided passive.
      if (!passive && c.first > first && HasCue(view.Lower(c.first), "casualty")) {
        std::string_view prev = view.Lower(c.first - 1);
        if (tokens[c.first - 1].kind == TokenKind::kNumber || HasCue(prev, "quantity")) {
          passive = true;
        }
      }
    }
    std::vector<int> src_m, tgt_m;
    std::string how_source, how_target;
    int mod = -1;
    // Source.
    if (passive && r.target.object) {
      find_after_prep(c, {"by"}, src_m, &how_source);
      if (!src_m.empty()) how_source = "passive agent (by)";
      int subj = find_subject(c.first);
      if (subj >= 0) {
        tgt_m.push_back(subj);
        how_target = "passive subject";
      }
    } else {
      if (r.source.subject && verb) {
        // "..., killing three": the subject of the main clause.
        bool participle_clause = c.form == Form::kIng && c.first > first &&
                                 view.Lower(c.first - 1) == ",";
        if (participle_clause && !events.empty() && !events.back().source.empty()) {
          how_source = "subject of the main clause";
        }
        int subj = find_subject(c.first);
        if (subj >= 0) {
          src_m.push_back(subj);
          how_source = "subject";
        }
      }
      if (src_m.empty() && r.source.modifier) {
        mod = find_modifier(c);
        if (mod >= 0) {
          src_m.push_back(mod);
          how_source = "modifier";
        }
      }
      if (src_m.empty() && !r.source.prepositions.empty()) {
        std::string used;
        find_after_prep(c, r.source.prepositions, src_m, &used);
        if (!src_m.empty()) how_source = "after \"" + used + "\"";
      }
      // A noun that is the object of a verb that is no trigger of its own
      // ("Britain announced 25 million pounds in assistance", "the army
      // carried out a raid") is the subject's act -- not after a
      // preposition ("killed in an airstrike": the killed did not strike).
      if (src_m.empty() && !verb && !r.source.empty()) {
        std::size_t np = c.first;
        while (np > first) {
          std::string_view w = view.Lower(np - 1);
          // Determiners, numbers and up to two modifiers ("entry bans");
          // a past form ("imposed") is the verb we are looking for.
          bool skip = actors::IsDeterminer(w) || tokens[np - 1].kind == TokenKind::kNumber ||
                      (tokens[np - 1].kind == TokenKind::kWord && !actors::IsFunctionWord(w) &&
                       !HasCue(w, "speech") && mention_of(np - 1) < 0 && !is_trigger_token(np - 1) &&
                       !w.ends_with("ed") && !tokens[np - 1].capitalized && np + 3 > c.first);
          if (!skip) break;
          --np;
        }
        std::string_view before = np > first ? view.Lower(np - 1) : std::string_view();
        // "arrived in Beirut for talks": purpose "for" after a verb of motion.
        std::size_t verb_at = np;
        if (before == "for" && np > first + 1) {
          for (std::size_t t = np - 1; t > first && np - t < 6; --t) {
            std::string_view w = view.Lower(t - 1);
            if (w == "arrived" || w == "travelled" || w == "traveled" || w == "came" ||
                w == "went" || w == "flew" || w == "headed" || w == "returned" ||
                w == "gathered" || w == "convened") {
              verb_at = t;
              before = w;
              break;
            }
          }
        }
        bool after_verb = !before.empty() && tokens[verb_at - 1].kind == TokenKind::kWord &&
                          !actors::IsFunctionWord(before) && mention_of(verb_at - 1) < 0 &&
                          !is_trigger_token(verb_at - 1) && !HasCue(before, "speech");
        np = verb_at;
        if (after_verb) {
          int subj = find_subject(np - 1);
          bool crosses_trigger = false;
          if (subj >= 0) {
            for (std::size_t t = mentions[subj].last + 1; t < np - 1; ++t) {
              crosses_trigger = crosses_trigger || is_trigger_token(t);
            }
          }
          if (subj >= 0 && !crosses_trigger) {
            src_m.push_back(subj);
            how_source = "subject of \"" + std::string(view.Word(np - 1)) + "\"";
          }
        }
      }
      // Target.
      if (r.target.subject && tgt_m.empty()) {
        // "a barge came under fire": the subject suffered the act.
        int subj = find_subject(c.first);
        if (subj >= 0) {
          tgt_m.push_back(subj);
          how_target = "subject (suffered)";
        }
      }
      if (r.target.object) {
        find_object(c, tgt_m);
        if (!tgt_m.empty()) how_target = "object";
      }
      if (tgt_m.empty() && !r.target.prepositions.empty()) {
        std::string used;
        find_after_prep(c, r.target.prepositions, tgt_m, &used);
        if (!tgt_m.empty()) how_target = "after \"" + used + "\"";
      }
      if (tgt_m.empty() && r.target.modifier) {
        int m = mod >= 0 ? -1 : find_modifier(c);
        if (m >= 0) {
          tgt_m.push_back(m);
          how_target = "modifier";
        }
      }
    }

    Event e;
    e.type = r.type;
    e.cameo = r.cameo;
    e.mode = r.mode;
    e.rule = r.id;
    e.trigger = std::string(
        view.text.substr(tokens[c.first].start, tokens[c.last].end - tokens[c.first].start));
    actors_of(src_m, e.source);
    actors_of(tgt_m, e.target);
    // "..., killing three": the source of the clause it hangs on. A
    // participle clause of another type elaborates that event ("stormed the
    // town, setting fire to homes"; "blocked the road, demanding ...") and
    // is no event of its own -- except an accusation ("..., accusing them
    // of"), which the annotation rules code beside the act.
    // "..., killing four officers and wounding two": a participle joined
    // by "and" to another participle hangs on the same clause.
    bool participle_clause =
        c.form == Form::kIng && c.first > first && !events.empty() &&
        (view.Lower(c.first - 1) == "," ||
         (view.Lower(c.first - 1) == "and" && !clause_participle.empty() &&
          clause_participle.back()));
    if (participle_clause) {
      if (events.back().type != r.type && r.type != "ACCUSE") {
        note("drop: " + r.id + " elaborates " + events.back().rule + " (participle clause)");
        continue;
      }
      e.source = events.back().source;
      how_source = "subject of the main clause";
    }
    // A country named as an actor acts through its government, or through
    // its armed forces when it fights or deploys ("Pakistan deported",
    // "Russia attacked").
    for (Actor& a : e.source) {
      if (a.role.empty() && !a.country.empty() && a.code == a.country) {
        a.role = (r.type == "ASSAULT" || r.type == "MOBILIZE") ? "MIL" : "GOV";
        a.code = a.country + a.role;
      }
    }
    if (r.type != "ASSAULT") {
      for (Actor& a : e.target) {
        if (a.role.empty() && !a.country.empty() && a.code == a.country) {
          a.role = "GOV";
          a.code = a.country + a.role;
        }
      }
    }
    // "jets struck launchers in Iran", "drills around Taiwan": with no
    // target named, the country where it happens is the side it hits.
    if (e.target.empty() && (r.type == "ASSAULT" || r.type == "MOBILIZE" || r.type == "AID")) {
      for (std::size_t t = c.last + 1; t < end; ++t) {
        if (is_boundary(t) || view.Lower(t) == ",") break;
        int m = mention_of(t);
        if (m < 0) continue;
        const Mention& place = mentions[m];
        if (place.place && !place.actors.empty() && !place.actors[0].country.empty() &&
            place.actors[0].name == place.actors[0].text &&
            (e.source.empty() || e.source[0].country != place.actors[0].country)) {
          Actor a = place.actors[0];
          a.role.clear();
          a.code = a.country;
          e.target.push_back(std::move(a));
          how_target = "the country where it happens";
          break;
        }
        t = place.last;
      }
    }
    // A protest with no target named is aimed at the government of the
    // country it happens in (the CAMEO convention for 14x).
    if (r.type == "PROTEST" && e.target.empty() && !e.source.empty() &&
        !info.focus_country.empty()) {
      Actor gov;
      gov.country = info.focus_country;
      gov.role = "GOV";
      gov.code = gov.country + gov.role;
      gov.country_inferred = true;
      e.target.push_back(std::move(gov));
      how_target = "the government (protest convention)";
    }
    // Reciprocal events with a compound subject: "Iraq and the US held
    // talks" -> source Iraq, target the US.
    bool symmetric = In(kSymmetricTypes, r.type) ||
                     std::find(r.target.prepositions.begin(), r.target.prepositions.end(),
                               "with") != r.target.prepositions.end() ||
                     how_source == "after \"between\"";
    if (symmetric && e.target.empty() && e.source.size() >= 2) {
      e.target.assign(e.source.begin() + 1, e.source.end());
      e.source.resize(1);
      how_target = "second of a compound";
    }
    // Drop a target that is the source itself.
    std::erase_if(e.target, [&](const Actor& a) {
      return std::any_of(e.source.begin(), e.source.end(),
                         [&](const Actor& s) { return SameActor(a, s) && a.start == s.start; });
    });
    if (In(kSymmetricTypes, r.type) && (e.source.empty() || e.target.empty())) {
      note("rule " + r.id + ": " + r.type + " needs two parties; not an event");
      continue;
    }
    if (r.needs_target && e.target.empty()) {
      note("rule " + r.id + ": needs a target and found none; not an event");
      continue;
    }
    if (e.source.empty() && e.target.empty()) {
      note("rule " + r.id + ": no actor found; not an event");
      continue;
    }

    // Factuality: cues before the trigger in its clause.
    std::string factuality = "asserted";
    std::string factuality_cue;
    bool drop = false;
    for (std::size_t t = c.first, n = 0; t-- > first && n < 6; ++n) {
      std::string_view w = view.Lower(t);
      if (IsBoundaryPunct(w) || w == ",") break;
      if (HasCue(w, "negation")) {
        factuality = "negated";
        factuality_cue = std::string(view.Word(t));
        break;
      }
      if (HasCue(w, "claim")) {
        drop = true;
        note("rule " + r.id + ": a claim (\"" + std::string(view.Word(t)) + "\") restates an incident; not an event");
        break;
      }
      // "may have fired", "could have been behind": an unconfirmed past
      // act, told as possible rather than speculated about.
      bool perfect = t + 1 < c.first && view.Lower(t + 1) == "have" &&
                     (w == "may" || w == "might" || w == "could");
      if (HasCue(w, "speculation") && perfect) {
        factuality = "possible";
        factuality_cue = std::string(view.Word(t)) + " have";
        break;
      }
      if (HasCue(w, "speculation")) {
        drop = true;
        note("rule " + r.id + ": speculation (\"" + std::string(view.Word(t)) + "\"); not an event");
        break;
      }
      if (HasCue(w, "possible")) {
        factuality = "possible";
        factuality_cue = std::string(view.Word(t));
      }
      if (HasCue(w, "hypothetical")) {
        bool promised = false;
        for (std::size_t u = first; u < t; ++u) promised = promised || HasCue(view.Lower(u), "promise");
        if (!promised) {
          drop = true;
          note("rule " + r.id + ": hypothetical (\"would\"); not an event");
        }
        break;
      }
    }
    for (std::size_t h : history_years) {
      // The year is in a relative clause the trigger is not in: after the
      // trigger ("repelled the attack, which began in 2021"), or closed by
      // a comma before it ("troops, who arrived in 2021, repelled").
      bool separated = false;
      for (std::size_t t = first; t < end; ++t) {
        std::string_view w = view.Lower(t);
        if (w == ";" && std::min(h, std::size_t{c.first}) < t && t < std::max(h, std::size_t{c.last})) {
          separated = true;
        }
        if (w != "who" && w != "which") continue;
        if (c.last < t && t < h) separated = true;
        if (t < h && h < c.first) {
          for (std::size_t u = h + 1; u < c.first; ++u) separated = separated || view.Lower(u) == ",";
        }
      }
      if (!separated) {
        drop = true;
        note("rule " + r.id + ": history (the year " + std::string(view.Word(h)) + ")");
        break;
      }
    }
    if (drop) continue;
    if (factuality == "asserted") {
      // A question ("Did the army shell the camp?") and an unconfirmed
      // report ("unverified footage shows...") leave the act possible.
      std::string_view last_word = end > first ? view.Lower(end - 1) : std::string_view();
      if (last_word == "?") {
        factuality = "possible";
        factuality_cue = "?";
      }
      for (std::size_t t = first; t < end && factuality == "asserted"; ++t) {
        std::string_view w = view.Lower(t);
        if (w == "unconfirmed" || w == "unverified") {
          factuality = "possible";
          factuality_cue = std::string(view.Word(t));
        }
      }
    }
    // The nearest word before the trigger in its clause, within `words`,
    // that `is_cue` accepts; npos when none.
    auto cue_before = [&](std::size_t words, auto is_cue) -> std::size_t {
      for (std::size_t t = c.first, n = 0; t-- > first && n < words; ++n) {
        std::string_view w = view.Lower(t);
        if (IsBoundaryPunct(w) || w == ",") break;
        if (is_cue(w)) return t;
      }
      return std::string_view::npos;
    };
    auto future = [](std::string_view w) { return w == "will" || w == "would" || w == "'ll"; };
    // "will not negotiate", "would not resume talks": a refusal.
    if (factuality == "negated" && r.type != "ASSAULT" && r.type != "REJECT") {
      std::size_t t = cue_before(4, [&](std::string_view w) { return future(w) || w == "wo"; });
      if (t != std::string_view::npos) {
        note("rule " + r.id + ": refused (\"" + std::string(view.Word(t)) + " not\"): REJECT");
        e.type = "REJECT";
        e.cameo = "120";
        factuality = "asserted";
        factuality_cue.clear();
      }
    }
    e.factuality = factuality;
    e.factuality_cue = factuality_cue;
    // Violence announced for later ("Israel will strike", "said they would
    // attack Iraq") is a threat, not yet an attack.
    if (e.type == "ASSAULT") {
      std::size_t t = cue_before(4, future);
      if (t != std::string_view::npos) {
        e.type = "THREATEN";
        e.cameo = "138";
        note("rule " + r.id + ": announced (\"" + std::string(view.Word(t)) +
             "\"): ASSAULT becomes THREATEN 138");
      }
    }
    // A yielding act promised for later ("said it would hand over", "ready
    // to lift the ban") is a concession, not yet a retreat.
    if (e.type == "RETREAT") {
      std::size_t t = cue_before(6, [&](std::string_view w) { return HasCue(w, "future"); });
      if (t != std::string_view::npos) {
        e.type = "CONCEDE";
        note("rule " + r.id + ": promised (\"" + std::string(view.Word(t)) +
             "\"): RETREAT becomes CONCEDE");
      }
    }
    // "Israeli strikes", "Turkish drone strike": a country's violence is
    // its armed forces'.
    if ((e.type == "ASSAULT" || e.type == "MOBILIZE") && how_source == "modifier") {
      for (Actor& a : e.source) {
        if (a.role.empty() && !a.country.empty() &&
            mentions[mod].modifier_only) {
          a.role = "MIL";
          a.code = a.country + "MIL";
        }
      }
    }

    e.spans.push_back({tokens[c.first].start, tokens[c.last].end, "trigger"});
    for (const Actor& a : e.source) e.spans.push_back({a.start, a.end, "source"});
    for (const Actor& a : e.target) e.spans.push_back({a.start, a.end, "target"});
    double confidence = 0.45;
    if (!e.source.empty()) confidence += 0.2;
    if (!e.target.empty()) confidence += 0.2;
    for (const Actor& a : e.source) {
      if (a.resolved) confidence -= 0.1;
    }
    if (factuality != "asserted") confidence -= 0.1;
    e.confidence = std::clamp(confidence, 0.05, 0.95);
    note("event " + e.type + " " + e.cameo + " by rule " + r.id + (passive ? " (passive)" : "") +
         ": source " + (how_source.empty() ? "none" : how_source) + ", target " +
         (how_target.empty() ? "none" : how_target) + ", " + factuality);
    e.sentence.index = info.index;
    e.sentence.start = sentence.start;
    e.sentence.end = sentence.end;
    events.push_back(std::move(e));
    placed.push_back(c);
    clause_participle.push_back(participle_clause);
  }

  // Complements: "accused X of supplying", "urged X to release",
  // "threatened to attack", "denied targeting". The governing verb is the
  // event; the act it governs is not one of its own, except after "deny",
  // where the act is the event, negated.
  std::vector<std::uint32_t> dropped_ends;  // last tokens of dropped complements
  for (std::size_t b = 1; b < events.size();) {
    const Candidate& cb = placed[b];
    // The word that governs the trigger, past adverbs and aspect verbs:
    // "of deliberately targeting", "to keep fighting", "to immediately halt".
    std::size_t g = cb.first;
    while (g > first) {
      std::string_view w = view.Lower(g - 1);
      if (w.ends_with("ly") || w == "keep" || w == "continue" || w == "resume" || w == "stop" ||
          w == "start" || w == "begin") {
        --g;
        continue;
      }
      break;
    }
    std::string_view before = g > first ? view.Lower(g - 1) : std::string_view();
    bool infinitive = before == "to";
    bool gerund = (before == "of" || before == "for" || before == "from") && cb.form == Form::kIng;
    // "of financing and arming": a second complement joined by "and".
    bool coordinated = false;
    if ((before == "and" || before == "or") && g > first + 1) {
      for (std::uint32_t e : dropped_ends) coordinated = coordinated || e + 2 == g;
    }
    // "rejected the group's demand for a full withdrawal", "halt its
    // advance": a noun trigger that is the object of another trigger.
    bool noun_object = false;
    if (rules[cb.rule].pos == PartOfSpeech::kNoun) {
      std::size_t t = cb.first;
      int steps = 0;
      while (t > first && steps < 5) {
        std::string_view w = view.Lower(t - 1);
        int m = mention_of(t - 1);
        bool filler = actors::IsDeterminer(w) || w == "'s" || w == "\xE2\x80\x99s" ||
                      w == "for" || w == "of" || (m >= 0 && mentions[m].modifier_only) ||
                      (tokens[t - 1].kind == TokenKind::kWord && !actors::IsFunctionWord(w) &&
                       m < 0 && !is_trigger_token(t - 1) && steps < 2);
        if (!filler) break;
        --t;
        ++steps;
      }
      for (std::size_t k = 0; k < b; ++k) noun_object = noun_object || placed[k].last + 1 == t;
    }
    // "released 50 soldiers captured during fighting", "officers it had
    // kidnapped in December": a participle or past perfect describing an
    // earlier event's object is background.
    bool background = false;
    if (cb.form == Form::kPast && cb.first > first + 1) {
      std::string_view prev = view.Lower(cb.first - 1);
      int m = mention_of(cb.first - 1);
      bool after_object = m >= 0 && !mentions[m].modifier_only;
      if (prev == "had" && (view.Lower(cb.first - 2) == "it" || view.Lower(cb.first - 2) == "they")) {
        background = true;
      }
      if (after_object && cb.last + 1 < end) {
        std::string_view next = view.Lower(cb.last + 1);
        background = background || next == "during" || next == "in" || next == "since";
      }
    }
    bool deny_object = false;
    std::size_t a = b;
    while (a-- > 0) {
      if (placed[a].last < cb.first && cb.first - placed[a].last <= 8) break;
    }
    if (a >= b) {
      ++b;
      continue;
    }
    std::string_view governor = view.Lower(placed[a].first);
    bool denial = governor.starts_with("den") && events[a].type == "REJECT";
    if (denial && (cb.form == Form::kIng || before == "had" || before == "have" ||
                   before == "has" || before == "was" || before == "were" || infinitive ||
                   before == "that" || cb.first - placed[a].last <= 6)) {
      deny_object = true;
    }
    if (deny_object) {
      Event& act = events[b];
      act.factuality = "negated";
      act.factuality_cue = events[a].trigger;
      if (act.source.empty()) act.source = events[a].source;
      note("merge: \"" + events[a].trigger + "\" denies " + act.rule + "; the act is negated");
      events.erase(events.begin() + static_cast<std::ptrdiff_t>(a));
      placed.erase(placed.begin() + static_cast<std::ptrdiff_t>(a));
      continue;
    }
    // "demands that the RSF halt its offensive": the demanded act is the
    // content of the request.
    bool that_clause = events[a].type == "REQUEST" && placed[a].last + 1 < cb.first &&
                       view.Lower(placed[a].last + 1) == "that" &&
                       cb.first - placed[a].last <= 8;
    if (that_clause && events[a].target.empty() && !events[b].source.empty()) {
      events[a].target = events[b].source;
    }
    if (((infinitive || gerund || coordinated || that_clause) &&
         events[a].type != events[b].type) ||
        noun_object || background) {
      if (events[a].target.empty()) {
        events[a].target = noun_object && !events[b].source.empty() ? events[b].source
                                                                   : events[b].target;
      }
      dropped_ends.push_back(cb.last);
      note("drop: " + events[b].rule + " is the " +
           (background ? "background" : noun_object ? "object" : "complement") + " of " +
           events[a].rule);
      events.erase(events.begin() + static_cast<std::ptrdiff_t>(b));
      placed.erase(placed.begin() + static_cast<std::ptrdiff_t>(b));
      continue;
    }
    ++b;
  }

  // At most one event per (type, source) in a sentence: a second trigger of
  // the same kind by the same actor restates the first ("attacked and
  // killed"); its targets join the first's.
  for (std::size_t a = 0; a < events.size(); ++a) {
    for (std::size_t b = a + 1; b < events.size();) {
      bool same_type = events[a].type == events[b].type;
      bool same_source = SourceKey(events[a].source) == SourceKey(events[b].source);
      // "Three soldiers were killed when militants stormed the post": a
      // casualty verb without an agent and the attack are one event.
      bool one_unsourced = events[a].source.empty() != events[b].source.empty();
      if (same_type && (same_source || one_unsourced)) {
        note("merge: " + events[b].rule + " restates " + events[a].rule);
        if (events[a].source.empty()) events[a].source = events[b].source;
        for (Actor& t : events[b].target) {
          bool dup = std::any_of(events[a].target.begin(), events[a].target.end(),
                                 [&](const Actor& x) { return SameActor(x, t); });
          if (!dup) events[a].target.push_back(std::move(t));
        }
        // A target that is now also the source came from the other clause.
        std::erase_if(events[a].target, [&](const Actor& x) {
          return std::any_of(events[a].source.begin(), events[a].source.end(),
                             [&](const Actor& y) { return SameActor(x, y); });
        });
        events.erase(events.begin() + static_cast<std::ptrdiff_t>(b));
      } else {
        ++b;
      }
    }
  }
  // A reaction's object that names an event ("condemned the strikes",
  // "rejected the accusation") refers to an event already reported: a
  // noun trigger there is no new event, and the reaction's target is the
  // source of the event referred to.
  // The most recent earlier event of one of `types`: preferably one done
  // by another side than `reactor` (a government condemns the attacks on
  // its people, not its own army's raid).
  auto earlier_source = [&](const std::vector<std::string>& types, std::size_t before_local,
                            const std::string& reactor) -> std::vector<Actor> {
    std::vector<Actor> any;
    auto consider = [&](const Event& p) -> bool {
      if (p.source.empty() || std::find(types.begin(), types.end(), p.type) == types.end()) {
        return false;
      }
      if (any.empty()) any = p.source;
      return reactor.empty() || p.source[0].country != reactor;
    };
    for (std::size_t k = before_local; k-- > 0;) {
      if (consider(events[k])) return events[k].source;
    }
    for (std::size_t k = out.size(); k-- > 0;) {
      const Event& p = out[k];
      if (p.sentence.index + 8 < info.index) break;
      if (consider(p)) return p.source;
    }
    return any;
  };
  for (std::size_t a = 0; a < events.size(); ++a) {
    if (!events[a].target.empty() || events[a].type == "ASSAULT") continue;
    // The object: the first content word within four tokens after the
    // trigger, past determiners and modifiers.
    std::size_t t = placed[a].last + 1;
    std::size_t limit = std::min<std::size_t>(end, t + 4);
    while (t < limit && (actors::IsDeterminer(view.Lower(t)) ||
                         (mention_of(t) >= 0 && mentions[mention_of(t)].modifier_only) ||
                         view.Lower(t) == "'s")) {
      ++t;
    }
    if (t >= limit) continue;
    auto noun = data_->event_nouns.find(std::string(view.Lower(t)));
    if (noun == data_->event_nouns.end()) continue;
    // The object is itself a noun trigger: it is that event, referred to.
    std::size_t b = events.size();
    for (std::size_t k = 0; k < events.size(); ++k) {
      if (k != a && placed[k].first <= t && t <= placed[k].last &&
          rules[placed[k].rule].pos == PartOfSpeech::kNoun) {
        b = k;
      }
    }
    std::vector<Actor> target;
    // "rejected a proposal by U.S. lawmakers": the author is named.
    int author = -1;
    if (t + 2 < end && (view.Lower(t + 1) == "by" || view.Lower(t + 1) == "from")) {
      std::size_t u = t + 2;
      if (view.Lower(u) == "the" && u + 1 < end) ++u;
      int m = mention_of(u);
      if (m >= 0 && !mentions[m].actors.empty() && !mentions[m].place) author = m;
    }
    if (author >= 0) {
      target = mentions[author].actors;
    } else if (b < events.size() && !events[b].source.empty()) {
      target = events[b].source;
    } else {
      target = earlier_source(noun->second, a,
                              events[a].source.empty() ? "" : events[a].source[0].country);
    }
    if (author < 0) {
      for (Actor& x : target) x.resolved = true;
    }
    if (!target.empty()) {
      events[a].target = std::move(target);
      note("reference: \"" + std::string(view.Word(t)) + "\" refers to an earlier event; target " +
           (events[a].target[0].code.empty() ? events[a].target[0].text : events[a].target[0].code));
    }
    if (b < events.size()) {
      note("drop: " + events[b].rule + " is the object of " + events[a].rule +
           ", an event referred to");
      events.erase(events.begin() + static_cast<std::ptrdiff_t>(b));
      placed.erase(placed.begin() + static_cast<std::ptrdiff_t>(b));
      if (b < a) --a;
    }
  }

  // A threat with no target ("vowed to retaliate", "vowed to hunt down
  // those responsible") answers the last attack by another side.
  for (std::size_t a = 0; a < events.size(); ++a) {
    Event& e = events[a];
    if (e.type != "THREATEN" || !e.target.empty() || e.source.empty()) continue;
    std::vector<Actor> target = earlier_source({"ASSAULT"}, a, e.source[0].country);
    if (!target.empty() && target[0].country != e.source[0].country) {
      for (Actor& x : target) x.resolved = true;
      e.target = std::move(target);
      note("reference: the threat answers the last attack; target " + e.target[0].code);
    }
  }
  // Journalists and other media people on the receiving end of violence
  // or coercion are civilians (ACLED's convention); as sources they stay
  // media.
  for (Event& e : events) {
    if (e.type != "ASSAULT" && e.type != "COERCE" && e.type != "RETREAT") continue;
    for (Actor& a : e.target) {
      if (a.role == "MED" && a.name.empty()) {
        a.role = "CVL";
        a.code = a.country + a.role;
      }
    }
  }

  // One actor once per side: "three civilians ... civilians" is one side.
  for (Event& e : events) {
    for (auto* side : {&e.source, &e.target}) {
      std::vector<Actor> unique;
      for (Actor& a : *side) {
        bool seen = std::any_of(unique.begin(), unique.end(), [&](const Actor& u) {
          return SameActor(u, a);
        });
        if (!seen) unique.push_back(std::move(a));
      }
      *side = std::move(unique);
    }
  }

  for (std::size_t k = 0; k < events.size(); ++k) {
    Event& e = events[k];
    // "Two police officers were wounded.": a toll with no agent and no
    // attack of its own adds to an incident already coded.
    std::string_view word = e.trigger;
    std::string lower_word = actors::LowerAscii(word.substr(0, word.find(' ')));
    if (e.source.empty() && HasCue(lower_word, "casualty")) {
      note("drop: " + e.rule + " reports a toll with no agent; not a new incident");
      continue;
    }
    // Words inside quotation marks are a speaker's: an event there needs an
    // actor the speaker names, not one guessed from the article.
    if (InsideQuote(view.text, sentence.start, e.spans[0].start)) {
      bool named = false;
      for (const auto* side : {&e.source, &e.target}) {
        for (const Actor& a : *side) {
          named = named || (!a.country_inferred && !a.resolved && (!a.country.empty() || !a.name.empty()));
        }
      }
      if (!named) {
        note("drop: " + e.rule + " inside a quotation with no named actor");
        continue;
      }
    }
    out.push_back(std::move(e));
  }
}

}  // namespace khaldun::events
