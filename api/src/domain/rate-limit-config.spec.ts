import fc from 'fast-check';
import {
  DEFAULT_RATE_LIMIT_CONFIG,
  RATE_LIMIT_BOUNDS,
  RateLimitConfig,
  RateLimitConfigError,
  mergeRateLimitConfig,
  validateRateLimitConfig,
} from './rate-limit-config';

const FIELDS = Object.keys(RATE_LIMIT_BOUNDS) as (keyof RateLimitConfig)[];

function withField(field: keyof RateLimitConfig, value: number): RateLimitConfig {
  return { ...DEFAULT_RATE_LIMIT_CONFIG, [field]: value };
}

describe('validateRateLimitConfig', () => {
  it('accepts the polite defaults', () => {
    expect(validateRateLimitConfig(DEFAULT_RATE_LIMIT_CONFIG)).toEqual([]);
    // The README documents these values; a change to them is a change of behaviour.
    const documented: [keyof RateLimitConfig, number][] = [
      ['maxRequestsPerMinute', 120],
      ['maxConcurrent', 2],
      ['minDelayMs', 250],
      ['maxDelayMs', 60_000],
      ['backoffMultiplier', 2],
      ['pauseEveryRequests', 100],
      ['pauseMs', 5_000],
    ];
    expect(Object.entries(DEFAULT_RATE_LIMIT_CONFIG).sort()).toEqual(documented.sort());
  });

  it.each(FIELDS)('accepts %s at both bounds', (field) => {
    const { min, max } = RATE_LIMIT_BOUNDS[field];
    const atMin = withField(field, min);
    const atMax = withField(field, max);
    // Keep minDelayMs <= maxDelayMs so only the field under test matters.
    if (field === 'minDelayMs') atMax.maxDelayMs = 600_000;
    if (field === 'maxDelayMs') atMin.minDelayMs = 0;
    expect(validateRateLimitConfig(atMin)).toEqual([]);
    expect(validateRateLimitConfig(atMax)).toEqual([]);
  });

  it.each(FIELDS)('names %s when it is out of range, NaN or infinite', (field) => {
    const { min, max } = RATE_LIMIT_BOUNDS[field];
    for (const bad of [min - 1, max + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const problems = validateRateLimitConfig(withField(field, bad));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(field);
    }
  });

  it('rejects fractions for integer fields but not for backoffMultiplier', () => {
    expect(validateRateLimitConfig(withField('maxConcurrent', 1.5))[0]).toMatch(
      /^maxConcurrent must be an integer between 1 and 32, got 1.5$/,
    );
    expect(validateRateLimitConfig(withField('backoffMultiplier', 1.5))).toEqual([]);
  });

  it('bounds the pause fields: 0 to 10,000 requests, 0 to 600,000 ms, whole numbers', () => {
    expect(RATE_LIMIT_BOUNDS.pauseEveryRequests).toEqual({ min: 0, max: 10_000, integer: true });
    expect(RATE_LIMIT_BOUNDS.pauseMs).toEqual({ min: 0, max: 600_000, integer: true });
    expect(validateRateLimitConfig(withField('pauseEveryRequests', 0))).toEqual([]);
    expect(validateRateLimitConfig(withField('pauseEveryRequests', 10_001))).toEqual([
      'pauseEveryRequests must be an integer between 0 and 10000, got 10001',
    ]);
    expect(validateRateLimitConfig(withField('pauseMs', 2.5))).toEqual([
      'pauseMs must be an integer between 0 and 600000, got 2.5',
    ]);
  });

  it('names fields a config lacks: the stores fill them from the defaults first', () => {
    const { pauseEveryRequests: _every, pauseMs: _ms, ...before } = DEFAULT_RATE_LIMIT_CONFIG;
    expect(validateRateLimitConfig(before as RateLimitConfig)).toEqual([
      'pauseEveryRequests must be an integer between 0 and 10000, got undefined',
      'pauseMs must be an integer between 0 and 600000, got undefined',
    ]);
  });

  it('rejects a non-number with its type', () => {
    const config = { ...DEFAULT_RATE_LIMIT_CONFIG, maxConcurrent: '2' as unknown as number };
    expect(validateRateLimitConfig(config)).toEqual([
      'maxConcurrent must be an integer between 1 and 32, got string',
    ]);
  });

  it('rejects minDelayMs above maxDelayMs', () => {
    const config = { ...DEFAULT_RATE_LIMIT_CONFIG, minDelayMs: 5000, maxDelayMs: 4000 };
    expect(validateRateLimitConfig(config)).toEqual([
      'minDelayMs (5000) must not exceed maxDelayMs (4000)',
    ]);
  });

  it('reports every bad field at once', () => {
    const config = { ...DEFAULT_RATE_LIMIT_CONFIG, maxRequestsPerMinute: 0, maxConcurrent: 99 };
    const problems = validateRateLimitConfig(config);
    expect(problems).toHaveLength(2);
    expect(problems.join()).toContain('maxRequestsPerMinute');
    expect(problems.join()).toContain('maxConcurrent');
  });

  it('property: accepts exactly the values inside the bounds', () => {
    const field = fc.constantFrom(...FIELDS);
    fc.assert(
      fc.property(field, fc.double({ min: -1e6, max: 1e6, noNaN: true }), (name, value) => {
        const { min, max, integer } = RATE_LIMIT_BOUNDS[name];
        const config = { ...withField(name, value), minDelayMs: 0, maxDelayMs: 600_000 };
        config[name] = value;
        const inside = value >= min && value <= max && (!integer || Number.isInteger(value));
        const problems = validateRateLimitConfig(config);
        expect(problems.length === 0).toBe(inside);
        if (!inside) expect(problems[0]).toContain(name);
      }),
    );
  });
});

describe('mergeRateLimitConfig', () => {
  it('overrides only the given fields and leaves the base untouched', () => {
    const base = { ...DEFAULT_RATE_LIMIT_CONFIG };
    const merged = mergeRateLimitConfig(base, { maxConcurrent: 4, minDelayMs: undefined });
    expect(merged).toEqual({ ...DEFAULT_RATE_LIMIT_CONFIG, maxConcurrent: 4 });
    expect(base).toEqual(DEFAULT_RATE_LIMIT_CONFIG);
    expect(merged).not.toBe(base);
  });

  it('throws a RateLimitConfigError carrying every problem', () => {
    let caught: unknown;
    try {
      mergeRateLimitConfig(DEFAULT_RATE_LIMIT_CONFIG, { minDelayMs: 70_000, maxConcurrent: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RateLimitConfigError);
    const error = caught as RateLimitConfigError;
    expect(error.name).toBe('RateLimitConfigError');
    expect(error.details).toHaveLength(2);
    expect(error.message).toContain('minDelayMs');
    expect(error.message).toContain('maxConcurrent');
  });

  it('gives overrides stored before the pause fields existed the base pause', () => {
    const base = { ...DEFAULT_RATE_LIMIT_CONFIG, pauseEveryRequests: 50, pauseMs: 8000 };
    const storedOverrides: Partial<RateLimitConfig> = { maxRequestsPerMinute: 60 };
    expect(mergeRateLimitConfig(base, storedOverrides)).toEqual({
      ...base,
      maxRequestsPerMinute: 60,
    });
    expect(mergeRateLimitConfig(base, { pauseEveryRequests: 0 })).toMatchObject({
      pauseEveryRequests: 0,
      pauseMs: 8000,
    });
  });

  it('checks the merged result, not the partial alone', () => {
    // minDelayMs 2000 is valid on its own but exceeds the base's maxDelayMs.
    expect(() =>
      mergeRateLimitConfig(
        { ...DEFAULT_RATE_LIMIT_CONFIG, maxDelayMs: 1000 },
        { minDelayMs: 2000 },
      ),
    ).toThrow(/minDelayMs \(2000\) must not exceed maxDelayMs \(1000\)/);
  });
});
