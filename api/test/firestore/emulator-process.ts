import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** Where Debian's `google-cloud-cli-firestore-emulator` package puts the jar. */
export const DEBIAN_EMULATOR_JAR =
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';

const READY_LINE = 'Dev App Server is now running';
const START_TIMEOUT_MS = 60_000;

export interface RunningFirestoreEmulator {
  /** `127.0.0.1:PORT`, as FIRESTORE_EMULATOR_HOST expects it. */
  readonly host: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export class EmulatorUnavailableError extends Error {
  constructor(message: string) {
    super(`Firestore emulator: ${message}`);
    this.name = 'EmulatorUnavailableError';
  }
}

/** FIRESTORE_EMULATOR_JAR, else Debian's package; never silently nothing. */
export function findEmulatorJar(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.FIRESTORE_EMULATOR_JAR?.trim();
  if (configured) {
    if (!existsSync(configured)) {
      throw new EmulatorUnavailableError(`FIRESTORE_EMULATOR_JAR=${configured} does not exist`);
    }
    return configured;
  }
  if (existsSync(DEBIAN_EMULATOR_JAR)) return DEBIAN_EMULATOR_JAR;
  throw new EmulatorUnavailableError(
    `no emulator jar found. Install Debian's google-cloud-cli-firestore-emulator package ` +
      `(${DEBIAN_EMULATOR_JAR}) or set FIRESTORE_EMULATOR_JAR to cloud-firestore-emulator.jar ` +
      `(.ci/run does this). The Firestore driver tests never skip.`,
  );
}

export function javaBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Google's Firestore emulator (Java) on a free loopback port and resolves once it
 * accepts requests. Fails with a clear message when Java or the jar is missing.
 */
export async function startFirestoreEmulator(
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningFirestoreEmulator> {
  const jar = findEmulatorJar(env);
  let lastError: Error | undefined;
  // A port found free can be taken before Java binds it; then try another one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freeLoopbackPort();
    try {
      return await launch(javaBinary(env), jar, port);
    } catch (error) {
      lastError = error as Error;
      if (!(error instanceof PortTakenError)) throw error;
    }
  }
  throw lastError ?? new EmulatorUnavailableError('could not start');
}

class PortTakenError extends Error {}

function launch(java: string, jar: string, port: number): Promise<RunningFirestoreEmulator> {
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Duser.language=en',
    '-cp',
    jar,
    'com.google.cloud.datastore.emulator.firestore.CloudFirestore',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
  ];
  const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new EmulatorUnavailableError(
            `not ready after ${START_TIMEOUT_MS / 1000} s. Output:\n${output.slice(-2000)}`,
          ),
        ),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY_LINE)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining so a chatty emulator never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(running(child, port));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        new EmulatorUnavailableError(
          error.code === 'ENOENT'
            ? `Java was not found (${java}). Install Java 11+ (Debian: default-jre-headless) ` +
              `or set JAVA_HOME. The Firestore driver tests never skip.`
            : `could not run ${java}: ${error.message}`,
        ),
      );
    });
    child.once('exit', (code, signal) => {
      if (output.includes(READY_LINE)) return;
      clearTimeout(timer);
      if (/address already in use|BindException/i.test(output)) {
        reject(new PortTakenError(`port ${port} is taken`));
        return;
      }
      reject(
        new EmulatorUnavailableError(
          `exited before it was ready (code ${code}, signal ${signal}). Output:\n${output.slice(-2000)}`,
        ),
      );
    });
  });
}

function running(child: ChildProcess, port: number): RunningFirestoreEmulator {
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    host: `127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
