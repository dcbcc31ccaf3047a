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
    // A dialog still fading in has blended colours: let finite animations and transitions
    // end first (endless ones, a spinner, are left running).
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
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

  async function apiPost<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${stack.baseUrl}/api/admin/backfill${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${stack.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 202, `POST ${path} answered ${res.status}`);
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

  void it('maps what is stored and previews filling the gaps in view', STEP, async () => {
    interface Coverage {
      from: string;
      districts: string[];
      counts: Record<'ok' | 'noData' | 'failed' | 'superseded' | 'missing', number>;
      failures: { date: string; reason: string; districts: number[] }[];
    }
    async function coverageOf(year: number): Promise<Coverage> {
      const yesterday = utcDate(1);
      const end = `${year + 1}-06-30`;
      const query = `from=${year}-07-01&to=${end < yesterday ? end : yesterday}`;
      const res = await fetch(`${stack.baseUrl}/api/admin/coverage?${query}`, {
        headers: { Authorization: `Bearer ${stack.token}` },
      });
      assert.equal(res.status, 200);
      return (await res.json()) as Coverage;
    }
    // The jobs above stored 61 and 01 on a few days; on the oldest one 01 failed. Its cell is
    // that day's, or its month end's when the day was a closing day, which may be in the
    // program year before.
    const failedDay = utcDate(61);
    let year = Number(failedDay.slice(0, 4)) - (failedDay.slice(5) < '07-01' ? 1 : 0);
    let expected = await coverageOf(year);
    if (expected.counts.failed === 0) expected = await coverageOf(--year);
    assert.ok(expected.counts.ok >= 1 && expected.counts.failed >= 1, JSON.stringify(expected));

    await page.getByTestId('nav-coverage').click();
    await page.waitForURL(/\/coverage$/);
    await choose('program-year', `${year}-${year + 1}`);
    const summary = page.getByTestId('coverage-summary');
    const { ok, noData, failed, superseded, missing } = expected.counts;
    await summary
      .filter({ hasText: `${ok} stored, ${superseded} closing day, ${noData} no data, ` })
      .filter({ hasText: `${failed} failed, ${missing} missing` })
      .waitFor();
    assert.match(
      await summary.innerText(),
      new RegExp(`^${expected.districts.length} districts × `),
    );
    const legendFailed = await page.getByTestId('legend-failed').textContent();
    assert.equal(legendFailed?.replace(/\s+/g, ' ').trim(), `✗ failed: ${failed}`);

    // The keyboard reads any cell: 01's failed one (on the month end its day closed, when it
    // was a closing day), then 61's stored one on the same date.
    const failure = expected.failures[0];
    const column = Math.round((Date.parse(failure.date) - Date.parse(expected.from)) / DAY_MS);
    const map = page.getByTestId('heat-map');
    await map.focus();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < failure.districts[0]; i++) await page.keyboard.press('ArrowDown');
    const details = page.getByTestId('cell-details');
    await details
      .filter({ hasText: `District 01 on ${failure.date}: ✗ failed` })
      .filter({ hasText: failure.reason })
      .waitFor();
    for (let i = failure.districts[0]; i < expected.districts.indexOf('61'); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await details.filter({ hasText: `District 61 on ${failure.date}: ✓ stored` }).waitFor();
    await expectAccessible('coverage');
    await screenshot(page, 'coverage');
    // Pointing at a cell tells its details too.
    await map.hover({ position: { x: 60, y: 40 } });
    await details.filter({ hasText: /^\s*District \S+ on \d{4}-\d{2}-\d{2}: / }).waitFor();

    await page.getByTestId('fill-gaps').click();
    const facts = page.getByTestId('preview-facts');
    await facts.waitFor();
    assert.match(await facts.innerText(), /\bdistricts?\b/);
    await waitForFocus(page.getByTestId('preview-close'));
    await expectAccessible('coverage, fill gaps preview');
    await page.getByTestId('preview-close').click();
    await facts.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Backfill' }).click();
    await page.getByRole('heading', { name: 'New backfill job' }).waitFor();
  });

  void it('brings the sign-in prompt back with a message after a 401', STEP, async () => {
    await page.evaluate(() => sessionStorage.setItem('ubs.adminToken', 'rotated-away-0123456789'));
    // Any request now meets a 401. The page polls (the active job, the last recovery, the
    // schedule), so one of those may meet it before this click does and take the page to
    // the sign-in prompt first; either way the prompt must come back with its message.
    const refresh = page.getByRole('button', { name: 'Refresh history' });
    await refresh.click({ timeout: 5_000 }).catch((error: unknown) => {
      if (!/\/sign-in/.test(page.url())) throw error;
    });
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

  /** Where a job's page lives, once the browser is on it. */
  const JOB_PATH = /\/jobs\/[0-9a-f-]{36}$/;
  /** The program year (July to June) a date belongs to. */
  const programYearOf = (date: string) => {
    const year = Number(date.slice(0, 4));
    const first = Number(date.slice(5, 7)) >= 7 ? year : year - 1;
    return `${first}-${first + 1}`;
  };
  let jobPageUrl = '';

  void it('shows the last recovery on the Backfill page', STEP, async () => {
    await page.goto(stack.baseUrl);
    const recovery = page.getByTestId('last-recovery');
    await recovery.getByTestId('recovery-outcome').waitFor();
    // The API checks on every heartbeat: with no job left active, nothing to recover, and
    // while a job ran here, that job left alone. Either way, what it found and why.
    const { recovery: last } = await api<{ recovery: { message: string } | null }>('/status');
    assert.ok(last, 'the API has checked for a job to recover');
    assert.match(
      await recovery.getByTestId('recovery-outcome').innerText(),
      /(Nothing to recover|Left a job alone)\s+· checked \d{4}-\d{2}-\d{2} [\d:]+ UTC$/,
    );
    assert.match(await recovery.getByTestId('recovery-message').innerText(), /\w/);
    await expectAccessible('backfill page with the last recovery');
    await screenshot(page, 'backfill-recovery');
  });

  void it(
    "opens a job's page from the history: items, action log, config; back and forward",
    STEP,
    async () => {
      const row = page
        .getByTestId('history-row')
        .filter({ hasText: 'Completed with 1 failed' })
        .first();
      await row.getByTestId('open-job').click();
      await page.waitForURL(JOB_PATH);
      jobPageUrl = page.url();
      await page.getByTestId('job-page-title').waitFor();
      await page
        .getByTestId('current-job')
        .getByTestId('status')
        .filter({ hasText: 'Completed with 1 failed' })
        .waitFor();
      // Both items of the job, then the failed one alone through the outcome filter.
      const items = page.getByTestId('item-row');
      await items.nth(1).waitFor();
      assert.equal(await items.count(), 2);
      await choose('outcome-filter', 'Failed (1)');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="item-row"]').length === 1,
      );
      assert.match(await items.first().innerText(), /\/01\b[\s\S]*Failed/);
      const log = page.getByTestId('action-row').first();
      assert.match(await log.innerText(), /UTC\s+admin\s+Created/);
      assert.equal(await page.getByTestId('config-districts').innerText(), '61, 01');
      await expectAccessible('job page, failed items');
      await screenshot(page, 'job-page');

      // Back to the Backfill page, forward to the job again, as the browser's buttons do.
      await page.goBack();
      await page.getByRole('heading', { name: 'New backfill job' }).waitFor();
      await page.goForward();
      await page.waitForURL(jobPageUrl);
      await page.getByTestId('job-page-title').waitFor();

      // The job shown on the Backfill page links to its page as well.
      await page.getByTestId('back-to-backfill').click();
      await page.getByTestId('current-job').waitFor();
      await page.getByTestId('open-job-page').click();
      await page.waitForURL(JOB_PATH);
      await page.getByTestId('action-log').waitFor();
    },
  );

  void it(
    'lands a deep link followed before sign-in on its page once signed in',
    STEP,
    async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in$/);
      await page.goto(jobPageUrl);
      await page.waitForURL(/\/sign-in\?returnUrl=/);
      await page.getByTestId('token-input').fill(stack.token);
      await page.getByTestId('sign-in').click();
      await page.waitForURL(jobPageUrl);
      await page.getByTestId('job-page-title').waitFor();

      // A return URL that would leave the console is ignored: the Backfill page instead.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in$/);
      await page.goto(`${stack.baseUrl}/sign-in?returnUrl=${encodeURIComponent('//example.com/')}`);
      await page.getByTestId('token-input').fill(stack.token);
      await page.getByTestId('sign-in').click();
      await page.getByRole('heading', { name: 'New backfill job' }).waitFor();
      assert.equal(new URL(page.url()).host, new URL(stack.baseUrl).host);
      assert.equal(new URL(page.url()).pathname, '/');
    },
  );

  void it("runs analytics, then charts a district's program year", STEP, async () => {
    // Analytics over every stored date, watched to the end on the job's own page.
    const { jobId } = await apiPost<{ jobId: string }>('', { jobType: 'analytics-generation' });
    await page.goto(`${stack.baseUrl}/jobs/${jobId}`);
    await page
      .getByTestId('current-job')
      .getByTestId('status')
      .filter({ hasText: 'Completed' })
      .waitFor({ timeout: 90_000 });

    await page.getByRole('link', { name: 'District analytics' }).click();
    await page.getByTestId('analytics-empty').waitFor();
    const year = programYearOf(utcDate(20));
    // The districts are suggested once the stored summary's list has arrived.
    await page.getByText(/districts known from/).waitFor();
    await page.getByTestId('analytics-district').fill('6');
    await page
      .getByTestId('analytics-district-suggestion')
      .filter({ hasText: /^\s*61\b/ })
      .click();
    await choose('analytics-year', year);
    await page.getByTestId('analytics-show').click();
    await page
      .getByTestId('series-title')
      .filter({ hasText: `District 61, ${year}` })
      .waitFor();
    assert.match(page.url(), new RegExp(`district=61&year=${year}`));
    const summary = await page.getByTestId('series-summary').innerText();
    for (const mark of ['Start', 'End', 'Peak', 'Low']) assert.match(summary, new RegExp(mark));
    await page.locator('[data-testid="trend-chart"] canvas').waitFor();
    await page.locator('[data-testid="health-chart"] canvas').waitFor();

    // The chart is read from the keyboard: Tab to it, then the arrow keys, point by point.
    const trend = page.getByTestId('trend-chart');
    await tabTo(trend);
    await page.keyboard.press('Home');
    const readout = page.getByTestId('chart-readout').first();
    await readout.filter({ hasText: /^\d{4}-\d{2}-\d{2}: Membership \d+, Payments \d+/ }).waitFor();
    await expectAccessible('district analytics, a chart point read from the keyboard');
    await screenshot(page, 'analytics-district');

    // Back returns to the empty pickers the page opened with.
    await page.goBack();
    await page.getByTestId('analytics-empty').waitFor();
    await page.goForward();
    await page.getByTestId('series-title').waitFor();
  });

  void it('ranks the districts of a snapshot date, sortable by any column', STEP, async () => {
    await page.getByRole('link', { name: 'Snapshot ranking' }).click();
    await page.getByTestId('snapshot-empty').waitFor();
    await page.getByTestId('snapshot-date').fill(utcDate(20));
    await page.getByTestId('snapshot-show').click();
    const rows = page.getByTestId('ranking-row');
    await rows.nth(2).waitFor();
    assert.match(await rows.first().innerText(), /^1\s/);
    // The districts collected that day, with their club health and distinguished clubs.
    const districts = page.getByTestId('snapshot-district-row');
    await districts.nth(1).waitFor();
    assert.deepEqual(
      (await districts.allInnerTexts()).map((text) => text.split(/\s/)[0]),
      ['01', '61'],
    );

    // Sorting by a category puts its values in order.
    const header = page.getByRole('columnheader', { name: /^Club growth/ });
    await header.getByRole('button').click();
    await page.waitForFunction(
      (element) => element?.getAttribute('aria-sort') === 'ascending',
      await header.elementHandle(),
    );
    const values = (await rows.allInnerTexts()).map((text) =>
      Number(text.split('\t')[3].replace('%', '')),
    );
    assert.ok(values.length > 2);
    assert.deepEqual(
      values,
      [...values].sort((a, b) => a - b),
    );
    await expectAccessible('snapshot ranking, sorted by club growth');
    await screenshot(page, 'analytics-snapshot');
  });
});
