import { FaultInjector, retryAfterHeader } from './faults';
import { FaultTarget } from './faults';

const club61: FaultTarget = { kind: 'clubperformance', district: '61', date: '2026-03-31' };
const club62: FaultTarget = { kind: 'clubperformance', district: '62', date: '2026-03-31' };
const summary: FaultTarget = { kind: 'districtsummary', date: '2026-03-31' };

function kinds(injector: FaultInjector, target: FaultTarget, n: number): (string | null)[] {
  return Array.from({ length: n }, () => injector.decide(target)?.kind ?? null);
}

describe('FaultInjector', () => {
  it('fires every Nth matching request', () => {
    const injector = new FaultInjector({ rules: [{ kind: 'server-error', everyNth: 3 }] });
    expect(kinds(injector, club61, 6)).toEqual([
      null,
      null,
      'server-error',
      null,
      null,
      'server-error',
    ]);
  });

  it('fires on the first N matching requests only', () => {
    const injector = new FaultInjector({ rules: [{ kind: 'reset', firstN: 2 }] });
    expect(kinds(injector, club61, 4)).toEqual(['reset', 'reset', null, null]);
  });

  it('targets districts, reports and dates', () => {
    const injector = new FaultInjector({
      rules: [
        { kind: 'hang', districts: ['61'], reports: ['clubperformance'], dates: ['2026-03-31'] },
      ],
    });
    expect(injector.decide(club62)).toBeNull();
    expect(injector.decide(summary)).toBeNull();
    expect(injector.decide({ ...club61, date: '2026-04-01' })).toBeNull();
    expect(injector.decide(club61)?.kind).toBe('hang');
  });

  it('counts only matching requests towards everyNth', () => {
    const injector = new FaultInjector({
      rules: [{ kind: 'unavailable', everyNth: 2, districts: ['61'] }],
    });
    const seen = [club61, club62, club62, club61].map((t) => injector.decide(t)?.kind ?? null);
    expect(seen).toEqual([null, null, null, 'unavailable']);
  });

  it('lets the first firing rule win while every rule keeps counting', () => {
    const injector = new FaultInjector({
      rules: [
        { kind: 'rate-limit', firstN: 2 },
        { kind: 'server-error', everyNth: 3 },
      ],
    });
    expect(kinds(injector, club61, 4)).toEqual(['rate-limit', 'rate-limit', 'server-error', null]);
  });

  it('lets substitute-latest see dated requests only, so latest ones do not count', () => {
    const injector = new FaultInjector({ rules: [{ kind: 'substitute-latest', everyNth: 2 }] });
    const latest = { ...club61, latest: true };
    const seen = [club61, latest, latest, club61, latest].map(
      (t) => injector.decide(t)?.kind ?? null,
    );
    expect(seen).toEqual([null, null, null, 'substitute-latest', null]);
  });

  it('rolls probabilities from the seed, reproducibly', () => {
    const settings = { seed: 7, rules: [{ kind: 'malformed' as const, probability: 0.3 }] };
    const a = kinds(new FaultInjector(settings), club61, 200);
    const b = kinds(new FaultInjector(settings), club61, 200);
    expect(a).toEqual(b);
    const fired = a.filter((k) => k !== null).length;
    expect(fired).toBeGreaterThan(30);
    expect(fired).toBeLessThan(90);
  });

  it('adds fixed latency plus bounded seeded jitter', () => {
    const injector = new FaultInjector({ latencyMs: 10, jitterMs: 5, seed: 3 });
    for (let i = 0; i < 50; i++) {
      const ms = injector.latencyMs();
      expect(ms).toBeGreaterThanOrEqual(10);
      expect(ms).toBeLessThan(15);
    }
    expect(new FaultInjector({}).latencyMs()).toBe(0);
  });

  it('writes Retry-After as seconds or an HTTP-date', () => {
    expect(retryAfterHeader(2.2, 'seconds', 0)).toBe('3');
    expect(retryAfterHeader(30, 'http-date', Date.UTC(2026, 3, 1, 12, 0, 0))).toBe(
      'Wed, 01 Apr 2026 12:00:30 GMT',
    );
  });
});
