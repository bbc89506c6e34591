#!/usr/bin/env node
// The `mpaudit` command of the npm package: runs the mpaudit binary of the
// platform package npm installed (an optional dependency, @mpaudit/cli-<os>-<cpu>)
// with the same arguments, stdio and exit code. Nothing is downloaded here.
'use strict';

const path = require('path');
const { spawnSync } = require('child_process');

const PLATFORMS = require('../platforms.json');

/** Exit code 2: mpaudit could not run. */
const EXIT_ERROR = 2;

/** Whether this Linux runs on musl (Alpine) rather than glibc. */
function isMusl() {
  if (process.platform !== 'linux') return false;
  try {
    const report = process.report && process.report.getReport();
    return !(report && report.header && report.header.glibcVersionRuntime);
  } catch (_) {
    return false;
  }
}

/** The key of this platform in platforms.json, e.g. `linux-x64` or `linux-x64-musl`. */
function platformKey() {
  return `${process.platform}-${process.arch}${isMusl() ? '-musl' : ''}`;
}

/** The path of the binary to run, or throws an Error whose message says why there is none. */
function binaryPath() {
  if (process.env.MPAUDIT_BINARY) return process.env.MPAUDIT_BINARY;
  const key = platformKey();
  const install = 'cargo install --locked --git https://github.com/mpaudit/mpaudit mpaudit';
  if (!Object.prototype.hasOwnProperty.call(PLATFORMS, key)) {
    throw new Error(
      `no prebuilt mpaudit binary for ${key} (this is ${process.platform} on ${process.arch}).\n` +
        `  prebuilt binaries: ${Object.keys(PLATFORMS).join(', ')}\n` +
        `  build it from source with \`${install}\` and run that, or set MPAUDIT_BINARY to its path`
    );
  }
  const name = `@mpaudit/cli-${key}`;
  let dir;
  try {
    dir = path.dirname(require.resolve(`${name}/package.json`));
  } catch (_) {
    throw new Error(
      `the package ${name}, which holds the mpaudit binary for ${key}, is not installed.\n` +
        '  npm installs it as an optional dependency of mpaudit; it is left out by\n' +
        '  --omit=optional / --no-optional, or when the lockfile was written on another platform.\n' +
        `  reinstall without those (\`npm install mpaudit\`), or add it: \`npm install ${name}\``
    );
  }
  return path.join(dir, process.platform === 'win32' ? 'mpaudit.exe' : 'mpaudit');
}

function main() {
  let binary;
  try {
    binary = binaryPath();
  } catch (err) {
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT_ERROR;
  }
  const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit', windowsHide: true });
  if (result.error) {
    process.stderr.write(`error: cannot run ${binary}: ${result.error.message}\n`);
    return EXIT_ERROR;
  }
  if (result.signal) {
    // Die of the same signal, as the binary did.
    process.kill(process.pid, result.signal);
    return EXIT_ERROR;
  }
  return result.status === null ? EXIT_ERROR : result.status;
}

module.exports = { PLATFORMS, platformKey, binaryPath };

if (require.main === module) {
  process.exitCode = main();
}
