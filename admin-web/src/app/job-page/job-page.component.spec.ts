import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { jobDto, provideApiTesting } from '../../testing/api-testing';
import { JobPageComponent } from './job-page.component';

const JOB_ID = '0b8f3c1e-1234-4abc-8def-0123456789ab';
const itemPage = {
  items: [],
  total: 0,
  limit: 25,
  offset: 0,
  counts: { done: 0, skipped: 0, failed: 0 },
};

/** Lets the live view's first poll (an rxjs `timer(0)`) go out. */
const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function openPage(jobId: string) {
  TestBed.configureTestingModule({ providers: provideApiTesting() });
  const fixture = TestBed.createComponent(JobPageComponent);
  fixture.componentRef.setInput('jobId', jobId);
  fixture.detectChanges();
  await fixture.whenStable();
  await nextMacrotask();
  return {
    fixture,
    el: fixture.nativeElement as HTMLElement,
    backend: TestBed.inject(HttpTestingController),
  };
}

describe('JobPageComponent', () => {
  it('answers a mistyped job id without asking the API', async () => {
    const { fixture, el, backend } = await openPage('not-a-job');
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="job-page-error"]')?.textContent).toContain(
      '"not-a-job" is not a job id',
    );
    backend.expectNone(() => true);
  });

  it('shows the job, its action log and its config', async () => {
    const { fixture, el, backend } = await openPage(JOB_ID);
    const job = jobDto({
      jobId: JOB_ID,
      status: 'completed',
      config: {
        startDate: '2026-01-01',
        endDate: '2026-01-02',
        skipExisting: true,
        targetDistricts: ['61', '01'],
        rateLimitOverrides: { maxRequestsPerMinute: 20 },
      },
      actions: [
        { action: 'created', by: 'admin', at: '2026-01-05T10:00:00.000Z' },
        { action: 'cancelled', by: 'admin', at: '2026-01-05T10:05:00.000Z', detail: 'by hand' },
      ],
    });
    backend.expectOne(`/api/admin/backfill/${JOB_ID}`).flush(job);
    fixture.detectChanges();
    await fixture.whenStable();
    for (const request of backend.match(`/api/admin/backfill/${JOB_ID}/items`)) {
      request.flush(itemPage);
    }
    fixture.detectChanges();

    expect(el.querySelector('[data-testid="job-page-title"]')?.textContent).toContain('0b8f3c1e');
    const actions = [...el.querySelectorAll('[data-testid="action-row"]')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(actions).toEqual([
      ['2026-01-05 10:00:00 UTC', 'admin', 'Created'],
      ['2026-01-05 10:05:00 UTC', 'admin', 'Cancelled · by hand'],
    ]);
    expect(el.querySelector('[data-testid="config-districts"]')?.textContent).toContain('61, 01');
    expect(el.querySelector('[data-testid="config-overrides"]')?.textContent).toContain(
      'maxRequestsPerMinute 20',
    );
  });

  it("shows the API's answer for a job that does not exist", async () => {
    const { fixture, el, backend } = await openPage(JOB_ID);
    backend
      .expectOne(`/api/admin/backfill/${JOB_ID}`)
      .flush(
        { error: { code: 'JOB_NOT_FOUND', message: `Job ${JOB_ID} not found` } },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="job-page-error"]')?.textContent).toContain(
      'not found (JOB_NOT_FOUND)',
    );
  });
});
