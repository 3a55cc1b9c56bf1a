#!/usr/bin/env bash
# web.browser: the web app end to end in Debian's chromium, driven by
# playwright-core (pinned in package-lock.json; it downloads no browser).
#   run_browser_tests.sh TRIALWISE_BINARY EXAMPLES_DIR ARTIFACTS_DIR
# Each test starts `trialwise serve --port 0` on a fresh database and saves
# screenshots of the pages it visits under ARTIFACTS_DIR/<test>/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tw=$1
examples=$2
artifacts=$3
chromium="${TRIALWISE_CHROMIUM:-/usr/bin/chromium}"

command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "web.browser: needs node and npm (apt-get install nodejs npm; scripts/install-deps --test)"; exit 1; }
[ -x "$chromium" ] ||
  { echo "web.browser: needs Debian's chromium at $chromium (apt-get install chromium; scripts/install-deps --test)"; exit 1; }

# npm ci when node_modules is missing or holds another version than the pin.
pinned=$(node -p "require('$here/package-lock.json').packages['node_modules/playwright-core'].version")
installed=$(node -p "try { require('$here/node_modules/playwright-core/package.json').version } catch { '' }")
if [ "$pinned" != "$installed" ]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) >&2
fi

rm -rf "$artifacts"
mkdir -p "$artifacts"
cd "$here"
# One file at a time, its tests one after another (Node 18's runner has no
# --test-concurrency; tests within a file run in order).
status=0
node --test --test-reporter=spec units.test.mjs || status=$?
TRIALWISE_BIN="$tw" TRIALWISE_EXAMPLES="$examples" TRIALWISE_ARTIFACTS="$artifacts" TRIALWISE_CHROMIUM="$chromium" \
  node --test --test-reporter=spec browser.test.mjs || status=$?
TRIALWISE_BIN="$tw" TRIALWISE_EXAMPLES="$examples" TRIALWISE_ARTIFACTS="$artifacts" TRIALWISE_CHROMIUM="$chromium" \
  node --test --test-reporter=spec accounts.test.mjs || status=$?
TRIALWISE_BIN="$tw" TRIALWISE_EXAMPLES="$examples" TRIALWISE_ARTIFACTS="$artifacts" TRIALWISE_CHROMIUM="$chromium" \
  node --test --test-reporter=spec series.test.mjs || status=$?
TRIALWISE_BIN="$tw" TRIALWISE_EXAMPLES="$examples" TRIALWISE_ARTIFACTS="$artifacts" TRIALWISE_CHROMIUM="$chromium" \
  node --test --test-reporter=spec embed.test.mjs || status=$?
echo "web.browser: screenshots in $artifacts"
exit $status
