import { RateWindow } from './rate-window';

describe('RateWindow', () => {
  it('allows N per trailing window and says when the next one fits', () => {
    let now = 1_000_000;
    const window = new RateWindow(3, 60_000, () => now);
    expect(window.hit().allowed).toBe(true);
    now += 10_000;
    expect(window.hit().allowed).toBe(true);
    now += 10_000;
    expect(window.hit().allowed).toBe(true);
    now += 1_000;
    const refused = window.hit();
    expect(refused).toEqual({ allowed: false, retryAfterMs: 49_000 });
  });

  it('counts refused requests, so hammering keeps a client limited', () => {
    let now = 0;
    const window = new RateWindow(2, 60_000, () => now);
    window.hit();
    window.hit();
    expect(window.hit().allowed).toBe(false);
    now = 59_999;
    expect(window.hit().allowed).toBe(false);
    now = 60_000 + 59_999;
    expect(window.hit().allowed).toBe(true);
  });

  it('recovers once the window has passed', () => {
    let now = 0;
    const window = new RateWindow(1, 60_000, () => now);
    expect(window.hit().allowed).toBe(true);
    expect(window.hit().allowed).toBe(false);
    now = 120_001;
    expect(window.hit().allowed).toBe(true);
  });

  it('rejects a non-positive limit', () => {
    expect(() => new RateWindow(0)).toThrow(RangeError);
  });
});
