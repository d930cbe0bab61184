/** Base of every error the worker runtime raises. */
export class WorkerError extends Error {
  override name = 'WorkerError';
}

/** Why a job stopped before it ended READY or FAILED. */
export type AbortReason = 'shutdown' | 'lease-lost';

/**
 * A job was stopped from outside: the worker is draining, or another worker
 * took over the snapshot's lease. Neither is the job's fault, so neither
 * spends one of its attempts on FAILED.
 */
export class JobAbortedError extends WorkerError {
  override name = 'JobAbortedError';

  constructor(
    readonly reason: AbortReason,
    options?: { cause?: unknown },
  ) {
    super(`job aborted: ${reason}`, options);
  }
}

/** A queue cannot be used as configured. */
export class QueueSetupError extends WorkerError {
  override name = 'QueueSetupError';

  constructor(
    readonly queueUrl: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`queue ${queueUrl}: ${reason}`, options);
  }
}
