#!/usr/bin/env bash
# Tests the npm packages end to end: builds the tarballs with
# scripts/npm-packages.sh around BINARY (default: the debug build `cargo test`
# leaves in target/debug), installs them with `npm install --offline` in an
# empty folder, and checks that `npx mpaudit` prints what the binary prints
# and exits with its code; then the launcher's messages when no platform
# package fits.
#
#   scripts/npm-test.sh [BINARY]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
binary=$(cd "$repo" && realpath "${1:-target/debug/mpaudit}")
[ -x "$binary" ] || { echo "error: $binary is not built (cargo build)" >&2; exit 2; }
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n1)
key=$(node -p "require('$repo/npm/mpaudit/bin/mpaudit.js').platformKey()")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "npm-test: FAIL: $*" >&2; exit 1; }

"$repo/scripts/npm-packages.sh" "$work/tarballs" --binary "$binary" --platform "$key" >/dev/null
launcher=$work/tarballs/mpaudit-$version.tgz
platform=$work/tarballs/mpaudit-cli-$key-$version.tgz

# Both tarballs from their paths; the other platforms' optional packages are
# not in the cache, and npm skips them.
mkdir "$work/app"
cd "$work/app"
echo '{"name": "app", "private": true}' > package.json
npm install --offline --no-audit --no-fund --loglevel=error "$launcher" "$platform" >/dev/null
[ -x "node_modules/@mpaudit/cli-$key/mpaudit" ] || fail "the platform package is not installed"

# Same stdout, stderr and exit code as the binary.
same() {
  local want_out want_err want_code got_out got_err got_code
  set +e
  want_out=$("$binary" "$@" 2>"$work/want_err"); want_code=$?
  got_out=$(npx --offline mpaudit "$@" 2>"$work/got_err"); got_code=$?
  set -e
  [ "$want_code" = "$got_code" ] || fail "mpaudit $*: exit $got_code through npx, $want_code from the binary"
  [ "$want_out" = "$got_out" ] || fail "mpaudit $*: stdout differs"
  cmp -s "$work/want_err" "$work/got_err" || fail "mpaudit $*: stderr differs"
  echo "ok: npx mpaudit $* (exit $got_code, $(printf '%s' "$got_out" | grep -c '') lines)"
}
same check "$repo/fixtures/example-shop" --format concise
same check "$repo/fixtures/example-shop" --format json
same check "$repo/fixtures/clean-project" -q
same check "$repo/fixtures/does-not-exist"
same --version

# No platform package: the launcher says which package is missing.
rm -rf "node_modules/@mpaudit"
set +e
msg=$(npx --offline mpaudit check 2>&1); code=$?
set -e
[ "$code" = 2 ] || fail "a missing platform package exits $code, not 2"
case $msg in *"the package @mpaudit/cli-$key"*"is not installed"*) ;; *) fail "message: $msg" ;; esac
echo "ok: without @mpaudit/cli-$key: exit 2, \"${msg%%$'\n'*}\""

# A platform no package is built for.
echo "Object.defineProperty(process, 'arch', { value: 'riscv64' });" > "$work/riscv.js"
set +e
msg=$(node -r "$work/riscv.js" node_modules/mpaudit/bin/mpaudit.js check 2>&1); code=$?
set -e
[ "$code" = 2 ] || fail "an unsupported platform exits $code, not 2"
case $msg in *"no prebuilt mpaudit binary for linux-riscv64"*"cargo install"*) ;; *) fail "message: $msg" ;; esac
echo "ok: on riscv64: exit 2, \"${msg%%$'\n'*}\""
