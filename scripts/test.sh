#!/usr/bin/env bash
# The whole test suite: unit tests, integration tests over HTTP, browser tests.
#
# Runs on SQLite always. Runs every integration test on PostgreSQL too when COACHKIT_TEST_PG_URL
# names a server (e.g. postgres://postgres@127.0.0.1:5432/postgres); each test creates and drops
# its own database there. Browser tests need Debian's chromium and chromium-driver; without them
# they print what was skipped (and fail instead when CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${COACHKIT_TEST_PG_URL:-}" ]]; then
  echo "notice: COACHKIT_TEST_PG_URL is not set, so the PostgreSQL runs are skipped." >&2
  echo "        To include them: COACHKIT_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/test.sh" >&2
fi
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  echo "notice: chromium or chromedriver is missing, so the browser tests are skipped." >&2
  echo "        To include them: sudo apt-get install chromium chromium-driver" >&2
fi

cargo test --workspace --all-targets "$@"
