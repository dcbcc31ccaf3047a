import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { BackfillService, ScheduleStatusDto, ScheduleTickOutcome } from '@backfill/api-client';
import { catchError, interval, map, of, startWith, switchMap } from 'rxjs';
import { formatUtc } from '../../shared/format';

/** How often the schedule's status is read again. */
export const SCHEDULE_REFRESH_MS = 30_000;

const OUTCOME_LABEL: Record<ScheduleTickOutcome, string> = {
  started: 'under way',
  skipped: 'skipped',
  completed: 'completed',
  failed: 'failed',
};

/** The daily collection schedule: its expression, next tick, and what the last one did. */
@Component({
  selector: 'app-schedule-summary',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="schedule-title" data-testid="schedule-summary">
      <h2 id="schedule-title">Daily collection</h2>
      @if (schedule(); as s) {
        @if (s.expression) {
          <p>
            <mat-icon aria-hidden="true">event_repeat</mat-icon>
            <code>{{ s.expression }}</code> (UTC), the last {{ s.lookbackDays }} days up to
            yesterday. Next run {{ formatUtc(s.nextTickAt) }}.
          </p>
          @if (s.lastTick; as tick) {
            <p data-testid="schedule-last-tick">
              Last run {{ formatUtc(tick.at) }}: {{ outcomeLabel[tick.outcome] }}.
              {{ tick.message }}
            </p>
          } @else {
            <p data-testid="schedule-last-tick">No run yet.</p>
          }
        } @else {
          <p data-testid="schedule-off">
            Off. Set <code>COLLECT_SCHEDULE</code> (a cron expression in UTC) to collect yesterday
            every day.
          </p>
        }
      } @else {
        <p>Loading…</p>
      }
    </section>
  `,
  styles: `
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    p {
      margin: 4px 0;
      display: flex;
      align-items: center;
      gap: 6px;
      flex-wrap: wrap;
    }
  `,
})
export class ScheduleSummaryComponent {
  private readonly api = inject(BackfillService);
  protected readonly formatUtc = formatUtc;
  protected readonly outcomeLabel = OUTCOME_LABEL;
  protected readonly schedule = toSignal<ScheduleStatusDto | null>(
    interval(SCHEDULE_REFRESH_MS).pipe(
      startWith(0),
      switchMap(() =>
        this.api.getStatus().pipe(
          map((status) => status.schedule),
          catchError(() => of(null)),
        ),
      ),
    ),
    { initialValue: null },
  );
}
