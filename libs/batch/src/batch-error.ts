/**
 * Base of every error this library raises. Errors from DynamoDB, SQS, Auto
 * Scaling or the datasets are wrapped into a subclass at the task boundary,
 * with the original kept as `cause`.
 *
 * The `name` of each class is also the error name Step Functions sees, so
 * the batch state machine retries and catches on it.
 */
export class BatchError extends Error {
  override name = 'BatchError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The input of a batch does not describe a batch that can run. */
export class InvalidBatchInputError extends BatchError {
  override name = 'InvalidBatchInputError';

  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(
      'invalid batch input: ' +
        issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; '),
    );
  }
}

/** The batch names a report the catalogue does not hold, or a private one. */
export class ReportNotBatchableError extends BatchError {
  override name = 'ReportNotBatchableError';

  constructor(
    readonly reportId: string,
    reason: string,
  ) {
    super(`report ${reportId} cannot run as a public batch: ${reason}`);
  }
}

/** Some jobs could not be put on the queue, even after retries. */
export class EnqueueError extends BatchError {
  override name = 'EnqueueError';

  constructor(
    readonly failed: readonly { snapshotId: string; reason: string }[],
    options?: { cause?: unknown },
  ) {
    super(
      `${failed.length} job(s) could not be enqueued: ` +
        failed
          .slice(0, 3)
          .map((f) => `${f.snapshotId} (${f.reason})`)
          .join(', '),
      options,
    );
  }
}

/**
 * A service the batch depends on failed (DynamoDB, SQS, Auto Scaling, the
 * datasets). Usually transient: the state machine retries it.
 */
export class BatchDependencyError extends BatchError {
  override name = 'BatchDependencyError';

  constructor(
    readonly step: string,
    options: { cause: unknown },
  ) {
    super(`batch step ${step} failed: ${describe(options.cause)}`, options);
  }
}

/** The batch execution ended without a summary to show for it. */
export class BatchRunError extends BatchError {
  override name = 'BatchRunError';

  constructor(
    readonly batchId: string,
    readonly status: string,
    reason: string,
  ) {
    super(`batch ${batchId} ended ${status}: ${reason}`);
  }
}

/**
 * The batch worker group is taken by a batch that is still running: one
 * batch at a time, or one batch's scale-in would stop the other's workers.
 * Not retried; the state machine rejects the new batch at once.
 */
export class BatchAlreadyRunningError extends BatchError {
  override name = 'BatchAlreadyRunningError';

  constructor(
    readonly batchId: string,
    readonly running: { batchId: string; reportId: string; staleAt: number },
  ) {
    super(
      `batch ${batchId} refused: batch ${running.batchId} (report ` +
        `${running.reportId}) is still running on the batch worker group; ` +
        'start again once it has ended (if it died, its hold lapses at ' +
        `${new Date(running.staleAt).toISOString()})`,
    );
  }
}

/**
 * The batch state machine refused the batch before it started (bad input,
 * an unknown report, another batch running): no record, no job, no worker.
 */
export class BatchRefusedError extends BatchRunError {
  override name = 'BatchRefusedError';

  constructor(
    batchId: string,
    /** The error name the state machine failed with. */
    readonly error: string,
    readonly reason: string,
  ) {
    super(batchId, 'FAILED', reason);
    this.message = reason;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}

/** The worker group named by the configuration does not exist. */
export class WorkerGroupNotFoundError extends BatchError {
  override name = 'WorkerGroupNotFoundError';

  constructor(readonly groupName: string) {
    super(`worker group ${groupName} does not exist`);
  }
}
