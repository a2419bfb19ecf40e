// khaldun serve: the HTTP API and dashboard over a store (server/).
#ifndef KHALDUN_CLI_SERVE_COMMAND_H_
#define KHALDUN_CLI_SERVE_COMMAND_H_

#include <string_view>
#include <vector>

namespace khaldun::cli {

// Returns the exit status: 0 after a clean shutdown (SIGINT/SIGTERM),
// 1 when the store or the port cannot be opened, 2 for a usage error.
int RunServe(const std::vector<std::string_view>& args);

}  // namespace khaldun::cli

#endif  // KHALDUN_CLI_SERVE_COMMAND_H_
