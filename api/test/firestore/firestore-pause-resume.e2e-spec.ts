import { describePauseResume } from '../cases/pause-resume.cases';
import { EmulatorProject } from './emulator-project';

let project: EmulatorProject;

describePauseResume('Firestore emulator', {
  env() {
    project ??= new EmulatorProject('pause');
    // The client library reads the standard variable, as a deployment's would.
    process.env.FIRESTORE_EMULATOR_HOST = project.host;
    return Promise.resolve({
      STORAGE_DRIVER: 'firestore',
      FIRESTORE_PROJECT_ID: project.projectId,
    });
  },
  cleanup: () => project.wipe(),
});

afterAll(() => project?.close());
