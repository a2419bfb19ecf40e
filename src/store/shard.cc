// Sharded runs: which part of the input a process takes, from the command
// line or from the environment a launcher (Slurm, Open MPI, a PMI
// launcher) gives its tasks (docs/cluster.md).
#include <charconv>
#include <string>

#include "common/text.h"
#include "khaldun/store.h"

namespace khaldun {
namespace {

// A non-negative decimal number that fits 32 bits; false otherwise.
bool ParseIndex(std::string_view text, std::uint32_t* out) {
  if (text.empty() || text.size() > 9) return false;
  std::uint32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  *out = v;
  return true;
}

// Reads the pair of variables `rank_name`/`size_name`. Returns false when
// either is unset; an error when they are set but not a valid pair.
Result<bool> ReadPair(const std::function<const char*(const char*)>& getenv, const char* rank_name,
                      const char* size_name, std::uint32_t* rank, std::uint32_t* size) {
  const char* r = getenv(rank_name);
  const char* n = getenv(size_name);
  if (r == nullptr || n == nullptr || *r == '\0' || *n == '\0') return false;
  if (!ParseIndex(r, rank) || !ParseIndex(n, size) || *size == 0 || *rank >= *size) {
    return Status::InvalidArgument(std::string(rank_name) + "=" + r + " and " + size_name + "=" +
                                   n + " are not a rank below a task count");
  }
  return true;
}

}  // namespace

Result<Shard> ParseShard(std::string_view text) {
  size_t slash = text.find('/');
  Shard shard;
  shard.origin = "--shard";
  if (slash == std::string_view::npos || !ParseIndex(text.substr(0, slash), &shard.index) ||
      !ParseIndex(text.substr(slash + 1), &shard.count) || shard.count == 0) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not K/N (shard K of N, numbered from 0)");
  }
  if (shard.index >= shard.count) {
    return Status::InvalidArgument(
        "'" + std::string(text) + "': shard " + std::to_string(shard.index) + " of " +
        std::to_string(shard.count) + " does not exist (shards are numbered from 0 to N-1)");
  }
  return shard;
}

Result<Shard> ShardFromEnvironment(const std::function<const char*(const char*)>& getenv) {
  Shard shard;
  // A job array: every task runs the same script with its own index.
  // Arrays may start anywhere (--array=1-8) and step (--array=0-14:2), so
  // the index is counted from the minimum in steps.
  const char* task_id = getenv("SLURM_ARRAY_TASK_ID");
  const char* task_count = getenv("SLURM_ARRAY_TASK_COUNT");
  if (task_id != nullptr && task_count != nullptr && *task_id && *task_count) {
    std::uint32_t id = 0, count = 0, min = 0, step = 1;
    const char* min_text = getenv("SLURM_ARRAY_TASK_MIN");
    const char* step_text = getenv("SLURM_ARRAY_TASK_STEP");
    bool ok = ParseIndex(task_id, &id) && ParseIndex(task_count, &count) && count > 0 &&
              (min_text == nullptr || ParseIndex(min_text, &min)) &&
              (step_text == nullptr || (ParseIndex(step_text, &step) && step > 0)) && id >= min &&
              (id - min) % step == 0 && (id - min) / step < count;
    if (!ok) {
      return Status::InvalidArgument(
          std::string("SLURM_ARRAY_TASK_ID=") + task_id +
          " of SLURM_ARRAY_TASK_COUNT=" + task_count +
          ": not a task of one evenly stepped array (give --shard K/N, or submit "
          "--array=0-N)");
    }
    shard.index = (id - min) / step;
    shard.count = count;
    shard.origin = "SLURM_ARRAY_TASK_ID";
  }
  // Ranks of one launch. srun's variables count only inside a job step: a
  // batch script's own shell also has SLURM_PROCID=0 and SLURM_NTASKS=N,
  // and would otherwise take a quarter of the input for the whole job.
  struct Launcher {
    const char* rank;
    const char* size;
    bool needs_step;
  };
  const Launcher launchers[] = {{"SLURM_PROCID", "SLURM_NTASKS", true},
                                {"OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", false},
                                {"PMI_RANK", "PMI_SIZE", false}};
  for (const Launcher& l : launchers) {
    if (l.needs_step) {
      const char* step = getenv("SLURM_STEP_ID");
      if (step == nullptr) step = getenv("SLURM_STEPID");
      if (step == nullptr || *step == '\0') continue;
    }
    std::uint32_t rank = 0, size = 0;
    auto found = ReadPair(getenv, l.rank, l.size, &rank, &size);
    if (!found.ok()) return found.status();
    if (!*found || size == 1) continue;
    shard.index = shard.index * size + rank;
    shard.count = shard.count * size;
    shard.origin = shard.origin.empty() ? l.rank : shard.origin + "+" + l.rank;
    break;
  }
  return shard;
}

bool InShard(const Shard& shard, std::string_view path, std::uint64_t record) {
  if (shard.count <= 1) return true;
  std::uint64_t h = Hash64(path);
  // The record number goes through the hash too, so the records of one
  // file spread over every shard rather than in runs.
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((record >> (8 * i)) & 0xFF);
  h = Hash64(std::string_view(bytes, sizeof bytes), h);
  return h % shard.count == shard.index;
}

}  // namespace khaldun
