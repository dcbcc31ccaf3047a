import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { DataDirLock } from './storage/local/data-dir-lock';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = new Logger('Main');
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
  const url = await app.getUrl();
  logger.log(`Unified Backfill Service listening on ${url} (storage: ${config.storageDriver})`);
  logger.log(`Swagger UI: ${url}/api/docs`);
  if (config.adminTokenGenerated) {
    // Printed once, to the console only, so the service is never open by default.
    process.stdout.write(
      `\nNo ADMIN_TOKEN was set; generated one for this run:\n  ADMIN_TOKEN=${config.adminToken}\n\n`,
    );
  }
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
