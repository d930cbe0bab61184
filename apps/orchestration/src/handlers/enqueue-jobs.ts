import { batchSteps } from '../batch/batch-steps';

/**
 * State `EnqueueJobs`, run once per page of campuses (a Choice loops
 * until `complete`): reads the next keyset page of campuses from the
 * datasets and which public reports each gets from the campuses table,
 * writes each snapshot's metadata PENDING with the batch id (skipping
 * those READY for the pinned revision), and sends the jobs ten per
 * SendMessageBatch call, several calls in flight. Safe to retry.
 *
 * Event and result: the batch plan, cursor moved on, counts raised.
 * Environment: SNAPSHOTS_TABLE, CAMPUSES_TABLE, DATASETS_URL,
 * BATCH_QUEUE_URL.
 */
export const handler = (event: unknown) =>
  batchSteps('enqueue-jobs').enqueueJobs(event);
