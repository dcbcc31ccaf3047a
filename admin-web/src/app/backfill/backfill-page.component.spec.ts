import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { jobDto, provideApiTesting } from '../../testing/api-testing';
import { BackfillPageComponent } from './backfill-page.component';

const STATUS_URL = '/api/admin/backfill/status';
const JOBS_URL = '/api/admin/backfill/jobs';
const idle = {
  activeJob: null,
  instanceId: 'web',
  rateLimiter: null,
  recovery: null,
  runningHere: null,
  schedule: {
    expression: null,
    lookbackDays: 7,
    nextTickAt: null,
    lastTick: null,
    inProgress: null,
  },
};

/** Answers every status request out: the page's, the last-recovery panel's and the schedule summary's. */
function flushStatus(backend: HttpTestingController, body: object): void {
  const requests = backend.match(STATUS_URL);
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) request.flush(body);
}

/** Lets the live view's first poll (an rxjs `timer(0)`) go out. */
const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function openPage() {
  TestBed.configureTestingModule({ providers: provideApiTesting() });
  const fixture = TestBed.createComponent(BackfillPageComponent);
  fixture.detectChanges();
  await fixture.whenStable();
  return { fixture, backend: TestBed.inject(HttpTestingController) };
}

describe('BackfillPageComponent after a reload', () => {
  it('shows the newest job with its outcome when none is active', async () => {
    const { fixture, backend } = await openPage();
    flushStatus(backend, idle);
    const newest = backend.expectOne((r) => r.url === JOBS_URL && r.params.get('limit') === '1');
    const done = jobDto({ jobId: 'a1', status: 'completed' });
    newest.flush({ jobs: [done], total: 3, limit: 1, offset: 0 });
    fixture.detectChanges();
    await fixture.whenStable();
    await nextMacrotask();
    // Without an event source the live view polls the job.
    backend.expectOne('/api/admin/backfill/a1').flush(done);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="no-current-job"]')).toBeNull();
    const current = el.querySelector('[data-testid="current-job"]');
    expect(current?.querySelector('[data-testid="status"]')?.textContent).toContain('Completed');
  });

  it('shows the active job, without asking for the newest', async () => {
    const { fixture, backend } = await openPage();
    const running = jobDto({ jobId: 'r1', status: 'running' });
    flushStatus(backend, { ...idle, activeJob: running });
    fixture.detectChanges();
    await fixture.whenStable();
    await nextMacrotask();
    expect(backend.match((r) => r.url === JOBS_URL && r.params.get('limit') === '1')).toEqual([]);
    backend.expectOne('/api/admin/backfill/r1').flush(running);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="current-job"]')).not.toBeNull();
  });

  it('stays empty when there is no job at all', async () => {
    const { fixture, backend } = await openPage();
    flushStatus(backend, idle);
    backend
      .expectOne((r) => r.url === JOBS_URL && r.params.get('limit') === '1')
      .flush({ jobs: [], total: 0, limit: 1, offset: 0 });
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="no-current-job"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="schedule-off"]')?.textContent).toContain(
      'COLLECT_SCHEDULE',
    );
  });
});
