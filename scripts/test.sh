#!/usr/bin/env bash
# The test command. Installs what the browser tests drive (Debian's chromium and chromium-driver)
# when missing, then runs the whole suite: `cargo test` with any arguments given, which builds and
# runs every target (unit tests, tests/api, tests/browser).
#   TEST_POSTGRES_URL=$(scripts/postgres.sh) scripts/test.sh    # the same suite on PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "== installing chromium and chromium-driver (for the browser tests)" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
exec cargo test "$@"
