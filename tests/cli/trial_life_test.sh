#!/usr/bin/env bash
# The trial's life through the real binary on a fresh SQLite database:
# start (and its refusals), log, status, step-ups, side effects, red flags.
# TRIALWISE_TODAY fixes "today" so the dates are stable.
set -u
tw=$1 examples=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TRIALWISE_DB="$tmp/trialwise.db"

# Refused for safety: exit 3, nothing saved.
expect refused 3 'No plan' at 2026-12-07 "$tw" start --answers "$examples/liver_encephalopathy_history.json" --start 2026-12-07
expect nothing-running 2 'no trial is running' at 2026-12-07 "$tw" status
[ "$(stat -c %a "$TRIALWISE_DB")" = 600 ] || { echo "FAIL: database mode is not 0600"; fail=1; }

# Start the runner's gut-focused trial; a second start conflicts.
expect start 0 'Saved as trial 1' at 2026-12-07 "$tw" start --answers "$examples/runner_in_heat.json" --start 2026-12-07 \
  --product "Pure L-Glutamine Powder" --g-per-serving 5
expect second-start 4 'already running' at 2026-12-07 "$tw" start --answers "$examples/runner_in_heat.json" --start 2026-12-07

# Baseline days.
for d in 07 08 09 10 11 12 13; do
  at 2026-12-$d "$tw" log --outcome 6 --doses 0 >/dev/null || { echo "FAIL: log 2026-12-$d"; fail=1; }
done
expect baseline 0 'baseline 7 days \(0 missing\)' at 2026-12-13 "$tw" status
expect future 2 'in the future' at 2026-12-13 "$tw" log --date 2026-12-14 --outcome 5
expect before 2 'before the trial began' at 2026-12-13 "$tw" log --date 2026-12-01 --outcome 5
expect bad-side 2 '--side: "headache" is not a side effect' at 2026-12-13 "$tw" log --outcome 5 --side headache=3
expect bad-score 2 'from 0 to 10' at 2026-12-13 "$tw" log --outcome 5 --side bloating=11
expect bad-outcome 2 '--outcome' at 2026-12-13 "$tw" log --outcome 12
expect replace 0 'replacing the earlier entry' at 2026-12-13 "$tw" log --outcome 5 --doses 0
expect history 0 'Version 1, saved .*outcome 6' at 2026-12-13 "$tw" history --date 2026-12-13
grep -q 'Version 2 (current), saved .*outcome 5' "$tmp/out" || { echo "FAIL: history lacks the current version"; cat "$tmp/out"; fail=1; }
expect trials 0 'Trial 1: Pure L-Glutamine Powder, gut_focused_trial, outcome gut_symptoms, from 2026-12-07; running' \
  at 2026-12-13 "$tw" trials

# Active: 5 g twice daily, then 10 g twice daily from day 8 only if tolerated.
expect step-1 0 'step 1: 5 g x 2' at 2026-12-14 "$tw" status
for d in 14 15 16 17 18 19 20; do
  at 2026-12-$d "$tw" log --outcome 5 --doses 2 --side bloating=1 >/dev/null || { echo "FAIL: log 2026-12-$d"; fail=1; }
done
expect step-2 0 'step 2: 10 g x 2' at 2026-12-21 "$tw" status
expect take-with-food 0 'Take it with food' at 2026-12-21 "$tw" log --outcome 5 --doses 2 --side nausea=3
expect json 0 '"phase": "active"' at 2026-12-21 "$tw" status --json
# CSV: export, import into a fresh database holding the same plan, export again: same bytes.
at 2026-12-21 "$tw" export --format csv --out "$tmp/first.csv" || { echo "FAIL: export"; fail=1; }
TRIALWISE_DB="$tmp/second.db" at 2026-12-07 "$tw" start --answers "$examples/runner_in_heat.json" --start 2026-12-07 \
  --product "Pure L-Glutamine Powder" --g-per-serving 5 >/dev/null || { echo "FAIL: start in second db"; fail=1; }
expect import 0 'Imported 15 day' env TRIALWISE_DB="$tmp/second.db" TRIALWISE_TODAY=2026-12-21 "$tw" import --csv "$tmp/first.csv"
TRIALWISE_DB="$tmp/second.db" at 2026-12-21 "$tw" export --format csv >"$tmp/second.csv"
cmp -s "$tmp/first.csv" "$tmp/second.csv" || { echo "FAIL: re-export differs"; diff "$tmp/first.csv" "$tmp/second.csv"; fail=1; }
# A bad row: its line and column named, nothing saved.
{ head -n 3 "$tmp/first.csv"; echo "2026-12-30,5,,,,,,,,false,,,false"; echo "2026-12-19,eleven,,,,,,,,false,,,false"; } >"$tmp/bad.csv"
expect import-bad 2 'line 5, column 2: outcome' at 2026-12-21 "$tw" import --csv "$tmp/bad.csv"
grep -q 'line 4, column 1: 2026-12-30 is after' "$tmp/err" || { echo "FAIL: future row not named"; cat "$tmp/err"; fail=1; }
at 2026-12-21 "$tw" export --format csv >"$tmp/after.csv"
cmp -s "$tmp/first.csv" "$tmp/after.csv" || { echo "FAIL: a failed import changed the trial"; fail=1; }

# Amendments: saved with their reason, shown in status; nothing is rewritten silently.
expect amend-none 2 'nothing to change' at 2026-12-21 "$tw" amend --reason "just because"
expect amend-no-reason 2 'reason' at 2026-12-21 "$tw" amend --review-date 2027-01-18
expect amend 0 'Amended review_date: 2027-01-11 -> 2027-01-18 \(travel in early January' \
  at 2026-12-21 "$tw" amend --review-date 2027-01-18 --reason "travel in early January"
expect amend-dose 0 'Amended dose: step 2 10 g -> 7.5 g per dose' at 2026-12-21 "$tw" amend --dose-g 7.5 --reason "bloating at 10 g"
expect amended-status 0 'Amended:  review_date 2027-01-11 -> 2027-01-18' at 2026-12-21 "$tw" status
grep -q 'Review:   2027-01-18' "$tmp/out" || { echo "FAIL: review date not amended"; fail=1; }
grep -q 'step 2: 7.5 g x 2' "$tmp/out" || { echo "FAIL: dose not amended"; cat "$tmp/out"; fail=1; }

# Backup and restore: the backup is intact, the old database is kept beside.
expect backup 0 'Backed up' at 2026-12-21 "$tw" backup --to "$tmp/backup.db"
expect backup-exists 4 'exists' at 2026-12-21 "$tw" backup --to "$tmp/backup.db"
at 2026-12-22 "$tw" log --outcome 2 --doses 2 >/dev/null
echo "not a database" >"$tmp/junk.db"
expect restore-junk 2 '' at 2026-12-22 "$tw" restore "$tmp/junk.db"
expect restore 0 'previous database is kept as' at 2026-12-22 "$tw" restore "$tmp/backup.db"
expect restored 0 'active 8 days \(0 missing\)' at 2026-12-22 "$tw" status
ls "$tmp"/trialwise.db.before-restore-* >/dev/null 2>&1 || { echo "FAIL: old database not kept"; fail=1; }

# A red flag stops the trial and says to see a clinician.
expect red-flag 0 'see a clinician' at 2026-12-22 "$tw" log --outcome 5 --doses 2 --red-flag new_neuro_symptoms
expect stopped 0 'Phase: +stopped' at 2026-12-22 "$tw" status
[ "$fail" -eq 0 ] && echo ok
exit "$fail"
