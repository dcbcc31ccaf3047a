import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { JobDto } from '@backfill/api-client';
import { formatDateRange, formatUtc } from '../shared/format';
import { TYPE_LABEL } from '../shared/job-status';

/** What a job was asked to do, and when it was created, started and ended. */
@Component({
  selector: 'app-job-config',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="job-config-title" data-testid="job-config">
      <h2 id="job-config-title">Config</h2>
      <dl class="facts">
        <div>
          <dt>Type</dt>
          <dd>{{ typeLabel[job().jobType] }}</dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>{{ dates() }}</dd>
        </div>
        <div>
          <dt>Districts</dt>
          <dd data-testid="config-districts">{{ districts() }}</dd>
        </div>
        <div>
          <dt>Skip existing</dt>
          <dd>{{ job().config.skipExisting ? 'Yes' : 'No' }}</dd>
        </div>
        @if (job().config.closingDays; as closingDays) {
          <div>
            <dt>Closing days</dt>
            <dd>{{ closingDays === 'last' ? 'Last only' : 'Every day' }}</dd>
          </div>
        }
        <div>
          <dt>Rate-limit overrides</dt>
          <dd data-testid="config-overrides">{{ overrides() }}</dd>
        </div>
        @if (job().config.retryOfJobId; as retryOf) {
          <div>
            <dt>Retry of</dt>
            <dd>
              <a [routerLink]="['/jobs', retryOf]">Job {{ retryOf.slice(0, 8) }}</a>
            </dd>
          </div>
        }
        <div>
          <dt>Created</dt>
          <dd>{{ formatUtc(job().createdAt) }}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{{ formatUtc(job().startedAt) }}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{{ formatUtc(job().completedAt) }}</dd>
        </div>
      </dl>
    </section>
  `,
  styles: `
    h2 {
      margin: 0 0 8px;
      font-size: 1.15rem;
    }
  `,
})
export class JobConfigComponent {
  readonly job = input.required<JobDto>();
  protected readonly typeLabel = TYPE_LABEL;
  protected readonly formatUtc = formatUtc;

  protected readonly dates = computed(() =>
    formatDateRange(this.job().config.startDate, this.job().config.endDate),
  );
  protected readonly districts = computed(() => {
    const districts = this.job().config.targetDistricts;
    return districts?.length ? districts.join(', ') : 'Every district of each summary';
  });
  /** `maxRequestsPerMinute 20, maxConcurrent 1`, or "None" (the saved config applied). */
  protected readonly overrides = computed(() => {
    const entries = Object.entries(this.job().config.rateLimitOverrides ?? {});
    return entries.length ? entries.map(([k, v]) => `${k} ${String(v)}`).join(', ') : 'None';
  });
}
