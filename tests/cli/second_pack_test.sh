#!/usr/bin/env bash
# A second supplement is a pack file, not code: a made-up test pack
# (tests/packs/examplin.json: TEST ONLY, not medical advice; its own label
# forms, a 1-5 outcome scale, two protocols) goes through every command:
# assess, label import, plan, start, log, status, review, every export. No
# output may speak of glutamine: every word about the supplement comes from
# the pack. (The browser journey is in tests/web/browser.test.mjs.)
set -u
tw=$1 packs=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TRIALWISE_DB="$tmp/trialwise.db"
pack=$packs/examplin.json answers=$packs/examplin_answers.json
all="$tmp/all-output"
: >"$all"
keep() { cat "$tmp/out" "$tmp/err" >>"$all"; }

expect validate 0 'pack examplin 0.2.0 is sound' "$tw" pack validate "$pack"; keep
expect assess 0 '"decision": "trial_ok"' "$tw" assess --pack "$pack" --answers "$answers" --json; keep
grep -q '"group": "travel"' "$tmp/out" || { echo "FAIL assess: not the travel group"; fail=1; }

# The label counts by the pack's forms: 2000 mg of the citrate is 1 g of
# Examplin; the tea may hold some (flagged, not counted); L-glutamine is not
# this pack's ingredient and is not a row at all.
expect import 0 '"amount_g_per_serving": 1,' "$tw" product import "$packs/examplin_label.json" --pack "$pack" \
  --servings-per-day 1 --json; keep
grep -q '"form": "examplin_citrate"' "$tmp/out" || { echo "FAIL import: the citrate is not counted"; fail=1; }
grep -q '"id": "may_contain"' "$tmp/out" || { echo "FAIL import: the tea is not flagged"; fail=1; }
expect import-list 0 'Night Flight Formula .*1 g per serving, 1 a day' "$tw" product list; keep
"$tw" product remove 1 >/dev/null
"$tw" product import "$packs/examplin_label.json" --pack "$pack" --servings-per-day 1 >"$tmp/out" 2>"$tmp/err"; keep
grep -q 'Examplin: 1 g per serving' "$tmp/out" || { echo "FAIL import: words are not the pack's"; cat "$tmp/out"; fail=1; }

# The plan counts the imported product and pauses it; its words are the pack's.
expect plan 0 '"existing_g_per_day": 1,' "$tw" plan --pack "$pack" --answers "$answers" --start 2026-12-07 \
  --product "Examplin Powder" --g-per-serving 1 --db "$TRIALWISE_DB" --json; keep
expect plan-words 0 'no examplin; score the outcome every day' "$tw" plan --pack "$pack" --answers "$answers" \
  --start 2026-12-07 --product "Examplin Powder" --g-per-serving 1; keep
grep -q 'Daytime energy.*1 = drained, 5 = plenty' "$tmp/out" || { echo "FAIL plan: not the pack's 1-5 scale"; cat "$tmp/out"; fail=1; }
sed 's/"jet_lag"/"tiredness"/' "$answers" >"$tmp/tired.json"
expect other-protocol 0 'Everyday trial' "$tw" plan --pack "$pack" --answers "$tmp/tired.json" --start 2026-12-07 \
  --protocol everyday_trial --product "Examplin Powder" --g-per-serving 1; keep

expect start 0 'Saved as trial 1' at 2026-12-07 "$tw" start --pack "$pack" --answers "$answers" --start 2026-12-07 \
  --product "Examplin Powder" --g-per-serving 1; keep
# The trial keeps its pack: its scale is 1 to 5, wherever the built-in pack's is not.
expect off-scale 2 'from 1 to 5' at 2026-12-07 "$tw" log --outcome 7 --doses 0; keep
expect bad-side 2 '"bloating" is not a side effect' at 2026-12-07 "$tw" log --outcome 2 --side bloating=1; keep
for d in 07 08 09 10 11 12 13; do
  at 2026-12-$d "$tw" log --outcome 2 --doses 0 >/dev/null || { echo "FAIL: log 2026-12-$d"; fail=1; }
done
# 1 g once a day, then twice a day from the fourth day once tolerated.
for d in 14 15 16 17 18 19 20 21 22 23 24 25 26 27; do
  doses=2; [ "$d" -lt 17 ] && doses=1
  at 2026-12-$d "$tw" log --outcome 4 --doses $doses --side headache=0 >/dev/null || { echo "FAIL: log 2026-12-$d"; fail=1; }
done
expect status 0 '"min": 1' at 2026-12-27 "$tw" status --json; keep
grep -q '"max": 5' "$tmp/out" || { echo "FAIL status: not the pack's scale"; fail=1; }
expect status-words 0 'Examplin Powder' at 2026-12-20 "$tw" status; keep
expect review 0 '"outcome": "continue"' at 2026-12-28 "$tw" review --json; keep
expect review-words 0 'Daytime energy' at 2026-12-28 "$tw" review; keep
for format in json csv fhir ics html; do
  expect "export-$format" 0 '.' at 2026-12-28 "$tw" export --format "$format"; keep
done
grep -q 'examplin' "$tmp/out" || { echo "FAIL export html: the pack is not named"; fail=1; }

# Every word about the supplement came from the pack: nothing speaks of
# glutamine (the label's L-Glutamine row is not this pack's and is not shown).
[ -s "$all" ] || { echo "FAIL: no output was kept"; fail=1; }
if grep -qi 'glutamine' "$all"; then
  echo "FAIL: an output speaks of glutamine:"; grep -i 'glutamine' "$all" | head; fail=1
fi
exit $fail
