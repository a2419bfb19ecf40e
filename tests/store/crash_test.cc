// The crash test: `khaldun run` killed with SIGKILL at arbitrary moments,
// again and again, on both backends. After every kill the database passes
// its integrity check, holds no half-stored article, and holds at least
// every article the run reported as stored ("stored N" lines, printed only
// after a commit). A final uninterrupted run completes the database to
// exactly what a run without crashes stores.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "khaldun/store.h"
#include "store/corpus.h"
#include "store/store_testing.h"

namespace khaldun {
namespace {

using testing::TempDir;

// Runs `khaldun run` to completion or until `kill_after` (when set), with
// stdout to `out_path`. Returns the wait status.
int RunKhaldunRun(const std::string& db, const std::string& corpus, const std::string& out_path,
                  std::chrono::milliseconds kill_after) {
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, STDOUT_FILENO);
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, STDERR_FILENO);
    execl(KHALDUN_BINARY, KHALDUN_BINARY, "run", "--db", db.c_str(), "--batch", "25", "--no-merge",
          "--progress-lines", corpus.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  if (kill_after.count() > 0) {
    std::this_thread::sleep_for(kill_after);
    kill(pid, SIGKILL);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

// The last "stored N" line, 0 when none.
long long LastStored(const std::string& out_path) {
  long long last = 0;
  for (const auto& line : testing::Lines(testing::ReadFile(out_path))) {
    if (line.rfind("stored ", 0) == 0) last = std::stoll(line.substr(7));
  }
  return last;
}

StoreCounts CountsOf(const std::string& url) {
  auto store = Store::Open(url, {});
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return {};
  Status check = (*store)->Check();
  EXPECT_TRUE(check.ok()) << check.message();
  auto counts = (*store)->Counts();
  EXPECT_TRUE(counts.ok());
  return counts.ok() ? *counts : StoreCounts{};
}

class CrashTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CrashTest, KilledRunsLoseNothingReportedAndAReRunCompletes) {
  TempDir dir;
  std::string skip;
  std::string reference_url = testing::FreshDatabase(GetParam(), dir, &skip);
  if (reference_url.empty()) GTEST_SKIP() << skip;
  std::string url = testing::FreshDatabase(GetParam(), dir, &skip);
  ASSERT_FALSE(url.empty()) << skip;

  std::vector<Article> gold =
      testing::GoldArticles(std::string(KHALDUN_SOURCE_DIR) + "/tests/gold");
  ASSERT_GT(gold.size(), 20u);
  std::string corpus = (dir.path() / "corpus.jsonl").string();
  ASSERT_TRUE(testing::WriteCorpus(gold, 1000, corpus));
  std::string out = (dir.path() / "out.txt").string();

  int status = RunKhaldunRun(reference_url, corpus, out, std::chrono::milliseconds(0));
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  StoreCounts reference = CountsOf(reference_url);
  ASSERT_EQ(reference.articles, 1000);
  ASSERT_GT(reference.events, 0);

  // Kill points spread over the run; a fixed seed keeps failures
  // reproducible.
  std::mt19937 random(20240829);
  std::int64_t stored_before = 0;
  int kills = 0;
  for (int round = 0; round < 8; ++round) {
    auto delay = std::chrono::milliseconds(150 + static_cast<int>(random() % 900));
    status = RunKhaldunRun(url, corpus, out, delay);
    bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    kills += killed;
    long long reported = LastStored(out);
    StoreCounts counts = CountsOf(url);
    SCOPED_TRACE("round " + std::to_string(round) + ", reported " + std::to_string(reported));
    EXPECT_GE(counts.articles, stored_before + reported);
    EXPECT_LE(counts.articles, 1000);
    EXPECT_EQ(counts.evidence, counts.events);
    stored_before = counts.articles;
    if (!killed) break;  // the run finished before its kill
  }
  EXPECT_GT(kills, 0);

  status = RunKhaldunRun(url, corpus, out, std::chrono::milliseconds(0));
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  StoreCounts final_counts = CountsOf(url);
  EXPECT_EQ(final_counts.articles, reference.articles);
  EXPECT_EQ(final_counts.sentences, reference.sentences);
  EXPECT_EQ(final_counts.events, reference.events);
  EXPECT_EQ(final_counts.event_actors, reference.event_actors);
  EXPECT_EQ(final_counts.actors, reference.actors);
  EXPECT_EQ(final_counts.quotes, reference.quotes);
  EXPECT_EQ(final_counts.evidence, reference.evidence);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace khaldun
