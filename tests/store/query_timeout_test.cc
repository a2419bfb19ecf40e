// A query over its time limit is cancelled with kDeadlineExceeded on both
// backends (the server's guard against one expensive filter holding a
// connection), and the connection stays usable afterwards.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "store/backend.h"
#include "store/store_testing.h"

namespace khaldun {
namespace {

using testing::TempDir;

// Counts without end: only a cancellation stops it.
constexpr char kEndless[] =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
    "SELECT count(*) FROM c";

void ExpectCancelled(store::Backend& db) {
  ASSERT_TRUE(db.SetStatementTimeout(100).ok());
  auto start = std::chrono::steady_clock::now();
  auto rows = db.Query(kEndless, {});
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kDeadlineExceeded) << rows.status().message();
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  auto after = db.Query("SELECT 1", {});
  ASSERT_TRUE(after.ok()) << after.status().message();
  ASSERT_TRUE(db.SetStatementTimeout(0).ok());
  EXPECT_TRUE(db.Query("SELECT 2", {}).ok());
}

TEST(QueryTimeoutTest, SqliteCancelsALongQuery) {
  TempDir dir;
  auto db = store::OpenSqlite((dir.path() / "t.db").string(), 1000, 1000, 64);
  ASSERT_TRUE(db.ok()) << db.status().message();
  ExpectCancelled(**db);
}

TEST(QueryTimeoutTest, PostgresCancelsALongQuery) {
  TempDir dir;
  std::string skip;
  std::string url = testing::FreshDatabase("postgresql", dir, &skip);
  if (url.empty()) GTEST_SKIP() << skip;
  auto db = store::OpenPostgres(url);
  ASSERT_TRUE(db.ok()) << db.status().message();
  ExpectCancelled(**db);
}

TEST(QueryTimeoutTest, StoreOptionSetsTheLimit) {
  TempDir dir;
  StoreOptions options;
  options.query_timeout_ms = 2000;
  auto store = Store::Open((dir.path() / "s.db").string(), options);
  ASSERT_TRUE(store.ok()) << store.status().message();
  // Ordinary reads finish well inside the limit.
  EXPECT_TRUE((*store)->Events({}).ok());
  EXPECT_TRUE((*store)->Stats({}).ok());
}

}  // namespace
}  // namespace khaldun
