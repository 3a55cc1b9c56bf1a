#!/usr/bin/env bash
# trialwise rule eval --rules --data-lines: one output line per input line,
# error objects for bad lines, exit status 2 when any line was bad.
set -u
tw=$1 data=$2
out=$(mktemp) errf=$(mktemp)
trap 'rm -f "$out" "$errf"' EXIT
"$tw" rule eval --rules "$data/screening_rules_small.json" --data-lines "$data/answers_small.jsonl" >"$out" 2>"$errf"
status=$?
[ "$status" -eq 2 ] || { echo "expected exit 2 for a batch with bad lines, got $status"; exit 1; }
diff -u "$data/answers_small.expected.jsonl" "$out" || { echo "output differs"; exit 1; }
grep -q "2 of 5 lines" "$errf" || { echo "missing summary on stderr:"; cat "$errf"; exit 1; }

# The same data through standard input, CRLF line endings, good lines only.
head -n 2 "$data/answers_small.jsonl" | sed 's/$/\r/' | "$tw" rule eval --rules "$data/screening_rules_small.json" --data-lines - >"$out"
status=$?
[ "$status" -eq 0 ] || { echo "expected exit 0, got $status"; exit 1; }
head -n 2 "$data/answers_small.expected.jsonl" | diff -u - "$out" || exit 1

# A rules file that does not compile names the file and the JSON pointer.
echo '[{"var":"a"},{"and":[{"nope":1}]}]' >"$out"
"$tw" rule eval --rules "$out" --data-lines "$data/answers_small.jsonl" 2>"$errf" >/dev/null
status=$?
[ "$status" -eq 2 ] || { echo "expected exit 2 for a bad rules file, got $status"; exit 1; }
grep -q "#/1/and/0" "$errf" || { echo "error lacks the JSON pointer:"; cat "$errf"; exit 1; }
echo "ok"
