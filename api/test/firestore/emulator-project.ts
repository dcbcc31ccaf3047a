import { randomBytes } from 'node:crypto';
import type { Firestore } from '@google-cloud/firestore';
import { createFirestoreClient } from '../../src/storage/firestore/firestore-client';
import { EMULATOR_HOST_VARIABLE } from './emulator-env';

/** `host:port` of the run's emulator; a clear failure when the global setup did not start it. */
export function emulatorHost(): string {
  const host = process.env[EMULATOR_HOST_VARIABLE];
  if (!host) {
    throw new Error(
      'The Firestore emulator is not running. test/firestore/global-setup.ts starts it for ' +
        'Jest runs that include Firestore tests (test/firestore/**, test/**/firestore-*); ' +
        'run them with api/jest.config.js.',
    );
  }
  return host;
}

/**
 * A project of its own on the shared emulator, for one test file in one worker: data of
 * other files and workers is never seen, and `wipe` empties it between tests.
 */
export class EmulatorProject {
  readonly projectId: string;
  private client: Firestore | null = null;
  private instanceClients: Firestore[] = [];

  constructor(label: string) {
    const worker = process.env.JEST_WORKER_ID ?? '0';
    this.projectId = `test-w${worker}-${label}-${randomBytes(3).toString('hex')}`;
  }

  get host(): string {
    return emulatorHost();
  }

  /** One client per project, shared by the stores a test builds. */
  get firestore(): Firestore {
    this.client ??= this.createClient();
    return this.client;
  }

  /**
   * A separate client, as another service instance would have, so nothing is serialised
   * in-process. `closeInstanceClients` closes every one made since the last call.
   */
  newClient(): Firestore {
    const client = this.createClient();
    this.instanceClients.push(client);
    return client;
  }

  async closeInstanceClients(): Promise<void> {
    const clients = this.instanceClients;
    this.instanceClients = [];
    await Promise.all(clients.map((client) => client.terminate()));
  }

  private createClient(): Firestore {
    return createFirestoreClient(
      { firestoreProjectId: this.projectId, firestoreDatabaseId: undefined },
      { emulatorHost: this.host },
    );
  }

  /** The emulator's documented reset: deletes every document of this project. */
  async wipe(): Promise<void> {
    const url = `http://${this.host}/emulator/v1/projects/${this.projectId}/databases/(default)/documents`;
    const response = await fetch(url, { method: 'DELETE' });
    if (!response.ok) throw new Error(`Wiping ${this.projectId} failed: HTTP ${response.status}`);
  }

  async close(): Promise<void> {
    await this.closeInstanceClients();
    await this.client?.terminate();
    this.client = null;
  }
}
