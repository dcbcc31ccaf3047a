#!/usr/bin/env node
// The `backfill` command. It runs the compiled CLI in dist/. In this repository's checkout
// (src/ present) it first rebuilds the CLI and @backfill/sdk when a source is newer than their
// build, so `npm exec backfill` works right after `npm ci`, with no prepare or postinstall
// script and nothing compiled committed; a published package ships dist/ without src/ and
// skips the check.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, rmSync, statSync } = require('node:fs');
const path = require('node:path');

const cliRoot = path.resolve(__dirname, '..');
const projects = [path.resolve(cliRoot, '..', 'openapi', 'sdk'), cliRoot];

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function stale(root) {
  const built = path.join(root, 'dist', 'tsconfig.build.tsbuildinfo');
  if (!existsSync(built)) return true;
  const inputs = Math.max(
    newest(path.join(root, 'src')),
    statSync(path.join(root, 'tsconfig.build.json')).mtimeMs,
    statSync(path.join(root, 'package.json')).mtimeMs,
  );
  return inputs > statSync(built).mtimeMs;
}

/**
 * One build at a time: two `backfill` runs started together would otherwise both compile, and
 * one could load a file the other is rewriting. The lock is a directory (mkdir is atomic); one
 * left by a killed build is taken over after two minutes.
 */
function withBuildLock(build) {
  const lock = path.join(cliRoot, 'dist', '.build-lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000)
          rmSync(lock, { recursive: true, force: true });
      } catch {
        // Removed by its owner meanwhile: try again.
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    // Another run may have built while this one waited.
    return projects.some(stale) ? build() : true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Compiles the SDK and the CLI; false (after saying why on stderr) when that failed. */
function build() {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write(
      'backfill: the CLI is not built and TypeScript is not installed (npm ci installs it).\n',
    );
    return false;
  }
  // stderr, so `--json` output stays clean; tsc -b builds the SDK first (a project reference).
  process.stderr.write('backfill: building the CLI and the SDK (sources changed)...\n');
  const result = spawnSync(
    process.execPath,
    [tsc, '-b', path.join(cliRoot, 'tsconfig.build.json')],
    {
      stdio: ['ignore', 2, 2],
    },
  );
  if (result.status === 0) return true;
  process.stderr.write('backfill: the build failed (see above).\n');
  return false;
}

if (existsSync(path.join(cliRoot, 'src')) && projects.some(stale) && !withBuildLock(build)) {
  process.exit(1);
}

require('../dist/main.js');
