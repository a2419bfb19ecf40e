// RunInputs and Store::Combine: threaded runs store exactly what one job
// stores, in the same order; shards combined and merged equal one
// process; shards writing concurrently into one PostgreSQL store do too.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <thread>
#include <vector>

#include "khaldun/store.h"
#include "store/corpus.h"
#include "store/store_testing.h"

namespace khaldun {
namespace {

using testing::TempDir;

struct Resources {
  IngestResources ingest;
  CodingResources coding;
};

const Resources& Shared() {
  static const Resources* r = [] {
    auto ingest = IngestResources::LoadBuiltin();
    auto coding = CodingResources::LoadBuiltin();
    if (!ingest.ok() || !coding.ok()) std::abort();
    return new Resources{*ingest, *coding};
  }();
  return *r;
}

// Every row of every table, in the order written (rowid), without the
// columns that record when: the database's contents as one string.
std::string Dump(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "";
  std::string out;
  for (const char* table : {"articles", "sentences", "events", "actors", "event_actors",
                            "casualties", "evidence", "quotes", "merges"}) {
    out += std::string("== ") + table + "\n";
    sqlite3_stmt* stmt = nullptr;
    std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY rowid";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) continue;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        std::string name = sqlite3_column_name(stmt, c);
        if (name == "stored_at" || name == "run_id") continue;
        const unsigned char* text = sqlite3_column_text(stmt, c);
        out += text ? reinterpret_cast<const char*>(text) : "NULL";
        out += '\t';
      }
      out += '\n';
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

EventFilter AllReports() {
  EventFilter filter;
  filter.include_merged = true;
  return filter;
}

// Every report of `got` is the same event, merged into the same canonical
// event, as in `want`; with `counts`, with the same report and source
// counts too.
void ExpectSameMergedEvents(Store& want, Store& got, bool counts) {
  auto expected = want.Events(AllReports());
  auto actual = got.Events(AllReports());
  ASSERT_TRUE(expected.ok() && actual.ok());
  ASSERT_EQ(actual->size(), expected->size());
  for (size_t i = 0; i < expected->size(); ++i) {
    EXPECT_EQ((*actual)[i].event.id, (*expected)[i].event.id);
    EXPECT_EQ((*actual)[i].merged_into, (*expected)[i].merged_into);
    if (!counts) continue;
    EXPECT_EQ((*actual)[i].report_count, (*expected)[i].report_count);
    EXPECT_EQ((*actual)[i].source_count, (*expected)[i].source_count);
  }
}

StoreOptions SmallBatches() {
  StoreOptions options;
  options.batch_articles = 7;
  return options;
}

class RunInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = (dir_.path() / "corpus.jsonl").string();
    auto gold = testing::GoldArticles(KHALDUN_SOURCE_DIR "/tests/gold");
    ASSERT_FALSE(gold.empty());
    ASSERT_TRUE(testing::WriteCorpus(gold, 160, corpus_));
    inputs_ = {corpus_, KHALDUN_SOURCE_DIR "/examples/corpus"};
  }

  // Runs over inputs_ into `url` and merges; the run's counts.
  RunStats Run(const std::string& url, const RunOptions& options, bool merge = true) {
    auto store = Store::Open(url, {});
    EXPECT_TRUE(store.ok()) << store.status().message();
    if (!store.ok()) return {};
    auto stats = RunInputs(
        **store, url, inputs_, options, Shared().ingest, Shared().coding,
        [](const InputError& e) { ADD_FAILURE() << e.path; }, nullptr);
    EXPECT_TRUE(stats.ok()) << stats.status().message();
    if (merge) {
      auto merged = (*store)->Merge({});
      EXPECT_TRUE(merged.ok()) << merged.status().message();
    }
    return stats.ok() ? *stats : RunStats{};
  }

  TempDir dir_;
  std::string corpus_;
  std::vector<std::string> inputs_;
};

TEST_F(RunInputsTest, ThreadsStoreWhatOneJobStoresInTheSameOrder) {
  const std::string one = (dir_.path() / "one.db").string();
  RunStats a = Run(one, RunOptions{});
  EXPECT_GT(a.added, 160);
  EXPECT_GT(a.events, 500);
  EXPECT_EQ(a.coded, a.added);
  const std::string reference = Dump(one);
  for (unsigned jobs : {2u, 3u, 8u}) {
    const std::string many = (dir_.path() / ("jobs" + std::to_string(jobs) + ".db")).string();
    RunOptions options;
    options.jobs = jobs;
    RunStats b = Run(many, options);
    EXPECT_EQ(b.added, a.added) << jobs;
    EXPECT_EQ(b.events, a.events) << jobs;
    EXPECT_EQ(Dump(many), reference) << jobs << " jobs";
    // A second run codes nothing and changes nothing.
    RunStats again = Run(many, options);
    EXPECT_EQ(again.coded, 0) << jobs;
    EXPECT_EQ(again.skipped, a.added) << jobs;
  }
}

TEST_F(RunInputsTest, ShardsCombinedEqualOneProcess) {
  const std::string one = (dir_.path() / "one.db").string();
  Run(one, RunOptions{});
  for (std::uint32_t count : {2u, 3u}) {
    std::vector<std::string> shards;
    std::int64_t pages = 0;
    for (std::uint32_t k = 0; k < count; ++k) {
      shards.push_back(
          (dir_.path() / ("s" + std::to_string(count) + "-" + std::to_string(k) + ".db")).string());
      RunOptions options;
      options.shard = Shard{k, count, "test"};
      options.jobs = k % 2 + 1;
      RunStats s = Run(shards.back(), options, false);
      EXPECT_GT(s.added, 0) << k << "/" << count;
      EXPECT_GT(s.other_shards, 0);
      pages += s.pages;
    }
    const std::string combined =
        (dir_.path() / ("combined" + std::to_string(count) + ".db")).string();
    auto store = Store::Open(combined, {});
    ASSERT_TRUE(store.ok());
    auto stats = (*store)->Combine(shards);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    EXPECT_EQ(stats->shards, count);
    EXPECT_EQ(stats->added, pages);
    ASSERT_TRUE((*store)->Merge({}).ok());
    ASSERT_TRUE((*store)->Check().ok());
    auto expected = Store::Open(one, {});
    ASSERT_TRUE(expected.ok());
    ExpectSameMergedEvents(**expected, **store, true);
    auto c1 = (*expected)->Counts();
    auto c2 = (*store)->Counts();
    ASSERT_TRUE(c1.ok() && c2.ok());
    EXPECT_EQ(c2->articles, c1->articles);
    EXPECT_EQ(c2->sentences, c1->sentences);
    EXPECT_EQ(c2->events, c1->events);
    EXPECT_EQ(c2->merged_events, c1->merged_events);
    EXPECT_EQ(c2->actors, c1->actors);
    EXPECT_EQ(c2->event_actors, c1->event_actors);
    EXPECT_EQ(c2->casualties, c1->casualties);
    EXPECT_EQ(c2->quotes, c1->quotes);
    EXPECT_EQ(c2->merges, c1->merges);
    // Idempotent: combining again adds nothing.
    auto again = (*store)->Combine(shards);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->added, 0);
    EXPECT_EQ(again->unchanged, pages);
    auto c3 = (*store)->Counts();
    ASSERT_TRUE(c3.ok());
    EXPECT_EQ(c3->articles, c1->articles);
  }
}

TEST_F(RunInputsTest, CombineReplacesAnArticleWithAnotherPageHash) {
  // The shard holds a re-extraction of an article the target has: same
  // id, other page hash. It replaces the old rows, as Put() would.
  const std::string target = (dir_.path() / "target.db").string();
  const std::string shard = (dir_.path() / "shard.db").string();
  testing::EventSpec spec;
  spec.date = "2024-09-05";
  auto old_article = testing::MakeArticle("a1", "https://x.example/1", "2024-09-05",
                                          {"US forces struck ISIS fighters in Anbar."}, {spec});
  auto new_article = testing::MakeArticle(
      "a1", "https://x.example/1", "2024-09-05",
      {"US forces struck ISIS fighters in Anbar.", "Fifteen were killed."}, {spec, spec});
  {
    auto t = Store::Open(target, {});
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE((*t)->Put(old_article).ok());
    auto s = Store::Open(shard, {});
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Put(new_article).ok());
  }
  auto t = Store::Open(target, {});
  ASSERT_TRUE(t.ok());
  const std::string shards[] = {shard};
  auto stats = (*t)->Combine(shards);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->replaced, 1);
  EXPECT_EQ(stats->added, 0);
  auto counts = (*t)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->articles, 1);
  EXPECT_EQ(counts->sentences, 2);
  EXPECT_TRUE((*t)->Check().ok());
  // Searches find the new text only (the FTS rows follow the articles).
  auto hits = (*t)->SearchSentences("Fifteen", 10);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits->size(), 1u);
}

TEST_F(RunInputsTest, CombineRefusesWhatIsNotAShard) {
  const std::string target = (dir_.path() / "target.db").string();
  auto t = Store::Open(target, {});
  ASSERT_TRUE(t.ok());
  const std::string missing[] = {(dir_.path() / "missing.db").string()};
  EXPECT_FALSE((*t)->Combine(missing).ok());
  const std::string self[] = {target};
  EXPECT_FALSE((*t)->Combine(self).ok());
  testing::WriteFile(dir_.path() / "text.db", "not a database");
  const std::string text[] = {(dir_.path() / "text.db").string()};
  EXPECT_FALSE((*t)->Combine(text).ok());
  auto counts = (*t)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->articles, 0);
}

// Shards writing concurrently into one PostgreSQL store: no deadlock
// stops a shard, no article is stored twice, and after one merge the
// store holds what one process stores.
TEST_F(RunInputsTest, ShardsShareOnePostgresStore) {
  std::string skip;
  const std::string shared = testing::FreshDatabase("postgresql", dir_, &skip);
  if (shared.empty()) GTEST_SKIP() << skip;
  const std::string single = testing::FreshDatabase("postgresql", dir_, &skip);
  ASSERT_FALSE(single.empty()) << skip;
  Run(single, RunOptions{});
  std::vector<std::thread> shards;
  std::vector<RunStats> stats(3);
  for (std::uint32_t k = 0; k < 3; ++k) {
    shards.emplace_back([&, k] {
      RunOptions options;
      options.shard = Shard{k, 3, "test"};
      options.jobs = 2;
      // Small batches: many commits interleave, as on a cluster.
      auto store = Store::Open(shared, SmallBatches());
      ASSERT_TRUE(store.ok()) << store.status().message();
      auto s = RunInputs(
          **store, shared, inputs_, options, Shared().ingest, Shared().coding,
          [](const InputError&) {}, nullptr);
      ASSERT_TRUE(s.ok()) << s.status().message();
      stats[k] = *s;
    });
  }
  for (auto& t : shards) t.join();
  auto store = Store::Open(shared, {});
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Merge({}).ok());
  ASSERT_TRUE((*store)->Check().ok());
  auto expected = Store::Open(single, {});
  ASSERT_TRUE(expected.ok());
  ExpectSameMergedEvents(**expected, **store, false);
  auto c1 = (*expected)->Counts();
  auto c2 = (*store)->Counts();
  ASSERT_TRUE(c1.ok() && c2.ok());
  EXPECT_EQ(c2->articles, c1->articles);
  EXPECT_EQ(c2->events, c1->events);
  EXPECT_EQ(c2->actors, c1->actors);
  EXPECT_EQ(c2->merges, c1->merges);
  std::int64_t added = 0;
  for (const RunStats& s : stats) added += s.added;
  EXPECT_EQ(added, c1->articles);
}

}  // namespace
}  // namespace khaldun
