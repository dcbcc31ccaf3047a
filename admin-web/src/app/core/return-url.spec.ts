import { returnQuery, safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it('keeps a path inside the console, with its query', () => {
    expect(safeReturnUrl('/jobs/0b6f7c1e-8f4e-4a3b-9c2d-1e2f3a4b5c6d')).toBe(
      '/jobs/0b6f7c1e-8f4e-4a3b-9c2d-1e2f3a4b5c6d',
    );
    expect(safeReturnUrl('/analytics/district?district=61&year=2025-2026')).toBe(
      '/analytics/district?district=61&year=2025-2026',
    );
  });

  it.each([
    ['another host', '//evil.example/x'],
    ['a backslash host', '/\\evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a script', 'javascript:alert(1)'],
    ['a relative path', 'jobs/1'],
    ['a control character', '/jobs/\n1'],
    ['the sign-in page itself', '/sign-in?returnUrl=/'],
    ['nothing', ''],
    ['not a string', 42],
  ])('refuses %s', (_what, value) => {
    expect(safeReturnUrl(value)).toBeNull();
  });
});

describe('returnQuery', () => {
  it('carries a page other than the first one across the sign-in prompt', () => {
    expect(returnQuery('/analytics/snapshot?date=2026-01-01')).toEqual({
      returnUrl: '/analytics/snapshot?date=2026-01-01',
    });
    expect(returnQuery('/')).toEqual({});
    expect(returnQuery('/sign-in')).toEqual({});
  });
});
