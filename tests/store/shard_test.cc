// Shards: K/N parsing, the launchers' environment variables, and that the
// split of (path, record) keys is a partition.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "khaldun/store.h"

namespace khaldun {
namespace {

TEST(ParseShardTest, Cases) {
  struct Case {
    std::string text;
    bool ok;
    std::uint32_t index, count;
  };
  const Case cases[] = {
      {"0/1", true, 0, 1},    {"0/4", true, 0, 4},   {"3/4", true, 3, 4},
      {"4/4", false, 0, 0},   {"1/0", false, 0, 0},  {"", false, 0, 0},
      {"/", false, 0, 0},     {"1", false, 0, 0},    {"-1/4", false, 0, 0},
      {"1/4/2", false, 0, 0}, {" 1/4", false, 0, 0}, {"9999999999/1", false, 0, 0},
  };
  for (const Case& c : cases) {
    auto shard = ParseShard(c.text);
    EXPECT_EQ(shard.ok(), c.ok) << c.text;
    if (shard.ok() && c.ok) {
      EXPECT_EQ(shard->index, c.index) << c.text;
      EXPECT_EQ(shard->count, c.count) << c.text;
      EXPECT_EQ(shard->origin, "--shard");
    }
  }
}

// Runs ShardFromEnvironment over a fixed set of variables.
Result<Shard> FromEnv(const std::map<std::string, std::string>& env) {
  return ShardFromEnvironment([&env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

TEST(ShardFromEnvironmentTest, Launchers) {
  struct Case {
    std::map<std::string, std::string> env;
    bool ok;
    std::uint32_t index, count;
    std::string origin;
  };
  const Case cases[] = {
      {{}, true, 0, 1, ""},
      {{{"SLURM_ARRAY_TASK_ID", "2"}, {"SLURM_ARRAY_TASK_COUNT", "4"}},
       true,
       2,
       4,
       "SLURM_ARRAY_TASK_ID"},
      // --array=1-4: ids counted from the minimum.
      {{{"SLURM_ARRAY_TASK_ID", "4"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"SLURM_ARRAY_TASK_MIN", "1"}},
       true,
       3,
       4,
       "SLURM_ARRAY_TASK_ID"},
      // --array=0-6:2 -> ids 0 2 4 6.
      {{{"SLURM_ARRAY_TASK_ID", "4"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"SLURM_ARRAY_TASK_MIN", "0"},
        {"SLURM_ARRAY_TASK_STEP", "2"}},
       true,
       2,
       4,
       "SLURM_ARRAY_TASK_ID"},
      // --array=0,5,9: not evenly stepped.
      {{{"SLURM_ARRAY_TASK_ID", "9"},
        {"SLURM_ARRAY_TASK_COUNT", "3"},
        {"SLURM_ARRAY_TASK_MIN", "0"}},
       false,
       0,
       0,
       ""},
      // srun inside a step.
      {{{"SLURM_PROCID", "1"}, {"SLURM_NTASKS", "2"}, {"SLURM_STEP_ID", "0"}},
       true,
       1,
       2,
       "SLURM_PROCID"},
      // The batch script's own shell: no step, so not rank 0 of N.
      {{{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "4"}, {"SLURM_JOB_ID", "7"}}, true, 0, 1, ""},
      {{{"OMPI_COMM_WORLD_RANK", "1"}, {"OMPI_COMM_WORLD_SIZE", "3"}},
       true,
       1,
       3,
       "OMPI_COMM_WORLD_RANK"},
      {{{"PMI_RANK", "0"}, {"PMI_SIZE", "2"}}, true, 0, 2, "PMI_RANK"},
      {{{"PMI_RANK", "2"}, {"PMI_SIZE", "2"}}, false, 0, 0, ""},
      {{{"OMPI_COMM_WORLD_RANK", "x"}, {"OMPI_COMM_WORLD_SIZE", "2"}}, false, 0, 0, ""},
      // A single rank is the whole input.
      {{{"OMPI_COMM_WORLD_RANK", "0"}, {"OMPI_COMM_WORLD_SIZE", "1"}}, true, 0, 1, ""},
      // An array task running two MPI ranks: 4 x 2 shards.
      {{{"SLURM_ARRAY_TASK_ID", "3"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"OMPI_COMM_WORLD_RANK", "1"},
        {"OMPI_COMM_WORLD_SIZE", "2"}},
       true,
       7,
       8,
       "SLURM_ARRAY_TASK_ID+OMPI_COMM_WORLD_RANK"},
  };
  for (const Case& c : cases) {
    auto shard = FromEnv(c.env);
    std::string label;
    for (const auto& [k, v] : c.env) label += k + "=" + v + " ";
    ASSERT_EQ(shard.ok(), c.ok) << label;
    if (!c.ok) continue;
    EXPECT_EQ(shard->index, c.index) << label;
    EXPECT_EQ(shard->count, c.count) << label;
    EXPECT_EQ(shard->origin, c.origin) << label;
  }
}

TEST(InShardTest, EveryKeyInExactlyOneShard) {
  for (std::uint32_t count : {1u, 2u, 3u, 4u, 7u, 64u}) {
    std::vector<int> sizes(count, 0);
    for (int file = 0; file < 20; ++file) {
      std::string path = "crawl/part-" + std::to_string(file) + ".jsonl";
      for (std::uint64_t record = 0; record < 200; ++record) {
        int owners = 0;
        for (std::uint32_t k = 0; k < count; ++k) {
          if (InShard(Shard{k, count, ""}, path, record)) {
            ++owners;
            ++sizes[k];
          }
        }
        ASSERT_EQ(owners, 1) << path << ":" << record << " of " << count;
      }
    }
    // Records of one file spread over the shards: none gets less than
    // half its share of 4,000 keys.
    for (std::uint32_t k = 0; k < count; ++k) {
      EXPECT_GT(sizes[k], 4000 / static_cast<int>(count) / 2) << k << " of " << count;
    }
  }
}

TEST(InShardTest, StableAcrossRuns) {
  // Fixed values: a change of the hash would move records between the
  // shards of a run in progress (resumed runs, follow state, combining).
  std::string owners;
  for (std::uint64_t record = 0; record < 16; ++record) {
    for (std::uint32_t k = 0; k < 4; ++k) {
      if (InShard(Shard{k, 4, ""}, "crawl/part-1.jsonl", record)) owners += std::to_string(k);
    }
  }
  EXPECT_EQ(owners, "1332222031012032");
  EXPECT_TRUE(InShard(Shard{0, 1, ""}, "anything", 12345));
}

}  // namespace
}  // namespace khaldun
