'use strict';
// `prepack` of the npm packages: refuses to pack a package a user could not load.
//
//   node npm/check-pack.js      (the main package omg-payment, from node/)
//   node ../check-pack.js       (a platform package, from node/npm/<platform>/)
//
// A platform package (omg-payment-linux-x64-gnu, ...) must hold its native module, the file its
// `main` names. The main package must hold none (the native code comes from the platform
// packages) and must depend, optionally and at its own version, on every platform package of
// node/npm/: `make dist` (scripts/dist/node.sh) adds those optionalDependencies to the copy it
// packs, so pack the main package with `make dist`, not with `npm pack` in node/.

const fs = require('node:fs');
const path = require('node:path');

const folder = process.cwd();
const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));

function refuse(message) {
  console.error(`${manifest.name}: refusing to pack: ${message}`);
  process.exit(1);
}

function nativeFilesUnder(entry) {
  const full = path.join(folder, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return entry.endsWith('.node') ? [entry] : [];
  return fs.readdirSync(full).flatMap((name) => nativeFilesUnder(path.join(entry, name)));
}

function checkPlatformPackage() {
  const file = manifest.main;
  const full = path.join(folder, file);
  if (!fs.existsSync(full) || fs.statSync(full).size === 0) {
    refuse(
      `its native module ${file} is not in ${folder}. Build it for ${manifest.os}/${manifest.cpu}` +
        `${manifest.libc ? `/${manifest.libc}` : ''} (make dist, or the release workflow) and copy it here first: ` +
        'a platform package without it would install and then fail to load.',
    );
  }
  if (!(manifest.files ?? []).includes(file)) refuse(`"files" does not list its native module ${file}.`);
}

function checkMainPackage() {
  const globs = (manifest.files ?? []).filter((entry) => entry.includes('.node'));
  const found = (manifest.files ?? []).flatMap((entry) => nativeFilesUnder(entry.replace(/\/?\*.*$/, '')));
  if (globs.length || found.length) {
    refuse(
      `the main package must not contain a native module (${[...globs, ...found].join(', ')}): ` +
        'it comes from the platform packages (node/npm/<platform>).',
    );
  }
  const platforms = fs
    .readdirSync(path.join(__dirname), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(__dirname, entry.name, 'package.json')))
    .map((entry) => JSON.parse(fs.readFileSync(path.join(__dirname, entry.name, 'package.json'), 'utf8')).name);
  const optional = manifest.optionalDependencies ?? {};
  const missing = platforms.filter((name) => optional[name] !== manifest.version);
  if (platforms.length === 0 || missing.length) {
    refuse(
      `optionalDependencies must name every platform package at ${manifest.version} ` +
        `(missing or at another version: ${missing.join(', ') || 'no platform package found'}). ` +
        'Pack it with `make dist`, which adds them.',
    );
  }
}

if (manifest.os || manifest.cpu) checkPlatformPackage();
else checkMainPackage();
