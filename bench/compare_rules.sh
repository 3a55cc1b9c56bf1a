#!/usr/bin/env bash
# Trialwise's JsonLogic engine side by side with json-logic-engine 5.0.7's compiled mode,
# the fastest JavaScript engine, on the screening rules in bench/data/screening_rules.json.
# Every result of both is checked against json-logic-js 2.0.5, the reference.
#
#   bench/compare_rules.sh [BUILD_DIR]        (default: build/release at the repo root)
#
# 1. per evaluation: rule evaluations per second on 2,000 respondents, data parsed and
#    rules compiled beforehand (Google Benchmark BM_ScreeningRules vs bench/node/per_eval.mjs);
# 2. correctness: `trialwise rule eval` and bench/node/whole_job.mjs on 100,000 respondents
#    must print byte for byte what json-logic-js prints (bench/node/reference_job.mjs);
# 3. whole job: the wall time of each of those two commands, median of 5 runs after a warm-up.
#
# 4. with TRIALWISE_BENCH_PER_RULE=1, also each rule alone, both sides: nanoseconds an
#    evaluation (the whole set shares its variable lookups; a rule alone pays for its own).
#
# Environment knobs: TRIALWISE_BENCH_LINES (100000), TRIALWISE_BENCH_EVAL_LINES (2000),
# TRIALWISE_BENCH_SECONDS (3, per-evaluation timing of the Node side), TRIALWISE_BENCH_RUNS (5),
# TRIALWISE_BENCH_PER_RULE (0).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
node_dir="$here/node"
rules="$here/data/screening_rules.json"

lines="${TRIALWISE_BENCH_LINES:-100000}"
eval_lines="${TRIALWISE_BENCH_EVAL_LINES:-2000}"
node_seconds="${TRIALWISE_BENCH_SECONDS:-3}"
runs="${TRIALWISE_BENCH_RUNS:-5}"
per_rule="${TRIALWISE_BENCH_PER_RULE:-0}"
seed_job=20240601
seed_eval=20240602

die() { printf 'compare_rules: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*" >&2; }

case "${1:-}" in
  -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
[ $# -le 1 ] || die "usage: bench/compare_rules.sh [BUILD_DIR]"
build_dir="${1:-$root/build/release}"
[ -d "$build_dir" ] || die "build directory not found: $build_dir (build the release tree first)"
build_dir="$(cd "$build_dir" && pwd)"
bench_bin="$build_dir/bench/trialwise_rules_bench"
cli_bin="$build_dir/apps/trialwise/trialwise"
[ -x "$bench_bin" ] || die "not found or not executable: $bench_bin (build the release tree first)"
[ -x "$cli_bin" ] || die "not found or not executable: $cli_bin (build the release tree first)"
command -v node >/dev/null || die "node is not installed (Debian: apt-get install nodejs npm)"
[ -f "$rules" ] || die "rules file not found: $rules"

# Reads one value out of a JSON file with node: json_get FILE 'expression on j'.
json_get() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const v = (new Function("j", "return (" + process.argv[2] + ")"))(j);
    if (v === undefined || v === null || Number.isNaN(v)) { console.error(`no ${process.argv[2]} in ${process.argv[1]}`); process.exit(1); }
    console.log(v);' "$1" "$2"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
thousands() { awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }

# (a) The Node engines, pinned by package-lock.json.
if [ ! -d "$node_dir/node_modules" ]; then
  say "== installing json-logic-engine and json-logic-js (npm ci)"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/trialwise-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# (b) Respondents, the same for every run of this script.
say "== generating $lines + $eval_lines respondents"
job_data="$tmp/respondents_${lines}.jsonl"
eval_data="$tmp/respondents_${eval_lines}.jsonl"
node "$node_dir/generate_respondents.mjs" --count "$lines" --seed "$seed_job" > "$job_data"
node "$node_dir/generate_respondents.mjs" --count "$eval_lines" --seed "$seed_eval" > "$eval_data"
rule_count="$(json_get "$rules" 'j.length')"

# (c) Per evaluation.
say "== per evaluation: $rule_count rules x $eval_lines respondents"
TRIALWISE_BENCH_RULES="$rules" TRIALWISE_BENCH_DATA="$eval_data" \
  "$bench_bin" --benchmark_filter='^BM_ScreeningRules$' --benchmark_format=json > "$tmp/ours_per_eval.json" ||
  die "$bench_bin failed"
ours_eps="$(json_get "$tmp/ours_per_eval.json" \
  '(j.benchmarks.find((b) => b.name === "BM_ScreeningRules") || j.benchmarks[0]).items_per_second')"
node "$node_dir/per_eval.mjs" "$rules" "$eval_data" --seconds "$node_seconds" > "$tmp/theirs_per_eval.jsonl" ||
  die "per_eval.mjs failed"
head -n 1 "$tmp/theirs_per_eval.jsonl" > "$tmp/theirs_per_eval.json"
theirs_eps="$(json_get "$tmp/theirs_per_eval.json" 'j.evals_per_sec')"
eval_ratio="$(ratio "$ours_eps" "$theirs_eps")"
say "   trialwise:              $(thousands "$ours_eps") evaluations/s"
say "   json-logic-engine 5.0.7: $(thousands "$theirs_eps") evaluations/s"
say "   ours/theirs:            ${eval_ratio}x"

# (c2) Each rule alone (TRIALWISE_BENCH_PER_RULE=1): where each engine spends its time.
per_rule_table=""
if [ "$per_rule" = 1 ]; then
  say "== per rule: each of the $rule_count rules alone on $eval_lines respondents"
  # Each rule to a file of its own (rule_I.json), and its first 60 characters to rule_I.txt.
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e 'const fs = require("fs"); const [file, dir] = process.argv.slice(1);
    JSON.parse(fs.readFileSync(file, "utf8")).forEach((r, i) => {
      fs.writeFileSync(`${dir}/rule_${i}.json`, JSON.stringify([r]));
      fs.writeFileSync(`${dir}/rule_${i}.txt`, JSON.stringify(r).slice(0, 60));
    })' "$rules" "$tmp"
  for ((i = 0; i < rule_count; i++)); do
    one="$tmp/rule_$i.json"
    TRIALWISE_BENCH_RULES="$one" TRIALWISE_BENCH_DATA="$eval_data" "$bench_bin" --benchmark_filter='^BM_ScreeningRules$' \
      --benchmark_min_time=0.3 --benchmark_format=json > "$tmp/ours_rule.json" || die "$bench_bin failed on rule $i"
    node "$node_dir/per_eval.mjs" "$one" "$eval_data" --seconds 0.6 2> /dev/null | head -n 1 > "$tmp/theirs_rule.json" ||
      die "per_eval.mjs failed on rule $i"
    ours_ns="$(json_get "$tmp/ours_rule.json" '1e9 / j.benchmarks[0].items_per_second')"
    theirs_ns="$(json_get "$tmp/theirs_rule.json" '1e9 / j.evals_per_sec')"
    text="$(cat "$tmp/rule_$i.txt")"
    per_rule_table+="$(printf '%4d %10.0f %10.0f %8sx  %s' "$i" "$ours_ns" "$theirs_ns" "$(ratio "$theirs_ns" "$ours_ns")" "$text")"$'\n'
  done
fi

# (d) Correctness on the whole job: both outputs must equal json-logic-js's, byte for byte.
say "== correctness: $lines respondents against json-logic-js 2.0.5"
node "$node_dir/reference_job.mjs" "$rules" "$job_data" > "$tmp/reference.jsonl"
"$cli_bin" rule eval --rules "$rules" --data-lines "$job_data" > "$tmp/ours.jsonl" ||
  die "trialwise rule eval failed"
node "$node_dir/whole_job.mjs" "$rules" "$job_data" > "$tmp/theirs.jsonl"
check_same() {  # check_same NAME FILE
  if ! cmp -s "$2" "$tmp/reference.jsonl"; then
    local where line
    where="$(cmp "$2" "$tmp/reference.jsonl" 2>&1 || true)"
    line="$(printf '%s\n' "$where" | sed -n 's/.*line \([0-9]*\).*/\1/p')"
    say "MISMATCH: $1 differs from json-logic-js 2.0.5: $where"
    if [ -n "$line" ]; then
      say "  respondent:    $(sed -n "${line}p" "$job_data")"
      say "  json-logic-js: $(sed -n "${line}p" "$tmp/reference.jsonl")"
      say "  $1: $(sed -n "${line}p" "$2")"
    fi
    return 1
  fi
  say "   $1: identical ($(wc -l < "$2") lines)"
}
status=0
check_same trialwise "$tmp/ours.jsonl" || status=1
check_same json-logic-engine "$tmp/theirs.jsonl" || status=1
[ "$status" -eq 0 ] || die "results differ from the reference; no timing reported"

# (e) The whole job, wall time: start-up, reading, compiling, evaluating, writing.
say "== whole job: $lines respondents, median of $runs runs"
ours_cmd=("$cli_bin" rule eval --rules "$rules" --data-lines "$job_data")
theirs_cmd=(node "$node_dir/whole_job.mjs" "$rules" "$job_data")
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$tmp/whole.json" \
    -n trialwise "$(printf '%q ' "${ours_cmd[@]}")" \
    -n json-logic-engine "$(printf '%q ' "${theirs_cmd[@]}")" >&2
  ours_s="$(json_get "$tmp/whole.json" 'j.results[0].median')"
  theirs_s="$(json_get "$tmp/whole.json" 'j.results[1].median')"
else
  time_runs() {  # prints the median wall time of "$@", after one warm-up run
    "$@" > /dev/null || exit 1
    local i start end
    for ((i = 0; i < runs; i++)); do
      start="$(date +%s.%N)"
      "$@" > /dev/null || exit 1
      end="$(date +%s.%N)"
      awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }'
    done | median
  }
  ours_s="$(time_runs "${ours_cmd[@]}")"
  theirs_s="$(time_runs "${theirs_cmd[@]}")"
fi
job_ratio="$(ratio "$theirs_s" "$ours_s")"

printf '\nJsonLogic screening rules: %s rules; node %s; %s\n' "$rule_count" "$(node --version)" \
  "$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
printf '%-36s %18s %26s %10s\n' "" "trialwise (C++)" "json-logic-engine 5.0.7" "ratio"
printf '%-36s %18s %26s %10s\n' "per evaluation, evaluations/s" \
  "$(thousands "$ours_eps")" "$(thousands "$theirs_eps")" "${eval_ratio}x"
printf '%-36s %18.3f %26.3f %10s\n' "whole job, $(thousands "$lines") lines, median s" \
  "$ours_s" "$theirs_s" "${job_ratio}x"
printf '%-36s %18s %26s\n' "matches json-logic-js 2.0.5" "yes" "yes"
printf '(per evaluation: ours/theirs, higher is better for trialwise; whole job: node/ours)\n'
if [ -n "$per_rule_table" ]; then
  printf '\nEach rule alone, ns an evaluation (ratio: theirs/ours, higher is better for trialwise)\n'
  printf '%4s %10s %10s %9s  %s\n' rule trialwise engine ratio "rule (first 60 characters)"
  printf '%s' "$per_rule_table"
fi
