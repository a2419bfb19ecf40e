#!/usr/bin/env python3
"""Checks that two khaldun SQLite stores hold the same result.

    compare_stores.py EXPECTED.db ACTUAL.db [--min-articles N]

Same articles (id, page hash), same events with every coded column, the
same merged clusters (merged_into, report/article/source counts), the same
merge table (event, canonical, reason) and the same row count in every
table. Columns that record when or in what order rows were written
(stored_at, seq, the input path) are not compared: a sharded run writes
them differently by design. Exit status 0 when equal; otherwise the first
differences are printed.
"""
import argparse
import sqlite3
import sys

# Columns that depend on when, where or in which order a row was written.
SKIP = {"seq", "stored_at", "source_file", "record"}
TABLES = ["articles", "sentences", "events", "actors", "event_actors", "casualties",
          "evidence", "quotes", "merges"]
KEYS = {
    "articles": ["id"],
    "sentences": ["article_id", "idx"],
    "events": ["id"],
    "actors": ["id"],
    "event_actors": ["event_id", "side", "position"],
    "casualties": ["event_id", "position"],
    "evidence": ["event_id"],
    "quotes": ["article_id", "position"],
    "merges": ["event_id"],
}


def rows(db, table):
    cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in SKIP]
    if table == "merges":
        cols = [c for c in cols if c != "run_id"]
    order = ", ".join(KEYS[table])
    return cols, db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("expected")
    ap.add_argument("actual")
    ap.add_argument("--min-articles", type=int, default=1)
    args = ap.parse_args()
    a = sqlite3.connect(f"file:{args.expected}?mode=ro", uri=True)
    b = sqlite3.connect(f"file:{args.actual}?mode=ro", uri=True)
    failures = []
    summary = []
    for table in TABLES:
        cols_a, rows_a = rows(a, table)
        cols_b, rows_b = rows(b, table)
        if cols_a != cols_b:
            failures.append(f"{table}: columns differ: {cols_a} vs {cols_b}")
            continue
        summary.append(f"{table} {len(rows_a)}")
        if rows_a != rows_b:
            set_a, set_b = set(rows_a), set(rows_b)
            only_a = sorted(set_a - set_b)[:3]
            only_b = sorted(set_b - set_a)[:3]
            failures.append(f"{table}: {len(rows_a)} vs {len(rows_b)} rows; only in expected: "
                            f"{only_a}; only in actual: {only_b}")
    articles = a.execute("SELECT count(*) FROM articles").fetchone()[0]
    if articles < args.min_articles:
        failures.append(f"expected store has {articles} articles, fewer than {args.min_articles}")
    if failures:
        for f in failures:
            print("compare_stores: " + f[:2000], file=sys.stderr)
        return 1
    print("compare_stores: equal (" + ", ".join(summary) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
