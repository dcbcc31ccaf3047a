import { FirestoreAnalyticsStore } from '../../src/storage/firestore/firestore-analytics-store';
import { ValidatedAnalyticsStore } from '../../src/storage/validated-analytics-store';
import { EmulatorProject } from '../firestore/emulator-project';
import { describeAnalyticsStoreContract } from './analytics-store.contract';

const project = new EmulatorProject('analytics');

describeAnalyticsStoreContract('Firestore emulator', {
  async create() {
    await project.wipe();
    return new ValidatedAnalyticsStore(new FirestoreAnalyticsStore(project.firestore));
  },
  cleanup: () => project.wipe(),
});

afterAll(() => project.close());
