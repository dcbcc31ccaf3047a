#!/usr/bin/env node
// `npm run demo`: the dashboard emulator plus the API on a separate demo data dir, so the
// whole service can be tried without touching the real dashboard. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const emulatorPort = process.env.DEMO_EMULATOR_PORT ?? '4010';
const apiPort = process.env.PORT ?? '3000';
const dataDir = process.env.DEMO_DATA_DIR ?? join(root, 'demo-data');
const token = process.env.ADMIN_TOKEN ?? `demo-${randomBytes(12).toString('hex')}`;
mkdirSync(dataDir, { recursive: true });

// The Node flags `npm start` and the benchmarks run the service with: one list for all three.
const serviceNodeFlags = JSON.parse(
  readFileSync(join(root, 'tools', 'service-node-flags.json'), 'utf8'),
);

const children = [];
function start(name, args, env, readyPattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
    children.push(child);
    const onData = (chunk) => {
      const text = chunk.toString();
      process.stdout.write(
        text
          .split('\n')
          .filter(Boolean)
          .map((l) => `[${name}] ${l}\n`)
          .join(''),
      );
      if (readyPattern.test(text)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      reject(new Error(`${name} exited with code ${code}`));
      if (!stopping) void shutdown(code ?? 1);
    });
  });
}

let stopping = false;
/**
 * Passes the signal on and exits once both children have: the API drains its in-flight
 * items first (up to SHUTDOWN_GRACE_SECONDS) and releases its data directory's lock. A
 * second signal while stopping exits at once.
 */
async function shutdown(code) {
  if (stopping) process.exit(code || 130);
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  await start(
    'emulator',
    ['tools/dashboard-emulator/dist/cli.js', '--port', emulatorPort],
    {},
    /listening on/,
  );
  await start(
    'api',
    [...serviceNodeFlags, 'api/dist/main.js'],
    {
      PORT: apiPort,
      DATA_DIR: dataDir,
      ADMIN_TOKEN: token,
      DASHBOARD_BASE_URL: `http://127.0.0.1:${emulatorPort}`,
      ADMIN_WEB_DIR:
        process.env.ADMIN_WEB_DIR ?? join(root, 'admin-web', 'dist', 'admin-web', 'browser'),
    },
    /listening on/,
  );
  process.stdout.write(
    [
      '',
      'Demo is running against the dashboard emulator (not the real dashboard).',
      `  Console:     http://localhost:${apiPort}/`,
      `  Swagger UI:  http://localhost:${apiPort}/api/docs`,
      `  Admin token: ${token}`,
      `  Data dir:    ${dataDir}`,
      '',
      `Try: curl -H "Authorization: Bearer ${token}" http://localhost:${apiPort}/api/admin/backfill/status`,
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`demo failed to start: ${error.message}\n`);
  void shutdown(1);
}
