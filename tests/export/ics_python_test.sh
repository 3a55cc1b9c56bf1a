#!/usr/bin/env bash
# The iCalendar files the export driver wrote, parsed by Debian's
# python3-icalendar and expanded with python3-dateutil.
#   tests/export/ics_python_test.sh DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py=/usr/bin/python3   # Debian's python, where python3-icalendar lives
"$py" -c 'import icalendar, dateutil' 2>/dev/null || { echo "ics check: needs python3-icalendar (scripts/install-deps --test)"; exit 1; }
exec "$py" "$here/check_ics.py" "$1"
