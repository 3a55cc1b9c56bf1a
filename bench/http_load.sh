#!/usr/bin/env bash
# The publisher's checker under load, side by side with the Node service a
# publisher's web team would write instead (bench/node/checker_server.mjs:
# Node's http server and json-logic-engine 5.0.7 compiled, the same safety
# rules on the same answers). One run on one machine: both servers start, are
# checked to screen every example alike, then wrk drives POST /api/v1/assess
# and GET /healthz on each in turn (trialwise, Node, trialwise, Node, ...).
# Prints requests/s, p50/p90/p99/max latency, errors (non-2xx and socket) and
# resident memory (start/middle/end of each phase) per server and endpoint,
# and the server's CPU time per request (user + system, from /proc: unlike a
# rate, it barely moves when the machine is busy elsewhere), then the ratios
# trialwise / Node. And each server's context switches per 1,000 requests,
# its threads going to sleep for want of work (sleep/1k) apart from those put
# aside for another thread (preempt/1k).
#
#   bench/http_load.sh [BUILD_DIR]        (default: build/release)
#
# TRIALWISE_BENCH_SECONDS (20 per phase), TRIALWISE_BENCH_ROUNDS (2: each
# server and endpoint this many times, rates averaged),
# TRIALWISE_BENCH_CONNECTIONS (64), TRIALWISE_BENCH_THREADS (2, wrk's),
# TRIALWISE_BENCH_ANSWERS (examples/runner_in_heat.json),
# TRIALWISE_BENCH_MODE (checker: `serve --checker`; full: the whole server on
# a fresh database), TRIALWISE_BENCH_NODE_WORKERS (1: one Node process, as
# such a service usually runs; 2: node:cluster with a process per core),
# TRIALWISE_BENCH_SERVE_THREADS (trialwise's worker threads: its default of
# one per core; 1 when pinned), TRIALWISE_BENCH_PIN (0; 1: one core each, the server on the last core with
# one thread and wrk on the first with one, so that the load generator's
# share does not blur the servers'), TRIALWISE_BENCH_WIRE (0; 1: capture each
# phase with tcpdump and print the latency the wire saw beside wrk's: see
# http/wire_latency.py; the capture takes CPU time beside wrk, so rates drop).
# Before the phases it prints whether this machine pauses a busy core
# (host_pauses.py): such pauses of wrk show in its p99, not in the server's.
# Needs wrk, curl (scripts/install-deps --bench), node, python3, taskset for
# the pinned run and tcpdump for the wire.
# Loopback only. The server's log goes to BUILD_DIR/http_load.access.log.
# Goals (issue 17): assess and healthz at least 2x Node's rate, assess p99
# under 10 ms at 64 connections, zero errors, memory flat.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build_dir="${1:-$root/build/release}"
tw="$build_dir/apps/trialwise/trialwise"
seconds="${TRIALWISE_BENCH_SECONDS:-20}"
rounds="${TRIALWISE_BENCH_ROUNDS:-2}"
connections="${TRIALWISE_BENCH_CONNECTIONS:-64}"
threads="${TRIALWISE_BENCH_THREADS:-2}"
answers="${TRIALWISE_BENCH_ANSWERS:-$root/examples/runner_in_heat.json}"
mode="${TRIALWISE_BENCH_MODE:-checker}"
node_workers="${TRIALWISE_BENCH_NODE_WORKERS:-1}"
pin="${TRIALWISE_BENCH_PIN:-0}"
wire="${TRIALWISE_BENCH_WIRE:-0}"
die() { echo "http_load: $*" >&2; exit 1; }
[ -x "$tw" ] || die "build first: $tw"
for tool in wrk curl node npm python3 $([ "$wire" = 1 ] && echo tcpdump); do command -v "$tool" >/dev/null || die "needs $tool (scripts/install-deps --bench)"; done
# Pinned: servers on the last core, wrk on the first (taskset is util-linux's).
server_cpu=() load_cpu=() serve_threads=()
[ -n "${TRIALWISE_BENCH_SERVE_THREADS:-}" ] && serve_threads=(--threads "$TRIALWISE_BENCH_SERVE_THREADS")
if [ "$pin" = 1 ]; then
  [ "$(nproc)" -ge 2 ] || die "TRIALWISE_BENCH_PIN=1 needs at least 2 cores"
  command -v taskset >/dev/null || die "TRIALWISE_BENCH_PIN=1 needs taskset (util-linux)"
  [ "$node_workers" = 1 ] || die "TRIALWISE_BENCH_PIN=1 runs one Node process (TRIALWISE_BENCH_NODE_WORKERS=1)"
  server_cpu=(taskset -c "$(($(nproc) - 1))")
  load_cpu=(taskset -c 0)
  [ "${TRIALWISE_BENCH_SERVE_THREADS:-1}" = 1 ] || die "TRIALWISE_BENCH_PIN=1 runs trialwise with one thread"
  serve_threads=(--threads 1)
  threads=1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/trialwise-http.XXXXXX")"
declare -A pid url
# Every server is stopped whatever its exit status (Node's is 143 on SIGTERM,
# which under set -e used to end this function before our server was stopped).
capture=""  # the running tcpdump's pid (TRIALWISE_BENCH_WIRE=1)
cleanup() {
  local name
  [ -z "$capture" ] || kill -INT "$capture" 2>/dev/null || true
  for name in "${!pid[@]}"; do kill -TERM "${pid[$name]}" 2>/dev/null || true; done
  for name in "${!pid[@]}"; do wait "${pid[$name]}" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# start NAME COMMAND...: runs a server that prints "listening on URL".
start() {
  local name=$1
  shift
  "$@" >"$tmp/$name.listening" 2>>"$tmp/$name.log" &
  pid[$name]=$!
  for _ in $(seq 200); do grep -q listening "$tmp/$name.listening" && break; sleep 0.05; done
  url[$name]=$(sed -n 's/^listening on //p' "$tmp/$name.listening")
  [ -n "${url[$name]}" ] || { cat "$tmp/$name.log" >&2; die "$name did not start"; }
}

case "$mode" in
  checker) start trialwise "${server_cpu[@]}" "$tw" serve --port 0 --checker "${serve_threads[@]}" ;;
  full) start trialwise "${server_cpu[@]}" "$tw" serve --port 0 --db "$tmp/bench.db" "${serve_threads[@]}" ;;
  *) die "TRIALWISE_BENCH_MODE is checker or full, not $mode" ;;
esac
# The Node side's packages, pinned by bench/node/package-lock.json.
[ -d "$here/node/node_modules/json-logic-engine" ] ||
  (cd "$here/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
node_port=0  # a cluster's workers share one port, chosen here
[ "$node_workers" -gt 1 ] && node_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NODE_WORKERS="$node_workers" start node "${server_cpu[@]}" node "$here/node/checker_server.mjs" "$root/packs/glutamine.json" "$node_port"

# Before anything is timed: both screen every example alike (the same level,
# the same rules firing), and the timed answers assess cleanly.
for example in "$root"/examples/*.json "$answers"; do
  [ "$(basename "$example")" = screening_rules.json ] && continue
  ours=$(curl -sf -H 'Content-Type: application/json' --data-binary @"$example" "${url[trialwise]}/api/v1/assess") ||
    die "$example does not assess on trialwise"
  theirs=$(curl -sf -H 'Content-Type: application/json' --data-binary @"$example" "${url[node]}/api/v1/assess") ||
    die "$example does not assess on the Node anchor"
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const [ours, theirs, name] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2]), process.argv[3]];
    const screened = (a) => ({ safety: a.safety, fired: a.reasons.map((r) => r.rule).sort() });
    const [a, b] = [screened(ours), screened(theirs)];
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      console.error(`http_load: ${name}: trialwise ${JSON.stringify(a)}, Node ${JSON.stringify(b)}`);
      process.exit(1);
    }' "$ours" "$theirs" "$(basename "$example")"
done

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }  # KiB
# A server and its workers (a Node cluster's are its children).
server_pids() { echo "$1"; pgrep -P "$1" || true; }
# CPU time (clock ticks, user + system) of a server and its workers.
cpu_ticks() {
  local total=0 p
  for p in $(server_pids "$1"); do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done
  echo "$total"
}
ticks_per_second=$(getconf CLK_TCK)
# switches SERVER: "SLEEPS PREEMPTIONS", the voluntary and the involuntary
# context switches of every thread of a server and its workers.
switches() {
  local p
  for p in $(server_pids "$1"); do cat "/proc/$p/task/"*/status 2>/dev/null; done |
    awk '/^voluntary_ctxt_switches/ { v += $2 } /^nonvoluntary_ctxt_switches/ { n += $2 } END { print v + 0, n + 0 }'
}
per_1k() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1000 / n : 0) }'; }
declare -A result
phase() {  # phase KEY SERVER TARGET [ANSWERS]: wrk for $seconds, RSS at start, middle and end
  local key=$1 server=$2 target=$3 body=${4:-} port=${url[$2]##*:}
  local start_rss mid_rss end_rss line start_cpu end_cpu start_switches end_switches requests
  local sleeps_before preempts_before sleeps_after preempts_after
  start_rss=$(rss "${pid[$server]}")
  start_cpu=$(cpu_ticks "${pid[$server]}")
  start_switches=$(switches "${pid[$server]}")
  if [ "$wire" = 1 ]; then
    "${load_cpu[@]}" tcpdump -i lo -s 96 -B 65536 -w "$tmp/$key.pcap" "tcp port $port" 2>"$tmp/$key.tcpdump" &
    capture=$!
    for _ in $(seq 100); do grep -q listening "$tmp/$key.tcpdump" && break; sleep 0.05; done
    grep -q listening "$tmp/$key.tcpdump" || { cat "$tmp/$key.tcpdump" >&2; die "tcpdump did not start (root or CAP_NET_RAW)"; }
  fi
  TRIALWISE_ANSWERS="$body" "${load_cpu[@]}" wrk -t "$threads" -c "$connections" -d "${seconds}s" --latency \
    -s "$here/http/load.lua" "${url[$server]}$target" >"$tmp/$key.out" 2>&1 &
  local bench=$!
  sleep "$(awk -v s="$seconds" 'BEGIN { print s / 2 }')"
  mid_rss=$(rss "${pid[$server]}")
  wait "$bench"
  end_rss=$(rss "${pid[$server]}")
  end_cpu=$(cpu_ticks "${pid[$server]}")
  end_switches=$(switches "${pid[$server]}")
  line=$(grep '^RESULT' "$tmp/$key.out") || { cat "$tmp/$key.out" >&2; die "wrk failed"; }
  requests=$(sed -n 's/.*\brequests=\([0-9]*\).*/\1/p' <<<"$line")
  cpu_us=$(awk -v t=$((end_cpu - start_cpu)) -v hz="$ticks_per_second" -v n="$requests" \
    'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  read -r sleeps_before preempts_before <<<"$start_switches"
  read -r sleeps_after preempts_after <<<"$end_switches"
  result[$key]="$line rss_kib=$start_rss/$mid_rss/$end_rss cpu_us=$cpu_us"
  result[$key]+=" sleeps_1k=$(per_1k "$sleeps_before" "$sleeps_after" "$requests")"
  result[$key]+=" preempts_1k=$(per_1k "$preempts_before" "$preempts_after" "$requests")"
  if [ -n "$capture" ]; then
    kill -INT "$capture"
    wait "$capture" || true
    result[$key]+=" $(python3 "$here/http/wire_latency.py" "$tmp/$key.pcap" "$port")"
    # Packets the capture missed (its buffer full) leave those requests out of the wire's figures.
    result[$key]+=" dropped=$(sed -n 's/^\([0-9]*\) packets dropped by kernel$/\1/p' "$tmp/$key.tcpdump")"
    rm -f "$tmp/$key.pcap"
    capture=""
  fi
}

# A warm-up of both routes on each (Node compiles its hot paths as they run:
# without it, its first assess phase was half its second), then the phases,
# the two servers in turn.
for server in trialwise node; do
  "${load_cpu[@]}" wrk -t 1 -c 4 -d 2s -s "$here/http/load.lua" "${url[$server]}/healthz" >/dev/null
  TRIALWISE_ANSWERS="$answers" "${load_cpu[@]}" wrk -t 1 -c 16 -d 5s -s "$here/http/load.lua" "${url[$server]}/api/v1/assess" >/dev/null
done
# Whether the host pauses a busy core (wrk's p99 then carries the pauses).
host_pauses=$("$here/host_pauses.py" 3 --all-only)
for round in $(seq "$rounds"); do
  for endpoint in assess healthz; do
    for server in trialwise node; do
      if [ "$endpoint" = assess ]; then
        phase "$server.$endpoint.$round" "$server" /api/v1/assess "$answers"
      else
        phase "$server.$endpoint.$round" "$server" /healthz
      fi
    done
  done
done

field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"${result[$1]}"; }
mean() {  # mean SERVER ENDPOINT FIELD: over the rounds
  local sum=0 r
  for r in $(seq "$rounds"); do sum=$(awk -v a="$sum" -v b="$(field "$1.$2.$r" "$3")" 'BEGIN { print a + b }'); done
  awk -v s="$sum" -v n="$rounds" 'BEGIN { printf "%.1f", s / n }'
}
printf '\n%s connections, %s wrk threads, %s s per phase, %s rounds, %s cores%s; trialwise serve --%s, Node %s x %s\n' \
  "$connections" "$threads" "$seconds" "$rounds" "$(nproc)" "$([ "$pin" = 1 ] && echo ', one core each')" "$mode" \
  "$(node --version)" "$node_workers"
printf '%-10s %-8s %5s %10s %8s %8s %8s %9s %7s %7s %9s %9s %11s  %s\n' server endpoint round requests/s p50_ms p90_ms p99_ms \
  max_ms non2xx socket cpu_us/req sleep/1k preempt/1k "RSS KiB start/middle/end"
for round in $(seq "$rounds"); do
  for endpoint in assess healthz; do
    for server in trialwise node; do
      key="$server.$endpoint.$round"
      printf '%-10s %-8s %5s %10s %8s %8s %8s %9s %7s %7s %9s %9s %11s  %s\n' "$server" "$endpoint" "$round" "$(field "$key" rps)" \
        "$(field "$key" p50_ms)" "$(field "$key" p90_ms)" "$(field "$key" p99_ms)" "$(field "$key" max_ms)" \
        "$(field "$key" non2xx)" "$(field "$key" socket_errors)" "$(field "$key" cpu_us)" "$(field "$key" sleeps_1k)" \
        "$(field "$key" preempts_1k)" "$(field "$key" rss_kib)"
    done
  done
done
if [ "$wire" = 1 ]; then
  printf '\nThe wire (each phase captured; the server: from a request to its answer, not corrected for coordinated omission)\n'
  printf '%-10s %-8s %5s %8s %8s %8s %9s %12s %12s %10s %8s\n' server endpoint round p50_ms p90_ms p99_ms max_ms \
    'server>20ms' 'client>20ms' silence_ms dropped
  for round in $(seq "$rounds"); do
    for endpoint in assess healthz; do
      for server in trialwise node; do
        key="$server.$endpoint.$round"
        printf '%-10s %-8s %5s %8s %8s %8s %9s %12s %12s %10s %8s\n' "$server" "$endpoint" "$round" \
          "$(field "$key" wire_p50_ms)" "$(field "$key" wire_p90_ms)" "$(field "$key" wire_p99_ms)" \
          "$(field "$key" wire_max_ms)" "$(field "$key" server_waits)" "$(field "$key" client_waits)" \
          "$(field "$key" silence_ms)" "$(field "$key" dropped)"
      done
    done
  done
fi
printf '\nThis machine, before the phases: %s\n' "$host_pauses"
for endpoint in assess healthz; do
  ours=$(mean trialwise "$endpoint" rps)
  theirs=$(mean node "$endpoint" rps)
  ours_cpu=$(mean trialwise "$endpoint" cpu_us)
  theirs_cpu=$(mean node "$endpoint" cpu_us)
  printf '%-8s trialwise %s req/s, Node %s req/s: trialwise / Node = %s (p99 %s ms vs %s ms);' "$endpoint" "$ours" \
    "$theirs" "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')" "$(mean trialwise "$endpoint" p99_ms)" \
    "$(mean node "$endpoint" p99_ms)"
  printf ' CPU a request %s us vs %s us: Node / trialwise = %s' "$ours_cpu" "$theirs_cpu" \
    "$(awk -v a="$ours_cpu" -v b="$theirs_cpu" 'BEGIN { printf "%.2f", b / a }')"
  [ "$wire" = 1 ] && printf '; on the wire p99 %s ms vs %s ms' "$(mean trialwise "$endpoint" wire_p99_ms)" \
    "$(mean node "$endpoint" wire_p99_ms)"
  printf '\n'
done
cp "$tmp/trialwise.log" "$build_dir/http_load.access.log" 2>/dev/null || true
