-- wrk script for bench/http_load.sh. With TRIALWISE_ANSWERS set, every
-- request POSTs that answers file as JSON (POST /api/v1/assess); without it,
-- wrk's plain GET is used (GET /healthz). done() prints one RESULT line that
-- the script parses: requests, rate, latency percentiles and errors.
local answers = os.getenv("TRIALWISE_ANSWERS")
if answers and answers ~= "" then
  local f = assert(io.open(answers, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  f:close()
end

done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
