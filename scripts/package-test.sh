#!/usr/bin/env bash
# The .deb as an operator gets it: builds it with cargo-deb, checks the unit with systemd-analyze
# (verify, and a security exposure of at most 3.0), installs it with dpkg -i, runs the installed
# binary from the installed settings file (sandbox mode) through one upload, stops it with
# SIGTERM, upgrades it over edited settings, then removes (dpkg -r) and purges it and checks
# nothing is left. Run as root, after the suite: it packages the binary the suite tested, so
# nothing is built twice. Idempotent: a package left by an interrupted run is purged first.
#   scripts/package-test.sh                  build the package from the suite's binary and test it
#   scripts/package-test.sh PACKAGE.deb      test a package made elsewhere (e.g. `cargo deb`'s)
# Without systemd as PID 1 (CI containers) the script starts the portal the way the unit would
# and, under strace, checks that it makes no system call the unit's SystemCallFilter refuses and
# writes nowhere but its state directory. The operators' package is plain `cargo deb` (README
# "Run it as a service").
set -euo pipefail
deb="${1:+$(realpath "$1")}"
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "package-test: needs root (dpkg -i)" >&2; exit 1; }

PKG=upload-portal
ENV_FILE=/etc/upload-portal/upload-portal.env
STATE=/var/lib/upload-portal
WORK="$(mktemp -d /tmp/package-test.XXXXXX)"
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }
# dpkg and friends talk a lot; show what they said only when they fail.
quiet() { "$@" < /dev/null > "$WORK/command.log" 2>&1 || { cat "$WORK/command.log" >&2; fail "$*"; }; }

if [ -z "$deb" ] && ! cargo deb --version >/dev/null 2>&1; then
    echo "== installing cargo-deb (once; about 2 minutes on 2 cores)"
    cargo install cargo-deb --locked --version 3.8.0
fi
systemd=""
[ -d /run/systemd/system ] && systemd=1
if [ -z "$systemd" ] && ! command -v strace >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq strace >/dev/null
fi
if dpkg -s "$PKG" >/dev/null 2>&1; then
    echo "== purging $PKG left by an earlier run"
    quiet dpkg --purge "$PKG"
fi

if [ -z "$deb" ]; then
    echo "== cargo deb"
    # The suite's own debug binary (a no-op build right after scripts/test.sh), stripped, with fast
    # compression: a release build (10 minutes here on 2 shared cores) would compile every crate a
    # second time to test the same packaging. cargo-deb warns that it means dev profiles for
    # releases only (hence 2>/dev/null), which is what `cargo deb` alone makes.
    cargo test --no-run --test api --quiet
    deb="$(cargo deb --profile dev --no-build --strip --fast --quiet --output "$WORK/" 2>/dev/null | tail -n1)"
fi
[ -f "$deb" ] || fail "no package at '$deb'"
dpkg-deb --info "$deb" conffiles | grep -qx "$ENV_FILE" || fail "$ENV_FILE is not a conffile"
contents="$(dpkg-deb --contents "$deb")"
grep -q "^-rw-r----- 0/0 .* \.$ENV_FILE\$" <<<"$contents" \
    || fail "$ENV_FILE is not mode 0640 root:root in the package"

echo "== dpkg -i $deb"
quiet dpkg -i "$deb"
unit="$(dpkg -L "$PKG" | grep '/systemd/system/upload-portal\.service$')"
[ -x /usr/bin/upload-portal ] || fail "/usr/bin/upload-portal is not installed"
[ "$(stat -c %a "$ENV_FILE")" = 640 ] || fail "$ENV_FILE is not mode 0640 after install"

echo "== systemd-analyze verify and security ($unit)"
systemd-analyze verify "$unit"
# --offline: the unit file as installed, whether or not systemd runs here.
exposure="$(systemd-analyze security --offline=true "$unit" 2>&1 | grep 'Overall exposure level')" \
    || fail "systemd-analyze security gave no score"
echo "$exposure"
score="$(grep -oE '[0-9]+\.[0-9]+' <<<"$exposure" | head -n1)"
awk -v s="$score" 'BEGIN { exit !(s <= 3.0) }' || fail "exposure $score is above 3.0"

# The settings file as systemd reads it: NAME=value lines; comments and blank lines skipped.
mapfile -t settings < <(grep -Ev '^[[:space:]]*(#|$)' "$ENV_FILE")
bind="$(printf '%s\n' "${settings[@]}" | sed -n 's/^BIND_ADDR=//p')"
url="http://${bind:-127.0.0.1:8080}"
! curl -s -o /dev/null --max-time 2 "$url/healthz" || fail "something already listens on $url"

server="" portal=""
trap '[ -z "$portal" ] || kill -TERM "$portal" 2>/dev/null || true' EXIT
if [ -n "$systemd" ]; then
    echo "== systemctl restart $PKG"
    systemctl daemon-reload
    systemctl restart "$PKG" || { journalctl -u "$PKG" -n 30 --no-pager; fail "the service did not start"; }
else
    # As the unit would: a user with no account (DynamicUser), the state directory its own
    # (StateDirectory, 0700), umask 077, the environment from the settings file alone, `check`
    # first (ExecStartPre), then `serve`; both under strace for the checks below.
    uid=61184
    echo "== no systemd: running $PKG as uid $uid from $ENV_FILE"
    install -d -m 0700 -o "$uid" -g "$uid" "$STATE"
    chown "$uid" "$WORK" # strace runs as the service user and writes its logs there
    as_service=(env -i PATH=/usr/bin:/bin "${settings[@]}"
        setpriv --reuid="$uid" --regid="$uid" --clear-groups --no-new-privs strace -f -qq -o)
    (cd "$STATE" && umask 077 && exec "${as_service[@]}" "$WORK/strace-check" /usr/bin/upload-portal check) \
        || fail "upload-portal check refused the installed settings"
    # exec all the way down: $! is strace, whose only child is the portal.
    (cd "$STATE" && umask 077 && exec "${as_service[@]}" "$WORK/strace-serve" /usr/bin/upload-portal serve) \
        > "$WORK/serve.log" 2>&1 &
    server=$!
fi

healthy=""
for _ in $(seq 1 60); do
    if curl -fs -o /dev/null --max-time 2 "$url/healthz"; then healthy=1; break; fi
    [ -z "$server" ] || kill -0 "$server" 2>/dev/null || break
    sleep 0.5
done
if [ -z "$healthy" ]; then
    [ -z "$server" ] || cat "$WORK/serve.log" >&2
    fail "the installed portal did not answer $url/healthz"
fi
[ -z "$server" ] || portal="$(pgrep -P "$server" -x upload-portal)"
scripts/package-test/upload.sh "$url" "$WORK" || fail "an upload through the installed portal failed"

if [ -n "$systemd" ]; then
    systemctl stop "$PKG"
    [ "$(systemctl show -p Result --value "$PKG")" = success ] || fail "the service did not stop cleanly"
else
    [ "$(stat -c '%u %a' "$STATE/session-secret")" = "$uid 600" ] || fail "session-secret is not the user's, 0600"
    [ "$(stat -c '%u %a' "$STATE/upload-portal.db")" = "$uid 600" ] || fail "the database is not the user's, 0600"
    kill -TERM "$portal"
    timeout 60 tail --pid="$server" -f /dev/null || fail "the portal did not stop within 60 s of SIGTERM"
    rc=0
    wait "$server" || rc=$? # strace exits with the portal's status
    portal=""
    [ "$rc" = 0 ] || { cat "$WORK/serve.log" >&2; fail "the portal exited $rc on SIGTERM"; }
    scripts/package-test/sandboxing.sh "$unit" "$STATE" "$WORK"/strace-check "$WORK"/strace-serve
fi
echo "stopped cleanly on SIGTERM"

echo "== upgrade: dpkg -i a newer revision over edited settings"
echo "# edited by package-test" >> "$ENV_FILE"
secret="$(sha256sum < "$STATE/session-secret")"
# The same package as a later revision: what dpkg does on an upgrade is the point, not the binary.
newer="$(dpkg-deb -f "$deb" Version)+test1"
dpkg-deb -R "$deb" "$WORK/newer"
sed -i "s/^Version: .*/Version: $newer/" "$WORK/newer/DEBIAN/control"
quiet dpkg-deb -Znone -b "$WORK/newer" "$WORK/newer.deb"
quiet dpkg -i "$WORK/newer.deb"
[ "$(dpkg-query -W -f '${Version}' "$PKG")" = "$newer" ] || fail "the upgrade did not install"
grep -qx "# edited by package-test" "$ENV_FILE" || fail "the upgrade overwrote the edited settings"
[ "$(sha256sum < "$STATE/session-secret")" = "$secret" ] || fail "the upgrade lost the session secret"

echo "== dpkg -r $PKG, then dpkg --purge $PKG"
quiet dpkg -r "$PKG"
[ ! -e /usr/bin/upload-portal ] && [ ! -e "$unit" ] || fail "dpkg -r left the binary or the unit"
[ -f "$ENV_FILE" ] && [ -e "$STATE" ] || fail "dpkg -r removed the settings or the state (only purge should)"
quiet dpkg --purge "$PKG"
! dpkg -s "$PKG" >/dev/null 2>&1 || fail "dpkg still knows $PKG"
for path in /etc/upload-portal "$STATE" /var/lib/private/upload-portal \
    /etc/systemd/system/multi-user.target.wants/upload-portal.service; do
    [ ! -e "$path" ] && [ ! -L "$path" ] || fail "$path is still there after purge"
done
rm -rf "$WORK"
echo "package-test: OK ($(basename "$deb"): installed, one upload, stopped on SIGTERM, upgraded, purged)"
