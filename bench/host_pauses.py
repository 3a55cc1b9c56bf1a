#!/usr/bin/env python3
"""Does this machine pause a busy core? Spins one process per core for a few
seconds, all cores at once and then one core at a time, and counts the gaps
between two reads of the monotonic clock longer than 5 ms: time in which the
spinning process did not run although nothing else on the machine wanted its
core. On a virtual machine whose host caps its CPU time below its cores, such
gaps come when every core is busy (on the machine the bench ran on: ~100 ms
pauses of one core every 0.5-1.5 s). A load generator paused so delays every
request it has in flight, and wrk's reported percentiles (corrected for
coordinated omission) then count each such request many times over.

    bench/host_pauses.py [SECONDS] [--all-only]    (default 3 s a spin)

--all-only: only the spin with every core busy (bench/http_load.sh).

Prints one line per spin: cores busy, then each core's pauses (count, longest).
"""
import multiprocessing
import os
import sys
import time

GAP = 0.005  # seconds: far above a clock read, far below a scheduler slice on an idle machine


def spin(core, seconds, out):
    os.sched_setaffinity(0, {core})
    clock = time.monotonic
    last = clock()
    end = last + seconds
    gaps = []
    while last < end:
        now = clock()
        if now - last > GAP:
            gaps.append(now - last)
        last = now
    out.put((core, gaps))


def run(cores, seconds):
    out = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=spin, args=(core, seconds, out)) for core in cores]
    for w in workers:
        w.start()
    found = dict(out.get() for _ in workers)
    for w in workers:
        w.join()
    parts = []
    for core in cores:
        gaps = found[core]
        longest = f", longest {max(gaps) * 1e3:.0f} ms" if gaps else ""
        parts.append(f"core {core}: {len(gaps)} pauses{longest}")
    busy = "all cores busy" if len(cores) > 1 else f"core {cores[0]} alone busy"
    print(f"{busy:>18} for {seconds:g} s: " + "; ".join(parts))


def main():
    args = [a for a in sys.argv[1:] if a != "--all-only"]
    try:
        seconds = float(args[0]) if args else 3.0
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 600:
        sys.exit(f"host_pauses: SECONDS is a number of seconds above 0 and at most 600, not {args[0]!r}")
    cores = sorted(os.sched_getaffinity(0))
    run(cores, seconds)
    if len(cores) > 1 and "--all-only" not in sys.argv:
        for core in cores:
            run([core], seconds)


if __name__ == "__main__":
    main()
