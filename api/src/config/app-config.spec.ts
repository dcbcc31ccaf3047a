import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/app/data',
      storageDriver: 'local',
      dashboardBaseUrl: 'https://dashboards.toastmasters.org',
      jobRetentionDays: 30,
      staleAfterMinutes: 10,
      progressFlushSeconds: 5,
      heartbeatSeconds: 30,
      dashboardDateSlots: 'data-month',
    });
    expect(loadConfig({ DASHBOARD_DATE_SLOTS: 'requested-month' }).dashboardDateSlots).toBe(
      'requested-month',
    );
    expect(config.parseWorkers).toBeGreaterThanOrEqual(1);
    expect(config.parseWorkers).toBeLessThanOrEqual(4);
    expect(loadConfig({ PARSE_WORKERS: '0' }).parseWorkers).toBe(0);
  });

  it('generates a strong admin token when none is set, and says so', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.adminTokenGenerated).toBe(true);
    expect(a.adminToken.length).toBeGreaterThanOrEqual(32);
    expect(a.adminToken).not.toBe(b.adminToken);
    const set = loadConfig({ ADMIN_TOKEN: 'a-configured-token-123' });
    expect(set).toMatchObject({ adminToken: 'a-configured-token-123', adminTokenGenerated: false });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['STORAGE_DRIVER', 'redis'],
    ['JOB_RETENTION_DAYS', '29'],
    ['STALE_AFTER_MINUTES', '0'],
    ['PROGRESS_FLUSH_SECONDS', '1.5'],
    ['DASHBOARD_BASE_URL', 'not a url'],
    ['DASHBOARD_BASE_URL', 'ftp://example.org'],
    ['ADMIN_TOKEN', 'short'],
    ['INSTANCE_ID', '../etc'],
    ['PARSE_WORKERS', '-1'],
    ['PARSE_WORKERS', '17'],
    ['DASHBOARD_DATE_SLOTS', 'collection-date'],
    ['COLLECT_SCHEDULE', 'every morning'],
    ['COLLECT_SCHEDULE', '0 25 * * *'],
    ['COLLECT_SCHEDULE', '0 7 *'],
    ['COLLECT_LOOKBACK_DAYS', '0'],
    ['COLLECT_LOOKBACK_DAYS', '63'],
    ['COLLECT_LOOKBACK_DAYS', '7.5'],
  ])('stops with a message naming %s for %j', (variable, value) => {
    let caught: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as Error).message).toContain(variable);
  });

  it('never puts the admin token in an error message', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'secret12' })).toThrow(/at least 16/);
    expect(() => loadConfig({ ADMIN_TOKEN: 'secret12' })).not.toThrow(/secret12/);
  });

  it('takes the schedule as a cron expression in UTC, off when empty, with a 1-62 day lookback', () => {
    expect(loadConfig({})).toMatchObject({ collectSchedule: undefined, collectLookbackDays: 7 });
    expect(loadConfig({ COLLECT_SCHEDULE: '  ' }).collectSchedule).toBeUndefined();
    expect(
      loadConfig({ COLLECT_SCHEDULE: '30 7 * * *', COLLECT_LOOKBACK_DAYS: '62' }),
    ).toMatchObject({ collectSchedule: '30 7 * * *', collectLookbackDays: 62 });
    expect(() => loadConfig({ COLLECT_SCHEDULE: '0 25 * * *' })).toThrow(
      'Invalid configuration: COLLECT_SCHEDULE must be a cron expression (minute hour day-of-month month day-of-week, in UTC), got "0 25 * * *": Field value (25) is out of range',
    );
  });

  it('requires a project id for the firestore driver', () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 'firestore' })).toThrow(/FIRESTORE_PROJECT_ID/);
  });

  it('requires the lease to outlive the heartbeat', () => {
    expect(() => loadConfig({ HEARTBEAT_SECONDS: '60', LEASE_SECONDS: '60' })).toThrow(
      /LEASE_SECONDS/,
    );
  });

  it('strips a trailing slash from the dashboard URL', () => {
    expect(loadConfig({ DASHBOARD_BASE_URL: 'http://127.0.0.1:4010/' }).dashboardBaseUrl).toBe(
      'http://127.0.0.1:4010',
    );
  });
});
