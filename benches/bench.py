#!/usr/bin/env python3
"""Speed and memory of micromasters against its peers, on generated catalogues.

    python3 benches/bench.py [--quick]

Builds the release binary and the naive Rust peer (benches/naive-peer, into target/bench-peer),
installs DuckDB from PyPI into the bench's own environment (target/bench-venv; skipped with a
message where it cannot be had), writes catalogues of 10,000, 100,000 and 300,000 programs with
benches/gen_catalog.py (cached in benches/data/), then measures whole processes, wall time and
peak memory (max RSS from wait4), as medians:

  1. the query of benches/peer.py on 100,000 programs, by micromasters, the naive peer
     (`toml` + serde derive, no checks), Python's `tomllib` (benches/peer.py) and DuckDB over a
     CSV and an NDJSON export micromasters wrote (benches/duck.py), interleaved round by round;
     every peer must return the same 20 programs in the same order;
  2. compare, list, chart, audit, plan and validate as a person types them (tables) on 10,000,
     100,000 and 300,000 programs, the three sizes in turn round by round: peak memory on
     100,000, and growth from 100,000 to 300,000 in time and memory (linear: at most 3.3x for
     3x the programs);
  3. `plan` as a table against `plan --format json` on 100,000 programs;
  4. `list --format csv` and `--format json` on 100,000 programs against the query, the three
     in turn round by round (records are streamed as they are produced, never all held);
  5. `micromasters compare` on the built-in catalogue against a hello-world Rust binary, the
     two interleaved, stdout read through a pipe as a script would;
  6. what 1,000,000 programs would cost, from the linear fit through 100,000 and 300,000.

It prints each figure with its target as a Markdown table, and exits 1 if a target is missed.
`--quick` runs fewer rounds (3 of the query, 1 at 300,000; the default is 7 and 3).
"""
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCHES = os.path.join(ROOT, "benches")
DATA = os.path.join(ROOT, "benches", "data")
BINARY = os.path.join(ROOT, "target", "release", "micromasters")
PEER_DIR = os.path.join(BENCHES, "naive-peer")
PEER_TARGET = os.path.join(ROOT, "target", "bench-peer")
VENV = os.path.join(ROOT, "target", "bench-venv")
DUCKDB = "duckdb==2.0.1"
QUERY = ["--format", "json", "compare", "--max-cost", "3000", "--pacing", "self-paced",
         "--sort", "cost,months", "--limit", "20"]
COMMANDS = ["compare", "list", "chart", "audit", "plan", "validate"]
sys.path.insert(0, BENCHES)
from gen_catalog import RATES  # noqa: E402  (the rates every generated catalogue carries)


# Runs each command from a small Python process of its own: a child's peak memory (ru_maxrss)
# counts the memory of the process it was started from, so starting them from this one, which
# holds answers and exports, would overstate small runs.
RUNNER = r"""
import json, os, sys, time
for line in sys.stdin:
    argv, keep = json.loads(line)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_DUP2, err_w, 2)])
    os.close(out_w)
    os.close(err_w)
    sink = open(keep, "wb") if keep else None
    while chunk := os.read(out_r, 1 << 16):
        if sink:
            sink.write(chunk)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    message = os.read(err_r, 1 << 16).decode(errors="replace")
    for fd in (out_r, err_r):
        os.close(fd)
    if sink:
        sink.close()
    print(json.dumps([seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), message]),
          flush=True)
"""
_runner = None
_OUT = os.path.join(tempfile.mkdtemp(prefix="micromasters-bench-"), "stdout")


def run_one(argv):
    """One run: seconds, its own peak memory in MiB, stdout (`bytes`)."""
    global _runner
    if _runner is None:
        _runner = subprocess.Popen([sys.executable, "-c", RUNNER], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True)
    _runner.stdin.write(json.dumps([argv, _OUT]) + "\n")
    _runner.stdin.flush()
    seconds, peak, code, message = json.loads(_runner.stdout.readline())
    if code != 0:
        sys.exit(f"{' '.join(argv[:4])} failed ({code}): {message[:500]}")
    with open(_OUT, "rb") as f:
        return seconds, peak, f.read()


def measure(argv, runs):
    """Median seconds and the largest peak over `runs` runs, and the last stdout."""
    times, peaks, out = [], [], b""
    for _ in range(runs):
        seconds, peak, out = run_one(argv)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks), out


def catalogue(n):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, f"generated-{n}.toml")
    if not os.path.exists(path):
        with open(path + ".part", "w") as f:
            subprocess.run([sys.executable, os.path.join(BENCHES, "gen_catalog.py"), str(n)],
                           stdout=f, check=True)
        os.replace(path + ".part", path)
    return path


def naive_peer():
    """Builds benches/naive-peer (offline first: its crates are the project's own)."""
    env = dict(os.environ, CARGO_TARGET_DIR=PEER_TARGET)
    build = ["cargo", "build", "--release", "--quiet", "--locked"]
    if subprocess.run(build + ["--offline"], cwd=PEER_DIR, env=env,
                      stderr=subprocess.DEVNULL).returncode != 0:
        subprocess.run(build, cwd=PEER_DIR, env=env, check=True)
    return os.path.join(PEER_TARGET, "release", "naive-peer")


def duckdb_python():
    """The bench environment's Python with DuckDB, or None (with the reason) if it cannot be had."""
    python = os.path.join(VENV, "bin", "python")
    has = lambda: os.path.exists(python) and subprocess.run(  # noqa: E731
        [python, "-c", "import duckdb"], capture_output=True).returncode == 0
    if has():
        return python, None
    try:
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True, capture_output=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", DUCKDB], check=True,
                       capture_output=True, timeout=600)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        return None, f"could not install {DUCKDB} into {VENV}: {error}"
    return (python, None) if has() else (None, f"{DUCKDB} installed but does not import")


def hello_world():
    directory = tempfile.mkdtemp()
    source = os.path.join(directory, "hello.rs")
    with open(source, "w") as f:
        f.write('fn main() { println!("hello"); }\n')
    binary = os.path.join(directory, "hello")
    subprocess.run(["rustc", "-O", "-o", binary, source], check=True)
    return binary, directory


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            memory = f", {int(f.readline().split()[1]) / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.split()[:2]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} cores ({model}){memory}, {platform.system()} {platform.machine()}, "
            f"{' '.join(rustc)}, Python {platform.python_version()}; load {load:.2f} at the start")


def main():
    quick = "--quick" in sys.argv
    rounds, big_runs = (3, 1) if quick else (7, 3)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    peer = naive_peer()
    duck, why_no_duck = duckdb_python()
    small, big, huge = catalogue(10_000), catalogue(100_000), catalogue(300_000)
    rows, failures = [], []

    def row(what, figure, target="", ok=True):
        rows.append((what, figure, target + ("" if ok else " (missed)")))
        if not ok:
            failures.append(what)

    print(f"machine: {machine()}", flush=True)
    workdir = tempfile.mkdtemp()
    try:
        exports = {}
        for fmt, ext in [("csv", "csv"), ("jsonl", "jsonl")]:
            exports[fmt] = os.path.join(workdir, f"export.{ext}")
            with open(exports[fmt], "wb") as f:
                f.write(run_one([BINARY, "--no-builtin", "--catalog", big, "--format", fmt, "list",
                                 "--include-retired"])[2])
        # Each peer: its command, how many times micromasters' time it must take at least,
        # and how many rounds it runs in (the Python peer takes seconds a run).
        peers = {
            "micromasters": ([BINARY, "--no-builtin", "--catalog", big] + QUERY, None, rounds),
            "naive Rust (`toml` + serde derive, no checks)": ([peer, big], 5, rounds),
            "Python `tomllib` + filter + sort": (
                [sys.executable, os.path.join(BENCHES, "peer.py"), big], 50, min(rounds, 3)),
        }
        if duck:
            rates, version = json.dumps(RATES), duck_version(duck)
            for fmt, name, target in [("csv", "CSV", 1.5), ("jsonl", "NDJSON", None)]:
                peers[f"DuckDB {version} (Python) over the {name} export"] = (
                    [duck, os.path.join(BENCHES, "duck.py"), exports[fmt], rates], target, rounds)
        else:
            print(f"skipped DuckDB: {why_no_duck}")
        timings = {name: ([], []) for name in peers}
        answers = {}
        for r in range(rounds):
            for name, (argv, _, most) in peers.items():
                if r >= most:
                    continue
                seconds, peak, out = run_one(argv)
                timings[name][0].append(seconds)
                timings[name][1].append(peak)
                answers[name] = out
        ours = [record["id"] for record in json.loads(answers["micromasters"])]
        tool_time = statistics.median(timings["micromasters"][0])
        tool_peak = max(timings["micromasters"][1])
        for name, (_, target, _) in peers.items():
            seconds, peak = statistics.median(timings[name][0]), max(timings[name][1])
            if name == "micromasters":
                row(f"the query on 100,000 programs: {name}", f"{seconds:.3f} s, {peak:.0f} MiB",
                    "at most 100 MiB", peak <= 100)
                continue
            same = answers[name].decode().split() == ours
            row(f"same answer: {name}", "the same 20 programs, same order" if same else
                f"differs: {answers[name].decode().split()[:3]}... against {ours[:3]}...", "same", same)
            ratio = seconds / tool_time
            row(f"the query: {name}", f"{seconds:.3f} s, {peak:.0f} MiB; {ratio:.2f}x micromasters' time",
                f"at least {target}x" if target else "", target is None or ratio >= target)
        if not duck:
            row("the query: DuckDB over the CSV export", f"skipped: {why_no_duck}", "at least 1.5x")

        # Every command as a person types it, at three sizes, the sizes in turn round by round
        # so that a change in the machine's load falls on all three alike.
        fits = {}
        for command in COMMANDS:
            sizes = [(10_000, small), (100_000, big), (300_000, huge)]
            runs = {n: [] for n, _ in sizes}
            for r in range(3):
                for n, path in sizes:
                    if n < 300_000 or r < big_runs:
                        runs[n].append(run_one([BINARY, "--no-builtin", "--catalog", path, command])[:2])
            figures = {n: (statistics.median(t for t, _ in got), max(m for _, m in got))
                       for n, got in runs.items()}
            (t1, m1), (t2, m2), (t3, m3) = figures[10_000], figures[100_000], figures[300_000]
            fits[command] = figures
            row(f"`{command}` on 100,000 programs: peak memory", f"{m2:.0f} MiB ({t2:.3f} s)",
                "at most 100 MiB", m2 <= 100)
            time_growth, memory_growth = t3 / t2, m3 / m2
            row(f"`{command}` from 10,000 to 100,000 to 300,000 programs",
                f"{t1:.3f} / {t2:.3f} / {t3:.3f} s, {m1:.0f} / {m2:.0f} / {m3:.0f} MiB; "
                f"100k to 300k: {time_growth:.2f}x time, {memory_growth:.2f}x memory",
                "at most 3.3x each", time_growth <= 3.3 and memory_growth <= 3.3)

        table_time, table_peak = fits["plan"][100_000]
        json_time, json_peak, _ = measure([BINARY, "--no-builtin", "--catalog", big, "--format", "json",
                                           "plan"], 3)
        row("`plan` as a table against `plan --format json`, 100,000 programs",
            f"{table_time:.3f} s vs {json_time:.3f} s = {table_time / json_time:.2f}x; "
            f"{table_peak:.0f} vs {json_peak:.0f} MiB = {table_peak / json_peak:.2f}x",
            "at most 1.3x each", table_time <= 1.3 * json_time and table_peak <= 1.3 * json_peak)

        # Each listing against the query run beside it, round by round.
        listings = {"query": [BINARY, "--no-builtin", "--catalog", big] + QUERY}
        for fmt in ["csv", "json"]:
            listings[fmt] = [BINARY, "--no-builtin", "--catalog", big, "--format", fmt, "list",
                             "--include-retired"]
        listed = {name: [] for name in listings}
        for _ in range(3 if quick else 5):
            for name, argv in listings.items():
                listed[name].append(run_one(argv))
        def listing(name):
            got = listed[name]
            return statistics.median(t for t, _, _ in got), max(m for _, m, _ in got), got[-1][2]
        query_time, query_peak, _ = listing("query")
        for fmt in ["csv", "json"]:
            full_time, full_peak, full_out = listing(fmt)
            row(f"`list --format {fmt}`, every program, against the query",
                f"{full_time:.3f} s ({full_time / query_time:.2f}x), {full_peak:.0f} MiB "
                f"({full_peak / query_peak:.2f}x), {len(full_out) >> 20} MiB written",
                "at most 2x the time, 1.3x the memory",
                full_time <= 2 * query_time and full_peak <= 1.3 * query_peak)

        hello, directory = hello_world()
        try:
            # Interleaved, so that both see the same load on the machine.
            hello_times, builtin_times = [], []
            for _ in range(rounds * 60):
                hello_times.append(run_one([hello])[0])
                builtin_times.append(run_one([BINARY, "compare"])[0])
            hello_time, builtin_time = statistics.median(hello_times), statistics.median(builtin_times)
        finally:
            shutil.rmtree(directory)
        row("`micromasters compare` on the built-in catalogue vs hello world",
            f"{builtin_time * 1000:.2f} ms vs {hello_time * 1000:.2f} ms = {builtin_time / hello_time:.1f}x",
            "at most 2x", builtin_time <= 2 * hello_time)

        for command in ["compare", "list"]:
            (t2, m2), (t3, m3) = fits[command][100_000], fits[command][300_000]
            per_t, per_m = (t3 - t2) / 200_000, (m3 - m2) / 200_000
            row(f"`{command}` on 1,000,000 programs (linear fit, not measured)",
                f"about {t3 + per_t * 700_000:.1f} s and {(m3 + per_m * 700_000) / 1024:.1f} GiB")
    finally:
        shutil.rmtree(workdir)
        shutil.rmtree(os.path.dirname(_OUT), ignore_errors=True)

    print("\n| what | figure | target |\n| --- | --- | --- |")
    for what, figure, target in rows:
        print(f"| {what} | {figure} | {target} |")
    print(f"\n{len(failures)} of {sum(1 for r in rows if r[2])} targets missed" if failures
          else "\nevery target met")
    sys.exit(1 if failures else 0)


def duck_version(python):
    return subprocess.run([python, "-c", "import duckdb; print(duckdb.__version__)"],
                          capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
