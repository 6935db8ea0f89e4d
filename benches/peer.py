#!/usr/bin/env python3
"""The peer the benchmark measures micromasters against: what a learner handy with Python would
write instead of the tool, with the standard library's TOML reader.

    python3 benches/peer.py CATALOG.toml [MAX_COST_USD]

Keeps active programs that are self-paced (or both) and whose highest cost in USD is at most
MAX_COST_USD (3000 unless given); orders them by cost (low end, then high end), then months
(likewise), then id; prints the first 20 ids, one a line. micromasters answers the same with

    micromasters --no-builtin --catalog CATALOG.toml compare --max-cost 3000 \\
        --pacing self-paced --sort cost,months --limit 20
"""
import sys
import tomllib


def ends(value):
    return (value, value) if isinstance(value, (int, float)) else (value[0], value[1])


def first_twenty(path, most):
    with open(path, "rb") as f:
        catalogue = tomllib.load(f)
    usd = {"USD": 1.0, **catalogue.get("rates", {})}
    kept = []
    for program in catalogue["program"]:
        if program.get("status", "active") != "active" or program["pacing"] not in ("self-paced", "both"):
            continue
        rate = usd[program.get("currency", "USD")]
        low, high = (x * rate for x in ends(program["cost"]))
        if high <= most:
            kept.append((low, high, *ends(program["months"]), program["id"]))
    kept.sort()
    return [row[-1] for row in kept[:20]]


if __name__ == "__main__":
    for program_id in first_twenty(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 3000.0):
        print(program_id)
