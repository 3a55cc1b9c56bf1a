#!/usr/bin/env bash
# The review through the real binary on fresh SQLite databases: each verdict
# from a trial logged day by day, the JSON contract, the chart, --record,
# randomized blocks, batch review of exported trials and of a database, and
# the bad inputs. TRIALWISE_TODAY fixes "today" so the dates are stable.
set -u
tw=$1 examples=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
next_day() { date -u -d "$1 + 1 day" +%F; }

# start_trial DB [start options...]: the runner's gut trial from 2026-12-07.
start_trial() {
  local db=$1
  shift
  at 2026-12-07 "$tw" start --db "$db" --answers "$examples/runner_in_heat.json" --start 2026-12-07 \
    --product Powder --g-per-serving 5 "$@" >/dev/null || { echo "FAIL: start $db"; fail=1; }
}

# log_days DB FROM TO BASELINE_SCORE ACTIVE_SCORE [SIDE]: every day logged,
# two doses on days the plan says to take it (status decides), alternating
# scores a point apart so the days vary.
log_days() {
  local db=$1 d=$2 to=$3 base=$4 active=$5 side=${6:-bloating=1} i=0
  while [ "$d" != "$to" ]; do
    local phase score doses=0
    # One status a day (each run of the binary is slow under the sanitizers):
    # a step today is a dose today.
    local status
    status=$(at "$d" "$tw" status --db "$db" --json)
    phase=$(grep -o '"phase": *"[a-z_]*"' <<<"$status" | grep -o '[a-z_]*"$')
    if grep -q '"step": {' <<<"$status"; then doses=2; fi
    if [ "$doses" -eq 2 ]; then score=$((active + i % 2)); else score=$((base + i % 2)); fi
    at "$d" "$tw" log --db "$db" --date "$d" --outcome "$score" --doses "$doses" --side "$side" >/dev/null \
      || { echo "FAIL: log $d ($phase)"; fail=1; }
    d=$(next_day "$d")
    i=$((i + 1))
  done
}

# import_days DB FROM TO BASELINE_SCORE ACTIVE_SCORE: the same days as
# log_days for a trial of the open design (baseline, then every day a step:
# two doses from the active start on), written as one CSV and imported in
# one run: the review is what this test is about, and each run of a
# sanitized binary costs a start-up (cli.trial-life logs day by day).
import_days() {
  local db=$1 d=$2 to=$3 base=$4 active=$5 i=0 active_start header
  active_start=$(at "$d" "$tw" export --db "$db" --format json | grep -o '"active_start": *"[0-9-]*"' | grep -o '[0-9-]*-[0-9-]*')
  header=$(at "$d" "$tw" export --db "$db" --format csv | head -1)
  [ -n "$active_start" ] && [ -n "$header" ] || { echo "FAIL: the trial's dates"; fail=1; return; }
  local csv=$tmp/days.csv last=$d
  echo "$header" >"$csv"
  IFS=, read -ra columns <<<"$header"
  while [ "$d" != "$to" ]; do
    local doses=0 score=$((base + i % 2)) row="" column value
    if [[ ! "$d" < "$active_start" ]]; then doses=2 score=$((active + i % 2)); fi
    for column in "${columns[@]}"; do
      case $column in
        date) value=$d ;; outcome) value=$score ;; doses_taken) value=$doses ;; bloating) value=1 ;;
        with_food | other_product) value=false ;; *) value= ;;
      esac
      row+="${row:+,}$value"  # the date comes first: never empty
    done
    echo "$row" >>"$csv"
    last=$d
    d=$(next_day "$d")
    i=$((i + 1))
  done
  at "$last" "$tw" import --db "$db" --csv "$csv" >/dev/null || { echo "FAIL: import up to $last"; fail=1; }
}

# A clear benefit: continue, with a next review date 28 days on.
db=$tmp/benefit.db
start_trial "$db"
import_days "$db" 2026-12-07 2027-01-11 7 3
expect continue 0 'Review on 2027-01-11: Continue: a clear benefit' at 2027-01-11 "$tw" review --db "$db"
grep -q 'Next review: 2027-02-08' "$tmp/out" || { echo "FAIL: no next review date"; fail=1; }
grep -q 'cannot rule out' "$tmp/out" || { echo "FAIL: no caveats"; fail=1; }
grep -q 'baseline  *[▁▂▃▄▅▆▇█]\{7\}' "$tmp/out" || { echo "FAIL: no baseline chart line"; cat "$tmp/out"; fail=1; }
if grep -qi 'immune' "$tmp/out"; then echo "FAIL: review wording mentions immunity"; fail=1; fi
expect continue-json 0 '"outcome": "continue"' at 2027-01-11 "$tw" review --db "$db" --json
for key in estimate se ci_low ci_high p_meaningful adherence next_review_date reasons side_effects; do
  grep -q "\"$key\"" "$tmp/out" || { echo "FAIL: review --json lacks $key"; fail=1; }
done
grep -q '"next_review_date": "2027-02-08"' "$tmp/out" || { echo "FAIL: JSON next review date"; fail=1; }
expect chart 0 'Continue' at 2027-01-11 "$tw" review --db "$db" --chart "$tmp/chart.svg"
grep -q '^<svg xmlns="http://www.w3.org/2000/svg"' "$tmp/chart.svg" || { echo "FAIL: chart is not SVG"; fail=1; }
[ "$(grep -c '<circle' "$tmp/chart.svg")" -eq 35 ] || { echo "FAIL: chart should have 35 points"; fail=1; }

# Before the review date: inconclusive, saying when.
expect early 0 'Inconclusive.*' at 2027-01-04 "$tw" review --db "$db"
grep -q 'the review date, 2027-01-11 (7 days from now)' "$tmp/out" || { echo "FAIL: early review lacks the date"; cat "$tmp/out"; fail=1; }
expect as-of 0 'Review on 2027-01-04' at 2027-01-11 "$tw" review --db "$db" --as-of 2027-01-04

# Export the trial as a JSON record (one line) for batch review.
at 2027-01-11 "$tw" export --db "$db" --format json --out "$tmp/benefit.json" || { echo "FAIL: export --format json"; fail=1; }
grep -q '^{"format":"trialwise-trial/1"' "$tmp/benefit.json" || { echo "FAIL: export --format json"; head -c 300 "$tmp/benefit.json"; fail=1; }
[ "$(wc -l <"$tmp/benefit.json")" -eq 1 ] || { echo "FAIL: the record is not one line"; fail=1; }

# --record on continue moves the review date (an amendment), shown in status.
expect record-continue 0 'Recorded: the next review is on 2027-02-08' at 2027-01-11 "$tw" review --db "$db" --record
expect amended 0 'Amended:  review_date 2027-01-11 -> 2027-02-08 \(review on 2027-01-11: continue' \
  at 2027-01-11 "$tw" status --db "$db"


# No effect: stop for no clear benefit; --record ends the trial.
db=$tmp/none.db
start_trial "$db"
import_days "$db" 2026-12-07 2027-01-11 5 5
expect no-benefit 0 'Stop: no clear benefit' at 2027-01-11 "$tw" review --db "$db"
expect record-stop 0 'ended on 2027-01-11 \(stop_no_clear_benefit\)' at 2027-01-11 "$tw" review --db "$db" --record
expect record-again 4 'already ended' at 2027-01-11 "$tw" review --db "$db" --trial 1 --record
expect past-trial 0 'Stop: no clear benefit' at 2027-01-20 "$tw" review --db "$db" --trial 1
expect not-running 2 'no trial is running' at 2027-01-20 "$tw" review --db "$db"
expect no-such-trial 2 'trial 9' at 2027-01-20 "$tw" review --db "$db" --trial 9

# A side effect at the stop level: stop_side_effects, even before the review date.
db=$tmp/side.db
start_trial "$db"
import_days "$db" 2026-12-07 2026-12-20 6 3
at 2026-12-20 "$tw" log --db "$db" --date 2026-12-20 --outcome 3 --doses 2 --side bloating=8 >/dev/null
expect stop-side 0 'Stop: side effects' at 2026-12-21 "$tw" review --db "$db"
grep -q 'scored 8/10 on 2026-12-20' "$tmp/out" || { echo "FAIL: the side effect is not named"; fail=1; }

# A red flag: see a clinician.
db=$tmp/flag.db
start_trial "$db"
import_days "$db" 2026-12-07 2026-12-16 6 3
at 2026-12-16 "$tw" log --db "$db" --date 2026-12-16 --outcome 3 --doses 2 --red-flag new_neuro_symptoms >/dev/null
expect see-clinician 0 '"outcome": "see_clinician"' at 2026-12-17 "$tw" review --db "$db" --json

# Randomized blocks: the plan shows the blocks, off days plan no dose, and
# the review adds the randomization test.
db=$tmp/blocks.db
expect blocks-start 0 'Design:   randomized blocks of 7 days' at 2026-12-07 "$tw" start --db "$db" \
  --answers "$examples/runner_in_heat.json" --start 2026-12-07 --product Powder --g-per-serving 5 \
  --design blocks --block-days 7 --blocks 4 --seed 42
log_days "$db" 2026-12-07 2027-01-11 6 2
expect blocks-review 0 '"orders": 4' at 2027-01-11 "$tw" review --db "$db" --json
grep -q '"off": 14' "$tmp/out" || { echo "FAIL: block review lacks 14 off days"; fail=1; }
expect blocks-bad 2 '--blocks' at 2026-12-07 "$tw" start --db "$tmp/bad.db" --answers "$examples/runner_in_heat.json" \
  --start 2026-12-07 --design blocks --blocks 3
expect blocks-needs-design 2 'design' at 2026-12-07 "$tw" start --db "$tmp/bad2.db" \
  --answers "$examples/runner_in_heat.json" --start 2026-12-07 --blocks 4

# Batch: a file of exported trials (one bad line among them), and a database.
at 2027-01-11 "$tw" export --db "$db" --format json >"$tmp/blocks.json" || { echo "FAIL: export blocks"; fail=1; }
{ cat "$tmp/benefit.json"; echo '{"format":"trialwise-trial/1","trial":{}}'; cat "$tmp/blocks.json"; } >"$tmp/batch.jsonl"
expect batch 2 '1 of 3 lines could not be reviewed \(first: line 2\)' "$tw" review --batch "$tmp/batch.jsonl" --out "$tmp/reviews.jsonl"
[ "$(wc -l <"$tmp/reviews.jsonl")" -eq 3 ] || { echo "FAIL: batch output should have 3 lines"; fail=1; }
sed -n 1p "$tmp/reviews.jsonl" | grep -q '"outcome":"continue"' || { echo "FAIL: batch line 1"; head -c 300 "$tmp/reviews.jsonl"; fail=1; }
sed -n 2p "$tmp/reviews.jsonl" | grep -q '"error":{"code":"invalid_input"' || { echo "FAIL: batch line 2 error"; fail=1; }
sed -n 2p "$tmp/reviews.jsonl" | grep -q '"where":"#/trial/' || { echo "FAIL: batch line 2 names no field"; sed -n 2p "$tmp/reviews.jsonl"; fail=1; }
expect batch-all 0 '"trial":1' "$tw" review --db "$tmp/none.db" --all
expect batch-missing 2 'cannot open' "$tw" review --batch "$tmp/nope.jsonl"

# Bad flags.
expect bad-as-of 2 '--as-of' "$tw" review --db "$tmp/none.db" --as-of 2027-02-30
expect batch-and-trial 2 'excludes' "$tw" review --batch "$tmp/batch.jsonl" --trial 1

exit $fail
