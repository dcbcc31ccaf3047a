import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './create-app';

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
  const app = await createApp({ config });
  await app.listen(config.port, config.host);
  const logger = new Logger('Main');
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

main().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
