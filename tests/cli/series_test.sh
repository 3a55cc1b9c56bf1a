#!/usr/bin/env bash
# `trialwise series` through the real binary: a practice's records (one
# exported trial, varied into twelve clients by make_records.py) pooled in
# words and JSON, with the forest plot, both methods and Knapp-Hartung; fewer
# than three clients; trials listed apart; and every bad input named with
# exit 2. TRIALWISE_TODAY fixes "today".
set -u
tw=$1 examples=$2 make_records=$3
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

db=$tmp/template.db
at 2026-12-07 "$tw" start --db "$db" --answers "$examples/runner_in_heat.json" --start 2026-12-07 \
  --product Powder --g-per-serving 5 >/dev/null || { echo "FAIL: start"; fail=1; }
at 2026-12-07 "$tw" log --db "$db" --date 2026-12-07 --outcome 6 --doses 0 >/dev/null || { echo "FAIL: log"; fail=1; }
at 2026-12-07 "$tw" export --db "$db" --format json >"$tmp/template.json" || { echo "FAIL: export"; fail=1; }
python3 "$make_records" "$tmp/template.json" 12 >"$tmp/twelve.jsonl" || { echo "FAIL: make_records"; fail=1; }

expect words 0 'In 12 clients whose Gut-focused trial reached its review, Gut symptoms improved by' \
  at 2027-02-01 "$tw" series --trials "$tmp/twelve.jsonl"
flat=$(tr -s '\n ' '  ' <"$tmp/out")  # the words are wrapped to the terminal
for want in 'for a new client, the likely range is' 'smallest change that matters' 'open-label' \
  'chose to run the trial' 'client12@example.org' 'By baseline severity'; do
  grep -qF "$want" <<<"$flat" || { echo "FAIL words: no '$want'"; fail=1; }
done
if grep -qi 'immune' "$tmp/out"; then echo "FAIL: the series mentions immunity"; fail=1; fi

# JSON from standard input, the forest plot beside it.
expect json 0 '"format": "trialwise-series/1"' \
  at 2027-02-01 "$tw" series --trials - --json --forest "$tmp/forest.svg" <"$tmp/twelve.jsonl"
python3 - "$tmp/out" <<'PY' || fail=1
import json, sys
s = json.load(open(sys.argv[1]))
ok = (s["method"] == "reml" and s["test"] == "z" and s["pooled"]["k"] == 12 and len(s["people"]) == 12
      and s["apart"] == [] and s["moderator"] is not None and s["as_of"] == "2027-02-01"
      and abs(sum(p["weight"] for p in s["people"]) - 100) < 1e-9
      and s["pooled"]["pi_low"] < s["pooled"]["ci_low"] and 0 <= s["pooled"]["p_new_meaningful"] <= 1)
if not ok:
    print("FAIL json: unexpected series", json.dumps(s)[:800])
    sys.exit(1)
PY
grep -q '<svg' "$tmp/forest.svg" && grep -q '<polygon' "$tmp/forest.svg" || { echo "FAIL: no forest plot"; fail=1; }
[ "$(stat -c %a "$tmp/forest.svg")" = 600 ] || { echo "FAIL: the forest plot is readable by others"; fail=1; }
if grep -q '<script' "$tmp/forest.svg"; then echo "FAIL: script in the forest plot"; fail=1; fi

expect dl-knha 0 '"method": "dl"' at 2027-02-01 "$tw" series --trials "$tmp/twelve.jsonl" --json --method dl --knha
grep -q '"test": "knha"' "$tmp/out" && grep -q '"df": 11' "$tmp/out" || { echo "FAIL: Knapp-Hartung not used"; fail=1; }

# Before the review date nobody is pooled; everyone is listed apart.
expect not-yet 0 '12 trials are listed apart' at 2027-01-10 "$tw" series --trials "$tmp/twelve.jsonl"
grep -q 'not_reviewed_yet' "$tmp/out" || { echo "FAIL: no reason listed"; fail=1; }

# Two clients: no pooled estimate, said plainly.
head -2 "$tmp/twelve.jsonl" >"$tmp/two.jsonl"
expect two 0 'Only 2 clients reached a review' at 2027-02-01 "$tw" series --trials "$tmp/two.jsonl"
expect two-json 0 '"pooled": null' at 2027-02-01 "$tw" series --trials "$tmp/two.jsonl" --json

# Without client labels each trial is its own person, named by its trial.
python3 "$make_records" "$tmp/template.json" 3 --no-labels >"$tmp/unlabelled.jsonl"
expect unlabelled 0 'trial 3' at 2027-02-01 "$tw" series --trials "$tmp/unlabelled.jsonl"

# Bad input: named, exit 2.
{ head -2 "$tmp/twelve.jsonl"; echo '{"format": "trialwise-trial/1", "trial": '; } >"$tmp/broken.jsonl"
expect broken-line 2 'line 3' at 2027-02-01 "$tw" series --trials "$tmp/broken.jsonl"
head -1 "$tmp/twelve.jsonl" | sed 's/"client": "[^"]*"/"client": 5/' >"$tmp/bad-client.jsonl"
expect bad-client 2 'line 1#/client' at 2027-02-01 "$tw" series --trials "$tmp/bad-client.jsonl"
head -1 "$tmp/twelve.jsonl" | sed 's/"outcome_id": *"gut_symptoms"/"outcome_id": "food_tolerance"/' >"$tmp/mixed.jsonl"
cat "$tmp/twelve.jsonl" >>"$tmp/mixed.jsonl"
expect mixed 2 'more than one protocol/outcome: gut_focused_trial/food_tolerance \(1\), gut_focused_trial/gut_symptoms \(12\)' \
  at 2027-02-01 "$tw" series --trials "$tmp/mixed.jsonl"
expect mixed-chosen 0 'In 12 clients' at 2027-02-01 "$tw" series --trials "$tmp/mixed.jsonl" --outcome gut_symptoms
expect unknown-outcome 2 '--outcome: the pack glutamine has no outcome "sleep"' \
  at 2027-02-01 "$tw" series --trials "$tmp/twelve.jsonl" --protocol gut_focused_trial --outcome sleep
expect no-file 2 'cannot open the file' "$tw" series --trials "$tmp/missing.jsonl"
expect empty 2 'the file is empty' "$tw" series --trials /dev/null
expect bad-method 2 'method' "$tw" series --trials "$tmp/twelve.jsonl" --method ml
expect bad-date 2 'as-of' "$tw" series --trials "$tmp/twelve.jsonl" --as-of 2027-13-01
expect no-trials 2 'trials' "$tw" series

exit $fail
