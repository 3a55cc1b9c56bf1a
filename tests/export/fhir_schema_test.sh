#!/usr/bin/env bash
# The FHIR R4 bundles the export driver wrote, checked against the official
# FHIR R4 JSON schema by an npm validator (pinned in package-lock.json).
#   tests/export/fhir_schema_test.sh DIR   (DIR holds *.fhir.json)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir=$1
command -v node >/dev/null || { echo "fhir schema check: needs node (scripts/install-deps --test)"; exit 1; }
"$here/npm_ci.sh"
shopt -s nullglob
files=("$dir"/*.fhir.json)
[ ${#files[@]} -gt 0 ] || { echo "FAIL: no *.fhir.json in $dir"; exit 1; }
node "$here/validate_fhir.mjs" "${files[@]}"
