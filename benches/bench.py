#!/usr/bin/env python3
"""Speed and memory of micromasters against its Python peer, on generated catalogues.

    python3 benches/bench.py [--quick]

Builds the release binary, writes catalogues of 10,000 and 100,000 programs with
benches/gen_catalog.py (cached in benches/data/), then measures, each as the median of
several runs, wall time and peak memory (max RSS from wait4) of:

  1. the query of benches/peer.py, by the peer and by micromasters, on 100,000
     programs; the two must return the same 20 programs in the same order;
  2. micromasters on 10,000 and on 100,000 programs (cost must grow linearly);
  3. `micromasters compare` on the built-in catalogue against a hello-world Rust binary (the two
     interleaved, stdout read through a pipe as a script would);
  4. full output on 100,000 programs: `list --format csv` and `list --format json` must peak at
     most 1.3x the memory and take at most 2x the time of `compare --limit 20` (records are
     streamed as they are produced, never all held).

It prints each figure and ratio with its target, and exits 1 if a target is missed.
`--quick` runs the peer once and the others five times (the default is 3 and 11).
"""
import json
import os
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
QUERY = ["--format", "json", "compare", "--max-cost", "3000", "--pacing", "self-paced",
         "--sort", "cost,months", "--limit", "20"]


def measure(argv, runs):
    """Median seconds and the largest peak RSS over `runs` runs, and the last stdout."""
    times, peaks, out = [], [], b""
    for _ in range(runs):
        seconds, peak, out = run_one(argv)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks), out


def run_one(argv):
    """One run with its own peak memory, read with wait4 so that runs do not mix."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv[:3])} failed: {err.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024, out


def catalogue(n):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, f"generated-{n}.toml")
    if not os.path.exists(path):
        with open(path, "w") as f:
            subprocess.run([sys.executable, os.path.join(BENCHES, "gen_catalog.py"), str(n)],
                           stdout=f, check=True)
    return path


def hello_world():
    directory = tempfile.mkdtemp()
    source = os.path.join(directory, "hello.rs")
    with open(source, "w") as f:
        f.write('fn main() { println!("hello"); }\n')
    binary = os.path.join(directory, "hello")
    subprocess.run(["rustc", "-O", "-o", binary, source], check=True)
    return binary, directory


def main():
    quick = "--quick" in sys.argv
    peer_runs, runs = (1, 5) if quick else (3, 11)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    big, mid = catalogue(100_000), catalogue(10_000)
    failures = []

    def check(name, ok, text):
        print(f"{'ok  ' if ok else 'MISS'} {name}: {text}")
        if not ok:
            failures.append(name)

    print(f"machine: {os.cpu_count()} cores; {os.uname().sysname} {os.uname().machine}")
    peer_time, peer_peak, peer_out = measure([sys.executable, os.path.join(BENCHES, "peer.py"), big], peer_runs)
    tool_time, tool_peak, tool_out = measure([BINARY, "--no-builtin", "--catalog", big] + QUERY, runs)
    peer_ids = peer_out.decode().split()
    tool_ids = [record["id"] for record in json.loads(tool_out)]
    check("same answer", peer_ids == tool_ids, f"{len(tool_ids)} programs, same order" if peer_ids == tool_ids
          else f"peer {peer_ids[:5]}... tool {tool_ids[:5]}...")
    print(f"     peer: {peer_time:.3f} s, {peer_peak:.0f} MiB; micromasters: {tool_time:.3f} s, {tool_peak:.0f} MiB")
    check("speed-up on 100,000 programs", peer_time / tool_time >= 20, f"{peer_time / tool_time:.1f}x (target >= 20x)")
    check("peak memory on 100,000 programs", tool_peak <= 200, f"{tool_peak:.0f} MiB (target <= 200 MiB)")

    for fmt in ["csv", "json"]:
        full_time, full_peak, full_out = measure(
            [BINARY, "--no-builtin", "--catalog", big, "--format", fmt, "list", "--include-retired"], runs)
        print(f"     list --format {fmt}: {full_time:.3f} s, {full_peak:.0f} MiB, {len(full_out) >> 20} MiB written")
        check(f"list --format {fmt} memory", full_peak <= 1.3 * tool_peak,
              f"{full_peak:.0f} MiB vs {tool_peak:.0f} MiB = {full_peak / tool_peak:.2f}x (target <= 1.3x)")
        check(f"list --format {fmt} time", full_time <= 2 * tool_time,
              f"{full_time:.3f} s vs {tool_time:.3f} s = {full_time / tool_time:.2f}x (target <= 2x)")

    mid_time, _, _ = measure([BINARY, "--no-builtin", "--catalog", mid] + QUERY, runs)
    check("10,000 -> 100,000 programs", tool_time / mid_time <= 11,
          f"{mid_time:.3f} s -> {tool_time:.3f} s = {tool_time / mid_time:.1f}x (target <= 11x)")

    hello, directory = hello_world()
    try:
        # Interleaved, so that both see the same load on the machine.
        hello_times, builtin_times = [], []
        for _ in range(runs * 40):
            hello_times.append(run_one([hello])[0])
            builtin_times.append(run_one([BINARY, "compare"])[0])
        hello_time, builtin_time = statistics.median(hello_times), statistics.median(builtin_times)
    finally:
        shutil.rmtree(directory)
    check("start-up on the built-in catalogue", builtin_time / hello_time <= 3,
          f"{builtin_time * 1000:.2f} ms vs hello world {hello_time * 1000:.2f} ms = "
          f"{builtin_time / hello_time:.1f}x (target <= 3x)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
