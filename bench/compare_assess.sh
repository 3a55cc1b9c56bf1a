#!/usr/bin/env bash
# `trialwise assess --batch` beside `trialwise rule eval` running the same
# pack rules (every safety rule and basic) over the same answers, so the cost
# of assessment beyond its rules is visible: checking each answer, the
# decision, and writing contract v1's JSON line.
#
#   bench/compare_assess.sh [BUILD_DIR]      (default: build/release)
#
# TRIALWISE_BENCH_LINES (100000), TRIALWISE_BENCH_RUNS (5).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build_dir="${1:-$root/build/release}"
tw="$build_dir/apps/trialwise/trialwise"
bench_bin="$build_dir/bench/trialwise_assess_bench"
lines="${TRIALWISE_BENCH_LINES:-100000}"
runs="${TRIALWISE_BENCH_RUNS:-5}"
[ -x "$tw" ] || { echo "compare_assess: build first: $tw" >&2; exit 1; }
command -v node >/dev/null || { echo "compare_assess: needs node" >&2; exit 1; }
[ -d "$here/node/node_modules" ] || (cd "$here/node" && npm ci --no-audit --no-fund --loglevel=error) >&2

tmp="$(mktemp -d "${TMPDIR:-/tmp}/trialwise-assess.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
node "$here/node/generate_respondents.mjs" --count "$lines" --seed 20240601 > "$tmp/answers.jsonl"
# The pack's answer rules, in the order the assessment runs them.
node -e '
  const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const rules = p.safety_rules.map((r) => r.when).concat(p.basics.map((b) => b.when));
  process.stdout.write(JSON.stringify(rules));' "$root/packs/glutamine.json" > "$tmp/pack_rules.json"

# Every line must assess cleanly before anything is timed.
"$tw" assess --batch "$tmp/answers.jsonl" --out "$tmp/assessed.jsonl"
"$tw" rule eval --rules "$tmp/pack_rules.json" --data-lines "$tmp/answers.jsonl" > "$tmp/rules.jsonl"

median() {  # median wall seconds of "$@" over $runs runs, after a warm-up
  "$@" > /dev/null
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }'
  done | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
assess_s=$(median "$tw" assess --batch "$tmp/answers.jsonl" --out /dev/null)
rules_s=$(median "$tw" rule eval --rules "$tmp/pack_rules.json" --data-lines "$tmp/answers.jsonl")
rule_count=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).length)' "$tmp/pack_rules.json")

printf '\nassess --batch vs rule eval of the same %s pack rules, %s lines (median of %s)\n' "$rule_count" "$lines" "$runs"
printf '%-34s %10s %14s\n' "" "seconds" "lines/s"
printf '%-34s %10.3f %14.0f\n' "trialwise assess --batch" "$assess_s" "$(awk -v s="$assess_s" -v n="$lines" 'BEGIN { print n / s }')"
printf '%-34s %10.3f %14.0f\n' "trialwise rule eval (pack rules)" "$rules_s" "$(awk -v s="$rules_s" -v n="$lines" 'BEGIN { print n / s }')"
printf 'assessment beyond its rules: %.1f us a line (%.2fx the rules alone)\n' \
  "$(awk -v a="$assess_s" -v r="$rules_s" -v n="$lines" 'BEGIN { print (a - r) / n * 1e6 }')" \
  "$(awk -v a="$assess_s" -v r="$rules_s" 'BEGIN { print a / r }')"
if [ -x "$bench_bin" ]; then
  printf '\nIn process (Google Benchmark, one thread):\n'
  TRIALWISE_BENCH_DATA="$tmp/answers.jsonl" "$bench_bin" --benchmark_min_time=1 2>/dev/null | grep '^BM_' || true
fi
