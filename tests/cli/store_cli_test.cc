// `khaldun run`, `db`, `export` and `query` as a user runs them, on a
// SQLite file and on PostgreSQL.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "store/delimited.h"
#include "store/store_testing.h"
#include "testing/run_cli.h"

namespace khaldun {
namespace {

using testing::Lines;
using testing::RunKhaldun;
using testing::TempDir;

const std::string kCorpus = std::string(KHALDUN_SOURCE_DIR) + "/examples/corpus";

std::map<std::string, long long> Stats(const std::string& url) {
  auto r = RunKhaldun({"db", "stats", "--db", url});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, long long> stats;
  for (const auto& line : Lines(r.out)) {
    size_t space = line.find(' ');
    if (space != std::string::npos)
      stats[line.substr(0, space)] = std::stoll(line.substr(space + 1));
  }
  return stats;
}

class StoreCliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    url_ = testing::FreshDatabase(GetParam(), dir_, &skip);
    if (url_.empty()) GTEST_SKIP() << skip;
  }
  TempDir dir_;
  std::string url_;
};

TEST_P(StoreCliTest, RunStoresTheCorpusAndARerunAddsNothing) {
  auto run = RunKhaldun({"run", "--db", url_, kCorpus});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");  // quiet when not on a terminal
  EXPECT_EQ(run.err, "");
  auto first = Stats(url_);
  EXPECT_GT(first["articles"], 5);
  EXPECT_GT(first["events"], 10);
  EXPECT_EQ(first["evidence"], first["events"]);
  EXPECT_LE(first["merged_events"], first["events"]);

  auto again = RunKhaldun({"run", "--db", url_, kCorpus});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Stats(url_), first);

  auto check = RunKhaldun({"db", "check", "--db", url_});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(Lines(check.out).front(), "ok");
  auto migrate = RunKhaldun({"db", "migrate", "--db", url_});
  EXPECT_EQ(migrate.exit_code, 0);
  EXPECT_NE(migrate.out.find("schema version " + std::to_string(Store::LatestSchemaVersion())),
            std::string::npos)
      << migrate.out;
}

TEST_P(StoreCliTest, MergeCanBeSwitchedOffAndRerunWithOtherThresholds) {
  ASSERT_EQ(RunKhaldun({"run", "--db", url_, kCorpus}).exit_code, 0);
  auto merged = Stats(url_);
  auto off = RunKhaldun({"db", "merge", "--off", "--db", url_});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_NE(off.out.find(", 0 merged"), std::string::npos) << off.out;
  auto unmerged = Stats(url_);
  EXPECT_EQ(unmerged["merged_events"], unmerged["events"]);
  EXPECT_EQ(unmerged["merges"], 0);
  auto on = RunKhaldun({"db", "merge", "--window-days", "2", "--db", url_});
  ASSERT_EQ(on.exit_code, 0) << on.err;
  EXPECT_EQ(Stats(url_)["merges"], merged["merges"]);
  auto explained = RunKhaldun({"db", "merges", "--db", url_});
  EXPECT_EQ(explained.exit_code, 0);
  EXPECT_EQ(static_cast<long long>(Lines(explained.out).size()), merged["merges"]);
  if (merged["merges"] > 0) {
    EXPECT_NE(explained.out.find("same type"), std::string::npos);
  }
}

TEST_P(StoreCliTest, EveryExportFormatWritesItsColumns) {
  ASSERT_EQ(RunKhaldun({"run", "--db", url_, kCorpus}).exit_code, 0);
  long long events = Stats(url_)["merged_events"];
  ASSERT_GT(events, 0);
  const std::map<std::string, size_t> widths = {
      {"acled-csv", 31}, {"ucdp-csv", 49}, {"gdelt-tsv", 61}, {"polecat-tsv", 40}};
  for (const auto& [format, width] : widths) {
    std::string file = (dir_.path() / (format + ".out")).string();
    auto r = RunKhaldun({"export", "--db", url_, "--format", format, "-o", file});
    ASSERT_EQ(r.exit_code, 0) << format << ": " << r.err;
    bool tsv = format.ends_with("tsv");
    auto rows = store::ParseDelimited(testing::ReadFile(file), tsv);
    bool header = format != "gdelt-tsv";
    EXPECT_EQ(static_cast<long long>(rows.size()), events + (header ? 1 : 0)) << format;
    for (const auto& row : rows) EXPECT_EQ(row.size(), width) << format;
  }
  auto csv = RunKhaldun({"export", "--db", url_, "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_EQ(static_cast<long long>(store::ParseDelimited(csv.out, false).size()), events + 1);
  auto jsonl = RunKhaldun({"export", "--db", url_, "--format", "plover-jsonl"});
  EXPECT_EQ(static_cast<long long>(Lines(jsonl.out).size()), events);
  auto geo = RunKhaldun({"export", "--db", url_, "--format", "geojson"});
  EXPECT_EQ(geo.exit_code, 0);
  EXPECT_EQ(geo.out.rfind("{\"type\":\"FeatureCollection\"", 0), 0u);
  // Filters narrow the export.
  auto assaults = RunKhaldun({"export", "--db", url_, "--format", "csv", "--type", "ASSAULT"});
  auto rows = store::ParseDelimited(assaults.out, false);
  ASSERT_GT(rows.size(), 1u);
  for (size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i][2], "ASSAULT");
  auto none = RunKhaldun({"export", "--db", url_, "--format", "csv", "--country", "ATA"});
  EXPECT_EQ(store::ParseDelimited(none.out, false).size(), 1u);
}

TEST_P(StoreCliTest, QueryPrintsATable) {
  ASSERT_EQ(RunKhaldun({"run", "--db", url_, kCorpus}).exit_code, 0);
  auto table = RunKhaldun({"query", "--db", url_, "--type", "assault", "--limit", "3"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  auto lines = Lines(table.out);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("DATE", 0), 0u);
  EXPECT_LE(lines.size(), 4u);
  for (size_t i = 1; i < lines.size(); ++i) EXPECT_NE(lines[i].find("ASSAULT"), std::string::npos);
  auto count = RunKhaldun({"query", "--db", url_, "--count"});
  EXPECT_EQ(Lines(count.out).size(), 1u);
  EXPECT_EQ(std::stoll(count.out), Stats(url_)["merged_events"]);
  auto sentences = RunKhaldun({"query", "--db", url_, "--sentences", "forces"});
  EXPECT_EQ(sentences.exit_code, 0) << sentences.err;
  EXPECT_FALSE(sentences.out.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreCliTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(StoreCliErrorTest, BadDatabasesAndOptionsGetOneLineNamingThem) {
  TempDir dir;
  std::string bad_path = (dir.path() / "no/such/dir/k.db").string();
  auto r = RunKhaldun({"run", "--db", bad_path, kCorpus});
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_EQ(Lines(r.err).size(), 1u) << r.err;
  EXPECT_EQ(r.err.rfind("khaldun: " + bad_path + ": ", 0), 0u) << r.err;

  auto pg =
      RunKhaldun({"export", "--db", "postgresql://nobody:secret@127.0.0.1:1/x", "--format", "csv"});
  EXPECT_EQ(pg.exit_code, 1);
  EXPECT_EQ(Lines(pg.err).size(), 1u) << pg.err;
  EXPECT_EQ(pg.err.find("secret"), std::string::npos) << "the password is never printed";

  std::string db = (dir.path() / "k.db").string();
  auto format = RunKhaldun({"export", "--db", db, "--format", "xlsx"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("unknown format 'xlsx'"), std::string::npos);
  auto date = RunKhaldun({"export", "--db", db, "--since", "2024-13"});
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.err.find("--since"), std::string::npos);
  auto option = RunKhaldun({"query", "--db", db, "--colour", "red"});
  EXPECT_EQ(option.exit_code, 2);
  auto sub = RunKhaldun({"db", "vacuum", "--db", db});
  EXPECT_EQ(sub.exit_code, 2);
  auto no_input = RunKhaldun({"run", "--db", db});
  EXPECT_EQ(no_input.exit_code, 2);
  std::string out_dir = (dir.path() / "missing" / "out.csv").string();
  auto out = RunKhaldun({"export", "--db", db, "--format", "csv", "-o", out_dir});
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_NE(out.err.find(out_dir), std::string::npos);
}

// Sharded runs from the command line: --shard K/N, a file per shard with
// {shard}, `khaldun merge`, and the result of one process.
TEST(StoreCliShardTest, ShardsMergedEqualOneRun) {
  TempDir dir;
  std::string single = (dir.path() / "single.db").string();
  ASSERT_EQ(RunKhaldun({"run", "--db", single, kCorpus}).exit_code, 0);
  std::string pattern = (dir.path() / "part-{shard}-of-{shards}.db").string();
  for (const char* shard : {"0/3", "1/3", "2/3"}) {
    auto r = RunKhaldun({"run", "--shard", shard, "--jobs", "2", "--db", pattern, kCorpus});
    ASSERT_EQ(r.exit_code, 0) << shard << ": " << r.err;
  }
  std::string merged = (dir.path() / "merged.db").string();
  auto m = RunKhaldun({"merge", merged, (dir.path() / "part-0-of-3.db").string(),
                       (dir.path() / "part-1-of-3.db").string(),
                       (dir.path() / "part-2-of-3.db").string()});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  EXPECT_NE(m.out.find("3 shards: "), std::string::npos) << m.out;
  EXPECT_EQ(Stats(merged), Stats(single));
  // Each shard stored part of it and did not merge.
  auto part = Stats((dir.path() / "part-0-of-3.db").string());
  EXPECT_GT(part["articles"], 0);
  EXPECT_LT(part["articles"], Stats(single)["articles"]);
  EXPECT_EQ(part["merges"], 0);
}

TEST(StoreCliShardTest, UsageErrors) {
  TempDir dir;
  std::string db = (dir.path() / "k.db").string();
  for (const char* shard : {"4/4", "1", "a/b", "0/0"}) {
    auto r = RunKhaldun({"run", "--shard", shard, "--db", db, kCorpus});
    EXPECT_EQ(r.exit_code, 2) << shard;
    EXPECT_NE(r.err.find("--shard"), std::string::npos) << r.err;
  }
  for (const char* jobs : {"0", "x", "1000"}) {
    auto r = RunKhaldun({"run", "--jobs", jobs, "--db", db, kCorpus});
    EXPECT_EQ(r.exit_code, 2) << jobs;
  }
  auto poll = RunKhaldun({"run", "--follow", "--poll", "-1", "--db", db, kCorpus});
  EXPECT_EQ(poll.exit_code, 2);
  auto stdin_follow = RunKhaldun({"run", "--follow", "--db", db, "-"});
  EXPECT_EQ(stdin_follow.exit_code, 2);
  auto merge_one = RunKhaldun({"merge", db});
  EXPECT_EQ(merge_one.exit_code, 2);
  auto merge_missing = RunKhaldun({"merge", db, (dir.path() / "none.db").string()});
  EXPECT_EQ(merge_missing.exit_code, 1);
  EXPECT_NE(merge_missing.err.find("none.db"), std::string::npos) << merge_missing.err;
}

}  // namespace
}  // namespace khaldun
