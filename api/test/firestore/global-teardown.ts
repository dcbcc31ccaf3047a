import { emulatorGlobal } from './emulator-env';

/** Stops the emulator the global setup started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  const emulator = emulatorGlobal.firestoreEmulator;
  emulatorGlobal.firestoreEmulator = undefined;
  await emulator?.stop();
}
