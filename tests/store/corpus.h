// A synthetic corpus for the crash test and the store benchmark: the gold
// articles (tests/gold/*.txt, *.html) ingested once, then written out as
// many JSON Lines records with varied names, dates and numbers, so every
// record is a distinct article (its own id and page hash) that codes like
// real news.
#ifndef KHALDUN_TESTS_STORE_CORPUS_H_
#define KHALDUN_TESTS_STORE_CORPUS_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/json_writer.h"
#include "khaldun/ingest.h"

namespace khaldun::testing {

// Pairs swapped in every other variant, so actors and places vary.
inline const std::vector<std::pair<std::string, std::string>>& NameSwaps() {
  static const auto* swaps = new std::vector<std::pair<std::string, std::string>>{
      {"Iraq", "Syria"},    {"Baghdad", "Damascus"}, {"Ukraine", "Moldova"},
      {"Kyiv", "Chisinau"}, {"Sudan", "Chad"},       {"Khartoum", "N'Djamena"},
      {"Mali", "Niger"},    {"Israel", "Lebanon"},   {"Somalia", "Kenya"},
      {"Yemen", "Oman"},    {"Pakistan", "India"},   {"Nigeria", "Cameroon"}};
  return *swaps;
}

inline void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// Every number in `text` plus `delta` (years stay years: 4-digit numbers
// from 1900 to 2100 are left alone).
inline std::string ShiftNumbers(const std::string& text, int delta) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] >= '0' && text[i] <= '9') {
      size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      std::string digits = text.substr(i, j - i);
      long long v = digits.size() <= 9 ? std::stoll(digits) : -1;
      bool year = digits.size() == 4 && v >= 1900 && v <= 2100;
      out += (v < 0 || year) ? digits : std::to_string(v + delta);
      i = j;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// The gold articles as ingest reads them.
inline std::vector<Article> GoldArticles(const std::string& gold_dir) {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(gold_dir)) {
    std::string ext = entry.path().extension().string();
    if (ext == ".txt" || ext == ".html") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Article> articles;
  auto resources = IngestResources::LoadBuiltin();
  if (!resources.ok()) return articles;
  (void)IngestPaths(
      paths, IngestOptions{}, *resources,
      [&](Article&& a) {
        if (!a.text.empty()) articles.push_back(std::move(a));
      },
      [](const InputError&) {});
  return articles;
}

// Writes `count` JSONL records to `path`; returns false on a write error.
inline bool WriteCorpus(const std::vector<Article>& gold, size_t count, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || gold.empty()) return false;
  for (size_t i = 0; i < count; ++i) {
    const Article& a = gold[i % gold.size()];
    size_t variant = i / gold.size();
    std::string text = a.text;
    std::string title = a.headline;
    if (variant % 2 == 1) {
      for (const auto& [from, to] : NameSwaps()) {
        ReplaceAll(text, from, to);
        ReplaceAll(title, from, to);
      }
    }
    text = ShiftNumbers(text, static_cast<int>(variant % 9));
    int day = 1 + static_cast<int>(variant % 28);
    int month = 1 + static_cast<int>((variant / 28) % 12);
    char date[16];
    std::snprintf(date, sizeof date, "2024-%02d-%02d", month, day);
    std::string line = "{\"url\":";
    AppendJsonString(
        line, "https://outlet" + std::to_string(i % 37) + ".example/news/" + std::to_string(i));
    line += ",\"title\":";
    AppendJsonString(line, title);
    line += ",\"date_publish\":";
    AppendJsonString(line, date);
    line += ",\"maintext\":";
    AppendJsonString(line, text);
    line += "}\n";
    out << line;
  }
  return static_cast<bool>(out);
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTS_STORE_CORPUS_H_
