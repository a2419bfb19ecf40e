// Test helpers: run the khaldun binary as a user would, and read its JSON
// Lines output.
#ifndef KHALDUN_TESTS_TESTING_RUN_CLI_H_
#define KHALDUN_TESTS_TESTING_RUN_CLI_H_

#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace khaldun::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void WriteFile(const std::filesystem::path& path, const std::string& data) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << data;
}

inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

// A fresh temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "khaldun-test-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs `khaldun ARGS...` with `stdin_data` on standard input.
inline CliResult RunKhaldun(const std::vector<std::string>& args,
                            const std::string& stdin_data = "") {
  TempDir dir;
  std::filesystem::path in = dir.path() / "stdin", out = dir.path() / "stdout",
                        err = dir.path() / "stderr";
  WriteFile(in, stdin_data);
  std::string command = ShellQuote(KHALDUN_BINARY);
  for (const auto& arg : args) command += " " + ShellQuote(arg);
  command += " <" + ShellQuote(in.string()) + " >" + ShellQuote(out.string()) + " 2>" +
             ShellQuote(err.string());
  int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out);
  result.err = ReadFile(err);
  return result;
}

// Splits output into lines (no empty lines).
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// One article record flattened for assertions: string fields, and list
// fields joined by '\n'. Throws nothing; missing fields are absent.
struct ArticleView {
  std::map<std::string, std::string> fields;
  std::map<std::string, std::vector<std::string>> lists;
  bool ok = false;
  std::string Get(const std::string& key) const {
    auto it = fields.find(key);
    return it == fields.end() ? "" : it->second;
  }
  std::vector<std::string> List(const std::string& key) const {
    auto it = lists.find(key);
    return it == lists.end() ? std::vector<std::string>{} : it->second;
  }
};

inline ArticleView ParseArticle(const std::string& line) {
  ArticleView view;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(line).get(doc) != simdjson::SUCCESS) return view;
  simdjson::dom::object object;
  if (doc.get(object) != simdjson::SUCCESS) return view;
  for (auto field : object) {
    std::string key(field.key);
    if (field.value.is_string()) {
      view.fields[key] = std::string(std::string_view(field.value));
    } else if (field.value.is_int64()) {
      view.fields[key] = std::to_string(int64_t(field.value));
    } else if (field.value.is_array()) {
      auto& list = view.lists[key];
      for (auto item : simdjson::dom::array(field.value)) {
        if (item.is_string()) list.emplace_back(std::string_view(item));
      }
    }
  }
  view.ok = true;
  return view;
}

inline std::vector<ArticleView> ParseArticles(const std::string& out) {
  std::vector<ArticleView> articles;
  for (const auto& line : Lines(out)) articles.push_back(ParseArticle(line));
  return articles;
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTS_TESTING_RUN_CLI_H_
