import type { Firestore } from '@google-cloud/firestore';
import type { AppConfig } from '../../config/app-config';
import type { AnalyticsStore } from '../analytics-store';
import type { JobStore } from '../job-store';
import type { SnapshotStore } from '../snapshot-store';

/**
 * The one Firestore client of a deployment, shared by every Firestore driver. The client
 * library and the drivers load on first use, so the local driver never pays for them.
 */
export class FirestoreConnection {
  private client: Promise<Firestore> | null = null;

  constructor(private readonly config: AppConfig) {}

  async jobStore(): Promise<JobStore> {
    const { FirestoreJobStore } = await import('./firestore-job-store');
    return new FirestoreJobStore(await this.firestore());
  }

  async snapshotStore(): Promise<SnapshotStore> {
    const { FirestoreSnapshotStore } = await import('./firestore-snapshot-store');
    return new FirestoreSnapshotStore(await this.firestore());
  }

  async analyticsStore(): Promise<AnalyticsStore> {
    const { FirestoreAnalyticsStore } = await import('./firestore-analytics-store');
    return new FirestoreAnalyticsStore(await this.firestore());
  }

  private firestore(): Promise<Firestore> {
    this.client ??= import('./firestore-client').then(({ createFirestoreClient }) =>
      createFirestoreClient(this.config),
    );
    return this.client;
  }
}
