export {
  BatchAlreadyRunningError,
  BatchDependencyError,
  BatchError,
  BatchRefusedError,
  BatchRunError,
  EnqueueError,
  InvalidBatchInputError,
  ReportNotBatchableError,
  WorkerGroupNotFoundError,
} from './batch-error';
export {
  batchDefaults,
  batchInputSchema,
  isBatchId,
  parseBatchInput,
  schoolsBytesLimit,
  type BatchInput,
  type BatchSettings,
} from './batch-input';
export {
  parseBatchPlan,
  type BatchPlan,
  type BatchProgressState,
  type StatusCounts,
  type TrackReason,
} from './batch-plan';
export type {
  BatchLogger,
  CampusDirectory,
  CampusRow,
  CampusSource,
  DataEpochSource,
  EnsureInput,
  ReportLookup,
  SnapshotLedger,
} from './ports';
export { mapConcurrent } from './map-concurrent';
export {
  enqueueJobs,
  type EnqueueOptions,
  type EnqueueResult,
} from './enqueuer/enqueue-jobs';
export {
  newBatchId,
  startBatch,
  type StartBatchDependencies,
  type StartBatchEvent,
} from './planner/start-batch';
export { planPage, type PlanPageDependencies } from './planner/plan-page';
export { readCampusPage, type CampusPage } from './planner/campus-page';
export { queueDepth } from './tracker/queue-depth';
export { trackBatch, type TrackBatchDependencies } from './tracker/track-batch';
export { desiredWorkers, type WorkerBounds } from './scaling/desired-workers';
export { WorkerGroup, type GroupCapacity } from './scaling/worker-group';
export { scaleWorkers, type ScaleEvent } from './scaling/scale-workers';
export {
  failureLimit,
  type BatchFailure,
  type BatchStatus,
  type BatchSummary,
} from './summary/batch-summary';
export type { BatchLedger, BatchRecordView } from './summary/batch-records';
export {
  finishBatch,
  type FinishBatchDependencies,
} from './summary/finish-batch';
export {
  collectBatchReport,
  type BatchReport,
  type BatchReportJob,
  type BatchReportSources,
} from './summary/batch-report';
export {
  batchStateHandlers,
  createBatchTasks,
  type BatchTaskDependencies,
  type BatchTasks,
} from './tasks/batch-tasks';
export {
  runBatch,
  type BatchRunProgress,
  type RunBatchOptions,
} from './run/run-batch';
export { batchLedger } from './adapters/batch-ledger';
export { batchLockKey, DynamoBatchLock } from './adapters/dynamo-batch-lock';
export {
  cleanupAllowanceMs,
  lockStaleAt,
  type BatchLock,
  type BatchLockHolder,
} from './lock/batch-lock';
export { DynamoCampusDirectory } from './adapters/campus-directory';
export {
  batchDependencies,
  batchFunctionPlaceholders,
  localBatchSubstitutions,
  type BatchWiring,
} from './wiring/batch-dependencies';
export {
  batchStepVariables,
  batchTasksFromEnvironment,
  type BatchStep,
} from './wiring/batch-environment';
