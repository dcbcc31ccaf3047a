import { Firestore, Settings } from '@google-cloud/firestore';
import type { AppConfig } from '../../config/app-config';

export interface FirestoreClientOptions {
  /**
   * `host:port` of a Firestore emulator. Tests pass it explicitly; a deployment sets the
   * standard FIRESTORE_EMULATOR_HOST, which the client library reads itself.
   */
  emulatorHost?: string;
}

/**
 * A Firestore client for the configured project and database. Credentials come from the
 * standard Google mechanisms (GOOGLE_APPLICATION_CREDENTIALS, gcloud's application
 * default credentials, or the metadata server on Google Cloud).
 */
export function createFirestoreClient(
  config: Pick<AppConfig, 'firestoreProjectId' | 'firestoreDatabaseId'>,
  options: FirestoreClientOptions = {},
): Firestore {
  if (!config.firestoreProjectId) {
    throw new Error('FIRESTORE_PROJECT_ID is required for the Firestore storage driver');
  }
  const settings: Settings = {
    projectId: config.firestoreProjectId,
    // Optional fields of stored records are simply absent, as in the local driver's JSON.
    ignoreUndefinedProperties: true,
  };
  if (config.firestoreDatabaseId) settings.databaseId = config.firestoreDatabaseId;
  if (options.emulatorHost) {
    settings.host = options.emulatorHost;
    settings.ssl = false;
  }
  return new Firestore(settings);
}
