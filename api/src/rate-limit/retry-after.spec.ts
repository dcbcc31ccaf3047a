import fc from 'fast-check';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each([null, undefined, '', '   '])('returns undefined for a missing header (%p)', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
  });

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 5 ', NOW)).toBe(5000);
  });

  it('caps delay-seconds at MAX_RETRY_AFTER_MS', () => {
    expect(parseRetryAfter('86400', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it.each(['-1', '1.5', '1e3', '0x10', 'soon', '120, 120', '2026-01-15T12:00:30Z', 'Jan 15 2026'])(
    'returns undefined for garbage %p',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    },
  );

  it('reads an IMF-fixdate as the wait until that instant', () => {
    expect(parseRetryAfter('Thu, 15 Jan 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW + 45_000).toUTCString(), NOW)).toBe(45_000);
  });

  it('reads the obsolete RFC 850 and asctime forms, asctime as UTC', () => {
    expect(parseRetryAfter('Thursday, 15-Jan-26 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Thu Jan 15 12:00:10 2026', NOW)).toBe(10_000);
    expect(parseRetryAfter('Thu Jan  1 12:00:10 2026', Date.UTC(2026, 0, 1, 12))).toBe(10_000);
  });

  it('treats a date in the past as no wait and a far-future date as the cap', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('Fri, 15 Jan 2027 12:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it.each([
    'Thu, 31 Feb 2026 12:00:00 GMT',
    'Thu, 15 Jan 2026 24:00:00 GMT',
    'Thu, 15 Jan 2026 12:60:00 GMT',
    'Thu, 15 Foo 2026 12:00:00 GMT',
    'Thu, 15 Jan 2026 12:00:30 PST',
    'Thu, 15 Jan 2026 12:00:30',
    'Thu 15 Jan 2026 12:00:30 GMT',
  ])('returns undefined for the malformed date %p', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
  });

  it('property: delay-seconds round-trips below the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_RETRY_AFTER_MS / 1000 }), (seconds) => {
        expect(parseRetryAfter(String(seconds), NOW)).toBe(seconds * 1000);
      }),
    );
  });

  it('property: an IMF-fixdate gives the clamped distance to that second', () => {
    const offset = fc.integer({ min: -10 * MAX_RETRY_AFTER_MS, max: 10 * MAX_RETRY_AFTER_MS });
    fc.assert(
      fc.property(offset, (offsetMs) => {
        const target = Math.floor((NOW + offsetMs) / 1000) * 1000;
        const expected = Math.min(MAX_RETRY_AFTER_MS, Math.max(0, target - NOW));
        expect(parseRetryAfter(new Date(target).toUTCString(), NOW)).toBe(expected);
      }),
    );
  });

  it('property: any input gives undefined or a wait within 0..cap', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const wait = parseRetryAfter(header, NOW);
        if (wait !== undefined) {
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
        }
      }),
    );
  });
});
