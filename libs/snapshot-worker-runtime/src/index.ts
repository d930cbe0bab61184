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
  UnknownReportError,
  WorkerError,
  type AbortReason,
} from './worker-error';
