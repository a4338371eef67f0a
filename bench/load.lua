-- wrk script for coachkit's load benchmark (bench/run.sh runs it; bench/README.md explains it).
--
-- Environment:
--   BENCH_TARGET      healthz | me | relationships | dashboard | write
--   BENCH_USERS_FILE  the sample written by `coachkit-bench seed` (index, id, name, token, session)
--   BENCH_THREADS     the -t given to wrk, so threads can split the people between them
--   BENCH_TAG         write runs: a two-letter tag stored in every headline written
--   BENCH_WRITES_OUT  write runs: where to list, per person, what was sent and acknowledged
-- Headers given with -H (e.g. "Connection: close") are added to every request.
--
-- Each thread takes every BENCH_THREADS-th person of the sample and cycles through them, so reads
-- are spread over many people rather than repeating one. Writes are `PATCH /api/v1/me` with a
-- constant-size body; a person is handed out again only after their previous write was answered,
-- so each person's writes form a sequence that `coachkit-bench check-writes` can verify.

local target = os.getenv("BENCH_TARGET") or "healthz"
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local tag = os.getenv("BENCH_TAG") or "xx"

-- Main state: the threads, so done() can collect their counts.
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local function load_people(tid)
  local people, n = {}, 0
  local f = assert(io.open(assert(os.getenv("BENCH_USERS_FILE"), "BENCH_USERS_FILE is not set"), "r"))
  for line in f:lines() do
    local index, name, token, session = line:match("^(%d+)\t[^\t]+\t([^\t]+)\t(%x+)\t(%x+)$")
    if index then
      if n % nthreads == tid then
        table.insert(people, { index = tonumber(index), name = name, token = token, session = session })
      end
      n = n + 1
    end
  end
  f:close()
  assert(#people > 0, "no people for this thread in " .. os.getenv("BENCH_USERS_FILE"))
  return people
end

-- wrk.format ignores -H headers when given its own, so merge them in.
local function headers(extra)
  local h = {}
  for k, v in pairs(wrk.headers) do h[k] = v end
  for k, v in pairs(extra) do h[k] = v end
  return h
end

local paths = { me = "/api/v1/me", relationships = "/api/v1/relationships" }

-- Per-thread state (each thread has its own Lua state, so these globals are per thread).
function init(args)
  reqs, next_req = {}, 0
  acks, overlaps, mismatches, unparsed, seq = 0, 0, 0, 0, 0
  sent, acked, nacked, outstanding = {}, {}, {}, {}
  if target == "healthz" then
    reqs[1] = wrk.format("GET", "/healthz", headers({}))
    return
  end
  people = load_people(tid)
  if target == "write" then
    -- A FIFO of people free to be written; position_of maps a person's index back to them.
    free, head, tail, position_of = {}, 1, #people, {}
    for i, p in ipairs(people) do
      free[i] = i
      position_of[p.index] = i
    end
    return
  end
  for i, p in ipairs(people) do
    if target == "dashboard" then
      reqs[i] = wrk.format("GET", "/dashboard", headers({ Cookie = "ck_session=" .. p.session }))
    else
      local path = assert(paths[target], "unknown BENCH_TARGET " .. target)
      reqs[i] = wrk.format("GET", path, headers({ Authorization = "Bearer " .. p.token }))
    end
  end
end

local function write_request()
  local pos
  if head <= tail then
    pos = free[head]
    free[head] = nil
    head = head + 1
  else
    -- Everyone has a write in flight (or lost to an error): the check reports this run as unsound.
    overlaps = overlaps + 1
    pos = math.random(#people)
  end
  local p = people[pos]
  seq = seq + 1
  sent[p.index] = seq
  outstanding[p.index] = seq
  local body = string.format('{"display_name":"%s","headline":"wrk %s u%05d n%09d"}', p.name, tag, p.index, seq)
  return wrk.format("PATCH", "/api/v1/me",
    headers({ Authorization = "Bearer " .. p.token, ["Content-Type"] = "application/json" }), body)
end

function request()
  if target == "write" then return write_request() end
  next_req = next_req % #reqs + 1
  return reqs[next_req]
end

-- Defined only for writes: wrk copies every body into Lua when response() exists.
if target == "write" then
  function response(status, _, body)
    -- A failed write cannot be traced to its person; they stay out of rotation.
    if status < 200 or status > 299 then return end
    local index, n = body:match('"headline":"wrk ' .. tag .. ' u(%d+) n(%d+)"')
    if not index then
      unparsed = unparsed + 1
      return
    end
    index, n = tonumber(index), tonumber(n)
    acks = acks + 1
    if outstanding[index] ~= n then mismatches = mismatches + 1 end
    outstanding[index] = nil
    acked[index] = n
    nacked[index] = (nacked[index] or 0) + 1
    tail = tail + 1
    free[tail] = position_of[index]
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  local total_acks = 0
  if target == "write" then
    local out = assert(io.open(assert(os.getenv("BENCH_WRITES_OUT"), "BENCH_WRITES_OUT is not set"), "w"))
    local counts = { overlaps = 0, mismatches = 0, unparsed = 0 }
    local lines = {}
    for _, t in ipairs(threads) do
      total_acks = total_acks + t:get("acks")
      for k in pairs(counts) do counts[k] = counts[k] + t:get(k) end
      local s, a, c = t:get("sent"), t:get("acked"), t:get("nacked")
      for index, last in pairs(s) do
        table.insert(lines, string.format("%d\t%d\t%d\t%d", index, last, a[index] or 0, c[index] or 0))
      end
    end
    out:write(string.format("# tag=%s acked=%d overlaps=%d mismatches=%d unparsed=%d\n",
      tag, total_acks, counts.overlaps, counts.mismatches, counts.unparsed))
    out:write(table.concat(lines, "\n"), "\n")
    out:close()
  end
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d acked=%d bytes=%d\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout, total_acks,
    summary.requests > 0 and math.floor(summary.bytes / summary.requests) or 0))
end
