// Test and benchmark helpers: reading page files, gzip or not, and listing
// a directory's pages in a stable order.
#ifndef KHALDUN_TESTS_TESTING_PAGE_FILES_H_
#define KHALDUN_TESTS_TESTING_PAGE_FILES_H_

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace khaldun::testing {

// The bytes of `path`, decompressed when it is gzip (zlib reads plain files
// through unchanged); empty when it cannot be opened.
inline std::string ReadGzipFile(const std::filesystem::path& path) {
  std::string out;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return out;
  char buffer[1 << 16];
  int n;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  gzclose(file);
  return out;
}

// Regular files in `dir` whose names end with `suffix`, sorted; empty when
// the directory does not exist.
inline std::vector<std::filesystem::path> SortedFiles(const std::filesystem::path& dir,
                                                      std::string_view suffix = "") {
  std::vector<std::filesystem::path> paths;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().string().ends_with(suffix)) paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTS_TESTING_PAGE_FILES_H_
