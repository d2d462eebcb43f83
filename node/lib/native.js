'use strict';
// Loads the native module (the Rust crate bindings/node, built by `npm run build` into
// native/omg-payment.<platform>.node). OMG_PAYMENT_NATIVE may name another build of it.

const path = require('node:path');

function platformSuffix() {
  const { platform, arch } = process;
  if (platform !== 'linux') return `${platform}-${arch}`;
  // glibc or musl: the report names the glibc version only on glibc systems.
  const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null;
  const glibc = report?.header?.glibcVersionRuntime;
  return `linux-${arch}-${glibc ? 'gnu' : 'musl'}`;
}

function load() {
  const file = `omg-payment.${platformSuffix()}.node`;
  const candidates = [
    process.env.OMG_PAYMENT_NATIVE,
    path.join(__dirname, '..', 'native', file),
    path.join(__dirname, '..', file),
  ].filter(Boolean);
  const failures = [];
  for (const candidate of candidates) {
    try {
      return require(candidate);
    } catch (error) {
      failures.push(`  ${candidate}: ${error.message.split('\n')[0]}`);
    }
  }
  throw new Error(
    `omg-payment: cannot load the native module ${file}. Build it with \`npm run build\` in the package folder ` +
      `(needs Rust), or set OMG_PAYMENT_NATIVE to its path. Tried:\n${failures.join('\n')}`,
  );
}

const native = load();

// Node's usual debug switch: NODE_DEBUG=omg_payment prints the client's events (requests, replies,
// retries, unknown outcomes; never a key) on stderr.
if (require('node:util').debuglog('omg_payment').enabled) native.enableDebugLog();

module.exports = native;
