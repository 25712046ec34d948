-- wrk script: POSTs the documentation page's sample request (reference/seed-AddChatMessage.md).
-- done() prints one line that bench/load.sh reads: RESULT requests=… rps=… p50_us=… p99_us=… non2xx=… errors=….
-- With CALLS=N in the environment (and one wrk thread), it stops after N answers instead: wrk itself only stops
-- when its duration is over, so the script prints its RESULT line and ends the process.
wrk.method = "POST"
wrk.path = "/api/v1/Agents/Chat/AddChatMessage"
wrk.headers["Authorization"] = "Basic dGplMDpUamUw"
wrk.headers["Accept"] = "application/json; charset=utf-8"
wrk.headers["Accept-Language"] = "fr,de,ru,zh"
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
wrk.body = '{\n  "ChatSessionId": 403,\n  "Message": null\n}'

-- ChatMock keeps each message in its session, and a session keeps at most MaxMessagesPerSession (10,000): the posts
-- go round 1,000 sessions so that the load measures stored messages, not the refusal of a full session. The
-- store then runs at its MaxMessages limit, removing the least recently active session as it goes. The baselines
-- get the same requests.
local bodies = {}
for session = 1, 1000 do
  bodies[session] = string.format('{\n  "ChatSessionId": %d,\n  "Message": null\n}', 1000 + session)
end
local sent = 0
request = function()
  sent = sent + 1
  return wrk.format(nil, nil, nil, bodies[(sent % 1000) + 1])
end

local limit = tonumber(os.getenv("CALLS") or "0")

if limit > 0 then
  local answered, non2xx, started = 0, 0, os.time()
  response = function(status, headers, body)
    answered = answered + 1
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
    end
    if answered >= limit then
      local seconds = math.max(1, os.time() - started)
      io.write(string.format("RESULT requests=%d rps=%.1f p50_us=0 p99_us=0 non2xx=%d errors=0\n", answered, answered / seconds, non2xx))
      io.flush()
      os.exit(0)
    end
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
