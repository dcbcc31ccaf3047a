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
});

afterAll(() => project.close());
