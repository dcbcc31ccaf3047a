import { CliError, DEFAULT_CLI_PORT, parseCliConfig, parseFaultFlag } from './cli-config';

const noFile = (path: string): string => {
  throw new Error(`ENOENT: ${path}`);
};

function options(argv: string[], env: Record<string, string> = {}, readFile = noFile) {
  const config = parseCliConfig(argv, env, readFile);
  if (config.help) {
    throw new Error('unexpected help');
  }
  return config.options;
}

describe('parseCliConfig', () => {
  it('defaults to 127.0.0.1:4010 without faults', () => {
    expect(options([])).toEqual({ host: '127.0.0.1', port: DEFAULT_CLI_PORT, faults: {} });
  });

  it('reads flags', () => {
    expect(
      options([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--today',
        '2026-04-02',
        '--latency-ms',
        '20',
        '--jitter-ms',
        '5',
        '--seed',
        '3',
        '--rate-limit',
        '120',
        '--retry-after',
        '9',
        '--retry-after-format',
        'http-date',
        '--fault',
        'reset=0.05',
        '--fault',
        'hang=first:2',
        '--log-limit',
        '50',
        '--date-slots',
        'data-month',
        '--fault',
        'substitute-latest=every:4',
      ]),
    ).toEqual({
      host: '0.0.0.0',
      port: 0,
      today: '2026-04-02',
      enforceRateLimitPerMinute: 120,
      logLimit: 50,
      dateSlots: 'data-month',
      faults: {
        latencyMs: 20,
        jitterMs: 5,
        seed: 3,
        retryAfterSeconds: 9,
        retryAfterFormat: 'http-date',
        rules: [
          { kind: 'reset', probability: 0.05 },
          { kind: 'hang', firstN: 2 },
          { kind: 'substitute-latest', everyNth: 4 },
        ],
      },
    });
  });

  it('falls back to EMULATOR_* variables, flags winning', () => {
    const env = {
      EMULATOR_PORT: '5000',
      EMULATOR_HOST: '::1',
      EMULATOR_LATENCY_MS: '7',
      EMULATOR_RATE_LIMIT: '9',
      EMULATOR_DATE_SLOTS: 'data-month',
    };
    expect(options([], env)).toMatchObject({
      port: 5000,
      host: '::1',
      enforceRateLimitPerMinute: 9,
      dateSlots: 'data-month',
      faults: { latencyMs: 7 },
    });
    expect(options(['--port', '6000'], env).port).toBe(6000);
    expect(options(['--date-slots', 'lenient'], env).dateSlots).toBe('lenient');
  });

  it('reads fault JSON from a flag, a file or the environment, appending --fault rules', () => {
    const json = '{"rules":[{"kind":"server-error","everyNth":4}]}';
    expect(options(['--faults', json, '--fault', 'reset=every:9']).faults?.rules).toEqual([
      { kind: 'server-error', everyNth: 4 },
      { kind: 'reset', everyNth: 9 },
    ]);
    expect(options(['--faults-file', 'f.json'], {}, () => json).faults?.rules).toHaveLength(1);
    expect(options([], { EMULATOR_FAULTS: json }).faults?.rules).toHaveLength(1);
  });

  it('prints help on --help', () => {
    expect(parseCliConfig(['--help'], {}, noFile)).toEqual({ help: true });
  });

  it.each([
    [['--port', 'abc'], '--port must be an integer from 0 to 65535, got "abc"'],
    [['--port', '70000'], '--port must be an integer'],
    [['--latency-ms=-1'], '--latency-ms must be an integer'],
    [['--rate-limit', '0'], '--rate-limit must be an integer from 1'],
    [['--today', '4/1/2026'], '--today must be a date YYYY-MM-DD'],
    [['--retry-after-format', 'minutes'], '--retry-after-format must be'],
    [['--date-slots', 'strict'], '--date-slots must be one of lenient, data-month, got "strict"'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--faults', '{'], '--faults is not valid JSON'],
    [['--faults', '{"rules":[{"kind":"boom"}]}'], '--faults: faults.rules[0].kind must be one of'],
    [['--faults-file', 'missing.json'], 'cannot read faults file missing.json'],
    [['--fault', 'explode=0.5'], '--fault "explode=0.5" must look like'],
    [['--fault', 'reset=1.5'], 'probability'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliConfig(argv, {}, noFile)).toThrow(CliError);
    expect(() => parseCliConfig(argv, {}, noFile)).toThrow(message);
  });

  it('names the environment variable in errors that come from it', () => {
    expect(() => parseCliConfig([], { EMULATOR_PORT: 'x' }, noFile)).toThrow(
      'EMULATOR_PORT must be an integer',
    );
    expect(() => parseCliConfig([], { EMULATOR_DATE_SLOTS: 'Data-Month' }, noFile)).toThrow(
      'EMULATOR_DATE_SLOTS must be one of lenient, data-month, got "Data-Month"',
    );
  });

  it('parses fault shorthands', () => {
    expect(parseFaultFlag('truncate=every:3')).toEqual({ kind: 'truncate', everyNth: 3 });
    expect(parseFaultFlag('malformed=.25')).toEqual({ kind: 'malformed', probability: 0.25 });
  });
});
