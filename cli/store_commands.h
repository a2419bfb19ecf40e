// The store's commands of the khaldun CLI: run (ingest + code + store),
// db (migrate, merge, check, stats, merges), export and query. Each takes
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

}  // namespace khaldun::cli

#endif  // KHALDUN_CLI_STORE_COMMANDS_H_
