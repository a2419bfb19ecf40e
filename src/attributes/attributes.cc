// Attaching dates, places and casualty counts to coded events.
#include "attributes/attributes.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <span>

#include "attributes/casualties.h"
#include "attributes/dates.h"
#include "places/gazetteer.h"
#include "places/place_finder.h"

namespace khaldun::attributes {

struct AttributeReader::Data {
  DateReader dates;
  CasualtyReader casualties;
  places::Gazetteer gazetteer;
};

namespace {

// What one sentence says of time, place and harm. Token indexes are
// absolute (into TokenizedText::tokens).
struct SentenceFacts {
  std::vector<DateMention> dates;
  std::vector<places::PlaceMention> places;
  std::vector<CasualtyMention> casualties;
  bool dates_read = false;
  bool places_read = false;
  bool casualties_read = false;
  bool hashed = false;  // Filler::hashes_ holds its tokens' hashes
};

// The token whose bytes hold `offset` (the trigger's first token).
std::uint32_t TokenAt(const std::vector<text::Token>& tokens, std::uint32_t offset) {
  auto it = std::upper_bound(tokens.begin(), tokens.end(), offset,
                             [](std::uint32_t off, const text::Token& t) { return off < t.start; });
  if (it == tokens.begin()) return 0;
  return static_cast<std::uint32_t>(it - tokens.begin() - 1);
}

std::uint32_t TriggerToken(const Event& e, const std::vector<text::Token>& tokens) {
  for (const Span& s : e.spans) {
    if (s.role == "trigger") return TokenAt(tokens, s.start);
  }
  return TokenAt(tokens, e.sentence.start);
}

// Words that end one clause and start another: a date or place across
// them is less likely to be this event's.
bool ClauseBreak(std::string_view lower) {
  // Every break begins with one of these bytes ("\u2014" with 0xE2).
  if (lower.empty()) return false;
  switch (lower[0]) {
    case ';': case ':': case '(': case 'w': case 'b': case 'a': case 's': case '\xE2':
      break;
    default:
      return false;
  }
  return lower == ";" || lower == "while" || lower == "whereas" || lower == "but" ||
         lower == "after" || lower == "before" || lower == "since" || lower == "when" ||
         lower == "which" || lower == "who" || lower == ":" || lower == "\u2014" ||
         lower == "(";
}

// Distance in tokens from the trigger to [first, end), with a penalty for
// every clause break in between, so the nearest phrase of the trigger's own
// clause wins.
std::size_t ClauseDistance(const actors::TokenView& view, std::uint32_t trigger,
                           std::uint32_t first, std::uint32_t end) {
  std::uint32_t lo, hi;
  if (end <= trigger) {
    lo = end;
    hi = trigger;
  } else if (first > trigger) {
    lo = trigger + 1;
    hi = first;
  } else {
    return 0;
  }
  std::size_t d = hi - lo;
  for (std::uint32_t t = lo; t < hi; ++t) {
    if (ClauseBreak(view.Lower(t))) d += 25;
  }
  return d;
}

bool MaterialType(std::string_view type) {
  return type == "ASSAULT" || type == "COERCE" || type == "PROTEST" || type == "MOBILIZE" ||
         type == "RETREAT" || type == "AID";
}

// The outcome kinds an event type can carry: deaths and wounds belong to
// an attack, arrests to coercion, abductions to either.
bool TakesOutcome(std::string_view type, std::string_view outcome) {
  if (type == "ASSAULT") return outcome != "arrested";
  if (type == "COERCE") return outcome == "arrested" || outcome == "kidnapped" || outcome == "displaced";
  return false;
}

bool TakesAnyOutcome(std::string_view type) { return type == "ASSAULT" || type == "COERCE"; }

class Filler {
 public:
  Filler(const AttributeReader::Data& data, const ArticleFrame& frame,
         std::vector<std::string>* trace)
      : data_(data),
        frame_(frame),
        view_(*frame.view),
        facts_(frame.tokenized->sentences.size()),
        trace_(trace) {
    hashes_.resize(frame.tokenized->tokens.size());
    published_ = CivilDate::FromIso(frame.published);
    place_context_.focus_country = frame.focus_country;
    place_context_.mentioned_countries = frame.article_countries;
  }

  void Run(std::vector<Event>& events) {
    ReadDateline();
    for (Event& e : events) {
      FillDate(e);
      FillLocation(e, events);
    }
    FillCasualties(events);
  }

 private:
  std::span<const text::Token> SentenceTokens(std::size_t s) const {
    const text::Sentence& sent = frame_.tokenized->sentences[s];
    return {frame_.tokenized->tokens.data() + sent.first_token, sent.token_count};
  }
  std::uint32_t FirstToken(std::size_t s) const {
    return frame_.tokenized->sentences[s].first_token;
  }
  // The sentence's tokens with their lower-cased text (the TokenView's) and
  // hashes, for the readers.
  // Each token's word hash is computed once, when the first reader reads
  // its sentence: the three readers ask their word lists about the same
  // tokens (they used to hash each token once per list).
  TokenWords SentenceWords(std::size_t s) {
    const text::Sentence& sent = frame_.tokenized->sentences[s];
    SentenceFacts& f = facts_[s];
    if (!f.hashed) {
      f.hashed = true;
      for (std::uint32_t i = sent.first_token; i < sent.first_token + sent.token_count; ++i) {
        hashes_[i] = LowerWordHash(view_.Lower(i));
      }
    }
    return TokenWords{frame_.text, view_.lower, 0, SentenceTokens(s),
                      std::span<const std::uint64_t>(hashes_.data() + sent.first_token,
                                                     sent.token_count)};
  }

  // Each kind is read on first use, so sentences far from any event cost
  // nothing. Token indexes are made absolute.
  const std::vector<DateMention>& Dates(std::size_t s) {
    SentenceFacts& f = facts_[s];
    if (f.dates_read) return f.dates;
    f.dates_read = true;
    f.dates = data_.dates.Find(SentenceWords(s), published_);
    for (auto& d : f.dates) {
      d.first_token += FirstToken(s);
      d.end_token += FirstToken(s);
    }
    return f.dates;
  }
  const std::vector<places::PlaceMention>& Places(std::size_t s) {
    SentenceFacts& f = facts_[s];
    if (f.places_read) return f.places;
    f.places_read = true;
    f.places = places::FindPlaces(SentenceWords(s), data_.gazetteer, place_context_);
    for (auto& p : f.places) {
      p.first_token += FirstToken(s);
      p.end_token += FirstToken(s);
    }
    return f.places;
  }
  const std::vector<CasualtyMention>& Casualties(std::size_t s) {
    SentenceFacts& f = facts_[s];
    if (f.casualties_read) return f.casualties;
    f.casualties_read = true;
    f.casualties = data_.casualties.Find(SentenceWords(s));
    for (auto& c : f.casualties) {
      c.first_token += FirstToken(s);
      c.end_token += FirstToken(s);
      c.outcome_token += FirstToken(s);
      c.victim_first += FirstToken(s);
      c.victim_end += FirstToken(s);
    }
    return f.casualties;
  }

  // Callers test trace_ first, so that no line is built when nobody reads it.
  void Note(std::string line) {
    if (trace_) trace_->push_back(std::move(line));
  }

  std::string Words(std::uint32_t start, std::uint32_t end) const {
    return std::string(frame_.text.substr(start, end - start));
  }

  // ---- dates ----------------------------------------------------------

  void SetDate(Event& e, const DateMention& d, std::string rule) {
    e.date.value = d.date.ToString(d.precision);
    e.date.precision = std::string(PrecisionName(d.precision));
    e.date.text = Words(d.start, d.end);
    e.date.start = d.start;
    e.date.end = d.end;
    e.date.rule = std::move(rule);
    if (trace_) Note("date of " + e.type + " \"" + e.trigger + "\": " + e.date.value + " from \"" +
         e.date.text + "\" (" + e.date.rule + ")");
  }

  bool InQuote(std::uint32_t start, std::uint32_t end) const {
    for (const auto& [qs, qe] : frame_.quoted) {
      if (qs <= start && end <= qe) return true;
    }
    return false;
  }

  std::uint32_t TriggerEnd(const Event& e, std::uint32_t trigger) const {
    for (const Span& span : e.spans) {
      if (span.role == "trigger" && span.end > span.start) {
        return TokenAt(frame_.tokenized->tokens, span.end - 1) + 1;
      }
    }
    return trigger + 1;
  }

  // The token after the dateline that opens the body ("CULIACAN, Mexico,
  // Feb 20 (LatAm Wire) - Eleven people..."), or 0 when there is none. Its
  // date is the filing date, not an event's.
  std::uint32_t DatelineEnd() {
    if (dateline_end_read_) return dateline_end_;
    dateline_end_read_ = true;
    const auto& sentences = frame_.tokenized->sentences;
    if (frame_.dateline.empty() || sentences.empty()) return 0;
    const text::Sentence& first = sentences.front();
    std::string_view head = frame_.text.substr(first.start, frame_.dateline.size());
    if (actors::LowerAscii(head) != actors::LowerAscii(frame_.dateline)) return 0;
    for (std::uint32_t t = first.first_token;
         t < first.first_token + std::min<std::uint32_t>(first.token_count, 24); ++t) {
      std::string_view w = view_.Lower(t);
      if (w == "-" || w == ":" || w == "\u2014" || w == "\u2013") {
        dateline_end_ = t + 1;
        break;
      }
    }
    return dateline_end_;
  }
  bool InDatelinePrefix(std::size_t s, std::uint32_t token) {
    return s == 0 && token < DatelineEnd();
  }

  // "agreed to hold talks in April": the date belongs to the act agreed
  // on, told in an infinitive after the trigger, not to the agreement.
  bool PlannedAct(std::uint32_t trigger_end, const DateMention& d) const {
    if (d.first_token < trigger_end) return false;
    for (std::uint32_t t = trigger_end; t + 1 < d.first_token; ++t) {
      std::string_view w = view_.Lower(t);
      if (ClauseBreak(w) || w == ",") return false;
      if (w != "to") continue;
      const text::Token& next = frame_.tokenized->tokens[t + 1];
      std::string_view after = view_.Lower(t + 1);
      if (next.kind == text::TokenKind::kWord && !next.capitalized && after != "the" &&
          after != "a" && after != "an" && after != "their" && after != "its") {
        return true;
      }
    }
    return false;
  }

  // A date right after a verb of saying ("said on Monday", "said in a
  // statement on Wednesday") dates the report, unless saying is the event.
  bool ReportDate(const DateMention& d, std::uint32_t trigger) const {
    const std::uint32_t sentence_first =
        frame_.tokenized->sentences[SentenceOf(d.first_token)].first_token;
    for (std::uint32_t t = d.first_token, n = 0; t-- > sentence_first && n < 5; ++n) {
      std::string_view w = view_.Lower(t);
      if (w == "," || w == "that" || ClauseBreak(w)) return false;
      if (w == "said" || w == "says" || w == "told" || w == "announced" || w == "reported" ||
          w == "stated" || w == "statement" || w == "confirmed" || w == "added" ||
          w == "claimed") {
        return t != trigger;
      }
    }
    return false;
  }
  std::size_t SentenceOf(std::uint32_t token) const {
    const auto& sentences = frame_.tokenized->sentences;
    auto it = std::upper_bound(sentences.begin(), sentences.end(), token,
                               [](std::uint32_t t, const text::Sentence& s) { return t < s.first_token; });
    return it == sentences.begin() ? 0 : static_cast<std::size_t>(it - sentences.begin() - 1);
  }

  // A date usable for an event: not a background period, not a future
  // date for an act that is asserted as done, not a speaker's "today"
  // ("the support provided today helps them": nowadays).
  bool Usable(const DateMention& d, const Event& e) const {
    if (d.background) return false;
    if (d.rule == "relative-day" && d.date == published_ && InQuote(d.start, d.end)) return false;
    bool future = d.rule.find("future") != std::string_view::npos;
    if (future && e.factuality == "asserted" && e.type != "THREATEN" && e.type != "CONSULT" &&
        e.type != "AGREE") {
      return false;
    }
    return true;
  }

  // The closest date stated before sentence `s` that `e` may take, and the
  // sentence it is in.
  // Reaching further back than a few sentences crosses into other stories
  // of the same article more often than it finds this one's date.
  static constexpr std::size_t kSceneSentences = 6;

  const DateMention* EarlierDate(const Event& e, std::size_t s, std::size_t* where) {
    for (std::size_t p = s; p-- > 0 && s - p <= kSceneSentences;) {
      const DateMention* last = nullptr;
      for (const DateMention& d : Dates(p)) {
        if (Usable(d, e) && !d.rule.starts_with("previous-") &&
            !d.rule.starts_with("following-") && !InQuote(d.start, d.end) &&
            !InDatelinePrefix(p, d.first_token)) {
          last = &d;
        }
      }
      if (last) {
        *where = p;
        return last;
      }
    }
    return nullptr;
  }

  void FillDate(Event& e) {
    std::size_t s = e.sentence.index;
    std::uint32_t trigger = TriggerToken(e, frame_.tokenized->tokens);
    std::uint32_t trigger_end = TriggerEnd(e, trigger);
    const DateMention* best = nullptr;
    std::size_t best_distance = 0;
    bool best_is_report = false;
    for (const DateMention& d : Dates(s)) {
      if (!Usable(d, e) || InDatelinePrefix(s, d.first_token)) continue;
      if (PlannedAct(trigger_end, d)) continue;
      std::size_t distance = ClauseDistance(view_, trigger, d.first_token, d.end_token);
      bool report = ReportDate(d, trigger);
      if (report) distance += 30;
      if (!best || distance < best_distance) {
        best = &d;
        best_distance = distance;
        best_is_report = report;
      }
    }
    std::size_t where = 0;
    if (best && best_is_report) {
      // "The army said on Wednesday that its troops killed 30": Wednesday
      // is when it was said; the act is as old as the story told before.
      const DateMention* earlier = EarlierDate(e, s, &where);
      if (earlier && earlier->date <= best->date) {
        SetDate(e, *earlier, std::string(earlier->rule) + " earlier (\"" +
                                 Words(best->start, best->end) + "\" dates the report)");
        return;
      }
    }
    if (best && (best->rule.starts_with("previous-") || best->rule.starts_with("following-"))) {
      // "the day before", "a week later": counted from the date the story
      // last gave, when it gave one; from publication otherwise.
      const DateMention* anchor = EarlierDate(e, s, &where);
      if (anchor && anchor->precision == DatePrecision::kDay && published_) {
        DateMention moved = *best;
        moved.date = anchor->date.AddDays(best->date.ToDays() - published_->ToDays());
        SetDate(e, moved, std::string(best->rule) + " of \"" + Words(anchor->start, anchor->end) +
                              "\"");
        return;
      }
    }
    if (best) {
      SetDate(e, *best, std::string(best->rule) + " in the sentence");
      return;
    }
    // A date told earlier sets the scene for what follows it ("On Tuesday,
    // gunmen stormed... They killed...", "Hours later, ..."): the story's
    // last stated date, from its paragraph or before. Not for acts told
    // inside a quote, which speakers place in their own time.
    for (const Span& span : e.spans) {
      if (span.role == "trigger" && InQuote(span.start, span.end)) return;
    }
    const DateMention* earlier = EarlierDate(e, s, &where);
    if (earlier) {
      bool same_paragraph =
          frame_.tokenized->sentences[where].paragraph == frame_.tokenized->sentences[s].paragraph;
      SetDate(e, *earlier,
              std::string(earlier->rule) +
                  (same_paragraph ? " earlier in the paragraph" : " earlier in the article"));
    }
  }

  // ---- places ---------------------------------------------------------

  void ReadDateline() {
    if (frame_.dateline.empty()) return;
    dateline_ = places::ReadDateline(frame_.dateline, data_.gazetteer, place_context_);
  }

  void SetLocation(Event& e, const places::PlaceMention& m, std::uint32_t start, std::uint32_t end,
                   std::string rule) {
    EventLocation& l = e.location;
    l.country = std::string(m.country);
    l.admin1 = std::string(m.admin1_common.empty() ? m.admin1 : m.admin1_common);
    l.admin1_code = std::string(m.admin1_code);
    l.place = Words(start, end);
    l.has_coordinates = m.has_coordinates;
    l.lat = m.lat;
    l.lon = m.lon;
    l.precision = std::string(m.precision);
    l.start = start;
    l.end = end;
    l.rule = std::move(rule);
    NoteLocation(e);
  }

  // Only the country is known: the capital's coordinates stand for it, as
  // ACLED and UCDP do for country-precision events.
  void SetCountry(Event& e, std::string_view iso3, std::string_view words, std::string rule) {
    std::optional<places::Place> country = data_.gazetteer.Country(iso3);
    if (!country) return;
    EventLocation& l = e.location;
    l.country = std::string(country->iso3);
    l.place = std::string(words);
    l.has_coordinates = country->has_coordinates;
    l.lat = country->lat;
    l.lon = country->lon;
    l.precision = "country";
    l.rule = std::move(rule);
    NoteLocation(e);
  }

  void NoteLocation(const Event& e) {
    const EventLocation& l = e.location;
    if (trace_) Note("place of " + e.type + " \"" + e.trigger + "\": " + l.country +
         (l.admin1.empty() ? std::string() : " / " + l.admin1) +
         (l.place.empty() ? std::string() : " from \"" + l.place + "\"") + " (" + l.rule + ", " +
         l.precision + ")");
  }

  // A place mention that is one of the event's own sides ("Iraq accused
  // Iran") names an actor, not where it happened.
  // A bare name that the actor recogniser read as an actor ("Washington
  // has been mediating", "which Ankara considers terrorist") is a
  // government by metonymy there, not a place.
  // Only the target of a physical act is also where it happened ("shelled
  // Kharkiv").
  bool IsSide(const Event& e, std::size_t s, const places::PlaceMention& p) const {
    if (p.cue != "bare") return false;
    for (const Actor& a : e.target) {
      if (a.start < p.end && p.start < a.end) return !MaterialType(e.type);
    }
    for (const actors::Mention& m : (*frame_.mentions)[s]) {
      if (m.place || m.actors.empty()) continue;
      if (m.first < p.end_token && p.first_token <= m.last) return true;
    }
    return false;
  }

  // "DAMASCUS (AFP) - Eleven soldiers...", "QUETTA: Gunmen...": a
  // dateline left at the head of the first sentence says where the report
  // was filed, not where the event happened.
  bool IsDatelineMention(std::size_t s, const places::PlaceMention& p) const {
    const text::Sentence& sent = frame_.tokenized->sentences[s];
    if (p.first_token != sent.first_token) return false;
    std::size_t end = sent.first_token + sent.token_count;
    std::size_t k = p.end_token;
    // "MOGADISHU, Somalia —", "PORT-AU-PRINCE, Haiti —"
    if (k + 2 < end && view_.Lower(k) == ",") {
      std::size_t j = k + 1;
      while (j < end && j < k + 4 && frame_.tokenized->tokens[j].capitalized) ++j;
      if (j > k + 1) k = j;
    }
    if (k >= end) return false;
    std::string_view w = view_.Lower(k);
    return w == "-" || w == ":" || w == "(" || w == "\u2014" || w == "\u2013";
  }

  bool InArticle(std::string_view iso3) const {
    if (iso3 == frame_.focus_country) return true;
    return std::find(frame_.article_countries.begin(), frame_.article_countries.end(), iso3) !=
           frame_.article_countries.end();
  }

  // The region the article is about: the first-level region of its main
  // country named most often in its opening paragraph and in the
  // sentences that hold events (the first named wins a tie). Events with no
  // place of their own in that country take it, as conflict datasets code
  // a report's unplaced incidents to the region it covers.
  const places::Place* ArticleRegion(const std::vector<Event>& events) {
    if (region_read_) return article_region_ ? &*article_region_ : nullptr;
    region_read_ = true;
    if (frame_.focus_country.empty()) return nullptr;
    std::vector<std::pair<std::string_view, int>> counts;  // in first-seen order
    auto count = [&](std::size_t s) {
      for (const places::PlaceMention& m : Places(s)) {
        if (m.admin1_code.empty() || m.country != frame_.focus_country ||
            IsDatelineMention(s, m)) {
          continue;
        }
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto& c) { return c.first == m.admin1_code; });
        if (it == counts.end()) {
          counts.emplace_back(m.admin1_code, 1);
        } else {
          ++it->second;
        }
      }
    };
    const auto& sentences = frame_.tokenized->sentences;
    std::vector<char> seen(sentences.size(), 0);
    for (std::size_t s = 0; s < sentences.size() && sentences[s].paragraph < 1; ++s) {
      seen[s] = 1;
      count(s);
    }
    for (const Event& e : events) {
      if (e.sentence.index < seen.size() && !seen[e.sentence.index]) {
        seen[e.sentence.index] = 1;
        count(e.sentence.index);
      }
    }
    const std::pair<std::string_view, int>* top = nullptr;
    for (const auto& c : counts) {
      if (!top || c.second > top->second) top = &c;
    }
    if (top) article_region_ = data_.gazetteer.Admin1(top->first);
    return article_region_ ? &*article_region_ : nullptr;
  }

  void SetRegion(Event& e, const places::Place& region, std::string rule) {
    EventLocation& l = e.location;
    l.country = std::string(region.iso3);
    l.admin1 = std::string(!region.admin1_common.empty() ? region.admin1_common
                           : !region.admin1_name.empty() ? region.admin1_name
                                                         : region.name);
    l.admin1_code = std::string(region.admin1_code);
    l.place.clear();
    l.has_coordinates = region.has_coordinates;
    l.lat = region.lat;
    l.lon = region.lon;
    l.precision = "admin1";
    l.rule = std::move(rule);
    NoteLocation(e);
  }

  void FillLocation(Event& e, const std::vector<Event>& events) {
    std::size_t s = e.sentence.index;
    std::uint32_t trigger = TriggerToken(e, frame_.tokenized->tokens);
    const places::PlaceMention* best = nullptr;
    std::size_t best_score = 0;
    for (const places::PlaceMention& p : Places(s)) {
      if (IsSide(e, s, p) || IsDatelineMention(s, p)) continue;
      std::size_t score = ClauseDistance(view_, trigger, p.first_token, p.end_token);
      // A homonym abroad ("Kobe" in a story about Mali) loses to a place
      // of the story's countries.
      if (!InArticle(p.country)) score += 40;
      if (!best || score < best_score) {
        best = &p;
        best_score = score;
      }
    }
    if (best) {
      SetLocation(e, *best, best->phrase_start, best->end, std::string(best->rule) + " in the sentence");
      return;
    }
    const auto& sentences = frame_.tokenized->sentences;
    std::uint32_t paragraph = sentences[s].paragraph;
    for (std::size_t p = s; p-- > 0 && sentences[p].paragraph == paragraph;) {
      const places::PlaceMention* last = nullptr;
      for (const places::PlaceMention& m : Places(p)) {
        if (m.cue != "bare" && !IsDatelineMention(p, m)) last = &m;
      }
      if (last) {
        SetLocation(e, *last, last->phrase_start, last->end,
                    std::string(last->rule) + " earlier in the paragraph");
        return;
      }
    }
    if (!MaterialType(e.type)) return;
    std::string_view dateline_country = dateline_ ? dateline_->country : std::string_view();
    const places::Place* region = ArticleRegion(events);
    if (region && (dateline_country.empty() || dateline_country == region->iso3)) {
      SetRegion(e, *region, "the article's region");
      return;
    }
    if (!dateline_country.empty()) {
      SetCountry(e, dateline_country, frame_.dateline, "the dateline's country");
      return;
    }
    if (!frame_.focus_country.empty()) SetCountry(e, frame_.focus_country, "", "the article's country");
  }

  // ---- casualties -----------------------------------------------------

  Actor VictimActor(std::size_t s, const CasualtyMention& c) const {
    Actor victim;
    if (c.victim_end <= c.victim_first) return victim;
    const auto& mentions = (*frame_.mentions)[s];
    for (const actors::Mention& m : mentions) {
      if (m.actors.empty()) continue;
      if (m.first < c.victim_end && c.victim_first <= m.last) {
        victim = m.actors.front();
        return victim;
      }
    }
    const auto& tokens = frame_.tokenized->tokens;
    victim.start = tokens[c.victim_first].start;
    victim.end = tokens[c.victim_end - 1].end;
    victim.text = Words(victim.start, victim.end);
    return victim;
  }

  void AddCasualty(Event& e, std::size_t s, const CasualtyMention& c, std::string rule) {
    CasualtyCount count;
    count.outcome = std::string(c.outcome);
    count.best = c.negated ? 0 : c.count.best;
    count.low = c.negated ? 0 : c.count.low;
    count.high = c.negated ? 0 : c.count.high;
    count.qualifier = c.negated ? std::string("none") : std::string(c.count.qualifier);
    Actor victim = VictimActor(s, c);
    count.has_victim = !victim.text.empty();
    count.victim = std::move(victim);
    count.text = Words(c.start, c.end);
    count.start = c.start;
    count.end = c.end;
    count.rule = std::move(rule);
    for (const CasualtyCount& had : e.casualties) {
      // The same figure told twice ("killing 15 ... the 15 dead") counts once.
      if (had.outcome == count.outcome && had.best == count.best) return;
    }
    if (trace_) Note("casualties of " + e.type + " \"" + e.trigger + "\": " + count.outcome + " " +
         std::to_string(count.best) + " from \"" + count.text + "\" (" + count.rule + ")");
    e.casualties.push_back(std::move(count));
  }

  // How far after an attack its toll may still be told ("At least 17
  // others were wounded" two sentences on).
  static constexpr std::size_t kTollSentences = 4;

  void FillCasualties(std::vector<Event>& events) {
    const auto& sentences = frame_.tokenized->sentences;
    // The event each sentence's counts go to: a count of "others" goes on
    // the toll told last; any other count to its sentence's nearest event
    // that takes the outcome, else to the attack just told.
    Event* last_attack = nullptr;
    std::size_t last_attack_sentence = 0;
    Event* last_toll = nullptr;
    std::size_t last_toll_sentence = 0;
    std::size_t next_event = 0;
    auto add = [&](Event& e, std::size_t s, const CasualtyMention& c, std::string_view where) {
      AddCasualty(e, s, c, std::string(c.rule) + std::string(where));
      last_toll = &e;
      last_toll_sentence = s;
    };
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      std::size_t first_event = next_event;
      while (next_event < events.size() && events[next_event].sentence.index == s) ++next_event;
      std::span<Event> own(events.data() + first_event, next_event - first_event);
      bool has_own_events = !own.empty();
      bool has_own_attack = false;
      for (const Event& e : own) has_own_attack = has_own_attack || TakesAnyOutcome(e.type);
      // Tolls are read where they can attach: sentences with attacks or
      // arrests, and the few after one.
      bool after_attack = last_attack && s - last_attack_sentence <= kTollSentences;
      if (!has_own_attack && !after_attack) continue;
      for (const CasualtyMention& c : Casualties(s)) {
        if (c.outcome == "casualties" || c.subset) continue;  // not a figure of its own
        if (c.cumulative) {
          if (trace_) {
            Note("casualties \"" + Words(c.start, c.end) + "\": a running toll; not one event's");
          }
          continue;
        }
        // "Eight other soldiers were wounded", "At least 17 others were
        // wounded": the toll told last goes on.
        if (c.victim_is_others && last_toll && s - last_toll_sentence <= kTollSentences &&
            TakesOutcome(last_toll->type, c.outcome)) {
          add(*last_toll, s, c, " continuing the toll");
          continue;
        }
        Event* target = nullptr;
        std::size_t best_distance = 0;
        for (Event& e : own) {
          if (!TakesOutcome(e.type, c.outcome)) continue;
          std::uint32_t trigger = TriggerToken(e, frame_.tokenized->tokens);
          std::size_t distance = ClauseDistance(view_, trigger, c.first_token, c.end_token);
          if (!target || distance < best_distance) {
            target = &e;
            best_distance = distance;
          }
        }
        if (target) {
          add(*target, s, c, " in the sentence");
          continue;
        }
        // "Three soldiers were killed. Two others were wounded.": a toll
        // with no event of its own belongs to the attack just told.
        bool near = last_attack && s - last_attack_sentence <= 2 &&
                    (sentences[s].paragraph == sentences[last_attack_sentence].paragraph ||
                     sentences[s].paragraph == sentences[last_attack_sentence].paragraph + 1);
        if (!has_own_events && near && TakesOutcome(last_attack->type, c.outcome)) {
          add(*last_attack, s, c, " after the event");
          continue;
        }
        if (trace_) Note("casualties \"" + Words(c.start, c.end) + "\": no event to attach to");
      }
      for (Event& e : own) {
        if (e.type == "ASSAULT" || e.type == "COERCE") {
          last_attack = &e;
          last_attack_sentence = s;
        }
      }
    }
  }

  const AttributeReader::Data& data_;
  const ArticleFrame& frame_;
  const actors::TokenView& view_;
  std::vector<SentenceFacts> facts_;
  std::vector<std::uint64_t> hashes_;  // LowerWordHash of every token of the article
  std::vector<std::string>* trace_;
  std::optional<CivilDate> published_;
  places::PlaceContext place_context_;
  std::optional<places::PlaceMention> dateline_;
  bool region_read_ = false;
  bool dateline_end_read_ = false;
  std::uint32_t dateline_end_ = 0;
  std::optional<places::Place> article_region_;
};

}  // namespace

Result<AttributeReader> AttributeReader::Load(const DataFiles& files) {
  auto dates = DateReader::Load(files);
  if (!dates.ok()) return dates.status();
  auto casualties = CasualtyReader::Load(files);
  if (!casualties.ok()) return casualties.status();
  auto gazetteer = places::Gazetteer::LoadBuiltin();
  if (!gazetteer.ok()) return gazetteer.status();
  return AttributeReader(std::make_shared<const Data>(
      Data{std::move(*dates), std::move(*casualties), std::move(*gazetteer)}));
}

void AttributeReader::Fill(const ArticleFrame& frame, std::vector<Event>& events,
                           std::vector<std::string>* trace) const {
  if (events.empty() || !frame.tokenized || !frame.view || !frame.mentions) return;
  Filler(*data_, frame, trace).Run(events);
}

}  // namespace khaldun::attributes
