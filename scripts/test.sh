#!/usr/bin/env bash
# The test command. Installs what the browser tests drive (Debian's chromium and chromium-driver)
# when missing, ffmpeg (the recording tests' ffprobe) when missing, and axe-core (the accessibility
# audit the browser tests inject into each page, from the npm registry into target/test-tools, git-ignored) when missing, then runs the whole suite:
# `cargo test` with any arguments given, which builds and runs every target (unit tests,
# tests/api, tests/browser).
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
# The recording tests read what the sandbox stored with ffprobe (Debian's ffmpeg).
if ! command -v ffprobe >/dev/null; then
  echo "== installing ffmpeg (ffprobe, for the recording tests)" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg
fi
# Pinned, so an audit that passes today passes tomorrow; tests/browser/axe.rs names the same path.
AXE_VERSION=4.14.1
AXE_DIR=target/test-tools
if ! grep -qs "\"version\": \"$AXE_VERSION\"" "$AXE_DIR/node_modules/axe-core/package.json"; then
  if ! command -v npm >/dev/null; then
    echo "== installing npm (to fetch axe-core)" >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm
  fi
  echo "== installing axe-core $AXE_VERSION (for the browser tests' accessibility audit)" >&2
  mkdir -p "$AXE_DIR"
  npm install --prefix "$AXE_DIR" --no-save --no-package-lock --no-audit --no-fund --silent \
    "axe-core@$AXE_VERSION"
fi
exec cargo test "$@"
