#!/usr/bin/env python3
"""Writes a large synthetic catalogue (format 1) to stdout, for the benchmark.

    python3 benches/gen_catalog.py PROGRAMS [SEED] > big.toml

The same PROGRAMS and SEED always give the same file. It looks like a real catalogue at scale:
an institution per twenty programs, a tenth of the programs are degrees the others point their
pathways at, some prices in other currencies, ranges and single figures, retired programs, and
names in several scripts so that width and escaping work at scale too.
"""
import random
import sys

RATES = {"EUR": 1.1172, "GBP": 1.33989, "AUD": 0.702465, "INR": 0.010531}
TOPICS = ["data science", "supply chain", "finance", "cybersecurity", "machine learning",
          "manufacturing", "economics", "teaching", "social work", "project management",
          "robotics", "public health", "marketing", "design"]
OPENINGS = ["Applied", "Advanced", "Foundations of", "Principles of", "Global", "Digital",
            "Méthodes de", "Économie et", "数据与", "Управление", "Strategic", "Leading"]
COUNTRIES = ["US", "GB", "AU", "FR", "IN", "JP", "NL", "MX"]


def figure(low, high):
    return str(low) if low == high else f"[{low}, {high}]"


def catalogue(programs, seed):
    rng = random.Random(seed)
    schools = max(1, programs // 20)
    degrees = max(1, programs // 10)
    lines = ["format = 1", "as_of = 2026-10-30",
             "rates = { " + ", ".join(f"{code} = {rate}" for code, rate in RATES.items()) + " }", ""]
    for s in range(schools):
        lines += ["[[institution]]", f'id = "school-{s}"',
                  f'name = "{rng.choice(OPENINGS)} University {s}"', f'short = "S{s}x"',
                  f'country = "{rng.choice(COUNTRIES)}"', ""]
    for p in range(programs):
        degree = p < degrees
        topic = rng.choice(TOPICS)
        low = rng.randrange(0, 60000 if degree else 4000, 50)
        high = low + rng.randrange(0, 1500, 50)
        months = rng.randint(12, 36) if degree else rng.randint(3, 18)
        kind = rng.choice(["masters", "bachelors"]) if degree else rng.choice(
            ["micromasters", "microbachelors", "certificate"])
        lines += ["[[program]]", f'id = "program-{p}"',
                  f'name = "{rng.choice(OPENINGS)} {topic.title()} {p}"',
                  f'kind = "{kind}"', f'institution = "school-{rng.randrange(schools)}"',
                  'platform = "edX"', f'delivery = "{rng.choice(["online", "blended", "campus"])}"',
                  f'pacing = "{rng.choice(["instructor-led", "self-paced", "both"])}"',
                  f'subjects = ["{topic}", "{rng.choice(TOPICS)}"]',
                  f"courses = {rng.randint(3, 12)}", f"cost = {figure(low, high)}"]
        if rng.random() < 0.1:
            lines.append(f'currency = "{rng.choice(list(RATES))}"')
        if rng.random() < 0.7:
            lines.append("financial_aid = 0.9")
        lines += [f"months = {figure(months, months + rng.randint(0, 6))}",
                  f"hours_per_week = {figure(6, rng.randint(6, 20))}"]
        if not degree and rng.random() < 0.6:
            share = rng.choice([0.25, 0.3, 0.5])
            lines.append(f'credit = [{{ toward = "program-{rng.randrange(degrees)}", share = {share} }}]')
        if rng.random() < 0.05:
            lines += ['status = "retired"', "ends = 2021-05-31"]
        lines += [f'url = "https://example.org/programs/{p}"', ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(catalogue(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 7))
