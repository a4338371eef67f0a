#!/usr/bin/env bash
# The journal's load benchmark (practice 1), on SQLite and on PostgreSQL (see bench/README.md):
#
#   bench/journal.sh
#   BENCH_JOURNAL_SIZES="10000 200000" BENCH_SECONDS=5 BENCH_BACKENDS=sqlite bench/journal.sh
#
# For each backend: seed a fresh database per size (10,000 people, the foundation's 100,000
# records, then the journal) and start `coachkit serve` on loopback for each, all at once. Each
# journal route is then driven with wrk (keep-alive) at every size in turn, BENCH_REPS rounds
# (default 3), so that the sizes meet the same noise; the round with the median p50 is reported.
# Then, per size: time creating actions one at a time in a relationship with none and in one with
# 9,999, create actions over 16 connections into one relationship, kill the server with SIGKILL
# and check that every acknowledged action is stored; restart, list that relationship's actions
# (side by side again), and record the hot queries' plans. The sizes are reported side by side,
# with the ratio of their p50s.
# Writes bench/out/journal-<backend>.md and bench/out/journal.md; raw output in bench/out/raw/journal.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
SECS="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-2}"
USERS="${BENCH_USERS:-10000}"
RECORDS="${BENCH_RECORDS:-100000}"
SIZES="${BENCH_JOURNAL_SIZES:-10000 1000000}"
SEQ="${BENCH_SEQ_ACTIONS:-500}"
BACKENDS="${BENCH_BACKENDS:-sqlite postgres}"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
PG_DB="${BENCH_PG_DB:-coachkit_bench_journal}"
REPS="${BENCH_REPS:-3}"
THREADS=2
CONNS=16
READS="list page theme search_common search_rare rel_actions"

log() { printf '[journal %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in cargo curl wrk; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y wrk curl)"
done
read -r -a SIZE_LIST <<<"$SIZES"
((${#SIZE_LIST[@]} >= 1 && ${#SIZE_LIST[@]} <= 4)) || die "BENCH_JOURNAL_SIZES needs 1 to 4 sizes"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/coachkit-journal-bench.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh" # build_binaries, start_server, stop_server, field, commas
PG_CREATED=""

drop_pg() { # every database this run created (one per size)
  local db
  for db in $PG_CREATED; do psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; done
  PG_CREATED=""
}

declare -A pid_of=()
cleanup() {
  local pid
  stop_server KILL
  for pid in "${pid_of[@]}"; do [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null; done
  if [[ -n "$PG_CREATED" ]]; then drop_pg || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_binaries

probe() { sed -n "s/^#probe .* $1=\([^ ]*\).*/\1/p" "$JSAMPLE"; } # $1 key of the #probe line
per_size() { # $1 format with %s for the size's value, $2.. values; joined with " | "
  local fmt="$1" out="" v
  shift
  for v in "$@"; do out="${out:+$out | }$(printf "$fmt" "$v")"; done
  printf '%s' "$out"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; } # user + system, in 10 ms ticks

settle() { # wait until the server has been idle for half a second (at most 60 s), so that work left
  # over from one run (a slow query whose client wrk already dropped) does not slow the next one
  local prev now
  prev="$(cpu_ticks)"
  for _ in $(seq 1 120); do
    sleep 0.5
    now="$(cpu_ticks)"
    ((now - prev > 2)) || return 0
    prev="$now"
  done
  log "warning: the server was still busy after 60 s"
}

expect() { # $1 what, $2 expected code, $3.. curl arguments; the answer's body goes to $WORK/answer
  local code
  code="$(curl -s -o "$WORK/answer" -w '%{http_code}' --max-time 30 "${@:3}")"
  [[ "$code" == "$2" ]] || die "$1 answered $code, not $2: $(head -c 300 "$WORK/answer")"
}

smoke_test() { # every measured route must answer 200 with content for the first cohort person
  local line token session theme rel base="http://127.0.0.1:$PORT"
  line="$(awk '!/^#/ { print; exit }' "$JSAMPLE")"
  token="$(cut -f3 <<<"$line")" session="$(cut -f4 <<<"$line")" theme="$(cut -f5 <<<"$line")" rel="$(cut -f6 <<<"$line")"
  local auth=(-H "Authorization: Bearer $token")
  expect "GET /api/v1/journal/reflections" 200 "${auth[@]}" "$base/api/v1/journal/reflections"
  grep -q '"body"' "$WORK/answer" || die "the cohort person's journal is empty"
  expect "GET /journal" 200 -b "ck_session=$session" "$base/journal"
  expect "GET /api/v1/journal/themes/$theme" 200 "${auth[@]}" "$base/api/v1/journal/themes/$theme"
  grep -q '"body"' "$WORK/answer" || die "the theme page holds no reflection"
  expect "GET /api/v1/journal/search?q=$(probe common)" 200 "${auth[@]}" "$base/api/v1/journal/search?q=$(probe common)"
  grep -q '"snippet"' "$WORK/answer" || die "searching the common word found nothing"
  expect "GET /api/v1/journal/search?q=$(probe rare)" 200 "${auth[@]}" "$base/api/v1/journal/search?q=$(probe rare)"
  grep -q '"snippet"' "$WORK/answer" || die "searching the rare word found nothing"
  expect "GET /api/v1/relationships/{id}/actions" 200 "${auth[@]}" "$base/api/v1/relationships/$rel/actions"
  expect "GET the big relationship's actions" 200 -H "Authorization: Bearer $(probe token)" \
    "$base/api/v1/relationships/$(probe big)/actions"
  grep -q '"text"' "$WORK/answer" || die "the big probe relationship lists no action"
}

run_wrk() { # $1 target, $2 seconds, $3 raw output name, [$4 create tag]; prints the RESULT line
  local raw="$RAW/$3.txt"
  BENCH_TARGET="$1" BENCH_JOURNAL_FILE="$JSAMPLE" BENCH_THREADS="$THREADS" BENCH_TAG="${4:-xx}" \
    BENCH_ACKS_OUT="$WORK/acks-${4:-none}.txt" \
    wrk -t"$THREADS" -c"$CONNS" -d"$2s" --timeout 30s --latency -s "$HERE/journal.lua" \
    "http://127.0.0.1:$PORT/" >"$raw" 2>&1 || die "wrk failed: $(tail -5 "$raw")"
  grep '^RESULT ' "$raw" | tail -1 || die "no RESULT line in $raw"
}

label() {
  case "$1" in
    list) echo "GET /api/v1/journal/reflections (a page of 50)" ;;
    page) echo "GET /journal (page: 30 reflections, relationships, open actions)" ;;
    theme) echo "GET /api/v1/journal/themes/{key} (every reflection on the theme)" ;;
    search_common) echo "GET /api/v1/journal/search?q=$COMMON_WORD (a common word)" ;;
    search_rare) echo "GET /api/v1/journal/search?q=$RARE_WORD (a rare word)" ;;
    rel_actions) echo "GET /api/v1/relationships/{id}/actions (a cohort relationship)" ;;
    create) echo "POST /api/v1/journal/actions (16 connections, one relationship)" ;;
    big_actions) echo "GET /api/v1/relationships/{id}/actions (the relationship holding 10,000+ actions)" ;;
  esac
}

seed_size() { # $1 backend, $2 reflections: a fresh database of that size, seeded; fills the seed maps
  local backend="$1" n="$2" url seeded jline
  mkdir -p "$OUT/raw/journal/$backend-$n"
  case "$backend" in
    sqlite)
      rm -rf "$WORK/sqlite-$n"
      url="sqlite://$WORK/sqlite-$n/coachkit.db"
      ;;
    postgres)
      command -v psql >/dev/null || die "psql is not installed"
      PG_CREATED="$PG_CREATED ${PG_DB}_$n"
      psql -q "$PG_URL/postgres" -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS ${PG_DB}_$n WITH (FORCE)" \
        -c "CREATE DATABASE ${PG_DB}_$n" >/dev/null
      url="$PG_URL/${PG_DB}_$n"
      ;;
    *) die "unknown backend $backend (sqlite or postgres)" ;;
  esac
  url_of["$n"]="$url"
  jsample_of["$n"]="$WORK/journal-$backend-$n.tsv"
  log "$backend: seeding $USERS people, $RECORDS records and $n reflections"
  seeded="$("$CKB" seed --database-url "$url" --users "$USERS" --records "$RECORDS" --reflections "$n" \
    --out "$WORK/sample-$backend-$n.tsv" --journal-out "${jsample_of[$n]}")"
  log "$seeded"
  jline="$(grep '^journal: ' <<<"$seeded")"
  seed_total["$n"]="$(sed -n 's/^seeded .* in \([0-9.]*\) s;.*/\1/p' <<<"$seeded" | awk 'NR == 1')"
  seed_journal["$n"]="$(sed -n 's/.* in \([0-9.]*\) s; cohort.*/\1/p' <<<"$jline")"
  seed_what["$n"]="$(sed -n 's/^journal: \(.*\) in [0-9.]* s; cohort .*/\1/p' <<<"$jline")"
  if [[ "$backend" == sqlite ]]; then
    db_size["$n"]="$(du -cm "$WORK/sqlite-$n/"* | awk 'END { print $1 }') MB"
  else
    db_size["$n"]="$(psql -Atq "$url" -c "SELECT pg_database_size(current_database()) / 1048576") MB"
  fi
}

record() { # $1 key, $2 RESULT line
  rps[$1]="$(field rps "$2")"
  p50[$1]="$(field p50_ms "$2")"
  p99[$1]="$(field p99_ms "$2")"
  bytes[$1]="$(field bytes "$2")"
  errs[$1]=$(($(field non2xx "$2") + $(field connect_err "$2") + $(field read_err "$2") + \
    $(field write_err "$2") + $(field timeouts "$2")))
}

use_size() { # $1 reflections: point the helpers (server, port, sample, raw output) at that size
  SERVER_PID="${pid_of[$1]:-}" PORT="${port_of[$1]:-}" JSAMPLE="${jsample_of[$1]}"
  RAW="$OUT/raw/journal/$BACKEND-$1"
  COMMON_WORD="$(probe common)" RARE_WORD="$(probe rare)"
}

start_size() { # $1 reflections: start its server
  use_size "$1"
  start_server "${url_of[$1]}"
  pid_of["$1"]="$SERVER_PID" port_of["$1"]="$PORT"
}

stop_size() { # $1 reflections, $2 TERM|KILL
  use_size "$1"
  stop_server "$2"
  pid_of["$1"]=""
}

# One route at every size, side by side: a warm-up at each size, then REPS rounds that each run
# the route once at every size in turn, so that both sizes meet the same noise of a shared
# machine. The round with the median p50 is recorded; errors are counted over every round.
measure_route() { # $1 route
  local route="$1" n rep result lines key errors
  for n in "${SIZE_LIST[@]}"; do
    use_size "$n"
    settle
    run_wrk "$route" "$WARMUP" "$route-warmup" >/dev/null
  done
  declare -A rounds=()
  for rep in $(seq 1 "$REPS"); do
    for n in "${SIZE_LIST[@]}"; do
      use_size "$n"
      settle
      log "$BACKEND $n: wrk $(label "$route"), ${SECS}s, round $rep of $REPS"
      result="$(run_wrk "$route" "$SECS" "$route-$rep")"
      rounds["$n"]="${rounds[$n]:-}$result"$'\n'
      if (($(field requests "$result") < 50)); then
        low_counts+=("$(label "$route") at $(commas "$n") reflections, round $rep: only $(field requests "$result") requests in ${SECS} s")
      fi
    done
  done
  for n in "${SIZE_LIST[@]}"; do
    key="$route $n"
    lines="$(grep '^RESULT' <<<"${rounds[$n]}")"
    errors=0
    while read -r result; do
      errors=$((errors + $(field non2xx "$result") + $(field connect_err "$result") + $(field read_err "$result") + \
        $(field write_err "$result") + $(field timeouts "$result")))
    done <<<"$lines"
    # The round with the median p50 (REPS is odd: the middle one).
    result="$(while read -r line; do printf '%s %s\n' "$(field p50_ms "$line")" "$line"; done <<<"$lines" |
      sort -g | awk -v m=$(((REPS + 1) / 2)) 'NR == m { $1 = ""; sub(/^ /, ""); print }')"
    record "$key" "$result"
    errs[$key]="$errors"
    all_p50[$key]="$(while read -r line; do field p50_ms "$line"; done <<<"$lines" | paste -sd/ -)"
  done
}

write_checks() { # $1 reflections: one action at a time, then 16 connections, kill -9, and the check
  local n="$1" before tag="j$1" check result
  use_size "$n"
  log "$BACKEND $n: $SEQ + $SEQ sequential creates, alternating between the small and the big relationship"
  seq_result["$n"]="$("$CKB" time-actions --url "http://127.0.0.1:$PORT" --token "$(probe token)" \
    --small "$(probe small)" --big "$(probe big)" --big-before "$(probe big_actions)" --count "$SEQ" | tee "$RAW/time-actions.txt")"
  before="$("$CKB" count-actions --database-url "${url_of[$n]}" --relationship "$(probe big)")"
  settle
  log "$BACKEND $n: wrk $(label create), ${SECS}s (the relationship holds $before actions)"
  result="$(run_wrk create "$SECS" create "$tag")"
  record "create $n" "$result"
  peak_kb="$(awk -v a="$peak_kb" -v b="$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$SERVER_PID/status")" 'BEGIN { print (b > a ? b : a) }')"
  stop_size "$n" KILL
  check="$("$CKB" check-actions --database-url "${url_of[$n]}" --relationship "$(probe big)" --acks "$WORK/acks-$tag.txt" \
    --before "$before")" || write_ok=""
  [[ -n "$check" ]] || check="action check: could not run"
  checks["$n"]="${check#action check \[*\]: }"
  log "$check"
}

bench_backend() { # $1 sqlite|postgres; writes $OUT/journal-$1.md
  local backend="$1" n route key first last
  BACKEND="$backend"
  declare -gA rps=() p50=() p99=() bytes=() errs=() seed_total=() seed_journal=() seed_what=() db_size=() \
    seq_result=() checks=() big_count=() plans_summary=() url_of=() jsample_of=() pid_of=() port_of=() all_p50=()
  peak_kb=0 write_ok=1 low_counts=()
  for n in "${SIZE_LIST[@]}"; do seed_size "$backend" "$n"; done
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  for n in "${SIZE_LIST[@]}"; do start_size "$n"; smoke_test; done
  for route in $READS; do measure_route "$route"; done
  for n in "${SIZE_LIST[@]}"; do write_checks "$n"; done
  # Listing the relationship that now holds 10,000+ actions, side by side again.
  for n in "${SIZE_LIST[@]}"; do start_size "$n"; done
  measure_route big_actions
  for n in "${SIZE_LIST[@]}"; do
    big_count["$n"]="$("$CKB" count-actions --database-url "${url_of[$n]}" --relationship "$(use_size "$n"; probe big)")"
    stop_size "$n" TERM
  done
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  for n in "${SIZE_LIST[@]}"; do
    use_size "$n"
    log "$backend $n: plans of the hot queries"
    "$CKB" explain --database-url "${url_of[$n]}" --journal-sample "$JSAMPLE" >"$RAW/plans.md" || die "explain failed"
    plans_summary["$n"]="$(sed -n '/^| Query/,$p' "$RAW/plans.md")"
  done
  if [[ "$backend" == postgres ]]; then drop_pg; else rm -rf "$WORK"/sqlite-*; fi
  first="${SIZE_LIST[0]}" last="${SIZE_LIST[${#SIZE_LIST[@]} - 1]}"

  local md="$OUT/journal-$backend.md" name
  name="$([[ "$backend" == sqlite ]] && echo SQLite || echo PostgreSQL)"
  {
    local sizes_text="" n_text
    for n in "${SIZE_LIST[@]}"; do n_text="$(commas "$n")"; sizes_text="${sizes_text:+$sizes_text and }$n_text"; done
    echo "## $name: $(commas "$USERS") people, $sizes_text reflections"
    echo
    echo "wrk -t$THREADS -c$CONNS -d${SECS}s --timeout 30s --latency (keep-alive), on 127.0.0.1, server and wrk on the same $(nproc)-CPU machine."
    echo "Both sizes' servers run at once, each idle while the other is measured; every read route runs $REPS rounds of"
    echo "${SECS} s at each size in turn, and the table shows the round with the median p50 (all p50s below)."
    echo "Load average before the reads: $load_before; after the last: $load_after."
    echo
    printf '| Route |'
    for n in "${SIZE_LIST[@]}"; do printf ' %s: req/s | p50 (ms) | p99 (ms) |' "$(commas "$n")"; done
    printf ' p50 %s / %s | Bytes/response | Errors |\n' "$(commas "$last")" "$(commas "$first")"
    printf '|---|'
    for _ in "${SIZE_LIST[@]}"; do printf -- '--:|--:|--:|'; done
    printf -- '--:|--:|--:|\n'
    for route in $READS create big_actions; do
      printf '| %s |' "$(label "$route")"
      local b="" e=0
      for n in "${SIZE_LIST[@]}"; do
        key="$route $n"
        printf ' %.0f | %.2f | %.2f |' "${rps[$key]}" "${p50[$key]}" "${p99[$key]}"
        b="${b:+$b / }${bytes[$key]}"
        e=$((e + errs[$key]))
      done
      printf ' %s | %s | %s |\n' \
        "$(awk -v a="${p50[$route $last]}" -v b="${p50[$route $first]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" "$b" "$e"
    done
    echo
    echo "p50 of every round (ms):"
    echo
    for route in $READS big_actions; do
      printf -- '- %s:' "$(label "$route")"
      for n in "${SIZE_LIST[@]}"; do printf ' %s at %s;' "${all_p50[$route $n]}" "$(commas "$n")"; done
      echo
    done
    if ((${#low_counts[@]} > 0)); then
      echo
      printf -- '- %s.\n' "${low_counts[@]}"
    fi
    echo
    echo "Creating one action at a time on one keep-alive connection ($SEQ in each relationship, alternating):"
    echo
    echo "| Reflections | Actions created | p50 (ms) | p90 (ms) | p99 (ms) | Actions created | p50 (ms) | p90 (ms) | p99 (ms) | p50 ratio |"
    echo "|--:|---|--:|--:|--:|---|--:|--:|--:|--:|"
    for n in "${SIZE_LIST[@]}"; do
      local r="${seq_result[$n]}" sf bf
      sf="$(field small_from "$r")" bf="$(field big_from "$r")"
      printf '| %s | the %s to %s | %s | %s | %s | the %s to %s | %s | %s | %s | %s |\n' "$(commas "$n")" \
        "$(commas "$sf")" "$(commas $((sf + SEQ - 1)))" "$(field small_p50_ms "$r")" "$(field small_p90_ms "$r")" \
        "$(field small_p99_ms "$r")" "$(commas "$bf")" "$(commas $((bf + SEQ - 1)))" "$(field big_p50_ms "$r")" \
        "$(field big_p90_ms "$r")" "$(field big_p99_ms "$r")" "$(field ratio_p50 "$r")"
    done
    echo
    local heads=() what=() times=() sizes=() checks_row=() counts=()
    for n in "${SIZE_LIST[@]}"; do
      heads+=("$(commas "$n") reflections")
      what+=("${seed_what[$n]}")
      times+=("${seed_journal[$n]} s / ${seed_total[$n]} s")
      sizes+=("${db_size[$n]}")
      checks_row+=("${checks[$n]}")
      counts+=("$(commas "${big_count[$n]}")")
    done
    echo "| Measure | $(per_size '%s' "${heads[@]}") |"
    echo "|---|$(for _ in "${SIZE_LIST[@]}"; do printf '%s' '---|'; done)"
    echo "| Seeded | $(per_size '%s' "${what[@]}") |"
    echo "| Seeding time (journal / all, with the foundation) | $(per_size '%s' "${times[@]}") |"
    echo "| Database size after seeding | $(per_size '%s' "${sizes[@]}") |"
    echo "| Action check after the create run and kill -9 | $(per_size '%s' "${checks_row[@]}") |"
    echo "| Actions in the big relationship when listed | $(per_size '%s' "${counts[@]}") |"
    echo "| Peak RSS of the server (VmHWM, highest of the runs) | $(awk -v kb="$peak_kb" 'BEGIN { printf "%.1f MB", kb / 1024 }')$(for _ in "${SIZE_LIST[@]:1}"; do printf ' | '; done) |"
    echo
    for n in "${SIZE_LIST[@]}"; do
      echo "Hot queries at $(commas "$n") reflections, on their own (plans in bench/out/raw/journal/$backend-$n/plans.md):"
      echo
      echo "${plans_summary[$n]}"
      echo
    done
    if [[ -n "$write_ok" ]]; then
      echo "Action check: every acknowledged action was stored, at every size."
    else
      echo "Action check FAILED: acknowledged actions are missing (or could not be verified)."
    fi
    echo
  } >"$md"
  log "$backend: done, see $md"
}

mkdir -p "$OUT"
log "results go to $OUT (sizes: $SIZES reflections; BENCH_SECONDS=$SECS per run)"
for backend in $BACKENDS; do bench_backend "$backend"; done

{
  echo "# coachkit journal benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')."
  echo "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | awk 'NR == 1')), $(uname -sr), $(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }')."
  echo "Command: \`BENCH_JOURNAL_SIZES=\"$SIZES\" BENCH_SECONDS=$SECS BENCH_BACKENDS=\"$BACKENDS\" bench/journal.sh\`"
  echo
  for backend in $BACKENDS; do cat "$OUT/journal-$backend.md"; done
} >"$OUT/journal.md"
log "all done: $OUT/journal.md"
cat "$OUT/journal.md"
