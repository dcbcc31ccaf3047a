import type { ApiInstance } from './api-instance';
import type { EmulatorProject } from './emulator-project';

/** The admin API's backfill routes, as tests of built service processes call them. */
export const BACKFILL = '/api/admin/backfill';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Calls `route` under the backfill routes of `instance` with the admin token. */
export async function callBackfill(
  instance: ApiInstance,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const response = await fetch(`${instance.url}${BACKFILL}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls `probe` until it answers non-null; the timeout is a hang guard, not a speed target. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null> | T | null,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** What every built service process of a test needs to share one emulator project. */
export function firestoreServiceEnv(
  project: EmulatorProject,
  token: string,
  dashboardUrl: string,
): Record<string, string> {
  return {
    STORAGE_DRIVER: 'firestore',
    FIRESTORE_PROJECT_ID: project.projectId,
    FIRESTORE_EMULATOR_HOST: project.host,
    METADATA_SERVER_DETECTION: 'none',
    ADMIN_TOKEN: token,
    DASHBOARD_BASE_URL: dashboardUrl,
    DASHBOARD_TIMEOUT_MS: '30000',
  };
}
