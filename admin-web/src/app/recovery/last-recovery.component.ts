import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { BackfillService, RecoveryOutcome, RecoveryStatusDto } from '@backfill/api-client';
import { catchError, interval, of, startWith, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-client';
import { formatUtc } from '../shared/format';

/** The API checks for a job to recover on every heartbeat; looking this often is enough. */
export const RECOVERY_CHECK_MS = 15_000;

/** What each outcome means, in words and as a symbol. */
const OUTCOME_DISPLAY: Record<RecoveryOutcome, { label: string; icon: string }> = {
  none: { label: 'Nothing to recover', icon: 'check_circle' },
  resumed: { label: 'Resumed a job', icon: 'restart_alt' },
  failed: { label: 'Recovery failed', icon: 'error' },
  'left-alone': { label: 'Left a job alone', icon: 'front_hand' },
};

/**
 * The last recovery check of the API instance (`GET /status`): what it found, what it
 * resumed and why, so a restart's effect is visible without reading logs.
 */
@Component({
  selector: 'app-last-recovery',
  imports: [MatIconModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="recovery-title" data-testid="last-recovery">
      <h2 id="recovery-title">Last recovery</h2>
      @if (error(); as problem) {
        <p class="form-error" role="alert">{{ problem }}</p>
      } @else if (recovery(); as recovery) {
        <p class="outcome" data-testid="recovery-outcome">
          <mat-icon aria-hidden="true">{{ display[recovery.outcome].icon }}</mat-icon>
          <strong>{{ display[recovery.outcome].label }}</strong>
          <span class="muted">· checked {{ formatUtc(recovery.checkedAt) }}</span>
        </p>
        <p data-testid="recovery-message">
          {{ recovery.message }}
          @if (recovery.jobId; as jobId) {
            · <a [routerLink]="['/jobs', jobId]">job {{ jobId.slice(0, 8) }}</a>
          }
        </p>
      } @else if (loaded()) {
        <p class="muted" data-testid="recovery-none">
          This API instance has not looked for a job to recover yet.
        </p>
      }
    </section>
  `,
  styles: `
    h2 {
      margin: 0 0 4px;
      font-size: 1.15rem;
    }
    p {
      margin: 4px 0;
    }
    .outcome {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LastRecoveryComponent {
  private readonly api = inject(BackfillService);

  protected readonly recovery = signal<RecoveryStatusDto | null>(null);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly display = OUTCOME_DISPLAY;
  protected readonly formatUtc = formatUtc;

  constructor() {
    interval(RECOVERY_CHECK_MS)
      .pipe(
        startWith(0),
        switchMap(() =>
          this.api.getStatus().pipe(
            catchError((error: unknown) => {
              this.error.set(apiErrorMessage(error));
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((status) => {
        if (!status) return;
        this.error.set(null);
        this.loaded.set(true);
        this.recovery.set(status.recovery);
      });
  }
}
