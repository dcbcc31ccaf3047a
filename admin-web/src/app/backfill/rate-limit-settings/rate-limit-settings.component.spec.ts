import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideApiTesting, rateLimitConfigDto } from '../../../testing/api-testing';
import { RateLimitSettingsComponent } from './rate-limit-settings.component';

const saved = rateLimitConfigDto();

describe('RateLimitSettingsComponent', () => {
  async function render() {
    TestBed.configureTestingModule({ providers: provideApiTesting() });
    const fixture = TestBed.createComponent(RateLimitSettingsComponent);
    const backend = TestBed.inject(HttpTestingController);
    backend.expectOne('/api/admin/backfill/config/rate-limit').flush(saved);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = (field: string) =>
      el.querySelector<HTMLInputElement>(`[data-testid="limit-${field}"]`)!;
    const set = (field: string, value: string) => {
      input(field).value = value;
      input(field).dispatchEvent(new Event('input'));
    };
    const save = async () => {
      el.querySelector<HTMLButtonElement>('[data-testid="limit-save"]')!.click();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, el, backend, input, set, save };
  }

  it('shows the saved settings', async () => {
    const { input } = await render();
    expect(input('maxRequestsPerMinute').value).toBe('120');
    expect(input('backoffMultiplier').value).toBe('2');
    expect(input('pauseEveryRequests').value).toBe('100');
    expect(input('pauseMs').value).toBe('5000');
  });

  it('refuses pause values out of bounds or fractional, with the API wording', async () => {
    const { el, backend, set, save } = await render();
    set('pauseEveryRequests', '10001');
    set('pauseMs', '2.5');
    await save();
    expect(el.textContent).toContain('pauseEveryRequests must be an integer between 0 and 10000');
    expect(el.textContent).toContain('pauseMs must be an integer between 0 and 600000');
    backend.expectNone({ method: 'PUT' });
  });

  it('saves the pause fields, 0 turning the pause off', async () => {
    const { backend, set, save } = await render();
    set('pauseEveryRequests', '0');
    set('pauseMs', '0');
    await save();
    const req = backend.expectOne({ method: 'PUT', url: '/api/admin/backfill/config/rate-limit' });
    expect(req.request.body).toEqual({ ...saved, pauseEveryRequests: 0, pauseMs: 0 });
  });

  it('refuses values out of bounds and a min delay above the max, before saving', async () => {
    const { el, backend, set, save } = await render();
    set('maxRequestsPerMinute', '60001');
    await save();
    expect(el.textContent).toContain('maxRequestsPerMinute must be an integer between 1 and 60000');
    set('maxRequestsPerMinute', '60');
    set('minDelayMs', '70000');
    set('minDelayMs', '5000');
    set('maxDelayMs', '1000');
    await save();
    expect(el.querySelector('[data-testid="limit-order-error"]')?.textContent).toContain(
      'minDelayMs (5000) must not exceed maxDelayMs (1000)',
    );
    backend.expectNone({ method: 'PUT' });
  });

  it('saves valid settings and says they apply to the next job', async () => {
    const { fixture, el, backend, set, save } = await render();
    set('maxConcurrent', '4');
    await save();
    const req = backend.expectOne({ method: 'PUT', url: '/api/admin/backfill/config/rate-limit' });
    expect(req.request.body).toEqual({ ...saved, maxConcurrent: 4 });
    req.flush({ ...saved, maxConcurrent: 4 });
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="limit-saved"]')?.textContent).toContain('next job');
  });
});
