import {
  ActiveJobLockHeldError,
  InvalidIdError,
  JobActiveError,
  JobNotFoundError,
  StorageError,
} from '../../domain/storage-errors';

/** gRPC status codes the Firestore client reports in `error.code`. */
const GRPC_CODES: Record<number, string> = {
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  15: 'DATA_LOSS',
  16: 'UNAUTHENTICATED',
};

/**
 * Carries an error thrown by a caller's mutation out of a transaction. The Firestore
 * client retries a transaction whose callback fails with a retryable gRPC code, and a
 * caller's error may carry any `code`; wrapped, it is never retried and is rethrown as is.
 */
export class MutationFailure extends Error {
  constructor(readonly original: unknown) {
    super('the mutation threw');
    this.name = 'MutationFailure';
  }
}

/** Domain errors pass through unchanged; callers depend on their classes. */
const PASS_THROUGH = [
  JobNotFoundError,
  JobActiveError,
  ActiveJobLockHeldError,
  InvalidIdError,
  StorageError,
] as const;

/**
 * Runs a Firestore operation and turns its failure into a `StorageError` that says in
 * plain words what could not be done and why. A failed query is always an error, never an
 * empty result: a missing composite index in production fails with FAILED_PRECONDITION.
 */
export async function guardFirestore<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof MutationFailure) throw error.original;
    if (PASS_THROUGH.some((kind) => error instanceof kind)) throw error;
    throw new StorageError(`Could not ${what}: ${describeFirestoreError(error)}`, error);
  }
}

export function grpcCodeName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'number' ? GRPC_CODES[code] : undefined;
}

export function describeFirestoreError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  switch (grpcCodeName(error) ?? '') {
    case 'FAILED_PRECONDITION':
      return /index/i.test(message)
        ? `Firestore is missing a composite index; deploy api/firestore.indexes.json (${message})`
        : `Firestore refused the operation (${message})`;
    case 'UNAVAILABLE':
    case 'DEADLINE_EXCEEDED':
      return `Firestore is unreachable or did not answer in time (${message})`;
    case 'PERMISSION_DENIED':
    case 'UNAUTHENTICATED':
      return `Firestore denied access; check the Google credentials and IAM roles (${message})`;
    case 'RESOURCE_EXHAUSTED':
      return `Firestore quota or rate limit reached (${message})`;
    case 'ABORTED':
      return `too many concurrent writers, retries exhausted (${message})`;
    case 'ALREADY_EXISTS':
      return `the document already exists (${message})`;
    default:
      return message;
  }
}
