import { batchSteps } from '../batch/batch-steps';

/**
 * State `PlanBatch` of the batch state machine: checks the batch input,
 * pins the report version and the data epoch, and records the batch
 * RUNNING. No campus is read yet.
 *
 * Event: `{ input: <execution input>, execution: $$.Execution }`, where the
 * execution input is `{ reportId, schools?, batchId?, pageSize?,
 * jobsPerWorker?, maxWorkers?, timeoutSeconds?, pollSeconds? }` (the
 * schedule sends `{ "reportId": "..." }`; the execution name is the batch
 * id unless the input names one).
 * Result: the batch plan (cursor at the start, counts at zero).
 * Environment: SNAPSHOTS_TABLE, DATASETS_URL.
 * Errors: InvalidBatchInputError, ReportNotBatchableError (not retried),
 * BatchDependencyError (retried).
 */
export const handler = (event: unknown) =>
  batchSteps('plan-batch').planBatch(event);
