import type { RunningFirestoreEmulator } from './emulator-process';

/** Set by the Jest global setup for the test workers: `host:port` of the emulator. */
export const EMULATOR_HOST_VARIABLE = 'UBS_TEST_FIRESTORE_EMULATOR_HOST';

/** Test files that need the emulator: under test/firestore/ or named firestore-*. */
export function needsFirestoreEmulator(testPath: string): boolean {
  const normalised = testPath.split('\\').join('/');
  const name = normalised.split('/').pop() ?? '';
  return (
    /\.(int-spec|e2e-spec|spec)\.ts$/.test(name) &&
    (normalised.includes('/test/firestore/') ||
      (normalised.includes('/test/') && name.startsWith('firestore-')))
  );
}

/** Global setup and teardown share the running emulator through the Jest parent's globals. */
export const emulatorGlobal = globalThis as { firestoreEmulator?: RunningFirestoreEmulator };
