// What `khaldun run --follow` has read (migration 4: follow_files,
// follow_items). Marks go into the open batch, so a file or item counts as
// read exactly when the articles read from it are committed.
#include "store/store_impl.h"

namespace khaldun {

using store::Int;
using store::Value;

Result<bool> Store::FileUnchanged(std::string_view path, std::int64_t size, std::int64_t mtime_ns) {
  Value params[] = {std::string(path)};
  auto rows = impl_->db->Query("SELECT size, mtime_ns FROM follow_files WHERE path = $1", params);
  if (!rows.ok()) return rows.status();
  return !rows->empty() && store::AsInt((*rows)[0][0]) == size &&
         store::AsInt((*rows)[0][1]) == mtime_ns;
}

Status Store::MarkFile(std::string_view path, std::int64_t size, std::int64_t mtime_ns) {
  // Opened as Put() opens it, so the batch knows which rows it adds.
  if (!impl_->in_batch) {
    if (Status s = BeginBatch(); !s.ok()) return s;
  }
  Value params[] = {std::string(path), Int(size), Int(mtime_ns), store::UtcNow()};
  return impl_->db->Run(
      "INSERT INTO follow_files (path, size, mtime_ns, read_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, "
      "read_at = excluded.read_at",
      params);
}

Result<bool> Store::ItemSeen(std::string_view feed, std::string_view item) {
  Value params[] = {std::string(feed), std::string(item)};
  auto rows = impl_->db->Query("SELECT 1 FROM follow_items WHERE feed = $1 AND item = $2", params);
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Status Store::MarkItem(std::string_view feed, std::string_view item, std::string_view article_id) {
  // Opened as Put() opens it, so the batch knows which rows it adds.
  if (!impl_->in_batch) {
    if (Status s = BeginBatch(); !s.ok()) return s;
  }
  Value params[] = {std::string(feed), std::string(item), store::TextOrNull(article_id),
                    store::UtcNow()};
  return impl_->db->Run(
      "INSERT INTO follow_items (feed, item, article_id, seen_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (feed, item) DO NOTHING",
      params);
}

}  // namespace khaldun
