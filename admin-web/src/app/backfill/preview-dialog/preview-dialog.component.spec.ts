import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import type { JobPreviewDto } from '@backfill/api-client';
import { provideApiTesting } from '../../../testing/api-testing';
import { PreviewDialogComponent, PreviewDialogData } from './preview-dialog.component';

const preview: JobPreviewDto = {
  jobType: 'data-collection',
  totalItems: 1,
  skippedExisting: 0,
  dateRange: { startDate: '2026-01-01', endDate: '2026-01-01' },
  order: 'oldest-first',
  dates: 1,
  districts: ['61'],
  upstreamRequests: 2,
  estimatedDurationSeconds: 3,
  rateLimit: null,
  notes: [],
};

async function openDialog() {
  TestBed.configureTestingModule({
    providers: [
      provideApiTesting(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  const ref = TestBed.inject(MatDialog).open<PreviewDialogComponent, PreviewDialogData, boolean>(
    PreviewDialogComponent,
    { data: { preview, body: { jobType: 'data-collection' } } },
  );
  await TestBed.inject(ApplicationRef).whenStable();
  return ref;
}

describe('PreviewDialogComponent', () => {
  // The focus itself is checked in Chromium (e2e): jsdom has no layout, so the CDK focus
  // trap finds no focusable element to move to.
  it('marks Close, never Start job, as the initial focus; Close does not start', async () => {
    const ref = await openDialog();
    const close = document.querySelector<HTMLElement>('[data-testid="preview-close"]')!;
    const start = document.querySelector<HTMLElement>('[data-testid="preview-start"]')!;
    expect(close.hasAttribute('cdkFocusInitial')).toBe(true);
    expect(start.hasAttribute('cdkFocusInitial')).toBe(false);
    let result: boolean | undefined;
    ref.afterClosed().subscribe((value) => (result = value));
    close.click(); // what Enter on the focused button does
    await TestBed.inject(ApplicationRef).whenStable();
    expect(result).toBe(false);
  });

  it('uses singular and plural forms for its counts', async () => {
    await openDialog();
    const facts = document.querySelector('[data-testid="preview-facts"]')?.textContent ?? '';
    expect(facts).toContain('(1 date)');
    expect(facts).toContain('1 district: 61');
  });
});
