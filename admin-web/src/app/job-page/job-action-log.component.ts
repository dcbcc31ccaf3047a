import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { AdminActionDto, AdminActionKind } from '@backfill/api-client';
import { formatUtc } from '../shared/format';

/** Each kind of action, as the log words it. */
const ACTION_LABEL: Record<AdminActionKind, string> = {
  created: 'Created',
  cancelled: 'Cancelled',
  paused: 'Paused',
  resumed: 'Resumed',
  retried: 'Retried',
  'config-changed': 'Config changed',
};

/** What was done to a job, by whom and when, oldest first (the API's order). */
@Component({
  selector: 'app-job-action-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="action-log-title" data-testid="action-log">
      <h2 id="action-log-title">Action log</h2>
      <table class="plain">
        <caption class="visually-hidden">
          What was done to the job, oldest first
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          @for (action of actions(); track $index) {
            <tr data-testid="action-row">
              <td>{{ formatUtc(action.at) }}</td>
              <td>{{ action.by }}</td>
              <td>
                <strong>{{ label[action.action] }}</strong>
                @if (action.detail) {
                  <span class="detail"> · {{ action.detail }}</span>
                }
              </td>
            </tr>
          } @empty {
            <tr>
              <td colspan="3">Nothing was done to this job.</td>
            </tr>
          }
        </tbody>
      </table>
    </section>
  `,
  styles: `
    h2 {
      margin: 0 0 8px;
      font-size: 1.15rem;
    }
    .detail {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class JobActionLogComponent {
  readonly actions = input.required<AdminActionDto[]>();
  protected readonly label = ACTION_LABEL;
  protected readonly formatUtc = formatUtc;
}
