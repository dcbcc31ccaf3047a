/**
 * The admin console in a real browser against the real API and the dashboard emulator:
 * sign-in (and a rejected token), rate-limit settings, preview, start and watch a job to
 * 100%, districts suggested from what it stored, cancel another job, filter the history,
 * a job with failed items, a 401 that brings the prompt back, and the same round again with
 * the keyboard alone. axe-core checks every page and dialog in each state reached.
 * The steps share one browser page and run in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './a11y';
import { OUTPUT_DIR, Stack, screenshot, startStack } from './harness';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const DAY_MS = 86_400_000;
const utcDate = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);
const STEP = { timeout: 120_000 };

void describe('admin console', { timeout: 600_000 }, () => {
  let stack: Stack;
  let page: Page;

  before(async () => {
    stack = await startStack();
    page = stack.page;
  });

  /** Each state axe checked, with what it found (written to e2e/output/axe.json). */
  const axeReport: Record<string, string[]> = {};

  after(async () => {
    await stack?.stop();
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(path.join(OUTPUT_DIR, 'axe.json'), JSON.stringify(axeReport, null, 2));
  });

  /** axe-core on the page as it is now, overlays and dialogs included: no violation. */
  async function expectAccessible(state: string): Promise<void> {
    const violations = await axeViolations(page);
    axeReport[state] = violations;
    assert.deepEqual(violations, [], `axe in the state "${state}"`);
  }

  /** Whether the element is the one with keyboard focus. */
  function hasFocus(locator: Locator): Promise<boolean> {
    return locator.evaluate((element) => element === document.activeElement);
  }

  /** Waits until the element has focus (a dialog moves it there once it has opened). */
  async function waitForFocus(locator: Locator): Promise<void> {
    await page.waitForFunction(
      (element) => element === document.activeElement,
      await locator.elementHandle(),
    );
  }

  /**
   * Presses Tab until the element has focus, as a keyboard user would; fails when it is
   * not reached in a page's worth of stops.
   */
  async function tabTo(locator: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
    await locator.waitFor();
    for (let stops = 0; stops < 120; stops++) {
      if (await hasFocus(locator)) return;
      await page.keyboard.press(key);
    }
    assert.fail(`Tab never reached ${locator.toString()}`);
  }

  /** The open autocomplete or select panel, if any. */
  const suggestionPanel = () => page.locator('.cdk-overlay-pane:has(mat-option)');

  async function api<T>(path: string): Promise<T> {
    const res = await fetch(`${stack.baseUrl}/api/admin/backfill${path}`, {
      headers: { Authorization: `Bearer ${stack.token}` },
    });
    assert.equal(res.status, 200, `GET ${path} answered ${res.status}`);
    return (await res.json()) as T;
  }

  /**
   * Opens a mat-select and toggles the options (in a multiple one; a single one closes on
   * its choice), waiting after each click for the option's selected state to flip, then
   * closes it.
   */
  async function choose(testId: string, ...options: string[]): Promise<void> {
    await closeOverlays();
    await page.getByTestId(testId).click();
    const listbox = page.getByRole('listbox');
    await listbox.waitFor();
    const multiple = (await listbox.getAttribute('aria-multiselectable')) === 'true';
    for (const name of options) {
      const option = page.getByRole('option', { name, exact: true });
      const before = await option.getAttribute('aria-selected');
      await option.click();
      if (multiple) {
        await page
          .getByRole('option', { name, exact: true, selected: before !== 'true' })
          .waitFor();
      }
    }
    await closeOverlays();
    await page.locator('.cdk-overlay-backdrop').waitFor({ state: 'detached' });
  }

  /**
   * Expands a mat-expansion-panel and waits until it is open. A click can be swallowed
   * under load (an autocomplete overlay that the click only closes, a render in between),
   * so it clicks again until the header reports `aria-expanded="true"`.
   */
  async function setExpanded(header: Locator, expanded: boolean): Promise<void> {
    const want = String(expanded);
    for (let attempt = 1; ; attempt++) {
      if ((await header.getAttribute('aria-expanded')) === want) return;
      await closeOverlays();
      await header.click();
      try {
        await page.waitForFunction(
          ([element, value]) => element?.getAttribute('aria-expanded') === value,
          [await header.elementHandle(), want] as const,
          { timeout: 5_000 },
        );
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Closes any open overlay (autocomplete, select) so the next click reaches the page. */
  async function closeOverlays(): Promise<void> {
    const panes = page.locator('.cdk-overlay-pane:has(mat-option), .cdk-overlay-backdrop');
    if ((await panes.count()) === 0) return;
    await page.keyboard.press('Escape');
    await panes.first().waitFor({ state: 'detached' });
  }

  /** Types a district and presses Enter, then waits for its chip. */
  async function addDistrict(district: string): Promise<void> {
    await page.getByTestId('district-input').fill(district);
    await page.getByTestId('district-input').press('Enter');
    await page.getByRole('button', { name: `Remove district ${district}` }).waitFor();
  }

  /** Removes a district's chip and waits until it is gone. */
  async function removeDistrict(district: string): Promise<void> {
    const remove = page.getByRole('button', { name: `Remove district ${district}` });
    await remove.click();
    await remove.waitFor({ state: 'detached' });
  }

  async function fillDates(start: string, end: string): Promise<void> {
    await page.getByTestId('start-date').fill(start);
    await page.getByTestId('end-date').fill(end);
    await page.getByTestId('end-date').blur();
  }

  void it(
    'sends an unknown visitor to the sign-in prompt and rejects a wrong token',
    STEP,
    async () => {
      await page.goto(stack.baseUrl);
      await page.waitForURL(/\/sign-in$/);
      await expectAccessible('sign-in');
      await screenshot(page, 'sign-in');
      await page.getByTestId('token-input').fill('not-the-right-token-000');
      await page.getByTestId('sign-in').click();
      const notice = page.getByTestId('sign-in-notice');
      await notice.waitFor();
      assert.match(await notice.innerText(), /rejected by the API \(401\)/);
      await expectAccessible('sign-in, token rejected');
    },
  );

  void it('signs in with the admin token', STEP, async () => {
    await page.getByTestId('token-input').fill(stack.token);
    await page.getByTestId('sign-in').click();
    await page.getByRole('heading', { name: 'New backfill job' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    const stored = await page.evaluate(() => sessionStorage.getItem('ubs.adminToken'));
    assert.equal(stored, stack.token);
    await page.getByTestId('no-current-job').waitFor();
    await expectAccessible('signed in, no job');
  });

  void it('validates and saves the rate-limit settings', STEP, async () => {
    await page.getByTestId('limit-maxConcurrent').fill('99');
    await page.getByTestId('limit-save').click();
    await page.getByText('maxConcurrent must be an integer between 1 and 32').waitFor();
    await page.getByTestId('limit-minDelayMs').fill('2000');
    await page.getByTestId('limit-maxDelayMs').fill('1000');
    await page.getByTestId('limit-maxConcurrent').fill('4');
    await page.getByTestId('limit-save').click();
    await page.getByText('minDelayMs (2000) must not exceed maxDelayMs (1000)').waitFor();

    await page.getByTestId('limit-maxRequestsPerMinute').fill('6000');
    await page.getByTestId('limit-minDelayMs').fill('0');
    await page.getByTestId('limit-backoffMultiplier').fill('1.5');
    await page.getByTestId('limit-pauseEveryRequests').fill('50');
    await page.getByTestId('limit-save').click();
    await page.getByTestId('limit-saved').waitFor();
    const saved = await api<Record<string, number>>('/config/rate-limit');
    assert.deepEqual(saved, {
      maxRequestsPerMinute: 6000,
      maxConcurrent: 4,
      minDelayMs: 0,
      maxDelayMs: 1000,
      backoffMultiplier: 1.5,
      pauseEveryRequests: 50,
      pauseMs: 5000,
    });
  });

  void it('shows inline date validation matching the API', STEP, async () => {
    await fillDates(utcDate(3), utcDate(0));
    await page.getByTestId('preview').click();
    const error = page.getByTestId('date-error');
    await error.waitFor();
    assert.match(await error.innerText(), /must be before today/);
    await expectAccessible('date error shown');
  });

  void it('previews a job, starts it from the dialog and watches it reach 100%', STEP, async () => {
    await fillDates(utcDate(22), utcDate(20));
    for (const district of ['61', '01']) {
      await addDistrict(district);
      // The suggestions close once a district is chosen, without Escape.
      await suggestionPanel().first().waitFor({ state: 'detached' });
    }
    await page.getByTestId('preview').click();
    const total = page.getByTestId('preview-total');
    await total.waitFor();
    assert.equal(await total.innerText(), '6');
    const facts = await page.getByTestId('preview-facts').innerText();
    assert.match(facts, /\(3 dates\)/);
    assert.match(facts, /\b2 districts: 61, 01\b/);
    // Focus starts on Close, so a stray Enter does not start the job.
    await waitForFocus(page.getByTestId('preview-close'));
    await expectAccessible('preview dialog');
    await screenshot(page, 'preview-dialog');
    await page.getByTestId('preview-start').click();

    await page.getByTestId('current-job').waitFor();
    await page.getByTestId('percent').filter({ hasText: '100%' }).waitFor({ timeout: 90_000 });
    await page
      .getByTestId('current-job')
      .getByTestId('status')
      .filter({ hasText: 'Completed' })
      .waitFor();
    assert.equal(await page.getByTestId('processed').innerText(), '6 / 6');
    // Every planned cell is finished: the grid shows no pending cell.
    await page.getByTestId('count-pending').filter({ hasText: /^0$/ }).waitFor();
    const breakdown = page.getByTestId('breakdown').locator('mat-expansion-panel-header');
    await setExpanded(breakdown, true);
    assert.match(await breakdown.innerText(), /\b2 districts\b/);
    await expectAccessible('completed');
    await screenshot(page, 'backfill-completed');
    await setExpanded(breakdown, false);
  });

  void it('suggests the districts of the summary the job stored', STEP, async () => {
    const input = page.getByTestId('district-input');
    await input.click();
    await input.fill('6');
    const suggestion = page.getByTestId('district-suggestion').filter({ hasText: /^\s*62\b/ });
    await suggestion.waitFor();
    // 61 is chosen already, so it is not offered again.
    const offered = await page.getByTestId('district-suggestion').allInnerTexts();
    assert.ok(offered.every((text) => /^6/.test(text.trim()) && !/^61\b/.test(text.trim())));
    assert.match(await page.getByTestId('district-hint').innerText(), /districts known from/);
    await expectAccessible('district suggestions open');
    await screenshot(page, 'district-suggestions');
    await suggestion.click();
    await page.getByRole('button', { name: 'Remove district 62' }).waitFor();
    assert.equal(await input.inputValue(), '');
    // Chosen by click, the suggestions close by themselves.
    await page.getByTestId('district-suggestion').first().waitFor({ state: 'detached' });
    await removeDistrict('62');
  });

  void it('cancels another, slower job after confirming', STEP, async () => {
    await fillDates(utcDate(45), utcDate(41));
    for (const district of ['61', '01']) await removeDistrict(district);
    const overrides = page.locator('mat-expansion-panel-header', {
      hasText: 'Rate-limit overrides',
    });
    await setExpanded(overrides, true);
    await page.getByTestId('override-maxRequestsPerMinute').fill('20');
    await page.getByTestId('override-maxConcurrent').fill('1');
    await closeOverlays();
    await page.getByTestId('start').click();

    const current = page.getByTestId('current-job');
    await current.getByTestId('status').filter({ hasText: 'Running' }).waitFor();
    await page.getByTestId('live-mode').filter({ hasText: 'server-sent events' }).waitFor();
    await expectAccessible('running');
    await screenshot(page, 'job-running');

    // Paused and resumed first, with the buttons beside Cancel.
    await page.getByTestId('pause-job').click();
    const pauseConfirm = page.getByRole('dialog').getByRole('button', { name: 'Pause job' });
    await pauseConfirm.waitFor();
    await waitForFocus(page.getByTestId('confirm-no'));
    await expectAccessible('pause confirmation');
    await pauseConfirm.click();
    await current.getByTestId('status').filter({ hasText: 'Paused' }).waitFor();
    // Enabled once the runner has finished its items in flight and let go of the job.
    const resume = page.getByTestId('resume-job').filter({ hasText: 'Resume job' });
    await resume.waitFor();
    assert.equal(await resume.isEnabled(), true);
    await expectAccessible('paused');
    await screenshot(page, 'job-paused');
    await resume.click();
    const resumeConfirm = page.getByRole('dialog').getByRole('button', { name: 'Resume job' });
    await resumeConfirm.waitFor();
    await waitForFocus(page.getByTestId('confirm-no'));
    await expectAccessible('resume confirmation');
    await resumeConfirm.click();
    await current.getByTestId('status').filter({ hasText: 'Running' }).waitFor();
    const resumedJob = await api<{ jobs: { jobId: string; status: string }[] }>('/jobs?limit=1');
    const actions = await api<{ actions: { action: string }[] }>(`/${resumedJob.jobs[0].jobId}`);
    assert.deepEqual(
      actions.actions.map((a) => a.action),
      ['created', 'paused', 'resumed'],
    );

    await page.getByTestId('cancel-job').click();
    const confirm = page.getByRole('dialog').getByRole('button', { name: 'Cancel job' });
    await confirm.waitFor();
    await waitForFocus(page.getByTestId('confirm-no'));
    await expectAccessible('cancel confirmation');
    await confirm.click();
    await current.getByTestId('status').filter({ hasText: 'Cancelled' }).waitFor();
    const page1 = await api<{ jobs: { status: string }[] }>('/jobs?status=cancelled');
    assert.equal(page1.jobs.length, 1);
    await expectAccessible('cancelled');

    // A reload keeps the job that just ended on the page, with its outcome.
    await page.reload();
    await current.getByTestId('status').filter({ hasText: 'Cancelled' }).waitFor();
    assert.equal(await page.getByTestId('no-current-job').count(), 0);
  });

  void it('filters the history by status and type', STEP, async () => {
    const rows = page.getByTestId('history-row');
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);

    await choose('status-filter', 'Cancelled');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="history-row"]').length === 1,
    );
    assert.match(await rows.first().innerText(), /Cancelled/);

    await choose('status-filter', 'Cancelled', 'Completed');
    await rows.first().filter({ hasText: 'Completed' }).waitFor();
    assert.equal(await rows.count(), 1);
    // Shown from the history: the selected row, its status chip on the row's tint.
    await rows
      .first()
      .getByRole('button', { name: /^Show job / })
      .click();
    await rows
      .first()
      .getByRole('button', { name: /^Shown job / })
      .waitFor();
    await page
      .getByTestId('current-job')
      .getByTestId('status')
      .filter({ hasText: 'Completed' })
      .waitFor();
    await expectAccessible('history filtered, a completed job selected');
    await screenshot(page, 'history-filtered');

    await choose('type-filter', 'Analytics generation');
    await page.getByText('No jobs match.').waitFor();
    await choose('type-filter', 'All types');
    await rows.first().waitFor();
  });

  void it('shows a job whose items failed, with their retry', STEP, async () => {
    // The dashboard answers district 01 with a broken CSV, which is not retried.
    stack.emulator.setFaults({
      latencyMs: 5,
      rules: [{ kind: 'malformed', districts: ['01'], malformed: 'column-count' }],
    });
    try {
      await fillDates(utcDate(61), utcDate(61));
      for (const district of ['61', '01']) await addDistrict(district);
      await page.getByTestId('start').click();
      const current = page.getByTestId('current-job');
      await current
        .getByTestId('status')
        .filter({ hasText: 'Completed with 1 failed' })
        .waitFor({ timeout: 90_000 });
      await page.getByTestId('retry-failed').filter({ hasText: 'Retry 1 failed item' }).waitFor();
      await expectAccessible('completed with a failed item');
      await screenshot(page, 'job-failed-items');
      for (const district of ['61', '01']) await removeDistrict(district);
    } finally {
      stack.emulator.setFaults({ latencyMs: 5 });
    }
  });

  void it('brings the sign-in prompt back with a message after a 401', STEP, async () => {
    await page.evaluate(() => sessionStorage.setItem('ubs.adminToken', 'rotated-away-0123456789'));
    await page.getByRole('button', { name: 'Refresh history' }).click();
    await page.waitForURL(/\/sign-in$/);
    const notice = page.getByTestId('sign-in-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /rejected your admin token \(401\)/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('ubs.adminToken')), null);
    await expectAccessible('sign-in after a 401');
    await screenshot(page, 'session-expired');
  });

  void it(
    'signs in, previews, starts and cancels a job with the keyboard alone',
    STEP,
    async () => {
      const keys = page.keyboard;
      await tabTo(page.getByTestId('token-input'));
      await keys.type(stack.token);
      await keys.press('Enter');
      await page.getByRole('heading', { name: 'New backfill job' }).waitFor();
      // The newest job is on the page after signing in again, though none is running.
      const current = page.getByTestId('current-job');
      await current.getByTestId('status').first().waitFor();

      await tabTo(page.getByTestId('start-date'));
      await keys.type(utcDate(90));
      await tabTo(page.getByTestId('end-date'));
      await keys.type(utcDate(81));
      await tabTo(page.getByTestId('district-input'));
      await keys.type('61');
      await keys.press('Enter');
      await page.getByRole('button', { name: 'Remove district 61' }).waitFor();
      await suggestionPanel().first().waitFor({ state: 'detached' });

      const overrides = page.locator('mat-expansion-panel-header', {
        hasText: 'Rate-limit overrides',
      });
      await tabTo(overrides);
      await keys.press('Enter');
      await page.waitForFunction(
        (element) => element?.getAttribute('aria-expanded') === 'true',
        await overrides.elementHandle(),
      );
      await tabTo(page.getByTestId('override-maxRequestsPerMinute'));
      await keys.type('20');
      await tabTo(page.getByTestId('override-maxConcurrent'));
      await keys.type('1');
      await keys.press('Enter'); // Enter in the form previews; it never starts a job.

      await page.getByTestId('preview-total').waitFor();
      await waitForFocus(page.getByTestId('preview-close'));
      await keys.press('Tab');
      assert.ok(await hasFocus(page.getByTestId('preview-start')));
      await screenshot(page, 'keyboard-preview-start');
      await keys.press('Enter');

      await current.getByTestId('status').filter({ hasText: 'Running' }).waitFor();
      await tabTo(page.getByTestId('cancel-job'), 'Shift+Tab');
      await keys.press('Enter');
      await page.getByTestId('confirm-no').waitFor();
      await waitForFocus(page.getByTestId('confirm-no'));
      await expectAccessible('cancel confirmation, keyboard');
      await screenshot(page, 'keyboard-cancel-confirm');
      await keys.press('Tab');
      assert.ok(await hasFocus(page.getByTestId('confirm-yes')));
      await keys.press('Enter');
      await current.getByTestId('status').filter({ hasText: 'Cancelled' }).waitFor();
      const cancelled = await api<{ jobs: unknown[] }>('/jobs?status=cancelled');
      assert.equal(cancelled.jobs.length, 2);
      await expectAccessible('cancelled with the keyboard');
    },
  );
});
