import { StorageError } from '../../domain/storage-errors';
import { errnoCode } from './atomic-file';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a file-system operation and turns its failure into a `StorageError` whose message
 * says in plain words what could not be done and why (never a path with secrets: data
 * paths only). Errors of the `passThrough` classes are domain errors and rethrown as is.
 */
export async function guardFs<T>(
  what: string,
  operation: () => Promise<T>,
  passThrough: readonly ErrorClass[] = [],
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof StorageError) throw error;
    if (passThrough.some((kind) => error instanceof kind)) throw error;
    throw new StorageError(`Could not ${what}: ${describeFsError(error)}`, error);
  }
}

export function describeFsError(error: unknown): string {
  const code = errnoCode(error);
  switch (code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the data directory is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied in the data directory';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'an input/output error on the device';
    case undefined:
      return typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
    default:
      return code;
  }
}
