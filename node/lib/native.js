'use strict';
// Loads the native module (the Rust crate bindings/node). In order:
//   1. OMG_PAYMENT_NATIVE, when set: the path of another build of it;
//   2. native/omg-payment.<platform>.node: a build from this repository (`npm run build`, what the
//      repository's own tests load);
//   3. the platform package omg-payment-<platform> (omg-payment-linux-x64-gnu, ...), which npm
//      installs with omg-payment as an optional dependency: what users get.
// Nothing here builds anything: when none loads, the error names the platform and the package.

const path = require('node:path');

// The platform packages published with omg-payment (node/npm/<platform>/package.json).
const PREBUILT = [
  'linux-x64-gnu',
  'linux-arm64-gnu',
  'linux-x64-musl',
  'linux-arm64-musl',
  'darwin-arm64',
  'darwin-x64',
  'win32-x64-msvc',
];

function detectPlatform() {
  const { platform, arch } = process;
  if (platform === 'linux') {
    // glibc or musl: Node's report names the glibc version only on glibc systems.
    const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null;
    const glibc = report?.header?.glibcVersionRuntime;
    return {
      suffix: `linux-${arch}-${glibc ? 'gnu' : 'musl'}`,
      described: `linux ${arch} ${glibc ? `glibc ${glibc}` : 'musl'}`,
    };
  }
  if (platform === 'win32') return { suffix: `win32-${arch}-msvc`, described: `win32 ${arch}` };
  return { suffix: `${platform}-${arch}`, described: `${platform} ${arch}` };
}

function version() {
  try {
    return require('../package.json').version;
  } catch {
    return undefined;
  }
}

function load() {
  const { suffix, described } = detectPlatform();
  const packageName = `omg-payment-${suffix}`;
  const candidates = [
    process.env.OMG_PAYMENT_NATIVE,
    path.join(__dirname, '..', 'native', `omg-payment.${suffix}.node`),
    packageName,
  ].filter(Boolean);
  const failures = [];
  for (const candidate of candidates) {
    try {
      return require(candidate);
    } catch (error) {
      // A module that is simply not there is the usual case, not worth a line of its own
      // (except for the platform package, whose absence is the point of the message).
      if (
        error.code === 'MODULE_NOT_FOUND' &&
        candidate !== packageName &&
        candidate !== process.env.OMG_PAYMENT_NATIVE
      )
        continue;
      failures.push(`  ${candidate}: ${error.message.split('\n')[0]}`);
    }
  }
  const at = version() ? `@${version()}` : '';
  const advice = PREBUILT.includes(suffix)
    ? `npm installs it with omg-payment as the optional dependency ${packageName}; it is missing here, so install it ` +
      `(\`npm install ${packageName}${at}\`), and do not install with --omit=optional or --no-optional. ` +
      'A package-lock.json made on another platform may lack it: run `npm install` once on this platform.'
    : `there is no prebuilt omg-payment for this platform (prebuilt: ${PREBUILT.join(', ')}); ` +
      'see "Build from source" in docs/node.md, then set OMG_PAYMENT_NATIVE to the built file.';
  throw new Error(
    `omg-payment: cannot load its native module for this platform (${described}): ${advice}\nTried:\n${failures.join('\n')}`,
  );
}

module.exports = load();
