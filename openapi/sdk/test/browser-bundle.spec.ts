import { build } from 'esbuild';
import * as path from 'node:path';

/**
 * The SDK must run in browsers: bundled for the browser platform, any import of a Node
 * built-in (by the SDK or by a dependency) fails to resolve and fails this test.
 */
describe('@backfill/sdk in a browser bundle', () => {
  it('bundles for the browser with no Node built-ins', async () => {
    const result = await build({
      entryPoints: [path.join(__dirname, '..', 'src', 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toContain('createBackfillClient');
    expect(code).not.toMatch(/\brequire\(/);
  });
});
