#!/usr/bin/env bash
# The iCalendar files the export driver wrote, parsed and expanded by ical.js
# (npm, pinned in package-lock.json).
#   tests/export/ics_icaljs_test.sh DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v node >/dev/null || { echo "ics check: needs node (scripts/install-deps --test)"; exit 1; }
"$here/npm_ci.sh"
exec node "$here/check_ics_icaljs.mjs" "$1"
