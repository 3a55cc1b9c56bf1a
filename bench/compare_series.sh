#!/usr/bin/env bash
# `trialwise series` pooling 1,000 people's trials beside R's metafor doing
# the same pooling the way a statistician would (bench/series_fit.R:
# rma(REML) + predict() + blup(), and the meta-regression on baseline).
#
#   bench/compare_series.sh [BUILD_DIR]      (default: build/release)
#
# 1. generates trials (bench/make_trials.cpp), reviews them once with
#    `trialwise series` and keeps the first TRIALWISE_BENCH_PEOPLE (1000)
#    gut-symptom trials that reach a review with an effect: trials.jsonl, and
#    their effects (estimate, se, baseline) as effects.csv for R;
# 2. checks: ours and R's pooled estimate, SE, tau², I², prediction interval,
#    first BLUP and the baseline slope agree to 1e-6 relative;
# 3. times, alternating, TRIALWISE_BENCH_RUNS (5) runs of each after a warm-up:
#    `trialwise series --trials trials.jsonl --json` (the whole command: it
#    reads and reviews all 1,000 trials, then pools) and `Rscript
#    series_fit.R effects.csv` (the whole run: R starts, loads metafor and
#    pools effects it is handed ready-made, with metafor's default control);
#    then the pooling alone, in process: trialwise_series_bench (Google
#    Benchmark) against R's own timing of rma + predict + blup (and of the
#    meta-regression), per fit, the mean of 3. Prints medians and the ratios
#    R / ours. metafor builds k x k weight matrices, so its cost grows with
#    k^2 to k^3; ours is O(k) per Fisher step.
#
# Builds the targets it needs in BUILD_DIR if they are missing (the tree must
# be configured with -DTRIALWISE_BUILD_BENCH=ON). Needs Rscript with metafor
# (Debian: r-base-core, r-cran-metafor) and python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

die() { printf 'compare_series: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*" >&2; }

case "${1:-}" in
  -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
[ $# -le 1 ] || die "usage: bench/compare_series.sh [BUILD_DIR]"
build_dir="${1:-$root/build/release}"
[ -d "$build_dir" ] || die "build directory not found: $build_dir (configure it with -DTRIALWISE_BUILD_BENCH=ON)"
build_dir="$(cd "$build_dir" && pwd)"
people="${TRIALWISE_BENCH_PEOPLE:-1000}"
runs="${TRIALWISE_BENCH_RUNS:-5}"
tw="$build_dir/apps/trialwise/trialwise"
make_trials="$build_dir/bench/trialwise_make_trials"
bench_bin="$build_dir/bench/trialwise_series_bench"
as_of=2030-01-01

command -v Rscript >/dev/null || die "needs Rscript (Debian: apt-get install r-base-core r-cran-metafor)"
Rscript -e 'suppressPackageStartupMessages(library(metafor))' >/dev/null 2>&1 ||
  die "R package metafor is missing (Debian: apt-get install --no-install-recommends r-cran-metafor)"
command -v python3 >/dev/null || die "needs python3"

targets=()
[ -x "$make_trials" ] || targets+=(trialwise_make_trials)
[ -x "$bench_bin" ] || targets+=(trialwise_series_bench)
[ -x "$tw" ] || targets+=(trialwise)
if [ ${#targets[@]} -gt 0 ]; then
  say "== building ${targets[*]} in $build_dir"
  cmake --build "$build_dir" --target "${targets[@]}" -j 2 >&2 || die "build failed"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/trialwise-series.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

say "== generating trials until $people reach a review with an effect"
# About 58% of the generated trials are gut-symptom trials that can be pooled.
"$make_trials" --count $((people * 2)) --jsonl "$tmp/all.jsonl" --csv "$tmp/days.csv"
"$tw" series --trials "$tmp/all.jsonl" --as-of "$as_of" --outcome gut_symptoms --json > "$tmp/all.json"
python3 - "$tmp/all.jsonl" "$tmp/all.json" "$people" "$tmp/trials.jsonl" <<'PY' || die "not enough trials"
import json, sys
lines, series, want, out = sys.argv[1], json.load(open(sys.argv[2])), int(sys.argv[3]), sys.argv[4]
keep = [p["trial"] for p in series["people"]][:want]
if len(keep) < want:
    sys.exit(f"only {len(keep)} trials can be pooled")
keep = set(keep)
with open(lines) as f, open(out, "w") as o:
    for line in f:
        if json.loads(line)["trial"]["id"] in keep:
            o.write(line)
PY

ours() { "$tw" series --trials "$tmp/trials.jsonl" --as-of "$as_of" --json; }
theirs() { Rscript "$here/series_fit.R" "$tmp/effects.csv" "$tmp/figures.csv" "${1:-1}" "${2:-default}"; }

say "== correctness: ours against metafor"
ours > "$tmp/series.json"
python3 - "$tmp/series.json" "$tmp/effects.csv" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    f.write("estimate,se,baseline\n")
    for p in s["people"]:
        f.write(f"{p['estimate']!r},{p['se']!r},{p['baseline_mean']!r}\n")
PY
theirs 1 tight > /dev/null || die "series_fit.R failed"
python3 - "$tmp/series.json" "$tmp/figures.csv" "$people" <<'PY' || die "the check failed"
import csv, json, sys
s, want = json.load(open(sys.argv[1])), int(sys.argv[3])
r = {row["name"]: float(row["value"]) for row in csv.DictReader(open(sys.argv[2]))}
p, m = s["pooled"], s["moderator"]
ours = {"estimate": p["estimate"], "se": p["se"], "tau2": p["heterogeneity"]["tau2"], "i2": p["heterogeneity"]["i2"],
        "pi_low": p["pi_low"], "pi_high": p["pi_high"], "blup_first": s["people"][0]["shrunken"]["estimate"],
        "slope": m["slope"]["estimate"], "slope_se": m["slope"]["se"]}
worst = max(abs(ours[k] - r[k]) / max(abs(ours[k]), abs(r[k])) for k in ours)
print(f"   {p['k']} people pooled ({len(s['apart'])} apart); largest relative difference from metafor {worst:.1e} (limit 1e-6)")
if p["k"] != want or worst > 1e-6:
    sys.exit(1)
PY

say "== timing: $runs runs each, alternating, after a warm-up"
measure() {  # measure NAME COMMAND...: appends wall seconds to $tmp/NAME
  local name="$1" TIMEFORMAT='%3R'
  shift
  { time "$@" > "$tmp/last.out" 2> "$tmp/last.err"; } 2>> "$tmp/$name" || { cat "$tmp/last.err" >&2; die "$name failed"; }
}
ours > /dev/null
theirs > /dev/null
for ((i = 1; i <= runs; i++)); do
  measure ours ours
  measure r theirs
  say "   run $i: trialwise series $(tail -n 1 "$tmp/ours") s; Rscript $(tail -n 1 "$tmp/r") s ($(cat "$tmp/last.out"))"
done
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

say "== pooling alone, in process"
theirs 3 > "$tmp/r_fit.out"
r_fit=$(sed -n 's/.*fit=\([0-9.]*\).*/\1/p' "$tmp/r_fit.out")
r_mods=$(sed -n 's/.*fit_mods=\([0-9.]*\).*/\1/p' "$tmp/r_fit.out")
"$bench_bin" --benchmark_filter='/1000$' --benchmark_min_time=1 --benchmark_format=csv 2>/dev/null > "$tmp/bench.csv"
ns() { awk -F, -v name="\"$1\"" '$1 == name { print $3 }' "$tmp/bench.csv"; }  # real_time, ns
ours_fit=$(ns BM_RandomEffectsReml/1000)
ours_mods=$(ns BM_MetaRegressionReml/1000)

printf '\nseries of %s people: trialwise vs R metafor 3.8, medians of %s runs\n' "$people" "$runs"
printf '%-62s %10s %10s %7s\n' "" "trialwise" "R" "R/ours"
o=$(median "$tmp/ours") t=$(median "$tmp/r")
printf '%-62s %9.3fs %9.3fs %6sx\n' "whole command (ours reviews the trials too; R gets the effects)" "$o" "$t" "$(ratio "$t" "$o")"
printf '%-62s %8.3fms %8.3fms %6sx\n' "pooling, REML + prediction + BLUPs, per fit" \
  "$(awk -v n="$ours_fit" 'BEGIN { print n / 1e6 }')" "$(awk -v s="$r_fit" 'BEGIN { print s * 1e3 }')" \
  "$(ratio "$(awk -v s="$r_fit" 'BEGIN { print s * 1e9 }')" "$ours_fit")"
printf '%-62s %8.3fms %8.3fms %6sx\n' "meta-regression on baseline (with R²), per fit" \
  "$(awk -v n="$ours_mods" 'BEGIN { print n / 1e6 }')" "$(awk -v s="$r_mods" 'BEGIN { print s * 1e3 }')" \
  "$(ratio "$(awk -v s="$r_mods" 'BEGIN { print s * 1e9 }')" "$ours_mods")"
