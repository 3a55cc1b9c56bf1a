#!/usr/bin/env bash
# Checks docs/pack.schema.json with a real JSON Schema validator (Debian's
# python3-jsonschema): the shipped pack must pass, and every deliberately broken
# pack in BAD_DIR must fail with exactly the errors listed in its .expect file
# (one line per error: "#/json/pointer ($.json.path): message").
#   tests/pack/schema_test.sh SCHEMA PACK BAD_DIR
set -u
if [ $# -ne 3 ]; then
  echo "usage: $0 SCHEMA PACK BAD_DIR" >&2
  exit 2
fi
schema=$1 pack=$2 bad=$3
py=/usr/bin/python3   # Debian's python, where python3-jsonschema lives
validator="$(cd "$(dirname "$0")" && pwd)/validate_pack_schema.py"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# The good pack passes (this also checks the schema against the draft 2020-12 meta-schema).
if out=$("$py" "$validator" "$schema" "$pack" 2>&1); then
  echo "ok: $pack is valid"
else
  fail "$pack should be valid:"
  echo "$out"
fi

# Every bad pack fails, for the stated reasons and no others.
count=0
for f in "$bad"/*.json; do
  [ -e "$f" ] || continue
  count=$((count + 1))
  expect="${f%.json}.expect"
  if [ ! -f "$expect" ]; then
    fail "$f has no $expect saying which errors it must produce"
    continue
  fi
  err=$("$py" "$validator" "$schema" "$f" 2>&1 >/dev/null)
  status=$?
  if [ "$status" -ne 1 ]; then
    fail "$f: expected exit status 1 (invalid pack), got $status"
    echo "$err"
    continue
  fi
  want=0 ok=1
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] || continue
    want=$((want + 1))
    grep -qF -- "$f$line" <<<"$err" || { fail "$f: missing the error: $line"; ok=0; }
  done <"$expect"
  got=$(grep -cF -- "$f#" <<<"$err")
  if [ "$got" -ne "$want" ]; then
    fail "$f: expected $want error(s), got $got"
    ok=0
  fi
  if [ "$ok" -eq 1 ]; then
    echo "ok: $f is rejected as expected"
  else
    echo "$err"
  fi
done
[ "$count" -gt 0 ] || fail "no bad packs (*.json) in $bad"

exit "$failed"
