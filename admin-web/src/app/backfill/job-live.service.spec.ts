import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { jobDto, provideApiTesting } from '../../testing/api-testing';
import { EVENT_SOURCE_FACTORY } from '../core/api-client';
import { AuthService } from '../core/auth.service';
import { JobLiveService, LiveJob, POLL_INTERVAL_MS } from './job-live.service';

/** Just enough of EventSource to drive the service. */
class FakeEventSource extends EventTarget {
  static last: FakeEventSource | null = null;
  readyState = 0;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown): void {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

describe('JobLiveService', () => {
  const job = jobDto();

  function setUp(withEventSource: boolean) {
    TestBed.configureTestingModule({
      providers: [
        ...provideApiTesting(),
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: withEventSource ? (url: string) => new FakeEventSource(url) : null,
        },
      ],
    });
    TestBed.inject(AuthService).signIn('a-token-0123456789abc');
    const updates: LiveJob[] = [];
    let completed = false;
    const subscription = TestBed.inject(JobLiveService)
      .watch(job.jobId)
      .subscribe({ next: (u) => updates.push(u), complete: () => (completed = true) });
    return { updates, done: () => completed, subscription };
  }

  afterEach(() => vi.useRealTimers());

  it('follows server-sent events with the token in the query, until the end event', () => {
    const { updates, done } = setUp(true);
    const source = FakeEventSource.last!;
    expect(source.url).toBe(
      `/api/admin/backfill/${job.jobId}/events?access_token=a-token-0123456789abc`,
    );
    source.emit('job', job);
    source.emit('job', { ...job, status: 'completed' });
    source.emit('end', { status: 'completed' });
    expect(updates.map((u) => [u.job.status, u.mode])).toEqual([
      ['running', 'events'],
      ['completed', 'events'],
    ]);
    expect(done()).toBe(true);
    expect(source.closed).toBe(true);
  });

  it('falls back to polling when the stream fails before its first event', () => {
    vi.useFakeTimers();
    const { updates, done } = setUp(true);
    const source = FakeEventSource.last!;
    source.dispatchEvent(new Event('error'));
    expect(source.closed).toBe(true);
    vi.advanceTimersByTime(0);
    const backend = TestBed.inject(HttpTestingController);
    backend.expectOne(`/api/admin/backfill/${job.jobId}`).flush(job);
    vi.advanceTimersByTime(POLL_INTERVAL_MS);
    backend.expectOne(`/api/admin/backfill/${job.jobId}`).flush({ ...job, status: 'cancelled' });
    expect(updates.map((u) => [u.job.status, u.mode])).toEqual([
      ['running', 'polling'],
      ['cancelled', 'polling'],
    ]);
    expect(done()).toBe(true);
  });

  it('polls when the browser has no EventSource', () => {
    vi.useFakeTimers();
    const { updates, subscription } = setUp(false);
    vi.advanceTimersByTime(0);
    TestBed.inject(HttpTestingController).expectOne(`/api/admin/backfill/${job.jobId}`).flush(job);
    expect(updates[0].mode).toBe('polling');
    subscription.unsubscribe();
  });
});
