/**
 * axe-core in the page under test: its source is read from the installed package and
 * injected as a script tag (no network), then run on the whole document, overlays and
 * dialogs included. Every rule axe runs by default is on, plus the ones below.
 */
import { readFileSync } from 'node:fs';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const OPTIONS: RunOptions = {
  resultTypes: ['violations'],
  rules: {
    // Off by default; on here because voice control users say the visible label.
    'label-content-name-mismatch': { enabled: true },
  },
};

/** The violations axe finds in the page as it is now, one line per rule and element. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const results = await page.evaluate(
    (options) =>
      (
        window as unknown as { axe: { run(d: Document, o: RunOptions): Promise<AxeResults> } }
      ).axe.run(document, options),
    OPTIONS,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'n/a'}): ${node.target.join(' ')}: ` +
        node.failureSummary?.replace(/\s+/g, ' '),
    ),
  );
}
