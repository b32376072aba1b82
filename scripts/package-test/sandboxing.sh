#!/usr/bin/env bash
# Where systemd is not PID 1 the unit's sandbox is never applied, so this checks the portal against
# it from strace logs of a run: every system call is one the unit's SystemCallFilter= lines allow
# (with ~ lines taken away), every socket is of a family RestrictAddressFamilies= allows, no memory
# is made writable and executable (MemoryDenyWriteExecute=), and every file written or created is in
# the state directory (ProtectSystem=strict) or /tmp (PrivateTmp).
#   scripts/package-test/sandboxing.sh UNIT_FILE STATE_DIR STRACE_LOG...
set -euo pipefail
unit="$1" state="$2"
shift 2
fail() { echo "sandboxing: $*" >&2; exit 1; }

# A syscall group (@name) as plain names, its nested groups expanded.
expand() {
    local name
    for name in "$@"; do
        case "$name" in
            @*) systemd-analyze syscall-filter "$name" | awk 'NR > 1 && NF && $1 !~ /^#/ { print $1 }' \
                    | while read -r inner; do expand "$inner"; done ;;
            *) echo "$name" ;;
        esac
    done
}
setting() { sed -n "s/^$1=//p" "$unit"; }

allowed="$(mktemp)" denied="$(mktemp)" used="$(mktemp)"
trap 'rm -f "$allowed" "$denied" "$used"' EXIT
# shellcheck disable=SC2046 # the settings are space-separated lists
expand $(setting SystemCallFilter | grep -v '^~') | sort -u > "$allowed"
# shellcheck disable=SC2046
expand $(setting SystemCallFilter | sed -n 's/^~//p') | sort -u > "$denied"
[ -s "$allowed" ] || fail "$unit has no SystemCallFilter allow list"
sed -E -n 's/^[0-9]+ +([a-z0-9_]+)\(.*/\1/p' "$@" | sort -u > "$used"
[ -s "$used" ] || fail "no system calls in $*: did strace run?"
refused="$(comm -23 "$used" <(comm -23 "$allowed" "$denied") | tr '\n' ' ')"
[ -z "$refused" ] || fail "the portal calls $refused which the unit's SystemCallFilter refuses"

families="$(setting RestrictAddressFamilies)"
for family in $(grep -ohE 'socket\((AF_[A-Z0-9]+)' "$@" | sed 's/socket(//' | sort -u); do
    [[ " $families " == *" $family "* ]] || fail "the portal opens an $family socket; RestrictAddressFamilies=$families"
done

if [ "$(setting MemoryDenyWriteExecute)" = yes ]; then
    wx="$(grep -hE '^[0-9]+ +((pkey_)?mprotect\(.*PROT_EXEC|mmap\(.*(PROT_WRITE\|PROT_EXEC|PROT_EXEC\|PROT_WRITE))' "$@" | head -n1 || true)"
    [ -z "$wx" ] || fail "MemoryDenyWriteExecute=yes refuses: $wx"
fi

# Paths opened for writing, created, renamed, removed or re-moded; relative ones are in the state
# directory (the unit's WorkingDirectory).
written="$(grep -hE '^[0-9]+ +(openat\(.*O_(WRONLY|RDWR|CREAT)|(mkdir|mkdirat|rename|renameat2?|unlink|unlinkat|chmod|fchmodat|rmdir)\()' "$@" \
    | grep -oE '"/[^"]*"' | tr -d '"' | sort -u || true)"
outside="$(grep -vE "^($state|/tmp)(/|$)" <<<"$written" | grep -vxE '/dev/(null|tty|urandom)' || true)"
[ -z "$outside" ] || fail "the portal writes outside $state: $outside"
echo "sandboxing: $(wc -l < "$used") system calls, all allowed by the unit; no W+X memory; sockets: $(grep -ohE 'socket\(AF_[A-Z0-9]+' "$@" | sed 's/socket(//' | sort -u | tr '\n' ' '); writes only in $state"
