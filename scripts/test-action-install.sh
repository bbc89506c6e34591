#!/usr/bin/env bash
# Tests scripts/action-install.sh against a local folder that stands in for
# the GitHub releases: a good release, a tampered archive, a missing
# release (the action then builds from source), an unsupported platform.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
install=$repo/scripts/action-install.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "test-action-install: FAIL: $*" >&2; exit 1; }

# A release v9.9.9 with a stand-in binary for linux x64, laid out as the
# release workflow lays it out.
target=x86_64-unknown-linux-musl
mkdir -p "$work/releases/v9.9.9" "$work/pkg/mpaudit-$target"
printf '#!/bin/sh\necho "mpaudit 9.9.9"\n' > "$work/pkg/mpaudit-$target/mpaudit"
chmod 755 "$work/pkg/mpaudit-$target/mpaudit"
tar -czf "$work/releases/v9.9.9/mpaudit-$target.tar.gz" -C "$work/pkg" "mpaudit-$target"
(cd "$work/releases/v9.9.9" && sha256sum mpaudit-*.tar.gz > SHA256SUMS)
export MPAUDIT_RELEASES=file://$work/releases RUNNER_OS=Linux RUNNER_ARCH=X64

run() { set +e; out=$("$install" "$@" 2>&1); code=$?; set -e; }

run v9.9.9 "$work/dest"
[ "$code" = 0 ] || fail "good release: exit $code: $out"
[ "$("$work/dest/bin/mpaudit")" = "mpaudit 9.9.9" ] || fail "the installed binary does not run"
run 9.9.9 "$work/dest2"
[ "$code" = 0 ] || fail "a version without v: exit $code: $out"
echo "ok: installs and verifies v9.9.9"

run v1.0.0 "$work/none"
[ "$code" = 3 ] || fail "no release: exit $code, want 3: $out"
run main "$work/none"
[ "$code" = 3 ] || fail "a branch ref: exit $code, want 3: $out"
[ ! -e "$work/none" ] || fail "no release, but something was installed"
echo "ok: no release: exit 3 (build from source)"

printf 'tampered' >> "$work/releases/v9.9.9/mpaudit-$target.tar.gz"
run v9.9.9 "$work/tampered"
[ "$code" = 2 ] || fail "tampered archive: exit $code, want 2: $out"
case $out in *"does not match SHA256SUMS"*) ;; *) fail "tampered archive: $out" ;; esac
[ ! -e "$work/tampered/bin/mpaudit" ] || fail "a tampered binary was installed"
echo "ok: a tampered archive: exit 2, nothing installed"

RUNNER_ARCH=ARM run v9.9.9 "$work/arm"
[ "$code" = 2 ] || fail "unsupported platform: exit $code: $out"
echo "ok: an unsupported platform: exit 2 ($out)"
