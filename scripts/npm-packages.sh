#!/usr/bin/env bash
# Builds the npm packages into OUT_DIR as `npm pack` tarballs: the launcher
# package `mpaudit` (npm/mpaudit) and one platform package
# `@mpaudit/cli-<key>` holding a release binary.
#
#   scripts/npm-packages.sh OUT_DIR                       # this machine: cargo build --release
#   scripts/npm-packages.sh OUT_DIR --binary FILE --platform KEY [--no-launcher]
#   scripts/npm-packages.sh OUT_DIR --launcher-only
#
# KEY is a key of npm/mpaudit/platforms.json (linux-x64, darwin-arm64, …); the
# release workflow passes each cross-built binary this way. Versions come
# from Cargo.toml; the script stops when npm/mpaudit/package.json disagrees.
set -euo pipefail

usage() { echo "usage: $0 OUT_DIR [--binary FILE --platform KEY] [--no-launcher | --launcher-only]" >&2; exit 2; }
[ $# -ge 1 ] || usage
out=$1; shift
binary='' platform='' launcher=1 platform_package=1
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=${2:?}; shift 2 ;;
    --platform) platform=${2:?}; shift 2 ;;
    --no-launcher) launcher=0; shift ;;
    --launcher-only) platform_package=0; shift ;;
    *) usage ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n1)
[ -n "$version" ] || { echo "error: no version in Cargo.toml" >&2; exit 2; }

# The launcher's package.json must carry the crate's version, also for
# every optional dependency.
node - "$repo/npm/mpaudit" "$version" <<'JS'
const [dir, version] = process.argv.slice(2);
const pkg = require(`${dir}/package.json`);
const platforms = require(`${dir}/platforms.json`);
const wrong = [];
if (pkg.version !== version) wrong.push(`version ${pkg.version}`);
const want = Object.keys(platforms).map((k) => `@mpaudit/cli-${k}`).sort();
const have = Object.keys(pkg.optionalDependencies || {}).sort();
if (JSON.stringify(want) !== JSON.stringify(have)) wrong.push(`optionalDependencies ${have} (want ${want})`);
for (const [name, v] of Object.entries(pkg.optionalDependencies || {})) if (v !== version) wrong.push(`${name}@${v}`);
if (wrong.length) {
  console.error(`error: npm/mpaudit/package.json is not in step with Cargo.toml (${version}): ${wrong.join(', ')}`);
  process.exit(2);
}
JS

if [ "$platform_package" = 0 ]; then
  [ "$launcher" = 1 ] && [ -z "$binary$platform" ] || usage
elif [ -z "$binary" ]; then
  [ -z "$platform" ] || usage
  platform=$(node -p "require('$repo/npm/mpaudit/bin/mpaudit.js').platformKey()")
  (cd "$repo" && cargo build --release --locked --quiet --bin mpaudit)
  binary=$repo/target/release/mpaudit
  [ -f "$binary" ] || binary=$binary.exe
else
  [ -n "$platform" ] || usage
fi
[ "$platform_package" = 0 ] || [ -f "$binary" ] || { echo "error: $binary does not exist" >&2; exit 2; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

if [ "$launcher" = 1 ]; then
  cp -R "$repo/npm/mpaudit" "$stage/mpaudit"
  (cd "$stage/mpaudit" && npm pack --silent --pack-destination "$out" >/dev/null)
  echo "$out/mpaudit-$version.tgz"
fi

[ "$platform_package" = 1 ] || exit 0

# The platform package: package.json from platforms.json, and the binary.
pkg=$stage/cli-$platform
mkdir -p "$pkg"
exe=mpaudit
case $platform in win32-*) exe=mpaudit.exe ;; esac
cp "$binary" "$pkg/$exe"
chmod 755 "$pkg/$exe"
node - "$repo/npm/mpaudit" "$platform" "$version" "$exe" > "$pkg/package.json" <<'JS'
const [dir, key, version, exe] = process.argv.slice(2);
const platform = require(`${dir}/platforms.json`)[key];
if (!platform) {
  console.error(`error: unknown platform ${key}; see npm/mpaudit/platforms.json`);
  process.exit(2);
}
const launcher = require(`${dir}/package.json`);
const pkg = {
  name: `@mpaudit/cli-${key}`,
  version,
  description: `The mpaudit binary for ${key} (${platform.target}); install \`mpaudit\`, which runs it`,
  license: launcher.license,
  repository: launcher.repository,
  os: [platform.os],
  cpu: [platform.cpu],
  ...(platform.libc ? { libc: [platform.libc] } : {}),
  files: [exe],
  preferUnplugged: true,
};
console.log(JSON.stringify(pkg, null, 2));
JS
(cd "$pkg" && npm pack --silent --pack-destination "$out" >/dev/null)
echo "$out/mpaudit-cli-$platform-$version.tgz"
