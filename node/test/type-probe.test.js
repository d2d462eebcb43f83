'use strict';
// The type probe: test/types/mistakes.ts holds deliberate mistakes a merchant makes, each on a
// line marked MISTAKE (or below a comment saying so), and correct uses of the same calls (BigInt amounts among them). tsc,
// compiling for ES2020 with only ES2020's library (test/types/tsconfig.json, skipLibCheck off),
// must report an error on every marked line and nowhere else: so the typings compile for an
// ES2020 project and catch each mistake. What no type system can catch: docs/node.md, "Types".

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const probe = path.join(__dirname, 'types', 'mistakes.ts');

test('tsc (ES2020) reports every deliberate mistake of the type probe and nothing else', () => {
  const marked = fs
    .readFileSync(probe, 'utf8')
    .split('\n')
    // A trailing `// MISTAKE:` marks its own line; one on a line of its own, the line below.
    .flatMap((line, i) => (!line.includes('// MISTAKE:') ? [] : [line.trim().startsWith('//') ? i + 2 : i + 1]));
  assert.ok(marked.length >= 10, `the probe lists its mistakes (${marked.length})`);
  const uncaught = fs.readFileSync(probe, 'utf8').split('// UNCAUGHT:').length - 1;
  assert.ok(uncaught >= 4, 'and some that no type catches (they must compile: no error on their lines)');

  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', 'test/types/tsconfig.json', '--pretty', 'false'], {
    cwd: root,
    encoding: 'utf8',
  });
  const errors = run.stdout.split('\n').filter((line) => /\): error TS\d+/.test(line));
  const elsewhere = errors.filter((line) => !line.startsWith('test/types/mistakes.ts('));
  assert.deepEqual(elsewhere, [], 'the typings compile for ES2020');
  const caught = [...new Set(errors.map((line) => Number(/^test\/types\/mistakes\.ts\((\d+),/.exec(line)[1])))];
  const missed = marked.filter((line) => !caught.includes(line));
  const unexpected = caught.filter((line) => !marked.includes(line));
  assert.deepEqual(missed, [], 'every marked mistake is an error');
  assert.deepEqual(unexpected, [], `no error on a correct line:\n${errors.join('\n')}`);
});
