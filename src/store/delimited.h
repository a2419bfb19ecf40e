// Delimited text for the exports: RFC 4180 CSV (fields quoted when they
// hold a comma, quote or line break) and TSV as GDELT and POLECAT ship it
// (no quoting: tabs and line breaks inside a field become spaces). The
// parser reads both back, for the round-trip tests and for anyone
// re-importing an export.
#ifndef KHALDUN_STORE_DELIMITED_H_
#define KHALDUN_STORE_DELIMITED_H_

#include <string>
#include <string_view>
#include <vector>

namespace khaldun::store {

// Appends one row, terminated by "\n".
void AppendCsvRow(std::string& out, const std::vector<std::string>& fields);
void AppendTsvRow(std::string& out, const std::vector<std::string>& fields);

// Parses CSV (quoted fields may hold commas, doubled quotes and line
// breaks) or, with `tsv`, tab-separated lines. Rows keep empty fields.
std::vector<std::vector<std::string>> ParseDelimited(std::string_view text, bool tsv);

}  // namespace khaldun::store

#endif  // KHALDUN_STORE_DELIMITED_H_
