# Helpers shared by bench/run.sh and bench/journal.sh (sourced, not run). The caller defines
# log and die, and sets ROOT (the workspace) and WORK (a scratch directory) before sourcing.
# No `| head` anywhere: with pipefail, a writer cut off by head's early exit (SIGPIPE) would stop
# the whole run at random; awk reads to the end.

SERVER_PID=""
STARTS=0

# Builds coachkit and coachkit-bench (release, in the workspace's target dir), then copies the
# binaries so that someone else rebuilding in the same target dir cannot swap them during the run.
# Sets CK and CKB.
build_binaries() {
  log "building coachkit and coachkit-bench (release)"
  (cd "$ROOT" && cargo build --release -p coachkit -p coachkit-bench)
  local target_dir
  target_dir="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)"
  mkdir -p "$WORK/bin"
  cp "$target_dir/release/coachkit" "$target_dir/release/coachkit-bench" "$WORK/bin/"
  CK="$WORK/bin/coachkit"
  CKB="$WORK/bin/coachkit-bench"
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; } # $1 key, $2 RESULT line
commas() { awk -v n="$1" 'BEGIN { s = n ""; o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }

start_server() { # $1 database URL; sets SERVER_PID, PORT, START_MS (wall clock), READY_MS (server's own)
  STARTS=$((STARTS + 1))
  local log_file="$WORK/server-$STARTS.log" t0 up=""
  t0=$(date +%s%N)
  # Port 0: the kernel picks a free port (the machine is shared); the log line names it.
  (cd "$WORK" && NO_COLOR=1 exec "$CK" serve --database-url "$1" --bind 127.0.0.1:0) 2>"$log_file" >&2 &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 1 "${START_POLLS:-4000}"); do # polls of >= 5 ms: 4000 gives up after 20-40 s
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited: $(tail -5 "$log_file")"
    [[ -n "$PORT" ]] || PORT="$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log_file" | awk 'NR == 1')"
    if [[ -n "$PORT" ]] && curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/healthz"; then
      up=1
      break
    fi
    sleep 0.005
  done
  [[ -n "$up" ]] || die "the server did not answer /healthz: $(tail -5 "$log_file")"
  START_MS=$((($(date +%s%N) - t0) / 1000000))
  READY_MS="$(sed 's/\x1b\[[0-9;]*m//g' "$log_file" | sed -n 's/.*ready_ms=\([0-9]*\).*/\1/p' | awk 'NR == 1')"
}

stop_server() { # $1: TERM to stop cleanly, KILL to simulate a crash
  [[ -n "$SERVER_PID" ]] || return 0
  { # stderr silenced: bash would report the killed job there
    kill "-$1" "$SERVER_PID" || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" || break; sleep 0.1; done # at most 10 s
    kill -KILL "$SERVER_PID" || true
    wait "$SERVER_PID" || true
  } 2>/dev/null
  SERVER_PID=""
}

# The pieces every practice's benchmark script shares. They read the script's own PG_URL, PG_DB,
# PG_CREATED, WORK and ROOT.

drop_pg() {
  psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
  PG_CREATED=""
}

cleanup() {
  stop_server KILL
  if [[ -n "$PG_CREATED" ]]; then drop_pg || true; fi
  rm -rf "$WORK"
}

release_binaries() { # BENCH_BUILD=0: the binaries an earlier `cargo build --release` left; else build; sets CK, CKB
  if [[ -n "${BENCH_BIN_DIR:-}" ]]; then # another commit's coachkit and coachkit-bench, to compare side by side
    mkdir -p "$WORK/bin"
    cp "$BENCH_BIN_DIR/coachkit" "$BENCH_BIN_DIR/coachkit-bench" "$WORK/bin/"
    CK="$WORK/bin/coachkit" CKB="$WORK/bin/coachkit-bench"
    log "using the binaries in $BENCH_BIN_DIR (BENCH_BIN_DIR)"
  elif [[ "${BENCH_BUILD:-1}" == 0 ]]; then # the binaries an earlier `cargo build --release` left
    target_dir="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)"
    mkdir -p "$WORK/bin"
    cp "$target_dir/release/coachkit" "$target_dir/release/coachkit-bench" "$WORK/bin/"
    CK="$WORK/bin/coachkit" CKB="$WORK/bin/coachkit-bench"
    log "using the release binaries in $target_dir (BENCH_BUILD=0)"
  else
    build_binaries
  fi
}

load1() { cut -d' ' -f1 /proc/loadavg; }

expect() { # $1 what, $2 status, then curl arguments; the answer's body is left in $WORK/answer
  local what="$1" want="$2" got
  shift 2
  got="$(curl -s -o "$WORK/answer" -w '%{http_code}' --max-time 30 "$@")"
  [[ "$got" == "$want" ]] || die "$what answered $got, not $want: $(awk 'NR <= 5' "$WORK/answer")"
}

fresh_database() { # $1 sqlite|postgres; sets DB_URL: the SQLite file under $WORK, or PG_DB created anew
  case "$1" in
    sqlite) DB_URL="sqlite://$WORK/sqlite/coachkit.db" ;;
    postgres)
      command -v psql >/dev/null || die "psql is not installed"
      PG_CREATED=1
      psql -q "$PG_URL/postgres" -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" \
        -c "CREATE DATABASE $PG_DB" >/dev/null
      DB_URL="$PG_URL/$PG_DB"
      ;;
    *) die "unknown backend $1 (sqlite or postgres)" ;;
  esac
}
