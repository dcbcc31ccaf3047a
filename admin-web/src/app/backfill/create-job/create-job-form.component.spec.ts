import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { closedDialog, jobDto, provideApiTesting } from '../../../testing/api-testing';
import { addDays, utcDateOf } from '../../shared/utc-dates';
import { CreateJobFormComponent } from './create-job-form.component';

describe('CreateJobFormComponent', () => {
  const yesterday = addDays(utcDateOf(Date.now()), -1);

  function render() {
    TestBed.configureTestingModule({ providers: provideApiTesting() });
    const fixture = TestBed.createComponent(CreateJobFormComponent);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const type = (testId: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
    };
    const click = async (testId: string) => {
      el.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, el, type, click, backend: TestBed.inject(HttpTestingController) };
  }

  it('requires dates for data collection, with the API message, and sends nothing', async () => {
    const { el, click, backend } = render();
    await click('start');
    expect(el.querySelector('[data-testid="date-error"]')?.textContent).toContain(
      'startDate and endDate are required',
    );
    backend.expectNone('/api/admin/backfill');
  });

  it('refuses an end date of today, as the API would', async () => {
    const { el, type, click } = render();
    type('start-date', yesterday);
    type('end-date', utcDateOf(Date.now()));
    await click('start');
    expect(el.querySelector('[data-testid="date-error"]')?.textContent).toContain(
      'must be before today',
    );
  });

  it('creates the job with dates, districts and overrides, and reports it', async () => {
    const { fixture, type, click, backend } = render();
    const created = vi.fn();
    fixture.componentRef.instance.created.subscribe(created);
    type('start-date', addDays(yesterday, -2));
    type('end-date', yesterday);
    type('override-maxRequestsPerMinute', '30');
    type('override-pauseEveryRequests', '0');
    for (const district of ['61', 'f']) {
      const input = fixture.nativeElement.querySelector('[data-testid="district-input"]');
      input.value = district;
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13 }));
    }
    fixture.detectChanges();
    await click('start');
    const req = backend.expectOne('/api/admin/backfill');
    expect(req.request.body).toEqual({
      jobType: 'data-collection',
      skipExisting: true,
      closingDays: 'last',
      startDate: addDays(yesterday, -2),
      endDate: yesterday,
      targetDistricts: ['61', 'F'],
      rateLimitOverrides: { maxRequestsPerMinute: 30, pauseEveryRequests: 0 },
    });
    const job = jobDto({ status: 'pending' });
    req.flush({ jobId: job.jobId, status: 'pending', statusUrl: '', job });
    expect(created).toHaveBeenCalledWith(expect.objectContaining({ jobId: job.jobId }));
  });

  it('offers force for analytics only, and sends it when ticked', async () => {
    const { fixture, el, click, backend } = render();
    expect(el.querySelector('[data-testid="force"]')).toBeNull();
    const form = (
      fixture.componentInstance as unknown as {
        form: { controls: { jobType: { setValue(value: string): void } } };
      }
    ).form;
    form.controls.jobType.setValue('analytics-generation');
    fixture.detectChanges();
    el.querySelector<HTMLInputElement>('[data-testid="force"] input')!.click();
    fixture.detectChanges();
    await click('start');
    const req = backend.expectOne('/api/admin/backfill');
    expect(req.request.body).toEqual({
      jobType: 'analytics-generation',
      skipExisting: true,
      force: true,
    });
    const job = jobDto({ status: 'pending' });
    req.flush({ jobId: job.jobId, status: 'pending', statusUrl: '', job });
  });

  describe('district suggestions', () => {
    const known = {
      snapshotDate: '2026-03-10',
      districts: [
        { id: '6', region: '02' },
        { id: '61', region: '06' },
        { id: '62', region: '06' },
        { id: 'F', region: '01' },
      ],
    };

    function focusDistricts(fixture: ReturnType<typeof render>['fixture']) {
      const input = fixture.nativeElement.querySelector(
        '[data-testid="district-input"]',
      ) as HTMLInputElement;
      input.dispatchEvent(new Event('focusin'));
      input.dispatchEvent(new Event('focus'));
      fixture.detectChanges();
      return input;
    }

    const suggestions = () =>
      [...document.querySelectorAll('[data-testid="district-suggestion"]')].map((o) =>
        o.textContent?.replace(/\s+/g, ' ').trim(),
      );

    it('offers the stored districts that start with what is typed, and adds the one chosen', async () => {
      const { fixture, el, backend } = render();
      const input = focusDistricts(fixture);
      backend.expectOne('/api/admin/collection/districts').flush(known);
      fixture.detectChanges();
      expect(el.querySelector('[data-testid="district-hint"]')?.textContent).toContain(
        '4 districts known from 2026-03-10',
      );
      input.value = '6';
      input.dispatchEvent(new Event('input'));
      fixture.detectChanges();
      await fixture.whenStable();
      expect(suggestions()).toEqual(['6 region 02', '61 region 06', '62 region 06']);

      const option = [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) =>
        o.textContent?.includes('62'),
      )!;
      // Choosing keeps the focus in the field, so the typed "6" is not added on blur.
      const mousedown = new MouseEvent('mousedown', { cancelable: true, bubbles: true });
      option.dispatchEvent(mousedown);
      expect(mousedown.defaultPrevented).toBe(true);
      option.click();
      fixture.detectChanges();
      await fixture.whenStable();
      expect(chips(el)).toEqual(['62']);
      expect(input.value).toBe('');
      // Chosen districts are not offered again.
      input.value = '6';
      input.dispatchEvent(new Event('input'));
      fixture.detectChanges();
      expect(suggestions()).toEqual(['6 region 02', '61 region 06']);

      // Enter on a highlighted suggestion takes the suggestion, not the typed prefix.
      const key = (name: string, keyCode: number) =>
        input.dispatchEvent(new KeyboardEvent('keydown', { key: name, keyCode, bubbles: true }));
      key('ArrowDown', 40);
      key('ArrowDown', 40);
      key('Enter', 13);
      fixture.detectChanges();
      await fixture.whenStable();
      expect(chips(el)).toEqual(['62', '61']);
    });

    it('still takes typed districts when the suggestions cannot be loaded', () => {
      const { fixture, el, backend } = render();
      const input = focusDistricts(fixture);
      backend.expectOne('/api/admin/collection/districts').flush(
        { error: { code: 'STORAGE_ERROR', message: 'down' } },
        {
          status: 503,
          statusText: 'Service Unavailable',
        },
      );
      fixture.detectChanges();
      input.value = '61';
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13 }));
      fixture.detectChanges();
      expect(chips(el)).toEqual(['61']);
      expect(el.querySelector('[data-testid="district-hint"]')?.textContent).not.toContain(
        'known from',
      );
    });
  });

  it('shows an override out of bounds with the API wording', async () => {
    const { fixture, el, type, click } = render();
    el.querySelector<HTMLElement>('mat-expansion-panel-header')!.click();
    type('override-maxConcurrent', '0');
    await click('start');
    fixture.detectChanges();
    expect(el.textContent).toContain('maxConcurrent must be an integer between 1 and 32');
  });

  it('previews, then starts from the dialog', async () => {
    const { type, click, backend } = render();
    const dialog = TestBed.inject(MatDialog);
    const open = vi.spyOn(dialog, 'open').mockReturnValue(closedDialog(true));
    type('start-date', yesterday);
    type('end-date', yesterday);
    await click('preview');
    backend.expectOne('/api/admin/backfill/preview').flush({
      jobType: 'data-collection',
      totalItems: 2,
      skippedExisting: 0,
      dateRange: { startDate: yesterday, endDate: yesterday },
      dates: 1,
      districts: ['01', '61'],
      upstreamRequests: 7,
      estimatedDurationSeconds: 12,
      rateLimit: null,
      notes: [],
    });
    expect(open).toHaveBeenCalled();
    backend.expectOne('/api/admin/backfill');
  });

  it('shows the API error when the job cannot start', async () => {
    const { fixture, el, type, click, backend } = render();
    type('start-date', yesterday);
    type('end-date', yesterday);
    await click('start');
    backend
      .expectOne('/api/admin/backfill')
      .flush(
        { error: { code: 'JOB_ALREADY_RUNNING', message: 'Another job (x) is active' } },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="create-error"]')?.textContent).toContain(
      'Another job (x) is active (JOB_ALREADY_RUNNING)',
    );
  });
});

function chips(el: HTMLElement): string[] {
  return [...el.querySelectorAll('mat-chip-row')].map((c) =>
    (c.textContent ?? '').replace('cancel', '').trim(),
  );
}
