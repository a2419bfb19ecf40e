// The store's commands of the khaldun CLI: run (ingest + code + store;
// sharded, threaded or following), db (migrate, merge, check, stats,
// merges), export, query and merge (combining shards). Each takes
// the arguments after its command name and returns the exit status: 0,
// 1 when an input or the database failed, 2 for a usage error.
#ifndef KHALDUN_CLI_STORE_COMMANDS_H_
#define KHALDUN_CLI_STORE_COMMANDS_H_

#include <string_view>
#include <vector>

namespace khaldun::cli {

int RunStoreRun(const std::vector<std::string_view>& args);
int RunDb(const std::vector<std::string_view>& args);
int RunExport(const std::vector<std::string_view>& args);
int RunQuery(const std::vector<std::string_view>& args);
// khaldun merge OUT SHARD...: combines the SQLite stores of a sharded run
// into OUT, then merges repeated reports once over the whole (docs/cluster.md).
int RunMerge(const std::vector<std::string_view>& args);

}  // namespace khaldun::cli

#endif  // KHALDUN_CLI_STORE_COMMANDS_H_
