// The hand-written sentence-splitting set (tests/data/sentences/cases.txt;
// its header documents the format), read the same way by the accuracy test
// and the sentence benchmark.
#ifndef KHALDUN_TESTING_SENTENCE_CASES_H_
#define KHALDUN_TESTING_SENTENCE_CASES_H_

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace khaldun::testing {

struct SentenceCase {
  std::string name;
  std::string text;
  std::vector<std::string> expected;  // the sentences, in order
};

inline std::vector<SentenceCase> ReadSentenceCases(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<SentenceCase> cases;
  std::istringstream lines(contents);
  std::string line;
  bool in_expected = false;
  bool first_line = false;
  while (std::getline(lines, line)) {
    if (line.rfind("=== ", 0) == 0) {
      cases.push_back({line.substr(4), "", {}});
      in_expected = false;
      first_line = true;
    } else if (cases.empty()) {
      continue;  // the header
    } else if (line == "---") {
      in_expected = true;
    } else if (in_expected) {
      if (line.empty()) continue;
      std::string sentence;  // "\n" written as two characters is a line break
      for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == 'n') {
          sentence += '\n';
          ++i;
        } else {
          sentence += line[i];
        }
      }
      cases.back().expected.push_back(sentence);
    } else {
      if (!first_line) cases.back().text += '\n';
      cases.back().text += line;
      first_line = false;
    }
  }
  return cases;
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTING_SENTENCE_CASES_H_
