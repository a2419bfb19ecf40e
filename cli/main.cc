// The khaldun command line: parses arguments, calls the library, prints.
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "khaldun/code.h"
#include "khaldun/ingest.h"
#include "serve_command.h"   // serve: the API and dashboard
#include "store_commands.h"  // run, db, export, query (issue 6)

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
    "  code [--format jsonl|table] [--published YYYY-MM-DD] [--max-bytes N]\n"
    "       [--no-attributes] PATH... | -\n"
    "      Ingest, then code each article: its article record, one event record\n"
    "      per event (PLOVER type, CAMEO code, actors, date, place, casualties,\n"
    "      factuality, sources, sentence, explanation) and one quote record per\n"
    "      quotation (docs/records.md); --format table for a terminal.\n"
    "      --no-attributes skips dates, places and casualties.\n"
    "  explain [--published YYYY-MM-DD] SENTENCE... | -\n"
    "      Show how sentences are coded: tokens, actors with their dictionary\n"
    "      entries, every rule and decision, and the events with attributes.\n"
    // -- store commands (cli/store_commands.cc) --
    "  run [--db URL] [--published D] [--batch N] [--no-merge] [--window-days N] PATH... | -\n"
    "      Ingest, code and store in one pass into the database (default khaldun.db,\n"
    "      SQLite; postgresql://... for PostgreSQL), then merge repeated reports.\n"
    "      Re-running on the same input adds nothing; a killed run resumes.\n"
    "      [--jobs N] codes on N threads; [--shard K/N] (or Slurm/MPI variables) takes\n"
    "      shard K of N ({shard} in --db names a file per shard); [--follow [--poll S]]\n"
    "      watches directories and feeds until SIGINT/SIGTERM (docs/cluster.md).\n"
    "  merge [--window-days N] [--no-merge] OUT.db SHARD.db...\n"
    "      Combine the SQLite stores of a sharded run into OUT, then merge once.\n"
    "  db migrate|check|stats|merges [EVENT]|merge [--window-days N] [--max-km K]\n"
    "     [--any-actors] [--off]  [--db URL]\n"
    "      Schema migrations, integrity check, row counts, the merge table, and\n"
    "      re-merging with other thresholds (--off undoes every merge).\n"
    "  export [--db URL] --format csv|acled-csv|ucdp-csv|gdelt-tsv|plover-jsonl|\n"
    "         polecat-tsv|geojson [--since D] [--until D] [--country ISO3] [--type T]\n"
    "         [--actor A] [--search WORDS] [--all-reports] [-o FILE]\n"
    "      Write the stored events in an analyst format (docs/store.md).\n"
    "  query [--db URL] [filters as for export] [--limit N] [--count] [WORDS...]\n"
    "        [--sentences WORDS]\n"
    "      Events as a table at the terminal; WORDS search the articles' text.\n"
    "  serve [--db URL] [--host ADDR] [--port N] [--web-root DIR] [--token-file F]\n"
    "        [--threads N] [--rate-limit R] [--max-body BYTES] [--query-timeout-ms MS]\n"
    "      The JSON API (docs/api.md) and the dashboard at http://ADDR:N/; POST\n"
    "      /api/articles needs the token (--token-file or $KHALDUN_API_TOKEN).\n"
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

std::string Pad(std::string s, size_t width) {
  // Pads by code points, so non-ASCII names stay aligned.
  size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  if (cps < width) s.append(width - cps, ' ');
  return s;
}

std::string SideText(const std::vector<khaldun::Actor>& side) {
  std::string s;
  for (const auto& a : side) {
    if (!s.empty()) s += " + ";
    s += a.code.empty() ? a.text : a.code;
  }
  return s.empty() ? "-" : s;
}

// The table view: one block per article, one aligned row per event.
std::string CodedTable(const khaldun::CodedArticle& coded) {
  const auto& a = coded.article;
  std::string out = "== " + (a.headline.empty() ? a.source_file : a.headline) + "\n";
  out += "   " + std::string(a.published.empty() ? "date unknown" : a.published) + "  " +
         std::to_string(coded.sentence_count) + " sentences, " +
         std::to_string(coded.events.size()) + " events, " + std::to_string(coded.quotes.size()) +
         " quotes  [" + a.id + "]\n";
  if (coded.events.empty()) return out + "\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back(
      {"#", "TYPE", "CAMEO", "SOURCE", "TARGET", "DATE", "WHERE", "HARM", "FACT", "TRIGGER"});
  for (const auto& e : coded.events) {
    std::string where = e.location.country;
    if (!e.location.admin1.empty()) where += " " + e.location.admin1;
    std::string harm;
    for (const auto& c : e.casualties) {
      if (!harm.empty()) harm += " ";
      harm += c.outcome + " " + std::to_string(c.best);
    }
    rows.push_back({std::to_string(e.sentence.index), e.type, e.cameo, SideText(e.source),
                    SideText(e.target), e.date.value.empty() ? "-" : e.date.value,
                    where.empty() ? "-" : where, harm.empty() ? "-" : harm, e.factuality,
                    e.trigger});
  }
  std::vector<size_t> width(rows[0].size(), 0);
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) {
      size_t cps = 0;
      for (unsigned char ch : r[c]) cps += (ch & 0xC0) != 0x80;
      width[c] = std::max(width[c], std::min<size_t>(cps, 40));
    }
  }
  for (const auto& r : rows) {
    out += "   ";
    for (size_t c = 0; c < r.size(); ++c) {
      out += c + 1 == r.size() ? r[c] : Pad(r[c], width[c]) + "  ";
    }
    out += "\n";
  }
  return out + "\n";
}

int RunExplain(const std::vector<std::string_view>& args) {
  std::string published;
  std::vector<std::string> sentences;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--published") {
      if (i + 1 >= args.size()) return UsageError(arg, "needs a date (YYYY-MM-DD)");
      published = args[++i];
      if (!IsIsoDate(published)) return UsageError(arg, "'" + published + "' is not a YYYY-MM-DD date");
    } else if (arg.starts_with("--published=")) {
      published = arg.substr(12);
      if (!IsIsoDate(published)) return UsageError("--published", "'" + published + "' is not a YYYY-MM-DD date");
    } else if (arg == "-") {
      std::string line;
      int c;
      while ((c = std::getchar()) != EOF) {
        if (c == '\n') {
          if (!line.empty()) sentences.push_back(line);
          line.clear();
        } else if (line.size() < (1u << 20)) {
          line += static_cast<char>(c);
        }
      }
      if (!line.empty()) sentences.push_back(line);
    } else if (arg == "--help" || arg == "-h") {
      std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
      return 0;
    } else if (arg.size() > 1 && arg[0] == '-') {
      return UsageError(arg, "unknown option");
    } else {
      sentences.emplace_back(arg);
    }
  }
  if (sentences.empty()) return UsageError("explain", "no sentence (give one in quotes, or - for standard input)");
  auto resources = khaldun::CodingResources::LoadBuiltin();
  if (!resources.ok()) {
    PrintError("data", resources.status().message());
    return 1;
  }
  int status = 0;
  for (size_t i = 0; i < sentences.size(); ++i) {
    std::string_view s = sentences[i];
    if (s.size() > (1u << 20)) {
      PrintError("explain", "sentence over 1 MiB; not coded");
      status = 1;
      continue;
    }
    if (size_t bad = khaldun::FindInvalidUtf8(s); bad != std::string_view::npos) {
      PrintError("explain", "sentence " + std::to_string(i + 1) + " is not valid UTF-8 (byte " +
                                std::to_string(bad) + "); not coded");
      status = 1;
      continue;
    }
    std::string report = khaldun::ExplainSentence(s, *resources, published);
    if (i) std::fputs("\n", stdout);
    std::printf("sentence: %.*s\n", static_cast<int>(s.size()), s.data());
    std::fwrite(report.data(), 1, report.size(), stdout);
  }
  return status;
}

int RunPipeline(const std::vector<std::string_view>& args, bool code) {
  khaldun::IngestOptions options;
  std::string format = "jsonl";
  khaldun::CodeOptions code_options;  // code only
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
      std::string_view formats = code ? "jsonl or table" : "jsonl or text";
      if (!take_value()) return UsageError(name, "needs a value (" + std::string(formats) + ")");
      if (value != "jsonl" && value != (code ? "table" : "text")) {
        return UsageError(name, "unknown format '" + std::string(value) + "' (" +
                                    std::string(formats) + ")");
      }
      format = value;
    } else if (name == "--published") {
      if (!take_value()) return UsageError(name, "needs a date (YYYY-MM-DD)");
      if (!IsIsoDate(value)) {
        return UsageError(name, "'" + std::string(value) + "' is not a YYYY-MM-DD date");
      }
      options.published = value;
    } else if (name == "--no-attributes" && code) {
      code_options.attributes = false;
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
  if (paths.empty()) {
    return UsageError(code ? "code" : "ingest", "no input (give paths, or - for standard input)");
  }

  auto resources = khaldun::IngestResources::LoadBuiltin();
  if (!resources.ok()) {
    PrintError("data", resources.status().message());
    return 1;
  }
  khaldun::Result<khaldun::CodingResources> coding = khaldun::Status::NotFound("not loaded");
  if (code) {
    coding = khaldun::CodingResources::LoadBuiltin();
    if (!coding.ok()) {
      PrintError("data", coding.status().message());
      return 1;
    }
  }
  std::uint64_t event_count = 0;
  Output out;
  bool first_text = true;
  khaldun::IngestStats stats = khaldun::IngestPaths(
      paths, options, *resources,
      [&](khaldun::Article&& article) {
        if (code) {
          khaldun::CodedArticle coded =
              khaldun::CodeArticle(std::move(article), *coding, code_options);
          event_count += coded.events.size();
          if (format == "table") {
            out.Write(CodedTable(coded));
            return;
          }
          std::string lines = khaldun::ArticleToJson(coded.article);
          lines += '\n';
          for (const auto& e : coded.events) {
            lines += khaldun::EventToJson(coded, e);
            lines += '\n';
          }
          for (const auto& q : coded.quotes) {
            lines += khaldun::QuoteToJson(coded, q);
            lines += '\n';
          }
          out.Write(lines);
          return;
        }
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
    std::string events =
        code ? ", " + std::to_string(event_count) + " events" : std::string();
    std::fprintf(stderr, "khaldun: %llu articles%s from %llu inputs (%.1f %s of pages), %llu errors\n",
                 static_cast<unsigned long long>(stats.articles), events.c_str(),
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
  if (command == "ingest") return RunPipeline(args, false);
  if (command == "code") return RunPipeline(args, true);
  if (command == "explain") return RunExplain(args);
  // Store commands (issue 6).
  if (command == "run") return khaldun::cli::RunStoreRun(args);
  if (command == "db") return khaldun::cli::RunDb(args);
  if (command == "export") return khaldun::cli::RunExport(args);
  if (command == "query") return khaldun::cli::RunQuery(args);
  if (command == "serve") return khaldun::cli::RunServe(args);
  if (command == "merge") return khaldun::cli::RunMerge(args);
  if (!command.empty() && command[0] == '-') return UsageError(command, "unknown option");
  return UsageError(command, "unknown command");
}
