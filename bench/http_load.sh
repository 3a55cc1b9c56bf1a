#!/usr/bin/env bash
# Load on `trialwise serve`: wrk against POST /api/v1/assess (an example
# person's answers) and then GET /healthz, on the same server in one run;
# requests/s, p50/p99 latency and errors (non-2xx responses and socket
# errors) for each, the ratio of the two rates, and the server's resident
# memory at the start, middle and end of each phase (flat = no growth).
#
#   bench/http_load.sh [BUILD_DIR]        (default: build/release)
#
# TRIALWISE_BENCH_SECONDS (60 per endpoint), TRIALWISE_BENCH_CONNECTIONS (64),
# TRIALWISE_BENCH_THREADS (2, wrk's), TRIALWISE_BENCH_ANSWERS
# (examples/runner_in_heat.json). Needs wrk (scripts/install-deps --bench).
# Loopback only. The access log goes to BUILD_DIR/http_load.access.log.
# Goal (issue 6): assess at no less than half the health check's rate, p99
# under 10 ms at 64 connections, zero errors, memory flat.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build_dir="${1:-$root/build/release}"
tw="$build_dir/apps/trialwise/trialwise"
seconds="${TRIALWISE_BENCH_SECONDS:-60}"
connections="${TRIALWISE_BENCH_CONNECTIONS:-64}"
threads="${TRIALWISE_BENCH_THREADS:-2}"
answers="${TRIALWISE_BENCH_ANSWERS:-$root/examples/runner_in_heat.json}"
[ -x "$tw" ] || { echo "http_load: build first: $tw" >&2; exit 1; }
command -v wrk >/dev/null || { echo "http_load: needs wrk (scripts/install-deps --bench)" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/trialwise-http.XXXXXX")"
server=""
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

log="$build_dir/http_load.access.log"
"$tw" serve --port 0 --db "$tmp/bench.db" >"$tmp/listening" 2>"$log" &
server=$!
for _ in $(seq 100); do grep -q listening "$tmp/listening" && break; sleep 0.05; done
url=$(sed -n 's/^listening on //p' "$tmp/listening")
[ -n "$url" ] || { echo "http_load: the server did not start" >&2; cat "$log" >&2; exit 1; }
# The answers must assess cleanly before anything is timed.
curl -sf -H 'Content-Type: application/json' --data-binary @"$answers" "$url/api/v1/assess" >/dev/null ||
  { echo "http_load: $answers does not assess" >&2; exit 1; }

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$server/status"; }  # KiB
declare -A result
phase() {  # phase NAME TARGET [ANSWERS]: wrk for $seconds, RSS at start, middle and end
  local name=$1 target=$2 body=${3:-}
  local start_rss mid_rss end_rss
  start_rss=$(rss)
  TRIALWISE_ANSWERS="$body" wrk -t "$threads" -c "$connections" -d "${seconds}s" --latency \
    -s "$here/http/load.lua" "$url$target" >"$tmp/$name.out" 2>&1 &
  local bench=$!
  sleep "$(awk -v s="$seconds" 'BEGIN { print s / 2 }')"
  mid_rss=$(rss)
  wait "$bench"
  end_rss=$(rss)
  local line
  line=$(grep '^RESULT' "$tmp/$name.out") || { echo "http_load: wrk failed:" >&2; cat "$tmp/$name.out" >&2; exit 1; }
  result[$name]="$line rss_kib=$start_rss/$mid_rss/$end_rss"
}

# A short warm-up, then the two phases.
wrk -t 1 -c 4 -d 2s -s "$here/http/load.lua" "$url/healthz" >/dev/null
phase assess /api/v1/assess "$answers"
phase healthz /healthz

field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"${result[$1]}"; }
printf '\ntrialwise serve, %s connections, %s wrk threads, %ss per endpoint, %s cores\n' \
  "$connections" "$threads" "$seconds" "$(nproc)"
printf '%-22s %10s %10s %10s %10s %8s %8s  %s\n' endpoint requests/s p50_ms p99_ms max_ms non2xx socket "RSS KiB start/middle/end"
for name in assess healthz; do
  target=/healthz
  [ "$name" = assess ] && target="POST /api/v1/assess" || target="GET /healthz"
  printf '%-22s %10s %10s %10s %10s %8s %8s  %s\n' "$target" "$(field $name rps)" "$(field $name p50_ms)" \
    "$(field $name p99_ms)" "$(field $name max_ms)" "$(field $name non2xx)" "$(field $name socket_errors)" \
    "$(field $name rss_kib)"
done
printf 'assess / healthz rate: %s\n' "$(awk -v a="$(field assess rps)" -v h="$(field healthz rps)" 'BEGIN { printf "%.2f", a / h }')"
