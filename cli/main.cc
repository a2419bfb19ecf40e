// The khaldun command line: parses arguments, calls the library, prints.
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "khaldun/ingest.h"

namespace {

constexpr std::string_view kVersion = "0.1.0";

constexpr std::string_view kUsage =
    "usage: khaldun <command> [options]\n"
    "\n"
    "commands:\n"
    "  ingest [--format jsonl|text] [--published YYYY-MM-DD] [--max-bytes N] PATH... | -\n"
    "      Read scraped text, HTML pages, JSON Lines corpora, RSS/Atom feeds and\n"
    "      WARC files (gzip or not, directories recursively; '-' is standard\n"
    "      input) and print one clean article per page: JSON Lines records\n"
    "      (--format jsonl, the default) or the body paragraphs only (text).\n"
    "  help       this text\n"
    "  version    the version\n"
    "\n"
    "Errors name the input: 'khaldun: PATH: what is wrong'. The exit status is 1\n"
    "when any input failed, 2 for a usage error.\n";

void PrintError(std::string_view where, std::string_view what) {
  std::fprintf(stderr, "khaldun: %.*s: %.*s\n", static_cast<int>(where.size()), where.data(),
               static_cast<int>(what.size()), what.data());
}

int UsageError(std::string_view where, std::string_view what) {
  PrintError(where, what);
  std::fprintf(stderr, "khaldun: run 'khaldun help' for usage\n");
  return 2;
}

// Writes to stdout; a closed pipe (khaldun ... | head) ends the run quietly.
class Output {
 public:
  Output() { std::setvbuf(stdout, nullptr, _IOFBF, 1 << 16); }
  void Write(std::string_view s) {
    if (closed_) return;
    if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size()) closed_ = true;
  }
  bool closed() const { return closed_; }
  bool Flush() { return std::fflush(stdout) == 0 && !closed_; }

 private:
  bool closed_ = false;
};

bool ParseSize(std::string_view text, size_t* out) {
  if (text.empty() || text.size() > 15) return false;
  size_t value = 0;
  size_t multiplier = 1;
  if (text.back() == 'K' || text.back() == 'k') multiplier = 1u << 10;
  if (text.back() == 'M' || text.back() == 'm') multiplier = 1u << 20;
  if (text.back() == 'G' || text.back() == 'g') multiplier = 1u << 30;
  if (multiplier != 1) text.remove_suffix(1);
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  *out = value * multiplier;
  return *out > 0;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int RunIngest(const std::vector<std::string_view>& args) {
  khaldun::IngestOptions options;
  std::string format = "jsonl";
  std::vector<std::string> paths;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      paths.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string_view name = arg;
    std::string_view value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    auto take_value = [&]() -> bool {
      if (has_value) return true;
      if (i + 1 >= args.size()) return false;
      value = args[++i];
      return true;
    };
    if (name == "--format" || name == "-f") {
      if (!take_value()) return UsageError(name, "needs a value (jsonl or text)");
      if (value != "jsonl" && value != "text") {
        return UsageError(name, "unknown format '" + std::string(value) + "' (jsonl or text)");
      }
      format = value;
    } else if (name == "--published") {
      if (!take_value()) return UsageError(name, "needs a date (YYYY-MM-DD)");
      if (!IsIsoDate(value)) {
        return UsageError(name, "'" + std::string(value) + "' is not a YYYY-MM-DD date");
      }
      options.published = value;
    } else if (name == "--max-bytes") {
      if (!take_value()) return UsageError(name, "needs a size (e.g. 16M)");
      if (!ParseSize(value, &options.max_input_bytes)) {
        return UsageError(name, "'" + std::string(value) + "' is not a size (e.g. 16M, 500K)");
      }
    } else if (name == "--help" || name == "-h") {
      std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
      return 0;
    } else {
      return UsageError(arg, "unknown option");
    }
  }
  if (paths.empty()) return UsageError("ingest", "no input (give paths, or - for standard input)");

  auto resources = khaldun::IngestResources::LoadBuiltin();
  if (!resources.ok()) {
    PrintError("data", resources.status().message());
    return 1;
  }
  Output out;
  bool first_text = true;
  khaldun::IngestStats stats = khaldun::IngestPaths(
      paths, options, *resources,
      [&](khaldun::Article&& article) {
        if (format == "text") {
          if (!first_text) out.Write("\n\n");
          first_text = false;
          out.Write(article.text);
          out.Write("\n");
        } else {
          std::string line = khaldun::ArticleToJson(article);
          line += '\n';
          out.Write(line);
        }
      },
      [&](const khaldun::InputError& error) {
        std::fflush(stdout);
        PrintError(error.path, error.status.message());
      });
  out.Flush();
  // A person at a terminal gets a one-line summary; scripts and pipes,
  // which read the exit status, get nothing extra.
  if (isatty(STDERR_FILENO)) {
    double kb = static_cast<double>(stats.bytes) / 1e3;
    std::fprintf(stderr, "khaldun: %llu articles from %llu inputs (%.1f %s of pages), %llu errors\n",
                 static_cast<unsigned long long>(stats.articles),
                 static_cast<unsigned long long>(stats.inputs), kb >= 1000 ? kb / 1e3 : kb,
                 kb >= 1000 ? "MB" : "KB", static_cast<unsigned long long>(stats.errors));
  }
  return stats.errors > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fwrite(kUsage.data(), 1, kUsage.size(), stderr);
    return 2;
  }
  std::string_view command = args.front();
  args.erase(args.begin());
  if (command == "help" || command == "--help" || command == "-h") {
    std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
    return 0;
  }
  if (command == "version" || command == "--version") {
    std::printf("khaldun %.*s\n", static_cast<int>(kVersion.size()), kVersion.data());
    return 0;
  }
  if (command == "ingest") return RunIngest(args);
  if (!command.empty() && command[0] == '-') return UsageError(command, "unknown option");
  return UsageError(command, "unknown command");
}
