#!/usr/bin/env bash
# Supplement labels through the real binary: import (counted grams, flags,
# bad files, a second import of the same label), list, remove, and the plan
# counting imported products (start always; plan with --db).
set -u
tw=$1 examples=$2 labels=$3
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TRIALWISE_DB="$tmp/trialwise.db"

expect list-empty 0 'No products imported' "$tw" product list
[ ! -e "$TRIALWISE_DB" ] || { echo "FAIL: listing created a database"; fail=1; }
expect powder 0 'Glutamine: 5 g per serving' "$tw" product import "$labels/powder_5g.json" --servings-per-day 1
expect capsules-json 0 '"amount_g_per_serving": 1,' "$tw" product import "$labels/capsules_mg.json" --json
expect blend 0 'blend_without_amount' "$tw" product import "$labels/blend_no_amount.json"
expect twice 4 'already imported' "$tw" product import "$labels/powder_5g.json"
expect not-json 2 'not_json.json:line 1, column' "$tw" product import "$labels/not_json.json"
expect negative 2 'negative_quantity.json#/ingredientRows/0' "$tw" product import "$labels/negative_quantity.json"
expect missing-file 2 'nope.json' "$tw" product import "$tmp/nope.json"
expect bad-servings 2 '--servings-per-day' "$tw" product import "$labels/mcg.json" --servings-per-day 500
expect list 0 'Product 1: Pure L-Glutamine Powder .*5 g per serving, 1 a day' "$tw" product list

# The plan names them and pauses them for the trial: 5 g a day from the
# powder, 1 g of capsules (1 serving counted), and the blend, which lists
# glutamine without an amount (never a silent 0 g).
expect plan-without 0 'Most a day: 20 g from the trial$' "$tw" plan --answers "$examples/runner_in_heat.json" \
  --start 2026-12-07 --product Mine --g-per-serving 5
expect plan-with 0 'Pause: .*Pure L-Glutamine Powder \(5 g a day\)' "$tw" plan \
  --answers "$examples/runner_in_heat.json" --start 2026-12-07 --product Mine --g-per-serving 5 --db "$TRIALWISE_DB"
grep -q 'Recovery Matrix' "$tmp/out" || { echo "FAIL: the blend is not named"; fail=1; }
# Kept rather than paused: the blend's amount is unknown, so the plan is refused.
expect plan-keep 3 'cannot be known' "$tw" plan --answers "$examples/runner_in_heat.json" --start 2026-12-07 \
  --product Mine --g-per-serving 5 --db "$TRIALWISE_DB" --keep-other-products
expect start 0 'Pause:' env TRIALWISE_TODAY=2026-12-07 "$tw" start \
  --answers "$examples/runner_in_heat.json" --start 2026-12-07 --product Mine --g-per-serving 5
# A dipeptide counts by molar mass (1 g of alanyl-glutamine is 0.6728 g).
expect dipeptide 0 'Imported as product 4' "$tw" product import "$labels/alanyl_glutamine.json" --servings-per-day 1
grep -q '0.6728 g' "$tmp/out" || { echo "FAIL: the dipeptide is not counted by molar mass"; cat "$tmp/out"; fail=1; }
expect remove 0 'Removed product 4' "$tw" product remove 4
expect remove-again 2 'product/4' "$tw" product remove 4

exit $fail
