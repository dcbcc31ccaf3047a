import { FaultSettingsError, parseFaultSettings } from './fault-settings';

describe('parseFaultSettings', () => {
  it('accepts a full configuration and round-trips it', () => {
    const settings = {
      latencyMs: 20,
      jitterMs: 5,
      seed: 42,
      retryAfterSeconds: 3,
      retryAfterFormat: 'http-date',
      rules: [
        { kind: 'rate-limit', probability: 0.1, retryAfterSeconds: 1 },
        { kind: 'reset', everyNth: 5, districts: ['61'], reports: ['clubperformance'] },
        { kind: 'truncate', firstN: 2, dates: ['2026-03-31'], truncate: 'cut' },
        { kind: 'malformed', malformed: 'column-count' },
        { kind: 'substitute-latest', everyNth: 3, dates: ['2026-04-01'] },
      ],
    };
    const parsed = parseFaultSettings(settings);
    expect(parsed).toEqual(settings);
    expect(parseFaultSettings(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it.each([
    [[], 'must be a JSON object'],
    [{ latency: 1 }, 'unknown field(s) latency'],
    [{ latencyMs: -1 }, 'faults.latencyMs'],
    [{ rules: {} }, 'faults.rules must be an array'],
    [{ rules: [{}] }, 'faults.rules[0].kind is required'],
    [{ rules: [{ kind: 'explode' }] }, 'faults.rules[0].kind must be one of'],
    [{ rules: [{ kind: 'hang', probability: 2 }] }, 'faults.rules[0].probability'],
    [{ rules: [{ kind: 'hang', everyNth: 0 }] }, 'faults.rules[0].everyNth'],
    [{ rules: [{ kind: 'hang', dates: ['4/1/2026'] }] }, 'faults.rules[0].dates'],
    [{ rules: [{ kind: 'hang', reports: ['x'] }] }, 'faults.rules[0].reports'],
    [{ rules: [{ kind: 'truncate', truncate: 'half' }] }, 'faults.rules[0].truncate'],
  ])('rejects %j', (input, message) => {
    expect(() => parseFaultSettings(input)).toThrow(FaultSettingsError);
    expect(() => parseFaultSettings(input)).toThrow(message);
  });
});
