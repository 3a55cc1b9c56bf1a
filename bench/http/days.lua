-- wrk script for bench/pg_load.sh: every request logs a day,
-- PUT /api/v1/trial/days/{date} {"outcome": n}, as one of the signed-in
-- people in TRIALWISE_COOKIES (one "tw_session=..." per line), taken in
-- turn, over a four-week trial (a day logged again is a new version of it).
-- done() (result.lua) prints the RESULT line, as for load.lua.
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

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "result.lua")  -- done()
