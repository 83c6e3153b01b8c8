-- wrk script: POSTs the lines of $NW_POSTS (JSON articles), one per request, each line once
-- per thread (threads take every k-th line; after the last line they start again, and the
-- server must not store anything twice), and counts the answers that stored an article.
local lines = {}
local next_line = 1
added, failed = 0, 0  -- globals: done() reads them through thread:get
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local k = tonumber(os.getenv("NW_POST_THREADS") or "1")
  local n = 0
  for line in io.lines(os.getenv("NW_POSTS")) do
    if n % k == id then table.insert(lines, line) end
    n = n + 1
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-ndjson"
  if os.getenv("NW_TOKEN") then wrk.headers["Authorization"] = "Bearer " .. os.getenv("NW_TOKEN") end
end

function request()
  local body = lines[((next_line - 1) % #lines) + 1]  -- after the last, again: stored once
  next_line = next_line + 1
  return wrk.format(nil, "/api/articles", nil, body)
end

function response(status, headers, body)
  if status == 200 and body:find('"added":1', 1, true) then
    added = added + 1
  elseif status ~= 200 and status ~= 400 then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total_added, total_failed = 0, 0
  for _, t in ipairs(threads) do
    total_added = total_added + t:get("added")
    total_failed = total_failed + t:get("failed")
  end
  io.write(string.format("POST stored %d articles, %d failed answers\n", total_added, total_failed))
end
