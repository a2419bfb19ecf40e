// Coding an article: sentences -> mentions -> events, and the records
// written for them.
#include "khaldun/code.h"

#include <cstdio>
#include <map>
#include <utility>

#include "actors/actor_dictionary.h"
#include "actors/mentions.h"
#include "attributes/attributes.h"
#include "common/data_files.h"
#include "common/json_writer.h"
#include "common/text.h"
#include "events/event_coder.h"
#include "quotes/quotes.h"
#include "text/sentences.h"

namespace khaldun {

struct CodingResources::Impl {
  text::SentenceSplitter splitter;
  actors::ActorDictionary dictionary;
  events::EventCoder coder;
  quotes::QuoteFinder quotes;
  attributes::AttributeReader attributes;
};

namespace {

Result<CodingResources::Impl> LoadImpl(const DataFiles& files) {
  auto splitter = text::SentenceSplitter::Load(files);
  if (!splitter.ok()) return splitter.status();
  auto dictionary = actors::ActorDictionary::Load(files, *splitter);
  if (!dictionary.ok()) return dictionary.status();
  auto coder = events::EventCoder::Load(files, *splitter);
  if (!coder.ok()) return coder.status();
  auto quote_finder = quotes::QuoteFinder::Load(files);
  if (!quote_finder.ok()) return quote_finder.status();
  auto attribute_reader = attributes::AttributeReader::Load(files);
  if (!attribute_reader.ok()) return attribute_reader.status();
  return CodingResources::Impl{std::move(*splitter), std::move(*dictionary), std::move(*coder),
                               std::move(*quote_finder), std::move(*attribute_reader)};
}

int YearOf(std::string_view date) {
  if (date.size() < 4) return 0;
  int y = 0;
  for (char c : date.substr(0, 4)) {
    if (c < '0' || c > '9') return 0;
    y = y * 10 + (c - '0');
  }
  return y;
}

// News outlets named as the reporter of a sentence ("AFP reported",
// "according to Reuters", "told Al-Fassel") are not parties to its events.
void MarkReporters(const actors::TokenView& view, std::size_t first, std::size_t end,
                   std::vector<actors::Mention>& mentions, std::vector<std::string>& reported_by) {
  // As written ("AFP", "the health ministry"): the words a reader checks
  // against the page.
  auto add = [&](const Actor& a) {
    const std::string& name = a.text.empty() ? a.name : a.text;
    if (std::find(reported_by.begin(), reported_by.end(), name) == reported_by.end()) {
      reported_by.push_back(name);
    }
  };
  for (auto& m : mentions) {
    bool media = !m.actors.empty();
    for (const Actor& a : m.actors) media = media && a.role == "MED";
    if (!media) {
      // "the army said", "according to the health ministry": the source
      // of the account, who may also be a party to the events.
      if (m.actors.empty() || m.modifier_only) continue;
      std::string_view after = m.last + 1 < end ? view.Lower(m.last + 1) : std::string_view();
      bool told = after == "said" || after == "says" || after == "told" || after == "reported" ||
                  after == "stated" || after == "announced" || after == "claimed" ||
                  after == "added";
      bool according = m.first > first + 1 && view.Lower(m.first - 1) == "to" &&
                       view.Lower(m.first - 2) == "according";
      if (m.first > first + 2 && view.Lower(m.first - 1) == "the" &&
          view.Lower(m.first - 2) == "to" && view.Lower(m.first - 3) == "according") {
        according = true;
      }
      if (told || according) {
        for (const Actor& a : m.actors) add(a);
      }
      continue;
    }
    std::string_view next = m.last + 1 < end ? view.Lower(m.last + 1) : std::string_view();
    std::string_view prev = m.first > first ? view.Lower(m.first - 1) : std::string_view();
    std::string_view prev2 = m.first > first + 1 ? view.Lower(m.first - 2) : std::string_view();
    if (prev == "the" && m.first > first + 1) {
      prev = prev2;
      prev2 = m.first > first + 2 ? view.Lower(m.first - 3) : std::string_view();
    }
    bool reporting = next == "reported" || next == "reports" || next == "said" ||
                     next == "quoted" || next == "cited" || next == "," || next == "." ||
                     (prev == "to" && prev2 == "according") || prev == "told" || prev == "to";
    if (!reporting) continue;
    m.reporter = true;
    for (const Actor& a : m.actors) add(a);
  }
}

CodedArticle Code(Article article, const CodingResources::Impl& r, const CodeOptions& options,
                  std::vector<std::string>* trace, std::vector<actors::Mention>* all_mentions,
                  text::TokenizedText* tokenized_out) {
  CodedArticle coded;
  coded.article = std::move(article);
  const std::string& text = coded.article.text;
  text::TokenizedText tokenized = r.splitter.Split(text);
  coded.sentence_count = static_cast<std::uint32_t>(tokenized.sentences.size());
  coded.sentences.reserve(tokenized.sentences.size());
  for (const text::Sentence& s : tokenized.sentences) coded.sentences.push_back({s.start, s.end});
  std::string lower = actors::LowerAscii(text);
  actors::TokenView view{text, lower, &tokenized.tokens};

  // Pass 1: atoms everywhere, to find what country the story is about. The
  // headline and the dateline count more than a passing mention.
  std::map<std::string, int> votes;
  actors::AtomContext first_pass;
  first_pass.published_year = YearOf(coded.article.published);
  std::vector<std::string> named;
  std::vector<std::vector<actors::Atom>> first_atoms(tokenized.sentences.size());
  std::vector<char> needs_context(tokenized.sentences.size(), 0);
  for (std::size_t s = 0; s < tokenized.sentences.size(); ++s) {
    const auto& sent = tokenized.sentences[s];
    bool used = false;
    first_atoms[s] = actors::FindAtoms(view, sent.first_token,
                                       sent.first_token + sent.token_count, r.dictionary,
                                       first_pass, &named, &used);
    needs_context[s] = used;
    actors::CountCountries(first_atoms[s], r.dictionary, 1, votes);
  }
  for (const std::string& iso : named) votes[iso] += 2;  // shared forms: a vote each
  for (const auto& [extra, weight] : {std::pair<const std::string&, int>{coded.article.headline, 3},
                                      std::pair<const std::string&, int>{coded.article.dateline, 6}}) {
    if (extra.empty() || extra.size() > 4096) continue;
    text::TokenizedText extra_tokens = r.splitter.Split(extra);
    std::string extra_lower = actors::LowerAscii(extra);
    actors::TokenView extra_view{extra, extra_lower, &extra_tokens.tokens};
    auto atoms = actors::FindAtoms(extra_view, 0, extra_tokens.tokens.size(), r.dictionary,
                                   first_pass);
    actors::CountCountries(atoms, r.dictionary, weight, votes);
  }
  actors::ArticleContext context;
  context.focus_country = actors::FocusCountry(votes);
  context.published_year = first_pass.published_year;
  actors::AtomContext atom_context = first_pass;
  atom_context.focus_country = context.focus_country;
  for (const auto& [iso, n] : votes) atom_context.article_countries.push_back(iso);
  if (trace && !context.focus_country.empty()) {
    trace->push_back("focus country: " + context.focus_country);
  }

  std::vector<std::vector<actors::Mention>> sentence_mentions(tokenized.sentences.size());
  std::vector<std::uint32_t> per_paragraph;
  for (const auto& s : tokenized.sentences) {
    if (per_paragraph.size() <= s.paragraph) per_paragraph.resize(s.paragraph + 1, 0);
    ++per_paragraph[s.paragraph];
  }

  for (std::size_t s = 0; s < tokenized.sentences.size(); ++s) {
    const auto& sent = tokenized.sentences[s];
    std::size_t first = sent.first_token, end = first + sent.token_count;
    // Shared forms resolve against the story's countries; sentences
    // without them keep their first reading.
    std::vector<actors::Atom> atoms =
        needs_context[s] ? actors::FindAtoms(view, first, end, r.dictionary, atom_context)
                         : std::move(first_atoms[s]);
    context.sentence = static_cast<std::uint32_t>(s);
    auto mentions = actors::BuildMentions(view, first, end, atoms, r.dictionary, context);
    std::vector<std::string> reported_by;
    MarkReporters(view, first, end, mentions, reported_by);
    events::SentenceInfo info;
    info.index = static_cast<std::uint32_t>(s);
    info.published_year = context.published_year;
    info.focus_country = context.focus_country;
    info.whole_paragraph = per_paragraph[sent.paragraph] == 1;
    info.single_paragraph_text = per_paragraph.size() == 1;
    std::size_t before = coded.events.size();
    r.coder.CodeSentence(view, sent, info, mentions, coded.events, trace);
    for (std::size_t e = before; e < coded.events.size(); ++e) {
      Event& ev = coded.events[e];
      if (ev.confidence < options.min_confidence) continue;
      ev.id = Hex64(Hash64(coded.article.id + ":" + std::to_string(ev.spans[0].start) + ":" +
                           ev.rule));
    }
    std::erase_if(coded.events, [&](const Event& ev) { return ev.confidence < options.min_confidence; });
    if (all_mentions) all_mentions->insert(all_mentions->end(), mentions.begin(), mentions.end());
    for (std::size_t e = before; e < coded.events.size(); ++e) {
      coded.events[e].reported_by = reported_by;
    }
    sentence_mentions[s] = std::move(mentions);
  }

  std::vector<std::pair<std::uint32_t, std::uint32_t>> quoted;
  for (const auto& q : r.quotes.Find(text, tokenized)) {
    QuoteRecord rec;
    rec.speaker = q.speaker;
    rec.speaker_role = q.speaker_role;
    rec.start = q.start;
    rec.end = q.end;
    rec.text = text.substr(q.start, q.end - q.start);
    rec.sentence_index = q.sentence_index;
    coded.quotes.push_back(std::move(rec));
    if (q.direct) quoted.emplace_back(q.start, q.end);
  }

  attributes::ArticleFrame frame;
  frame.text = text;
  frame.tokenized = &tokenized;
  frame.view = &view;
  frame.mentions = &sentence_mentions;
  frame.quoted = quoted;
  frame.published = coded.article.published;
  frame.dateline = coded.article.dateline;
  frame.focus_country = context.focus_country;
  frame.article_countries = atom_context.article_countries;
  if (options.attributes) r.attributes.Fill(frame, coded.events, trace);
  if (tokenized_out) *tokenized_out = std::move(tokenized);
  return coded;
}

void AppendActor(std::string& out, const Actor& a) {
  JsonObjectWriter w(out);
  w.String("text", a.text);
  w.String("name", a.name);
  w.String("country", a.country);
  w.String("role", a.role);
  w.String("aligned_with", a.aligned_with);
  w.String("code", a.code);
  w.Bool("resolved", a.resolved);
  w.Bool("country_inferred", a.country_inferred);
  w.Close();
}

std::string ActorList(const std::vector<Actor>& side) {
  std::string out = "[";
  for (std::size_t i = 0; i < side.size(); ++i) {
    if (i) out += ',';
    AppendActor(out, side[i]);
  }
  out += ']';
  return out;
}

std::string DateJson(const EventDate& d) {
  std::string out;
  JsonObjectWriter w(out);
  w.String("value", d.value);
  w.String("precision", d.precision);
  w.String("text", d.text);
  w.Close();
  return out;
}

// Coordinates with five decimals (about a metre): GeoNames' own precision.
std::string Coordinate(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", v);
  return buf;
}

std::string LocationJson(const EventLocation& l) {
  std::string out;
  JsonObjectWriter w(out);
  w.String("country", l.country);
  w.String("admin1", l.admin1);
  w.String("admin1_code", l.admin1_code);
  w.String("place", l.place);
  if (l.has_coordinates) {
    w.Raw("lat", Coordinate(l.lat));
    w.Raw("lon", Coordinate(l.lon));
  } else {
    w.Null("lat");
    w.Null("lon");
  }
  w.String("precision", l.precision);
  w.Close();
  return out;
}

bool SameVictim(const CasualtyCount& a, const CasualtyCount& b) {
  if (a.has_victim != b.has_victim) return false;
  if (!a.has_victim) return true;
  return a.victim.start == b.victim.start && a.victim.end == b.victim.end;
}

constexpr std::string_view kOutcomes[] = {"killed", "injured", "kidnapped", "arrested",
                                           "displaced"};

// One entry per victim group, each outcome's best figure or null, and the
// bounds of figures that are not exact ("at least 20", "between 10 and 15").
// When an outcome is told for several groups ("killing two fighters and a
// civilian") a first entry with scope "total" sums them.
std::string CasualtiesJson(const std::vector<CasualtyCount>& counts) {
  std::string out = "[";
  std::vector<char> done(counts.size(), 0);
  bool first_entry = true;
  bool several = false;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    for (std::size_t j = i + 1; j < counts.size(); ++j) {
      several = several || (counts[i].outcome == counts[j].outcome && !SameVictim(counts[i], counts[j]));
    }
  }
  if (several) {
    JsonObjectWriter w(out);
    w.String("scope", "total");
    w.Null("victim");
    for (std::string_view outcome : kOutcomes) {
      bool any = false;
      std::int64_t sum = 0;
      for (const CasualtyCount& c : counts) {
        if (c.outcome != outcome) continue;
        any = true;
        sum += c.best;
      }
      if (any) {
        w.Number(outcome, sum);
      } else {
        w.Null(outcome);
      }
    }
    w.Raw("bounds", "{}");
    w.Null("text");
    w.Close();
    first_entry = false;
  }
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (done[i]) continue;
    std::vector<const CasualtyCount*> group;
    for (std::size_t j = i; j < counts.size(); ++j) {
      if (!done[j] && SameVictim(counts[i], counts[j])) {
        done[j] = 1;
        group.push_back(&counts[j]);
      }
    }
    if (!first_entry) out += ',';
    first_entry = false;
    JsonObjectWriter w(out);
    w.String("scope", "group");
    if (counts[i].has_victim) {
      std::string victim;
      AppendActor(victim, counts[i].victim);
      w.Raw("victim", victim);
    } else {
      w.Null("victim");
    }
    std::string bounds = "{";
    std::string text;
    for (std::string_view outcome : kOutcomes) {
      const CasualtyCount* c = nullptr;
      for (const CasualtyCount* g : group) {
        if (g->outcome == outcome) c = c ? c : g;
      }
      if (!c) {
        w.Null(outcome);
        continue;
      }
      w.Number(outcome, c->best);
      if (!c->qualifier.empty() || c->low != c->best || c->high != c->best) {
        if (bounds.size() > 1) bounds += ',';
        bounds += '"' + std::string(outcome) + "\":";
        JsonObjectWriter bw(bounds);
        bw.Number("low", c->low);
        if (c->high > 0) {
          bw.Number("high", c->high);
        } else {
          bw.Null("high");
        }
        bw.String("qualifier", c->qualifier);
        bw.Close();
      }
    }
    bounds += '}';
    w.Raw("bounds", bounds);
    for (const CasualtyCount* g : group) {
      if (text.find(g->text) != std::string::npos) continue;
      if (!text.empty()) text += " ... ";
      text += g->text;
    }
    w.String("text", text);
    w.Close();
  }
  out += ']';
  return out;
}

// Which words gave each attribute and the rule that read them.
std::string AttributeExplanationJson(const Event& e) {
  std::string out;
  JsonObjectWriter w(out);
  auto words = [](std::string& o, std::string_view rule, std::string_view text,
                   std::uint32_t start, std::uint32_t end) {
    JsonObjectWriter aw(o);
    aw.String("rule", rule);
    aw.String("text", text);
    aw.Number("start", start);
    aw.Number("end", end);
    aw.Close();
  };
  if (e.date.value.empty()) {
    w.Null("date");
  } else {
    std::string d;
    words(d, e.date.rule, e.date.text, e.date.start, e.date.end);
    w.Raw("date", d);
  }
  if (e.location.country.empty()) {
    w.Null("location");
  } else {
    std::string l;
    words(l, e.location.rule, e.location.place, e.location.start, e.location.end);
    w.Raw("location", l);
  }
  std::string c = "[";
  for (const CasualtyCount& count : e.casualties) {
    if (c.size() > 1) c += ',';
    words(c, count.rule, count.text, count.start, count.end);
  }
  c += ']';
  w.Raw("casualties", c);
  w.String("factuality", e.factuality_cue);
  w.Close();
  return out;
}

}  // namespace

Result<CodingResources> CodingResources::LoadBuiltin() {
  auto impl = LoadImpl(DataFiles::Default());
  if (!impl.ok()) return impl.status();
  return CodingResources(std::make_shared<const Impl>(std::move(*impl)));
}

Result<CodingResources> CodingResources::LoadFromDirectory(const std::string& data_dir) {
  auto impl = LoadImpl(DataFiles::Directory(data_dir));
  if (!impl.ok()) return impl.status();
  return CodingResources(std::make_shared<const Impl>(std::move(*impl)));
}

CodedArticle CodeArticle(Article article, const CodingResources& resources,
                         const CodeOptions& options) {
  return Code(std::move(article), resources.impl(), options, nullptr, nullptr, nullptr);
}

std::int64_t CasualtyTotal(const Event& event, std::string_view outcome) {
  std::int64_t total = 0;
  for (const CasualtyCount& c : event.casualties) {
    if (c.outcome == outcome) total += c.best;
  }
  return total;
}

std::string EventToJson(const CodedArticle& coded, const Event& e) {
  std::string out;
  out.reserve(1024);
  JsonObjectWriter w(out);
  w.String("record", "event");
  w.String("id", e.id);
  w.String("article_id", coded.article.id);
  w.String("type", e.type);
  w.String("cameo", e.cameo);
  w.String("mode", e.mode);
  w.Raw("source", ActorList(e.source));
  w.Raw("target", ActorList(e.target));
  w.Raw("date", DateJson(e.date));
  w.Raw("location", LocationJson(e.location));
  w.Raw("casualties", CasualtiesJson(e.casualties));
  w.String("factuality", e.factuality);
  w.StringList("reported_by", e.reported_by);
  {
    std::string sentence;
    JsonObjectWriter sw(sentence);
    sw.Number("index", e.sentence.index);
    const std::string& text = coded.article.text;
    sw.String("text", std::string_view(text).substr(e.sentence.start, e.sentence.end - e.sentence.start),
              false);
    sw.Number("start", e.sentence.start);
    sw.Number("end", e.sentence.end);
    sw.Close();
    w.Raw("sentence", sentence);
  }
  {
    std::string ex;
    JsonObjectWriter xw(ex);
    xw.String("rule", e.rule);
    xw.String("trigger", e.trigger);
    std::string spans = "[";
    bool first = true;
    for (const Span& s : e.spans) {
      if (!first) spans += ',';
      first = false;
      JsonObjectWriter pw(spans);
      pw.Number("start", s.start);
      pw.Number("end", s.end);
      pw.String("role", s.role);
      pw.Close();
    }
    spans += ']';
    xw.Raw("spans", spans);
    xw.Raw("attributes", AttributeExplanationJson(e));
    xw.Close();
    w.Raw("explanation", ex);
  }
  char conf[32];
  std::snprintf(conf, sizeof conf, "%.2f", e.confidence);
  w.Raw("confidence", conf);
  w.Close();
  return out;
}

std::string QuoteToJson(const CodedArticle& coded, const QuoteRecord& q) {
  std::string out;
  JsonObjectWriter w(out);
  w.String("record", "quote");
  w.String("article_id", coded.article.id);
  w.String("speaker", q.speaker);
  w.String("speaker_role", q.speaker_role);
  w.String("text", q.text, false);
  w.Number("sentence_index", q.sentence_index);
  w.Number("start", q.start);
  w.Number("end", q.end);
  w.Close();
  return out;
}

std::string ExplainSentence(std::string_view sentence, const CodingResources& resources,
                            std::string_view published) {
  const CodingResources::Impl& r = resources.impl();
  Article article;
  article.text = std::string(sentence);
  article.published = std::string(published);
  article.id = ArticleId("explain:", sentence);
  std::vector<std::string> trace;
  std::vector<actors::Mention> mentions;
  text::TokenizedText tokenized;
  CodedArticle coded = Code(std::move(article), r, CodeOptions{}, &trace, &mentions, &tokenized);
  const std::string& text = coded.article.text;
  std::string out;
  out += "sentences: " + std::to_string(tokenized.sentences.size()) + "\n";
  out += "tokens:";
  for (std::size_t i = 0; i < tokenized.tokens.size(); ++i) {
    const auto& t = tokenized.tokens[i];
    out += " [" + std::to_string(i) + "]" + text.substr(t.start, t.end - t.start);
  }
  out += "\n\nactors:\n";
  if (mentions.empty()) out += "  (none)\n";
  for (const auto& m : mentions) {
    for (const Actor& a : m.actors) {
      out += "  \"" + a.text + "\" tokens " + std::to_string(m.first) + "-" +
             std::to_string(m.last) + ": ";
      out += "country=" + (a.country.empty() ? std::string("-") : a.country);
      out += " role=" + (a.role.empty() ? std::string("-") : a.role);
      out += " name=" + (a.name.empty() ? std::string("-") : a.name);
      out += " aligned_with=" + (a.aligned_with.empty() ? std::string("-") : a.aligned_with);
      out += " code=" + (a.code.empty() ? std::string("-") : a.code);
      if (m.modifier_only) out += " [modifier]";
      if (m.place) out += " [place]";
      if (m.reporter) out += " [reporter]";
      if (a.resolved) out += " [resolved]";
      out += "\n    entries: " + a.entry + "\n";
    }
  }
  out += "\nrules:\n";
  if (trace.empty()) out += "  (no rule matched)\n";
  for (const auto& line : trace) out += "  " + line + "\n";
  out += "\nevents:\n";
  if (coded.events.empty()) out += "  (none)\n";
  auto side = [](const std::vector<Actor>& actors) {
    std::string s;
    for (const Actor& a : actors) {
      if (!s.empty()) s += ", ";
      s += a.code.empty() ? a.text : a.code;
      s += " (\"" + a.text + "\")";
    }
    return s.empty() ? std::string("-") : s;
  };
  for (const Event& e : coded.events) {
    out += "  " + e.type + " " + e.cameo + "  " + side(e.source) + " -> " + side(e.target) +
           "  [" + e.factuality +
           (e.factuality_cue.empty() ? std::string() : " (\"" + e.factuality_cue + "\")") +
           ", rule " + e.rule + ", trigger \"" + e.trigger + "\"]\n";
    if (!e.date.value.empty()) {
      out += "    date " + e.date.value + " from \"" + e.date.text + "\" (" + e.date.rule + ")\n";
    }
    if (!e.location.country.empty()) {
      out += "    place " + e.location.country +
             (e.location.admin1.empty() ? std::string() : " / " + e.location.admin1) +
             (e.location.place.empty() ? std::string() : " from \"" + e.location.place + "\"") +
             " (" + e.location.rule + ", " + e.location.precision + ")\n";
    }
    for (const CasualtyCount& c : e.casualties) {
      out += "    " + c.outcome + " " + std::to_string(c.best) +
             (c.has_victim ? " (" + c.victim.text + ")" : std::string()) + " from \"" + c.text +
             "\" (" + c.rule + ")\n";
    }
  }
  return out;
}

}  // namespace khaldun
