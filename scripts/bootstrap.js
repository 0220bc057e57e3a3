#!/usr/bin/env node
// Entry point of every npm script: installs dependencies when they are missing or stale, then
// runs the TypeScript file given as first argument with tsx. Plain CommonJS with no
// dependencies, because it runs before node_modules exists on a fresh clone.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');

function dependenciesStale() {
  // npm rewrites node_modules/.package-lock.json on every install, so it dates the installed tree.
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(installed)) return true;
  return fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > fs.statSync(installed).mtimeMs;
}

function npm(args, stdio) {
  return spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: root, stdio, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function install() {
  console.log('bootstrap: installing dependencies (npm ci)');
  const ci = npm(['ci'], ['ignore', 'inherit', 'pipe']);
  if (ci.status === 0) return;
  let result = ci;
  if (/EUSAGE/.test(ci.stderr)) {
    // The registry here lacks other platforms' builds of some optional packages, so the lock file
    // leaves them out and npm ci calls it out of sync. npm install --no-save installs the same
    // locked versions without rewriting the lock file.
    console.log('bootstrap: npm ci finds the lock file incomplete for other platforms; installing it with npm install --no-save');
    result = npm(['install', '--no-save'], ['ignore', 'inherit', 'inherit']);
  } else {
    process.stderr.write(ci.stderr);
  }
  if (result.status !== 0) {
    console.error(`bootstrap: installing dependencies failed (${result.error ? result.error.message : `exit ${result.status}`})`);
    process.exit(result.status || 1);
  }
}

/**
 * npm passes SIGINT and SIGTERM only to the process it starts for the script: unless the script
 * line `exec`s, a shell that passes neither on (SIGTERM kills it, SIGINT it holds until the script
 * ends); and a SIGKILLed npm passes on nothing. Being orphaned is then the only news that npm went.
 */
function stopWhenOrphaned(child) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    console.error('bootstrap: npm has gone away: stopping');
    child.kill('SIGTERM');
  }, 200);
  watch.unref();
  child.once('exit', () => clearInterval(watch));
}

function run(script, args) {
  if (!script) {
    console.error('usage: node scripts/bootstrap.js <file.ts> [args...]');
    process.exit(64);
  }
  // Node with tsx's loader rather than the tsx command: the command's signal relay SIGKILLs a
  // script that does not acknowledge a signal within 30 ms (easily missed on a busy machine),
  // which would leave whatever the script started running.
  const loader = pathToFileURL(require.resolve('tsx', { paths: [root] })).href;
  const child = spawn(process.execPath, ['--import', loader, path.resolve(root, script), ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  // A closed terminal: the script stops as it would on SIGTERM, rather than being cut off.
  process.on('SIGHUP', () => child.kill('SIGTERM'));
  // Whoever reads our output may be gone while the script stops; that must not cut the stop short.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  if (process.env.npm_lifecycle_event) stopWhenOrphaned(child);
  child.on('error', (err) => {
    console.error(`bootstrap: cannot run ${script}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (os.constants.signals[signal] || 0));
  });
}

if (dependenciesStale()) install();
run(process.argv[2], process.argv.slice(3));
