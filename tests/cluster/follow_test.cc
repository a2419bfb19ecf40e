// khaldun run --follow as a user runs it: files dropped into a watched
// directory and a feed rewritten with new items are stored as they come;
// SIGTERM stops it with everything whole (Store::Check); after a restart,
// touched files and old feed items are not coded again, new ones are, and
// a run stopped in the middle of a big file finishes it without loss.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "khaldun/store.h"
#include "store/corpus.h"
#include "testing/run_cli.h"

namespace khaldun {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

// `khaldun run --follow` in the background, its standard output in a file.
class Follower {
 public:
  Follower(const std::vector<std::string>& args, const fs::path& out) : out_(out) {
    pid_ = fork();
    if (pid_ == 0) {
      FILE* f = std::freopen(out.c_str(), "a", stdout);
      (void)f;
      std::vector<char*> argv;
      std::string bin = KHALDUN_BINARY;
      argv.push_back(bin.data());
      std::vector<std::string> copy = args;
      for (auto& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
  }
  ~Follower() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // Sends `signal` and returns the exit status, or -1 when killed by a
  // signal.
  int Stop(int signal = SIGTERM) {
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string Output() const { return ReadFile(out_); }

 private:
  pid_t pid_ = -1;
  fs::path out_;
};

// Writes a file the way a crawler should: to a hidden name, then renamed.
void Drop(const fs::path& path, const std::string& data) {
  fs::path hidden = path.parent_path() / ("." + path.filename().string() + ".tmp");
  testing::WriteFile(hidden, data);
  fs::rename(hidden, path);
}

std::string Rss(const std::vector<int>& items) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>"
      "<link>https://wire.example/</link><description>d</description>\n";
  for (int i : items) {
    std::string n = std::to_string(i);
    xml += "<item><title>Clash " + n + " in Anbar</title><link>https://wire.example/clash-" + n +
           "</link><pubDate>Tue, 0" + std::to_string(1 + i % 9) +
           " Oct 2024 10:00:00 GMT</pubDate><description>US forces clashed with Islamic State "
           "fighters near Ramadi in Anbar province on Monday, killing " +
           std::to_string(3 + i) + " militants, the Iraqi military said in update " + n +
           ".</description></item>\n";
  }
  return xml + "</channel></rss>\n";
}

struct Counted {
  std::int64_t articles = -1;
  std::int64_t events = -1;
};

Counted Count(const std::string& db) {
  auto store = Store::Open(db, {});
  if (!store.ok()) return {};
  auto counts = (*store)->Counts();
  if (!counts.ok()) return {};
  return {counts->articles, counts->events};
}

// Waits until the store holds `articles` articles (or 30 s).
bool WaitForArticles(const std::string& db, std::int64_t articles) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Count(db).articles >= articles) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// The sum of "coded N" over the scan lines of `out`.
std::int64_t Coded(const std::string& out) {
  std::int64_t coded = 0;
  for (size_t at = out.find("scan files"); at != std::string::npos;
       at = out.find("scan files", at + 1)) {
    size_t c = out.find(" coded ", at);
    coded += std::stoll(out.substr(c + 7));
  }
  return coded;
}

TEST(FollowTest, SurvivesARestartWithoutRecodingOrLosing) {
  TempDir dir;
  const fs::path watch = dir.path() / "inbox";
  const fs::path feed = dir.path() / "wire.xml";
  fs::create_directories(watch);
  testing::WriteFile(feed, Rss({1, 2}));
  const std::string db = (dir.path() / "follow.db").string();
  const std::string pages = KHALDUN_SOURCE_DIR "/examples/corpus/pages/";
  const std::vector<std::string> args = {"run", "--follow",         "--poll",
                                         "0.2", "--progress-lines", "--db",
                                         db,    watch.string(),     feed.string()};
  std::int64_t first_articles = 0;
  {
    Follower follower(args, dir.path() / "out1.txt");
    ASSERT_TRUE(WaitForArticles(db, 2)) << follower.Output();  // the feed's two items
    Drop(watch / "mali.txt", ReadFile(pages + "mali_jnim_convoy_gao.txt"));
    Drop(watch / "sub" / "sudan.txt", ReadFile(pages + "sudan_elfasher_abushouk_shelling.txt"));
    ASSERT_TRUE(WaitForArticles(db, 4)) << follower.Output();
    EXPECT_EQ(follower.Stop(SIGTERM), 0);
    std::string out = follower.Output();
    EXPECT_NE(out.find("stopped\n"), std::string::npos) << out;
    EXPECT_EQ(Coded(out), 4) << out;
  }
  {
    auto store = Store::Open(db, {});
    ASSERT_TRUE(store.ok());
    EXPECT_TRUE((*store)->Check().ok());
    first_articles = Count(db).articles;
    EXPECT_EQ(first_articles, 4);
  }

  // Restart; touch the old files, rewrite the feed with one new item and
  // the old ones changed in place (a feed re-fetched), drop a new page.
  Follower follower(args, dir.path() / "out2.txt");
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  auto later = fs::file_time_type::clock::now();
  fs::last_write_time(watch / "mali.txt", later);
  fs::last_write_time(watch / "sub" / "sudan.txt", later);
  std::string rewritten = Rss({1, 2, 3});
  testing::ReplaceAll(rewritten, "in update 1.", "in update 1 (updated).");
  Drop(feed, rewritten);
  Drop(watch / "syria.html", ReadFile(pages + "syria_turkish_drone_tishreen.html"));
  ASSERT_TRUE(WaitForArticles(db, first_articles + 2)) << follower.Output();
  // Let it scan the touched files too, then stop.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(follower.Stop(SIGINT), 0);
  std::string out = follower.Output();
  // Only the new feed item and the new page were coded.
  EXPECT_EQ(Coded(out), 2) << out;
  EXPECT_EQ(Count(db).articles, first_articles + 2);
  auto store = Store::Open(db, {});
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->Check().ok());
}

TEST(FollowTest, StopInTheMiddleOfABigFileLosesNothing) {
  TempDir dir;
  const fs::path watch = dir.path() / "inbox";
  fs::create_directories(watch);
  auto gold = testing::GoldArticles(KHALDUN_SOURCE_DIR "/tests/gold");
  ASSERT_FALSE(gold.empty());
  const int kRecords = 400;
  ASSERT_TRUE(testing::WriteCorpus(gold, kRecords, (dir.path() / "big.jsonl").string()));
  const std::string db = (dir.path() / "follow.db").string();
  const std::vector<std::string> args = {"run",     "--follow", "--poll", "0.2", "--progress-lines",
                                         "--batch", "20",       "--db",   db,    watch.string()};
  {
    Follower follower(args, dir.path() / "out1.txt");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    fs::rename(dir.path() / "big.jsonl", watch / "big.jsonl");
    ASSERT_TRUE(WaitForArticles(db, 40)) << follower.Output();
    EXPECT_EQ(follower.Stop(SIGTERM), 0);
  }
  Counted stopped = Count(db);
  EXPECT_GE(stopped.articles, 40);
  EXPECT_LT(stopped.articles, kRecords) << "stopped too late to test anything";
  {
    auto store = Store::Open(db, {});
    ASSERT_TRUE(store.ok());
    EXPECT_TRUE((*store)->Check().ok());
  }
  // The file was not finished, so it is read again; what was stored is
  // skipped, not coded again.
  Follower follower(args, dir.path() / "out2.txt");
  ASSERT_TRUE(WaitForArticles(db, kRecords)) << follower.Output();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(follower.Stop(SIGTERM), 0);
  std::string out = follower.Output();
  EXPECT_EQ(Coded(out), kRecords - stopped.articles) << out;
  EXPECT_EQ(Count(db).articles, kRecords);
  auto store = Store::Open(db, {});
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->Check().ok());
}

}  // namespace
}  // namespace khaldun
