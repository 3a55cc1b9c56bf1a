#!/usr/bin/env bash
# The clinician's reports the export driver wrote, rendered by Debian's
# Chromium through playwright-core (npm, pinned; it downloads no browser).
# PDFs (A4, Letter) and screenshots are left beside the HTML as artifacts.
#   tests/export/report_browser_test.sh DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v node >/dev/null || { echo "report check: needs node (scripts/install-deps --test)"; exit 1; }
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "report check: needs Debian's chromium at $chromium (scripts/install-deps --test)"; exit 1; }
"$here/npm_ci.sh"
# playwright-core must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec node "$here/render_report.mjs" "$1"
