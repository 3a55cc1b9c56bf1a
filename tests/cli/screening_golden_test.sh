#!/usr/bin/env bash
# Golden tests of the whole assess/plan path through the real binary: each
# persona in examples/ is assessed and, where a trial is allowed, planned from
# a fixed start date; the JSON must equal tests/golden/<persona>.*.json.
# UPDATE_GOLDEN=1 rewrites the golden files (then review the diff by hand).
set -u
tw=$1 examples=$2 golden=$3
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {  # check NAME EXPECTED_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/$name" 2>"$tmp/$name.err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; cat "$tmp/$name.err"; status=1; return
  fi
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$tmp/$name" "$golden/$name"
  elif ! diff -u "$golden/$name" "$tmp/$name"; then
    echo "FAIL $name: output differs from $golden/$name"; status=1
  fi
}

for answers in "$examples"/*.json; do
  persona=$(basename "$answers" .json)
  [ "$persona" = screening_rules ] && continue
  check "$persona.assess.json" 0 "$tw" assess --answers "$answers" --json
  # A refused plan (no dose) exits 3: after do_not_start, see_clinician, and
  # fix_basics_first where the pack puts the basics before the supplement.
  allowed=$(sed -n 's/^  "plan_allowed": \(.*\),$/\1/p' "$tmp/$persona.assess.json")
  case "$allowed" in
    false) want=3 ;;
    true) want=0 ;;
    *) echo "FAIL $persona: the assessment has no plan_allowed"; status=1; continue ;;
  esac
  check "$persona.plan.json" "$want" "$tw" plan --answers "$answers" --start 2026-12-07 \
    --product "Pure L-Glutamine Powder" --g-per-serving 5 --json
  if [ "$want" -eq 3 ] && grep -q '"dose_g"' "$tmp/$persona.plan.json"; then
    echo "FAIL $persona: a refused plan shows a dose"; status=1
  fi
done
[ "$status" -eq 0 ] && echo ok
exit "$status"
