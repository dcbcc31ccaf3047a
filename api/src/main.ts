import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config/app-config';
import { EnvFile, readEnvFile } from './config/env-file';
import { createApp } from './create-app';
import { DataDirLock } from './storage/local/data-dir-lock';

async function main(): Promise<void> {
  let config;
  let envFile: EnvFile = { file: null, values: {} };
  try {
    envFile = readEnvFile();
    // The real environment wins over the file, as with every .env loader.
    config = loadConfig({ ...envFile.values, ...process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      const fromFile = error.variable in envFile.values && !(error.variable in process.env);
      process.stderr.write(`${error.message}${fromFile ? ` (set in ${envFile.file})` : ''}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = new Logger('Main');
  if (envFile.file) {
    // Names only: the file may hold ADMIN_TOKEN, and values never reach the logs.
    const names = Object.keys(envFile.values).filter((name) => !(name in process.env));
    logger.log(
      `Read ${envFile.file}: ${names.length ? names.join(', ') : 'nothing not already set'}`,
    );
  }
  // Taken before the app exists, so a second process on the same DATA_DIR never starts a
  // runner; held until the process ends (after the graceful drain), whatever ends it.
  const lock =
    config.storageDriver === 'local'
      ? await DataDirLock.acquire(config.dataDir, {
          instanceId: config.instanceId,
          warn: (message) => logger.warn(message),
        })
      : null;
  process.on('exit', () => lock?.releaseSync());
  const app = await createApp({ config });
  stopGracefullyOn(['SIGTERM', 'SIGINT'], async (signal) => {
    logger.log(
      `${signal} received: no new items; in-flight items get up to ${config.shutdownGraceSeconds} s`,
    );
    await app.close();
    await lock?.release();
  });
  await app.listen(config.port, config.host);
  const { url, localUrl } = boundUrls(app.getHttpServer().address());
  const wildcard = localUrl === url ? '' : ` (every interface; from this machine ${localUrl})`;
  logger.log(
    `Unified Backfill Service listening on ${url}${wildcard} (storage: ${config.storageDriver})`,
  );
  logger.log(`Swagger UI: ${localUrl}/api/docs`);
  if (config.adminTokenGenerated) {
    // Printed once, to the console only, so the service is never open by default.
    process.stdout.write(
      `\nNo ADMIN_TOKEN was set; generated one for this run:\n  ADMIN_TOKEN=${config.adminToken}\n\n`,
    );
  }
}

/**
 * The address the server is actually bound to (Nest's getUrl() names 127.0.0.1 for a
 * server bound to every interface), and the one to open from this machine.
 */
function boundUrls(address: AddressInfo | string | null): { url: string; localUrl: string } {
  if (address === null || typeof address === 'string') {
    const url = `http://${address ?? 'localhost'}`;
    return { url, localUrl: url };
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  return { url, localUrl: wildcard ? `http://localhost:${address.port}` : url };
}

/**
 * Runs `stop` once on the first of these signals, then exits 0; a second signal while
 * stopping exits at once.
 */
function stopGracefullyOn(signals: NodeJS.Signals[], stop: (signal: string) => Promise<void>) {
  let stopping = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
