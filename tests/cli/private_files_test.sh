#!/usr/bin/env bash
# Every file that holds a person's data is written privately (mode 0600,
# whatever the umask) and atomically: a write that fails on a full disk
# leaves the earlier file as it was, and no temporary file behind. The full
# disk is a file-size limit (ulimit -f), which holds for root too.
set -u
tw=$1 examples=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TRIALWISE_DB="$tmp/trialwise.db"
umask 022

at 2026-12-07 "$tw" start --answers "$examples/runner_in_heat.json" --start 2026-12-07 >/dev/null || { echo "FAIL: start"; fail=1; }
at 2026-12-07 "$tw" log --outcome 5 --doses 0 --note "private" >/dev/null || { echo "FAIL: log"; fail=1; }
mode() { stat -c %a "$1"; }
for format in csv json fhir ics html; do
  at 2026-12-07 "$tw" export --format $format --out "$tmp/export.$format" >/dev/null || { echo "FAIL: export $format"; fail=1; }
  [ "$(mode "$tmp/export.$format")" = 600 ] || { echo "FAIL: export $format is mode $(mode "$tmp/export.$format")"; fail=1; }
done
at 2026-12-07 "$tw" review --chart "$tmp/chart.svg" >/dev/null || { echo "FAIL: review --chart"; fail=1; }
[ "$(mode "$tmp/chart.svg")" = 600 ] || { echo "FAIL: the chart is mode $(mode "$tmp/chart.svg")"; fail=1; }
"$tw" assess --batch "$examples/answers.jsonl" --out "$tmp/assessed.jsonl" >/dev/null || { echo "FAIL: assess --out"; fail=1; }
[ "$(mode "$tmp/assessed.jsonl")" = 600 ] || { echo "FAIL: assess --out is mode $(mode "$tmp/assessed.jsonl")"; fail=1; }
at 2026-12-07 "$tw" review --all --out "$tmp/reviews.jsonl" >/dev/null || { echo "FAIL: review --out"; fail=1; }
[ "$(mode "$tmp/reviews.jsonl")" = 600 ] || { echo "FAIL: review --out is mode $(mode "$tmp/reviews.jsonl")"; fail=1; }

# A full disk mid-write: the earlier output stays whole, nothing half-written.
# (assess needs no database, so the limit falls on the output alone.)
for i in $(seq 1 100); do cat "$examples/answers.jsonl"; done >"$tmp/many.jsonl"
cp "$tmp/assessed.jsonl" "$tmp/before.jsonl"
(
  trap '' XFSZ
  ulimit -f 64  # 32 KiB: the assessments are far larger
  exec "$tw" assess --batch "$tmp/many.jsonl" --out "$tmp/assessed.jsonl"
) >"$tmp/out" 2>&1
code=$?
[ $code -ne 0 ] || { echo "FAIL: a failed write exited 0"; fail=1; }
grep -q 'is unchanged' "$tmp/out" || { echo "FAIL: the failure does not say the earlier file is kept"; cat "$tmp/out"; fail=1; }
cmp -s "$tmp/assessed.jsonl" "$tmp/before.jsonl" || { echo "FAIL: the earlier output was damaged"; fail=1; }
ls "$tmp"/assessed.jsonl.* >/dev/null 2>&1 && { echo "FAIL: a temporary file was left behind"; ls "$tmp"; fail=1; }
exit $fail
