#!/usr/bin/env bash
# `trialwise review --batch` over 10,000 generated 60-day trials beside R
# doing the same fits the way a researcher would: for each trial
# lm(y ~ active) with sandwich::NeweyWest (bench/review_fits.R).
#
#   bench/compare_review.sh [BUILD_DIR]      (default: build/release)
#
# 1. generates the trials (bench/make_trials.cpp): trials.jsonl, one
#    "trialwise-trial/1" record a line, and days.csv, the same days for R;
# 2. checks: every trial reviewed without error, and our effect estimate and
#    standard error (review JSON effect.estimate, effect.se; the estimate is
#    improvement, -coef for a lower-is-better outcome) equal R's to 1e-9
#    relative wherever either exists (where the two phase means are equal,
#    both estimates are rounding noise around 0 and must agree to 1e-9 of the
#    SE); the effect must be null exactly where R cannot estimate it;
# 3. times, alternating, TRIALWISE_BENCH_RUNS runs of each after a warm-up:
#    `trialwise review --batch trials.jsonl --out reviews.jsonl` (whole
#    command, wall time) and `Rscript bench/review_fits.R` (whole run, wall
#    time, and its fitting loop alone as the script measures it); prints the
#    medians, ranges and the ratios R / ours.
#
# Builds the targets it needs in BUILD_DIR if they are missing (the tree must
# be configured with -DTRIALWISE_BUILD_BENCH=ON). TRIALWISE_BIN overrides the
# trialwise binary. Knobs: TRIALWISE_BENCH_TRIALS (10000), TRIALWISE_BENCH_RUNS
# (3), TRIALWISE_BENCH_SEED (20261207), TRIALWISE_BENCH_KEEP (a directory to
# keep the files in). Needs Rscript with sandwich (Debian: r-base-core,
# r-cran-sandwich) and python3 for the check.

# shellcheck disable=SC2119,SC2120  # `ours` gets a prefix only through measure
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

die() { printf 'compare_review: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*" >&2; }

case "${1:-}" in
  -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
[ $# -le 1 ] || die "usage: bench/compare_review.sh [BUILD_DIR]"
build_dir="${1:-$root/build/release}"
[ -d "$build_dir" ] || die "build directory not found: $build_dir (configure it with -DTRIALWISE_BUILD_BENCH=ON)"
build_dir="$(cd "$build_dir" && pwd)"
trials="${TRIALWISE_BENCH_TRIALS:-10000}"
runs="${TRIALWISE_BENCH_RUNS:-3}"
seed="${TRIALWISE_BENCH_SEED:-20261207}"
tw="${TRIALWISE_BIN:-$build_dir/apps/trialwise/trialwise}"
make_trials="$build_dir/bench/trialwise_make_trials"
bench_bin="$build_dir/bench/trialwise_review_bench"

command -v Rscript >/dev/null || die "needs Rscript (Debian: apt-get install r-base-core r-cran-sandwich)"
Rscript -e 'suppressPackageStartupMessages(library(sandwich))' >/dev/null 2>&1 ||
  die "R package sandwich is missing (Debian: apt-get install r-cran-sandwich)"
command -v python3 >/dev/null || die "needs python3 for the check"

targets=()
[ -x "$make_trials" ] || targets+=(trialwise_make_trials)
[ -x "$bench_bin" ] || targets+=(trialwise_review_bench)
[ -n "${TRIALWISE_BIN:-}" ] || [ -x "$tw" ] || targets+=(trialwise)
if [ ${#targets[@]} -gt 0 ]; then
  say "== building ${targets[*]} in $build_dir"
  cmake --build "$build_dir" --target "${targets[@]}" -j 2 >&2 || die "build failed"
fi
[ -x "$tw" ] || die "not found or not executable: $tw"

if [ -n "${TRIALWISE_BENCH_KEEP:-}" ]; then
  tmp="$TRIALWISE_BENCH_KEEP"
  mkdir -p "$tmp"
else
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/trialwise-review.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
fi

say "== generating $trials trials (seed $seed)"
"$make_trials" --count "$trials" --seed "$seed" --jsonl "$tmp/trials.jsonl" --csv "$tmp/days.csv"
say "   trials.jsonl $(du -h "$tmp/trials.jsonl" | cut -f1), days.csv $(du -h "$tmp/days.csv" | cut -f1)," \
    "$(($(wc -l < "$tmp/days.csv") - 1)) days"

# ours [PREFIX...]: the batch review, run under PREFIX (e.g. taskset -c 0).
ours_to_stdout=0
ours() {
  if [ "$ours_to_stdout" = 1 ]; then
    "$@" "$tw" review --batch "$tmp/trials.jsonl" > "$tmp/reviews.jsonl"
  else
    "$@" "$tw" review --batch "$tmp/trials.jsonl" --out "$tmp/reviews.jsonl"
  fi
}
theirs() { Rscript "$here/review_fits.R" "$tmp/days.csv" "$tmp/fits.csv"; }

say "== correctness: every trial reviewed, effect and SE against R's"
if ! ours 2> "$tmp/ours.err"; then
  # Some builds' CLI11 wiring (`--out` needs --batch *and* --all) refuses
  # --out with --batch: then time the same command writing to standard output.
  grep -q -- '--out requires' "$tmp/ours.err" || { cat "$tmp/ours.err" >&2; die "trialwise review --batch failed"; }
  say "   note: this trialwise refuses --out with --batch ($(head -n 1 "$tmp/ours.err")); timing '> reviews.jsonl' instead"
  ours_to_stdout=1
  ours || die "trialwise review --batch failed (exit $?)"
fi
theirs > /dev/null || die "review_fits.R failed"
python3 - "$tmp/reviews.jsonl" "$tmp/fits.csv" <<'PY' || die "the check failed"
import csv, json, sys
from collections import Counter

reviews, fits = sys.argv[1], sys.argv[2]
ours, verdicts, errors = {}, Counter(), 0
with open(reviews) as f:
    for line in f:
        r = json.loads(line)
        if "error" in r:
            errors += 1
            continue
        ours[r["trial"]] = r
        verdicts[r["outcome"]] += 1
theirs = {}
with open(fits) as f:
    for row in csv.DictReader(f):
        theirs[int(row["trial"])] = row

def rel(a, b):
    d = abs(a - b)
    m = max(abs(a), abs(b))
    return 0.0 if d == 0 else d / m

problems = []
both = only_ours = only_r = neither = mismatches = zero = 0
max_est = max_se = 0.0
if set(ours) != set(theirs):
    problems.append(f"trial ids differ: {len(set(ours) ^ set(theirs))} in one file only")
for tid in sorted(set(ours) & set(theirs)):
    e, row = ours[tid]["effect"], theirs[tid]
    r_has = row["estimate"] != "NA"
    if e is None and not r_has:
        neither += 1
        continue
    if e is None or not r_has:
        if e is None:
            only_r += 1
        else:
            only_ours += 1
        if len(problems) < 10:
            problems.append(f"trial {tid}: effect {'null' if e is None else 'present'} here, "
                            f"{'estimated' if r_has else 'NA'} in R")
        continue
    both += 1
    sign = 1.0 if e["higher_is_better"] else -1.0
    r_est, r_se = sign * float(row["estimate"]), float(row["se"])
    de, ds = rel(e["estimate"], r_est), rel(e["se"], r_se)
    if abs(e["estimate"] - r_est) <= 1e-9 * e["se"] and max(abs(e["estimate"]), abs(r_est)) <= 1e-9 * e["se"]:
        # The two means are equal: both estimates are rounding noise around
        # 0 (e.g. 1e-15 against -1e-15), so compare them on the SE's scale.
        zero += 1
        de = 0.0
    max_est, max_se = max(max_est, de), max(max_se, ds)
    if de > 1e-9 or ds > 1e-9 or e["n"] != int(row["n"]) or e["lag"] != int(row["lag"]):
        mismatches += 1
        if len(problems) < 10:
            problems.append(f"trial {tid}: ours estimate {e['estimate']!r} se {e['se']!r} n {e['n']} lag {e['lag']}; "
                            f"R {r_est!r} {r_se!r} n {row['n']} lag {row['lag']}")
print(f"   reviews: {len(ours)} ({errors} error lines); verdicts: "
      + ", ".join(f"{k} {v}" for k, v in verdicts.most_common()))
print(f"   effect in both: {both}; in neither: {neither}; only ours: {only_ours}; only R: {only_r}")
print(f"   largest relative difference: estimate {max_est:.2e}, se {max_se:.2e} (limit 1e-9); "
      f"{mismatches} trial(s) beyond it")
if zero:
    print(f"   ({zero} trial(s) with equal phase means: estimates within 1e-9 SE of 0 on both sides, compared on that scale)")
if errors or problems:
    for p in problems:
        print("   MISMATCH " + p, file=sys.stderr)
    sys.exit(1)
print("   agreement: OK")
PY

say "== timing: $runs runs each, alternating, after a warm-up"
# One run of "$@" (a function or a command): appends its wall and CPU (user
# + system) seconds to $tmp/$1.wall and $tmp/$1.cpu; its standard output goes
# to $tmp/last.out.
measure() {
  local name="$1" TIMEFORMAT='%3R %3U %3S'
  shift
  { time "$@" > "$tmp/last.out" 2> "$tmp/last.err"; } 2> "$tmp/time.out" || { cat "$tmp/last.err" >&2; die "$name failed"; }
  awk '{ print $1 }' "$tmp/time.out" >> "$tmp/$name.wall"
  awk '{ printf "%.2f\n", $2 + $3 }' "$tmp/time.out" >> "$tmp/$name.cpu"
}
one_core=()
command -v taskset > /dev/null && one_core=(taskset -c 0)
ours
theirs > /dev/null
rm -f "$tmp"/*.wall "$tmp"/*.cpu "$tmp/r_fit.s"
for ((i = 1; i <= runs; i++)); do
  measure ours ours
  [ ${#one_core[@]} -eq 0 ] || measure ours1 ours "${one_core[@]}"
  measure r theirs
  sed -n 's/.*fit=\([0-9.]*\).*/\1/p' "$tmp/last.out" >> "$tmp/r_fit.s"
  say "   run $i: trialwise $(tail -n 1 "$tmp/ours.wall") s$([ ${#one_core[@]} -eq 0 ] || echo "; on one core $(tail -n 1 "$tmp/ours1.wall") s");" \
      "Rscript $(tail -n 1 "$tmp/r.wall") s ($(cat "$tmp/last.out"))"
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'; }
per() { awk -v s="$1" -v n="$trials" 'BEGIN { printf "%.0f", s / n * 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
row() {  # row LABEL FILE
  local m
  m=$(median "$2")
  printf '%-44s %8.2f %12s %9s\n' "$1" "$m" "$(range "$2")" "$(per "$m")"
}

printf '\nreview --batch vs R (lm + sandwich::NeweyWest), %s trials of 60 days, median of %s runs\n' "$trials" "$runs"
printf '%-44s %8s %12s %9s\n' "wall time" "seconds" "range" "us/trial"
row "trialwise review --batch (whole command)" "$tmp/ours.wall"
[ ! -f "$tmp/ours1.wall" ] || row "  the same on one core (taskset -c 0)" "$tmp/ours1.wall"
row "Rscript review_fits.R (whole run)" "$tmp/r.wall"
row "  of which the fitting loop" "$tmp/r_fit.s"
printf '%-44s\n' "CPU time (user + system)"
row "trialwise review --batch" "$tmp/ours.cpu"
row "Rscript review_fits.R" "$tmp/r.cpu"
ours_s=$(median "$tmp/ours.wall")
printf 'ratio R / ours, wall: whole run %sx, fitting loop alone %sx' \
  "$(ratio "$(median "$tmp/r.wall")" "$ours_s")" "$(ratio "$(median "$tmp/r_fit.s")" "$ours_s")"
[ ! -f "$tmp/ours1.wall" ] || printf '; R whole run / ours on one core %sx' \
  "$(ratio "$(median "$tmp/r.wall")" "$(median "$tmp/ours1.wall")")"
printf '; CPU time %sx' "$(ratio "$(median "$tmp/r.cpu")" "$(median "$tmp/ours.cpu")")"
printf '\n'

if [ -x "$bench_bin" ]; then
  printf '\nIn process (Google Benchmark, one thread, one 60-day trial):\n'
  "$bench_bin" --benchmark_min_time=1 2>/dev/null | grep '^BM_' || true
fi
