import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { JobStatus } from '@backfill/api-client';
import { statusDisplay } from './job-status';

/**
 * A job status as icon + text (the colour only repeats what the text says); a completed job
 * with failed items shows how many.
 */
@Component({
  selector: 'app-status-chip',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="chip" [class]="'chip status-' + display().tone" data-testid="status">
      <mat-icon aria-hidden="true">{{ display().icon }}</mat-icon>
      <span>{{ display().label }}</span>
    </span>
  `,
  styles: `
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px 2px 6px;
      border-radius: 12px;
      font-weight: 500;
      font-size: 0.85rem;
      border: 1px solid currentColor;
      white-space: nowrap;
      /* Its own background, so the text keeps its contrast on a tinted (selected) row. */
      background: var(--mat-sys-surface-container-lowest);
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .status-completed {
      color: var(--ubs-done);
    }
    .status-partial {
      color: var(--ubs-partial);
    }
    .status-failed {
      color: var(--ubs-failed);
    }
    .status-cancelled {
      color: var(--ubs-cancelled);
    }
    .status-running,
    .status-recovering,
    .status-pending {
      color: var(--ubs-running);
    }
  `,
})
export class StatusChipComponent {
  readonly status = input.required<JobStatus>();
  /** The job's failed items. */
  readonly failed = input(0);
  protected readonly display = computed(() => statusDisplay(this.status(), this.failed()));
}
