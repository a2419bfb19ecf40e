// Shared by the store tests: a fresh database of either backend, and coded
// articles built by hand with every attribute filled (dates, places,
// casualties), since the attribute stage may not fill them yet.
#ifndef KHALDUN_TESTS_STORE_STORE_TESTING_H_
#define KHALDUN_TESTS_STORE_STORE_TESTING_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "khaldun/code.h"
#include "khaldun/ingest.h"
#include "khaldun/store.h"
#include "store/pg_server.h"
#include "testing/run_cli.h"

namespace khaldun::testing {

// A URL for an empty database of `backend` ("sqlite" or "postgresql"),
// or empty with `skip` set when PostgreSQL is not available.
inline std::string FreshDatabase(const std::string& backend, const TempDir& dir,
                                 std::string* skip) {
  static int counter = 0;
  if (backend == "sqlite")
    return (dir.path() / ("db" + std::to_string(++counter) + ".db")).string();
  PgServer& server = SharedPgServer();
  if (!server.available()) {
    *skip = "PostgreSQL tests skipped: " + server.error();
    return {};
  }
  std::string url =
      server.CreateDatabase("t" + std::to_string(getpid()) + "_" + std::to_string(++counter));
  if (url.empty()) *skip = "createdb failed";
  return url;
}

inline Actor MakeActor(std::string code, std::string name, std::string country, std::string role,
                       std::string text) {
  Actor a;
  a.code = std::move(code);
  a.name = std::move(name);
  a.country = std::move(country);
  a.role = std::move(role);
  a.text = std::move(text);
  return a;
}

struct EventSpec {
  std::string type = "ASSAULT";
  std::string cameo = "190";
  std::string mode;
  std::string date;  // "YYYY-MM-DD", "YYYY-MM" or empty
  std::string country = "IRQ";
  std::string admin1 = "Al Anbar";
  bool coordinates = true;
  double lat = 33.05, lon = 40.28;
  std::vector<Actor> source = {MakeActor("USAMIL", "", "USA", "MIL", "US forces")};
  std::vector<Actor> target = {MakeActor("IMGINSISI", "Islamic State", "", "INS", "ISIS fighters")};
  std::int64_t killed = 15;
  std::string factuality = "asserted";
};

// An article whose body is `sentences` joined by spaces, one event per
// spec, the i-th event on the i-th sentence.
inline CodedArticle MakeArticle(const std::string& id, const std::string& url,
                                const std::string& published,
                                const std::vector<std::string>& sentences,
                                const std::vector<EventSpec>& specs) {
  CodedArticle coded;
  Article& a = coded.article;
  a.id = id;
  a.url = url;
  a.source_file = "test.jsonl";
  a.headline = "Headline of " + id;
  a.published = published;
  a.language = "en";
  a.byline = {"A. Writer"};
  std::vector<std::pair<std::uint32_t, std::uint32_t>> offsets;
  for (const auto& s : sentences) {
    if (!a.text.empty()) a.text += ' ';
    offsets.emplace_back(static_cast<std::uint32_t>(a.text.size()),
                         static_cast<std::uint32_t>(a.text.size() + s.size()));
    a.text += s;
  }
  a.paragraphs = {a.text};
  coded.sentence_count = static_cast<std::uint32_t>(sentences.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    const EventSpec& spec = specs[i];
    Event e;
    e.id = id + "e" + std::to_string(i);
    e.type = spec.type;
    e.cameo = spec.cameo;
    e.mode = spec.mode;
    e.factuality = spec.factuality;
    e.source = spec.source;
    e.target = spec.target;
    e.reported_by = {"AFP"};
    e.rule = "rule-" + spec.type;
    e.trigger = "attacked";
    e.confidence = 0.75;
    size_t s = std::min(i, offsets.size() - 1);
    e.sentence = {static_cast<std::uint32_t>(s), offsets[s].first, offsets[s].second};
    e.spans = {{offsets[s].first, offsets[s].first + 4, "source"}};
    if (!spec.date.empty()) {
      e.date.value = spec.date;
      e.date.precision = spec.date.size() == 10 ? "day" : spec.date.size() == 7 ? "month" : "year";
      e.date.text = "on Thursday";
      e.date.rule = "weekday";
      e.date.start = offsets[s].first;
      e.date.end = offsets[s].first + 2;
    }
    e.location.country = spec.country;
    e.location.admin1 = spec.admin1;
    e.location.admin1_code = spec.admin1.empty() ? "" : "IQ-AN";
    e.location.place = spec.admin1.empty() ? "" : "near Rutba";
    e.location.precision = spec.coordinates ? "near" : (spec.admin1.empty() ? "country" : "admin1");
    e.location.has_coordinates = spec.coordinates;
    e.location.lat = spec.lat;
    e.location.lon = spec.lon;
    e.location.rule = "near-place";
    e.location.start = offsets[s].first;
    e.location.end = offsets[s].first + 3;
    if (spec.killed > 0) {
      CasualtyCount c;
      c.outcome = "killed";
      c.best = spec.killed;
      c.low = spec.killed;
      c.high = spec.killed + 5;
      c.qualifier = "at least";
      c.has_victim = true;
      c.victim = spec.target.empty() ? Actor{} : spec.target.front();
      c.text = "killing " + std::to_string(spec.killed);
      c.start = offsets[s].first;
      c.end = offsets[s].first + 5;
      c.rule = "killing-N";
      e.casualties.push_back(c);
      CasualtyCount injured;
      injured.outcome = "injured";
      injured.best = injured.low = injured.high = 2;
      injured.text = "two wounded";
      e.casualties.push_back(injured);
    }
    coded.events.push_back(std::move(e));
  }
  QuoteRecord q;
  q.speaker = "Yahya Rasool";
  q.speaker_role = "spokesman";
  q.text = "We will continue";
  q.sentence_index = 0;
  q.start = 0;
  q.end = 4;
  coded.quotes.push_back(q);
  return coded;
}

// Three reports of one raid (two articles, one of them telling it twice)
// and one different raid eleven days later.
inline std::vector<CodedArticle> RaidCorpus() {
  EventSpec raid;
  raid.date = "2024-08-29";
  EventSpec raid_next_day = raid;
  raid_next_day.date = "2024-08-30";
  raid_next_day.coordinates = false;
  EventSpec later = raid;
  later.date = "2024-09-09";
  EventSpec talks;
  talks.type = "CONSULT";
  talks.cameo = "040";
  talks.date = "2024-08-29";
  talks.source = {MakeActor("USAGOV", "", "USA", "GOV", "Washington")};
  talks.target = {MakeActor("IRQGOV", "", "IRQ", "GOV", "Baghdad")};
  talks.killed = 0;
  talks.coordinates = false;
  talks.admin1 = "";
  return {
      MakeArticle("a000000000000001", "https://www.example.com/raid", "2024-08-30",
                  {"US forces killed 15 ISIS fighters in a raid near Rutba on Thursday.",
                   "The raid in Anbar killed at least 15 militants, officials said.",
                   "US and Iraqi officials met in Baghdad."},
                  {raid, raid_next_day, talks}),
      MakeArticle("a000000000000002", "https://news.example.org/iraq/raid", "2024-08-31",
                  {"A US raid killed 15 Islamic State fighters in western Iraq."}, {raid}),
      MakeArticle("a000000000000003", "https://news.example.org/iraq/raid-2", "2024-09-10",
                  {"US forces killed 15 ISIS fighters in another raid."}, {later}),
  };
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTS_STORE_STORE_TESTING_H_
