import { ApplicationRef } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideApiTesting } from '../../testing/api-testing';
import { CoveragePageComponent } from './coverage-page.component';
import { JULY_COVERAGE } from '../../testing/coverage.fixture';

const COVERAGE_URL = '/api/admin/coverage';

async function openPage() {
  TestBed.configureTestingModule({
    providers: [
      ...provideApiTesting(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  const fixture = TestBed.createComponent(CoveragePageComponent);
  fixture.detectChanges();
  await fixture.whenStable();
  const backend = TestBed.inject(HttpTestingController);
  const request = backend.expectOne((r) => r.url === COVERAGE_URL);
  request.flush(JULY_COVERAGE);
  fixture.detectChanges();
  await fixture.whenStable();
  return { fixture, backend, request, el: fixture.nativeElement as HTMLElement };
}

const text = (el: HTMLElement, testId: string) =>
  el.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('CoveragePageComponent', () => {
  it('asks for the current program year up to yesterday', async () => {
    const { request } = await openPage();
    const from = request.request.params.get('from')!;
    const to = request.request.params.get('to')!;
    expect(from).toMatch(/^\d{4}-07-01$/);
    expect(to < new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it('shows the counts in the legend and in a text summary', async () => {
    const { el } = await openPage();
    expect(text(el, 'legend-ok')).toBe('✓ stored: 4');
    expect(text(el, 'legend-failed')).toBe('✗ failed: 1');
    expect(text(el, 'legend-missing')).toBe('· missing: 2');
    expect(text(el, 'coverage-summary')).toBe(
      '3 districts × 6 dates, 2025-07-30 to 2025-08-04: 4 stored, 9 closing day, 2 no data, ' +
        '1 failed, 2 missing; 2 districts with gaps.',
    );
  });

  it('tells the focused cell’s details as the arrow keys move', async () => {
    const { fixture, el } = await openPage();
    const map = el.querySelector<HTMLElement>('[data-testid="heat-map"]')!;
    map.dispatchEvent(new FocusEvent('focus'));
    fixture.detectChanges();
    expect(text(el, 'cell-details')).toBe(
      'District 61 on 2025-07-30: ✓ stored, collected 2025-07-30',
    );
    for (const key of ['ArrowDown', 'ArrowRight']) {
      map.dispatchEvent(new KeyboardEvent('keydown', { key }));
    }
    fixture.detectChanges();
    expect(text(el, 'cell-details')).toContain('District 117 on 2025-07-31: ✗ failed');
    map.dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }));
    fixture.detectChanges();
    expect(text(el, 'cell-details')).toBe('District 117 on 2025-08-04: · missing: nothing stored');
    map.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', ctrlKey: true }));
    fixture.detectChanges();
    expect(text(el, 'cell-details')).toContain('District 01 on 2025-08-04: ∅ no data');
    map.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', ctrlKey: true }));
    fixture.detectChanges();
    expect(text(el, 'cell-details')).toContain('District 61 on 2025-07-30: ✓ stored');
  });

  it('previews a skip-existing collection over the view and the districts with gaps', async () => {
    const { fixture, el, backend } = await openPage();
    el.querySelector<HTMLButtonElement>('[data-testid="fill-gaps"]')!.click();
    fixture.detectChanges();
    const preview = backend.expectOne('/api/admin/backfill/preview');
    expect(preview.request.body).toEqual({
      jobType: 'data-collection',
      startDate: '2025-07-30',
      endDate: '2025-08-04',
      skipExisting: true,
      targetDistricts: ['61', '117'],
    });
    preview.flush({
      jobType: 'data-collection',
      totalItems: 12,
      skippedExisting: 5,
      dateRange: { startDate: '2025-07-30', endDate: '2025-08-04' },
      dates: 6,
      districts: ['61', '117'],
      upstreamRequests: 9,
      estimatedDurationSeconds: 20,
      rateLimit: null,
      notes: [],
    });
    await TestBed.inject(ApplicationRef).whenStable();
    expect(document.querySelector('[data-testid="preview-total"]')?.textContent).toBe('12');
    document.querySelector<HTMLElement>('[data-testid="preview-close"]')!.click();
    await TestBed.inject(ApplicationRef).whenStable();
    // Closing the preview starts nothing.
    backend.expectNone('/api/admin/backfill');
  });

  it('says what went wrong when the API refuses', () => {
    TestBed.configureTestingModule({ providers: provideApiTesting() });
    const fixture = TestBed.createComponent(CoveragePageComponent);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.url === COVERAGE_URL)
      .flush(
        { error: { code: 'STORAGE_ERROR', message: 'Storage is unavailable' } },
        { status: 503, statusText: 'Service Unavailable' },
      );
    fixture.detectChanges();
    expect(text(fixture.nativeElement as HTMLElement, 'coverage-error')).toBe(
      'Storage is unavailable (STORAGE_ERROR)',
    );
  });
});
