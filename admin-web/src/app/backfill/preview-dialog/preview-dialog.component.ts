import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { CreateJobDto, JobPreviewDto } from '@backfill/api-client';
import { formatDateRange, formatDuration } from '../../shared/format';
import { TYPE_LABEL } from '../../shared/job-status';
import { countOf } from '../../shared/plural';

export interface PreviewDialogData {
  preview: JobPreviewDto;
  body: CreateJobDto;
}

const SHOWN_DISTRICTS = 40;

/** What the job would do; closes with `true` to start it. */
@Component({
  selector: 'app-preview-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title id="preview-title">Preview: {{ typeLabel[p.jobType] }}</h2>
    <mat-dialog-content>
      <dl class="facts" data-testid="preview-facts">
        <dt>Total items</dt>
        <dd data-testid="preview-total">{{ p.totalItems }}</dd>
        <dt>Date range</dt>
        <dd>
          {{ range }}
          @if (p.dates) {
            ({{ countOf(p.dates, 'date') }})
          }
        </dd>
        <dt>Order</dt>
        <dd data-testid="preview-order">
          {{ p.order === 'newest-first' ? 'Newest first' : 'Oldest first' }}
        </dd>
        <dt>Districts</dt>
        <dd>{{ districtsText }}</dd>
        <dt>Skipped as existing</dt>
        <dd>{{ p.skippedExisting }}</dd>
        @if (p.upToDate !== undefined) {
          <dt>Up to date (skipped)</dt>
          <dd data-testid="preview-up-to-date">{{ countOf(p.upToDate, 'date') }}</dd>
        }
        @if (p.superseded !== undefined) {
          <dt>Superseded closing days</dt>
          <dd data-testid="preview-superseded">{{ p.superseded }}</dd>
        }
        @if (p.noDataItems) {
          <dt>Without data</dt>
          <dd>{{ p.noDataItems }}</dd>
        }
        @if (p.itemsToDownload !== undefined) {
          <dt>To download</dt>
          <dd data-testid="preview-downloads">{{ atMost }}{{ p.itemsToDownload }}</dd>
        }
        @if (p.unclassifiedItems) {
          <dt>Not yet classified</dt>
          <dd data-testid="preview-unclassified">
            {{ p.unclassifiedItems }} (their dates' summaries are not stored yet)
          </dd>
        }
        <dt>Upstream requests</dt>
        <dd>{{ atMost }}{{ p.upstreamRequests }}</dd>
        <dt>Estimated duration</dt>
        <dd data-testid="preview-duration">{{ duration }}</dd>
        @if (p.rateLimit; as limit) {
          <dt>Rate limit</dt>
          <dd>
            {{ limit.maxRequestsPerMinute }} requests/min, {{ limit.maxConcurrent }} in flight,
            {{ limit.minDelayMs }}–{{ limit.maxDelayMs }} ms delay
          </dd>
        }
      </dl>
      @if (p.notes.length) {
        <ul class="notes">
          @for (note of p.notes; track $index) {
            <li>{{ note }}</li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <!-- Focus starts on Close: a stray Enter must not start hours of upstream requests. -->
      <button mat-button [mat-dialog-close]="false" cdkFocusInitial data-testid="preview-close">
        Close
      </button>
      <button mat-flat-button [mat-dialog-close]="true" data-testid="preview-start">
        <mat-icon aria-hidden="true">play_arrow</mat-icon>
        Start job
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      margin: 0;
    }
    dt {
      font-weight: 500;
    }
    dd {
      margin: 0;
      word-break: break-word;
    }
    .notes {
      margin-top: 16px;
      font-size: 0.85rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class PreviewDialogComponent {
  private readonly data = inject<PreviewDialogData>(MAT_DIALOG_DATA);
  protected readonly p = this.data.preview;
  protected readonly typeLabel = TYPE_LABEL;
  protected readonly countOf = countOf;
  protected readonly range = this.p.dateRange
    ? formatDateRange(this.p.dateRange.startDate, this.p.dateRange.endDate)
    : 'every stored snapshot';
  /** Unclassified items are counted as downloads, so those figures are upper bounds. */
  protected readonly atMost = this.p.unclassifiedItems ? 'at most ' : '';
  protected readonly duration = this.atMost + formatDuration(this.p.estimatedDurationSeconds);
  protected readonly districtsText =
    this.p.districts.length === 0
      ? 'none'
      : `${countOf(this.p.districts.length, 'district')}: ${this.p.districts.slice(0, SHOWN_DISTRICTS).join(', ')}` +
        (this.p.districts.length > SHOWN_DISTRICTS
          ? ` and ${this.p.districts.length - SHOWN_DISTRICTS} more`
          : '');
}
