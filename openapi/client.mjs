#!/usr/bin/env node
// Generates the Angular client in client/ from openapi.json with ng-openapi-gen.
// `--check` generates into a temp dir instead and fails when the committed client differs
// from it by a byte (a changed, missing or extra file).
//
// ng-openapi-gen.json keeps every model (ignoreUnusedModels: false): the generator's scan
// for used models misses those reached only through a nullable array (`type: [array,
// null]`, as OpenAPI 3.1 writes it), and every schema in the spec is used anyway.
//
//   node client.mjs [--check]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const committed = join(here, 'client');
const cli = join(
  dirname(createRequire(import.meta.url).resolve('ng-openapi-gen/package.json')),
  'lib',
  'index.js',
);
const check = process.argv.includes('--check');

function generate(output) {
  const run = spawnSync(
    process.execPath,
    [
      cli,
      '--config',
      join(here, 'ng-openapi-gen.json'),
      '--input',
      join(here, 'openapi.json'),
      '--output',
      output,
    ],
    { cwd: here, stdio: 'inherit' },
  );
  if (run.status !== 0) throw new Error(`ng-openapi-gen exited with ${run.status ?? run.signal}`);
}

function files(root) {
  const found = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.set(relative(root, full), readFileSync(full));
    }
  };
  try {
    walk(root);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  return found;
}

if (!check) {
  generate(committed);
  process.stdout.write(`Wrote ${relative(process.cwd(), committed) || '.'} from openapi.json\n`);
} else {
  const fresh = mkdtempSync(join(tmpdir(), 'openapi-client-'));
  try {
    generate(fresh);
    const want = files(fresh);
    const have = files(committed);
    const problems = [];
    for (const [file, bytes] of want) {
      if (!have.has(file)) problems.push(`missing  client/${file}`);
      else if (!have.get(file).equals(bytes)) problems.push(`changed  client/${file}`);
    }
    for (const file of have.keys()) if (!want.has(file)) problems.push(`extra    client/${file}`);
    if (problems.length > 0) {
      process.stderr.write(
        `openapi/client is out of date with openapi.json:\n  ${problems.sort().join('\n  ')}\n` +
          'Run `npm run openapi` and commit the result.\n',
      );
      process.exit(1);
    }
    process.stdout.write(`openapi/client matches openapi.json (${want.size} files)\n`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}
