#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { CliError, parseCliConfig, USAGE } from './cli-config';
import { startDashboardEmulator } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = parseCliConfig(process.argv.slice(2), process.env, (path) =>
      readFileSync(path, 'utf8'),
    );
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`dashboard-emulator: ${error.message}\nRun with --help for usage.\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startDashboardEmulator(config.options);
  // Scripts wait for exactly this line before sending requests.
  process.stdout.write(`dashboard-emulator listening on ${emulator.url}\n`);
  const stop = (): void => {
    emulator.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        process.stderr.write(`dashboard-emulator: error while closing: ${String(error)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `dashboard-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
