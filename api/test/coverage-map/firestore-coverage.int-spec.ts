import { FirestoreSnapshotStore } from '../../src/storage/firestore/firestore-snapshot-store';
import { ValidatedSnapshotStore } from '../../src/storage/validated-snapshot-store';
import { EmulatorProject } from '../firestore/emulator-project';
import { describeCoverageOnDriver } from './coverage-scenario';

const project = new EmulatorProject('coverage');

describeCoverageOnDriver('the Firestore emulator', {
  async create() {
    await project.wipe();
    return new ValidatedSnapshotStore(new FirestoreSnapshotStore(project.firestore));
  },
  cleanup: () => project.wipe(),
});

afterAll(() => project.close());
