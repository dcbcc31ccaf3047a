import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { MemoryStorage, provideApiTesting } from '../../testing/api-testing';
import { AuthService } from '../core/auth.service';
import { SignInComponent } from './sign-in.component';

describe('SignInComponent', () => {
  let storage: MemoryStorage;

  beforeEach(() => {
    storage = new MemoryStorage();
    TestBed.configureTestingModule({ providers: provideApiTesting(storage) });
  });

  function render() {
    const fixture = TestBed.createComponent(SignInComponent);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const submit = async (token: string) => {
      const input = el.querySelector<HTMLInputElement>('[data-testid="token-input"]')!;
      input.value = token;
      input.dispatchEvent(new Event('input'));
      el.querySelector<HTMLButtonElement>('[data-testid="sign-in"]')!.click();
      await fixture.whenStable();
    };
    return { fixture, el, submit };
  }

  it('keeps a token the API accepts for the session and opens the console', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const { submit } = render();
    await submit('the-right-token-0123456789');
    const req = TestBed.inject(HttpTestingController).expectOne(
      '/api/admin/backfill/config/rate-limit',
    );
    expect(req.request.headers.get('Authorization')).toBe('Bearer the-right-token-0123456789');
    req.flush({});
    expect(storage.getItem('ubs.adminToken')).toBe('the-right-token-0123456789');
    expect(TestBed.inject(AuthService).signedIn()).toBe(true);
    expect(navigate).toHaveBeenCalledWith(['/']);
  });

  it('returns to the page asked for before signing in, when it is an internal path', async () => {
    const router = TestBed.inject(Router);
    const navigateByUrl = vi.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    const { fixture, submit } = render();
    fixture.componentRef.setInput('returnUrl', '/jobs/0b6f7c1e-8f4e-4a3b-9c2d-1e2f3a4b5c6d');
    await submit('the-right-token-0123456789');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/admin/backfill/config/rate-limit')
      .flush({});
    expect(navigateByUrl).toHaveBeenCalledWith('/jobs/0b6f7c1e-8f4e-4a3b-9c2d-1e2f3a4b5c6d');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('ignores a return URL that leaves the console', async () => {
    const router = TestBed.inject(Router);
    const navigateByUrl = vi.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    const { fixture, submit } = render();
    fixture.componentRef.setInput('returnUrl', '//evil.example/steal');
    await submit('the-right-token-0123456789');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/admin/backfill/config/rate-limit')
      .flush({});
    expect(navigateByUrl).not.toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith(['/']);
  });

  it('says so when the API rejects the token, and keeps nothing', async () => {
    const { fixture, el, submit } = render();
    await submit('a-wrong-token-0123456789');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/admin/backfill/config/rate-limit')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('rejected by the API (401)');
    expect(storage.getItem('ubs.adminToken')).toBeNull();
  });

  it('shows why the prompt came back after a 401 elsewhere', async () => {
    TestBed.inject(AuthService).signOut('The API rejected your admin token (401).');
    const { fixture, el } = render();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="sign-in-notice"]')?.textContent).toContain(
      'rejected your admin token',
    );
  });

  it('asks for a token of the right length before calling the API', async () => {
    const { fixture, el, submit } = render();
    await submit('short');
    fixture.detectChanges();
    expect(el.textContent).toContain('at least 16 characters');
    TestBed.inject(HttpTestingController).expectNone('/api/admin/backfill/config/rate-limit');
  });
});
