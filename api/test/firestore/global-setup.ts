import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Config } from '@jest/types';
import { EMULATOR_HOST_VARIABLE, emulatorGlobal, needsFirestoreEmulator } from './emulator-env';
import { startFirestoreEmulator } from './emulator-process';

/**
 * Starts one Firestore emulator process for the whole Jest run when the run includes a
 * Firestore test; every worker then uses its own project ids on it. A run selected to
 * contain no Firestore test (`jest src/jobs`, the TZ run) needs no Java. Missing Java
 * or jar fails the run with a clear message; nothing is skipped.
 */
export default async function globalSetup(
  globalConfig: Config.GlobalConfig,
  projectConfig: Config.ProjectConfig,
): Promise<void> {
  if (!(await runIncludesFirestoreTests(globalConfig, projectConfig))) return;
  const emulator = await startFirestoreEmulator();
  emulatorGlobal.firestoreEmulator = emulator;
  // Workers start after global setup and inherit these.
  process.env[EMULATOR_HOST_VARIABLE] = emulator.host;
  process.env.METADATA_SERVER_DETECTION = 'none';
}

async function runIncludesFirestoreTests(
  globalConfig: Config.GlobalConfig,
  projectConfig: Config.ProjectConfig,
): Promise<boolean> {
  if (globalConfig.listTests) return false;
  const patterns = globalConfig.testPathPatterns;
  const selectedByPath =
    patterns.isSet() && !globalConfig.findRelatedTests && !globalConfig.onlyChanged;
  if (!selectedByPath) return true;
  const executor = patterns.toExecutor({ rootDir: globalConfig.rootDir });
  const candidates = await filesUnder(path.join(projectConfig.rootDir, 'test'));
  return candidates.some((file) => needsFirestoreEmulator(file) && executor.isMatch(file));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
