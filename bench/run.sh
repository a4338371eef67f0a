#!/usr/bin/env bash
# coachkit's load benchmark, on SQLite and on PostgreSQL, in one command (see bench/README.md):
#
#   bench/run.sh
#   BENCH_SECONDS=5 BENCH_BACKENDS=sqlite bench/run.sh
#
# For each backend: seed a fresh database, start `coachkit serve` on loopback, measure start-up
# and idle memory, drive each route with wrk (keep-alive, then Connection: close), run the write
# benchmark, kill the server with SIGKILL and check that every acknowledged write is stored.
# Writes bench/out/results-<backend>.md and bench/out/results.md; raw wrk output in bench/out/raw.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
SECS="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-2}"
USERS="${BENCH_USERS:-10000}"
RECORDS="${BENCH_RECORDS:-100000}"
BACKENDS="${BENCH_BACKENDS:-sqlite postgres}"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
PG_DB="${BENCH_PG_DB:-coachkit_bench}"
THREADS=2
CONNS=16
READS="healthz me relationships dashboard"

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in cargo curl wrk; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y wrk curl)"
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/coachkit-bench.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh" # build_binaries, start_server, stop_server, field, commas
START_POLLS=2000 # a fresh 10,000-person instance answers well within 10 to 20 s
PG_CREATED=""

drop_pg() {
  psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
  PG_CREATED=""
}

cleanup() {
  stop_server KILL
  if [[ -n "$PG_CREATED" ]]; then drop_pg || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

release_binaries # BENCH_BUILD=0 runs the binaries an earlier release build left

rss_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; } # $1 pid, $2 VmRSS|VmHWM
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

smoke_test() { # the seeded credentials must really sign in: a 303 to /signin would count as success in wrk
  local line id token session base="http://127.0.0.1:$PORT"
  line="$(awk '!/^#/ { print; exit }' "$SAMPLE")"
  id="$(cut -f2 <<<"$line")"
  token="$(cut -f4 <<<"$line")"
  session="$(cut -f5 <<<"$line")"
  [[ "$(curl -fsS --max-time 5 -H "Authorization: Bearer $token" "$base/api/v1/me")" == *"\"id\":\"$id\""* ]] ||
    die "GET /api/v1/me with a seeded token did not answer for the seeded person"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $token" "$base/api/v1/relationships")" == 200 ]] ||
    die "GET /api/v1/relationships with a seeded token is not 200"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -b "ck_session=$session" "$base/dashboard")" == 200 ]] ||
    die "GET /dashboard with a seeded session cookie is not 200"
}

run_wrk() { # $1 target, $2 keep-alive|close, $3 seconds, $4 raw output name, [$5 write tag]; prints the RESULT line
  local raw="$RAW/$4.txt" extra=()
  [[ "$2" == close ]] && extra=(-H "Connection: close")
  BENCH_TARGET="$1" BENCH_USERS_FILE="$SAMPLE" BENCH_THREADS="$THREADS" BENCH_TAG="${5:-xx}" \
    BENCH_WRITES_OUT="$WORK/writes-${5:-none}.tsv" \
    wrk -t"$THREADS" -c"$CONNS" -d"$3s" --latency ${extra[@]+"${extra[@]}"} -s "$HERE/load.lua" \
    "http://127.0.0.1:$PORT/" >"$raw" 2>&1 || die "wrk failed: $(tail -5 "$raw")"
  grep '^RESULT ' "$raw" | tail -1 || die "no RESULT line in $raw"
}

label() {
  case "$1" in
    healthz) echo "GET /healthz" ;;
    me) echo "GET /api/v1/me" ;;
    relationships) echo "GET /api/v1/relationships" ;;
    dashboard) echo "GET /dashboard" ;;
    write) echo "PATCH /api/v1/me" ;;
  esac
}

bench_backend() { # $1 sqlite|postgres; writes $OUT/results-$1.md
  local backend="$1" url seeded result load_before
  RAW="$OUT/raw/$backend"
  mkdir -p "$RAW"
  fresh_database "$backend"
  url="$DB_URL"
  SAMPLE="$WORK/sample-$backend.tsv"
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

  log "$backend: seeding $USERS people and $RECORDS records"
  seeded="$("$CKB" seed --database-url "$url" --users "$USERS" --records "$RECORDS" --out "$SAMPLE")"
  log "$seeded"

  start_server "$url"
  local start_ms="$START_MS" ready_ms="$READY_MS"
  sleep 1 # let start-up work settle before calling it idle
  local idle_kb
  idle_kb="$(rss_kb "$SERVER_PID" VmRSS)"
  log "$backend: up in $start_ms ms (server says ready_ms=$ready_ms), idle RSS $(mb "$idle_kb") MB"
  smoke_test

  declare -A rps p50 p99 errs bytes
  local route mode key
  for route in $READS write; do
    [[ "$route" == write ]] || run_wrk "$route" keep-alive "$WARMUP" "$route-warmup" >/dev/null
    for mode in keep-alive close; do
      key="$route $mode"
      if [[ "$route" == write ]]; then
        local tag
        tag="$([[ "$mode" == keep-alive ]] && echo ka || echo cl)"
        if [[ -z "$SERVER_PID" ]]; then
          start_server "$url"
          restart="$START_MS ms (ready_ms: $READY_MS)"
        fi
        log "$backend: wrk PATCH /api/v1/me, $mode, ${SECS}s"
        result="$(run_wrk write "$mode" "$SECS" "write-$mode" "$tag")"
        peak_kb="$(awk -v a="$peak_kb" -v b="$(rss_kb "$SERVER_PID" VmHWM)" 'BEGIN { print (b > a ? b : a) }')"
        stop_server KILL # a crash: only what was committed may be counted
        local check
        check="$("$CKB" check-writes --database-url "$url" --writes "$WORK/writes-$tag.tsv")" || write_ok=""
        [[ -n "$check" ]] || check="write check [$tag]: could not run"
        checks+=("| Write check after the $mode write run and kill -9 | ${check#write check \[*\]: } |")
        log "$check"
      else
        log "$backend: wrk $(label "$route"), $mode, ${SECS}s"
        result="$(run_wrk "$route" "$mode" "$SECS" "$route-$mode")"
      fi
      rps[$key]="$(field rps "$result")"
      p50[$key]="$(field p50_ms "$result")"
      p99[$key]="$(field p99_ms "$result")"
      bytes[$key]="$(field bytes "$result")"
      errs[$key]=$(($(field non2xx "$result") + $(field connect_err "$result") + $(field read_err "$result") + \
        $(field write_err "$result") + $(field timeouts "$result")))
    done
  done
  stop_server TERM
  local load_after
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ "$backend" == postgres ]]; then drop_pg; else rm -rf "$WORK/sqlite"; fi

  # --- the report
  local md="$OUT/results-$backend.md" goals=() ceiling pct
  {
    echo "## $([[ "$backend" == sqlite ]] && echo SQLite || echo PostgreSQL) ($USERS people, $RECORDS records)"
    echo
    echo "wrk -t$THREADS -c$CONNS -d${SECS}s --latency, on 127.0.0.1, server and wrk on the same $(nproc)-CPU machine."
    echo "Load average before: $load_before; after: $load_after. Seeding: ${seeded%%;*}."
    echo
    echo "| Route | Connection | Requests/s | vs /healthz | p50 (ms) | p99 (ms) | Bytes/response | Errors |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|"
    for route in $READS write; do
      for mode in keep-alive close; do
        key="$route $mode"
        ceiling="${rps[healthz $mode]}"
        pct="$(awk -v a="${rps[$key]}" -v b="$ceiling" 'BEGIN { printf "%.0f %%", (b > 0 ? 100 * a / b : 0) }')"
        printf '| %s | %s | %.0f | %s | %.2f | %.2f | %s | %s |\n' "$(label "$route")" "$mode" "${rps[$key]}" "$pct" \
          "${p50[$key]}" "${p99[$key]}" "${bytes[$key]}" "${errs[$key]}"
        case "$route" in
          me | relationships | dashboard)
            awk -v a="${rps[$key]}" -v b="$ceiling" 'BEGIN { exit !(a >= b / 2) }' ||
              goals+=("FAIL: $(label "$route") ($mode) at $pct of /healthz (goal: at least 50 %)")
            awk -v p="${p99[$key]}" 'BEGIN { exit !(p < 5) }' ||
              goals+=("FAIL: $(label "$route") ($mode) p99 ${p99[$key]} ms (goal: under 5 ms)")
            ;;
        esac
      done
    done
    echo
    echo "| Measure | Value |"
    echo "|---|---|"
    echo "| Start-up (process start until /healthz answers, polled) | $start_ms ms (the server's own ready_ms: $ready_ms) |"
    echo "| Start-up again after kill -9 | $restart |"
    echo "| Idle RSS (1 s after start, before any load) | $(mb "$idle_kb") MB |"
    echo "| Peak RSS (VmHWM, highest of both server processes) | $(mb "$peak_kb") MB |"
    printf '%s\n' "${checks[@]}"
    echo
    awk -v kb="$idle_kb" 'BEGIN { exit !(kb < 30 * 1024) }' || goals+=("FAIL: idle RSS $(mb "$idle_kb") MB (goal: under 30 MB)")
    [[ -n "$write_ok" ]] || goals+=("FAIL: the write check found acknowledged writes missing (or could not verify them)")
    if ((${#goals[@]} == 0)); then
      echo "Goals: all met (reads >= 50 % of /healthz, p99 < 5 ms, idle RSS < 30 MB, no acknowledged write lost)."
    else
      echo "Goals not met:"
      echo
      printf -- '- %s\n' "${goals[@]}"
    fi
    echo
  } >"$md"
  log "$backend: done, see $md"
}

mkdir -p "$OUT"
log "results go to $OUT (BENCH_SECONDS=$SECS per run)"
for backend in $BACKENDS; do
  restart="n/a" peak_kb=0 write_ok=1 checks=()
  bench_backend "$backend"
done

{
  echo "# coachkit load benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')."
  echo "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | awk 'NR == 1')), $(uname -sr), $(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }')."
  echo "Command: \`BENCH_SECONDS=$SECS BENCH_BACKENDS=\"$BACKENDS\" bench/run.sh\`"
  echo
  for backend in $BACKENDS; do cat "$OUT/results-$backend.md"; done
} >"$OUT/results.md"
log "all done: $OUT/results.md"
cat "$OUT/results.md"
