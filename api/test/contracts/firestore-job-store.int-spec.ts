import { FirestoreJobStore } from '../../src/storage/firestore/firestore-job-store';
import { ValidatedJobStore } from '../../src/storage/validated-job-store';
import { EmulatorProject } from '../firestore/emulator-project';
import { describeJobStoreContract } from './job-store.contract';

const project = new EmulatorProject('jobs');

describeJobStoreContract('Firestore emulator', {
  async create() {
    await project.wipe();
    return new ValidatedJobStore(new FirestoreJobStore(project.firestore));
  },
  cleanup: () => project.wipe(),
});

afterAll(() => project.close());
