#!/usr/bin/env python3
"""bench/host_pauses.py, which bench/http_load.sh runs before its phases:
for a short spin it prints one line with every core busy that names each
core of this process's affinity with a count of pauses, then (with more than
one core) one line per core spun alone; --all-only prints the first line
only. Seconds that are not a number above 0 are refused with a message.

usage: host_pauses_test.py BENCH_DIR"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
from checks import check, finish  # noqa: E402

PROBE = os.path.join(sys.argv[1], "host_pauses.py")
cores = sorted(os.sched_getaffinity(0))


def run(*args):
    return subprocess.run([sys.executable, PROBE, *args], capture_output=True, text=True, timeout=60)


full = run("0.1")
lines = full.stdout.splitlines()
check(full.returncode == 0, "the probe runs", full.stderr)
check(len(lines) == (1 + len(cores) if len(cores) > 1 else 1), "a line for all cores, then one per core", lines)
if lines:
    check("all cores busy" in lines[0] or len(cores) == 1, "the first line spins every core", lines[0])
    for core in cores:
        check(re.search(rf"core {core}: \d+ pauses", lines[0]), f"core {core} is counted", lines[0])
for core, line in zip(cores if len(cores) > 1 else [], lines[1:]):
    check(line.strip().startswith(f"core {core} alone busy"), f"core {core} alone", line)

short = run("0.1", "--all-only")
check(short.returncode == 0 and len(short.stdout.splitlines()) == 1, "--all-only prints one line", short.stdout)

for bad_seconds in ("soon", "0", "-1"):
    bad = run(bad_seconds)
    check(bad.returncode == 1 and f"not '{bad_seconds}'" in bad.stderr and "Traceback" not in bad.stderr,
          f"seconds {bad_seconds!r} are refused with a message", bad.stderr)

finish("host_pauses")
