export {
  DispatchFailedError,
  InvalidInputError,
  ReportNotFoundError,
  ScopeForbiddenError,
  SnapshotNotFoundError,
  SnapshotServiceError,
  WorkerGroupError,
  type InputIssue,
  type InvalidInputCode,
} from './service-error';
export { callerFromClaims, type Caller, type Claims } from './access/caller';
export { mayList, mayRequest, type RequestScope } from './access/scope';
export {
  SnapshotService,
  type SnapshotServiceOptions,
} from './service/snapshot-service';
export type { SnapshotView } from './service/snapshot-view';
export type { ReportSummary } from './service/report-summary';
export { CachedDataEpochs, type DataEpochSource } from './service/data-epochs';
export {
  StepFunctionsDispatcher,
  type PrivateRenderInput,
  type SnapshotDispatcher,
} from './service/dispatcher';
export {
  SnapshotLinks,
  maxLinkSeconds,
  type SnapshotLink,
} from './service/snapshot-links';
export {
  createApiHandlers,
  type ApiDependencies,
  type ApiEvent,
  type ApiHandler,
  type ApiHandlers,
} from './http/api-handlers';
export type { ApiResult } from './http/responses';
export { apiRoutes, matchApiRoute, type ApiRoute } from './http/api-routes';
export {
  apiDependenciesFromEnvironment,
  privateTaskDependenciesFromEnvironment,
  readApiSettings,
  type ApiRouteName,
  type ApiSettings,
} from './environment';
export {
  ensurePrivateWorker,
  type PrivateWorkerState,
} from './private-flow/ensure-private-worker';
export {
  failureReason,
  type CaughtFailure,
} from './private-flow/failure-reason';
export {
  markSnapshotFailed,
  type MarkFailedInput,
  type MarkFailedOutcome,
} from './private-flow/mark-snapshot-failed';
export { parsePrivateRenderInput } from './private-flow/private-render-input';
export { sendPrivateJob } from './private-flow/send-private-job';
export {
  createDispatchPrivateHandler,
  createMarkFailedHandler,
  privateTaskHandlers,
  type LocalTaskHandler,
  type PrivateTaskDependencies,
} from './private-flow/private-task-handlers';
