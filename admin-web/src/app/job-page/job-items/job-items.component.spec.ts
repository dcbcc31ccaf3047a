import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { jobDto, provideApiTesting } from '../../../testing/api-testing';
import { JobItemsComponent } from './job-items.component';

const JOB_ID = '0b8f3c1e-1234-4abc-8def-0123456789ab';
const ITEMS_URL = `/api/admin/backfill/${JOB_ID}/items`;

describe('JobItemsComponent', () => {
  it('pages the items and filters them by outcome through the API', async () => {
    TestBed.configureTestingModule({ providers: provideApiTesting() });
    const fixture = TestBed.createComponent(JobItemsComponent);
    fixture.componentRef.setInput('job', jobDto({ jobId: JOB_ID, status: 'completed' }));
    fixture.detectChanges();
    await fixture.whenStable();
    const backend = TestBed.inject(HttpTestingController);

    const first = backend.expectOne((r) => r.url === ITEMS_URL);
    expect(first.request.params.get('limit')).toBe('25');
    expect(first.request.params.get('offset')).toBe('0');
    expect(first.request.params.has('outcome')).toBe(false);
    first.flush({
      items: [
        {
          id: '2026-01-01/01',
          outcome: 'failed',
          reason: 'column-count',
          at: '2026-01-05T10:01:00.000Z',
          attempts: 1,
          date: '2026-01-01',
          group: '01',
          retryable: false,
          supersededBy: null,
        },
      ],
      total: 1,
      limit: 25,
      offset: 0,
      counts: { done: 3, skipped: 0, failed: 1 },
    });
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const row = el.querySelector('[data-testid="item-row"]')?.textContent?.replace(/\s+/g, ' ');
    expect(row).toContain('2026-01-01/01');
    expect(row).toContain('Failed');
    expect(row).toContain('column-count');

    (fixture.componentInstance as unknown as { setOutcome(o: string): void }).setOutcome('failed');
    fixture.detectChanges();
    await fixture.whenStable();
    const filtered = backend.expectOne((r) => r.url === ITEMS_URL);
    expect(filtered.request.params.getAll('outcome')).toEqual(['failed']);
    filtered.flush({
      items: [],
      total: 0,
      limit: 25,
      offset: 0,
      counts: { done: 3, skipped: 0, failed: 1 },
    });
    fixture.detectChanges();
    expect(el.textContent).toContain('No item has this outcome.');
  });
});
