#!/usr/bin/env bash
# The API's OpenAPI document, checked by a real validator from npm
# (@seriousme/openapi-schema-validator, pinned in package-lock.json): valid
# OpenAPI 3.1, every $ref resolving. That it lists exactly the routes the
# server dispatches is checked by http.OpenApiTest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
document=$1
command -v node >/dev/null || { echo "openapi check: needs node (scripts/install-deps --test)"; exit 1; }
[ -d "$here/node_modules/@seriousme/openapi-schema-validator" ] ||
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
node "$here/validate_openapi.mjs" "$document"
