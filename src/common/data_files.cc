#include "common/data_files.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace khaldun {

DataFiles DataFiles::Embedded() { return DataFiles(); }

DataFiles DataFiles::Directory(std::string dir) {
  DataFiles files;
  files.dir_ = std::move(dir);
  if (files.dir_.empty()) files.dir_ = ".";
  return files;
}

DataFiles DataFiles::Default() {
  const char* dir = std::getenv("KHALDUN_DATA_DIR");
  if (dir != nullptr && *dir != '\0') return Directory(dir);
  return Embedded();
}

Result<std::string> DataFiles::Read(std::string_view relative_path) const {
  if (dir_.empty()) {
    for (const EmbeddedFile& file : EmbeddedDataFiles()) {
      if (file.path == relative_path) return std::string(file.contents);
    }
    return Status::NotFound("data file " + std::string(relative_path) +
                            " is not embedded");
  }
  std::string path = dir_ + "/" + std::string(relative_path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open data file " + path);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read data file " + path);
  return contents.str();
}

Result<std::vector<TsvRow>> ParseTsv(std::string_view text, std::string_view name,
                                     size_t min_fields, size_t max_fields) {
  std::vector<TsvRow> rows;
  int line_number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    TsvRow row;
    row.line = line_number;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      row.fields.push_back(line.substr(start, tab == std::string_view::npos
                                                  ? std::string_view::npos
                                                  : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (row.fields.size() < min_fields || row.fields.size() > max_fields) {
      return Status::Corruption(std::string(name) + ":" + std::to_string(line_number) +
                                ": expected " + std::to_string(min_fields) +
                                (min_fields == max_fields ? "" : "-" + std::to_string(max_fields)) +
                                " tab-separated fields, found " +
                                std::to_string(row.fields.size()));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string TsvFile::Where(const TsvRow& row) const {
  return name + ":" + std::to_string(row.line) + ": ";
}

Result<TsvFile> ReadTsvFile(const DataFiles& files, std::string_view name, size_t min_fields,
                            size_t max_fields) {
  auto text = files.Read(name);
  if (!text.ok()) return text.status();
  TsvFile file;
  file.name = std::string(name);
  file.text = std::make_shared<const std::string>(std::move(*text));
  auto rows = ParseTsv(*file.text, name, min_fields, max_fields);
  if (!rows.ok()) return rows.status();
  file.rows = std::move(*rows);
  return file;
}

}  // namespace khaldun
