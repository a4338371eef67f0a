-- wrk script for the journal benchmark (bench/journal.sh runs it; bench/README.md explains it).
--
-- Environment:
--   BENCH_TARGET        list | page | theme | search_common | search_rare | rel_actions | big_actions | create
--   BENCH_JOURNAL_FILE  the journal sample written by `coachkit-bench seed --journal-out`: a `#probe` line
--                       (probe leader's token, the small and big relationships, the planted words), then
--                       per cohort person: index, user id, API token, session cookie, theme key, relationship
--   BENCH_THREADS       the -t given to wrk, so threads can split the people between them
--   BENCH_TAG           create runs: a tag stored in every action's text
--   BENCH_ACKS_OUT      create runs: where to write the acknowledged action ids
--
-- Reads: each thread takes every BENCH_THREADS-th cohort person and cycles through them.
-- `big_actions` and `create` act as the probe leader, in the big probe relationship: creates go
-- over every connection at once into that one relationship; each 201 answer's id is kept so that
-- `coachkit-bench check-actions` can verify, after a kill -9, that every acknowledged action is stored.

local target = os.getenv("BENCH_TARGET") or "list"
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local tag = os.getenv("BENCH_TAG") or "xx"

local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local function load_sample(tid)
  local people, probe, n = {}, {}, 0
  local f = assert(io.open(assert(os.getenv("BENCH_JOURNAL_FILE"), "BENCH_JOURNAL_FILE is not set"), "r"))
  for line in f:lines() do
    local rest = line:match("^#probe (.*)$")
    if rest then
      for k, v in rest:gmatch("(%w+)=(%S+)") do probe[k] = v end
    else
      local index, token, session, theme, rel =
        line:match("^(%d+)\t[^\t]+\t(%x+)\t(%x+)\t([^\t]+)\t([%x-]+)$")
      if index then
        if n % nthreads == tid then
          table.insert(people, { token = token, session = session, theme = theme, rel = rel })
        end
        n = n + 1
      end
    end
  end
  f:close()
  assert(probe.token and probe.big, "no #probe line in " .. os.getenv("BENCH_JOURNAL_FILE"))
  assert(#people > 0, "no cohort people for this thread")
  return people, probe
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
  sent, acks, unparsed, ids = 0, 0, 0, {}
  local people, probe = load_sample(tid)
  big, probe_token = probe.big, probe.token
  local bearer = function(token) return headers({ Authorization = "Bearer " .. token }) end
  if target == "create" then return end
  if target == "big_actions" then
    reqs[1] = wrk.format("GET", "/api/v1/relationships/" .. big .. "/actions", bearer(probe_token))
    return
  end
  for i, p in ipairs(people) do
    local path
    if target == "list" then
      path = "/api/v1/journal/reflections"
    elseif target == "theme" then
      path = "/api/v1/journal/themes/" .. p.theme
    elseif target == "search_common" then
      path = "/api/v1/journal/search?q=" .. probe.common
    elseif target == "search_rare" then
      path = "/api/v1/journal/search?q=" .. probe.rare
    elseif target == "rel_actions" then
      path = "/api/v1/relationships/" .. p.rel .. "/actions"
    end
    if target == "page" then
      reqs[i] = wrk.format("GET", "/journal", headers({ Cookie = "ck_session=" .. p.session }))
    else
      reqs[i] = wrk.format("GET", assert(path, "unknown BENCH_TARGET " .. target), bearer(p.token))
    end
  end
end

function request()
  if target == "create" then
    sent = sent + 1
    local body = string.format(
      '{"text":"wrk %s t%d n%09d: ask the team what gets in their way","audience":"relationship:%s","relationship_id":"%s"}',
      tag, tid, sent, big, big)
    return wrk.format("POST", "/api/v1/journal/actions",
      headers({ Authorization = "Bearer " .. probe_token, ["Content-Type"] = "application/json" }), body)
  end
  next_req = next_req % #reqs + 1
  return reqs[next_req]
end

-- Defined only for creates: wrk copies every body into Lua when response() exists.
if target == "create" then
  function response(status, _, body)
    if status ~= 201 then return end
    local id = body:match('"id":"([%x-]+)"')
    if not id then
      unparsed = unparsed + 1
      return
    end
    acks = acks + 1
    ids[acks] = id
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  local total_acks = 0
  if target == "create" then
    local out = assert(io.open(assert(os.getenv("BENCH_ACKS_OUT"), "BENCH_ACKS_OUT is not set"), "w"))
    local total_sent, total_unparsed, lines = 0, 0, {}
    for _, t in ipairs(threads) do
      total_acks = total_acks + t:get("acks")
      total_sent = total_sent + t:get("sent")
      total_unparsed = total_unparsed + t:get("unparsed")
      for _, id in ipairs(t:get("ids")) do table.insert(lines, id) end
    end
    out:write(string.format("# tag=%s sent=%d acked=%d unparsed=%d\n", tag, total_sent, total_acks, total_unparsed))
    out:write(table.concat(lines, "\n"), "\n")
    out:close()
  end
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d acked=%d bytes=%d\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout, total_acks,
    summary.requests > 0 and math.floor(summary.bytes / summary.requests) or 0))
end
