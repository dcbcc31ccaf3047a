/**
 * Writes the OpenAPI spec from the Nest app without listening, with sorted keys so diffs
 * are stable. `--check` compares instead of writing and fails on any difference.
 *
 *   node dist/scripts/write-openapi.js [--check] <output.json>
 */
import 'reflect-metadata';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../config/app-config';
import { buildOpenApiDocument, createApp } from '../create-app';

export async function generateOpenApiJson(): Promise<string> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openapi-'));
  const config = loadConfig({
    ADMIN_TOKEN: 'spec-generation-only-token',
    DATA_DIR: dataDir,
    INSTANCE_ID: 'openapi',
  });
  const app = await createApp({ config, logger: false });
  try {
    return JSON.stringify(sortKeys(buildOpenApiDocument(app)), null, 2) + '\n';
  } finally {
    await app.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

async function main(args: string[]): Promise<void> {
  const check = args.includes('--check');
  const target = args.find((arg) => !arg.startsWith('--'));
  if (!target) throw new Error('usage: write-openapi [--check] <output.json>');
  const fresh = await generateOpenApiJson();
  if (!check) {
    await fs.writeFile(target, fresh);
    process.stdout.write(`Wrote ${target}\n`);
    return;
  }
  const committed = await fs.readFile(target, 'utf8').catch(() => '');
  if (committed !== fresh) {
    process.stderr.write(
      `${target} is out of date with the API. Run \`npm run openapi\` and commit the result.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${target} matches the API\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
