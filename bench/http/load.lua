-- wrk script for bench/http_load.sh. With TRIALWISE_ANSWERS set, every
-- request POSTs that answers file as JSON (POST /api/v1/assess); without it,
-- wrk's plain GET is used (GET /healthz). done() (result.lua) prints the
-- RESULT line the script parses.
local answers = os.getenv("TRIALWISE_ANSWERS")
if answers and answers ~= "" then
  local f = assert(io.open(answers, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  f:close()
end

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "result.lua")  -- done()
