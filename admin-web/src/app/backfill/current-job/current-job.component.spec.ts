import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import type { JobDto } from '@backfill/api-client';
import {
  closedDialog,
  jobDto,
  provideApiTesting,
  rateLimitConfigDto,
  rateLimiterStatusDto,
} from '../../../testing/api-testing';
import { CurrentJobComponent } from './current-job.component';

describe('CurrentJobComponent', () => {
  function render(job: JobDto) {
    TestBed.configureTestingModule({ providers: provideApiTesting() });
    const fixture = TestBed.createComponent(CurrentJobComponent);
    fixture.componentRef.setInput('job', job);
    fixture.componentRef.setInput('mode', 'events');
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const text = (testId: string) =>
      el.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();
    return { fixture, el, text };
  }

  it('shows progress, counters, pace and status as text', () => {
    const { text, el } = render(jobDto());
    expect(text('percent')).toBe('50%');
    expect(text('processed')).toBe('2 / 4');
    expect(text('failed')).toBe('1');
    expect(text('eta')).toBe('2 min 10 s');
    expect(text('items-per-minute')).toBe('12.5');
    expect(text('status')).toContain('Running');
    expect(text('live-mode')).toContain('server-sent events');
    expect(el.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe('Job progress');
  });

  it('shows the live rate limiter and the resumed badge', () => {
    const { text } = render(
      jobDto({
        resumedAt: '2026-01-05T11:00:00.000Z',
        rateLimiter: rateLimiterStatusDto({
          requestsMade: 42,
          inFlight: 2,
          currentDelayMs: 500,
          allowedRequestsPerMinute: 30,
          allowedRateReason: 'lowered-after-throttle',
          throttled: true,
          config: rateLimitConfigDto({ maxRequestsPerMinute: 60 }),
        }),
      }),
    );
    expect(text('resumed-badge')).toContain('resumed 2026-01-05 11:00:00 UTC');
    expect(text('resumed-badge')).toContain('started 2026-01-05 10:00:01 UTC');
    const limiter = text('rate-limiter') ?? '';
    expect(limiter).toContain('42');
    expect(limiter).toContain('500 ms');
    expect(limiter).toContain('Yes, backing off');
    expect(limiter).toContain('60/min, 2 at once, a 5 s pause every 100');
    expect(text('limiter-pause')).toBeUndefined();
    expect(text('limiter-allowed-rate')).toContain('30/min, lowered after a 429, rising again');
    expect(text('limiter-retry-after')).toBeUndefined();
  });

  it("says when the next request waits out the dashboard's Retry-After", () => {
    const { text } = render(
      jobDto({
        rateLimiter: rateLimiterStatusDto({
          waiting: 2,
          throttled: true,
          waitingFor: 'retry-after',
          retryAfterUntil: '2026-01-05T12:00:00.000Z',
        }),
      }),
    );
    expect(text('limiter-retry-after')).toContain('until 2026-01-05 12:00:00 UTC');
    expect(text('limiter-waiting-for')).toContain("the dashboard's Retry-After");
    expect(text('limiter-allowed-rate')).toContain('120/min, the configured maximum');
  });

  it('says when the limiter is in its periodic pause', () => {
    const { text } = render(
      jobDto({
        rateLimiter: rateLimiterStatusDto({
          requestsMade: 100,
          waiting: 2,
          pausedUntil: '2026-01-05T11:00:05.000Z',
        }),
      }),
    );
    expect(text('limiter-pause')).toContain('until 2026-01-05 11:00:05 UTC (every 100 requests)');
  });

  it('cancels after confirmation and reports the cancelled job', () => {
    const { fixture, el } = render(jobDto());
    vi.spyOn(TestBed.inject(MatDialog), 'open').mockReturnValue(closedDialog(true));
    const cancelled = vi.fn();
    fixture.componentRef.instance.cancelled.subscribe(cancelled);
    el.querySelector<HTMLButtonElement>('[data-testid="cancel-job"]')!.click();
    const req = TestBed.inject(HttpTestingController).expectOne(
      `/api/admin/backfill/${jobDto().jobId}`,
    );
    expect(req.request.method).toBe('DELETE');
    req.flush(jobDto({ status: 'cancelled' }));
    expect(cancelled).toHaveBeenCalledWith(expect.objectContaining({ status: 'cancelled' }));
  });

  it('offers no cancel for a finished job', () => {
    const { el } = render(jobDto({ status: 'completed' }));
    expect(el.querySelector('[data-testid="cancel-job"]')).toBeNull();
  });
});
