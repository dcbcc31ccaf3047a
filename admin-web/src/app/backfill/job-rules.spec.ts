import spec from '../../../../openapi/openapi.json';
import {
  RATE_LIMIT_BOUNDS,
  RATE_LIMIT_FIELDS,
  boundProblem,
  dateRangeProblem,
  delayOrderProblem,
} from './job-rules';

interface SchemaProperty {
  minimum?: number;
  maximum?: number;
}

describe('job rules', () => {
  it('uses the same rate-limit bounds as the API spec', () => {
    const schemas = spec.components.schemas as unknown as Record<
      string,
      { properties: Record<string, SchemaProperty> }
    >;
    const properties = schemas['RateLimitPatchDto'].properties;
    for (const field of RATE_LIMIT_FIELDS) {
      expect({ field, min: properties[field].minimum, max: properties[field].maximum }).toEqual({
        field,
        min: RATE_LIMIT_BOUNDS[field].min,
        max: RATE_LIMIT_BOUNDS[field].max,
      });
    }
  });

  it('words bound and order problems as the API does', () => {
    expect(boundProblem('maxConcurrent', 33)).toBe(
      'maxConcurrent must be an integer between 1 and 32',
    );
    expect(boundProblem('maxConcurrent', 1.5)).not.toBeNull();
    expect(boundProblem('backoffMultiplier', 1.5)).toBeNull();
    expect(boundProblem('minDelayMs', null)).toBeNull();
    expect(boundProblem('pauseEveryRequests', 0)).toBeNull();
    expect(boundProblem('pauseEveryRequests', 10_001)).toBe(
      'pauseEveryRequests must be an integer between 0 and 10000',
    );
    expect(boundProblem('pauseMs', 600_001)).toBe(
      'pauseMs must be an integer between 0 and 600000',
    );
    expect(delayOrderProblem(2000, 1000)).toBe(
      'minDelayMs (2000) must not exceed maxDelayMs (1000)',
    );
    expect(delayOrderProblem(1000, 1000)).toBeNull();
  });

  it.each([
    [null, null, true, 'startDate and endDate are required'],
    [null, null, false, null],
    ['2026-01-01', null, false, 'startDate and endDate must be given together'],
    ['2026-01-03', '2026-01-02', true, 'startDate 2026-01-03 is after endDate 2026-01-02'],
    [
      '2026-01-01',
      '2026-01-10',
      true,
      /^endDate 2026-01-10 must be before today \(2026-01-10 UTC\)/,
    ],
    ['2026-01-01', '2026-01-09', true, null],
    ['2010-01-01', '2026-01-09', true, /spans \d+ days; at most 3660 per job/],
  ])('dateRangeProblem(%s, %s, required=%s)', (start, end, required, expected) => {
    const problem = dateRangeProblem(start, end, '2026-01-10', required);
    if (expected instanceof RegExp) expect(problem).toMatch(expected);
    else expect(problem).toBe(expected);
  });
});
