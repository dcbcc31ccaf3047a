export { type ListeningProcess, startListening, stopChild } from './child-process';
export { API_MAIN, EMULATOR_MAIN, REPO_ROOT, type ApiOptions, startApi } from './api-process';
export { type Service, startService } from './service';
