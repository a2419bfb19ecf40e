// A throwaway PostgreSQL server for tests: initdb on a temporary
// directory, pg_ctl start on a free port (TCP on 127.0.0.1 and a socket in
// the same directory), trust authentication for one user, stopped and
// removed when the object dies.
//
// PostgreSQL refuses to run as root. When the tests run as root (CI on a
// fresh Debian container), the server runs as the `postgres` system user
// that the Debian package creates, through `runuser`; the directory is
// handed to that user first.
//
// Server binaries are looked for in $KHALDUN_PG_BINDIR, then
// /usr/lib/postgresql/<newest>/bin, then PATH. When none is found,
// available() is false and error() says why: tests skip with that message.
#ifndef KHALDUN_TESTS_STORE_PG_SERVER_H_
#define KHALDUN_TESTS_STORE_PG_SERVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "testing/run_cli.h"

namespace khaldun::testing {

class PgServer {
 public:
  PgServer() { Start(); }
  ~PgServer() { Stop(); }
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  bool available() const { return running_; }
  const std::string& error() const { return error_; }

  // A new empty database; its connection URL, or empty on failure.
  std::string CreateDatabase(const std::string& name) {
    if (!running_) return {};
    std::string cmd = AsServerUser(Bin("createdb") + " -h 127.0.0.1 -p " + std::to_string(port_) +
                                   " -U khaldun " + ShellQuote(name));
    if (std::system((cmd + " >/dev/null 2>&1").c_str()) != 0) return {};
    return Url(name);
  }
  std::string Url(const std::string& database) const {
    return "postgresql://khaldun@127.0.0.1:" + std::to_string(port_) + "/" + database;
  }

 private:
  static std::string FindBinDir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("KHALDUN_PG_BINDIR"); env && *env) return env;
    std::error_code ec;
    std::string best;
    if (fs::is_directory("/usr/lib/postgresql", ec)) {
      for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        fs::path bin = entry.path() / "bin";
        // Version directories sort numerically for 10..99.
        if (fs::exists(bin / "initdb", ec) && bin.string() > best) best = bin.string();
      }
    }
    if (!best.empty()) return best;
    if (std::system("command -v initdb >/dev/null 2>&1") == 0) return "";  // on PATH
    return "-";
  }

  std::string Bin(const std::string& name) const {
    return bin_dir_.empty() ? name : ShellQuote(bin_dir_ + "/" + name);
  }

  std::string AsServerUser(const std::string& command) const {
    if (!as_postgres_) return command;
    return "runuser -u postgres -- " + command;
  }

  static int FreePort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port = ntohs(addr.sin_port);
    }
    close(fd);
    return port;
  }

  void Start() {
    bin_dir_ = FindBinDir();
    if (bin_dir_ == "-") {
      error_ =
          "PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql "
          "(scripts/setup.sh) or set KHALDUN_PG_BINDIR";
      return;
    }
    if (geteuid() == 0) {
      if (getpwnam("postgres") == nullptr) {
        error_ = "running as root and there is no 'postgres' user to run the server as";
        return;
      }
      as_postgres_ = true;
    }
    std::string templ = (std::filesystem::temp_directory_path() / "khaldun-pg-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) {
      error_ = "cannot create a temporary directory";
      return;
    }
    dir_ = templ;
    if (as_postgres_) {
      std::string chown = "chown postgres: " + ShellQuote(dir_);
      if (std::system(chown.c_str()) != 0) {
        error_ = "cannot hand " + dir_ + " to the postgres user";
        return;
      }
    }
    std::string data = dir_ + "/data";
    std::string init = AsServerUser(Bin("initdb") + " -D " + ShellQuote(data) +
                                    " -U khaldun -A trust -E UTF8 --no-locale --no-sync");
    if (std::system((init + " >" + ShellQuote(dir_ + "/initdb.log") + " 2>&1").c_str()) != 0) {
      error_ = "initdb failed (see " + dir_ + "/initdb.log)";
      return;
    }
    for (int attempt = 0; attempt < 5 && !running_; ++attempt) {
      port_ = FreePort();
      // fsync off: the tests check logic, not durability against power
      // loss, and it makes the server several times faster.
      std::string options = "-p " + std::to_string(port_) + " -k " + dir_ +
                            " -c listen_addresses=127.0.0.1 -c fsync=off";
      std::string start =
          AsServerUser(Bin("pg_ctl") + " -D " + ShellQuote(data) + " -o " + ShellQuote(options) +
                       " -l " + ShellQuote(dir_ + "/server.log") + " -w -t 60 start");
      running_ = std::system((start + " >/dev/null 2>&1").c_str()) == 0;
    }
    if (!running_) error_ = "pg_ctl start failed (see " + dir_ + "/server.log)";
  }

  void Stop() {
    if (running_) {
      std::string stop = AsServerUser(Bin("pg_ctl") + " -D " + ShellQuote(dir_ + "/data") +
                                      " -m immediate -w stop");
      (void)std::system((stop + " >/dev/null 2>&1").c_str());
      running_ = false;
    }
    if (!dir_.empty() && std::getenv("KHALDUN_KEEP_PG") == nullptr) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  std::string bin_dir_;
  std::string dir_;
  std::string error_;
  int port_ = 0;
  bool as_postgres_ = false;
  bool running_ = false;
};

// One server per test program, started on first use.
inline PgServer& SharedPgServer() {
  static PgServer* server = new PgServer();  // NOLINT: lives to exit; stopped atexit
  static const bool registered = [] {
    std::atexit([] { delete server; });
    return true;
  }();
  (void)registered;
  return *server;
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTS_STORE_PG_SERVER_H_
