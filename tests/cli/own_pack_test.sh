#!/usr/bin/env bash
# A trial keeps the pack it was planned with, and that pack's outcome scale
# holds everywhere: a test-only copy of the glutamine pack with a 1-5 scale
# goes through start, log (6 refused, naming the scale), status, review and
# every export, with the built-in pack (0-10) never consulted.
set -u
tw=$1 pack=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TRIALWISE_DB="$tmp/trialwise.db"

python3 - "$pack" "$tmp/five.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["pack"]["id"] = "five-point-test"
p["pack"]["version"] = "0.1.0"
p["pack"]["title"] = "TEST ONLY, not medical advice: the glutamine pack on a 1-5 scale"
for o in p["outcomes"]:
    o["scale"] = {"min": 1, "max": 5, "low": "no trouble", "high": "severe trouble"}
json.dump(p, open(sys.argv[2], "w"))
PY
expect validate 0 'five-point-test' "$tw" pack validate "$tmp/five.json"

answers=$(dirname "$pack")/../examples/runner_in_heat.json
expect start 0 'Saved as trial 1' at 2026-12-07 "$tw" start --pack "$tmp/five.json" --answers "$answers" \
  --start 2026-12-07 --product "Test Powder" --g-per-serving 5
grep -q '(1 = no trouble, 5 = severe trouble; lower is better)' "$tmp/out" || { echo "FAIL: the plan shows another scale"; cat "$tmp/out"; fail=1; }

# No --pack from here on: the trial's own pack answers.
expect outside-scale 2 '--outcome: give a score from 1 to 5' at 2026-12-07 "$tw" log --outcome 6 --doses 0
expect below-scale 2 'from 1 to 5' at 2026-12-07 "$tw" log --outcome 0 --doses 0
for d in 07 08 09 10 11 12 13; do
  at 2026-12-$d "$tw" log --outcome 4 --doses 0 >/dev/null || { echo "FAIL: log 2026-12-$d"; fail=1; }
done
for d in $(seq 14 31) ; do
  at 2026-12-$d "$tw" log --outcome 2 --doses 2 >/dev/null || { echo "FAIL: log 2026-12-$d"; fail=1; }
done
for d in $(seq -w 1 10) ; do
  at 2027-01-$d "$tw" log --outcome 2 --doses 2 >/dev/null || { echo "FAIL: log 2027-01-$d"; fail=1; }
done
expect status 0 'step 2' at 2027-01-10 "$tw" status
expect status-json 0 '"phase": *"active"' at 2027-01-10 "$tw" status --json
grep -q '"max": *5' "$tmp/out" || { echo "FAIL: status --json gives another scale"; cat "$tmp/out"; fail=1; }
expect review 0 'Continue' at 2027-01-11 "$tw" review
grep -q '1-5, lower is better' "$tmp/out" || { echo "FAIL: the review chart is not on 1-5"; cat "$tmp/out"; fail=1; }

# Every export carries the trial's scale.
at 2027-01-11 "$tw" export --format csv --out "$tmp/days.csv" >/dev/null 2>&1 || { echo "FAIL: export csv"; fail=1; }
grep -q '^2026-12-14,2,2,' "$tmp/days.csv" || { echo "FAIL: csv"; head -3 "$tmp/days.csv"; fail=1; }
at 2027-01-11 "$tw" export --format json --out "$tmp/trial.json" >/dev/null 2>&1 || { echo "FAIL: export json"; fail=1; }
grep -q '"pack_id":"five-point-test"' "$tmp/trial.json" || { echo "FAIL: json names another pack"; head -c 400 "$tmp/trial.json"; fail=1; }
at 2027-01-11 "$tw" export --format html --out "$tmp/report.html" >/dev/null 2>&1 || { echo "FAIL: export html"; fail=1; }
grep -q '1 = no trouble, 5 = severe trouble' "$tmp/report.html" || { echo "FAIL: the report shows another scale"; fail=1; }
grep -q 'scored by the person each day (1-5' "$tmp/report.html" || { echo "FAIL: the report chart is not on 1-5"; fail=1; }
at 2027-01-11 "$tw" export --format fhir --out "$tmp/bundle.json" >/dev/null 2>&1 || { echo "FAIL: export fhir"; fail=1; }
grep -q '1 = no trouble, 5 = severe trouble' "$tmp/bundle.json" || { echo "FAIL: the FHIR bundle shows another scale"; fail=1; }
at 2027-01-11 "$tw" export --format ics --out "$tmp/trial.ics" >/dev/null 2>&1 || { echo "FAIL: export ics"; fail=1; }
grep -q 'BEGIN:VCALENDAR' "$tmp/trial.ics" || { echo "FAIL: ics"; fail=1; }

# The CSV round trip keeps the scale: a 6 in an import is refused, naming it.
sed 's/^2026-12-14,2,/2026-12-14,6,/' "$tmp/days.csv" >"$tmp/bad.csv"
expect import-bad 2 'outcome must be a number from 1 to 5' at 2027-01-11 "$tw" import --csv "$tmp/bad.csv"

# A trial from the built-in pack still takes 0-10: the scale is the trial's.
export TRIALWISE_DB="$tmp/builtin.db"
expect start-builtin 0 'Saved as trial 1' at 2026-12-07 "$tw" start --answers "$answers" --start 2026-12-07
expect builtin-scale 0 'Saved' at 2026-12-07 "$tw" log --outcome 9 --doses 0
exit $fail
