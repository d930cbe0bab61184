import { batchSteps } from '../batch/batch-steps';

/**
 * State `TrackBatch`, after each Wait: counts the batch's snapshots by
 * status (batch index) and reads the queue depth. Settled when every job
 * is READY or FAILED, at the batch deadline, or when the queue stayed
 * empty for several checks while jobs were unfinished.
 *
 * Event: the batch plan. Result (at `$.progress`): `{ settled, reason,
 * counts, queueDepth, idleChecks, checkedAt }`.
 * Environment: SNAPSHOTS_TABLE, BATCH_QUEUE_URL.
 */
export const handler = (event: unknown) =>
  batchSteps('track-batch').trackBatch(event);
