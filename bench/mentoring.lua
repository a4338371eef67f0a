-- wrk script for practice 5's benchmark (bench/mentoring.sh runs it; bench/README.md explains it).
--
-- Environment:
--   BENCH_TARGET          page | save | reveal
--   BENCH_MENTORING_FILE  the file `coachkit-bench seed-mentoring --out` wrote: `page` lines (index,
--                         expert secret), `write` lines (index, expert id, secret), `reveal` lines
--                         (index, request id, the leader's session cookie)
--   BENCH_THREADS         the -t given to wrk, so threads can split the experts between them
--   BENCH_CSRF            save runs: the expert page's pre-session CSRF token (its ck_csrf cookie)
--   BENCH_TAG             save runs: a two-letter tag written in every saved draft
--   BENCH_WRITES_OUT      save runs: where to list, per expert, what was sent and acknowledged
--
-- Reads: each thread takes every BENCH_THREADS-th line of its set and cycles through them, so
-- consecutive requests are for different experts (or leaders). Saves: `POST /expert/{secret}`
-- with action=save and three pieces of advice, constant size; an expert is handed out again only
-- after the answer to their previous save came back (a 303 whose Location names their secret),
-- so each expert's saves form a sequence that `coachkit-bench check-advice` can verify.

local target = os.getenv("BENCH_TARGET") or "page"
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local tag = os.getenv("BENCH_TAG") or "xx"
local csrf = os.getenv("BENCH_CSRF") or ""

local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local kinds = { page = "page", save = "write", reveal = "reveal" }

local function load_lines(tid)
  local rows, n = {}, 0
  local kind = assert(kinds[target], "unknown BENCH_TARGET " .. target)
  local f = assert(io.open(assert(os.getenv("BENCH_MENTORING_FILE"), "BENCH_MENTORING_FILE is not set"), "r"))
  for line in f:lines() do
    local fields = {}
    for v in line:gmatch("[^\t]+") do table.insert(fields, v) end
    if fields[1] == kind then
      if n % nthreads == tid then table.insert(rows, fields) end
      n = n + 1
    end
  end
  f:close()
  assert(#rows > 0, "no " .. kind .. " lines for this thread in " .. os.getenv("BENCH_MENTORING_FILE"))
  return rows
end

-- wrk.format ignores -H headers when given its own, so merge them in.
local function headers(extra)
  local h = {}
  for k, v in pairs(wrk.headers) do h[k] = v end
  for k, v in pairs(extra) do h[k] = v end
  return h
end

function init(args)
  reqs, next_req = {}, 0
  acks, overlaps, unparsed, seq = 0, 0, 0, 0
  sent, acked, nacked, outstanding = {}, {}, {}, {}
  local rows = load_lines(tid)
  if target == "save" then
    -- A FIFO of experts free to be written; by_secret maps a 303's Location back to them.
    experts, free, head, tail, by_secret = {}, {}, 1, #rows, {}
    for i, r in ipairs(rows) do
      experts[i] = { index = tonumber(r[2]), secret = r[4] }
      free[i] = i
      by_secret[r[4]] = i
    end
    return
  end
  for i, r in ipairs(rows) do
    if target == "page" then
      reqs[i] = wrk.format("GET", "/expert/" .. r[3], headers({}))
    else
      reqs[i] = wrk.format("GET", "/advice/" .. r[3], headers({ Cookie = "ck_session=" .. r[4] }))
    end
  end
end

local function save_request()
  local pos
  if head <= tail then
    pos = free[head]
    free[head] = nil
    head = head + 1
  else
    -- Every expert has a save in flight (or lost to an error): the check reports this run as unsound.
    overlaps = overlaps + 1
    pos = math.random(#experts)
  end
  local e = experts[pos]
  seq = seq + 1
  sent[e.index] = seq
  outstanding[e.index] = seq
  local body = string.format(
    "csrf=%s&action=save" ..
    "&advice1=wrk+%s+e%05d+n%09d.+Agree+what+good+looks+like+before+the+work+starts+then+stay+out+of+how+it+gets+there." ..
    "&example1=When+I+did+this+with+my+own+team+the+first+month+was+hard+and+the+second+was+easy." ..
    "&advice2=Put+your+review+points+in+the+calendar+at+the+start+so+you+are+not+tempted+to+look+in+between.&example2=" ..
    "&advice3=Ask+your+team+what+you+do+that+slows+them+down+and+believe+the+answer.&example3=",
    csrf, tag, e.index, seq)
  return wrk.format("POST", "/expert/" .. e.secret,
    headers({ Cookie = "ck_csrf=" .. csrf, ["Content-Type"] = "application/x-www-form-urlencoded" }), body)
end

function request()
  if target == "save" then return save_request() end
  next_req = next_req % #reqs + 1
  return reqs[next_req]
end

-- Defined only for saves: wrk copies every answer into Lua when response() exists.
if target == "save" then
  function response(status, hdrs, _)
    -- A refused save cannot be traced to its expert; they stay out of rotation.
    if status ~= 303 then return end
    local location = hdrs["Location"] or hdrs["location"] or ""
    local pos = by_secret[location:match("^/expert/(%x+)%?done=draft$") or ""]
    if not pos then
      unparsed = unparsed + 1
      return
    end
    local index = experts[pos].index
    acks = acks + 1
    acked[index] = outstanding[index]
    outstanding[index] = nil
    nacked[index] = (nacked[index] or 0) + 1
    tail = tail + 1
    free[tail] = pos
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  local total_acks = 0
  if target == "save" then
    local out = assert(io.open(assert(os.getenv("BENCH_WRITES_OUT"), "BENCH_WRITES_OUT is not set"), "w"))
    local counts = { overlaps = 0, unparsed = 0 }
    local lines = {}
    for _, t in ipairs(threads) do
      total_acks = total_acks + t:get("acks")
      for k in pairs(counts) do counts[k] = counts[k] + t:get(k) end
      local s, a, c = t:get("sent"), t:get("acked"), t:get("nacked")
      for index, last in pairs(s) do
        table.insert(lines, string.format("%d\t%d\t%d\t%d", index, last, a[index] or 0, c[index] or 0))
      end
    end
    out:write(string.format("# tag=%s acked=%d overlaps=%d unparsed=%d\n",
      tag, total_acks, counts.overlaps, counts.unparsed))
    out:write(table.concat(lines, "\n"), "\n")
    out:close()
  end
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d acked=%d bytes=%d\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout, total_acks,
    summary.requests > 0 and math.floor(summary.bytes / summary.requests) or 0))
end
