#!/usr/bin/env bash
# Two builds' reads, one after the other on one seeded SQLite file, alternately (see bench/README.md):
#
#   bench/side_by_side.sh BEFORE_BIN_DIR AFTER_BIN_DIR
#   BENCH_ROUNDS=3 BENCH_SECONDS=4 BENCH_PERF=1 bench/side_by_side.sh old/release new/release
#
# Each directory holds a `coachkit` and a `coachkit-bench` (a `target/release` of some commit). The
# first build's coachkit-bench seeds one database (10,000 people, 100,000 records); every server
# starts on a fresh copy of it. For each round and build: start the server, drive each read with
# wrk (-t2 -c16, keep-alive, after a 1 s warm-up), stop it. Alternating the builds spreads the
# shared machine's noise over both. BENCH_PERF=1 also records the server with `perf record -g`
# during each route (files in bench/out/side_by_side/). Prints one line per round, build and route.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BEFORE="${1:?give the directory of the first build}"
AFTER="${2:?give the directory of the second build}"
ROUNDS="${BENCH_ROUNDS:-2}"
SECS="${BENCH_SECONDS:-4}"
ROUTES="${BENCH_ROUTES:-healthz me relationships dashboard}"
OUT="$HERE/out/side_by_side"
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/coachkit-side.XXXXXX")"
PG_CREATED=""

log() { printf '[side by side %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh" # start_server, stop_server, cleanup
trap cleanup EXIT

for dir in "$BEFORE" "$AFTER"; do
  [[ -x "$dir/coachkit" && -x "$dir/coachkit-bench" ]] || die "no coachkit and coachkit-bench in $dir"
done
mkdir -p "$WORK/before" "$WORK/after"
cp "$BEFORE/coachkit" "$BEFORE/coachkit-bench" "$WORK/before/"
cp "$AFTER/coachkit" "$AFTER/coachkit-bench" "$WORK/after/"

"$WORK/before/coachkit-bench" seed --database-url "sqlite://$WORK/base.sqlite?mode=rwc" \
  --users 10000 --records 100000 --out "$WORK/sample.tsv" >&2

one_route() { # $1 build, $2 round, $3 route, $4 port
  local raw="$OUT/$1-$2-$3.txt" perf_pid=""
  BENCH_TARGET="$3" BENCH_USERS_FILE="$WORK/sample.tsv" BENCH_THREADS=2 \
    wrk -t2 -c16 -d1s -s "$HERE/load.lua" "http://127.0.0.1:$4/" >/dev/null 2>&1
  if [[ "${BENCH_PERF:-0}" == 1 ]]; then
    perf record -F 499 -g -p "$SERVER_PID" -o "$OUT/$1-$2-$3.perf" -- sleep "$SECS" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  BENCH_TARGET="$3" BENCH_USERS_FILE="$WORK/sample.tsv" BENCH_THREADS=2 \
    wrk -t2 -c16 -d"${SECS}s" --latency -s "$HERE/load.lua" "http://127.0.0.1:$4/" >"$raw" 2>&1
  local result cpu=""
  result="$(grep '^RESULT ' "$raw" | tail -1)"
  if [[ -n "$perf_pid" ]]; then
    wait "$perf_pid" || true
    # The server's CPU time per request: samples at 499 Hz over the requests wrk counted, a figure
    # the machine's other load moves far less than requests per second.
    cpu="$(perf script -i "$OUT/$1-$2-$3.perf" -F period 2>/dev/null | awk -v n="$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$result")" \
      'END { printf " server_cpu_us_per_request=%.1f", NR / 499 * 1e6 / (n > 0 ? n : 1) }')"
  fi
  printf '%s round %s %-13s %s%s\n' "$1" "$2" "$3" "$(cut -d' ' -f3-5 <<<"$result")" "$cpu"
}

for round in $(seq 1 "$ROUNDS"); do
  for build in before after; do
    rm -f "$WORK"/db.sqlite*
    cp "$WORK/base.sqlite" "$WORK/db.sqlite"
    [[ -f "$WORK/base.sqlite-wal" ]] && cp "$WORK/base.sqlite-wal" "$WORK/db.sqlite-wal"
    CK="$WORK/$build/coachkit"
    start_server "sqlite://$WORK/db.sqlite"
    sleep 1
    for route in $ROUTES; do one_route "$build" "$round" "$route" "$PORT"; done
    stop_server TERM
  done
done
