// khaldun serve as a user starts it: usage errors, a missing database,
// and a real server on a free port that answers and stops cleanly on
// SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "testing/raw_http.h"
#include "testing/run_cli.h"

extern char** environ;

namespace khaldun {
namespace {

using testing::ReadFile;
using testing::RunKhaldun;
using testing::TempDir;

TEST(ServeCliTest, UsageErrorsAndAMissingDatabase) {
  auto r = RunKhaldun({"serve", "--bogus"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--bogus: unknown option"), std::string::npos) << r.err;
  r = RunKhaldun({"serve", "--port", "70000"});
  EXPECT_EQ(r.exit_code, 2);
  TempDir dir;
  const std::string missing = (dir.path() / "typo.db").string();
  r = RunKhaldun({"serve", "--db", missing, "--port", "0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no database here"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(missing)) << "serve created the database it was to read";
}

TEST(ServeCliTest, ServesAndStopsCleanlyOnSigterm) {
  TempDir dir;
  const std::string db = (dir.path() / "k.db").string();
  auto run = RunKhaldun({"run", "--db", db, std::string(KHALDUN_SOURCE_DIR) + "/examples/corpus"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string log = (dir.path() / "serve.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::string binary = KHALDUN_BINARY;
  std::vector<std::string> args = {binary, "serve", "--db", db, "--port", "0"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  // The port it took is in its first line.
  int port = 0;
  const std::regex serving("on http://127\\.0\\.0\\.1:([0-9]+)/");
  for (int i = 0; i < 200 && port == 0; ++i) {
    std::smatch m;
    const std::string text = ReadFile(log);
    if (std::regex_search(text, m, serving)) port = std::stoi(m[1]);
    if (port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_GT(port, 0) << ReadFile(log);
  std::string health = testing::RawGet(port, "/healthz");
  EXPECT_TRUE(health.starts_with("HTTP/1.1 200")) << health;
  EXPECT_NE(health.find("\"status\":\"ok\""), std::string::npos);
  std::string events = testing::RawGet(port, "/api/events?limit=3");
  EXPECT_NE(events.find("\"events\":["), std::string::npos) << events.substr(0, 300);
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << ReadFile(log);
  EXPECT_NE(ReadFile(log).find("server stopped"), std::string::npos);
}

}  // namespace
}  // namespace khaldun
