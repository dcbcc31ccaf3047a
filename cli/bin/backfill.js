#!/usr/bin/env node
// The `backfill` command. It runs the compiled CLI in dist/. In this repository's checkout
// (src/ present) it first rebuilds the CLI and @backfill/sdk when a source is newer than their
// build, so `npm exec backfill` works right after `npm ci`, with no prepare or postinstall
// script and nothing compiled committed; a published package ships dist/ without src/ and
// skips the check.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
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

if (existsSync(path.join(cliRoot, 'src')) && projects.some(stale)) {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write(
      'backfill: the CLI is not built and TypeScript is not installed (npm ci installs it).\n',
    );
    process.exit(1);
  }
  // stderr, so `--json` output stays clean; tsc -b builds the SDK first (a project reference).
  process.stderr.write('backfill: building the CLI and the SDK (sources changed)...\n');
  const build = spawnSync(
    process.execPath,
    [tsc, '-b', path.join(cliRoot, 'tsconfig.build.json')],
    {
      stdio: ['ignore', 2, 2],
    },
  );
  if (build.status !== 0) {
    process.stderr.write('backfill: the build failed (see above).\n');
    process.exit(1);
  }
}

require('../dist/main.js');
