import { batchSteps } from '../batch/batch-steps';

/**
 * States `FinishBatch` and `FinishFailedBatch`, after the workers were
 * scaled in: fails every job still unfinished with the reason the batch
 * stopped (timeout, lost jobs, the error of a failed step), keeps the
 * summary on the batch record and logs it, then gives the batch worker
 * group back for the next batch.
 *
 * Event: the batch plan, with `error` when a step failed.
 * Result: the summary `{ batchId, reportId, status, total, ready, failed,
 * skipped, durationMs, failures: [{ snapshotId, school, region, reason }],
 * ... }` (at most 100 failures listed).
 * Environment: SNAPSHOTS_TABLE.
 */
export const handler = (event: unknown) =>
  batchSteps('finish-batch').finishBatch(event);
