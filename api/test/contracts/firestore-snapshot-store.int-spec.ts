import { FirestoreSnapshotStore } from '../../src/storage/firestore/firestore-snapshot-store';
import { ValidatedSnapshotStore } from '../../src/storage/validated-snapshot-store';
import { EmulatorProject } from '../firestore/emulator-project';
import { describeSnapshotStoreContract } from './snapshot-store.contract';

const project = new EmulatorProject('snapshots');

describeSnapshotStoreContract('Firestore emulator', {
  async create() {
    await project.wipe();
    return new ValidatedSnapshotStore(new FirestoreSnapshotStore(project.firestore));
  },
  cleanup: () => project.wipe(),
  // The Firestore driver's format-1 layout: the snapshot as a map in `snapshot`.
  async seedFormat1(snapshot) {
    const { snapshotDate, districtId, collectionDate } = snapshot;
    const db = project.firestore;
    await db.doc(`snapshots/${snapshotDate}`).set({ snapshotDate });
    await db.doc(`snapshots/${snapshotDate}/districts/${districtId}`).set({
      collectionDate,
      snapshot,
    });
    await db.doc(`snapshots/${snapshotDate}/manifest/${districtId}`).set({
      status: 'ok',
      collectionDate,
      updatedAt: '2025-03-15T00:00:00.000Z',
    });
  },
});

afterAll(() => project.close());
