import { Injectable, inject } from '@angular/core';
import { ApiConfiguration, BackfillService, JobDto } from '@backfill/api-client';
import { Observable, Subscription, switchMap, takeWhile, timer } from 'rxjs';
import { EVENT_SOURCE_FACTORY, jobEventsUrl } from '../core/api-client';
import { AuthService } from '../core/auth.service';
import { isTerminal } from '../shared/job-status';

export type LiveMode = 'events' | 'polling';

export interface LiveJob {
  job: JobDto;
  mode: LiveMode;
}

export const POLL_INTERVAL_MS = 2000;
/** EventSource.CLOSED, spelled out: the global is missing where EventSource is. */
const EVENT_SOURCE_CLOSED = 2;

/**
 * Follows one job until it is terminal: server-sent events from the API, and polling of
 * `getJob` when the stream cannot be opened (no EventSource, a proxy that buffers, an
 * error status). Completes after the terminal status has been emitted.
 */
@Injectable({ providedIn: 'root' })
export class JobLiveService {
  private readonly api = inject(BackfillService);
  private readonly config = inject(ApiConfiguration);
  private readonly auth = inject(AuthService);
  private readonly openEventSource = inject(EVENT_SOURCE_FACTORY);

  watch(jobId: string): Observable<LiveJob> {
    return new Observable<LiveJob>((subscriber) => {
      let source: EventSource | null = null;
      let polling: Subscription | null = null;
      let received = false;

      const poll = (): void => {
        source?.close();
        source = null;
        if (polling) return;
        polling = timer(0, POLL_INTERVAL_MS)
          .pipe(
            switchMap(() => this.api.getJob({ jobId })),
            takeWhile((job) => !isTerminal(job.status), true),
          )
          .subscribe({
            next: (job) => subscriber.next({ job, mode: 'polling' }),
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          });
      };

      if (!this.openEventSource) {
        poll();
      } else {
        const events = this.openEventSource(
          jobEventsUrl(this.config.rootUrl, jobId, this.auth.token()),
        );
        source = events;
        events.addEventListener('job', (event) => {
          received = true;
          const job = JSON.parse((event as MessageEvent<string>).data) as JobDto;
          subscriber.next({ job, mode: 'events' });
        });
        events.addEventListener('end', () => {
          events.close();
          subscriber.complete();
        });
        events.addEventListener('error', () => {
          // After a first event a dropped stream reconnects by itself; a stream that never
          // delivered (or that the browser gave up on) is replaced by polling.
          if (!received || events.readyState === EVENT_SOURCE_CLOSED) poll();
        });
      }

      return () => {
        source?.close();
        polling?.unsubscribe();
      };
    });
  }
}
