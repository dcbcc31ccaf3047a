/** Errors every storage driver raises, so callers never depend on a driver's own errors. */
export class JobNotFoundError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was not found`);
    this.name = 'JobNotFoundError';
  }
}

export class JobActiveError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} is still active`);
    this.name = 'JobActiveError';
  }
}

/** A job could not become active again: another active job holds the active-job lock. */
export class ActiveJobLockHeldError extends Error {
  constructor(readonly activeJobId: string) {
    super(`Job ${activeJobId} is active`);
    this.name = 'ActiveJobLockHeldError';
  }
}

export class InvalidIdError extends Error {
  constructor(
    readonly kind: string,
    readonly value: string,
  ) {
    super(`Invalid ${kind}: ${JSON.stringify(value.slice(0, 80))}`);
    this.name = 'InvalidIdError';
  }
}

/** A storage operation failed (disk full, read-only, unreachable database, ...). */
export class StorageError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StorageError';
  }
}
