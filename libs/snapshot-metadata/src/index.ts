export {
  snapshotStatuses,
  type SnapshotRecord,
  type SnapshotStatus,
} from './snapshot-record';
export {
  SnapshotStore,
  type EnsureInput,
  type EnsureOutcome,
  type RecordPage,
  type RenderResult,
  type SnapshotStoreOptions,
} from './snapshot-store';
export type { Campus } from './campus';
export { CampusStore } from './campus-store';
export {
  batchStatuses,
  type BatchRecord,
  type BatchStatus,
} from './batch-record';
export { BatchStore } from './batch-store';
export type { Page } from './page-cursor';
export { createTables } from './create-tables';
export {
  campusesTableInput,
  snapshotsTableInput,
  tableDesign,
} from './table-design';
export {
  AlreadyReadyError,
  AttemptSupersededError,
  BatchNotFoundError,
  ContentionError,
  InvalidPageError,
  InvalidTransitionError,
  LeaseHeldError,
  MetadataError,
  MetadataStoreError,
  NotLeaseHolderError,
  SnapshotNotFoundError,
} from './metadata-error';
