#!/usr/bin/env bash
# Practice 4's benchmark (co-coaching), on SQLite and on PostgreSQL (see bench/README.md,
# "Co-coaching benchmark"):
#
#   bench/co_coaching.sh
#   BENCH_SECONDS=5 BENCH_BACKENDS=sqlite bench/co_coaching.sh
#
# For each backend: load the demo into a fresh database through the app (its two engagements
# between Harbourside and Northgate), start `coachkit serve` on loopback with a 1 MiB body limit
# (a thousand cards with their three fields are about 190 KB, near the default 256 KB), time
# teaming up 1,000 cards from 40 organisations through POST /api/v1/co-coaching/suggest one
# request at a time, then drive the finished engagement's page with wrk as a participant and as
# the facilitator. Then, in process and with the same cards, times the request's layers apart
# (`coachkit-bench time-teaming-layers`: JSON in, the insight crate's suggest_teams alone, the
# app's use case, JSON out), so the whole request can be set against the crate call.
# Writes bench/out/co-coaching.md; raw output in bench/out/raw/co-coaching.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
RAW="$OUT/raw/co-coaching"
SECS="${BENCH_SECONDS:-10}"
CARDS="${BENCH_CARDS:-1000}"
ORGS="${BENCH_ORGS:-40}"
REPS="${BENCH_REPS:-11}"
BACKENDS="${BENCH_BACKENDS:-sqlite postgres}"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
PG_DB="${BENCH_PG_DB:-coachkit_bench_co_coaching}"
THREADS=2
CONNS=16

log() { printf '[co-coaching %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in cargo curl wrk; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y wrk curl)"
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/coachkit-co-coaching.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh" # build_binaries, release_binaries, start_server, stop_server, drop_pg, cleanup, load1, expect, field, commas
PG_CREATED=""

trap cleanup EXIT
trap 'exit 130' INT TERM

release_binaries

mkdir -p "$RAW"
export COACHKIT_MAX_BODY_BYTES=1048576
REPORT="$OUT/co-coaching.md"
{
  echo "# Co-coaching benchmark"
  echo
  echo "$(date -u +'%Y-%m-%d %H:%M UTC'), commit $(cd "$ROOT" && git rev-parse --short HEAD), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) at the start."
  echo
  echo "| backend | what | result |"
  echo "|---|---|---|"
} >"$REPORT"

wrk_page() { # $1 label, $2 cookie, $3 path
  local raw="$RAW/$BACKEND-$1.txt" rps p50 p99
  wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --timeout 30s --latency -H "Cookie: ck_session=$2" \
    "http://127.0.0.1:$PORT$3" >"$raw" 2>&1 || die "wrk failed: $(tail -5 "$raw")"
  ! grep -q "Non-2xx" "$raw" || die "$1: wrk saw non-2xx answers: $(grep Non-2xx "$raw")"
  rps="$(awk '/^Requests\/sec/ { print $2 }' "$raw")"
  p50="$(awk '$1 == "50%" { print $2 }' "$raw")"
  p99="$(awk '$1 == "99%" { print $2 }' "$raw")"
  echo "| $BACKEND | engagement page as $1, wrk -t$THREADS -c$CONNS ${SECS}s | $rps req/s, p50 $p50, p99 $p99 |" >>"$REPORT"
  log "$BACKEND: $1: $rps req/s, p50 $p50, p99 $p99"
}

for BACKEND in $BACKENDS; do
  case "$BACKEND" in
    sqlite) url="sqlite://$WORK/co-coaching.db?mode=rwc" ;;
    postgres)
      drop_pg
      psql -q "$PG_URL/postgres" -c "CREATE DATABASE $PG_DB" >/dev/null
      PG_CREATED=1
      url="$PG_URL/$PG_DB"
      ;;
    *) die "unknown backend $BACKEND" ;;
  esac
  log "$BACKEND: loading the demo"
  seeded="$("$CKB" seed-co-coaching --database-url "$url" | tee "$RAW/$BACKEND-seed.txt" | grep '^RESULT ')" || die "seeding failed"
  engagement="$(field engagement "$seeded")"
  participant="$(field participant "$seeded")"
  facilitator="$(field facilitator "$seeded")"
  start_server "$url"
  for who in "$participant" "$facilitator"; do
    got="$(curl -s -o "$WORK/page" -w '%{http_code}' -b "ck_session=$who" "http://127.0.0.1:$PORT/co-coaching/$engagement")"
    [[ "$got" == 200 ]] || die "the engagement page answered $got"
    grep -q "Keeping good people in front-line jobs" "$WORK/page" || die "the engagement page is not the demo's"
  done
  log "$BACKEND: teaming $CARDS cards from $ORGS organisations, $REPS requests"
  timed="$("$CKB" time-teaming --url "http://127.0.0.1:$PORT" --session "$participant" --cards "$CARDS" --orgs "$ORGS" --reps "$REPS" |
    tee "$RAW/$BACKEND-teaming.txt" | grep '^RESULT ')" || die "time-teaming failed"
  echo "| $BACKEND | POST /api/v1/co-coaching/suggest, $CARDS cards from $ORGS organisations ($(field body_bytes "$timed") bytes), $REPS requests one at a time | median $(field median_ms "$timed") ms, p90 $(field p90_ms "$timed") ms, max $(field max_ms "$timed") ms; $(field teams "$timed") teams, $(field left_out "$timed") cards left out |" >>"$REPORT"
  log "$BACKEND: $timed"
  wrk_page participant "$participant" "/co-coaching/$engagement"
  wrk_page facilitator "$facilitator" "/co-coaching/$engagement"
  stop_server TERM
  if [[ "$BACKEND" == postgres ]]; then drop_pg; fi
done
log "the layers of one teaming request, in process ($CARDS cards, $ORGS organisations, $REPS runs each)"
layers="$("$CKB" time-teaming-layers --cards "$CARDS" --orgs "$ORGS" --reps "$REPS" |
  tee "$RAW/layers.txt" | grep '^RESULT ')" || die "time-teaming-layers failed"
echo "| in process | the same $CARDS cards, each layer $REPS times (load $(cut -d' ' -f1 /proc/loadavg)) | JSON in: median $(field parse_median_ms "$layers") ms; insight crate's suggest_teams alone: median $(field crate_median_ms "$layers") ms, p90 $(field crate_p90_ms "$layers") ms; the app's use case (checks, engine, answer): median $(field app_median_ms "$layers") ms, p90 $(field app_p90_ms "$layers") ms; JSON out: median $(field write_median_ms "$layers") ms ($(field answer_bytes "$layers") bytes) |" >>"$REPORT"
log "layers: $layers"
log "wrote $REPORT"
cat "$REPORT"
