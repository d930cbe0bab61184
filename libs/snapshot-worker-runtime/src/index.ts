export {
  readWorkerSettings,
  type QueueName,
  type ReportSource,
  type WorkerSettings,
} from './worker-settings';
export {
  JobQueues,
  resolveJobQueues,
  type JobQueue,
  type ReceivedMessage,
} from './job-queues';
export { startHeartbeat, type Heartbeat } from './heartbeat';
export { createEmfMetrics, type WorkerMetrics } from './worker-metrics';
export {
  JobAbortedError,
  QueueSetupError,
  WorkerError,
  type AbortReason,
} from './worker-error';
export {
  JobProcessor,
  type JobOutcome,
  type JobProcessorOptions,
} from './job-processor';
export { Worker, type WorkerOptions } from './worker';
export type {
  ClaimResult,
  MessageActions,
  ReadySnapshot,
  RenderResult,
  SnapshotLeases,
  SnapshotObjects,
  SnapshotRenderer,
  TaskCallbacks,
} from './ports';
export { StoreLeases } from './store-leases';
export {
  CaptureRenderer,
  type CaptureRendererOptions,
} from './capture-renderer';
export {
  S3SnapshotObjects,
  type S3SnapshotObjectsOptions,
} from './s3-snapshot-objects';
export { SfnTaskCallbacks, SNAPSHOT_FAILED } from './sfn-task-callbacks';
export { embedUrlSource } from './embed-url-source';
export { startWorker, SERVICE_NAME, type RunningWorker } from './start-worker';
