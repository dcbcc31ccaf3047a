import { describePauseResume } from './cases/pause-resume.cases';

describePauseResume('local driver', {
  env: () => Promise.resolve({}),
  cleanup: () => Promise.resolve(),
});
