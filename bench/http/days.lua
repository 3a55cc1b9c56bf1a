-- wrk script for bench/pg_load.sh: every request logs a day,
-- PUT /api/v1/trial/days/{date} {"outcome": n}, as one of the signed-in
-- people in TRIALWISE_COOKIES (one "tw_session=..." per line), taken in
-- turn, over a four-week trial (a day logged again is a new version of it).
-- done() prints one RESULT line, as load.lua does.
local cookies = {}
for line in io.lines(os.getenv("TRIALWISE_COOKIES")) do
  if line ~= "" then cookies[#cookies + 1] = line end
end
local threads = 0

setup = function(thread)
  thread:set("first", threads)
  threads = threads + 1
end

local n = 0
request = function()
  -- Each thread starts at its own person, so two threads do not move in step.
  n = n + 1
  local who = cookies[((first or 0) * 7919 + n) % #cookies + 1]
  local day = string.format("2026-11-%02d", 1 + n % 28)
  return wrk.format("PUT", "/api/v1/trial/days/" .. day,
    {["Content-Type"] = "application/json", ["Cookie"] = who},
    string.format('{"outcome": %d}', n % 11))
end

done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
