// The store against real databases: every test runs on a SQLite file and
// on a PostgreSQL server this program starts itself (pg_server.h).
#include "khaldun/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <string>

#include "store/store_testing.h"

namespace khaldun {
namespace {

using testing::EventSpec;
using testing::MakeArticle;
using testing::RaidCorpus;
using testing::TempDir;

// Builds an EventFilter field by field (designated initializers would
// warn about the fields left out).
struct Filter {
  template <typename T, typename V>
  Filter Set(T EventFilter::*field, V value) const {
    Filter copy = *this;
    copy.filter.*field = value;
    return copy;
  }
  EventFilter filter;
};

template <typename T, typename V>
MergeOptions Merging(T MergeOptions::*field, V value) {
  MergeOptions options;
  options.*field = value;
  return options;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    url_ = testing::FreshDatabase(GetParam(), dir_, &skip);
    if (url_.empty()) GTEST_SKIP() << skip;
  }
  std::unique_ptr<Store> Open(StoreOptions options = {}) {
    auto store = Store::Open(url_, options);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(*store) : nullptr;
  }
  StoreCounts Counts(Store& store) {
    auto counts = store.Counts();
    EXPECT_TRUE(counts.ok()) << counts.status().message();
    return counts.ok() ? *counts : StoreCounts{};
  }
  void PutAll(Store& store, const std::vector<CodedArticle>& articles) {
    for (const auto& a : articles) {
      auto put = store.Put(a);
      ASSERT_TRUE(put.ok()) << put.status().message();
    }
    ASSERT_TRUE(store.Flush().ok());
  }

  TempDir dir_;
  std::string url_;
};

TEST_P(StoreTest, OpenMigratesToTheLatestVersionOnceAndAgainIsANoOp) {
  auto store = Open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->backend(), GetParam());
  auto version = store->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, Store::LatestSchemaVersion());
  EXPECT_TRUE(store->Migrate().ok());
  auto second = Open();
  ASSERT_TRUE(second);
  EXPECT_EQ(*second->SchemaVersion(), Store::LatestSchemaVersion());
}

TEST_P(StoreTest, EveryFieldOfAnEventReadsBackAsStored) {
  auto store = Open();
  ASSERT_TRUE(store);
  std::vector<CodedArticle> corpus = RaidCorpus();
  PutAll(*store, corpus);
  EventFilter all;
  all.include_merged = true;
  auto events = store->Events(all);
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 5u);
  const CodedArticle& article = corpus[0];
  const Event& want = article.events[0];
  auto it = std::find_if(events->begin(), events->end(),
                         [&](const StoredEvent& s) { return s.event.id == want.id; });
  ASSERT_NE(it, events->end());
  const StoredEvent& got = *it;
  EXPECT_EQ(got.article_id, article.article.id);
  EXPECT_EQ(got.url, "https://www.example.com/raid");
  EXPECT_EQ(got.source, "example.com");
  EXPECT_EQ(got.published, "2024-08-30");
  EXPECT_EQ(got.headline, article.article.headline);
  EXPECT_EQ(got.language, "en");
  EXPECT_EQ(got.event_date, "2024-08-29");
  EXPECT_EQ(got.date_basis, "event");
  EXPECT_EQ(got.sentence_text,
            "US forces killed 15 ISIS fighters in a raid near Rutba on Thursday.");
  EXPECT_EQ(got.stored_at.size(), 19u);
  const Event& e = got.event;
  EXPECT_EQ(e.type, want.type);
  EXPECT_EQ(e.cameo, want.cameo);
  EXPECT_EQ(e.factuality, want.factuality);
  EXPECT_EQ(e.reported_by, want.reported_by);
  EXPECT_EQ(e.rule, want.rule);
  EXPECT_EQ(e.trigger, want.trigger);
  EXPECT_DOUBLE_EQ(e.confidence, want.confidence);
  EXPECT_EQ(e.sentence.index, want.sentence.index);
  EXPECT_EQ(e.sentence.start, want.sentence.start);
  EXPECT_EQ(e.sentence.end, want.sentence.end);
  ASSERT_EQ(e.spans.size(), 1u);
  EXPECT_EQ(e.spans[0].role, "source");
  EXPECT_EQ(e.spans[0].end, want.spans[0].end);
  EXPECT_EQ(e.date.value, want.date.value);
  EXPECT_EQ(e.date.precision, "day");
  EXPECT_EQ(e.date.text, want.date.text);
  EXPECT_EQ(e.date.rule, want.date.rule);
  EXPECT_EQ(e.date.end, want.date.end);
  EXPECT_EQ(e.location.country, "IRQ");
  EXPECT_EQ(e.location.admin1, "Al Anbar");
  EXPECT_EQ(e.location.admin1_code, "IQ-AN");
  EXPECT_EQ(e.location.place, "near Rutba");
  EXPECT_EQ(e.location.precision, "near");
  EXPECT_TRUE(e.location.has_coordinates);
  EXPECT_DOUBLE_EQ(e.location.lat, 33.05);
  EXPECT_DOUBLE_EQ(e.location.lon, 40.28);
  EXPECT_EQ(e.location.rule, "near-place");
  ASSERT_EQ(e.source.size(), 1u);
  EXPECT_EQ(e.source[0].code, "USAMIL");
  EXPECT_EQ(e.source[0].country, "USA");
  EXPECT_EQ(e.source[0].role, "MIL");
  EXPECT_EQ(e.source[0].text, "US forces");
  ASSERT_EQ(e.target.size(), 1u);
  EXPECT_EQ(e.target[0].name, "Islamic State");
  ASSERT_EQ(e.casualties.size(), 2u);
  EXPECT_EQ(e.casualties[0].outcome, "killed");
  EXPECT_EQ(e.casualties[0].best, 15);
  EXPECT_EQ(e.casualties[0].high, 20);
  EXPECT_EQ(e.casualties[0].qualifier, "at least");
  EXPECT_TRUE(e.casualties[0].has_victim);
  EXPECT_EQ(e.casualties[0].victim.code, "IMGINSISI");
  EXPECT_EQ(e.casualties[1].outcome, "injured");
  EXPECT_FALSE(e.casualties[1].has_victim);

  // An event without a date is filed under the publication date.
  auto talks = std::find_if(events->begin(), events->end(),
                            [](const StoredEvent& s) { return s.event.type == "CONSULT"; });
  ASSERT_NE(talks, events->end());
  EXPECT_FALSE(talks->event.location.has_coordinates);
  EXPECT_TRUE(talks->event.casualties.empty());

  StoreCounts counts = Counts(*store);
  EXPECT_EQ(counts.articles, 3);
  EXPECT_EQ(counts.events, 5);
  EXPECT_EQ(counts.evidence, 5);
  EXPECT_EQ(counts.quotes, 3);
  EXPECT_EQ(counts.event_actors, 10);
  EXPECT_EQ(counts.actors, 4);  // USAMIL, ISIS, USAGOV, IRQGOV: shared rows
  EXPECT_EQ(counts.casualties, 8);
  EXPECT_GE(counts.sentences, 5);
  EXPECT_TRUE(store->Check().ok());
}

TEST_P(StoreTest, StoringTheSameArticleAgainAddsNothing) {
  auto store = Open();
  ASSERT_TRUE(store);
  std::vector<CodedArticle> corpus = RaidCorpus();
  PutAll(*store, corpus);
  StoreCounts before = Counts(*store);
  for (const auto& a : corpus) {
    auto contains = store->Contains(a.article);
    ASSERT_TRUE(contains.ok());
    EXPECT_TRUE(*contains);
    auto put = store->Put(a);
    ASSERT_TRUE(put.ok());
    EXPECT_EQ(*put, PutOutcome::kUnchanged);
  }
  ASSERT_TRUE(store->Flush().ok());
  StoreCounts after = Counts(*store);
  EXPECT_EQ(after.articles, before.articles);
  EXPECT_EQ(after.events, before.events);
  EXPECT_EQ(after.sentences, before.sentences);
  EXPECT_EQ(after.actors, before.actors);
  EXPECT_EQ(after.quotes, before.quotes);
  // And from a second connection, as a re-run would.
  auto again = Open();
  ASSERT_TRUE(again);
  for (const auto& a : corpus) EXPECT_EQ(*again->Put(a), PutOutcome::kUnchanged);
  ASSERT_TRUE(again->Flush().ok());
  EXPECT_EQ(again->committed_articles(), 0);
  EXPECT_EQ(Counts(*again).events, before.events);
}

TEST_P(StoreTest, AChangedPageReplacesItsRowsWhole) {
  auto store = Open();
  ASSERT_TRUE(store);
  PutAll(*store, RaidCorpus());
  EventSpec protest;
  protest.type = "PROTEST";
  protest.cameo = "141";
  protest.date = "2024-08-29";
  CodedArticle changed = MakeArticle("a000000000000001", "https://www.example.com/raid",
                                     "2024-08-30", {"Crowds protested in Baghdad."}, {protest});
  Article probe = changed.article;
  EXPECT_FALSE(*store->Contains(probe));
  auto put = store->Put(changed);
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(*put, PutOutcome::kReplaced);
  ASSERT_TRUE(store->Flush().ok());
  EventFilter filter;
  filter.article_id = "a000000000000001";
  filter.include_merged = true;
  auto events = store->Events(filter);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].event.type, "PROTEST");
  StoreCounts counts = Counts(*store);
  EXPECT_EQ(counts.articles, 3);
  EXPECT_EQ(counts.events, 3);
  EXPECT_EQ(counts.evidence, 3);
  EXPECT_TRUE(store->Check().ok());
}

TEST_P(StoreTest, FiltersSelectByDateTypeCountryActorAndText) {
  auto store = Open();
  ASSERT_TRUE(store);
  PutAll(*store, RaidCorpus());
  auto count = [&](const Filter& filter) {
    EventFilter f = filter.filter;
    f.include_merged = true;
    auto events = store->Events(f);
    EXPECT_TRUE(events.ok()) << events.status().message();
    return events.ok() ? events->size() : 0u;
  };
  EXPECT_EQ(count(Filter()), 5u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::since, "2024-09-01")), 1u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::until, "2024-08-29")), 3u);
  EXPECT_EQ(
      count(Filter().Set(&EventFilter::since, "2024-08-30").Set(&EventFilter::until, "2024-08-30")),
      1u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::type, "CONSULT")), 1u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::country, "IRQ")), 5u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::country, "SYR")), 0u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::actor, "USAGOV")), 1u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::actor, "Islamic State")), 4u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::search, "Islamic State fighters")), 1u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::search, "Rutba")), 3u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::limit, 2)), 2u);
  // Parameters, never SQL: quotes and operators are plain text.
  EXPECT_EQ(count(Filter().Set(&EventFilter::country, "IRQ' OR '1'='1")), 0u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::actor, "x'); DROP TABLE events; --")), 0u);
  EXPECT_EQ(count(Filter().Set(&EventFilter::search, "\"unbalanced AND ( OR")), 0u);
  EXPECT_EQ(count(Filter()), 5u);
  auto hits = store->SearchSentences("Anbar militants", 10);
  ASSERT_TRUE(hits.ok()) << hits.status().message();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].article_id, "a000000000000001");
  EXPECT_EQ((*hits)[0].index, 1u);
}

TEST_P(StoreTest, ABatchIsInvisibleUntilCommittedAndReadersAreNotBlocked) {
  StoreOptions options;
  options.batch_articles = 2;
  auto writer = Open(options);
  ASSERT_TRUE(writer);
  std::vector<CodedArticle> corpus = RaidCorpus();
  ASSERT_TRUE(writer->Put(corpus[0]).ok());
  EXPECT_EQ(writer->committed_articles(), 0);
  // A reader on another connection, while the writer holds its
  // transaction open, reads the committed state at once.
  auto reader = Open();
  ASSERT_TRUE(reader);
  EXPECT_EQ(Counts(*reader).articles, 0);
  ASSERT_TRUE(writer->Put(corpus[1]).ok());  // fills the batch: committed
  EXPECT_EQ(writer->committed_articles(), 2);
  ASSERT_TRUE(writer->Put(corpus[2]).ok());
  EXPECT_EQ(Counts(*reader).articles, 2);
  ASSERT_TRUE(writer->Flush().ok());
  EXPECT_EQ(writer->committed_articles(), 3);
  EXPECT_EQ(Counts(*reader).articles, 3);
}

TEST_P(StoreTest, RepeatedReportsMergeAndTheMergeIsExplainedAndReversible) {
  auto store = Open();
  ASSERT_TRUE(store);
  PutAll(*store, RaidCorpus());
  auto stats = store->Merge({});
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->reports, 5);
  EXPECT_EQ(stats->merged, 2);
  EXPECT_EQ(stats->groups, 1);
  auto events = store->Events({});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);  // the raid, the later raid, the talks
  auto raid = std::find_if(events->begin(), events->end(),
                           [](const StoredEvent& s) { return s.event.id == "a000000000000001e0"; });
  ASSERT_NE(raid, events->end());
  EXPECT_EQ(raid->report_count, 3);
  EXPECT_EQ(raid->article_count, 2);
  EXPECT_EQ(raid->source_count, 2);
  EXPECT_EQ(raid->sources, (std::vector<std::string>{"example.com", "news.example.org"}));
  EXPECT_EQ(raid->urls.size(), 2u);
  auto merges = store->Merges("a000000000000001e0");
  ASSERT_TRUE(merges.ok());
  ASSERT_EQ(merges->size(), 2u);
  std::map<std::string, std::string> reason;
  for (const auto& m : *merges) reason[m.event_id] = m.reason;
  EXPECT_NE(reason["a000000000000002e0"].find("same type ASSAULT"), std::string::npos);
  EXPECT_NE(reason["a000000000000002e0"].find("shared source USAMIL"), std::string::npos);
  EXPECT_NE(reason["a000000000000002e0"].find("0.0 km apart"), std::string::npos);
  EXPECT_NE(reason["a000000000000001e1"].find("same article"), std::string::npos);
  EXPECT_NE(reason["a000000000000001e1"].find("1 days apart"), std::string::npos);
  EXPECT_EQ(Counts(*store).merged_events, 3);

  // Other thresholds, without re-coding: a zero-day window keeps only the
  // same-day reports together.
  stats = store->Merge(Merging(&MergeOptions::window_days, 0));
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->merged, 1);
  EXPECT_EQ(Counts(*store).merged_events, 4);
  // A wider window still never joins the raid eleven days later.
  stats = store->Merge(Merging(&MergeOptions::window_days, 7));
  EXPECT_EQ(stats->merged, 2);
  // Off: every report is its own event again.
  stats = store->Merge(Merging(&MergeOptions::enabled, false));
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->merged, 0);
  StoreCounts counts = Counts(*store);
  EXPECT_EQ(counts.merged_events, 5);
  EXPECT_EQ(counts.merges, 0);
  EXPECT_TRUE(store->Check().ok());
}

TEST_P(StoreTest, TheMergeIsTheSameWhateverItsChunkSize) {
  auto store = Open();
  ASSERT_TRUE(store);
  // 48 reports over 12 days, four a day, of two types and two places,
  // by alternating forces: many groups, some across chunk edges.
  std::vector<CodedArticle> corpus;
  for (int i = 0; i < 48; ++i) {
    EventSpec spec;
    spec.type = i % 3 == 0 ? "PROTEST" : "ASSAULT";
    char date[16];
    std::snprintf(date, sizeof date, "2024-03-%02d", 1 + i / 4);
    spec.date = date;
    if (i % 5 == 0) {
      spec.admin1 = "Nineveh";
      spec.lat = 36.34;
      spec.lon = 43.13;
    }
    if (i % 7 == 0) spec.source = {testing::MakeActor("IRQMIL", "", "IRQ", "MIL", "Iraqi troops")};
    char id[20];
    std::snprintf(id, sizeof id, "c%015d", i);
    corpus.push_back(MakeArticle(id, std::string("https://example.net/") + id, date,
                                 {"Forces clashed near the town."}, {spec}));
  }
  PutAll(*store, corpus);
  auto snapshot = [&]() {
    std::vector<std::string> rows;
    EventFilter all;
    all.include_merged = true;
    auto events = store->Events(all);
    EXPECT_TRUE(events.ok());
    if (!events.ok()) return rows;
    for (const StoredEvent& e : *events) {
      rows.push_back(e.event.id + " into " + e.merged_into + " reports " +
                     std::to_string(e.report_count) + " articles " +
                     std::to_string(e.article_count) + " sources " +
                     std::to_string(e.source_count));
    }
    auto merges = store->Merges("");
    EXPECT_TRUE(merges.ok());
    if (merges.ok()) {
      for (const auto& m : *merges)
        rows.push_back(m.event_id + " -> " + m.into_id + ": " + m.reason);
    }
    return rows;
  };
  auto whole = store->Merge({});
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  EXPECT_GT(whole->groups, 5);
  const std::vector<std::string> expected = snapshot();
  for (std::int64_t chunk : {1, 2, 3, 5, 17}) {
    auto stats = store->Merge(Merging(&MergeOptions::chunk_rows, chunk));
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    EXPECT_EQ(stats->merged, whole->merged) << "chunk " << chunk;
    EXPECT_EQ(stats->groups, whole->groups) << "chunk " << chunk;
    EXPECT_EQ(snapshot(), expected) << "chunk " << chunk;
  }
  EXPECT_TRUE(store->Check().ok());
}

TEST_P(StoreTest, MergingRespectsPlaceFactualityAndActors) {
  auto store = Open();
  ASSERT_TRUE(store);
  EventSpec base;
  base.date = "2024-08-29";
  EventSpec far = base;  // same day, 200 km away
  far.lat = 34.8;
  EventSpec other_country = base;
  other_country.country = "SYR";
  other_country.coordinates = false;
  EventSpec denied = base;
  denied.factuality = "negated";
  EventSpec other_actors = base;
  other_actors.source = {testing::MakeActor("IRNMIL", "", "IRN", "MIL", "Iranian forces")};
  other_actors.target = {testing::MakeActor("IRQREB", "", "IRQ", "REB", "rebels")};
  std::vector<CodedArticle> corpus;
  int n = 0;
  for (const EventSpec& spec : {base, far, other_country, denied, other_actors}) {
    std::string id = "b00000000000000" + std::to_string(n++);
    corpus.push_back(MakeArticle(id, "https://site" + std::to_string(n) + ".example/x",
                                 "2024-08-30", {"A raid."}, {spec}));
  }
  PutAll(*store, corpus);
  auto stats = store->Merge({});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->merged, 0);
  // Without the actor requirement, type, date and place alone decide.
  stats = store->Merge(Merging(&MergeOptions::require_actor_overlap, false));
  EXPECT_EQ(stats->merged, 1);  // other_actors joins base
  // A larger radius lets the far report join too.
  stats = store->Merge(Merging(&MergeOptions::max_km, 500));
  EXPECT_EQ(stats->merged, 1);
}

TEST_P(StoreTest, BadUrlsAreErrorsNamingTheUrl) {
  auto bad = Store::Open("mysql://localhost/x", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("mysql://localhost/x"), std::string::npos);
  auto missing_dir = Store::Open((dir_.path() / "no/such/dir/x.db").string(), {});
  ASSERT_FALSE(missing_dir.ok());
  EXPECT_NE(missing_dir.status().message().find("no/such/dir/x.db"), std::string::npos);
  std::string not_db = (dir_.path() / "text.db").string();
  testing::WriteFile(not_db, "this is not a database, just some text that is long enough\n");
  auto garbage = Store::Open(not_db, {});
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.status().message().find("text.db"), std::string::npos);
  auto refused = Store::Open("postgresql://nobody@127.0.0.1:1/none", {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("cannot connect"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// SQLite only: the check finds an article whose rows were cut short
// behind the store's back.
// A SQLite store file at DIR/NAME holding the raid corpus, committed.
std::string RaidStoreFile(const TempDir& dir, const std::string& name) {
  std::string path = (dir.path() / name).string();
  auto store = Store::Open(path, {});
  EXPECT_TRUE(store.ok());
  if (!store.ok()) return path;
  for (const auto& a : RaidCorpus()) EXPECT_TRUE((*store)->Put(a).ok());
  EXPECT_TRUE((*store)->Flush().ok());
  return path;
}

// Runs `sql` on the file with SQLite itself, behind the store's back.
void ExecBehindTheStore(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST_P(StoreTest, EveryCommittedRowIsSearchableAcrossBatchesAndReplacements) {
  StoreOptions options;
  options.batch_articles = 2;
  auto store = Open(options);
  ASSERT_TRUE(store);
  std::vector<CodedArticle> corpus = RaidCorpus();
  // Batches of two: the third article opens a batch of its own.
  PutAll(*store, corpus);
  // In one batch: a new article, then a stored page changed, then the new
  // article changed too (replaced before its batch was indexed).
  CodedArticle fresh = MakeArticle("a000000000000009", "https://example.net/ambush", "2024-09-12",
                                   {"Gunmen ambushed a convoy near Kirkuk."}, {EventSpec{}});
  CodedArticle changed = MakeArticle("a000000000000001", "https://www.example.com/raid",
                                     "2024-08-30", {"Crowds protested in Basra."}, {EventSpec{}});
  CodedArticle fresh_changed =
      MakeArticle("a000000000000009", "https://example.net/ambush", "2024-09-12",
                  {"Gunmen ambushed a patrol near Hawija."}, {EventSpec{}});
  StoreOptions one_batch;
  one_batch.batch_articles = 100;
  auto writer = Open(one_batch);
  ASSERT_TRUE(writer);
  EXPECT_EQ(*writer->Put(fresh), PutOutcome::kAdded);
  EXPECT_EQ(*writer->Put(changed), PutOutcome::kReplaced);
  EXPECT_EQ(*writer->Put(fresh_changed), PutOutcome::kReplaced);
  ASSERT_TRUE(writer->Flush().ok());
  Status check = writer->Check();
  EXPECT_TRUE(check.ok()) << check.message();
  auto words = [&](std::string_view query) {
    auto hits = writer->SearchSentences(query, 10);
    EXPECT_TRUE(hits.ok()) << hits.status().message();
    return hits.ok() ? hits->size() : size_t{999};
  };
  EXPECT_EQ(words("Hawija"), 1u);
  EXPECT_EQ(words("Kirkuk"), 0u);  // the replaced version's words are gone
  EXPECT_EQ(words("Basra"), 1u);
  EXPECT_EQ(words("Rutba"), 0u);
  EXPECT_EQ(words("another raid"), 1u);  // committed in an earlier batch
  EventFilter filter;
  filter.search = "Hawija";
  filter.include_merged = true;
  auto events = writer->Events(filter);
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].article_id, "a000000000000009");
}

TEST_P(StoreTest, ABatchOpenedByAFollowMarkIndexesOnlyItsOwnRows) {
  auto store = Open();
  ASSERT_TRUE(store);
  std::vector<CodedArticle> corpus = RaidCorpus();
  ASSERT_TRUE(store->Put(corpus[0]).ok());
  ASSERT_TRUE(store->Flush().ok());
  // As --follow does: a file marked read opens the next batch before any
  // article of it is put.
  ASSERT_TRUE(store->MarkFile("inbox/a.txt", 10, 20).ok());
  ASSERT_TRUE(store->Put(corpus[1]).ok());
  ASSERT_TRUE(store->Flush().ok());
  ASSERT_TRUE(store->MarkItem("wire.xml", "https://example.net/x", "").ok());
  ASSERT_TRUE(store->Flush().ok());
  ASSERT_TRUE(store->Put(corpus[2]).ok());
  ASSERT_TRUE(store->Flush().ok());
  Status check = store->Check();
  EXPECT_TRUE(check.ok()) << check.message();
  auto hits = store->SearchSentences("Rutba", 10);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 1u);
  hits = store->SearchSentences("another raid", 10);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 1u);
}

TEST(SqliteStoreTest, AFailedArticleLeavesTheBatchAsItWasBefore) {
  TempDir dir;
  std::string path = (dir.path() / "f.db").string();
  {
    auto store = Store::Open(path, {});
    ASSERT_TRUE(store.ok());
  }
  // A trigger that fails an article after most of its rows are written
  // (quotes are stored last), as a full disk or a constraint would.
  ExecBehindTheStore(path,
                     "CREATE TRIGGER poison BEFORE INSERT ON quotes WHEN new.text = 'poison' "
                     "BEGIN SELECT RAISE(ABORT, 'poisoned quote'); END;");

  StoreOptions options;
  options.batch_articles = 50;
  auto store = Store::Open(path, options);
  ASSERT_TRUE(store.ok());
  std::vector<CodedArticle> corpus = RaidCorpus();
  ASSERT_TRUE((*store)->Put(corpus[0]).ok());
  ASSERT_TRUE((*store)->Put(corpus[1]).ok());
  CodedArticle poisoned = MakeArticle("a000000000000007", "https://example.net/poison",
                                      "2024-09-01", {"Militants shelled Tal Afar."}, {EventSpec{}});
  QuoteRecord quote;
  quote.text = "poison";
  poisoned.quotes.push_back(quote);
  auto failed = (*store)->Put(poisoned);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("poisoned quote"), std::string::npos)
      << failed.status().message();
  // The batch goes on; the moved-in article is put too.
  CodedArticle third = corpus[2];
  auto put = (*store)->Put(std::move(third));
  ASSERT_TRUE(put.ok()) << put.status().message();
  EXPECT_EQ(*put, PutOutcome::kAdded);
  ASSERT_TRUE((*store)->Flush().ok());
  EXPECT_EQ((*store)->committed_articles(), 3);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->articles, 3);
  EXPECT_EQ(counts->events,
            static_cast<std::int64_t>(corpus[0].events.size() + corpus[1].events.size() +
                                      corpus[2].events.size()));
  EXPECT_EQ(counts->quotes,
            static_cast<std::int64_t>(corpus[0].quotes.size() + corpus[1].quotes.size() +
                                      corpus[2].quotes.size()));
  Status check = (*store)->Check();
  EXPECT_TRUE(check.ok()) << check.message();
  Article probe = poisoned.article;
  EXPECT_FALSE(*(*store)->Contains(probe));
  auto hits = (*store)->SearchSentences("Tal Afar", 10);
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());
  hits = (*store)->SearchSentences("Rutba", 10);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 1u);
}

TEST(SqliteStoreTest, CheckFindsRowsMissingFromTheFullTextIndex) {
  TempDir dir;
  std::string path = RaidStoreFile(dir, "i.db");
  ExecBehindTheStore(path,
                     "INSERT INTO sentences (article_id, idx, start_byte, end_byte, text) "
                     "VALUES ('a000000000000002', 9, 0, 5, 'stray')");
  auto store = Store::Open(path, {});
  ASSERT_TRUE(store.ok());
  Status check = (*store)->Check();
  ASSERT_FALSE(check.ok());
  EXPECT_NE(check.message().find("sentences_fts: 1 sentences not indexed"), std::string::npos)
      << check.message();
}

TEST(SqliteStoreTest, CheckFindsAHalfStoredArticle) {
  TempDir dir;
  std::string path = RaidStoreFile(dir, "k.db");
  {
    auto store = Store::Open(path, {});
    ASSERT_TRUE(store.ok());
    EXPECT_TRUE((*store)->Check().ok());
  }
  ExecBehindTheStore(path,
                     "PRAGMA foreign_keys=ON; DELETE FROM events WHERE id = 'a000000000000003e0'");
  auto store = Store::Open(path, {});
  ASSERT_TRUE(store.ok());
  Status check = (*store)->Check();
  ASSERT_FALSE(check.ok());
  EXPECT_NE(check.message().find("a000000000000003"), std::string::npos) << check.message();
  EXPECT_NE(check.message().find("incompletely"), std::string::npos);
}

}  // namespace
}  // namespace khaldun
