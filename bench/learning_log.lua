-- wrk script for practice 3's benchmark (bench/learning_log.sh runs it; bench/README.md explains it).
--
-- Environment:
--   BENCH_TARGET             healthz | cohort_page | cohort_api | log
--   BENCH_LEARNING_LOG_FILE  the file `coachkit-bench seed-learning-log --out` wrote: one `programme`
--                            line (programme id, the facilitator's session cookie and API token) and
--                            `participant` lines (index, user id, session cookie, API token, shared)
--   BENCH_THREADS            the -t given to wrk, so threads can split the participants between them
--
-- healthz: GET /healthz, the framework's ceiling, measured in the same rounds as the others.
-- cohort_page: GET /learning-log/{id} as the facilitator (ck_session cookie): the cohort view.
-- cohort_api: GET /api/v1/learning-log/programmes/{id} as the facilitator (Bearer token).
-- log: GET /learning-log/{id}/log, each request one participant's own log (their cookie); each
-- thread takes every BENCH_THREADS-th participant and cycles through them, so consecutive
-- requests are for different people.
-- Reads only: no response() callback, so wrk does not copy the bodies into Lua.

local target = os.getenv("BENCH_TARGET") or "healthz"
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")

local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local function load_file()
  local programme, participants = nil, {}
  local path = assert(os.getenv("BENCH_LEARNING_LOG_FILE"), "BENCH_LEARNING_LOG_FILE is not set")
  local f = assert(io.open(path, "r"))
  for line in f:lines() do
    local fields = {}
    for v in line:gmatch("[^\t]+") do table.insert(fields, v) end
    if fields[1] == "programme" then
      programme = { id = fields[2], session = fields[3], token = fields[4] }
    elseif fields[1] == "participant" then
      table.insert(participants, { index = tonumber(fields[2]), session = fields[4] })
    end
  end
  f:close()
  assert(programme, "no programme line in " .. path)
  return programme, participants
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
  local p, participants = load_file()
  if target == "healthz" then
    reqs[1] = wrk.format("GET", "/healthz", headers({}))
  elseif target == "cohort_page" then
    reqs[1] = wrk.format("GET", "/learning-log/" .. p.id, headers({ Cookie = "ck_session=" .. p.session }))
  elseif target == "cohort_api" then
    reqs[1] = wrk.format("GET", "/api/v1/learning-log/programmes/" .. p.id,
      headers({ Authorization = "Bearer " .. p.token }))
  elseif target == "log" then
    for n, q in ipairs(participants) do
      if (n - 1) % nthreads == tid then
        table.insert(reqs, wrk.format("GET", "/learning-log/" .. p.id .. "/log",
          headers({ Cookie = "ck_session=" .. q.session })))
      end
    end
    assert(#reqs > 0, "no participants for this thread")
  else
    error("unknown BENCH_TARGET " .. target)
  end
end

function request()
  next_req = next_req % #reqs + 1
  return reqs[next_req]
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d bytes=%d\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout,
    summary.requests > 0 and math.floor(summary.bytes / summary.requests) or 0))
end
