// STUB
#include "ingest/readers.h"
namespace khaldun {
Status ReadPages(const std::string& path, ByteSource& source, const IngestOptions& options,
                 const PageCallback& on_page, const ErrorCallback&) {
  std::string all; char buf[65536];
  while (true) { auto n = source.Read(buf, sizeof buf); if (!n.ok()) return n.status(); if (*n == 0) break; all.append(buf, *n);
    if (all.size() > options.max_input_bytes) return Status::TooLarge("too large"); }
  if (all.empty()) return Status::Corruption("empty input");
  Page p; p.source_file = path; p.body = std::move(all);
  p.kind = p.body.find('<') != std::string::npos ? PageKind::kHtml : PageKind::kText;
  on_page(std::move(p));
  return Status::Ok();
}
}  // namespace khaldun
