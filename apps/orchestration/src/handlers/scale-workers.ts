import { batchSteps } from '../batch/batch-steps';

/**
 * States `ScaleOut`, `ScaleIn` and `ScaleInAfterFailure`: sets the batch
 * worker group's desired capacity to one worker per `jobsPerWorker` jobs,
 * bounded by `maxWorkers` and the group's MaxSize; `jobs: 0` scales in.
 *
 * Event: `{ batchId, jobs, jobsPerWorker, maxWorkers }`.
 * Result: `{ groupName, desired, previous, groupMax }`.
 * Environment: WORKER_GROUP_NAME.
 */
export const handler = (event: unknown) =>
  batchSteps('scale-workers').scaleWorkers(event);
