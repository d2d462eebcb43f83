'use strict';
// Runs a small JavaScript program in a child Node (its own process: its own NODE_DEBUG, its own
// stderr, its own heap), bounded in time.

const path = require('node:path');
const { spawn } = require('node:child_process');

/** Runs `program` with `env` added to this process's environment (NODE_DEBUG only when `env`
 * names it); resolves to { code, stdout, stderr }. Killed after `ms`. */
function runNode(program, env = {}, ms = 60_000) {
  const childEnv = { ...process.env, ...env };
  if (!('NODE_DEBUG' in env)) delete childEnv.NODE_DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', program], { env: childEnv, cwd: path.join(__dirname, '..', '..') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill(), ms);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

module.exports = { runNode };
