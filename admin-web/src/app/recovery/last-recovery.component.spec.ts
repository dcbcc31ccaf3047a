import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideApiTesting } from '../../testing/api-testing';
import { LastRecoveryComponent } from './last-recovery.component';

const JOB_ID = '0b8f3c1e-1234-4abc-8def-0123456789ab';

describe('LastRecoveryComponent', () => {
  it('shows what the last recovery found, what it resumed and why, with a link', async () => {
    TestBed.configureTestingModule({ providers: provideApiTesting() });
    const fixture = TestBed.createComponent(LastRecoveryComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/admin/backfill/status')
      .flush({
        activeJob: null,
        instanceId: 'web',
        rateLimiter: null,
        runningHere: null,
        recovery: {
          checkedAt: '2026-01-05T10:00:00.000Z',
          outcome: 'resumed',
          jobId: JOB_ID,
          message: 'Resumed after its lease expired',
        },
      });
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="recovery-outcome"]')?.textContent).toContain(
      'Resumed a job',
    );
    const message = el.querySelector('[data-testid="recovery-message"]');
    expect(message?.textContent).toContain('Resumed after its lease expired');
    expect(message?.querySelector('a')?.getAttribute('href')).toBe(`/jobs/${JOB_ID}`);
  });

  it('says when the instance has not checked yet', async () => {
    TestBed.configureTestingModule({ providers: provideApiTesting() });
    const fixture = TestBed.createComponent(LastRecoveryComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).expectOne('/api/admin/backfill/status').flush({
      activeJob: null,
      instanceId: 'web',
      rateLimiter: null,
      runningHere: null,
      recovery: null,
    });
    fixture.detectChanges();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="recovery-none"]'),
    ).not.toBeNull();
  });
});
