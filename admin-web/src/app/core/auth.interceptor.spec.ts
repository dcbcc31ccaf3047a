import { HttpClient, HttpContext } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { MemoryStorage, provideApiTesting } from '../../testing/api-testing';
import { CANDIDATE_TOKEN, SESSION_EXPIRED_NOTICE } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let storage: MemoryStorage;
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;

  beforeEach(() => {
    storage = new MemoryStorage();
    storage.setItem('ubs.adminToken', 'stored-token-0123456789');
    TestBed.configureTestingModule({ providers: provideApiTesting(storage) });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
  });

  afterEach(() => backend.verify());

  it('sends the stored token as a bearer header', () => {
    http.get('/api/admin/backfill/jobs').subscribe();
    const req = backend.expectOne('/api/admin/backfill/jobs');
    expect(req.request.headers.get('Authorization')).toBe('Bearer stored-token-0123456789');
    req.flush({});
  });

  it('signs out with a message and goes to the sign-in prompt on a 401', () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    let failed = false;
    http.get('/api/admin/backfill/jobs').subscribe({ error: () => (failed = true) });
    backend
      .expectOne('/api/admin/backfill/jobs')
      .flush({ error: { code: 'UNAUTHORIZED' } }, { status: 401, statusText: 'Unauthorized' });
    expect(failed).toBe(true);
    expect(auth.signedIn()).toBe(false);
    expect(auth.notice()).toBe(SESSION_EXPIRED_NOTICE);
    expect(storage.getItem('ubs.adminToken')).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: {} });
  });

  it('tries a candidate token without touching the stored session on a 401', () => {
    const context = new HttpContext().set(CANDIDATE_TOKEN, 'candidate-token-0123456789');
    http.get('/api/admin/backfill/status', { context }).subscribe({ error: () => undefined });
    const req = backend.expectOne('/api/admin/backfill/status');
    expect(req.request.headers.get('Authorization')).toBe('Bearer candidate-token-0123456789');
    req.flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(auth.signedIn()).toBe(true);
    expect(auth.notice()).toBeNull();
  });
});
