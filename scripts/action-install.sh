#!/usr/bin/env bash
# Installs a released mpaudit binary for the GitHub Action (action.yml):
# downloads the archive for this OS and architecture from a release and
# verifies it against the release's SHA256SUMS.
#
#   scripts/action-install.sh VERSION DEST
#
# VERSION is a tag (`v0.1.0`; `0.1.0` gets its `v`) or `latest`. The binary
# lands in DEST/bin. MPAUDIT_RELEASES is the URL that holds one folder per
# tag (default https://github.com/mpaudit/mpaudit/releases/download; a
# `file://` folder works too, for tests). RUNNER_OS and RUNNER_ARCH (set by
# Actions; else uname) pick the archive.
#
# Exit codes: 0 installed; 3 there is no such release (the action then builds
# from source); 2 anything else: an unsupported platform, a download that
# failed, a checksum that does not match. A mismatch is never retried or
# worked around.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 VERSION DEST" >&2; exit 2; }
version=$1 dest=$2
releases=${MPAUDIT_RELEASES:-https://github.com/mpaudit/mpaudit/releases/download}
case $version in
  latest) base=${releases%/download}/latest/download ;;
  v*) base=$releases/$version ;;
  [0-9]*) version=v$version; base=$releases/$version ;;
  *) echo "mpaudit: no release for ref $version"; exit 3 ;;
esac

os=${RUNNER_OS:-$(uname -s)}
arch=${RUNNER_ARCH:-$(uname -m)}
case "$os/$arch" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  Windows/X64 | MINGW*/x86_64 | MSYS*/x86_64) target=x86_64-pc-windows-msvc ;;
  *) echo "error: mpaudit has no prebuilt binary for $os/$arch" >&2; exit 2 ;;
esac
archive=mpaudit-$target.tar.gz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Fetches $1 into $2: 0 done, 1 not found, 2 other failure.
fetch() {
  local url=$1 out=$2
  if [[ $url == file://* ]]; then
    [ -f "${url#file://}" ] || return 1
    cp "${url#file://}" "$out" || return 2
    return 0
  fi
  local code
  code=$(curl -sSL --retry 3 -o "$out" -w '%{http_code}' "$url") || return 2
  case $code in 200) return 0 ;; 404) return 1 ;; *) echo "error: GET $url: HTTP $code" >&2; return 2 ;; esac
}

status=0
fetch "$base/SHA256SUMS" "$work/SHA256SUMS" || status=$?
if [ "$status" = 1 ]; then
  echo "mpaudit: no release $version at $releases"
  exit 3
fi
[ "$status" = 0 ] || { echo "error: cannot download $base/SHA256SUMS" >&2; exit 2; }
status=0
fetch "$base/$archive" "$work/$archive" || status=$?
[ "$status" = 0 ] || { echo "error: release $version has no $archive" >&2; exit 2; }

want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$work/SHA256SUMS")
[ -n "$want" ] || { echo "error: SHA256SUMS of $version does not list $archive" >&2; exit 2; }
if command -v sha256sum >/dev/null; then
  got=$(sha256sum "$work/$archive" | cut -d' ' -f1)
else
  got=$(shasum -a 256 "$work/$archive" | cut -d' ' -f1)
fi
if [ "$got" != "$want" ]; then
  echo "error: $archive of $version does not match SHA256SUMS (sha256 $got, listed $want)" >&2
  exit 2
fi

mkdir -p "$dest/bin"
tar -xzf "$work/$archive" -C "$work"
exe=mpaudit
[ -f "$work/mpaudit-$target/mpaudit.exe" ] && exe=mpaudit.exe
cp "$work/mpaudit-$target/$exe" "$dest/bin/$exe"
chmod 755 "$dest/bin/$exe"
echo "mpaudit: installed $version ($target, sha256 $got) in $dest/bin"
