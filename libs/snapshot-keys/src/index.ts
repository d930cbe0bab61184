export type {
  CanonicalRequest,
  SnapshotFormat,
  SnapshotRequest,
} from './snapshot-request';
export {
  InvalidRequestError,
  type RequestIssue,
} from './invalid-request-error';
export { requestLimits } from './request-limits';
export { parseSnapshotRequest } from './parse-snapshot-request';
export {
  snapshotIdentity,
  type ReportRevision,
  type SnapshotIdentity,
} from './snapshot-identity';
export { safeSegment } from './object-key';
