#!/usr/bin/env bash
# Practice 3's load benchmark (the Leadership Learning Log), on SQLite and on PostgreSQL (see
# bench/README.md, "Learning log benchmark"):
#
#   bench/learning_log.sh
#   BENCH_SECONDS=3 BENCH_BACKENDS=sqlite bench/learning_log.sh
#
# For each backend: seed a fresh database (the foundation, then one programme with its cohort
# through the app), start `coachkit serve` on loopback, check each route answers what it should,
# then drive /healthz, the facilitator's cohort page, the API's cohort and participants' log pages
# with wrk in rounds, the four side by side in every round (the order rotates), and report the
# median of each route's p50 and p99 over the rounds with their spread. Afterwards, with the
# server stopped, `coachkit-bench time-learning-log` times the cohort view's steps in process.
# Writes bench/out/learning-log-<backend>.md and bench/out/learning-log.md; raw output in
# bench/out/raw/learning-log.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
SECS="${BENCH_SECONDS:-5}"
WARMUP="${BENCH_WARMUP:-2}"
REPS="${BENCH_REPS:-5}"
USERS="${BENCH_USERS:-10000}"
RECORDS="${BENCH_RECORDS:-100000}"
PARTICIPANTS="${BENCH_PARTICIPANTS:-200}"
SESSIONS="${BENCH_SESSIONS:-5}"
BACKENDS="${BENCH_BACKENDS:-sqlite postgres}"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
PG_DB="${BENCH_PG_DB:-coachkit_bench_learning_log}"
THREADS=2
CONNS=16
ROUTES="healthz cohort_page cohort_api log"

log() { printf '[learning-log %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in cargo curl wrk; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y wrk curl)"
done
((REPS % 2 == 1)) || die "BENCH_REPS must be odd (the median round is reported)"
((PARTICIPANTS <= 999)) || die "the foundation's sample holds 1,000 people: at most 999 participants"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/coachkit-learning-log.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh" # build_binaries, release_binaries, start_server, stop_server, drop_pg, cleanup, load1, expect, field, commas
START_POLLS=2000
PG_CREATED=""

trap cleanup EXIT
trap 'exit 130' INT TERM

release_binaries

count() { grep -o -- "$1" "$WORK/answer" | wc -l; } # occurrences of $1 in the last answer

smoke_test() { # each route answers what the load generator will count as success
  local base="http://127.0.0.1:$PORT" id fac_session fac_token p_session p_token n shared
  id="$(awk -F'\t' '$1 == "programme" { print $2; exit }' "$LFILE")"
  fac_session="$(awk -F'\t' '$1 == "programme" { print $3; exit }' "$LFILE")"
  fac_token="$(awk -F'\t' '$1 == "programme" { print $4; exit }' "$LFILE")"
  p_session="$(awk -F'\t' '$1 == "participant" { print $4; exit }' "$LFILE")"
  p_token="$(awk -F'\t' '$1 == "participant" { print $5; exit }' "$LFILE")"
  shared=$((PARTICIPANTS - PARTICIPANTS / 2))
  expect "GET /healthz" 200 "$base/healthz"
  expect "GET /learning-log/{id} as the facilitator" 200 -b "ck_session=$fac_session" "$base/learning-log/$id"
  n="$(count "data-label=\"Held\">$SESSIONS</td>")"
  [[ "$n" == "$PARTICIPANTS" ]] || die "the cohort page shows $n participants with $SESSIONS sessions held, not $PARTICIPANTS"
  n="$(count '</a> <span class="status">shared</span>')"
  [[ "$n" == "$shared" ]] || die "the cohort page shows $n shared packs, not $shared"
  n="$(count 'data-label="Answers">32 of 32<')"
  [[ "$n" == "$PARTICIPANTS" ]] || die "the cohort page shows $n participants with all 32 answers, not $PARTICIPANTS"
  COHORT_PAGE_BYTES="$(wc -c <"$WORK/answer")"
  expect "GET /learning-log/{id} signed out" 303 "$base/learning-log/$id"
  expect "GET /api/v1/learning-log/programmes/{id} as the facilitator" 200 \
    -H "Authorization: Bearer $fac_token" "$base/api/v1/learning-log/programmes/$id"
  n="$(count '"user_id":')"
  [[ "$n" == "$PARTICIPANTS" ]] || die "the API's cohort lists $n participants, not $PARTICIPANTS"
  n="$(count '"shared":true')"
  [[ "$n" == "$shared" ]] || die "the API's cohort shows $n shared packs, not $shared"
  expect "GET /api/v1/learning-log/programmes/{id} without a token" 401 "$base/api/v1/learning-log/programmes/$id"
  expect "GET /api/v1/learning-log/programmes/{id} as a participant" 403 \
    -H "Authorization: Bearer $p_token" "$base/api/v1/learning-log/programmes/$id"
  expect "GET /learning-log/{id}/log as a participant" 200 -b "ck_session=$p_session" "$base/learning-log/$id/log"
  n="$(count '<article class="entry ll-session">')"
  [[ "$n" == "$SESSIONS" ]] || die "the participant's log shows $n sessions, not $SESSIONS"
  grep -q '32 of 32 answers written' "$WORK/answer" || die "the participant's log does not show 32 of 32 answers"
}

run_wrk() { # $1 target, $2 seconds, $3 raw output name; prints the RESULT line
  local raw="$RAW/$3.txt"
  BENCH_TARGET="$1" BENCH_LEARNING_LOG_FILE="$LFILE" BENCH_THREADS="$THREADS" \
    wrk -t"$THREADS" -c"$CONNS" -d"$2s" --timeout 30s --latency -s "$HERE/learning_log.lua" \
    "http://127.0.0.1:$PORT/" >"$raw" 2>&1 || die "wrk failed: $(tail -5 "$raw")"
  grep '^RESULT ' "$raw" | tail -1 || die "no RESULT line in $raw"
}

label() {
  case "$1" in
    healthz) echo "GET /healthz (the framework's ceiling)" ;;
    cohort_page) echo "GET /learning-log/{id} (the cohort view, as the facilitator; $PARTICIPANTS participants)" ;;
    cohort_api) echo "GET /api/v1/learning-log/programmes/{id} (the cohort, JSON, as the facilitator)" ;;
    log) echo "GET /learning-log/{id}/log (a participant's own log; $PARTICIPANTS participants in turn)" ;;
  esac
}

errors_of() { # $1 RESULT line
  echo $(($(field non2xx "$1") + $(field connect_err "$1") + $(field read_err "$1") + $(field write_err "$1") + \
    $(field timeouts "$1")))
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; } # of one number a line
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s to %s", lo, hi }'; }

count_5xx() { # adds the running server's 5xx answers (its /metrics) to FIVE; keeps the counters in raw
  curl -fs --max-time 5 "http://127.0.0.1:$PORT/metrics" | grep '^http_requests_total' >"$RAW/metrics-$STARTS.txt" || true
  FIVE=$((FIVE + $(awk '/status="5/ { n += $NF } END { print n + 0 }' "$RAW/metrics-$STARTS.txt")))
}

bench_backend() { # $1 sqlite|postgres; writes $OUT/learning-log-$1.md
  local backend="$1" url seeded lseeded route rep result errors k i order timing
  RAW="$OUT/raw/learning-log/$backend"
  mkdir -p "$RAW"
  fresh_database "$backend"
  url="$DB_URL"
  SAMPLE="$WORK/sample-$backend.tsv" LFILE="$WORK/learning-log-$backend.tsv"
  log "$backend: seeding $USERS people and $RECORDS records"
  seeded="$("$CKB" seed --database-url "$url" --users "$USERS" --records "$RECORDS" --out "$SAMPLE")"
  log "$seeded"
  log "$backend: seeding a cohort of $PARTICIPANTS through the app"
  lseeded="$("$CKB" seed-learning-log --database-url "$url" --sample "$SAMPLE" --out "$LFILE" \
    --participants "$PARTICIPANTS" --sessions "$SESSIONS")"
  log "$lseeded"

  declare -gA lines=() errs=() bytes=()
  LOADS=() FIVE=0
  local load_before
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  start_server "$url"
  smoke_test

  for route in $ROUTES; do
    run_wrk "$route" "$WARMUP" "$route-warmup" >/dev/null
    lines[$route]="" errs[$route]=0
  done
  # Rounds: every route once per round, the first route moving on by one each round, so that no
  # route always runs first (or right after the heaviest one) while the machine's load drifts.
  set -- $ROUTES
  for rep in $(seq 1 "$REPS"); do
    order=""
    for i in $(seq 0 $(($# - 1))); do
      k=$(((rep - 1 + i) % $# + 1))
      order="$order ${!k}"
    done
    log "$backend: round $rep of $REPS,${order}, ${SECS}s each"
    LOADS+=("$(load1)")
    for route in $order; do
      result="$(run_wrk "$route" "$SECS" "$route-$rep")"
      lines[$route]="${lines[$route]}$result"$'\n'
      errs[$route]=$((${errs[$route]} + $(errors_of "$result")))
      bytes[$route]="$(field bytes "$result")"
    done
  done
  LOADS+=("$(load1)")
  count_5xx
  stop_server TERM
  local load_after
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

  log "$backend: timing the cohort view's steps in process (server stopped)"
  timing="$("$CKB" time-learning-log --database-url "$url" --learning-log "$LFILE" | tee "$RAW/time-learning-log.txt")" ||
    die "time-learning-log failed: $timing"
  cp "$WORK"/server-*.log "$RAW/" 2>/dev/null || true
  rm -f "$WORK"/server-*.log
  if [[ "$backend" == postgres ]]; then drop_pg; else rm -rf "$WORK/sqlite"; fi

  local md="$OUT/learning-log-$backend.md" name
  name="$([[ "$backend" == sqlite ]] && echo SQLite || echo PostgreSQL)"
  of() { grep '^RESULT' <<<"${lines[$1]}" | while read -r line; do field "$2" "$line"; done; } # $1 route, $2 key
  {
    echo "## $name: $(commas "$USERS") people, a cohort of $PARTICIPANTS ($SESSIONS sessions held each, 32 answers, half sharing their pack)"
    echo
    echo "wrk -t$THREADS -c$CONNS -d${SECS}s --timeout 30s --latency (keep-alive), on 127.0.0.1, server and wrk on the same $(nproc)-CPU machine;"
    echo "$REPS rounds, each running every route once, side by side (the order rotates); medians over the rounds, with the spread (lowest to highest)."
    echo "Load average before: $load_before; after: $load_after; 1-minute load at the start of each round and at the end: $(IFS=/; echo "${LOADS[*]}")."
    echo "Seeding: ${seeded%%;*}; ${lseeded#learning log: }."
    echo "The cohort page is $(commas "$COHORT_PAGE_BYTES") bytes (each participant's row carries a booking form)."
    echo
    echo "| Route | Requests/s | p50 (ms) | p50 spread | p99 (ms) | p99 spread | Bytes/response | Errors |"
    echo "|---|--:|--:|--:|--:|--:|--:|--:|"
    for route in $ROUTES; do
      printf '| %s | %.0f | %.2f | %s | %.2f | %s | %s | %s |\n' "$(label "$route")" \
        "$(of "$route" rps | median)" "$(of "$route" p50_ms | median)" "$(of "$route" p50_ms | spread)" \
        "$(of "$route" p99_ms | median)" "$(of "$route" p99_ms | spread)" "${bytes[$route]}" "${errs[$route]}"
    done
    echo
    for route in $ROUTES; do
      echo "- every round, $(label "$route"): p50 $(of "$route" p50_ms | paste -sd/ -) ms; p99 $(of "$route" p99_ms | paste -sd/ -) ms"
    done
    echo "- 5xx answers over every run (the server's own http_requests_total): $FIVE"
    echo
    echo "Where the time goes, in process with the server stopped (\`coachkit-bench time-learning-log\`):"
    echo
    echo "$timing"
    echo
  } >"$md"
  log "$backend: done, see $md"
}

mkdir -p "$OUT"
log "results go to $OUT (BENCH_SECONDS=$SECS per run, $REPS rounds)"
for backend in $BACKENDS; do bench_backend "$backend"; done

{
  echo "# coachkit learning log benchmark (practice 3)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')."
  echo "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | awk 'NR == 1')), $(uname -sr), $(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }')."
  echo "Command: \`BENCH_SECONDS=$SECS BENCH_REPS=$REPS BENCH_BACKENDS=\"$BACKENDS\" bench/learning_log.sh\`"
  echo
  for backend in $BACKENDS; do cat "$OUT/learning-log-$backend.md"; done
} >"$OUT/learning-log.md"
log "all done: $OUT/learning-log.md"
cat "$OUT/learning-log.md"
