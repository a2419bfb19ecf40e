// Sharded runs on the real engines, each started by its script in this
// directory: mpirun (Open MPI, two ranks) and a one-node Slurm cluster
// (a 4-task job array and the merge job). Both must give exactly the
// single-process result. A script's exit status 77 means its engine is not
// installed: the test is skipped with its message.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "testing/run_cli.h"

namespace khaldun {
namespace {

void RunScript(const std::string& script) {
  testing::TempDir dir;
  const std::string log = (dir.path() / "log").string();
  std::string command = testing::ShellQuote(KHALDUN_SOURCE_DIR "/tests/cluster/" + script) + " " +
                        testing::ShellQuote(KHALDUN_BINARY) + " " +
                        testing::ShellQuote(KHALDUN_SHARED_DIR) + " >" + testing::ShellQuote(log) +
                        " 2>&1";
  int status = std::system(command.c_str());
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::string output = testing::ReadFile(log);
  if (code == 77) GTEST_SKIP() << output;
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("passed"), std::string::npos) << output;
}

TEST(ClusterTest, MpirunTwoRanksEqualOneProcess) { RunScript("mpirun_test.sh"); }

TEST(ClusterTest, SlurmArrayAndMergeJobEqualOneProcess) {
  if (const char* skip = std::getenv("KHALDUN_SKIP_SLURM"); skip && std::string(skip) == "1") {
    GTEST_SKIP() << "KHALDUN_SKIP_SLURM=1";
  }
  RunScript("slurm_test.sh");
}

}  // namespace
}  // namespace khaldun
