import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { jobDto, provideApiTesting } from '../../../testing/api-testing';
import { JobHistoryComponent } from './job-history.component';

describe('JobHistoryComponent', () => {
  it('lists jobs and asks the API again when filtered or refreshed', async () => {
    TestBed.configureTestingModule({ providers: provideApiTesting() });
    const fixture = TestBed.createComponent(JobHistoryComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    const backend = TestBed.inject(HttpTestingController);
    const first = backend.expectOne((r) => r.url === '/api/admin/backfill/jobs');
    expect(first.request.params.get('limit')).toBe('10');
    expect(first.request.params.get('offset')).toBe('0');
    const job = jobDto({ status: 'failed', failureReason: 'stale', lastError: 'timeout' });
    first.flush({ jobs: [job], total: 1, limit: 10, offset: 0 });
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const row = el.querySelector('[data-testid="history-row"]')?.textContent ?? '';
    expect(row).toContain('Data collection');
    expect(row).toContain('Failed');
    expect(row).toContain('stale; 1 failed; last: timeout');

    const instance = fixture.componentInstance as unknown as {
      setStatuses(s: string[]): void;
      setType(t: string | null): void;
    };
    instance.setStatuses(['cancelled', 'failed']);
    instance.setType('data-collection');
    fixture.detectChanges();
    await fixture.whenStable();
    const filtered = backend.expectOne((r) => r.url === '/api/admin/backfill/jobs');
    expect(filtered.request.params.getAll('status')).toEqual(['cancelled', 'failed']);
    expect(filtered.request.params.get('jobType')).toBe('data-collection');
    filtered.flush({ jobs: [], total: 0, limit: 10, offset: 0 });
    fixture.detectChanges();
    expect(el.textContent).toContain('No jobs match.');

    fixture.componentRef.setInput('refreshKey', 1);
    fixture.detectChanges();
    await fixture.whenStable();
    backend
      .expectOne((r) => r.url === '/api/admin/backfill/jobs')
      .flush({
        jobs: [],
        total: 0,
        limit: 10,
        offset: 0,
      });
  });

  it('shows a completion with failed items apart from a clean one', async () => {
    TestBed.configureTestingModule({ providers: provideApiTesting() });
    const fixture = TestBed.createComponent(JobHistoryComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    const backend = TestBed.inject(HttpTestingController);
    const clean = jobDto({
      id: 'a',
      status: 'completed',
      counters: { total: 4, processed: 4, failed: 0, skipped: 0 },
    });
    const partial = jobDto({
      id: 'b',
      status: 'completed',
      counters: { total: 4, processed: 4, failed: 2, skipped: 0 },
    });
    backend
      .expectOne((r) => r.url === '/api/admin/backfill/jobs')
      .flush({ jobs: [clean, partial], total: 2, limit: 10, offset: 0 });
    fixture.detectChanges();
    const chips = [
      ...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="status"]'),
    ];
    expect(chips.map((c) => c.textContent?.trim())).toEqual([
      'check_circleCompleted',
      'warningCompleted with 2 failed',
    ]);
    expect(chips[1].className).toContain('status-partial');
  });
});
