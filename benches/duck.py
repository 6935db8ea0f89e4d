#!/usr/bin/env python3
"""The DuckDB peer of benches/bench.py: the bench's query, asked of DuckDB over an export that
micromasters wrote itself (`list --include-retired --format csv` or `--format jsonl`).

    python3 benches/duck.py EXPORT.csv|EXPORT.jsonl RATES_JSON [MAX_COST_USD]

RATES_JSON maps a currency code to the value of one unit in USD, as the catalogue's `rates`.
Prints the first 20 ids, one a line, in the order of benches/peer.py.
"""
import json
import sys

import duckdb


def first_twenty(path, rates, most):
    con = duckdb.connect()
    reader = "read_csv" if path.endswith(".csv") else "read_json"
    con.execute("CREATE TABLE rates (code VARCHAR, usd DOUBLE)")
    con.executemany("INSERT INTO rates VALUES (?, ?)", [["USD", 1.0], *rates.items()])
    rows = con.execute(
        f"""
        SELECT id FROM (
            SELECT p.id, p.cost_min * r.usd AS low, p.cost_max * r.usd AS high,
                   p.months_min, p.months_max
            FROM {reader}(?) AS p JOIN rates AS r ON p.currency = r.code
            WHERE p.status = 'active' AND p.pacing IN ('self-paced', 'both')
              AND p.cost_max IS NOT NULL AND p.months_min IS NOT NULL
        )
        WHERE high <= ?
        ORDER BY low, high, months_min, months_max, id
        LIMIT 20
        """,
        [path, most],
    ).fetchall()
    return [row[0] for row in rows]


if __name__ == "__main__":
    most = float(sys.argv[3]) if len(sys.argv) > 3 else 3000.0
    for program_id in first_twenty(sys.argv[1], json.loads(sys.argv[2]), most):
        print(program_id)
