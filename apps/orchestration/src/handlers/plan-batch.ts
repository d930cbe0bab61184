import { batchSteps } from '../batch/batch-steps';

/**
 * State `PlanBatch` of the batch state machine: checks the batch input,
 * pins the report version and the data epoch, takes the batch worker
 * group (one batch at a time; a stale hold is taken over) and records the
 * batch RUNNING. No campus is read yet.
 *
 * Event: `{ input: <execution input>, execution: $$.Execution }`, where the
 * execution input is `{ reportId, schools?, batchId?, pageSize?,
 * jobsPerWorker?, maxWorkers?, timeoutSeconds?, pollSeconds? }` (the
 * schedule sends `{ "reportId": "..." }`; the execution name is the batch
 * id unless the input names one).
 * Result: the batch plan (cursor at the start, counts at zero).
 * Environment: SNAPSHOTS_TABLE, DATASETS_URL.
 * Errors: InvalidBatchInputError, ReportNotBatchableError,
 * BatchAlreadyRunningError naming the batch that holds the worker group
 * (not retried), BatchDependencyError (retried).
 */
export const handler = (event: unknown) =>
  batchSteps('plan-batch').planBatch(event);
