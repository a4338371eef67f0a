#!/usr/bin/env bash
# Practice 5's load benchmark (just-in-time mentoring), on SQLite and on PostgreSQL (see
# bench/README.md, "Mentoring benchmark"):
#
#   bench/mentoring.sh
#   BENCH_SECONDS=5 BENCH_BACKENDS=sqlite bench/mentoring.sh
#
# For each backend: seed a fresh database (the foundation, then advice requests through the app),
# start `coachkit serve` on loopback, check each route answers what it should, drive the expert's
# page and the leader's reveal page with wrk (rounds, median reported), save experts' drafts over
# 16 connections, kill the server with SIGKILL and check that every acknowledged save is stored,
# then time the last expert's submit (the seal opening) one at a time. Writes
# bench/out/mentoring-<backend>.md and bench/out/mentoring.md; raw output in bench/out/raw/mentoring.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
SECS="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-2}"
REPS="${BENCH_REPS:-3}"
USERS="${BENCH_USERS:-10000}"
RECORDS="${BENCH_RECORDS:-100000}"
PAGE_REQUESTS="${BENCH_PAGE_REQUESTS:-1000}"
WRITE_REQUESTS="${BENCH_WRITE_REQUESTS:-200}"
OPEN_REQUESTS="${BENCH_OPEN_REQUESTS:-200}"
SEAL_REQUESTS="${BENCH_SEAL_REQUESTS:-200}"
BACKENDS="${BENCH_BACKENDS:-sqlite postgres}"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
PG_DB="${BENCH_PG_DB:-coachkit_bench_mentoring}"
THREADS=2
CONNS=16
READS="page reveal"

log() { printf '[mentoring %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in cargo curl wrk; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y wrk curl)"
done
((REPS % 2 == 1)) || die "BENCH_REPS must be odd (the median round is reported)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/coachkit-mentoring.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh" # build_binaries, release_binaries, start_server, stop_server, drop_pg, cleanup, load1, expect, field, commas
START_POLLS=2000
PG_CREATED=""

trap cleanup EXIT
trap 'exit 130' INT TERM

release_binaries

smoke_test() { # each route answers what the load generator will count as success; sets CSRF
  local base="http://127.0.0.1:$PORT" page_secret write_secret reveal_id reveal_session items
  # The third expert of the first request: opened, so the page carries the form.
  page_secret="$(awk -F'\t' '$1 == "page" && $2 == 2 { print $3; exit }' "$MFILE")"
  write_secret="$(awk -F'\t' '$1 == "write" { print $4; exit }' "$MFILE")"
  reveal_id="$(awk -F'\t' '$1 == "reveal" { print $3; exit }' "$MFILE")"
  reveal_session="$(awk -F'\t' '$1 == "reveal" { print $4; exit }' "$MFILE")"
  expect "GET /expert/{secret}" 200 "$base/expert/$page_secret"
  grep -q 'name="advice1"' "$WORK/answer" || die "the expert's page has no advice form"
  # The pre-session CSRF token: the page's ck_csrf cookie, repeated in its form.
  expect "GET /expert/{secret} (write set)" 200 -c "$WORK/cookies" "$base/expert/$write_secret"
  CSRF="$(awk '$6 == "ck_csrf" { print $7 }' "$WORK/cookies")"
  [[ ${#CSRF} == 64 ]] || die "the expert's page set no ck_csrf cookie"
  grep -q "name=\"csrf\" value=\"$CSRF\"" "$WORK/answer" || die "the form does not carry the ck_csrf token"
  expect "POST /expert/{secret} without the token" 403 -d "action=save&advice1=x" "$base/expert/$write_secret"
  expect "GET /advice/{id} as its leader" 200 -b "ck_session=$reveal_session" "$base/advice/$reveal_id"
  items="$(grep -o 'id="item-' "$WORK/answer" | wc -l)"
  [[ "$items" == 9 ]] || die "the reveal page carries $items pieces of advice, not 9"
  grep -q 'id="thread"' "$WORK/answer" || die "the reveal page has no thread"
  ! grep -q 'could not read the advice' "$WORK/answer" || die "the engine's thread is missing (it failed at seeding)"
  expect "GET /advice/{id} signed out" 303 "$base/advice/$reveal_id"
}

run_wrk() { # $1 target, $2 seconds, $3 raw output name, [$4 save tag]; prints the RESULT line
  local raw="$RAW/$3.txt"
  BENCH_TARGET="$1" BENCH_MENTORING_FILE="$MFILE" BENCH_THREADS="$THREADS" BENCH_TAG="${4:-xx}" \
    BENCH_CSRF="$CSRF" BENCH_WRITES_OUT="$WORK/writes-${4:-none}.tsv" \
    wrk -t"$THREADS" -c"$CONNS" -d"$2s" --timeout 30s --latency -s "$HERE/mentoring.lua" \
    "http://127.0.0.1:$PORT/" >"$raw" 2>&1 || die "wrk failed: $(tail -5 "$raw")"
  grep '^RESULT ' "$raw" | tail -1 || die "no RESULT line in $raw"
}

label() {
  case "$1" in
    page) echo "GET /expert/{secret} (the expert's page; $(commas $((PAGE_REQUESTS * 3))) experts)" ;;
    reveal) echo "GET /advice/{id} (open request as its leader: 9 pieces and the thread; $(commas "$OPEN_REQUESTS") requests)" ;;
    save) echo "POST /expert/{secret} action=save (a draft of three pieces; $(commas $((WRITE_REQUESTS * 3))) experts)" ;;
  esac
}

errors_of() { # $1 RESULT line
  echo $(($(field non2xx "$1") + $(field connect_err "$1") + $(field read_err "$1") + $(field write_err "$1") + \
    $(field timeouts "$1")))
}

record() { # $1 key, $2 RESULT line
  rps[$1]="$(field rps "$2")" p50[$1]="$(field p50_ms "$2")" p99[$1]="$(field p99_ms "$2")"
  bytes[$1]="$(field bytes "$2")" errs[$1]="$(errors_of "$2")"
}

count_5xx() { # adds the running server's 5xx answers (its /metrics) to FIVE; keeps the counters in raw
  curl -fs --max-time 5 "http://127.0.0.1:$PORT/metrics" | grep '^http_requests_total' >"$RAW/metrics-$STARTS.txt" || true
  FIVE=$((FIVE + $(awk '/status="5/ { n += $NF } END { print n + 0 }' "$RAW/metrics-$STARTS.txt")))
}

bench_backend() { # $1 sqlite|postgres; writes $OUT/mentoring-$1.md
  local backend="$1" url seeded mseeded route rep result lines errors check seal
  BACKEND="$backend"
  RAW="$OUT/raw/mentoring/$backend"
  mkdir -p "$RAW"
  fresh_database "$backend"
  url="$DB_URL"
  SAMPLE="$WORK/sample-$backend.tsv" MFILE="$WORK/mentoring-$backend.tsv"
  log "$backend: seeding $USERS people and $RECORDS records"
  seeded="$("$CKB" seed --database-url "$url" --users "$USERS" --records "$RECORDS" --out "$SAMPLE")"
  log "$seeded"
  log "$backend: seeding advice requests through the app"
  mseeded="$("$CKB" seed-mentoring --database-url "$url" --sample "$SAMPLE" --out "$MFILE" \
    --page-requests "$PAGE_REQUESTS" --write-requests "$WRITE_REQUESTS" --open-requests "$OPEN_REQUESTS" \
    --seal-requests "$SEAL_REQUESTS")"
  log "$mseeded"

  declare -gA rps=() p50=() p99=() bytes=() errs=() all_p50=()
  LOADS=() FIVE=0
  local load_before
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  start_server "$url"
  smoke_test

  for route in $READS; do
    run_wrk "$route" "$WARMUP" "$route-warmup" >/dev/null
    lines=""
    for rep in $(seq 1 "$REPS"); do
      log "$backend: wrk $(label "$route"), ${SECS}s, round $rep of $REPS"
      LOADS+=("$(load1)")
      lines="$lines$(run_wrk "$route" "$SECS" "$route-$rep")"$'\n'
    done
    lines="$(grep '^RESULT' <<<"$lines")"
    errors=0
    while read -r result; do errors=$((errors + $(errors_of "$result"))); done <<<"$lines"
    result="$(while read -r line; do printf '%s %s\n' "$(field p50_ms "$line")" "$line"; done <<<"$lines" |
      sort -g | awk -v m=$(((REPS + 1) / 2)) 'NR == m { $1 = ""; sub(/^ /, ""); print }')"
    record "$route" "$result"
    errs[$route]="$errors"
    all_p50[$route]="$(while read -r line; do field p50_ms "$line"; done <<<"$lines" | paste -sd/ -)"
  done

  log "$backend: wrk $(label save), ${SECS}s"
  LOADS+=("$(load1)")
  result="$(run_wrk save "$SECS" save ka)"
  record save "$result"
  local acked
  acked="$(field acked "$result")"
  count_5xx
  stop_server KILL # a crash: only what was committed may be counted
  local write_ok=1
  check="$("$CKB" check-advice --database-url "$url" --mentoring "$MFILE" --writes "$WORK/writes-ka.tsv")" || write_ok=""
  [[ -n "$check" ]] || check="advice check: could not run"
  log "$check"

  start_server "$url"
  log "$backend: $SEAL_REQUESTS seal openings, one at a time"
  LOADS+=("$(load1)")
  seal="$("$CKB" time-seal --url "http://127.0.0.1:$PORT" --mentoring "$MFILE" --database-url "$url" |
    tee "$RAW/time-seal.txt")" || die "time-seal failed: $seal"
  LOADS+=("$(load1)")
  count_5xx
  stop_server TERM
  local load_after
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  cp "$WORK"/server-*.log "$RAW/" 2>/dev/null || true
  rm -f "$WORK"/server-*.log
  if [[ "$backend" == postgres ]]; then drop_pg; else rm -rf "$WORK/sqlite"; fi

  local md="$OUT/mentoring-$backend.md" name
  name="$([[ "$backend" == sqlite ]] && echo SQLite || echo PostgreSQL)"
  {
    echo "## $name: $(commas "$USERS") people, $(commas $((PAGE_REQUESTS + WRITE_REQUESTS + OPEN_REQUESTS + SEAL_REQUESTS))) advice requests"
    echo
    echo "wrk -t$THREADS -c$CONNS -d${SECS}s --timeout 30s --latency (keep-alive), on 127.0.0.1, server and wrk on the same $(nproc)-CPU machine;"
    echo "read routes: $REPS rounds each, the round with the median p50 shown (all p50s below)."
    echo "Load average before: $load_before; after: $load_after; 1-minute load at the start of each measured run and after the seal timing: $(IFS=/; echo "${LOADS[*]}")."
    echo "Seeding: ${seeded%%;*}; ${mseeded#mentoring: }."
    echo
    echo "| Route | Requests/s | p50 (ms) | p99 (ms) | Bytes/response | Errors |"
    echo "|---|--:|--:|--:|--:|--:|"
    for route in $READS save; do
      printf '| %s | %.0f | %.2f | %.2f | %s | %s |\n' "$(label "$route")" "${rps[$route]}" "${p50[$route]}" \
        "${p99[$route]}" "${bytes[$route]}" "${errs[$route]}"
    done
    echo
    for route in $READS; do echo "- p50 of every round, $(label "$route"): ${all_p50[$route]} ms"; done
    echo "- Saves acknowledged (303): $acked. ${check#advice check \[*\]: }"
    echo "- 5xx answers over every run (the servers' own http_requests_total): $FIVE"
    echo
    echo "The seal opening, one request at a time on one keep-alive connection ($(field count "$seal") requests, after one to warm up):"
    echo
    echo "| Submit | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |"
    echo "|---|--:|--:|--:|--:|"
    echo "| The second expert's (the seal stays shut) | $(field other_p50_ms "$seal") | $(field other_p90_ms "$seal") | $(field other_p99_ms "$seal") | |"
    echo "| The last expert's (the seal opens: the engine's thread, the leader's mail) | $(field last_p50_ms "$seal") | $(field last_p90_ms "$seal") | $(field last_p99_ms "$seal") | $(field last_max_ms "$seal") |"
    echo
    echo "Opening costs $(field opening_p50_ms "$seal") ms at the median (last minus second). The warm-up request, first in the"
    echo "server process (the engine's model loads on first use): $(field warm_other_ms "$seal") ms and $(field warm_last_ms "$seal") ms."
    echo "Requests that opened with the engine's thread stored: $(field opened_with_thread "$seal") of $(field of "$seal")."
    echo
  } >"$md"
  [[ -n "$write_ok" ]] || die "the advice check failed: $check"
  log "$backend: done, see $md"
}

mkdir -p "$OUT"
log "results go to $OUT (BENCH_SECONDS=$SECS per run)"
for backend in $BACKENDS; do bench_backend "$backend"; done

{
  echo "# coachkit mentoring benchmark (practice 5)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')."
  echo "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | awk 'NR == 1')), $(uname -sr), $(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }')."
  echo "Command: \`BENCH_SECONDS=$SECS BENCH_REPS=$REPS BENCH_BACKENDS=\"$BACKENDS\" bench/mentoring.sh\`"
  echo
  for backend in $BACKENDS; do cat "$OUT/mentoring-$backend.md"; done
} >"$OUT/mentoring.md"
log "all done: $OUT/mentoring.md"
cat "$OUT/mentoring.md"
